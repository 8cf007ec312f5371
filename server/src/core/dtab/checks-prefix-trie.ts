// A trie of dentry prefixes, each with a number, answering "the largest number among the prefixes that match
// this path" without allocating per query: the chain bounds keep their values in one, the shadowing check the
// ordinals of the dentries that always answer. Pure.

import { AnyElem, type Path, type Prefix } from './ast.js';

interface Node {
  max: number;
  labels: Map<string, Node> | undefined;
  any: Node | undefined;
}

const newNode = (): Node => ({ max: -Infinity, labels: undefined, any: undefined });

export class PrefixTrie {
  private readonly root = newNode();
  private empty = true;
  // The walk's explicit stack, reused by every query (node, depth).
  private readonly walkNodes: Node[] = [];
  private readonly walkDepths: number[] = [];

  add(prefix: Prefix, value: number): void {
    this.empty = false;
    let node = this.root;
    for (const e of prefix) {
      if (e === AnyElem) node = node.any ??= newNode();
      else {
        node.labels ??= new Map();
        let next = node.labels.get(e);
        if (!next) node.labels.set(e, (next = newNode()));
        node = next;
      }
    }
    node.max = Math.max(node.max, value);
  }

  /** The largest value of a prefix matching `path` (label for label, `*` for any label), or -Infinity. */
  maxMatching(path: Path): number {
    if (this.empty) return -Infinity;
    let best = -Infinity;
    const nodes = this.walkNodes;
    const depths = this.walkDepths;
    nodes.push(this.root);
    depths.push(0);
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const depth = depths.pop()!;
      if (node.max > best) best = node.max;
      if (depth === path.length) continue;
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
    return best;
  }
}

/** Stands for a `*` when a prefix is used as a path: it equals no label (labels are bytes), only `*` matches it. */
const WILDCARD_PLACEHOLDER = '\u0100';

/** A prefix as a path, its `*` elements as a label only a `*` matches (the prefix itself when it has none). */
export function prefixAsPath(prefix: Prefix): Path {
  if (!prefix.includes(AnyElem)) return prefix as Path;
  return prefix.map((e) => (e === AnyElem ? WILDCARD_PLACEHOLDER : e));
}
