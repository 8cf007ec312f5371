// Checks across dentries (spec §3.2, §5.4, gotchas G14/G17): exact duplicates, and dentries that can never
// take effect because a later dentry matching every path they match always answers. Indexed by prefix (a trie
// via `matchingDentries`), so a 100,000-dentry dtab costs one trie walk per dentry. Pure.

import { AnyElem, type Dentry, type NameTree, type Path, type Prefix } from './ast.js';
import { SequenceMemo, type CheckedDentry, type DentryFacts } from './checks-memo.js';

/** What the dentries check keeps between the calls of one checker. */
export interface DentriesMemo {
  readonly blockers: SequenceMemo<PrefixIndex>;
  /** The index `blockers` holds, and a table no index uses (the one of the index dropped before it). */
  built?: PrefixIndex;
  spare?: Int32Array;
}
import type { Diagnostic } from '../diagnostic.js';
import { removeDentryFix } from './checks-edits.js';
import { dentryEquals } from './lookup.js';
import { hashLabel, indexTable, prefixHash, prefixIndex, type PrefixIndex } from './checks-prefix-trie.js';
import { fnvStep as mix } from './fnv.js';
import { globalNamer } from './namers.js';
import { showDentry } from './show.js';
import { foldTree } from './tree.js';

export const DUPLICATE_DENTRY = 'dtab/duplicate-dentry';
export const SHADOWED_DENTRY = 'dtab/shadowed-dentry';


function hashPath(h: number, path: Path): number {
  for (let i = 0; i < path.length; i++) h = hashLabel(h, path[i]!);
  return mix(h, 0x102);
}

/** Scratch for reading a weight's bits (a double: equal weights have equal bits once -0 is made 0). */
const weightBits = new Float64Array(1);
const weightWords = new Int32Array(weightBits.buffer);

function hashWeight(h: number, w: number): number {
  weightBits[0] = w === 0 ? 0 : w;
  return mix(mix(h, weightWords[0]!), weightWords[1]!);
}

/**
 * A structural hash of a dentry: equal dentries (as `dentryEquals` compares them: labels as bytes, weights as
 * doubles) hash equal. Numbers instead of string keys keep a 100,000-dentry index cheap. A single path and the
 * common Alt or Union of paths are hashed in place; other trees are walked with an explicit stack (pre-order,
 * each node's kind and arity hashed).
 */
export function dentryHash(d: Dentry): number {
  let h = mix(prefixHash(d.prefix), 0x103);
  const dst = d.dst;
  if (dst.kind === 'leaf') h = hashPath(h, dst.value);
  else {
    const flat = hashFlat(h, dst);
    h = flat !== undefined ? flat : hashTree(h, dst);
  }
  // 31 bits: a small integer to V8, kept in the memoised facts without a heap number.
  return h >> 1;
}

/** `hashTree` of an Alt or Union whose members are all leaves (the same value), or undefined for other trees. */
function hashFlat(h: number, t: NameTree<Path>): number | undefined {
  if (t.kind === 'alt') {
    const trees = t.trees;
    for (let i = 0; i < trees.length; i++) if (trees[i]!.kind !== 'leaf') return undefined;
    h = mix(mix(h, KIND_ALT), trees.length);
    for (let i = 0; i < trees.length; i++) h = hashPath(mix(h, KIND_LEAF), (trees[i] as { readonly value: Path }).value);
    return h;
  }
  if (t.kind === 'union') {
    const weighted = t.weighted;
    for (let i = 0; i < weighted.length; i++) if (weighted[i]!.tree.kind !== 'leaf') return undefined;
    h = mix(mix(h, KIND_UNION), weighted.length);
    // Pre-order as in `hashTree`: all weights first (they are hashed when the Union is visited), then the members.
    for (let i = weighted.length - 1; i >= 0; i--) h = hashWeight(h, weighted[i]!.weight);
    for (let i = 0; i < weighted.length; i++) {
      h = hashPath(mix(h, KIND_LEAF), (weighted[i]!.tree as { readonly value: Path }).value);
    }
    return h;
  }
  return undefined;
}

