// An upper bound on how many lookups resolving a path can take, for the whole dtab in linear time, so the
// resolution check binds only the prefixes that might exceed Finagle's depth limit (spec §5.4, G19).
//
// The bound comes from a graph over the dentries and the nodes of a trie of their prefixes. A destination leaf
// `L` (plus any residual) can only be rewritten by dentries whose prefix matches a leading part of `L` (the ends
// met walking `L` down the trie) or extends `L` (the subtree reached after `L`). Rewriting `/$/` namers lead to
// their prefix argument, or anywhere. The longest path from a dentry is its bound; a cycle makes it infinite.
// Pure.

import { AnyElem, type Dtab, type NameTree, type Path } from './ast.js';
import { insertPrefix, PrefixTrie, PrefixTrieWalk, type PrefixTrieNode } from './checks-prefix-trie.js';
import { NAMER_DOCS } from './namers-docs.js';
import type { SequenceMemo } from './checks-memo.js';

interface TrieNode extends PrefixTrieNode<TrieNode> {
  readonly id: number;
  readonly ends: number[];
}

export interface ChainBounds {
  /**
   * An upper bound on the lookups resolving `path` can take (Infinity when a cycle is reachable), capped at
   * `cap`; bounds at or below the `floor` given are not told apart (reported as `floor + 1`).
   */
  bound(path: Path): number;
}

/**
 * Chain bounds for a dtab. `leavesOf(j)` gives the leaf paths of dentry j's destination (a caller may have them
 * memoised). Values at or below `floor` only matter as "small": the work is then limited to the dentries that
 * can take part in a chain (see `chainCandidates`), and `bound` only looks at dentries above the floor.
 */
export function chainBounds(
  dtab: Dtab,
  cap: number,
  floor = 0,
  leavesOf: (j: number) => readonly Path[] = (j) => leafPaths(dtab[j]!.dst),
  cache?: ChainCache,
): ChainBounds {
  // Dentries outside the candidates rewrite to nothing any dentry matches: one lookup, which is at most `low`.
  const low = Math.max(1, floor);
  // When chains of first labels already show that no value passes the floor, there is nothing to compute.
  if (low > 1 && firstLabelBound(dtab, leavesOf) <= low) return { bound: () => 1 + low };
  const members = chainCandidates(dtab, leavesOf);
  const compute = (): PrefixTrie => {
    const sub = members === undefined ? dtab : members.map((j) => dtab[j]!);
    const subLeaves = members === undefined ? leavesOf : (k: number) => leavesOf(members[k]!);
    const value = graphValues(sub, subLeaves, cap);
    const trie = new PrefixTrie();
    sub.forEach((d, k) => {
      if (value[k]! > low) trie.add(d.prefix, value[k]!);
    });
    return trie;
  };
  const heavy = cache
    ? cache.memo.get(members === undefined ? dtab.map((_, j) => cache.keyOf(j)) : members.map(cache.keyOf), compute)
    : compute();
  return {
    // Only dentries whose prefix matches the path itself (no residual beyond it) start the resolution; then
    // the final lookup (a namer, or Neg).
    bound: (path) => 1 + Math.max(low, heavy.maxMatching(path)),
  };
}

/**
 * The dentries that can be part of a chain of two or more rewrites: those with a leaf some prefix may match
 * (same first label), and those whose prefix a leaf may reach. Every successor of one of them is one of them, so
 * the graph restricted to them gives the same values. Undefined when the first labels do not decide it (a
 * prefix starting with `*` or empty, a leaf `/`, a rewriting namer that may produce any path): then all of them.
 */
export function chainCandidates(dtab: Dtab, leavesOf: (j: number) => readonly Path[]): number[] | undefined {
  const prefixFirsts = new Set<string>();
  for (const d of dtab) {
    const first = d.prefix[0];
    if (first === undefined || first === AnyElem) return undefined;
    prefixFirsts.add(first);
  }
  const leafFirsts = new Set<string>();
  const live = new Uint8Array(dtab.length);
  for (let j = 0; j < dtab.length; j++) {
    for (const leaf of leavesOf(j)) {
      if (leaf.length === 0) return undefined;
      if (prefixFirsts.has(leaf[0]!)) live[j] = 1;
      leafFirsts.add(leaf[0]!);
      const rewrite = rewritingNamer(leaf);
      if (rewrite === undefined) continue;
      if (rewrite.pfx === undefined) return undefined;
      live[j] = 1;
      leafFirsts.add(rewrite.pfx);
    }
  }
  const out: number[] = [];
  for (let j = 0; j < dtab.length; j++) if (live[j] || leafFirsts.has(dtab[j]!.prefix[0] as string)) out.push(j);
  return out;
}

