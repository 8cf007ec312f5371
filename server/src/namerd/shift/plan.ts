// A blue-green shift plan (namerd-http-api.md §5): which dentry, from which destination to which, in which steps,
// how each step is gated, and what the final state is. Pure: validation and the destination of every step.

import type { NameTree, Path } from '../../core/dtab/ast.js';
import { readNameTree, readPrefix } from '../../core/dtab/parse.js';
import { showNameTree, showPrefix } from '../../core/dtab/show.js';

export const DEFAULT_STEPS: readonly number[] = [10, 25, 50, 100];

/** After each step but the last: wait a fixed time, or ask (a human, a CI gate) for confirmation. */
export type ShiftGate = { readonly kind: 'dwell'; readonly ms: number } | { readonly kind: 'confirm' };

/** `green`: the dentry ends as the green destination alone; `fallback`: `green | blue` (use blue when green is Neg). */
export type FinalState = 'green' | 'fallback';

export interface ShiftPlan {
  readonly namespace: string;
  /** Canonical prefix; the LAST dentry with exactly this prefix is shifted (later dentries win, §3). */
  readonly prefix: string;
  /** Canonical destinations (NameTree.show). */
  readonly blue: string;
  readonly green: string;
  /** Green percentages, strictly increasing, ending at 100. */
  readonly steps: readonly number[];
  readonly gate: ShiftGate;
  readonly final: FinalState;
}

export interface ShiftPlanInput {
  readonly namespace: string;
  readonly prefix: string;
  readonly from: string;
  readonly to: string;
  readonly steps?: readonly number[];
  readonly gate: ShiftGate;
  readonly final?: FinalState;
}

export type PlanResult = { readonly ok: true; readonly plan: ShiftPlan } | { readonly ok: false; readonly message: string };

/** Checks and canonicalises the user's plan; every problem comes back as a message saying how to fix it. */
export function buildShiftPlan(input: ShiftPlanInput): PlanResult {
  const prefix = readPrefix(input.prefix.trim());
  if (!prefix.ok) return { ok: false, message: `--prefix ${input.prefix} is not a dtab prefix: ${prefix.message}` };
  const blue = readNameTree(input.from.trim());
  if (!blue.ok) return { ok: false, message: `--from ${input.from} is not a destination: ${blue.message}` };
  const green = readNameTree(input.to.trim());
  if (!green.ok) return { ok: false, message: `--to ${input.to} is not a destination: ${green.message}` };
  const blueText = showNameTree(blue.value);
  const greenText = showNameTree(green.value);
  if (blueText === greenText) return { ok: false, message: `--from and --to are the same destination (${blueText}); nothing to shift` };
  const steps = input.steps ?? DEFAULT_STEPS;
  const stepProblem = checkSteps(steps);
  if (stepProblem) return { ok: false, message: stepProblem };
  if (input.gate.kind === 'dwell' && !(Number.isFinite(input.gate.ms) && input.gate.ms >= 0)) {
    return { ok: false, message: 'the interval between steps must be a non-negative duration such as 30s or 5m' };
  }
  return {
    ok: true,
    plan: {
      namespace: input.namespace,
      prefix: showPrefix(prefix.value),
      blue: blueText,
      green: greenText,
      steps: [...steps],
      gate: input.gate,
      final: input.final ?? 'green',
    },
  };
}

function checkSteps(steps: readonly number[]): string | undefined {
  if (steps.length === 0) return 'give at least one step, e.g. --steps 10,25,50,100';
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (!Number.isFinite(s) || s <= 0 || s > 100) return `step ${s} is not a green percentage in (0, 100]`;
    if (Math.round(s * 100) !== s * 100) return `step ${s} has more than two decimals`;
    if (i > 0 && s <= steps[i - 1]!) return `steps must increase: ${steps[i - 1]} is followed by ${s}`;
  }
  if (steps[steps.length - 1] !== 100) return `the last step must be 100 (the final state); got ${steps[steps.length - 1]}`;
  return undefined;
}

/** Parses `10,25,50,100`. */
export function parseSteps(text: string): number[] | undefined {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) return undefined;
  return parts.map(Number);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Smallest integer weights (green, blue) with green/(green+blue) = percent/100: 10 → (1, 9), 25 → (1, 3). */
export function splitWeights(percent: number): { green: number; blue: number } {
  const g = Math.round(percent * 100);
  const b = 10_000 - g;
  const d = gcd(g, b);
  return { green: g / d, blue: b / d };
}

function tree(text: string): NameTree<Path> {
  const t = readNameTree(text);
  if (!t.ok) throw new Error(`canonical destination ${text} does not parse: ${t.message}`);
  return t.value;
}

/**
 * The dst of the shifted dentry after `stepCount` steps: the original (blue) at 0, a weighted union
 * (`1 * green & 9 * blue`, printed with a `9.00` weight) below 100%, and the final state at 100%.
 */
export function destinationAfter(plan: ShiftPlan, stepCount: number): string {
  if (stepCount <= 0) return plan.blue;
  const percent = plan.steps[Math.min(stepCount, plan.steps.length) - 1]!;
  const green = tree(plan.green);
  const blue = tree(plan.blue);
  if (percent >= 100) return plan.final === 'green' ? plan.green : showNameTree({ kind: 'alt', trees: [green, blue] });
  const w = splitWeights(percent);
  return showNameTree({ kind: 'union', weighted: [{ weight: w.green, tree: green }, { weight: w.blue, tree: blue }] });
}
