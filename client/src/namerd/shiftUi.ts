// Blue-green shifts from the editor, driven by the shift engine (server/src/namerd/shift): a guided start (endpoint,
// namespace, dentry, blue, green, steps, timed or confirmed, final state), a progress notification showing the
// current split, pause/resume/abort/rollback commands, resume after a reload from the persisted state (one JSON
// file per namespace in the extension's global storage), history in the output channel and the namespaces view,
// and the cross-service failover helper.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ShiftController, type ShiftOutcome } from '../../../server/src/namerd/shift/engine.js';
import { applyFailover, planFailover } from '../../../server/src/namerd/shift/failover.js';
import { buildShiftPlan, DEFAULT_STEPS, parseSteps, type FinalState } from '../../../server/src/namerd/shift/plan.js';
import { isTerminal, type ShiftHistoryEntry, type ShiftState } from '../../../server/src/namerd/shift/state.js';
import { FileShiftStore } from '../../../server/src/namerd/shift/store.js';
import { readCanonical } from '../../../server/src/namerd/sync/cas.js';
import { renderChanges } from '../../../server/src/namerd/sync/render.js';
import { errorMessage, type Connection, type NamerdConnections } from './connections.js';
import { pickNamespace } from './picks.js';
import { eventLine, historyLines, parseGate, progressMessage, progressPercent } from './shiftText.js';

interface Running {
  readonly controller: ShiftController;
  readonly done: Promise<ShiftOutcome>;
}

/** A namespace, then one of its prefixes (the last dentry of each, which is the one a shift rewrites). */
async function pickDentry(connections: NamerdConnections, namespaceTitle: string, dentryTitle: string): Promise<{ conn: Connection; namespace: string; dentry: vscode.QuickPickItem } | undefined> {
  const picked = await pickNamespace(connections, namespaceTitle, false);
  if (!picked) return undefined;
  const { connection: conn, namespace } = picked;
  let current;
  try {
    current = await readCanonical(conn.client, namespace);
  } catch (e) {
    void vscode.window.showErrorMessage(`Cannot read ${conn.name}/${namespace}: ${errorMessage(e)}`);
    return undefined;
  }
  const seen = new Set<string>();
  const dentries = [...current.dentries].reverse().filter((d) => !seen.has(d.prefix) && seen.add(d.prefix));
  const dentry = await vscode.window.showQuickPick(dentries.map((d) => ({ label: d.prefix, description: d.dst })), { title: dentryTitle, ignoreFocusOut: true });
  return dentry ? { conn, namespace, dentry } : undefined;
}

export class ShiftUi implements vscode.Disposable {
  private readonly store: FileShiftStore;
  /** Shifts driven by this window, by `endpointUrl \0 namespace`. */
  private readonly running = new Map<string, Running>();

  constructor(
    storageDir: string,
    private readonly connections: NamerdConnections,
    private readonly log: vscode.LogOutputChannel,
    private readonly onWritten: (endpoint: string, namespace: string) => void,
  ) {
    this.store = new FileShiftStore(join(storageDir, 'shifts'));
  }

  /** For the namespaces view: the shifts recorded for a namespace of a named endpoint. */
  async history(endpointName: string, namespace: string): Promise<ShiftHistoryEntry[]> {
    const conn = await this.connections.get(endpointName);
    return this.store.history(conn.url, namespace);
  }

  private controller(conn: Connection, progress?: (s: ShiftState) => void): ShiftController {
    return new ShiftController({
      api: conn.client,
      store: this.store,
      endpoint: conn.url,
      onChange: (s) => {
        this.log.info(eventLine(s));
        progress?.(s);
        this.onWritten(conn.name, s.plan.namespace);
      },
      confirm: async (s, next) => {
        const answer = await vscode.window.showInformationMessage(
          `Shift ${s.plan.namespace} ${s.plan.prefix}: now ${progressMessage(s)}. Continue to ${next}% green?`,
          { modal: true },
          'Continue',
        );
        return answer === 'Continue';
      },
    });
  }

