// A trie of dentry prefixes, each with a number, answering "the largest number among the prefixes that match
// this path" without allocating per query: the chain bounds keep their values in one, the shadowing check the
// ordinals of the dentries that always answer. Pure.

import { AnyElem, type Path, type Prefix } from './ast.js';

/** A node of a trie over prefixes: an edge per label (created on first use) and one for `*`. */
export interface PrefixTrieNode<N> {
  labels: Map<string, N> | undefined;
  any: N | undefined;
}

/** The node of `prefix` below `root`, creating the missing nodes with `newNode`. */
export function insertPrefix<N extends PrefixTrieNode<N>>(root: N, prefix: Prefix, newNode: () => N): N {
  let node = root;
  for (const e of prefix) {
    if (e === AnyElem) node = node.any ??= newNode();
    else {
      node.labels ??= new Map();
      let next = node.labels.get(e);
      if (!next) node.labels.set(e, (next = newNode()));
      node = next;
    }
  }
  return node;
}

/** Walks a trie along a path with an explicit stack (node, depth) that is reused by every walk. */
export class PrefixTrieWalk<N extends PrefixTrieNode<N>> {
  private readonly nodes: N[] = [];
  private readonly depths: number[] = [];

  /**
   * Calls `visit` for every node whose prefix matches the start of `path` (label for label, `*` for any label);
   * `whole` says the node's prefix covers all of `path`. `context` is handed to `visit` so that callers need no
   * closure per walk.
   */
  run<C>(root: N, path: Path, context: C, visit: (node: N, whole: boolean, context: C) => void): void {
    const nodes = this.nodes;
    const depths = this.depths;
    nodes.push(root);
    depths.push(0);
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const depth = depths.pop()!;
      const whole = depth === path.length;
      visit(node, whole, context);
      if (whole) continue;
      const next = node.labels?.get(path[depth]!);
      if (next) {
        nodes.push(next);
        depths.push(depth + 1);
      }
      if (node.any) {
        nodes.push(node.any);
        depths.push(depth + 1);
      }
    }
  }
}

interface Node extends PrefixTrieNode<Node> {
  max: number;
}

const newNode = (): Node => ({ max: -Infinity, labels: undefined, any: undefined });

/** Raises `best.value` to the node's value. */
const raiseBest = (node: Node, _whole: boolean, best: { value: number }): void => {
  if (node.max > best.value) best.value = node.max;
};

export class PrefixTrie {
  private readonly root = newNode();
  private empty = true;
  private readonly walk = new PrefixTrieWalk<Node>();
  private readonly best = { value: -Infinity };

  add(prefix: Prefix, value: number): void {
    this.empty = false;
    const node = insertPrefix(this.root, prefix, newNode);
    node.max = Math.max(node.max, value);
  }

  /** The largest value of a prefix matching `path` (label for label, `*` for any label), or -Infinity. */
  maxMatching(path: Path): number {
    if (this.empty) return -Infinity;
    this.best.value = -Infinity;
    this.walk.run(this.root, path, this.best, raiseBest);
    return this.best.value;
  }
}

/** Stands for a `*` when a prefix is used as a path: it equals no label (labels are bytes), only `*` matches it. */
const WILDCARD_PLACEHOLDER = '\u0100';

/** A prefix as a path, its `*` elements as a label only a `*` matches (the prefix itself when it has none). */
export function prefixAsPath(prefix: Prefix): Path {
  if (!prefix.includes(AnyElem)) return prefix as Path;
  return prefix.map((e) => (e === AnyElem ? WILDCARD_PLACEHOLDER : e));
}