/**
 * An upper bound on every dentry's value from a graph over first labels: a rewrite by a dentry whose prefix
 * starts with A of a leaf starting with B can only be followed by a dentry whose prefix starts with B. So a chain
 * of dentries is a walk A → B → … in that small graph, and when it has no cycle its longest walk bounds every
 * chain. Infinity when first labels do not decide it (as in `chainCandidates`) or the graph has a cycle.
 */
function firstLabelBound(dtab: Dtab, leavesOf: (j: number) => readonly Path[]): number {
  const single = singleFirstLabelBound(dtab, leavesOf);
  if (single !== undefined) return single;
  // Per first label of a prefix: the largest weight of its dentries, and the first labels their leaves lead to.
  const weight = new Map<string, number>();
  const next = new Map<string, Set<string>>();
  // Neighbouring dentries mostly share their first label and their leaves' first labels: the last ones met are
  // remembered, so that most dentries cost no Map or Set operation.
  let lastFirst: string | undefined;
  let targets: Set<string> | undefined;
  let lastTarget: string | undefined;
  let lastWeight = 0;
  for (let j = 0; j < dtab.length; j++) {
    const first = dtab[j]!.prefix[0];
    if (first === undefined || first === AnyElem) return Infinity;
    if (first !== lastFirst || targets === undefined) {
      lastFirst = first;
      targets = next.get(first);
      if (!targets) next.set(first, (targets = new Set()));
      lastTarget = undefined;
      lastWeight = weight.get(first) ?? 0;
    }
    let w = 1;
    const leaves = leavesOf(j);
    for (let k = 0; k < leaves.length; k++) {
      const leaf = leaves[k]!;
      if (leaf.length === 0) return Infinity;
      if (leaf[0] !== lastTarget) targets.add((lastTarget = leaf[0]!));
      if (leaf[0] !== '$' || leaf.length < 2) continue;
      const rewrite = rewritingNamer(leaf);
      if (rewrite === undefined) continue;
      if (rewrite.pfx === undefined) return Infinity;
      w = 2;
      targets.add(rewrite.pfx);
    }
    if (w > lastWeight) weight.set(first, (lastWeight = w));
  }
  // Longest weighted walk from each label (depth-first with an explicit stack; a grey label met again: a cycle).
  const value = new Map<string, number>();
  const grey = new Set<string>();
  let best = 0;
  for (const start of next.keys()) {
    if (value.has(start)) continue;
    const stack: [string, Iterator<string>][] = [[start, next.get(start)!.values()]];
    grey.add(start);
    while (stack.length > 0) {
      const [label, it] = stack[stack.length - 1]!;
      const step = it.next();
      if (!step.done) {
        const to = step.value;
        if (grey.has(to)) return Infinity;
        if (!value.has(to) && next.has(to)) {
          grey.add(to);
          stack.push([to, next.get(to)!.values()]);
        }
        continue;
      }
      stack.pop();
      grey.delete(label);
      let longest = 0;
      for (const to of next.get(label)!) longest = Math.max(longest, value.get(to) ?? 0);
      const v = weight.get(label)! + longest;
      value.set(label, v);
      best = Math.max(best, v);
    }
  }
  return best;
}

/**
 * `firstLabelBound` when every prefix starts with the same label L (a router's dtab under its dstPrefix), with no
 * Map or Set: the graph is the one label, so the bound is its weight, or Infinity when an edge leads back to L (a
 * cycle) or first labels do not decide it. Undefined when the prefixes start with different labels.
 */
