// NameTree operations (spec/dtab-language.md §4): simplify, eval, structural equality and map.
// Pure. Every walk here uses an explicit stack, because programmatic and bound trees can nest deeper than the
// JS call stack allows (a Union cycle binds to a ~100-level nested Union of arbitrarily nested dsts).

import type { NameTree, Weighted } from './ast.js';

const NEG: NameTree<never> = { kind: 'neg' };
const FAIL: NameTree<never> = { kind: 'fail' };
const EMPTY: NameTree<never> = { kind: 'empty' };

/** The shared leafless nodes; `NameTree<never>` is assignable to every `NameTree<T>`. */
export const Neg = NEG;
export const Fail = FAIL;
export const Empty = EMPTY;

export function leaf<T>(value: T): NameTree<T> {
  return { kind: 'leaf', value };
}

export function alt<T>(trees: readonly NameTree<T>[]): NameTree<T> {
  return { kind: 'alt', trees };
}

export function union<T>(weighted: readonly Weighted<T>[]): NameTree<T> {
  return { kind: 'union', weighted };
}

/** The direct children of a tree node, in order. */
export function childrenOf<T>(t: NameTree<T>): readonly NameTree<T>[] {
  if (t.kind === 'alt') return t.trees;
  if (t.kind === 'union') return t.weighted.map((w) => w.tree);
  return [];
}

/**
 * Post-order fold over any tree without recursion: `combine` receives a node and the folded values of its
 * children (in order). Results are memoised per node object, so a tree that shares subtrees (a DAG, as the
 * memoising binder and delegator produce) is folded once per distinct node.
 */
export function foldPostOrder<N extends object, R>(
  root: N,
  children: (node: N) => readonly N[],
  combine: (node: N, kids: readonly R[]) => R,
): R {
  const memo = new Map<N, R>();
  const stack: { node: N; kids: readonly N[]; results: R[] }[] = [{ node: root, kids: children(root), results: [] }];
  let last!: R;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.results.length < top.kids.length) {
      const kid = top.kids[top.results.length]!;
      if (memo.has(kid)) top.results.push(memo.get(kid)!);
      else stack.push({ node: kid, kids: children(kid), results: [] });
      continue;
    }
    stack.pop();
    last = combine(top.node, top.results);
    memo.set(top.node, last);
    stack[stack.length - 1]?.results.push(last);
  }
  return last;
}

/** `foldPostOrder` over a NameTree. */
export function foldTree<T, R>(root: NameTree<T>, combine: (t: NameTree<T>, kids: readonly R[]) => R): R {
  return foldPostOrder<NameTree<T>, R>(root, childrenOf, combine);
}

/** Maps every leaf value; the structure and weights are kept. */
export function mapTree<T, U>(t: NameTree<T>, f: (value: T) => U): NameTree<U> {
  return mapTreeWith(t, applyTo, f);
}

const applyTo = <T, U>(value: T, f: (value: T) => U): U => f(value);

/**
 * `mapTree` with a context argument passed to `f`, so hot callers (a lookup rewrites every matching dentry) need
 * no closure per call.
 */
export function mapTreeWith<T, U, C>(t: NameTree<T>, f: (value: T, ctx: C) => U, ctx: C): NameTree<U> {
  // Destinations are small and shallow: map them by bounded recursion, and fall back to the explicit-stack fold
  // only for trees nested deeper than SHALLOW_DEPTH.
  return (
    mapShallow(t, f, ctx, SHALLOW_DEPTH) ??
    foldTree<T, NameTree<U>>(t, (node, kids) => {
      switch (node.kind) {
        case 'leaf':
          return leaf(f(node.value, ctx));
        case 'alt':
          return alt(kids);
        case 'union':
          return union(node.weighted.map((w, i) => ({ weight: w.weight, tree: kids[i]! })));
        default:
          return node as NameTree<never>;
      }
    })
  );
}

const SHALLOW_DEPTH = 32;

/** Bounded-depth recursive map; undefined when the tree nests deeper than `budget`. */
function mapShallow<T, U, C>(t: NameTree<T>, f: (value: T, ctx: C) => U, ctx: C, budget: number): NameTree<U> | undefined {
  if (t.kind === 'leaf') return { kind: 'leaf', value: f(t.value, ctx) };
  if (t.kind === 'alt') {
    if (budget === 0) return undefined;
    const trees = new Array<NameTree<U>>(t.trees.length);
    for (let i = 0; i < trees.length; i++) {
      const m = mapShallow(t.trees[i]!, f, ctx, budget - 1);
      if (!m) return undefined;
      trees[i] = m;
    }
    return { kind: 'alt', trees };
  }
  if (t.kind === 'union') {
    if (budget === 0) return undefined;
    const weighted = new Array<Weighted<U>>(t.weighted.length);
    for (let i = 0; i < weighted.length; i++) {
      const m = mapShallow(t.weighted[i]!.tree, f, ctx, budget - 1);
      if (!m) return undefined;
      weighted[i] = { weight: t.weighted[i]!.weight, tree: m };
    }
    return { kind: 'union', weighted };
  }
  return t as NameTree<never>;
}

/**
 * One level of §4.1 `simplify`, for a node whose children are already simplified. Used by `simplify` and by
 * the binder, whose branch results are always simplified (so a full walk per Union level is unnecessary).
 */
