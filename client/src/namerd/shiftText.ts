// Words for the shift UI (progress notification, output history). Pure, so the wording is tested without VS Code.

import ms from 'ms';
import { destinationAfter, splitWeights, type ShiftGate } from '../../../server/src/namerd/shift/plan.js';
import type { ShiftHistoryEntry, ShiftState } from '../../../server/src/namerd/shift/state.js';

/** `30s`, `5m`, `90` (seconds) → a dwell gate; `confirm` → confirm each step. Undefined for anything else. */
export function parseGate(text: string): ShiftGate | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'confirm' || t === 'confirmed') return { kind: 'confirm' };
  if (/^\d+(\.\d+)?$/.test(t)) return { kind: 'dwell', ms: Number(t) * 1000 };
  if (t === '') return undefined;
  let parsed: number | undefined;
  try {
    parsed = ms(t as ms.StringValue) as number | undefined;
  } catch {
    return undefined; // ms throws on some malformed input
  }
  return typeof parsed === 'number' && Number.isFinite(parsed) && parsed >= 0 ? { kind: 'dwell', ms: parsed } : undefined;
}

/** The split after the shift's completed steps: `25% green (1 × green & 3 × blue)`, `blue only`, `100% green`. */
export function currentSplit(state: ShiftState): string {
  const n = state.stepCount;
  if (n <= 0) return 'blue only (0% green)';
  const percent = state.plan.steps[Math.min(n, state.plan.steps.length) - 1]!;
  if (percent >= 100) return state.plan.final === 'green' ? '100% green' : '100% green, blue as fallback';
  const w = splitWeights(percent);
  return `${percent}% green (weights ${w.green} green : ${w.blue} blue)`;
}

/** One line for the progress notification. */
export function progressMessage(state: ShiftState): string {
  const steps = `step ${state.stepCount}/${state.plan.steps.length}`;
  const base = `${state.plan.prefix}: ${currentSplit(state)}, ${steps}`;
  switch (state.status) {
    case 'running':
      return state.nextStepAt !== undefined
        ? `${base}; next step at ${new Date(state.nextStepAt).toLocaleTimeString()}`
        : base;
    case 'paused':
      return `${base}; paused: ${state.pause?.message ?? 'no reason recorded'}`;
    default:
      return `${base}; ${state.status}`;
  }
}

/** The share of the plan done, 0..100, for the progress bar. */
export function progressPercent(state: ShiftState): number {
  return Math.round((100 * Math.min(state.stepCount, state.plan.steps.length)) / state.plan.steps.length);
}

/** The newest event as an output line. */
export function eventLine(state: ShiftState): string {
  const e = state.events[state.events.length - 1];
  if (!e) return `[shift ${state.plan.namespace}${state.plan.prefix}] ${state.status}`;
  const version = e.version ? ` @${e.version}` : '';
  return `[shift ${state.plan.namespace} ${state.plan.prefix}] ${e.event}${version}${e.detail ? `: ${e.detail}` : ''} → ${destinationAfter(state.plan, state.stepCount)}`;
}

export function historyLines(entries: readonly ShiftHistoryEntry[]): string[] {
  if (entries.length === 0) return ['no shifts recorded'];
  return entries.map(
    (h) => `${h.startedAt} ${h.prefix}: ${h.from} → ${h.to}, steps ${h.steps.join(',')}%, ${h.status} at step ${h.stepCount}/${h.steps.length}, versions ${h.versions.join(' → ')}`,
  );
}