function hashTree(h: number, root: NameTree<Path>): number {
  const stack: NameTree<Path>[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.kind) {
      case 'leaf':
        h = hashPath(mix(h, KIND_LEAF), node.value);
        break;
      case 'alt':
        h = mix(mix(h, KIND_ALT), node.trees.length);
        for (let i = node.trees.length - 1; i >= 0; i--) stack.push(node.trees[i]!);
        break;
      case 'union':
        h = mix(mix(h, KIND_UNION), node.weighted.length);
        for (let i = node.weighted.length - 1; i >= 0; i--) {
          h = hashWeight(h, node.weighted[i]!.weight);
          stack.push(node.weighted[i]!.tree);
        }
        break;
      case 'neg':
        h = mix(h, KIND_NEG);
        break;
      case 'fail':
        h = mix(h, KIND_FAIL);
        break;
      case 'empty':
        h = mix(h, KIND_EMPTY);
        break;
    }
  }
  return h;
}

const KIND_LEAF = 1;
const KIND_ALT = 2;
const KIND_UNION = 3;
const KIND_NEG = 4;
const KIND_FAIL = 5;
const KIND_EMPTY = 6;

/**
 * The duplicate and shadowed dentries among the error-free dentries of `text` (in order), given whether `/$/`
 * paths reach the global namer (no dentry rewrites them).
 */
export function checkDentries(
  text: string,
  dentries: readonly CheckedDentry[],
  systemPathsAnswer: boolean,
  memo: DentriesMemo = { blockers: new SequenceMemo() },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  // The prefix hashes, once for both indexes (a scratch array, valid during this call).
  const prefixHashes = hashPrefixes(dentries);
  const duplicates = findDuplicates(dentries, prefixHashes);
  for (let i = 0; i < dentries.length; i++) {
    const j = duplicates[i]!;
    if (j < 0) continue;
    const d = dentries[i]!;
    out.push({
      code: DUPLICATE_DENTRY,
      severity: 'warning',
      span: d.node.span,
      message:
        d.value.dst.kind === 'neg'
          ? `This dentry is repeated exactly further down. Two '~' entries for the same path are not the same as ` +
            `one: with one, a lookup that finds only '~' falls back to the namers; with two (an Alt of Neg and Neg) ` +
            `it does not. Remove this copy.`
          : `This dentry is repeated exactly further down, and the later copy takes priority (later dentries win), ` +
            `so this copy never changes where a path goes. Remove it.`,
      related: [{ span: dentries[j]!.node.span, message: 'the later copy' }],
      unnecessary: true,
      fixes: [removeDentryFix(text, d.node, true)],
    });
  }

  const shadowedBy = findShadowed(dentries, systemPathsAnswer, memo, prefixHashes);
  for (let i = 0; i < dentries.length; i++) {
    const j = shadowedBy[i]!;
    if (j < 0 || duplicates[i]! >= 0) continue;
    const d = dentries[i]!;
    const blocker = dentries[j]!;
    const how =
      blocker.value.dst.kind === 'fail' || endsInFail(blocker.value.dst)
        ? "ends in '!', which stops the search"
        : 'always resolves';
    out.push({
      code: SHADOWED_DENTRY,
      severity: 'warning',
      span: d.node.span,
      message:
        `This dentry never takes effect: the later dentry ${quoteDentry(blocker.value)} matches every path this ` +
        `one matches and ${how}, so lookups never fall back to this one. Remove this dentry, or move it after ` +
        `the one that shadows it.`,
      related: [{ span: blocker.node.span, message: 'the dentry that shadows it' }],
      unnecessary: true,
      fixes: [removeDentryFix(text, d.node)],
    });
  }
  return out;
}

/** A dentry in canonical form for a message, shortened when long. */
export function quoteDentry(d: Dentry): string {
  const shown = showDentry(d);
  return `'${shown.length > 80 ? shown.slice(0, 77) + '...' : shown}'`;
}

