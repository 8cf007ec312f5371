// Weight checks on `&` unions (spec §1.5 and gotcha G8, §5.4 load balancing): weights Finagle drops, zero
// weights, and fractional weights that read better as integers. Pure.

import type { Dentry, DentryNode, Span, TreeNode } from './ast.js';
import { dentryEnd, dentryStart, destinationShape, SHAPE_DOTTED_NUMBER, SHAPE_PARENTHESES, SHAPE_WEIGHT } from './parse.js';
import type { Diagnostic, TextEdit } from '../diagnostic.js';
import { destinationHas, forEachTreeNode } from './checks-walk.js';
import { dropWeightEdit, removeUnionMemberEdit, weightWithStarSpan } from './checks-edits.js';
import { UnionScan, type WrittenMember, type WrittenUnion } from './checks-weights-scan.js';
import { detachString } from './label-intern.js';
import { relative, shiftDiagnostic } from './checks-memo.js';

export const IGNORED_WEIGHT = 'dtab/ignored-weight';
export const ZERO_WEIGHT = 'dtab/zero-weight';
export const ALL_WEIGHTS_ZERO = 'dtab/all-weights-zero';
export const FRACTIONAL_WEIGHTS = 'dtab/fractional-weights';

/** Normalised integer weights are offered only while they stay this small (beyond, the fraction reads better). */
const MAX_NORMALISED_WEIGHT = 10_000;

/**
 * The weight diagnostics of one error-free dentry of `text` (they depend on that dentry alone), with spans
 * relative to `origin` (the dentry's start, for a memo of them: then they are made so, not copied so).
 */
export function weightDiagnostics(text: string, dentry: DentryNode, value: Dentry, origin = 0): readonly Diagnostic[] {
  // Only a destination with a weight (a number, then `*`) has weight diagnostics.
  const shape = destinationShape(dentry);
  if (shape !== undefined ? (shape & SHAPE_WEIGHT) === 0 : !destinationHas(text, dentry, '*')) return NONE;
  if (shape !== undefined && (shape & SHAPE_PARENTHESES) === 0) {
    if ((shape & SHAPE_DOTTED_NUMBER) === 0 && plainWeightedUnion(value)) return NONE;
    // No parentheses: the unions are read off the dentry's text, no syntax tree is built.
    if (SCAN.scan(text, dentryStart(dentry), dentryEnd(dentry))) return scannedDiagnostics(text, SCAN, origin);
  }
  const found = weightDiagnosticsOfTree(text, dentry.dst);
  return origin !== 0 || found.length === 0 ? relative(found, origin) : found;
}

const NONE: readonly Diagnostic[] = Object.freeze([]);

/** The scan of the dentry being checked (reused: a scan holds only offsets, and the checks run one at a time). */
const SCAN = new UnionScan();

/**
 * The weight diagnostics of a scanned flat destination. A union whose weights are all plain positive decimals
 * (the common case) can only get the fractional-weights hint, which is built from the scan's offsets and a cache
 * of hints by written weights; any other union is made into objects for the general checks.
 */
function scannedDiagnostics(text: string, scan: UnionScan, origin: number): readonly Diagnostic[] {
  let out: Diagnostic[] | undefined;
  for (let g = 0, from = 0; g < scan.groups; from = scan.groupEnds[g++]!) {
    const to = scan.groupEnds[g]!;
    if (to - from === 1 && scan.weightStart(from) < 0) continue; // a lone path: no union
    if (to - from >= 2 && to - from <= MAX_CACHED_MEMBERS) {
      const weights = plainWeights(text, scan, from, to);
      if (weights === INTEGERS) continue;
      if (weights === FRACTIONS) {
        const hint = scannedHint(text, scan, from, to);
        if (hint !== undefined) (out ??= []).push(scannedHintDiagnostic(scan, from, to, hint, origin));
        continue;
      }
    }
    const found: Diagnostic[] = [];
    unionDiagnostics(text, scan.union(text, from, to)!, found);
    for (const d of found) (out ??= []).push(shiftDiagnostic(d, -origin));
  }
  return out === undefined ? NONE : out;
}

/** Weights longer than this take the general checks (a long decimal may round to 0 as a double). */
const MAX_PLAIN_WEIGHT = 20;
/** What `plainWeights` finds: other weights; positive integers only; positive decimals, some with a fraction. */
const OTHER = 0;
const INTEGERS = 1;
const FRACTIONS = 2;

