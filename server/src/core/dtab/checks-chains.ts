// An upper bound on how many lookups resolving a path can take, for the whole dtab in linear time, so the
// resolution check binds only the prefixes that might exceed Finagle's depth limit (spec §5.4, G19).
//
// The bound comes from a graph over the dentries and the nodes of a trie of their prefixes. A destination leaf
// `L` (plus any residual) can only be rewritten by dentries whose prefix matches a leading part of `L` (the ends
// met walking `L` down the trie) or extends `L` (the subtree reached after `L`). Rewriting `/$/` namers lead to
// their prefix argument, or anywhere. The longest path from a dentry is its bound; a cycle makes it infinite.
// Pure.

import { AnyElem, type Dtab, type NameTree, type Path } from './ast.js';
import { namerDoc } from './namers-docs.js';
import { labelText } from './namers-text.js';
import { foldTree } from './tree.js';

interface TrieNode {
  readonly id: number;
  readonly ends: number[];
  readonly labels: Map<string, TrieNode>;
  any?: TrieNode;
}

export interface ChainBounds {
  /** The most lookups resolving `path` can take (Infinity when a cycle is reachable), capped at `cap`. */
  bound(path: Path): number;
}

export function chainBounds(dtab: Dtab, cap: number): ChainBounds {
  const nodes: TrieNode[] = [];
  const newNode = (): TrieNode => {
    const n: TrieNode = { id: nodes.length, ends: [], labels: new Map() };
    nodes.push(n);
    return n;
  };
  const root = newNode();
  dtab.forEach((d, index) => {
    let node = root;
    for (const e of d.prefix) {
      if (e === AnyElem) node = node.any ??= newNode();
      else {
        let next = node.labels.get(e);
        if (!next) node.labels.set(e, (next = newNode()));
        node = next;
      }
    }
    node.ends.push(index);
  });

  const n = dtab.length;
  // Vertices: dentry j is j; trie node N has "ends" vertex n + 2·id and "subtree" vertex n + 2·id + 1.
  const endsVertex = (t: TrieNode) => n + 2 * t.id;
  const subVertex = (t: TrieNode) => n + 2 * t.id + 1;
  const vertexCount = n + 2 * nodes.length;

  // One reusable explicit stack for the trie walks (node, depth), to keep allocation out of the hot loop.
  const walkNodes: TrieNode[] = [];
  const walkDepths: number[] = [];

  /**
   * Vertices for every dentry that can rewrite `path` plus anything appended to it: walking `path` down the trie
   * (label and `*` edges), the "ends" vertex of every node met with dentries ending there, and the "subtree"
   * vertex of each node reached after the whole path.
   */
  const targets = (path: Path, out: number[]) => {
    walkNodes.push(root);
    walkDepths.push(0);
    while (walkNodes.length > 0) {
      const t = walkNodes.pop()!;
      const depth = walkDepths.pop()!;
      if (depth === path.length) {
        out.push(subVertex(t));
        continue;
      }
      if (t.ends.length > 0) out.push(endsVertex(t));
      const next = t.labels.get(path[depth]!);
      if (next) {
        walkNodes.push(next);
        walkDepths.push(depth + 1);
      }
      if (t.any) {
        walkNodes.push(t.any);
        walkDepths.push(depth + 1);
      }
    }
  };
  /** Lookups per dentry vertex: 1, or 2 when a rewriting namer's lookup follows the rewrite. */
  const weights = new Uint8Array(n).fill(1);
  const leafTargets = (leaf: Path, out: number[], dentry: number) => {
    targets(leaf, out);
    if (leaf[0] !== '$' || leaf.length < 2) return;
    const name = labelText(leaf[1]!);
    if (namerDoc(name)?.result !== 'rewrite') return;
    weights[dentry] = 2;
    // A rewriting namer's output starts with its prefix argument (…Pfx namers), or is anything.
    const pfxIndex = name === 'io.buoyant.http.subdomainOfPfx' ? 3 : 2;
    const pfx = name.endsWith('Pfx') ? leaf[pfxIndex] : undefined;
    targets(pfx === undefined ? [] : [pfx], out);
  };

  const successors = (v: number): number[] => {
    const out: number[] = [];
    if (v < n) {
      const dst: NameTree<Path> = dtab[v]!.dst;
      if (dst.kind === 'leaf') leafTargets(dst.value, out, v);
      else foldTree<Path, null>(dst, (t) => (t.kind === 'leaf' && leafTargets(t.value, out, v), null));
      return out;
    }
    const t = nodes[(v - n) >> 1]!;
    if ((v - n) % 2 === 0) return t.ends;
    out.push(endsVertex(t));
    for (const c of t.labels.values()) out.push(subVertex(c));
    if (t.any) out.push(subVertex(t.any));
    return out;
  };

  const value = longestPaths(n, vertexCount, successors, (v) => (v < n ? weights[v]! : 0), cap);

  // The largest value among the dentries ending at a trie node, computed once per node (a node may hold
  // thousands of dentries with the same prefix).
  const endsMax = new Float64Array(nodes.length).fill(NaN);
  const maxOfEnds = (t: TrieNode) => {
    let m = endsMax[t.id]!;
    if (Number.isNaN(m)) {
      m = 0;
      for (const j of t.ends) m = Math.max(m, value[j]!);
      endsMax[t.id] = m;
    }
    return m;
  };

  return {
    bound(path: Path): number {
      // Only dentries whose prefix matches the path itself (no residual beyond it) start the resolution.
      let best = 0;
      walkNodes.push(root);
      walkDepths.push(0);
      while (walkNodes.length > 0) {
        const t = walkNodes.pop()!;
        const depth = walkDepths.pop()!;
        if (t.ends.length > 0) best = Math.max(best, maxOfEnds(t));
        if (depth === path.length) continue;
        const next = t.labels.get(path[depth]!);
        if (next) {
          walkNodes.push(next);
          walkDepths.push(depth + 1);
        }
        if (t.any) {
          walkNodes.push(t.any);
          walkDepths.push(depth + 1);
        }
      }
      return best + 1; // the final lookup (a namer, or Neg)
    },
  };
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