/** For each index, the index of the nearest later exact copy, or -1 (an array, not pairs: nothing per dentry). */
function findDuplicates(dentries: readonly CheckedDentry[], prefixHashes: Int32Array): Int32Array {
  const n = dentries.length;
  const out = duplicateScratch.get(n).fill(-1, 0, n);
  // Open-addressing tables in scratch arrays kept between calls: nothing per dentry, and no Map to grow.
  const size = tableSize(n);
  const table = scratch(size);
  const mask = size - 1;
  // First the prefixes alone: a dentry whose prefix hash no other dentry has cannot have a copy, and most
  // prefixes are written once, so their destinations need no hash.
  const keys = table.keys;
  const counts = table.counts.fill(0, 0, size);
  const slotOf = table.slotOf;
  let shared = false;
  for (let i = 0; i < n; i++) {
    const h = prefixHashes[i]!;
    let slot = (h ^ (h >>> 15)) & mask;
    while (counts[slot] !== 0 && keys[slot] !== h) slot = (slot + 1) & mask;
    keys[slot] = h;
    if (++counts[slot]! > 1) shared = true;
    slotOf[i] = slot;
  }
  if (!shared) return out;
  // Then the dentries that share a prefix hash, by the hash of the whole dentry: a table from it to the nearest
  // later dentry with it, and per dentry the next later one with the same hash (a list, nearest first); equality
  // is checked structurally on a hash match.
  const hashes = table.hashes;
  const heads = table.heads.fill(-1, 0, size);
  const nextSame = table.nextSame;
  for (let i = n - 1; i >= 0; i--) {
    if (counts[slotOf[i]!] === 1) continue;
    const d = dentries[i]!;
    const h = d.facts.hash();
    let slot = (h ^ (h >>> 15)) & mask;
    while (heads[slot] !== -1 && hashes[slot] !== h) slot = (slot + 1) & mask;
    const later = heads[slot]!;
    hashes[slot] = h;
    heads[slot] = i;
    nextSame[i] = later;
    // Same facts: the same dentry text, so an exact copy; otherwise compare, nearest first (a hash collision
    // looks further).
    for (let k = later; k >= 0; k = nextSame[k]!) {
      const other = dentries[k]!;
      if (other.facts === d.facts || dentryEquals(other.value, d.value)) {
        out[i] = k;
        break;
      }
    }
  }
  return out;
}

/** An array of ints for one call (valid during it), reused by the next call unless it is large. */
class Scratch {
  private kept = new Int32Array(0);

  /** An array of at least `n` ints (their values are left over from an earlier call). */
  get(n: number): Int32Array {
    if (this.kept.length >= n) return this.kept;
    const made = new Int32Array(n);
    if (n <= KEPT_TABLE_SIZE) this.kept = made;
    return made;
  }
}

/** Per dentry: the prefix hashes, the nearest later copy, the shadowing dentry; the dentries that always answer. */
const prefixScratch = new Scratch();
const duplicateScratch = new Scratch();
const shadowScratch = new Scratch();
const blockerScratch = new Scratch();

/** The `prefixHash` of every dentry, in an array reused by the next call. */
function hashPrefixes(dentries: readonly CheckedDentry[]): Int32Array {
  const n = dentries.length;
  const out = prefixScratch.get(n);
  for (let i = 0; i < n; i++) out[i] = prefixHash(dentries[i]!.value.prefix);
  return out;
}

/** A power of two at least twice `n` (a table at most half full). */
function tableSize(n: number): number {
  let size = 16;
  while (size < 2 * n) size *= 2;
  return size;
}

interface HashScratch {
  /** Per slot: prefix hash and count (first pass); dentry hash and nearest dentry (second pass). */
  readonly keys: Int32Array;
  readonly counts: Int32Array;
  readonly hashes: Int32Array;
  readonly heads: Int32Array;
  /** Per dentry: its prefix hash's slot, and the next later dentry with its hash. */
  readonly slotOf: Int32Array;
  readonly nextSame: Int32Array;
}

let hashScratch: HashScratch | undefined;
/** Tables up to this many slots are kept for the next call (320 KB); larger ones are made for one call. */
const KEPT_TABLE_SIZE = 1 << 14;

