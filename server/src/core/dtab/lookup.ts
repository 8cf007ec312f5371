// Dtab.lookup (spec/dtab-language.md §3.1–3.2) and the dtab algebra of §3.3. Pure.
// Lookups go through a per-dtab prefix trie (built once, cached per Dtab array) so that a 10,000-dentry dtab
// costs only the dentries that can match, while the result keeps exact Finagle order (last dentry first).

import { AnyElem, type Dentry, type Dtab, type NameTree, type Path, type Prefix } from './ast.js';
import { DENTRY_NOP } from './show.js';
import { alt, mapTree, mapTreeWith, nameTreeEquals, Neg, simplify } from './tree.js';

export function pathEquals(a: Path, b: Path): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Element-wise `startsWith` (no wildcards): `/foo` is a prefix of `/foo/bar`, not of `/foobar`. */
export function pathStartsWith(path: Path, prefix: Path): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}

/** A string key that identifies a path (labels are byte strings, so `\u0100` cannot occur in them). */
export function pathKey(p: Path): string {
  return p.join('\u0100');
}

/** §3.1: every prefix element is `*` or equals the path's element; the prefix may not be longer than the path. */
export function prefixMatches(prefix: Prefix, path: Path): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const e = prefix[i]!;
    if (e !== AnyElem && e !== path[i]) return false;
  }
  return true;
}

export function prefixEquals(a: Prefix, b: Prefix): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// The prefix trie.

interface TrieNode {
  /** Indices of the dentries whose prefix ends at this node. */
  readonly ends: number[];
  readonly labels: Map<string, TrieNode>;
  any?: TrieNode;
}

const newNode = (): TrieNode => ({ ends: [], labels: new Map() });

interface CachedTrie {
  readonly root: TrieNode;
  // Dtabs are immutable by type, but a caller could still mutate the array: rebuild when it visibly changed.
  readonly length: number;
  readonly first?: Dentry;
  readonly last?: Dentry;
}

const trieCache = new WeakMap<Dtab, CachedTrie>();

function trieOf(dtab: Dtab): TrieNode {
  const cached = trieCache.get(dtab);
  if (cached && cached.length === dtab.length && cached.first === dtab[0] && cached.last === dtab[dtab.length - 1]) {
    return cached.root;
  }
  const root = newNode();
  dtab.forEach((d, index) => {
    let node = root;
    for (const e of d.prefix) {
      if (e === AnyElem) {
        node = node.any ??= newNode();
      } else {
        let next = node.labels.get(e);
        if (!next) node.labels.set(e, (next = newNode()));
        node = next;
      }
    }
    node.ends.push(index);
  });
  trieCache.set(dtab, { root, length: dtab.length, first: dtab[0], last: dtab[dtab.length - 1] });
  return root;
}

