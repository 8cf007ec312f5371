// Walks over the syntax tree for the checks: every TreeNode of a destination with its parent, without
// recursion (a destination can nest parentheses deeper than the JS call stack). Pure.

import type { DentryNode, LabelNode, Span, TreeNode } from './ast.js';
import { dentryEnd, dentryStart } from './parse.js';

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
 * can only apply to destinations with a `*` (weights). `char`: one UTF-16 code unit.
 */
export function destinationHas(text: string, dentry: DentryNode, char: string): boolean {
  const end = dentryEnd(dentry);
  const arrow = text.indexOf('=>', dentryStart(dentry));
  if (arrow < 0 || arrow >= end) return true; // unexpected: let the caller look at the tree
  // Scans up to the dentry's end only (`indexOf` would scan the rest of the document when `char` is absent).
  const code = char.charCodeAt(0);
  for (let at = arrow + 2; at < end; at++) if (text.charCodeAt(at) === code) return true;
  return false;
}

/** The span from the first to the last of some labels (they must be non-empty and in order). */
export function labelsSpan(labels: readonly LabelNode[]): Span {
  return { start: labels[0]!.span.start, end: labels[labels.length - 1]!.span.end };
}