/** The duplicate index's arrays for a table of `size` slots (`size / 2` dentries), reused between calls. */
function scratch(size: number): HashScratch {
  if (hashScratch !== undefined && hashScratch.heads.length >= size) return hashScratch;
  const made: HashScratch = {
    keys: new Int32Array(size),
    counts: new Int32Array(size),
    hashes: new Int32Array(size),
    heads: new Int32Array(size),
    slotOf: new Int32Array(size >> 1),
    nextSame: new Int32Array(size >> 1),
  };
  if (size <= KEPT_TABLE_SIZE) hashScratch = made;
  return made;
}

/**
 * For each index, the index of the dentry that shadows it, or -1: a later dentry whose prefix matches every path
 * the earlier one matches, and whose destination never answers Neg, so the Alt that lookup builds never reaches
 * the earlier one.
 */
function findShadowed(
  dentries: readonly CheckedDentry[],
  systemPathsAnswer: boolean,
  memo: DentriesMemo,
  prefixHashes: Int32Array,
): Int32Array {
  const n = dentries.length;
  const out = shadowScratch.get(n).fill(-1, 0, n);
  const blockerIndex = blockerScratch.get(n);
  let count = 0;
  for (let i = 0; i < n; i++) if (dentries[i]!.facts.always(systemPathsAnswer)) blockerIndex[count++] = i;
  if (count === 0) return out;
  // (An array of the exact size: the memo keeps it.)
  const blockerFacts = new Array<DentryFacts>(count);
  for (let k = 0; k < count; k++) blockerFacts[k] = dentries[blockerIndex[k]!]!.facts;
  // The blockers' prefixes by ordinal (kept while the blockers are the same): the last blocker matching a
  // prefix (used as a path) is the highest ordinal found.
  const index = memo.blockers.get(blockerFacts, () => {
    const hashOf = (k: number) => prefixHashes[blockerIndex[k]!]!;
    const made = prefixIndex(count, (k) => blockerFacts[k]!.value.prefix, ordinal, hashOf, memo.spare);
    // The memo now drops the index it held: its table is the spare for the next one (two tables take turns).
    memo.spare = indexTable(memo.built);
    return (memo.built = made);
  });
  // A dentry can only be shadowed by a later blocker: none after the last one.
  const lastBlocker = blockerIndex[count - 1]!;
  for (let i = 0; i < lastBlocker; i++) {
    const k = index.maxMatchingPrefix(dentries[i]!.facts.prefixPath(), prefixHashes[i]!);
    if (k >= 0 && blockerIndex[k]! > i) out[i] = blockerIndex[k]!;
  }
  return out;
}

const ordinal = (k: number) => k;

/** Whether some dentry matches `/$/...` paths, which lookup tries before the `/$/` namers. */
export function dtabRewritesSystemPaths(dtab: readonly Dentry[]): boolean {
  return dtab.some((d) => d.prefix.length === 0 || d.prefix[0] === '$' || d.prefix[0] === AnyElem);
}

export interface Answers {
  /** Never Neg: binding stops here (an answer, `!`, or `$`). */
  readonly always: boolean;
  /** Always a positive answer (bound or `$`), which a Union keeps (a Union drops `!` members). */
  readonly positive: boolean;
}

/**
 * Whether a destination always answers, judged without the residual and without configured namers: `!`, `$`,
 * and `/$/` paths the global namer binds (only when no dentry rewrites `/$` paths, which lookup tries first).
 * Allocates nothing for a path or an Alt or Union of paths (the answers are shared constants).
 */
export function answers(tree: NameTree<Path>, systemPathsAnswer: boolean): Answers {
  if (tree.kind === 'leaf') return systemPathsAnswer ? systemPathAnswers(tree.value) : NEVER;
  const flat = flatAnswers(tree, systemPathsAnswer);
  return flat !== undefined ? flat : foldAnswers(tree, systemPathsAnswer);
}

