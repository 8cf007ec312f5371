// Alternatives that are never tried (spec §5.4 bind Alt, gotcha G17): in `A | B`, B is consulted only when A
// answers Neg, so everything after an alternative that always answers (`!`, `$`, a `/$/inet` address, ...) is dead.
// Pure.

import type { Dentry, DentryNode, NameTree, Path } from './ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { answers } from './checks-dentries.js';
import { destinationHas, forEachTreeNode } from './checks-walk.js';
import { treeValue } from './parse.js';
import { childrenOf } from './tree.js';

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
): Diagnostic[] {
  if (!destinationHas(text, dentry, '|')) return [];
  // Judge the value first (its Alt nodes are the written ones); build the syntax tree only to report.
  if (!hasDeadAlternative(value.dst, systemPathsAnswer)) return [];
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
  const stack: NameTree<Path>[] = [tree];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.kind === 'alt') {
      for (let i = 0; i < t.trees.length - 1; i++) if (answers(t.trees[i]!, systemPathsAnswer).always) return true;
    }
    for (const kid of childrenOf(t)) stack.push(kid); // (not a spread: an Alt may have 100,000 members)
  }
  return false;
}
