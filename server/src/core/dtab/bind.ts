// Binding (Finagle `Namer.bind`, spec/dtab-language.md §5.4): a path or tree is looked up repeatedly until only
// bound names, Neg, Fail and Empty remain. Pure and synchronous.
//
// Implemented as an explicit-stack machine rather than recursion: the depth limit bounds the number of lookups in
// a chain, but every lookup result can itself be a deeply nested tree. Results are memoised per (path, depth,
// weight) — a sync lookup is deterministic, so this changes nothing observable — which keeps Union cycles such as
// `/a => /a & /a` linear; the size of the written-out result is capped for the same reason.

import type { NameTree, Path, Weighted } from './ast.js';
import { pathKey } from './lookup.js';
import type { LookupFn, Name, NameBound } from './namers-types.js';
import { namePath, safeLookup } from './namers-types.js';
import { leaf, Neg, simplifyShallow, union } from './tree.js';

export const DEFAULT_MAX_DEPTH = 100;
/** Largest bound tree (nodes, shared subtrees counted each time) that bind returns. */
export const DEFAULT_MAX_NODES = 100_000;
/**
 * Most lookups one bind may make. Unions evaluate every branch, so a dtab whose unions keep matching longer and
 * longer paths (e.g. `/ => (/a & /b)`) needs exponentially many lookups before the depth limit stops it.
 */
export const DEFAULT_MAX_LOOKUPS = 100_000;
/** Addr metadata key Finagle sets on bound leaves under a weighted Union branch. */
export const WEIGHT_META_KEY = 'namer_nametree_weight';

export type BindResult =
  | { readonly state: 'ok'; readonly tree: NameTree<NameBound> }
  | { readonly state: 'failed'; readonly message: string }
  | { readonly state: 'pending' };

export interface BindOptions {
  /** Finagle's `namerMaxDepth` (default 100): the number of lookups a resolution may take. */
  readonly maxDepth?: number;
  readonly maxNodes?: number;
  readonly maxLookups?: number;
}

export function maxDepthMessage(maxDepth: number): string {
  return `Max recursion level: ${maxDepth} reached in Namer lookup`;
}

/** `bind(lookup, path)`: binds `Leaf(NamePath(path))`. */
export function bind(lookupFn: LookupFn, path: Path, options: BindOptions = {}): BindResult {
  return bindTree(lookupFn, leaf(namePath(path)), options);
}

type Frame =
  | { readonly k: 'memo'; readonly key: string }
  | {
      readonly k: 'union';
      readonly items: readonly Weighted<Name>[];
      readonly depth: number;
      next: number;
      readonly results: { weight: number; result: BindResult }[];
    }
  | { readonly k: 'alt'; readonly trees: readonly NameTree<Name>[]; readonly depth: number; readonly weight?: number; next: number };

interface Task {
  readonly tree: NameTree<Name>;
  readonly depth: number;
  readonly weight: number | undefined;
}