export function simplifyShallow<T>(t: NameTree<T>): NameTree<T> {
  if (t.kind === 'alt') {
    if (t.trees.length === 0) return NEG;
    if (t.trees.length === 1) return t.trees[0]!;
    const out: NameTree<T>[] = [];
    for (const s of t.trees) {
      if (s.kind === 'fail') {
        out.push(s);
        break;
      }
      if (s.kind !== 'neg') out.push(s);
    }
    if (out.length === 0) return NEG;
    if (out.length === 1) return out[0]!;
    return out.length === t.trees.length && out.every((s, i) => s === t.trees[i]) ? t : alt(out);
  }
  if (t.kind === 'union') {
    if (t.weighted.length === 0) return NEG;
    if (t.weighted.length === 1) return t.weighted[0]!.tree;
    const out = t.weighted.filter((w) => w.tree.kind !== 'fail' && w.tree.kind !== 'neg');
    if (out.length === 0) return NEG;
    if (out.length === 1) return out[0]!.tree;
    return out.length === t.weighted.length ? t : union(out);
  }
  return t;
}

/** §4.1 `simplify` (idempotent). Alt: Neg members removed, cut after the first Fail; Union: Neg/Fail dropped. */
export function simplify<T>(t: NameTree<T>): NameTree<T> {
  return foldTree<T, NameTree<T>>(t, (node, kids) => {
    if (node.kind === 'alt') return simplifyShallow(alt(kids));
    if (node.kind === 'union') {
      return simplifyShallow(union(node.weighted.map((w, i) => ({ weight: w.weight, tree: kids[i]! }))));
    }
    return node;
  });
}

/**
 * A leaf's identity for `eval`'s set: paths (arrays of labels) compare by their labels, anything else by identity.
 * Labels are byte strings, so U+0100 cannot occur in them and makes a safe separator.
 */
const valueKey = (v: unknown): unknown => (Array.isArray(v) ? v.join('\u0100') : v);

/**
 * §4.2 `eval`: `undefined` for negative or failed, else the set of leaf values (weights discarded). Leaves are
 * deduplicated by `keyOf` (default: paths by their labels), so `/a & /a` gives one `/a`.
 */
export function evalTree<T>(t: NameTree<T>, keyOf: (value: T) => unknown = valueKey): Set<T> | undefined {
  type Ev = 'neg' | 'fail' | Map<unknown, T>;
  const r = foldTree<T, Ev>(t, (node, kids): Ev => {
    switch (node.kind) {
      case 'leaf':
        return new Map([[keyOf(node.value), node.value]]);
      case 'neg':
        return 'neg';
      case 'fail':
        return 'fail';
      case 'empty':
        return new Map();
      case 'alt': {
        if (kids.length === 1) return kids[0]!;
        for (const k of kids) {
          if (k === 'fail') return 'fail';
          if (k !== 'neg') return k;
        }
        return 'neg';
      }
      case 'union': {
        if (kids.length === 1) return kids[0]!;
        const sets = kids.filter((k): k is Map<unknown, T> => typeof k !== 'string');
        if (sets.length === 0) return 'neg';
        const all = new Map<unknown, T>();
        for (const s of sets) for (const [k, v] of s) if (!all.has(k)) all.set(k, v);
        return all;
      }
    }
  });
  return typeof r === 'string' ? undefined : new Set(r.values());
}

/** Structural equality (§1.1): same shape, weights equal as doubles, leaves equal by `leafEquals`. */
export function nameTreeEquals<T>(
  a: NameTree<T>,
  b: NameTree<T>,
  leafEquals: (x: T, y: T) => boolean = Object.is,
): boolean {
  // Two leaves, the commonest case, need no stack.
  if (a.kind === 'leaf' && b.kind === 'leaf') return a === b || leafEquals(a.value, b.value);
  // The pairs still to compare, as two parallel stacks (no array per pair).
  const xs: NameTree<T>[] = [a];
  const ys: NameTree<T>[] = [b];
  while (xs.length > 0) {
    const x = xs.pop()!;
    const y = ys.pop()!;
    if (x === y) continue;
    if (x.kind !== y.kind) return false;
    if (x.kind === 'leaf') {
      if (!leafEquals(x.value, (y as typeof x).value)) return false;
    } else if (x.kind === 'alt') {
      const trees = (y as typeof x).trees;
      if (x.trees.length !== trees.length) return false;
      for (let i = 0; i < trees.length; i++) {
        xs.push(x.trees[i]!);
        ys.push(trees[i]!);
      }
    } else if (x.kind === 'union') {
      const weighted = (y as typeof x).weighted;
      if (x.weighted.length !== weighted.length) return false;
      for (let i = 0; i < weighted.length; i++) {
        // Double equality: 1 and 1.0 are equal; NaN is not equal to itself, as in Scala's `==` on Double.
        if (x.weighted[i]!.weight !== weighted[i]!.weight) return false;
        xs.push(x.weighted[i]!.tree);
        ys.push(weighted[i]!.tree);
      }
    }
  }
  return true;
}

/** Number of nodes when the tree is written out (shared subtrees counted each time), capped at `cap`. */
export function expandedSize<T>(t: NameTree<T>, cap = Number.MAX_SAFE_INTEGER): number {
  return foldTree<T, number>(t, (_node, kids) => {
    let n = 1;
    for (const k of kids) n = Math.min(cap, n + k);
    return n;
  });
}
