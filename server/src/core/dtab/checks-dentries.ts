// Checks across dentries (spec §3.2, §5.4, gotchas G14/G17): exact duplicates, and dentries that can never
// take effect because a later dentry matching every path they match always answers. Indexed by prefix (a trie
// via `matchingDentries`), so a 100,000-dentry dtab costs one trie walk per dentry. Pure.

import { AnyElem, type Dentry, type NameTree, type Path } from './ast.js';
import { SequenceMemo, type CheckedDentry, type DentryFacts } from './checks-memo.js';

/** What the dentries check keeps between the calls of one checker. */
export interface DentriesMemo {
  readonly blockers: SequenceMemo<PrefixTrie>;
}
import type { Diagnostic } from '../diagnostic.js';
import { removeDentryFix } from './checks-edits.js';
import { dentryEquals } from './lookup.js';
import { PrefixTrie } from './checks-prefix-trie.js';
import { globalNamer, javaParseInt } from './namers.js';
import { showDentry } from './show.js';
import { foldTree } from './tree.js';

export const DUPLICATE_DENTRY = 'dtab/duplicate-dentry';
export const SHADOWED_DENTRY = 'dtab/shadowed-dentry';


/** FNV-1a over the chars of a string, continuing from `h`. */
function hashString(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** Separates the parts hashed (labels are bytes, so chars above 0xff cannot occur in them). */
const SEP = '\u0100';

function hashPath(h: number, path: Path): number {
  for (const label of path) h = hashString(hashString(h, label), SEP);
  return h;
}

/**
 * A structural hash of a dentry: equal dentries (as `dentryEquals` compares them: labels as bytes, weights as
 * doubles) hash equal. Numbers instead of string keys keep a 100,000-dentry index cheap; the tree is walked
 * with an explicit stack (pre-order, each node's kind and arity hashed), allocating nothing for a single path.
 */
export function dentryHash(d: Dentry): number {
  let h = 0x811c9dc5;
  for (const e of d.prefix) h = hashString(e === AnyElem ? hashString(h, '\u0101') : hashString(h, e), SEP);
  h = hashString(h, '=>');
  if (d.dst.kind === 'leaf') return hashPath(h, d.dst.value);
  const stack: NameTree<Path>[] = [d.dst];
  while (stack.length > 0) {
    const node = stack.pop()!;
    h = mix(h, KIND_CODES[node.kind]);
    switch (node.kind) {
      case 'leaf':
        h = hashPath(h, node.value);
        break;
      case 'alt':
        h = mix(h, node.trees.length);
        for (let i = node.trees.length - 1; i >= 0; i--) stack.push(node.trees[i]!);
        break;
      case 'union':
        h = mix(h, node.weighted.length);
        for (let i = node.weighted.length - 1; i >= 0; i--) {
          const w = node.weighted[i]!.weight;
          h = Number.isInteger(w) && Math.abs(w) < 2 ** 31 ? mix(h, w) : hashString(h, String(w));
          stack.push(node.weighted[i]!.tree);
        }
        break;
    }
  }
  return h;
}

const mix = (h: number, n: number) => Math.imul(h ^ n, 0x01000193);
const KIND_CODES = { leaf: 1, alt: 2, union: 3, neg: 4, fail: 5, empty: 6 } as const;

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
  const duplicates = findDuplicates(dentries);
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

  const shadowedBy = findShadowed(dentries, systemPathsAnswer, memo);
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
function findDuplicates(dentries: readonly CheckedDentry[]): Int32Array {
  // Dentries by hash: the nearest later one, and (rarely needed) every later one; equality is checked
  // structurally on a hash match. Most hashes occur once, so the lists are made only on a second occurrence.
  const nearest = new Map<number, number>();
  const buckets = new Map<number, number[]>();
  const out = new Int32Array(dentries.length).fill(-1);
  for (let i = dentries.length - 1; i >= 0; i--) {
    const d = dentries[i]!;
    const h = d.facts.hash();
    const later = nearest.get(h);
    nearest.set(h, i);
    if (later === undefined) continue;
    // Same facts: the same dentry text, so an exact copy.
    if (dentries[later]!.facts === d.facts || dentryEquals(dentries[later]!.value, d.value)) {
      out[i] = later;
    } else {
      // A hash collision: look further back among the later dentries with this hash, nearest first.
      const bucket = buckets.get(h) ?? [later];
      for (let k = bucket.length - 1; k >= 0; k--) {
        if (dentryEquals(dentries[bucket[k]!]!.value, d.value)) {
          out[i] = bucket[k]!;
          break;
        }
      }
      buckets.set(h, bucket);
    }
    buckets.get(h)?.push(i);
  }
  return out;
}

/**
 * For each index, the index of the dentry that shadows it, or -1: a later dentry whose prefix matches every path
 * the earlier one matches, and whose destination never answers Neg, so the Alt that lookup builds never reaches
 * the earlier one.
 */
function findShadowed(dentries: readonly CheckedDentry[], systemPathsAnswer: boolean, memo: DentriesMemo): Int32Array {
  const out = new Int32Array(dentries.length).fill(-1);
  const blockerIndex: number[] = [];
  const blockerFacts: DentryFacts[] = [];
  for (let i = 0; i < dentries.length; i++) {
    const facts = dentries[i]!.facts;
    if (facts.always(systemPathsAnswer)) {
      blockerIndex.push(i);
      blockerFacts.push(facts);
    }
  }
  if (blockerFacts.length === 0) return out;
  // The blockers' prefixes by ordinal (kept while the blockers are the same): the last blocker matching a
  // prefix (used as a path) is the highest ordinal found.
  const trie = memo.blockers.get(blockerFacts, () => {
    const t = new PrefixTrie();
    blockerFacts.forEach((f, k) => t.add(f.value.prefix, k));
    return t;
  });
  for (let i = 0; i < dentries.length; i++) {
    const k = trie.maxMatching(dentries[i]!.facts.prefixPath());
    if (k >= 0 && blockerIndex[k]! > i) out[i] = blockerIndex[k]!;
  }
  return out;
}

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
 */
export function answers(tree: NameTree<Path>, systemPathsAnswer: boolean): Answers {
  if (tree.kind === 'leaf') return systemPathsAnswer ? systemPathAnswers(tree.value) : NEVER;
  const flat = flatAnswers(tree, systemPathsAnswer);
  if (flat) return flat;
  return foldTree<Path, Answers>(tree, (node, kids) => {
    switch (node.kind) {
      case 'fail':
        return { always: true, positive: false };
      case 'empty':
        return { always: true, positive: true };
      case 'neg':
        return { always: false, positive: false };
      case 'leaf':
        return systemPathsAnswer ? systemPathAnswers(node.value) : { always: false, positive: false };
      case 'alt':
        return { always: kids.some((k) => k.always), positive: kids.length > 0 && kids[0]!.positive };
      case 'union': {
        const positive = kids.some((k) => k.positive);
        return { always: positive, positive };
      }
    }
  });
}

const NEVER: Answers = { always: false, positive: false };

/** `answers` for the common `/a | /b` and `w * /a & w * /b` (all members paths) without the fold. */
function flatAnswers(tree: NameTree<Path>, systemPathsAnswer: boolean): Answers | undefined {
  const leaf = (t: NameTree<Path>) => (t.kind !== 'leaf' ? undefined : systemPathsAnswer ? systemPathAnswers(t.value) : NEVER);
  if (tree.kind === 'alt' && tree.trees.length > 0 && tree.trees.every((t) => t.kind === 'leaf')) {
    const kids = tree.trees.map((t) => leaf(t)!);
    return { always: kids.some((k) => k.always), positive: kids[0]!.positive };
  }
  if (tree.kind === 'union' && tree.weighted.every((w) => w.tree.kind === 'leaf')) {
    const positive = tree.weighted.some((w) => leaf(w.tree)!.positive);
    return { always: positive, positive };
  }
  return undefined;
}

const POSITIVE: Answers = { always: true, positive: true };
const FAILS: Answers = { always: true, positive: false };
const isInt = (label: string | undefined) => label !== undefined && javaParseInt(label) !== undefined;

function systemPathAnswers(path: Path): Answers {
  if (path[0] !== '$' || path.length < 2) return NEVER;
  // The common shapes directly (§5.3 rules 1-4); other classes through the global namer.
  const kind = path[1];
  if (kind === 'inet' || kind === 'fixedinet') {
    const port = isInt(path[3]) ? path[3]! : isInt(path[2]) ? path[2]! : undefined;
    const n = port === undefined ? NaN : Number(port);
    return n >= 0 && n <= 0xffff ? POSITIVE : NEVER;
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