/** `bindT(tree, 0, None)` of §5.4 for a tree of names (paths still to look up, or names already bound). */
export function bindTree(lookupFn: LookupFn, tree: NameTree<Name>, options: BindOptions = {}): BindResult {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  let lookupsLeft = options.maxLookups ?? DEFAULT_MAX_LOOKUPS;
  const memo = new Map<string, BindResult>();
  const sizes = new WeakMap<NameTree<NameBound>, number>();
  const sizeOf = (t: NameTree<NameBound>) => sizes.get(t) ?? 1;
  const stack: Frame[] = [];
  let task: Task | undefined = { tree, depth: 0, weight: undefined };
  let result: BindResult = { state: 'ok', tree: Neg };

  for (;;) {
    if (task) {
      // Evaluate `task` until it yields a result or pushes a frame and a sub-task.
      const current: Task = task;
      const { tree: t, depth, weight } = current;
      task = undefined;
      if (depth > maxDepth) {
        result = { state: 'failed', message: maxDepthMessage(maxDepth) };
      } else if (t.kind === 'leaf' && t.value.kind === 'path') {
        const key = `${depth}|${weight ?? ''}|${pathKey(t.value.path)}`;
        const known = memo.get(key);
        if (known) {
          result = known;
        } else {
          if (lookupsLeft-- <= 0) {
            // Abort the whole bind (a Union would drop a failed branch and carry on).
            return {
              state: 'failed',
              message: `bind gave up after ${options.maxLookups ?? DEFAULT_MAX_LOOKUPS} lookups: the dtab's unions branch too much (a Union that refers back to itself?)`,
            };
          }
          const r = safeLookup(lookupFn, t.value.path);
          if (r.state === 'ok') {
            stack.push({ k: 'memo', key });
            task = { tree: r.tree, depth: depth + 1, weight };
            continue;
          }
          result = r.state === 'failed' ? { state: 'failed', message: r.message } : r;
          memo.set(key, result);
        }
      } else if (t.kind === 'leaf') {
        result = { state: 'ok', tree: leaf(withWeight(t.value as NameBound, weight)) };
      } else if (t.kind === 'union' || t.kind === 'alt') {
        const n = t.kind === 'union' ? t.weighted.length : t.trees.length;
        if (n === 0) {
          result = { state: 'ok', tree: Neg };
        } else if (t.kind === 'union' && n === 1) {
          task = { tree: t.weighted[0]!.tree, depth, weight: t.weighted[0]!.weight };
          continue;
        } else if (t.kind === 'alt' && n === 1) {
          task = { tree: t.trees[0]!, depth, weight };
          continue;
        } else if (t.kind === 'union') {
          stack.push({ k: 'union', items: t.weighted, depth, next: 0, results: [] });
          task = { tree: t.weighted[0]!.tree, depth, weight: t.weighted[0]!.weight };
          continue;
        } else {
          stack.push({ k: 'alt', trees: t.trees, depth, weight, next: 0 });
          task = { tree: t.trees[0]!, depth, weight };
          continue;
        }
      } else {
        result = { state: 'ok', tree: t as NameTree<never> };
      }
    }

    // Return `result` to the innermost frame.
    const frame = stack.pop();
    if (!frame) return result;
    if (frame.k === 'memo') {
      memo.set(frame.key, result);
    } else if (frame.k === 'alt') {
      const stop = result.state !== 'ok' || result.tree.kind !== 'neg';
      if (stop) {
        // Pending, Failed, Fail, or a positive answer: no fallback to later alternatives.
        continue;
      }
      frame.next++;
      if (frame.next < frame.trees.length) {
        stack.push(frame);
        task = { tree: frame.trees[frame.next]!, depth: frame.depth, weight: frame.weight };
      } else {
        result = { state: 'ok', tree: Neg };
      }
    } else {
      frame.results.push({ weight: frame.items[frame.next]!.weight, result });
      frame.next++;
      if (frame.next < frame.items.length) {
        stack.push(frame);
        const item = frame.items[frame.next]!;
        task = { tree: item.tree, depth: frame.depth, weight: item.weight };
      } else {
        result = combineUnion(frame.results);
        if (result.state === 'ok') {
          const t = result.tree;
          const size = t.kind === 'union' ? t.weighted.reduce((n, w) => n + sizeOf(w.tree), 1) : sizeOf(t);
          if (size > maxNodes) {
            // Abort the whole bind: a Union would otherwise drop this branch and return a silently cut tree.
            return {
              state: 'failed',
              message: `bound tree too large: more than ${maxNodes} nodes (a Union that refers back to itself?)`,
            };
          }
          if (t.kind === 'union') {
            sizes.set(t, size);
          }
        }
      }
    }
  }
}

/** §5.4 Union of n ≥ 2: the Ok branches (simplified), else the first failure, else pending. */
function combineUnion(results: readonly { weight: number; result: BindResult }[]): BindResult {
  const oks: Weighted<NameBound>[] = [];
  for (const r of results) if (r.result.state === 'ok') oks.push({ weight: r.weight, tree: r.result.tree });
  // Branch results are already simplified, so one level of simplification is the full `simplify`.
  if (oks.length > 0) return { state: 'ok', tree: simplifyShallow(union(oks)) };
  const firstFailure = results.find((r) => r.result.state === 'failed');
  return firstFailure ? firstFailure.result : { state: 'pending' };
}

/** A bound leaf under a weighted Union branch: its Bound addr carries the weight as metadata. */
function withWeight(b: NameBound, weight: number | undefined): NameBound {
  if (weight === undefined || b.addr.type !== 'bound') return b;
  return { ...b, addr: { ...b.addr, meta: { ...b.addr.meta, [WEIGHT_META_KEY]: weight } } };
}