/**
 * Whether the weights written in members from..to-1 are all plain positive decimals (digits with at most one `.`
 * and a non-zero digit, at most MAX_PLAIN_WEIGHT chars), and whether one has a fraction that is not all zeros:
 * then the union gets no zero-weight diagnostic, and the fractional-weights hint only with such a fraction.
 */
function plainWeights(text: string, scan: UnionScan, from: number, to: number): number {
  let fraction = false;
  for (let m = from; m < to; m++) {
    const start = scan.weightStart(m);
    if (start < 0) continue;
    const end = scan.weightEnd(m);
    if (end - start > MAX_PLAIN_WEIGHT) return OTHER;
    let dot = -1;
    let nonZero = false;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x2e) {
        if (dot >= 0) return OTHER;
        dot = i;
      } else if (c !== 0x30) {
        nonZero = true;
        if (dot >= 0) fraction = true;
      }
    }
    if (!nonZero) return OTHER;
  }
  return fraction ? FRACTIONS : INTEGERS;
}

/** The normalisation hint of a union: its message, and per member the text of its fix. */
interface RatioHint {
  readonly message: string;
  /** Per member: the integer that replaces its weight, or that is inserted before its tree (with ` * `). */
  readonly newTexts: readonly string[];
}

/** The hint for members with these written weights (`1` for a member without one), or undefined. */
function ratioHint(written: readonly string[], hasWeight: readonly boolean[]): RatioHint | undefined {
  const ints = integerRatio(written);
  if (ints === undefined) return undefined;
  return {
    message:
      `The weights ${written.join(' : ')} are the integer ratio ${ints.join(' : ')}. Integer weights are exact and read ` +
      `better (Finagle prints weights rounded to two decimals); normalise them to integers.`,
    newTexts: ints.map((v, i) => (hasWeight[i] ? String(v) : `${v} * `)),
  };
}

/** A hint computed for some written weights (members with weights: bit i of `mask`). */
interface CachedHint {
  readonly mask: number;
  readonly written: readonly string[];
  readonly hint: RatioHint | undefined;
}

/** Unions of at most this many members have their hints cached (the members with a weight are a bit mask). */
const MAX_CACHED_MEMBERS = 30;
/** Hints kept, the least recently computed replaced first: real dtabs repeat a few splits (`0.9 : 0.1`). */
const HINT_CACHE_SIZE = 32;
const hintCache: CachedHint[] = [];
let hintCacheNext = 0;
let hintCacheLastHit = 0;

/** The hint of scanned members from..to-1 (2 to MAX_CACHED_MEMBERS of them), from the cache when it has it. */
function scannedHint(text: string, scan: UnionScan, from: number, to: number): RatioHint | undefined {
  let mask = 0;
  for (let m = from; m < to; m++) if (scan.weightStart(m) >= 0) mask |= 1 << (m - from);
  const size = hintCache.length;
  for (let k = 0; k < size; k++) {
    const at = (hintCacheLastHit + k) % size;
    const cached = hintCache[at]!;
    if (cached.mask === mask && sameWeights(text, scan, from, to, cached.written)) {
      hintCacheLastHit = at;
      return cached.hint;
    }
  }
  const written: string[] = [];
  const hasWeight: boolean[] = [];
  for (let m = from; m < to; m++) {
    const start = scan.weightStart(m);
    // A copy: the cache outlives the document.
    written.push(start < 0 ? '1' : detachString(text.slice(start, scan.weightEnd(m))));
    hasWeight.push(start >= 0);
  }
  const hint = ratioHint(written, hasWeight);
  hintCache[hintCacheNext] = { mask, written, hint };
  hintCacheLastHit = hintCacheNext;
  hintCacheNext = (hintCacheNext + 1) % HINT_CACHE_SIZE;
  return hint;
}

/** Whether members from..to-1 have the written weights `written` (those without a weight are not compared). */
function sameWeights(text: string, scan: UnionScan, from: number, to: number, written: readonly string[]): boolean {
  if (written.length !== to - from) return false;
  for (let m = from; m < to; m++) {
    const start = scan.weightStart(m);
    if (start < 0) continue;
    const w = written[m - from]!;
    if (scan.weightEnd(m) - start !== w.length) return false;
    for (let i = 0; i < w.length; i++) if (text.charCodeAt(start + i) !== w.charCodeAt(i)) return false;
  }
  return true;
}

