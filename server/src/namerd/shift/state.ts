// The persisted state of one shift. It is saved after every transition, and before every write a write-ahead
// record (`pendingWrite`) says what is about to be written with which If-Match, so a crashed shift can tell on
// restart whether its last write landed.

import type { CanonicalDentry } from '../sync/canonical.js';
import type { DentryChange } from '../sync/diff.js';
import type { ShiftPlan } from './plan.js';

export type ShiftStatus = 'running' | 'paused' | 'completed' | 'aborted' | 'rolled-back';

export const TERMINAL_STATUSES: readonly ShiftStatus[] = ['completed', 'aborted', 'rolled-back'];

export type PauseReason =
  /** Paused on request (pause(), Ctrl-C, or a declined confirmation). */
  | { readonly kind: 'user'; readonly message: string }
  /** namerd's dtab changed under the shift; `changes` is what changed since the shift's last known dtab. */
  | { readonly kind: 'conflict'; readonly message: string; readonly changes?: readonly DentryChange[] }
  /** A preflight check failed; resuming re-runs it. */
  | { readonly kind: 'preflight'; readonly message: string; readonly problems: readonly string[] }
  /** The driving process stopped without saying why (crash, kill); resuming recovers. */
  | { readonly kind: 'interrupted'; readonly message: string };

export interface PendingWrite {
  readonly kind: 'step' | 'rollback';
  /** For a step: the number of steps completed once it lands. */
  readonly stepCount?: number;
  readonly ifMatch: string;
  /** The whole dtab being written (canonical). */
  readonly expected: readonly CanonicalDentry[];
}

export interface ShiftEvent {
  readonly at: string;
  readonly event: string;
  readonly version?: string;
  readonly detail?: string;
}

export interface ShiftState {
  readonly id: string;
  readonly endpoint: string;
  readonly plan: ShiftPlan;
  readonly status: ShiftStatus;
  readonly pause?: PauseReason;
  /** Steps completed (0 … plan.steps.length). */
  readonly stepCount: number;
  /** The version and dtab as of the shift's last own write (or its start); undefined when unknown after a conflict. */
  readonly knownVersion?: string;
  readonly knownDentries: readonly CanonicalDentry[];
  /** The dentry exactly as it was before step 1, for rollback. */
  readonly original: CanonicalDentry;
  readonly originalVersion: string;
  readonly pendingWrite?: PendingWrite;
  /** The stepCount at which the gate before the next step was passed (so a resume does not ask again). */
  readonly gatePassedAt?: number;
  /** While dwelling between steps: when the next step is due (epoch ms). */
  readonly nextStepAt?: number;
  readonly startedAt: string;
  readonly updatedAt: string;
  /** Every transition, oldest first: what happened, when, at which version. */
  readonly events: readonly ShiftEvent[];
}

export function isTerminal(s: ShiftState): boolean {
  return TERMINAL_STATUSES.includes(s.status);
}

/** One line per shift in a namespace's history. */
export interface ShiftHistoryEntry {
  readonly id: string;
  readonly namespace: string;
  readonly endpoint: string;
  readonly prefix: string;
  readonly from: string;
  readonly to: string;
  readonly steps: readonly number[];
  readonly status: ShiftStatus;
  readonly stepCount: number;
  readonly startedAt: string;
  readonly updatedAt: string;
  /** namerd versions seen: at the start, then after each own write. */
  readonly versions: readonly string[];
}

export function historyEntry(s: ShiftState): ShiftHistoryEntry {
  const versions = [s.originalVersion, ...s.events.filter((e) => e.event.endsWith('written') && e.version).map((e) => e.version!)];
  return {
    id: s.id,
    namespace: s.plan.namespace,
    endpoint: s.endpoint,
    prefix: s.plan.prefix,
    from: s.plan.blue,
    to: s.plan.green,
    steps: s.plan.steps,
    status: s.status,
    stepCount: s.stepCount,
    startedAt: s.startedAt,
    updatedAt: s.updatedAt,
    versions,
  };
}