function singleFirstLabelBound(dtab: Dtab, leavesOf: (j: number) => readonly Path[]): number | undefined {
  if (dtab.length === 0) return undefined;
  const first = dtab[0]!.prefix[0];
  if (first === undefined || first === AnyElem) return Infinity;
  let weight = 1;
  for (let j = 0; j < dtab.length; j++) {
    if (dtab[j]!.prefix[0] !== first) return undefined;
    const leaves = leavesOf(j);
    for (let k = 0; k < leaves.length; k++) {
      const leaf = leaves[k]!;
      if (leaf.length === 0 || leaf[0] === first) return Infinity;
      if (leaf[0] !== '$' || leaf.length < 2) continue;
      const rewrite = rewritingNamer(leaf);
      if (rewrite === undefined) continue;
      if (rewrite.pfx === undefined || rewrite.pfx === first) return Infinity;
      weight = 2;
    }
  }
  return weight;
}

/**
 * Keeps the chain values between calls: `keyOf(j)` stands for dentry j (its prefix and leaves), and the values
 * are reused while the candidates are the same (same `cap` and `floor` on every call).
 */
export interface ChainCache {
  readonly memo: SequenceMemo<PrefixTrie>;
  keyOf(j: number): object;
}

const REWRITING_NAMERS: ReadonlySet<string> = new Set(NAMER_DOCS.filter((d) => d.result === 'rewrite').map((d) => d.name));

/** For a leaf `/$/<rewriting namer>/...`: the label its output starts with (…Pfx namers), or undefined: any. */
function rewritingNamer(leaf: Path): { readonly pfx: string | undefined } | undefined {
  if (leaf[0] !== '$' || leaf.length < 2) return undefined;
  // The names are ASCII, so the label's bytes are the name itself (no decoding per leaf and per check).
  const name = leaf[1]!;
  if (!REWRITING_NAMERS.has(name)) return undefined;
  const pfxIndex = name === 'io.buoyant.http.subdomainOfPfx' ? 3 : 2;
  return { pfx: name.endsWith('Pfx') ? leaf[pfxIndex] : undefined };
}

/** The leaf values of a tree, in order (an explicit stack: trees may nest deeper than the call stack). */
export function leafPaths<T>(tree: NameTree<T>): T[] {
  if (tree.kind === 'leaf') return [tree.value];
  // The common `/a | /b` and `w * /a & w * /b` (every member a leaf): an array of the exact size, no stack.
  const flat = flatLeaves(tree);
  if (flat !== undefined) return flat;
  const out: T[] = [];
  const stack: NameTree<T>[] = [tree];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.kind === 'leaf') out.push(t.value);
    else if (t.kind === 'alt') for (let i = t.trees.length - 1; i >= 0; i--) stack.push(t.trees[i]!);
    else if (t.kind === 'union') for (let i = t.weighted.length - 1; i >= 0; i--) stack.push(t.weighted[i]!.tree);
  }
  return out;
}

/** The leaves of an Alt or Union whose members are all leaves, or undefined. */
function flatLeaves<T>(tree: NameTree<T>): T[] | undefined {
  if (tree.kind === 'alt') {
    const trees = tree.trees;
    for (let i = 0; i < trees.length; i++) if (trees[i]!.kind !== 'leaf') return undefined;
    const out = new Array<T>(trees.length);
    for (let i = 0; i < trees.length; i++) out[i] = (trees[i] as { readonly value: T }).value;
    return out;
  }
  if (tree.kind === 'union') {
    const weighted = tree.weighted;
    for (let i = 0; i < weighted.length; i++) if (weighted[i]!.tree.kind !== 'leaf') return undefined;
    const out = new Array<T>(weighted.length);
    for (let i = 0; i < weighted.length; i++) out[i] = (weighted[i]!.tree as { readonly value: T }).value;
    return out;
  }
  return undefined;
}