/** The fractional-weights hint of scanned members from..to-1, its spans relative to `origin`. */
function scannedHintDiagnostic(scan: UnionScan, from: number, to: number, hint: RatioHint, origin: number): Diagnostic {
  const edits: TextEdit[] = [];
  for (let m = from; m < to; m++) {
    const weight = scan.weightStart(m);
    const tree = scan.treeStart(m) - origin;
    const span = weight >= 0 ? { start: weight - origin, end: scan.weightEnd(m) - origin } : { start: tree, end: tree };
    edits.push({ span, newText: hint.newTexts[m - from]! });
  }
  return hintDiagnostic({ start: scan.memberStart(from) - origin, end: scan.treeEnd(to - 1) - origin }, hint, edits);
}

function hintDiagnostic(span: Span, hint: RatioHint, edits: readonly TextEdit[]): Diagnostic {
  return {
    code: FRACTIONAL_WEIGHTS,
    severity: 'hint',
    span,
    message: hint.message,
    fixes: [{ title: 'Normalise weights to integers', edits, preferred: true }],
  };
}
/** The weight diagnostics of a destination's syntax tree (the general case: any nesting of parentheses). */
export function weightDiagnosticsOfTree(text: string, dst: TreeNode): Diagnostic[] {
  const out: Diagnostic[] = [];
  forEachTreeNode(dst, (node) => {
    if (node.kind === 'union') unionDiagnostics(text, node, out);
  });
  return out;
}

/** The diagnostics of one union node (two or more members, or a lone weighted tree), added to `out`. */
function unionDiagnostics(text: string, union: WrittenUnion, out: Diagnostic[]): void {
  if (union.members.length < 2) {
    for (const m of union.members) if (m.weight) out.push(ignoredWeight(text, m));
    return;
  }
  for (const d of zeroWeights(text, union)) out.push(d); // (not a spread: a union may have 100,000 members)
  const fractional = fractionalWeights(union);
  if (fractional) out.push(fractional);
}

/**
 * The commonest weighted destination, `9 * /a & 1 * /b`, judged on its value alone (the caller saw no
 * parentheses and no weight with a decimal point): every weight written belongs to the one top-level union (none
 * is dropped); all weights are positive; and none is fractional.
 */
function plainWeightedUnion(value: Dentry): boolean {
  const dst = value.dst;
  return dst.kind === 'union' && dst.weighted.length >= 2 && dst.weighted.every((w) => w.weight > 0 && w.tree.kind === 'leaf');
}

/** G8: `2 * /a` alone, `/a & (2 * /b)` and `2 * (/a & /b)` all lose the weight when parsed. */
function ignoredWeight(text: string, member: WrittenMember): Diagnostic {
  const w = member.weight!;
  const edit = dropWeightEdit(member)!;
  return {
    code: IGNORED_WEIGHT,
    severity: 'warning',
    span: weightWithStarSpan(text, member)!,
    message:
      `The weight ${w.text} has no effect: Finagle keeps a weight only on a member of an '&' union with two or ` +
      `more members, and drops it here. Remove the weight, or move it onto a member of the union it should weigh.`,
    unnecessary: true,
    fixes: [{ title: 'Drop the weight', edits: [edit], preferred: true }],
  };
}

function zeroWeights(text: string, union: WrittenUnion): Diagnostic[] {
  const members = union.members;
  const weightOf = (m: WrittenMember) => (m.weight ? m.weight.value : 1);
  const zero = members.filter((m) => weightOf(m) <= 0);
  if (zero.length === 0) return [];
  if (zero.length === members.length) {
    return [
      {
        code: ALL_WEIGHTS_ZERO,
        severity: 'warning',
        span: union.span,
        message:
          'Every member of this union has weight 0, so Finagle ignores the weights and spreads traffic evenly. ' +
          'Give the members that should receive traffic a positive weight.',
      },
    ];
  }
  return members.flatMap((m, index) => {
    const w = weightOf(m);
    if (w > 0 || !m.weight) return [];
    const negative = w < 0;
    return [
      {
        code: ZERO_WEIGHT,
        severity: negative ? 'error' : 'warning',
        span: weightWithStarSpan(text, m)!,
        message: negative
          ? `The weight ${m.weight.text} is negative; weights must be 0 or more. Give this member a positive weight.`
          : `This member has weight 0, so it never receives traffic while another member has a positive weight. ` +
            `Remove the member, or give it a positive weight.`,
        fixes: [{ title: 'Remove this member', edits: [removeUnionMemberEdit(members, index)] }],
      },
    ];
  });
}

