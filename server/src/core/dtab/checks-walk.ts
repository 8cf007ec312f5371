// Walks over the syntax tree for the checks: every TreeNode of a destination with its parent, without
// recursion (a destination can nest parentheses deeper than the JS call stack). Pure.

import type { DentryNode, LabelNode, Span, TreeNode } from './ast.js';

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
 * Whether the destination text of a dentry (after its `=>`, comments included) contains `char`. A cheap
 * test on the text that spares building the syntax tree of a dentry (the parser builds it lazily) when a check
 * can only apply to destinations with a `*` (weights) or a `|` (alternatives).
 */
export function destinationHas(text: string, dentry: DentryNode, char: string): boolean {
  const span = dentry.span;
  const arrow = text.indexOf('=>', span.start);
  if (arrow < 0 || arrow >= span.end) return true; // unexpected: let the caller look at the tree
  const at = text.indexOf(char, arrow + 2);
  return at >= 0 && at < span.end;
}

/** The span from the first to the last of some labels (they must be non-empty and in order). */
export function labelsSpan(labels: readonly LabelNode[]): Span {
  return { start: labels[0]!.span.start, end: labels[labels.length - 1]!.span.end };
}
