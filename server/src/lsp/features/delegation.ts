// The local delegation of a path through a dtab, for hovers and the `dtab/delegate` request: the engine's
// delegator and its human renderer (one line per step: dentry that fired, weights as shares, bound names,
// neg/fail/errors), capped in lines for a hover; names left to a configured namer end in a "resolved at runtime" step.

import type { Dtab, Path } from '../../core/dtab/ast.js';
import { delegate, delegateChildren, type DelegateTree } from '../../core/dtab/delegate.js';
import { delegateToJson } from '../../core/dtab/delegate-json.js';
import { renderDelegateTree, runtimeNamerOf } from '../../core/dtab/delegate-render.js';
import { pathKey } from '../../core/dtab/lookup.js';
import type { Namer } from '../../core/dtab/namers-types.js';
import { showPath } from '../../core/dtab/show.js';
import type { ConfiguredNamer } from '../namerCatalog.js';

/** Lines of tree shown in a hover; the rest is summarised. */
export const MAX_DELEGATION_LINES = 40;
/** Alternatives shown per Alt node (the first ones: they have priority). */
export const MAX_ALTERNATIVES = 8;

/**
 * Configured namers (`/#/io.l5d.k8s` …) cannot be evaluated offline: they answer "pending", and the rendering shows
 * the names left to them as resolved at runtime.
 */
export function runtimeNamers(namers: readonly ConfiguredNamer[]): Namer[] {
  return namers.map((n) => ({ prefix: n.prefix, lookup: () => ({ state: 'pending' }) }));
}

/** Recent hovers per dtab (the editor asks again as the mouse moves over the same path). */
const recent = new WeakMap<Dtab, Map<string, string>>();
const RECENT_PER_DTAB = 32;

/**
 * `namersConfigured`: a workspace config declares `namers` (else `namers` are the standard kinds, and any other
 * `/#/<kind>` name is also taken as left to a namer of that kind).
 */
export function delegationMarkdown(
  dtab: Dtab,
  path: Path,
  namers: readonly ConfiguredNamer[] = [],
  namersConfigured = false,
  maxLines = MAX_DELEGATION_LINES,
): string {
  const key = `${maxLines}|${String(namersConfigured)}|${namers.map((n) => pathKey(n.prefix)).join(',')}|${pathKey(path)}`;
  let memo = recent.get(dtab);
  const known = memo?.get(key);
  if (known !== undefined) return known;
  const markdown = renderDelegation(dtab, path, namers, namersConfigured, maxLines);
  if (!memo) recent.set(dtab, (memo = new Map()));
  if (memo.size >= RECENT_PER_DTAB) memo.delete(memo.keys().next().value!);
  memo.set(key, markdown);
  return markdown;
}

function renderDelegation(
  dtab: Dtab,
  path: Path,
  namers: readonly ConfiguredNamer[],
  namersConfigured: boolean,
  maxLines: number,
): string {
  const title = `**Delegation of \`${showPath(path)}\`** through this dtab (local, offline)`;
  const result = delegate(dtab, path, { namers: runtimeNamers(namers) });
  if (!result.ok) return `${title}\n\n⚠ ${result.message}`;
  const { tree, hidden } = firstAlternatives(result.tree, MAX_ALTERNATIVES);
  const lines = renderDelegateTree(tree, { runtimeNamer: runtimeNamerOf(namers, !namersConfigured) }).split('\n');
  const shown = lines.length > maxLines ? [...lines.slice(0, maxLines), `… ${lines.length - maxLines} more line(s)`] : lines;
  const sections = [title, '```text\n' + shown.join('\n').replace(/```/g, "'''") + '\n```'];
  if (hidden > 0) sections.push(`${hidden} lower-priority alternative(s) not shown; run \`dtab delegate\` for the whole tree.`);
  return sections.join('\n\n');
}

/** namerd's `/api/1/delegate` JSON for the same delegation, or an error object when it fails as a whole. */
export function delegationJson(dtab: Dtab, path: Path, namers: readonly ConfiguredNamer[] = []): string {
  const result = delegate(dtab, path, { namers: runtimeNamers(namers) });
  return result.ok ? delegateToJson(result.tree) : JSON.stringify({ error: result.message });
}

/**
 * The tree with every Alt cut to its first `k` alternatives (Unions are kept whole: their shares depend on every
 * member). Rebuilt bottom-up with an explicit stack, visiting only the kept nodes.
 */
export function firstAlternatives(root: DelegateTree, k: number): { tree: DelegateTree; hidden: number } {
  let hidden = 0;
  const kept = (n: DelegateTree): readonly DelegateTree[] => {
    if (n.kind === 'alt' && n.trees.length > k) return n.trees.slice(0, k);
    return delegateChildren(n);
  };
  const built = new Map<DelegateTree, DelegateTree>();
  const stack: { node: DelegateTree; expanded: boolean }[] = [{ node: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (built.has(top.node)) {
      stack.pop();
      continue;
    }
    const kids = kept(top.node);
    if (!top.expanded) {
      top.expanded = true;
      for (const c of kids) if (!built.has(c)) stack.push({ node: c, expanded: false });
      continue;
    }
    stack.pop();
    const n = top.node;
    const rebuilt = kids.map((c) => built.get(c)!);
    if (n.kind === 'alt') {
      hidden += n.trees.length - rebuilt.length;
      built.set(n, rebuilt.length === n.trees.length && rebuilt.every((c, i) => c === n.trees[i]) ? n : { ...n, trees: rebuilt });
    } else if (n.kind === 'union') {
      built.set(n, rebuilt.every((c, i) => c === n.weighted[i]!.tree) ? n : { ...n, weighted: n.weighted.map((w, i) => ({ weight: w.weight, tree: rebuilt[i]! })) });
    } else if (n.kind === 'delegate' || n.kind === 'transformation') {
      built.set(n, rebuilt[0] === n.tree ? n : { ...n, tree: rebuilt[0]! });
    } else {
      built.set(n, n);
    }
  }
  return { tree: built.get(root)!, hidden };
}
