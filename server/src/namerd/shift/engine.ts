// Drives a blue-green shift as a sequence of compare-and-set state transitions on ONE dentry (the last one with the
// plan's prefix). Every step: read namerd, stop on any change we did not make (a conflict pauses and reports it),
// preflight, record the intended write (write-ahead), PUT with If-Match, read back and verify, save the state.
// Every other dentry is passed through exactly as namerd served it, in its order.
//
// Recovery: a state found `running` by a new driver means the old one died; a `pendingWrite` tells whether its last
// write landed (namerd still at `ifMatch`: no; namerd shows `expected`: yes; anything else: a conflict).

import { randomUUID } from 'node:crypto';
import { isNamerdError } from '../client/errors.js';
import type { CallOptions, NamerdApi } from '../client/types.js';
import { sameDentries, type CanonicalDentry } from '../sync/canonical.js';
import { casWrite, readCanonical } from '../sync/cas.js';
import { diffDentries } from '../sync/diff.js';
import { systemClock, type Clock } from './clock.js';
import { destinationAfter, type ShiftPlan } from './plan.js';
import { preflight, type PreflightResult } from './preflight.js';
import { isTerminal, type PauseReason, type ShiftState } from './state.js';
import { ShiftLockedError, type ShiftStore } from './store.js';
import { targetDst, withTargetDst } from './target.js';

export interface ShiftDeps {
  readonly api: NamerdApi;
  readonly store: ShiftStore;
  /** The namerd base URL (part of the state's identity). */
  readonly endpoint: string;
  readonly clock?: Clock;
  /** Asked before each step after the first when the plan's gate is `confirm`; false pauses the shift. */
  readonly confirm?: (state: ShiftState, nextPercent: number) => Promise<boolean>;
  /** Called after every saved transition (progress display). */
  readonly onChange?: (state: ShiftState) => void;
  readonly callOptions?: CallOptions;
}

/** Why a command could not act; the state (when there is one) is unchanged. */
export type Refusal =
  | { readonly kind: 'not-found'; readonly message: string }
  | { readonly kind: 'busy'; readonly message: string; readonly state?: ShiftState }
  | { readonly kind: 'refused'; readonly message: string; readonly problems?: readonly string[] }
  | { readonly kind: 'conflict'; readonly message: string; readonly state?: ShiftState };

export type ShiftOutcome = { readonly kind: 'state'; readonly state: ShiftState } | Refusal;
export type PreviewOutcome = { readonly kind: 'preview'; readonly preview: ShiftPreview } | Refusal;

export interface ShiftPreview {
  readonly version: string;
  readonly currentDst: string;
  readonly steps: readonly { readonly percent: number; readonly dst: string }[];
}

export class ShiftController {
  private readonly clock: Clock;
  private pauseRequested = false;
  private sleepAbort: AbortController | undefined;