/**
 * Where the significant digits of a written weight end (trailing zeros of its fraction dropped), given the index
 * of its `.` (-1 without one); -1 when it is not plain decimal digits with at most one `.`.
 */
function significantEnd(written: string, dot: number): number {
  for (let i = 0; i < written.length; i++) {
    const c = written.charCodeAt(i);
    if ((c < 0x30 || c > 0x39) && i !== dot) return -1;
  }
  if (dot < 0) return written.length;
  let end = written.length;
  while (end > dot + 1 && written.charCodeAt(end - 1) === 0x30) end--;
  return end;
}

/**
 * A valid written weight times 10^scale as decimal digits, exactly (`0.5`, scale 2: `050`); its fraction has at
 * most `scale` significant digits.
 */
function scaledDigits(written: string, scale: number): string {
  const dot = written.indexOf('.');
  if (dot < 0) return (written || '0') + '0'.repeat(scale);
  const end = significantEnd(written, dot);
  return (written.slice(0, dot) + written.slice(dot + 1, end) || '0') + '0'.repeat(scale - (end - dot - 1));
}

/** 10^0 … 10^15, exact in doubles. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => Number(`1e${k}`));

/** `scaledDigits` as a number, for values of at most 15 digits (then exact in a double at every step). */
function scaledNumber(written: string, scale: number): number {
  const dot = written.indexOf('.');
  const end = significantEnd(written, dot);
  let v = 0;
  for (let i = 0; i < end; i++) if (i !== dot) v = v * 10 + (written.charCodeAt(i) - 0x30);
  return v * POWERS_OF_TEN[scale - (dot < 0 ? 0 : end - dot - 1)]!;
}

/**
 * Decimal weights as the smallest integers in the same ratio (`0.9 : 0.1` → `9 : 1`). Undefined when no weight
 * has a fraction, when one is not plain decimal digits, when all are 0, or when an integer would exceed
 * MAX_NORMALISED_WEIGHT. In doubles while every scaled value has at most 15 digits (then every step is exact), in
 * BigInts beyond.
 */
function integerRatio(written: readonly string[]): readonly (number | bigint)[] | undefined {
  let scale = 0;
  let intDigits = 0;
  for (const w of written) {
    const dot = w.indexOf('.');
    const end = significantEnd(w, dot);
    if (end < 0) return undefined;
    scale = Math.max(scale, dot < 0 ? 0 : end - dot - 1);
    intDigits = Math.max(intDigits, dot < 0 ? w.length : dot);
  }
  if (scale === 0) return undefined;
  if (intDigits + scale <= 15) {
    const values = written.map((w) => scaledNumber(w, scale));
    let divisor = 0;
    for (const v of values) divisor = gcdOfNumbers(divisor, v);
    if (divisor === 0) return undefined;
    const ints = values.map((v) => v / divisor);
    return ints.some((v) => v > MAX_NORMALISED_WEIGHT) ? undefined : ints;
  }
  const values = written.map((w) => BigInt(scaledDigits(w, scale)));
  const divisor = values.reduce((g, v) => gcd(g, v), 0n);
  if (divisor === 0n) return undefined;
  const ints = values.map((v) => v / divisor);
  return ints.some((v) => v > BigInt(MAX_NORMALISED_WEIGHT)) ? undefined : ints;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function gcdOfNumbers(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** `0.9 * /a & 0.1 * /b` → `9 * /a & 1 * /b`: the same ratios, exact, and printed without rounding. */
function fractionalWeights(union: WrittenUnion): Diagnostic | undefined {
  const members = union.members;
  const hint = ratioHint(
    members.map((m) => m.weight?.text ?? '1'),
    members.map((m) => m.weight !== undefined),
  );
  if (hint === undefined) return undefined;
  const edits: TextEdit[] = members.map((m, i) => ({
    span: m.weight ? m.weight.span : { start: m.tree.span.start, end: m.tree.span.start },
    newText: hint.newTexts[i]!,
  }));
  return hintDiagnostic(union.span, hint, edits);
}