  /** Drives a shift with a progress notification until it completes or pauses; cancelling the notification pauses. */
  private drive(conn: Connection, namespace: string, title: string, run: (c: ShiftController) => Promise<ShiftOutcome>): Promise<ShiftOutcome> {
    const key = `${conn.url}\u0000${namespace}`;
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `${title} (Cancel pauses it)`, cancellable: true },
        async (progress, token) => {
          let reported = 0;
          const controller = this.controller(conn, (s) => {
            const pct = progressPercent(s);
            progress.report({ message: progressMessage(s), increment: Math.max(0, pct - reported) });
            reported = Math.max(reported, pct);
          });
          token.onCancellationRequested(() => controller.requestPause());
          const done = run(controller);
          this.running.set(key, { controller, done });
          try {
            const outcome = await done;
            this.report(outcome);
            return outcome;
          } finally {
            this.running.delete(key);
          }
        },
      ),
    );
  }

  private report(outcome: ShiftOutcome): void {
    if (outcome.kind === 'state') {
      const s = outcome.state;
      const msg = `Shift in ${s.plan.namespace}: ${progressMessage(s)}`;
      if (s.status === 'paused' && s.pause?.kind === 'conflict' && s.pause.changes) {
        this.log.warn(`[shift] namerd changed under the shift:\n${renderChanges(s.pause.changes).join('\n')}`);
      }
      if (s.status === 'paused') void vscode.window.showWarningMessage(msg, 'Resume', 'Roll Back').then((a) => this.followUp(a, s));
      else void vscode.window.showInformationMessage(msg);
      return;
    }
    const problems = 'problems' in outcome && outcome.problems ? `: ${outcome.problems.join('; ')}` : '';
    this.log.warn(`[shift] ${outcome.kind}: ${outcome.message}${problems}`);
    void vscode.window.showErrorMessage(`Shift: ${outcome.message}${problems}`);
  }

  private async followUp(answer: string | undefined, s: ShiftState): Promise<void> {
    const conn = await this.connectionFor(s.endpoint);
    if (!conn) return;
    if (answer === 'Resume') await this.drive(conn, s.plan.namespace, `Resuming shift of ${s.plan.prefix}`, (c) => c.resume(s.plan.namespace));
    if (answer === 'Roll Back') await this.rollbackIn(conn, s.plan.namespace);
  }

  /** The configured endpoint whose URL a persisted state names; `quiet` when its absence needs no message. */
  private async connectionFor(url: string, quiet = false): Promise<Connection | undefined> {
    for (const name of this.connections.names()) {
      const c = await this.connections.get(name).catch(() => undefined);
      if (c && c.url === url) return c;
    }
    if (!quiet) void vscode.window.showErrorMessage(`No configured namerd endpoint has the URL ${url} any more.`);
    return undefined;
  }

  async start(): Promise<void> {
    const picked = await pickDentry(this.connections, 'Blue-green shift: which namespace?', 'Shift which dentry? (the last one with the prefix)');
    if (!picked) return;
    const { conn, namespace, dentry } = picked;
    const ask = (title: string, value: string, prompt: string): Thenable<string | undefined> =>
      vscode.window.showInputBox({ title, value, prompt, ignoreFocusOut: true });
    const blue = await ask('Blue (current) destination', dentry.description ?? '', 'The destination traffic moves away from');
    if (!blue) return;
    const green = await ask('Green (new) destination', '', 'The destination traffic moves to, e.g. /#/io.l5d.fs/web-v2');
    if (!green) return;
    const stepsText = await ask('Steps (green %)', DEFAULT_STEPS.join(','), 'Increasing percentages ending at 100');
    if (!stepsText) return;
    const steps = parseSteps(stepsText);
    if (!steps) {
      void vscode.window.showErrorMessage(`"${stepsText}" is not a list of percentages such as 10,25,50,100.`);
      return;
    }
    const gateText = await ask('Between steps', 'confirm', '"confirm" to ask before each step, or a wait such as 30s or 5m');
    if (!gateText) return;
    const gate = parseGate(gateText);
    if (!gate) {
      void vscode.window.showErrorMessage(`"${gateText}" is neither "confirm" nor a duration such as 30s.`);
      return;
    }
    const final = await vscode.window.showQuickPick(
      [
        { label: 'green', description: 'the dentry ends routing to green only', value: 'green' as FinalState },
        { label: 'fallback', description: 'ends as green | blue (blue when green is negative)', value: 'fallback' as FinalState },
      ],
      { title: 'Final state at 100%', ignoreFocusOut: true },
    );
    if (!final) return;
    const plan = buildShiftPlan({ namespace, prefix: dentry.label, from: blue, to: green, steps, gate, final: final.value });
    if (!plan.ok) {
      void vscode.window.showErrorMessage(`Shift not started: ${plan.message}`);
      return;
    }
    const preview = await this.controller(conn).preview(plan.plan).catch((e: unknown) => ({ kind: 'refused' as const, message: errorMessage(e) }));
    if (preview.kind !== 'preview') {
      void vscode.window.showErrorMessage(`Shift not started: ${preview.message}`);
      return;
    }
    const lines = preview.preview.steps.map((s) => `${s.percent}%: ${plan.plan.prefix} => ${s.dst}`);
    this.log.info(`[shift] plan for ${conn.name}/${namespace} (version ${preview.preview.version}):\n${lines.join('\n')}`);
    const go = await vscode.window.showWarningMessage(
      `Shift ${plan.plan.prefix} in ${conn.name}/${namespace} from ${plan.plan.blue} to ${plan.plan.green} in ${steps.length} steps (${steps.join(', ')}%)?`,
      { modal: true, detail: lines.join('\n') },
      'Start Shift',
    );
    if (go !== 'Start Shift') return;
    await this.drive(conn, namespace, `Shifting ${plan.plan.prefix} in ${namespace}`, (c) => c.start(plan.plan));
  }

  /** The namespace of a shift command: the one shifting in this window when there is only one, else a pick. */
  private async target(title: string): Promise<{ conn: Connection; namespace: string } | undefined> {
    if (this.running.size === 1) {
      const [key] = [...this.running.keys()];
      const [url, namespace] = key!.split('\u0000');
      const conn = await this.connectionFor(url!);
      return conn ? { conn, namespace: namespace! } : undefined;
    }
    const picked = await pickNamespace(this.connections, title, false);
    return picked ? { conn: picked.connection, namespace: picked.namespace } : undefined;
  }

  /** Pauses a shift driven here, and waits until it has stopped at a safe point. */
  private async stopHere(conn: Connection, namespace: string): Promise<void> {
    const r = this.running.get(`${conn.url}\u0000${namespace}`);
    if (!r) return;
    r.controller.requestPause();
    await r.done.catch(() => undefined);
  }

  async pause(): Promise<void> {
    const t = await this.target('Pause the shift of which namespace?');
    if (!t) return;
    if (!this.running.has(`${t.conn.url}\u0000${t.namespace}`)) {
      void vscode.window.showInformationMessage(`No shift of ${t.namespace} is running in this window.`);
      return;
    }
    await this.stopHere(t.conn, t.namespace);
  }

  async resume(): Promise<void> {
    const t = await this.target('Resume the shift of which namespace?');
    if (!t) return;
    await this.drive(t.conn, t.namespace, `Resuming the shift in ${t.namespace}`, (c) => c.resume(t.namespace));
  }

  async abort(): Promise<void> {
    const t = await this.target('Abort the shift of which namespace?');
    if (!t) return;
    const ok = await vscode.window.showWarningMessage(`Abort the shift in ${t.namespace}? The current split stays in namerd.`, { modal: true }, 'Abort Shift');
    if (ok !== 'Abort Shift') return;
    await this.stopHere(t.conn, t.namespace);
    this.report(await this.controller(t.conn).abort(t.namespace));
  }

  async rollback(): Promise<void> {
    const t = await this.target('Roll back the shift of which namespace?');
    if (!t) return;
    await this.rollbackIn(t.conn, t.namespace);
  }

  private async rollbackIn(conn: Connection, namespace: string): Promise<void> {
    await this.stopHere(conn, namespace);
    await this.drive(conn, namespace, `Rolling back the shift in ${namespace}`, (c) => c.rollback(namespace));
  }

  async showHistory(): Promise<void> {
    const picked = await pickNamespace(this.connections, 'Shift history of which namespace?', false);
    if (!picked) return;
    const entries = await this.store.history(picked.connection.url, picked.namespace);
    this.log.info(`[shift] history of ${picked.connection.name}/${picked.namespace}:\n${historyLines(entries).join('\n')}`);
    this.log.show(true);
  }

  /** After a reload: shifts this machine was driving when the window closed are offered for resumption. */
  async offerResume(): Promise<void> {
    let files: string[];
    try {
      files = (await readdir(this.store.dir)).filter((f) => f.endsWith('.json') && !f.endsWith('.history.json'));
    } catch {
      return; // no shift was ever started here
    }
    for (const f of files) {
      let s: ShiftState;
      try {
        s = JSON.parse(await readFile(join(this.store.dir, f), 'utf8')) as ShiftState;
      } catch {
        continue;
      }
      if (isTerminal(s) || s.status !== 'running') continue;
      // Only endpoints still configured (in a trusted way) are contacted; others are left alone silently.
      const conn = await this.connectionFor(s.endpoint, true);
      if (!conn) {
        this.log.info(`[shift] an interrupted shift of ${s.plan.namespace} on ${s.endpoint} is not offered: that endpoint is no longer configured`);
        continue;
      }
      this.log.info(`[shift] found an interrupted shift of ${s.plan.namespace} ${s.plan.prefix} (${progressMessage(s)})`);
      const answer = await vscode.window.showWarningMessage(
        `A shift of ${s.plan.prefix} in ${conn.name}/${s.plan.namespace} was interrupted at step ${s.stepCount}/${s.plan.steps.length}.`,
        'Resume',
        'Roll Back',
      );
      await this.followUp(answer, s);
    }
  }

  async failover(): Promise<void> {
    const picked = await pickDentry(this.connections, 'Cross-service failover: which namespace?', 'Fail over which dentry?');
    if (!picked) return;
    const { conn, namespace, dentry: prefix } = picked;
    const fallback = await vscode.window.showInputBox({ title: 'Fallback destination', prompt: 'Used whenever the primary resolves to nothing, e.g. /$/inet/backup/80 or /#/io.l5d.fs/web-dc2', ignoreFocusOut: true });
    if (!fallback) return;
    try {
      const plan = await planFailover(conn.client, namespace, prefix.label, fallback);
      if (plan.kind === 'refused') {
        void vscode.window.showErrorMessage(`Failover not set: ${plan.message}`);
        return;
      }
      const ok = await vscode.window.showWarningMessage(`Change ${plan.prefix} in ${conn.name}/${namespace}?`, { modal: true, detail: `${plan.before}\n→\n${plan.after}` }, 'Apply');
      if (ok !== 'Apply') return;
      const r = await applyFailover(conn.client, plan);
      if (r.kind === 'written') {
        this.log.info(`[failover] ${conn.name}/${namespace} ${plan.prefix}: ${plan.before} → ${plan.after} (version ${r.version})`);
        this.onWritten(conn.name, namespace);
        void vscode.window.showInformationMessage(`${plan.prefix} now falls back to ${fallback}.`);
      } else if (r.kind === 'conflict') {
        void vscode.window.showWarningMessage(`Not applied: ${namespace} changed on namerd meanwhile (now ${r.version}); run the failover again.`);
      } else {
        void vscode.window.showErrorMessage(`Not applied: namespace ${namespace} no longer exists.`);
      }
    } catch (e) {
      void vscode.window.showErrorMessage(`Failover failed: ${errorMessage(e)}`);
    }
  }

  dispose(): void {
    // A shift still driving when the window closes stays `running` in its file on purpose: the next window finds it
    // and offers to resume it (offerResume); its write-ahead record settles any write that was in flight.
    this.running.clear();
  }
}