/** The longest chain value of every dentry of `dtab` (Infinity on a cycle), capped at `cap`. */
function graphValues(dtab: Dtab, leavesOf: (j: number) => readonly Path[], cap: number): Float64Array {
  const nodes: TrieNode[] = [];
  const newNode = (): TrieNode => {
    const n: TrieNode = { id: nodes.length, ends: [], labels: undefined, any: undefined };
    nodes.push(n);
    return n;
  };
  const root = newNode();
  dtab.forEach((d, index) => insertPrefix(root, d.prefix, newNode).ends.push(index));

  const n = dtab.length;
  // Vertices: dentry j is j; trie node N has "ends" vertex n + 2·id and "subtree" vertex n + 2·id + 1.
  const endsVertex = (t: TrieNode) => n + 2 * t.id;
  const subVertex = (t: TrieNode) => n + 2 * t.id + 1;
  const vertexCount = n + 2 * nodes.length;

  // One reusable walk (its explicit stack) and visitor for every trie walk, to keep allocation out of the hot loop.
  const walk = new PrefixTrieWalk<TrieNode>();
  const collectTarget = (t: TrieNode, whole: boolean, out: number[]): void => {
    if (whole) out.push(subVertex(t));
    else if (t.ends.length > 0) out.push(endsVertex(t));
  };

  /**
   * Vertices for every dentry that can rewrite `path` plus anything appended to it: walking `path` down the trie
   * (label and `*` edges), the "ends" vertex of every node met with dentries ending there, and the "subtree"
   * vertex of each node reached after the whole path.
   */
  const targets = (path: Path, out: number[]) => walk.run(root, path, out, collectTarget);
  /** Lookups per dentry vertex: 1, or 2 when a rewriting namer's lookup follows the rewrite. */
  const weights = new Uint8Array(n).fill(1);
  const leafTargets = (leaf: Path, out: number[], dentry: number) => {
    targets(leaf, out);
    if (leaf[0] !== '$' || leaf.length < 2) return;
    const rewrite = rewritingNamer(leaf);
    if (rewrite === undefined) return;
    weights[dentry] = 2;
    // A rewriting namer's output starts with its prefix argument (…Pfx namers), or is anything.
    targets(rewrite.pfx === undefined ? [] : [rewrite.pfx], out);
  };

  const successors = (v: number): number[] => {
    const out: number[] = [];
    if (v < n) {
      for (const leaf of leavesOf(v)) leafTargets(leaf, out, v);
      return out;
    }
    const t = nodes[(v - n) >> 1]!;
    if ((v - n) % 2 === 0) return t.ends;
    out.push(endsVertex(t));
    if (t.labels) for (const c of t.labels.values()) out.push(subVertex(c));
    if (t.any) out.push(subVertex(t.any));
    return out;
  };

  return longestPaths(n, vertexCount, successors, (v) => (v < n ? weights[v]! : 0), cap);
}

/**
 * Longest weighted path from every vertex reachable from the start vertices (Tarjan's SCCs, iteratively): a vertex that reaches a cycle gets
 * Infinity. SCCs complete in reverse topological order, so successors are final when a vertex is.
 */
function longestPaths(
  starts: number,
  count: number,
  successors: (v: number) => number[],
  weight: (v: number) => number,
  cap: number,
): Float64Array {
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const value = new Float64Array(count);
  const sccStack: number[] = [];
  let nextIndex = 0;
  // The DFS stack as parallel arrays (vertex, next successor position): no object per frame.
  const frameVertex: number[] = [];
  const framePos: number[] = [];
  // Successor lists are kept until their vertex's SCC is complete (computing them can be a trie walk).
  const succOf: (number[] | undefined)[] = new Array(count);
  const open = (v: number) => {
    index[v] = low[v] = nextIndex++;
    sccStack.push(v);
    onStack[v] = 1;
    succOf[v] = successors(v);
    frameVertex.push(v);
    framePos.push(0);
  };

  // Only vertices reachable from the first `starts` (the dentries) matter.
  for (let start = 0; start < starts; start++) {
    if (index[start] !== -1) continue;
    open(start);
    while (frameVertex.length > 0) {
      const top = frameVertex.length - 1;
      const v = frameVertex[top]!;
      const succ = succOf[v]!;
      const pos = framePos[top]!;
      if (pos < succ.length) {
        framePos[top] = pos + 1;
        const w = succ[pos]!;
        if (index[w] === -1) open(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      frameVertex.pop();
      framePos.pop();
      if (top > 0) {
        const parent = frameVertex[top - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] !== index[v]) continue;
      // v is the root of an SCC: its members are the top of sccStack, down to v.
      let bottom = sccStack.length - 1;
      while (sccStack[bottom] !== v) bottom--;
      const cyclic = sccStack.length - bottom > 1 || succ.includes(v);
      for (let k = bottom; k < sccStack.length; k++) {
        const m = sccStack[k]!;
        onStack[m] = 0;
        if (cyclic) value[m] = Infinity;
        else {
          let best = 0;
          for (const x of succOf[m]!) best = Math.max(best, value[x]!);
          value[m] = Math.min(cap, weight(m) + best);
        }
        succOf[m] = undefined;
      }
      sccStack.length = bottom;
    }
  }
  return value;
}