/** Indices of every dentry whose prefix matches `path`, highest index (= highest priority) first. */
export function matchingDentries(dtab: Dtab, path: Path): number[] {
  if (dtab.length <= 8) {
    const out: number[] = [];
    for (let i = dtab.length - 1; i >= 0; i--) if (prefixMatches(dtab[i]!.prefix, path)) out.push(i);
    return out;
  }
  const out: number[] = [];
  // Explicit stack of (node, depth): each path element can follow its label edge and the `*` edge.
  const stack: [TrieNode, number][] = [[trieOf(dtab), 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    for (const i of node.ends) out.push(i);
    if (depth === path.length) continue;
    const byLabel = node.labels.get(path[depth]!);
    if (byLabel) stack.push([byLabel, depth + 1]);
    if (node.any) stack.push([node.any, depth + 1]);
  }
  return out.sort(descending);
}

const descending = (a: number, b: number) => b - a;

/** The destination of dentry `d` applied to `path`: every leaf gets the residual (path minus the prefix's length). */
export function rewrite(d: Dentry, path: Path): NameTree<Path> {
  return rewriteMapped(d, path, identity);
}

const identity = <T>(x: T): T => x;

interface Rewriting<T> {
  readonly residual: Path;
  readonly f: (p: Path) => T;
}

const appendResidual = <T>(p: Path, r: Rewriting<T>): T => r.f(p.length === 0 ? r.residual : p.concat(r.residual));

/** `rewrite`, with each rewritten leaf path passed through `f` in the same pass. */
export function rewriteMapped<T>(d: Dentry, path: Path, f: (p: Path) => T): NameTree<T> {
  if (path.length === d.prefix.length) return mapTree(d.dst, f);
  return mapTreeWith(d.dst, appendResidual, { residual: path.slice(d.prefix.length), f });
}

/**
 * §3.2 `Dtab.lookup`: the rewrites of every matching dentry, last-defined first; one match is returned alone, no
 * match gives exactly `Neg` (callers fall back to namers only on that).
 */
export function lookup(dtab: Dtab, path: Path): NameTree<Path> {
  return lookupMapped(dtab, path, identity);
}

/** `lookup` with each resulting leaf path passed through `f` (e.g. to make `Name.Path`s) in the same pass. */
export function lookupMapped<T>(dtab: Dtab, path: Path, f: (p: Path) => T): NameTree<T> {
  const hits = matchingDentries(dtab, path);
  if (hits.length === 0) return Neg;
  if (hits.length === 1) return rewriteMapped(dtab[hits[0]!]!, path, f);
  const trees = new Array<NameTree<T>>(hits.length);
  for (let i = 0; i < hits.length; i++) trees[i] = rewriteMapped(dtab[hits[i]!]!, path, f);
  return alt(trees);
}

// ---------------------------------------------------------------------------------------------------------------
// Dtab algebra (§3.3).

/** `d1 ++ d2`: `d2`'s entries come later, so they take priority. */
export function concat(d1: Dtab, d2: Dtab): Dtab {
  if (d2.length === 0) return d1;
  if (d1.length === 0) return d2;
  return [...d1, ...d2];
}

export function dentryEquals(a: Dentry, b: Dentry): boolean {
  return prefixEquals(a.prefix, b.prefix) && nameTreeEquals(a.dst, b.dst, pathEquals);
}

/** If `d` starts with exactly the entries of `prefix`, the rest; otherwise `d` unchanged. */
export function stripPrefix(d: Dtab, prefix: Dtab): Dtab {
  if (prefix.length > d.length) return d;
  for (let i = 0; i < prefix.length; i++) if (!dentryEquals(d[i]!, prefix[i]!)) return d;
  return d.slice(prefix.length);
}

/** Every dst simplified; entries whose simplified dst is Neg removed. (Not what lookup uses.) */
export function simplified(d: Dtab): Dtab {
  const out: Dentry[] = [];
  for (const e of d) {
    const dst = simplify(e.dst);
    if (dst.kind !== 'neg') out.push({ prefix: e.prefix, dst });
  }
  return out;
}

/** `Equiv[Dtab]`: same length, pairwise equal prefixes and equal simplified destinations. */
export function dtabEquiv(a: Dtab, b: Dtab): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!prefixEquals(a[i]!.prefix, b[i]!.prefix)) return false;
    if (!nameTreeEquals(simplify(a[i]!.dst), simplify(b[i]!.dst), pathEquals)) return false;
  }
  return true;
}

/**
 * True for a dentry equivalent to `Dentry.nop` (same prefix, simplified dst Neg): what namerd's JSON codec
 * omits (`mkDentry` uses `Dentry.equiv`).
 */
export function isNopEquivalent(d: Dentry): boolean {
  return d === DENTRY_NOP || (prefixEquals(d.prefix, DENTRY_NOP.prefix) && simplify(d.dst).kind === 'neg');
}

/** `Dtab.fail`: `/=>!`. */
export const FAIL_DTAB: Dtab = [{ prefix: [], dst: { kind: 'fail' } }];
