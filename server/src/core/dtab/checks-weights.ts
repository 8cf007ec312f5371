// Weight checks on `&` unions (spec §1.5 and gotcha G8, §5.4 load balancing): weights Finagle drops, zero
// weights, and fractional weights that read better as integers. Pure.

import type { Dentry, DentryNode, TreeNode, WeightedNode } from './ast.js';
import { destinationShape, SHAPE_DOTTED_NUMBER, SHAPE_PARENTHESES } from './parse.js';
import type { Diagnostic, TextEdit } from '../diagnostic.js';
import { destinationHas, forEachTreeNode } from './checks-walk.js';
import { dropWeightEdit, removeUnionMemberEdit, weightWithStarSpan } from './checks-edits.js';

export const IGNORED_WEIGHT = 'dtab/ignored-weight';
export const ZERO_WEIGHT = 'dtab/zero-weight';
export const ALL_WEIGHTS_ZERO = 'dtab/all-weights-zero';
export const FRACTIONAL_WEIGHTS = 'dtab/fractional-weights';

/** Normalised integer weights are offered only while they stay this small (beyond, the fraction reads better). */
const MAX_NORMALISED_WEIGHT = 10_000;

/** The weight diagnostics of one error-free dentry of `text` (they depend on that dentry alone). */
export function weightDiagnostics(text: string, dentry: DentryNode, value: Dentry): Diagnostic[] {
  // Only a destination with a `*` has weights.
  if (!destinationHas(text, dentry, '*')) return [];
  if (plainWeightedUnion(dentry, value)) return [];
  const out: Diagnostic[] = [];
  forEachTreeNode(dentry.dst, (node) => {
    if (node.kind !== 'union') return;
    if (node.members.length < 2) {
      for (const m of node.members) if (m.weight) out.push(ignoredWeight(text, m));
      return;
    }
    for (const d of zeroWeights(text, node)) out.push(d); // (not a spread: a union may have 100,000 members)
    const fractional = fractionalWeights(node);
    if (fractional) out.push(fractional);
  });
  return out;
}

/**
 * The commonest weighted destination, `9 * /a & 1 * /b`, judged without building its syntax tree: no
 * parentheses, so every weight written belongs to the one top-level union (none is dropped); all weights positive;
 * and no weight written with a decimal point, so none is fractional.
 */
function plainWeightedUnion(dentry: DentryNode, value: Dentry): boolean {
  const shape = destinationShape(dentry);
  if (shape === undefined || (shape & (SHAPE_PARENTHESES | SHAPE_DOTTED_NUMBER)) !== 0) return false;
  const dst = value.dst;
  return dst.kind === 'union' && dst.weighted.length >= 2 && dst.weighted.every((w) => w.weight > 0 && w.tree.kind === 'leaf');
}

/** G8: `2 * /a` alone, `/a & (2 * /b)` and `2 * (/a & /b)` all lose the weight when parsed. */
function ignoredWeight(text: string, member: WeightedNode): Diagnostic {
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

function zeroWeights(text: string, union: Extract<TreeNode, { kind: 'union' }>): Diagnostic[] {
  const members = union.members;
  const weightOf = (m: WeightedNode) => (m.weight ? m.weight.value : 1);
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

/** A written weight as an exact decimal: integer digits and fraction digits (trailing zeros removed). */
function decimalParts(text: string): { int: string; frac: string } | undefined {
  const m = /^([0-9]*)(?:\.([0-9]*))?$/.exec(text);
  if (!m) return undefined;
  return { int: m[1] || '0', frac: (m[2] ?? '').replace(/0+$/, '') };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** `0.9 * /a & 0.1 * /b` → `9 * /a & 1 * /b`: the same ratios, exact, and printed without rounding. */
function fractionalWeights(union: Extract<TreeNode, { kind: 'union' }>): Diagnostic | undefined {
  const parts = union.members.map((m) => (m.weight ? decimalParts(m.weight.text) : { int: '1', frac: '' }));
  if (parts.some((p) => p === undefined)) return undefined;
  const scale = parts.reduce((m, p) => Math.max(m, p!.frac.length), 0);
  if (scale === 0) return undefined;
  const scaled = parts.map((p) => BigInt(p!.int + p!.frac.padEnd(scale, '0')));
  const divisor = scaled.reduce((g, v) => gcd(g, v), 0n);
  if (divisor === 0n) return undefined;
  const ints = scaled.map((v) => v / divisor);
  if (ints.some((v) => v > BigInt(MAX_NORMALISED_WEIGHT))) return undefined;
  const edits: TextEdit[] = union.members.map((m, i) =>
    m.weight
      ? { span: m.weight.span, newText: String(ints[i]) }
      : { span: { start: m.tree.span.start, end: m.tree.span.start }, newText: `${ints[i]} * ` },
  );
  const written = union.members.map((m) => m.weight?.text ?? '1').join(' : ');
  return {
    code: FRACTIONAL_WEIGHTS,
    severity: 'hint',
    span: union.span,
    message:
      `The weights ${written} are the integer ratio ${ints.join(' : ')}. Integer weights are exact and read ` +
      `better (Finagle prints weights rounded to two decimals); normalise them to integers.`,
    fixes: [{ title: 'Normalise weights to integers', edits, preferred: true }],
  };
}