  constructor(private readonly deps: ShiftDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  private get opts(): CallOptions {
    return this.deps.callOptions ?? {};
  }

  /** Asks a running shift (in this process) to pause at its next safe point: never between a write and its record. */
  requestPause(): void {
    this.pauseRequested = true;
    this.sleepAbort?.abort();
  }

  /** What the shift would do to namerd's current dtab; refuses when the dentry is missing or not at `--from`. */
  async preview(plan: ShiftPlan): Promise<PreviewOutcome> {
    let cur;
    try {
      cur = await readCanonical(this.deps.api, plan.namespace, this.opts);
    } catch (e) {
      if (isNamerdError(e) && e.kind === 'not-found') return { kind: 'not-found', message: `namespace ${plan.namespace} does not exist on namerd` };
      throw e;
    }
    const dst = targetDst(cur.dentries, plan.prefix);
    if (dst === undefined) return { kind: 'refused', message: `namespace ${plan.namespace} has no dentry with prefix ${plan.prefix}; add one routing to ${plan.blue} first` };
    if (dst !== plan.blue) {
      return { kind: 'refused', message: `the last dentry for ${plan.prefix} routes to ${dst}, not to ${plan.blue}; pass --from ${JSON.stringify(dst)} if that is the blue side` };
    }
    const steps = plan.steps.map((percent, i) => ({ percent, dst: destinationAfter(plan, i + 1) }));
    return { kind: 'preview', preview: { version: cur.version, currentDst: dst, steps } };
  }

  /** Starts a new shift and drives it until it completes or pauses. */
  async start(plan: ShiftPlan): Promise<ShiftOutcome> {
    return this.locked(plan.namespace, async () => {
      const existing = await this.deps.store.load(this.deps.endpoint, plan.namespace);
      if (existing && !isTerminal(existing)) {
        return { kind: 'busy', message: `a shift of ${existing.plan.prefix} in ${plan.namespace} is ${existing.status}; resume, abort or roll it back first`, state: existing };
      }
      const pv = await this.preview(plan);
      if (pv.kind !== 'preview') return pv;
      const cur = await readCanonical(this.deps.api, plan.namespace, this.opts);
      if (cur.version !== pv.preview.version) return { kind: 'conflict', message: `namespace ${plan.namespace} changed while the shift was being planned; run it again` };
      const first = withTargetDst(cur.dentries, plan.prefix, destinationAfter(plan, 1))!;
      const pf = await preflight(this.deps.api, { namespace: plan.namespace, prefix: plan.prefix, green: plan.green, next: first }, this.opts);
      if (!pf.ok) return { kind: 'refused', message: 'preflight failed; nothing was written', problems: pf.problems };
      const now = new Date(this.clock.now()).toISOString();
      const state: ShiftState = {
        id: `${plan.namespace}-${now}-${randomUUID().slice(0, 8)}`,
        endpoint: this.deps.endpoint,
        plan,
        status: 'running',
        stepCount: 0,
        knownVersion: cur.version,
        knownDentries: cur.dentries,
        original: { prefix: plan.prefix, dst: pv.preview.currentDst },
        originalVersion: cur.version,
        startedAt: now,
        updatedAt: now,
        events: [{ at: now, event: 'started', version: cur.version, detail: `green ${plan.green} resolves to ${pf.addresses.join(', ')}` }],
      };
      await this.save(state);
      return { kind: 'state', state: await this.drive(state) };
    });
  }

  /** Continues a paused or interrupted shift (after a conflict: only when the shifted dentry is in a known state). */
  async resume(namespace: string): Promise<ShiftOutcome> {
    return this.locked(namespace, async () => {
      const loaded = await this.loadSettled(namespace, true);
      if (!('id' in loaded)) return loaded;
      let state = loaded;
      if (state.status === 'paused' && (state.pause?.kind === 'conflict' || state.knownVersion === undefined)) {
        const rebased = await this.rebase(state);
        if (rebased.kind !== 'state') return rebased;
        state = rebased.state;
      }
      if (state.status === 'paused' || state.status === 'running') {
        state = await this.transition(state, { status: 'running', pause: undefined }, 'resumed');
      }
      return { kind: 'state', state: await this.drive(state) };
    });
  }

  /** Stops the shift where it is: the current weights stay in namerd. */
  async abort(namespace: string): Promise<ShiftOutcome> {
    return this.locked(namespace, async () => {
      const state = await this.loadSettled(namespace, true);
      if (!('id' in state)) return state;
      const dst = destinationAfter(state.plan, state.stepCount);
      return { kind: 'state', state: await this.transition(state, { status: 'aborted', pause: undefined, nextStepAt: undefined }, 'aborted', undefined, `left at ${dst}`) };
    });
  }

  /** Restores the shifted dentry's original dst with compare-and-set; other dentries (including others' edits) stay. */
  async rollback(namespace: string): Promise<ShiftOutcome> {
    return this.locked(namespace, async () => {
      const loaded = await this.loadSettled(namespace, false);
      if (!('id' in loaded)) return loaded;
      let state = loaded;
      if (state.status === 'rolled-back') return { kind: 'state', state };
      const known = new Set(state.plan.steps.map((_, i) => destinationAfter(state!.plan, i + 1)));
      for (let attempt = 0; attempt < 3; attempt++) {
        const cur = await readCanonical(this.deps.api, namespace, this.opts);
        const dst = targetDst(cur.dentries, state.plan.prefix);
        if (dst === state.original.dst) {
          const patch = { status: 'rolled-back', pause: undefined, stepCount: 0, knownVersion: cur.version, knownDentries: cur.dentries } as const;
          return { kind: 'state', state: await this.transition(state, patch, 'rolled-back', cur.version, 'already at the original destination') };
        }
        if (dst === undefined || !known.has(dst)) {
          return { kind: 'conflict', state, message: `the dentry ${state.plan.prefix} is now ${dst ?? 'gone'}, which this shift did not write; restore ${state.original.prefix}=>${state.original.dst} by hand` };
        }
        const next = withTargetDst(cur.dentries, state.plan.prefix, state.original.dst)!;
        state = await this.transition(state, { pendingWrite: { kind: 'rollback', ifMatch: cur.version, expected: next } }, 'rollback-intent', cur.version);
        const r = await casWrite(this.deps.api, namespace, next, cur.version, this.opts);
        if (r.kind === 'not-found') {
          return { kind: 'not-found', message: `namespace ${namespace} no longer exists` };
        }
        if (r.kind === 'conflict') {
          state = await this.transition(state, { pendingWrite: undefined }, 'rollback-retry', r.version, 'namerd changed during the rollback; retrying on the new version');
          continue;
        }
        const done = { status: 'rolled-back', pause: undefined, pendingWrite: undefined, stepCount: 0, knownDentries: next, nextStepAt: undefined } as const;
        const note = r.verified ? undefined : 'namerd changed again right after the rollback';
        state = await this.transition(state, { ...done, knownVersion: r.verified ? r.version : undefined }, 'rollback-written', r.version, note);
        return { kind: 'state', state };
      }
      return { kind: 'conflict', state, message: 'namerd kept changing during the rollback; try again' };
    });
  }

  // ------------------------------------------------------------------------------------------------------------

  private async locked(namespace: string, body: () => Promise<ShiftOutcome>): Promise<ShiftOutcome> {
    let release;
    try {
      release = await this.deps.store.lock(this.deps.endpoint, namespace);
    } catch (e) {
      if (e instanceof ShiftLockedError) return { kind: 'busy', message: e.message };
      throw e;
    }
    this.pauseRequested = false;
    try {
      return await body();
    } finally {
      await release();
    }
  }

  /** The namespace's shift with any interrupted write settled; `activeOnly` refuses a finished shift. */
  private async loadSettled(namespace: string, activeOnly: boolean): Promise<ShiftState | Refusal> {
    const state = await this.deps.store.load(this.deps.endpoint, namespace);
    if (!state) return { kind: 'not-found', message: `no shift recorded for namespace ${namespace}` };
    if (activeOnly && isTerminal(state)) return { kind: 'refused', message: `the last shift of ${namespace} is already ${state.status}` };
    return state.pendingWrite ? this.recover(state) : state;
  }

  private async save(state: ShiftState): Promise<void> {
    await this.deps.store.save(state);
    this.deps.onChange?.(state);
  }

  private async transition(state: ShiftState, patch: Partial<ShiftState>, event: string, version?: string, detail?: string): Promise<ShiftState> {
    const at = new Date(this.clock.now()).toISOString();
    const next: ShiftState = { ...state, ...patch, updatedAt: at, events: [...state.events, { at, event, version, detail }] };
    await this.save(next);
    return next;
  }

  private pause(state: ShiftState, reason: PauseReason, patch: Partial<ShiftState> = {}, version?: string): Promise<ShiftState> {
    return this.transition(state, { ...patch, status: 'paused', pause: reason }, `paused (${reason.kind})`, version, reason.message);
  }

  /** Settles a write-ahead record left by a crashed or failed write. */
  private async recover(state: ShiftState): Promise<ShiftState> {
    const pw = state.pendingWrite!;
    const cur = await readCanonical(this.deps.api, state.plan.namespace, this.opts);
    if (cur.version === pw.ifMatch) {
      return this.transition(state, { pendingWrite: undefined }, 'recovered: the interrupted write did not land', cur.version);
    }
    if (sameDentries(cur.dentries, pw.expected)) {
      const patch: Partial<ShiftState> =
        pw.kind === 'rollback'
          ? { status: 'rolled-back', pause: undefined, stepCount: 0 }
          : { stepCount: pw.stepCount!, nextStepAt: this.nextStepAt(state.plan, pw.stepCount!) };
      return this.transition(state, { ...patch, pendingWrite: undefined, knownVersion: cur.version, knownDentries: pw.expected }, 'recovered: the interrupted write landed', cur.version);
    }
    return this.pause(
      state,
      { kind: 'conflict', message: 'namerd changed while the shift was interrupted', changes: diffDentries(state.knownDentries, cur.dentries) },
      { pendingWrite: undefined, knownVersion: undefined },
      cur.version,
    );
  }

  /** After a conflict: adopt namerd's current dtab if the shifted dentry is at one of this shift's states. */
  private async rebase(state: ShiftState): Promise<ShiftOutcome> {
    const cur = await readCanonical(this.deps.api, state.plan.namespace, this.opts);
    const dst = targetDst(cur.dentries, state.plan.prefix);
    const candidates = [state.stepCount, ...Array.from({ length: state.plan.steps.length + 1 }, (_, i) => state.plan.steps.length - i)];
    const at = candidates.find((n) => destinationAfter(state.plan, n) === dst);
    if (at === undefined) {
      return {
        kind: 'conflict',
        state,
        message: `the dentry ${state.plan.prefix} is now ${dst ?? 'gone'}, which is no state of this shift; fix it by hand, then abort, or roll back`,
      };
    }
    const s = await this.transition(state, { stepCount: at, knownVersion: cur.version, knownDentries: cur.dentries }, 'rebased on the current dtab', cur.version);
    return { kind: 'state', state: s };
  }

  private nextStepAt(plan: ShiftPlan, stepCount: number): number | undefined {
    return plan.gate.kind === 'dwell' && stepCount < plan.steps.length ? this.clock.now() + plan.gate.ms : undefined;
  }

  /** Runs steps until the shift completes or pauses. */
  private async drive(initial: ShiftState): Promise<ShiftState> {
    let state = initial;
    while (state.status === 'running') {
      if (state.stepCount >= state.plan.steps.length) {
        state = await this.transition(state, { status: 'completed', nextStepAt: undefined }, 'completed', state.knownVersion, `${state.plan.prefix}=>${destinationAfter(state.plan, state.stepCount)}`);
        break;
      }
      if (state.stepCount > 0 && state.gatePassedAt !== state.stepCount) {
        state = await this.gate(state);
        if (state.status !== 'running') break;
      }
      if (this.pauseRequested) {
        state = await this.pause(state, { kind: 'user', message: 'paused on request' });
        break;
      }
      try {
        state = await this.step(state);
      } catch (e) {
        // namerd unreachable or failing: stop here with the state saved; a pending write is settled on resume.
        state = await this.pause(state, { kind: 'interrupted', message: `namerd failed during the shift: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    return state;
  }

  private async gate(state: ShiftState): Promise<ShiftState> {
    const plan = state.plan;
    if (plan.gate.kind === 'dwell') {
      const due = state.nextStepAt ?? this.clock.now() + plan.gate.ms;
      if (due > this.clock.now()) {
        state = await this.transition(state, { nextStepAt: due }, 'dwelling', undefined, `step ${state.stepCount + 1} (${plan.steps[state.stepCount]}%) at ${new Date(due).toISOString()}`);
      }
      this.sleepAbort = new AbortController();
      // A pause requested before the sleep began must not wait out the whole dwell.
      if (this.pauseRequested) this.sleepAbort.abort();
      try {
        await this.clock.sleep(Math.max(0, due - this.clock.now()), this.sleepAbort.signal);
      } finally {
        this.sleepAbort = undefined;
      }
      if (this.pauseRequested) return this.pause(state, { kind: 'user', message: 'paused on request' });
    } else {
      const percent = plan.steps[state.stepCount]!;
      const yes = this.deps.confirm ? await this.deps.confirm(state, percent) : false;
      if (!yes) return this.pause(state, { kind: 'user', message: `step to ${percent}% not confirmed` });
    }
    return this.transition(state, { gatePassedAt: state.stepCount, nextStepAt: undefined }, 'gate passed');
  }

  private async step(state: ShiftState): Promise<ShiftState> {
    const { plan } = state;
    const ns = plan.namespace;
    const cur = await readCanonical(this.deps.api, ns, this.opts);
    if (cur.version !== state.knownVersion) {
      if (!sameDentries(cur.dentries, state.knownDentries)) {
        return this.pause(
          state,
          { kind: 'conflict', message: `namerd's dtab changed since the shift last wrote it (version ${state.knownVersion ?? '?'} → ${cur.version})`, changes: diffDentries(state.knownDentries, cur.dentries) },
          { knownVersion: undefined },
          cur.version,
        );
      }
      state = await this.transition(state, { knownVersion: cur.version }, 'version moved, content unchanged', cur.version);
    }
    const stepCount = state.stepCount + 1;
    const next = withTargetDst(cur.dentries, plan.prefix, destinationAfter(plan, stepCount));
    if (!next || targetDst(cur.dentries, plan.prefix) !== destinationAfter(plan, state.stepCount)) {
      return this.pause(state, { kind: 'conflict', message: `the dentry ${plan.prefix} is not where the shift left it` }, { knownVersion: undefined }, cur.version);
    }
    const pf: PreflightResult = await preflight(this.deps.api, { namespace: ns, prefix: plan.prefix, green: plan.green, next }, this.opts);
    if (!pf.ok) return this.pause(state, { kind: 'preflight', message: `preflight before step ${stepCount} failed`, problems: pf.problems });
    if (this.pauseRequested) return this.pause(state, { kind: 'user', message: 'paused on request' });

    state = await this.transition(state, { pendingWrite: { kind: 'step', stepCount, ifMatch: cur.version, expected: next } }, `step ${stepCount} intent`, cur.version);
    let r;
    try {
      r = await casWrite(this.deps.api, ns, next, cur.version, this.opts);
    } catch (e) {
      // The write may or may not have landed (e.g. a timeout); the pending record lets resume find out.
      return this.pause(state, { kind: 'interrupted', message: `step ${stepCount} write failed: ${e instanceof Error ? e.message : String(e)}` });
    }
    if (r.kind === 'not-found') {
      return this.pause(state, { kind: 'conflict', message: `namespace ${ns} was deleted` }, { pendingWrite: undefined, knownVersion: undefined });
    }
    if (r.kind === 'conflict') {
      return this.pause(
        state,
        { kind: 'conflict', message: `namerd's dtab changed just before step ${stepCount} (412)`, changes: diffDentries(cur.dentries, r.current) },
        { pendingWrite: undefined, knownVersion: undefined },
        r.version,
      );
    }
    const written = { pendingWrite: undefined, stepCount, knownDentries: next, nextStepAt: this.nextStepAt(plan, stepCount) };
    if (!r.verified) {
      return this.pause(
        state,
        { kind: 'conflict', message: `step ${stepCount} was written, but namerd changed again right after it`, changes: diffDentries(next, r.dentries) },
        { ...written, knownVersion: undefined },
        r.version,
      );
    }
    return this.transition(state, { ...written, knownVersion: r.version }, `step ${stepCount} written`, r.version, `${plan.steps[stepCount - 1]}% green: ${plan.prefix}=>${destinationAfter(plan, stepCount)}`);
  }
}
