// Alternatives that are never tried (spec §5.4 bind Alt, gotcha G17): in `A | B`, B is consulted only when A
// answers Neg, so everything after an alternative that always answers (`!`, `$`, a `/$/inet` address, ...) is dead.
// Pure.

import type { Dentry, DentryNode, NameTree, Path } from './ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { answers } from './checks-dentries.js';
import { forEachTreeNode } from './checks-walk.js';
import { treeValue } from './parse.js';

export const UNREACHABLE_ALTERNATIVE = 'dtab/unreachable-alternative';

/**
 * The unreachable alternatives of one error-free dentry of `text`, given whether `/$/` paths reach the global
 * namer (no dentry of the dtab rewrites them).
 */
export function alternativeDiagnostics(
  text: string,
  dentry: DentryNode,
  value: Dentry,
  systemPathsAnswer: boolean,
): readonly Diagnostic[] {
  // Judge the value first (its Alt nodes are the written ones: only a '|' makes one, so this needs no scan of the
  // text for it); build the syntax tree only to report.
  if (!hasDeadAlternative(value.dst, systemPathsAnswer)) return NONE;
  return report(text, dentry, systemPathsAnswer);
}

const NONE: readonly Diagnostic[] = [];

/** The diagnostics of a dentry that has an unreachable alternative (its syntax tree is built for them). */
function report(text: string, dentry: DentryNode, systemPathsAnswer: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  forEachTreeNode(dentry.dst, (node) => {
    if (node.kind !== 'alt') return;
    const members = node.members;
    for (let i = 0; i < members.length - 1; i++) {
      const value = treeValue(members[i]!);
      if (!answers(value, systemPathsAnswer).always) continue;
      const shown = text.slice(members[i]!.span.start, members[i]!.span.end);
      const how = value.kind === 'fail' ? "fails with '!'" : 'always resolves';
      out.push({
        code: UNREACHABLE_ALTERNATIVE,
        severity: 'warning',
        span: { start: members[i + 1]!.span.start, end: node.span.end },
        message:
          `The alternatives after '${shown.length > 60 ? shown.slice(0, 57) + '...' : shown}' are never tried: it ` +
          `${how}, and an alternative is only tried when the ones before it find nothing (Neg). Remove them, or ` +
          `move them before it.`,
        unnecessary: true,
        fixes: [
          {
            title: 'Remove the unreachable alternatives',
            edits: [{ span: { start: members[i]!.span.end, end: node.span.end }, newText: '' }],
            preferred: true,
          },
        ],
      });
      break;
    }
  });
  return out;
}

/** Whether some Alt of the tree has a member before its last that always answers. */
function hasDeadAlternative(tree: NameTree<Path>, systemPathsAnswer: boolean): boolean {
  // The common path, `/a | /b` and `w * /a & w * /b` (members that are paths, with no Alt inside them) need no
  // stack.
  if (tree.kind === 'leaf') return false;
  if (tree.kind === 'alt' && allLeaves(tree.trees)) return deadBeforeLast(tree.trees, systemPathsAnswer);
  if (tree.kind === 'union' && allWeightedLeaves(tree.weighted)) return false;
  const stack: NameTree<Path>[] = [tree];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.kind === 'alt') {
      if (deadBeforeLast(t.trees, systemPathsAnswer)) return true;
      for (let i = t.trees.length - 1; i >= 0; i--) stack.push(t.trees[i]!);
    } else if (t.kind === 'union') {
      // (an Alt may be a member of a Union; its members are pushed one by one: a tree may have 100,000 of them)
      for (let i = t.weighted.length - 1; i >= 0; i--) stack.push(t.weighted[i]!.tree);
    }
  }
  return false;
}

function allLeaves(trees: readonly NameTree<Path>[]): boolean {
  for (let i = 0; i < trees.length; i++) if (trees[i]!.kind !== 'leaf') return false;
  return true;
}

function allWeightedLeaves(weighted: readonly { readonly tree: NameTree<Path> }[]): boolean {
  for (let i = 0; i < weighted.length; i++) if (weighted[i]!.tree.kind !== 'leaf') return false;
  return true;
}

/** Whether a member before the last always answers. */
function deadBeforeLast(trees: readonly NameTree<Path>[], systemPathsAnswer: boolean): boolean {
  for (let i = 0; i < trees.length - 1; i++) if (answers(trees[i]!, systemPathsAnswer).always) return true;
  return false;
}