/** `answers` of any tree, by a fold (its own function: `answers` then makes no closure context per call). */
function foldAnswers(tree: NameTree<Path>, systemPathsAnswer: boolean): Answers {
  return foldTree<Path, Answers>(tree, (node, kids) => {
    switch (node.kind) {
      case 'fail':
        return FAILS;
      case 'empty':
        return POSITIVE;
      case 'neg':
        return NEVER;
      case 'leaf':
        return systemPathsAnswer ? systemPathAnswers(node.value) : NEVER;
      case 'alt': {
        let always = false;
        for (let i = 0; i < kids.length && !always; i++) always = kids[i]!.always;
        return answersOf(always, kids.length > 0 && kids[0]!.positive);
      }
      case 'union': {
        let positive = false;
        for (let i = 0; i < kids.length && !positive; i++) positive = kids[i]!.positive;
        return answersOf(positive, positive);
      }
    }
  });
}

const NEVER: Answers = { always: false, positive: false };
const POSITIVE: Answers = { always: true, positive: true };
const FAILS: Answers = { always: true, positive: false };
const UNREACHED: Answers = { always: false, positive: true };
const answersOf = (always: boolean, positive: boolean): Answers =>
  always ? (positive ? POSITIVE : FAILS) : positive ? UNREACHED : NEVER;

/** `answers` for the common `/a | /b` and `w * /a & w * /b` (all members paths) without the fold. */
function flatAnswers(tree: NameTree<Path>, systemPathsAnswer: boolean): Answers | undefined {
  if (tree.kind === 'alt') {
    const trees = tree.trees;
    if (trees.length === 0) return undefined;
    for (let i = 0; i < trees.length; i++) if (trees[i]!.kind !== 'leaf') return undefined;
    if (!systemPathsAnswer) return NEVER;
    let always = false;
    for (let i = 0; i < trees.length && !always; i++) {
      always = systemPathAnswers((trees[i] as { readonly value: Path }).value).always;
    }
    return answersOf(always, systemPathAnswers((trees[0] as { readonly value: Path }).value).positive);
  }
  if (tree.kind === 'union') {
    const weighted = tree.weighted;
    for (let i = 0; i < weighted.length; i++) if (weighted[i]!.tree.kind !== 'leaf') return undefined;
    if (!systemPathsAnswer) return NEVER;
    let positive = false;
    for (let i = 0; i < weighted.length && !positive; i++) {
      positive = systemPathAnswers((weighted[i]!.tree as { readonly value: Path }).value).positive;
    }
    return answersOf(positive, positive);
  }
  return undefined;
}

/**
 * Java `Integer.parseInt` of a label (`javaParseInt`) without a regex: an optional sign, then ASCII digits,
 * within 32-bit range; undefined otherwise.
 */
function labelInt(label: string | undefined): number | undefined {
  if (label === undefined) return undefined;
  const n = label.length;
  let i = 0;
  const first = n > 0 ? label.charCodeAt(0) : 0;
  if (first === 0x2b || first === 0x2d) i = 1;
  if (i === n) return undefined;
  let value = 0;
  for (; i < n; i++) {
    const c = label.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
    value = value * 10 + (c - 0x30);
  }
  if (first === 0x2d) value = -value;
  return value < -2147483648 || value > 2147483647 ? undefined : value;
}

function systemPathAnswers(path: Path): Answers {
  if (path[0] !== '$' || path.length < 2) return NEVER;
  // The common shapes directly (§5.3 rules 1-4); other classes through the global namer.
  const kind = path[1];
  if (kind === 'inet' || kind === 'fixedinet') {
    // The port: `/$/inet/<host>/<port>`, else `/$/inet/<port>`.
    let port = labelInt(path[3]);
    if (port === undefined) port = labelInt(path[2]);
    return port !== undefined && port >= 0 && port <= 0xffff ? POSITIVE : NEVER;
  }
  if (kind === 'nil') return POSITIVE;
  if (kind === 'fail') return FAILS;
  const r = globalNamer(path);
  if (r.state !== 'ok') return NEVER;
  const t = r.tree;
  if (t.kind === 'fail') return FAILS;
  return t.kind === 'empty' || (t.kind === 'leaf' && t.value.kind === 'bound') ? POSITIVE : NEVER;
}

function endsInFail(tree: NameTree<Path>): boolean {
  return tree.kind === 'alt' && tree.trees.some((t) => t.kind === 'fail');
}
