// A trie of dentry prefixes, each with a number, answering "the largest number among the prefixes that match
// this path" without allocating per query: the chain bounds keep their values in one, the shadowing check the
// ordinals of the dentries that always answer. Pure.

import { AnyElem, type Path, type Prefix } from './ast.js';
import { FNV_OFFSET, fnvStep } from './fnv.js';

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

export class PrefixTrie implements PrefixIndex {
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

  /** `maxMatching(path)` (a trie has no use for the prefix's hash). */
  maxMatchingPrefix(path: Path, _hash: number): number {
    return this.maxMatching(path);
  }
}

/** Stands for a `*` when a prefix is used as a path: it equals no label (labels are bytes), only `*` matches it. */
const WILDCARD_PLACEHOLDER = '\u0100';

/** A prefix as a path, its `*` elements as a label only a `*` matches (the prefix itself when it has none). */
export function prefixAsPath(prefix: Prefix): Path {
  if (!prefix.includes(AnyElem)) return prefix as Path;
  return prefix.map((e) => (e === AnyElem ? WILDCARD_PLACEHOLDER : e));
}

/**
 * FNV-1a over the chars of a label, then a separator code (labels are bytes, so 0x100 cannot be one of their
 * chars), continuing from `h`.
 */
export function hashLabel(h: number, label: string): number {
  for (let i = 0; i < label.length; i++) h = fnvStep(h, label.charCodeAt(i));
  return fnvStep(h, 0x100);
}

/** The hash of a prefix: `hashLabel` over its labels, a `*` as its own code (for a path: its labels). */
export function prefixHash(prefix: Prefix): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < prefix.length; i++) {
    const e = prefix[i]!;
    h = e === AnyElem ? fnvStep(h, 0x101) : hashLabel(h, e);
  }
  return h;
}

/** The largest number among the prefixes that match a path (-Infinity when none does). */
export interface PrefixIndex {
  maxMatching(path: Path): number;
  /**
   * `maxMatching(prefixAsPath(prefix))` given `prefixHash(prefix)`, which a hash index uses instead of hashing
   * the whole path again. (With a `*` in `prefix` the two hashes differ, but such a path matches no prefix
   * of the hash index at its full length anyway: its placeholder label equals no label.)
   */
  maxMatchingPrefix(path: Path, hash: number): number;
}

/**
 * A `PrefixIndex` over `count` prefixes (`prefixOf(k)`, with the number `valueOf(k)`): a hash table of whole
 * prefixes when none has a `*` and every value is a 32-bit integer (then a prefix matches a path exactly when it
 * is a leading part of it), a trie otherwise. `spare`: a table no index uses any more (`indexTable` of a dropped
 * one), which the new index takes when it has the size it needs.
 */
export function prefixIndex(
  count: number,
  prefixOf: (k: number) => Prefix,
  valueOf: (k: number) => number,
  hashOf: (k: number) => number = (k) => prefixHash(prefixOf(k)),
  spare?: Int32Array,
): PrefixIndex {
  for (let k = 0; k < count; k++) {
    const value = valueOf(k);
    if ((value | 0) !== value || prefixOf(k).includes(AnyElem)) {
      const trie = new PrefixTrie();
      for (let j = 0; j < count; j++) trie.add(prefixOf(j), valueOf(j));
      return trie;
    }
  }
  return new PrefixHashIndex(count, prefixOf as (k: number) => Path, valueOf, hashOf, spare);
}

/** The table of an index made by `prefixIndex`, if it has one: once the index is dropped, a `spare` for the next. */
export function indexTable(index: PrefixIndex | undefined): Int32Array | undefined {
  return index instanceof PrefixHashIndex ? index.table : undefined;
}

/** Ints per slot of a PrefixHashIndex: the prefix's hash, 1 + the first k with that prefix (0: empty), the largest value. */
const SLOT = 3;

/**
 * Prefixes without `*` in an open-addressing hash table keyed by the hash of their labels. A query hashes the
 * path's leading labels once, looking up each leading part whose length some prefix has; a hit is confirmed by
 * comparing labels. One typed array: no object per prefix or per label, unlike the trie's nodes and Maps.
 */
class PrefixHashIndex implements PrefixIndex {
  private readonly mask: number;
  /** SLOT ints per slot (one slot per distinct prefix). */
  readonly table: Int32Array;
  /** Bit n set: some prefix has n labels (n < 31); `longest`: the most labels of a prefix. */
  private lengths = 0;
  private longest = -1;

  constructor(
    count: number,
    private readonly prefixOf: (k: number) => Path,
    valueOf: (k: number) => number,
    hashOf: (k: number) => number,
    spare: Int32Array | undefined,
  ) {
    let size = 16;
    while (size < 2 * count) size *= 2;
    // A spare table of the same size is cleared and used (dtabs checked one after another have similar sizes).
    if (spare !== undefined && spare.length === SLOT * size) this.table = spare.fill(0);
    else this.table = new Int32Array(SLOT * size);
    this.mask = size - 1;
    for (let k = 0; k < count; k++) this.add(k, valueOf(k), hashOf(k));
  }

  private add(k: number, value: number, h: number): void {
    const prefix = this.prefixOf(k);
    const len = prefix.length;
    const mask = this.mask;
    const table = this.table;
    let slot = (h ^ (h >>> 15)) & mask;
    for (; table[SLOT * slot + 1] !== 0; slot = (slot + 1) & mask) {
      const at = SLOT * slot;
      if (table[at] === h && leadingEquals(this.prefixOf(table[at + 1]! - 1), prefix, len)) {
        if (value > table[at + 2]!) table[at + 2] = value;
        return;
      }
    }
    const at = SLOT * slot;
    table[at] = h;
    table[at + 1] = k + 1;
    table[at + 2] = value;
    this.lengths |= len < 31 ? 1 << len : 0;
    if (len > this.longest) this.longest = len;
  }

  maxMatching(path: Path): number {
    let best = -Infinity;
    const last = Math.min(path.length, this.longest);
    let h = FNV_OFFSET;
    for (let len = 0; len <= last; len++) {
      if (len > 0) h = hashLabel(h, path[len - 1]!);
      if (len < 31 && (this.lengths & (1 << len)) === 0) continue;
      const value = this.lookup(h, path, len);
      if (value > best) best = value;
    }
    return best;
  }

  maxMatchingPrefix(path: Path, hash: number): number {
    const n = path.length;
    // Shorter prefixes to look up: then every leading part is hashed.
    if (n >= 31 || (this.lengths & ((1 << n) - 1)) !== 0) return this.maxMatching(path);
    return (this.lengths & (1 << n)) === 0 ? -Infinity : this.lookup(hash, path, n);
  }

  /** The value of the prefix equal to the first `len` labels of `path` (hashing to `h`), or -Infinity. */
  private lookup(h: number, path: Path, len: number): number {
    const mask = this.mask;
    const table = this.table;
    for (let slot = (h ^ (h >>> 15)) & mask; table[SLOT * slot + 1] !== 0; slot = (slot + 1) & mask) {
      const at = SLOT * slot;
      if (table[at] === h && leadingEquals(this.prefixOf(table[at + 1]! - 1), path, len)) return table[at + 2]!;
    }
    return -Infinity;
  }
}

/** Whether the first `len` labels of `a` and `b` are equal (`a` has exactly `len`). */
function leadingEquals(a: Path, b: Path, len: number): boolean {
  if (a.length !== len || b.length < len) return false;
  for (let i = 0; i < len; i++) if (a[i] !== b[i]) return false;
  return true;
}
