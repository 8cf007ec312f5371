// Walks over the syntax tree for the checks: every TreeNode of a destination with its parent, without
// recursion (a destination can nest parentheses deeper than the JS call stack). Pure.

import type { DentryNode, DtabDocument, LabelNode, PathNode, Span, TreeNode } from './ast.js';

/** The direct children of a syntax node, in source order. */
export function treeChildren(node: TreeNode): readonly TreeNode[] {
  switch (node.kind) {
    case 'group':
      return [node.inner];
    case 'alt':
      return node.members;
    case 'union':
      return node.members.map((m) => m.tree);
    default:
      return [];
  }
}

/** Calls `visit` for every node of `root` in source order (pre-order), with its parent node. */
export function forEachTreeNode(root: TreeNode, visit: (node: TreeNode, parent: TreeNode | undefined) => void): void {
  // Most destinations are a single path: skip the stack.
  if (root.kind === 'leaf') return visit(root, undefined);
  const stack: [TreeNode, TreeNode | undefined][] = [[root, undefined]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    visit(node, parent);
    const kids = treeChildren(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, node]);
  }
}

/**
 * Every path written as a destination leaf of an error-free dentry, in source order, with its dentry. (Dentries
 * with syntax errors are skipped: their partial trees would only produce follow-on noise.)
 */
export function forEachLeafPath(doc: DtabDocument, visit: (path: PathNode, dentry: DentryNode) => void): void {
  for (const dentry of doc.dentries) {
    if (!dentry.value) continue;
    const dst = dentry.dst;
    if (dst.kind === 'leaf') visit(dst.path, dentry);
    else if (dst.kind !== 'neg' && dst.kind !== 'fail' && dst.kind !== 'empty') {
      forEachTreeNode(dst, (node) => {
        if (node.kind === 'leaf') visit(node.path, dentry);
      });
    }
  }
}

/** The span from the first to the last of some labels (they must be non-empty and in order). */
export function labelsSpan(labels: readonly LabelNode[]): Span {
  return { start: labels[0]!.span.start, end: labels[labels.length - 1]!.span.end };
}
