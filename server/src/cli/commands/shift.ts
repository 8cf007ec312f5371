// `dtab shift NS --prefix P --from BLUE --to GREEN`: a blue-green traffic shift of one dentry in steps (default
// 10,25,50,100 % green), each written with compare-and-set after a preflight, with a dwell (--interval 30s) or a
// confirmation (--interval confirm) between steps. Ctrl-C pauses. The state is kept in --state-dir, so a shift whose
// process died can be resumed (--resume), stopped where it is (--abort) or undone (--rollback).
// Also: --status, --history, and --failover DST (turn the dentry into `current | DST`).

import type { Command } from 'commander';
import { homedir } from 'node:os';
import { join } from 'node:path';
import ms from 'ms';
import type { NamerdApi } from '../../namerd/client/types.js';
import { ShiftController, type ShiftOutcome } from '../../namerd/shift/engine.js';
import { applyFailover, planFailover } from '../../namerd/shift/failover.js';
import { buildShiftPlan, destinationAfter, parseSteps, type ShiftGate, type ShiftPlan } from '../../namerd/shift/plan.js';
import type { ShiftState } from '../../namerd/shift/state.js';
import { FileShiftStore } from '../../namerd/shift/store.js';
import { renderChanges } from '../../namerd/sync/render.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../exit-codes.js';
import {
  EXIT_CONFLICT,
  EXIT_NOT_FOUND,
  EXIT_REFUSED,
  PLAN_ONLY_NOTE,
  consent,
  namerdAction,
  namerdClient,
  printJson,
  say,
  withNamerdOptions,
  WRITE_HELP,
  type NamerdOptions,
} from './namerd-shared.js';

export const STATE_DIR_ENV = 'DTAB_STATE_DIR';

interface ShiftOptions extends NamerdOptions {
  readonly prefix?: string;
  readonly from?: string;
  readonly to?: string;
  readonly steps: string;
  readonly interval: string;
  readonly final: string;
  readonly failover?: string;
  readonly resume?: boolean;
  readonly abort?: boolean;
  readonly rollback?: boolean;
  readonly status?: boolean;
  readonly history?: boolean;
  readonly stateDir?: string;
  readonly yes?: boolean;
}

export function registerShift(program: Command): void {
  withNamerdOptions(
    program
      .command('shift')
      .description('shift traffic of one dentry from a blue to a green destination in compare-and-set steps')
      .argument('<namespace>', 'the namerd namespace')
      .option('--prefix <prefix>', 'the dentry to shift: the last one with exactly this prefix')
      .option('--from <dst>', 'the blue destination (the dentry must route there now)')
      .option('--to <dst>', 'the green destination')
      .option('--steps <percentages>', 'green percentages, increasing, ending at 100', '10,25,50,100')
      .option('--interval <duration>', 'dwell between steps (30s, 5m, 0) or "confirm" to ask before each step', '30s')
      .option('--final <state>', 'final dst: "green" (green only) or "fallback" (green | blue)', 'green')
      .option('--failover <dst>', "instead of a shift: turn the prefix's dentry into `current | DST`")
      .option('--resume', 'continue the paused or interrupted shift of the namespace')
      .option('--abort', 'stop the shift, leaving the current weights in place')
      .option('--rollback', "restore the shifted dentry's original destination")
      .option('--status', 'show the state of the namespace\'s shift')
      .option('--history', 'list the shifts recorded for the namespace')
      .option('--state-dir <dir>', `where shift state is kept (default $${STATE_DIR_ENV} or ~/.local/state/linkerd-dtab/shifts)`)
      .option('-y, --yes', 'start without asking')
      .addHelpText('after', WRITE_HELP),
  ).action(namerdAction((namespace: string, opts: ShiftOptions) => runShift(namespace, opts)));
}

function stateDir(opts: ShiftOptions): string {
  return opts.stateDir ?? process.env[STATE_DIR_ENV] ?? join(process.env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'linkerd-dtab', 'shifts');
}

function readGate(interval: string): ShiftGate {
  if (interval === 'confirm') return { kind: 'confirm' };
  const n = /^\d+$/.test(interval) ? Number(interval) * 1000 : ms(interval as ms.StringValue);
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new UsageError(`--interval ${interval} is not a duration (30s, 5m, 0) or "confirm"`);
  return { kind: 'dwell', ms: n };
}

function readPlan(namespace: string, opts: ShiftOptions): ShiftPlan {
  if (!opts.prefix || !opts.from || !opts.to) throw new UsageError('a shift needs --prefix, --from and --to (or one of --resume, --abort, --rollback, --status, --history)');
  const steps = parseSteps(opts.steps);
  if (!steps) throw new UsageError(`--steps ${opts.steps} is not a list of percentages like 10,25,50,100`);
  if (opts.final !== 'green' && opts.final !== 'fallback') throw new UsageError(`--final must be green or fallback, got ${opts.final}`);
  const r = buildShiftPlan({ namespace, prefix: opts.prefix, from: opts.from, to: opts.to, steps, gate: readGate(opts.interval), final: opts.final });
  if (!r.ok) throw new UsageError(r.message);
  return r.plan;
}

function describeGate(gate: ShiftGate): string {
  return gate.kind === 'confirm' ? 'ask before each step' : `wait ${ms(gate.ms, { long: true })} between steps`;
}

function stateLines(s: ShiftState): string[] {
  const p = s.plan;
  const lines = [
    `Shift ${s.id}: ${s.status}${s.pause ? ` (${s.pause.kind}: ${s.pause.message})` : ''}`,
    `  ${p.prefix} from ${p.blue} to ${p.green}, steps ${p.steps.join(',')}%, final ${p.final}`,
    `  ${s.stepCount}/${p.steps.length} steps done; dentry is ${p.prefix} => ${destinationAfter(p, s.stepCount)}`,
  ];
  if (s.pause?.kind === 'conflict' && s.pause.changes) lines.push('  What changed on namerd:', ...renderChanges(s.pause.changes).map((l) => `    ${l}`));
  if (s.pause?.kind === 'preflight') lines.push(...s.pause.problems.map((pr) => `  - ${pr}`));
  if (s.status === 'paused') lines.push(`  Next: dtab shift ${p.namespace} --resume | --abort | --rollback`);
  return lines;
}

/** Exit code of a finished command: done, or why it stopped. */
function exitCode(o: ShiftOutcome, wanted: ShiftState['status']): number {
  switch (o.kind) {
    case 'state':
      if (o.state.status === wanted) return EXIT_OK;
      if (o.state.pause?.kind === 'conflict') return EXIT_CONFLICT;
      if (o.state.pause?.kind === 'preflight') return EXIT_REFUSED;
      return EXIT_FAILURE;
    case 'not-found':
      return EXIT_NOT_FOUND;
    case 'refused':
      return EXIT_REFUSED;
    case 'conflict':
      return EXIT_CONFLICT;
    case 'busy':
      return EXIT_FAILURE;
  }
}

function report(opts: ShiftOptions, o: ShiftOutcome, wanted: ShiftState['status']): number {
  const code = exitCode(o, wanted);
  if (opts.json) printJson({ ok: code === EXIT_OK, ...(o.kind === 'state' ? { result: o.state.status, state: o.state } : { result: o.kind, message: o.message, problems: 'problems' in o ? o.problems : undefined }) });
  if (o.kind === 'state') say(opts, ...stateLines(o.state));
  else {
    process.stderr.write(`dtab: ${o.message}\n`);
    if (o.kind === 'refused' && o.problems) for (const p of o.problems) process.stderr.write(`  - ${p}\n`);
    if (o.kind === 'conflict' && o.state) say(opts, ...stateLines(o.state));
  }
  return code;
}

function controller(api: NamerdApi, opts: ShiftOptions, interactive: boolean): ShiftController {
  let last = 0;
  return new ShiftController({
    api,
    endpoint: api.baseUrl,
    store: new FileShiftStore(stateDir(opts)),
    onChange: (s) => {
      for (const e of s.events.slice(last)) process.stderr.write(`[${e.at}] ${e.event}${e.version ? ` (version ${e.version})` : ''}${e.detail ? `: ${e.detail}` : ''}\n`);
      last = s.events.length;
    },
    confirm: interactive ? async (_s, percent) => (await consent(false, `Shift to ${percent}% green?`)) === 'yes' : undefined,
  });
}

/** Ctrl-C / SIGTERM pause the shift at its next safe point instead of killing it between a write and its record. */
async function pausable(c: ShiftController, run: () => Promise<ShiftOutcome>): Promise<ShiftOutcome> {
  const onSignal = (): void => {
    process.stderr.write('dtab: pausing the shift at the next safe point…\n');
    c.requestPause();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await run();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function runShift(namespace: string, opts: ShiftOptions): Promise<number> {
  const modes = (['resume', 'abort', 'rollback', 'status', 'history', 'failover'] as const).filter((m) => opts[m]);
  if (modes.length > 1) throw new UsageError(`--${modes.join(', --')} cannot be combined`);
  const api = namerdClient(opts);
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const store = new FileShiftStore(stateDir(opts));
  switch (modes[0] as (typeof modes)[number] | undefined) {
    case 'status': {
      const s = await store.load(api.baseUrl, namespace);
      if (!s) {
        if (opts.json) printJson({ ok: false, result: 'not-found' });
        process.stderr.write(`dtab: no shift recorded for ${namespace} on ${api.baseUrl}\n`);
        return EXIT_NOT_FOUND;
      }
      if (opts.json) printJson({ ok: true, state: s });
      else say(opts, ...stateLines(s));
      return EXIT_OK;
    }
    case 'history': {
      const h = await store.history(api.baseUrl, namespace);
      if (opts.json) printJson({ ok: true, history: h });
      else say(opts, ...h.map((e) => `${e.startedAt}  ${e.status.padEnd(11)} ${e.prefix}: ${e.from} → ${e.to} (${e.stepCount}/${e.steps.length} steps; versions ${e.versions.join(' → ')})`));
      return EXIT_OK;
    }
    case 'resume': {
      const c = controller(api, opts, interactive);
      return report(opts, await pausable(c, () => c.resume(namespace)), 'completed');
    }
    case 'abort':
      return report(opts, await controller(api, opts, interactive).abort(namespace), 'aborted');
    case 'rollback':
      return report(opts, await controller(api, opts, interactive).rollback(namespace), 'rolled-back');
    case 'failover':
      return runFailover(api, namespace, opts);
    case undefined:
      return startShift(api, namespace, opts, interactive);
  }
}

async function startShift(api: NamerdApi, namespace: string, opts: ShiftOptions, interactive: boolean): Promise<number> {
  const plan = readPlan(namespace, opts);
  if (plan.gate.kind === 'confirm' && !interactive) throw new UsageError('--interval confirm needs a terminal to ask on; use a duration instead');
  const c = controller(api, opts, interactive);
  const pv = await c.preview(plan);
  if (pv.kind !== 'preview') return report(opts, pv, 'completed');
  say(
    opts,
    `Shift in namespace ${namespace} on ${api.baseUrl} (version ${pv.preview.version}), ${describeGate(plan.gate)}:`,
    `  now:      ${plan.prefix} => ${pv.preview.currentDst}`,
    ...pv.preview.steps.map((s) => `  ${`${s.percent}%`.padEnd(9)} ${plan.prefix} => ${s.dst}`),
    '  Each step is preflighted (green must resolve to live addresses) and written with If-Match.',
  );
  const answer = await consent(opts.yes, 'Start this shift?');
  if (answer !== 'yes') {
    say(opts, answer === 'plan-only' ? PLAN_ONLY_NOTE : 'Not started.');
    if (opts.json) printJson({ ok: true, result: 'not-applied', plan, preview: pv.preview });
    return EXIT_OK;
  }
  return report(opts, await pausable(c, () => c.start(plan)), 'completed');
}

async function runFailover(api: NamerdApi, namespace: string, opts: ShiftOptions): Promise<number> {
  if (!opts.prefix) throw new UsageError('--failover needs --prefix');
  const plan = await planFailover(api, namespace, opts.prefix, opts.failover!);
  if (plan.kind === 'refused') {
    if (opts.json) printJson({ ok: false, result: 'refused', message: plan.message });
    process.stderr.write(`dtab: ${plan.message}\n`);
    return EXIT_REFUSED;
  }
  say(opts, `Failover in namespace ${namespace} (version ${plan.version}):`, `  - ${plan.prefix} => ${plan.before}`, `  + ${plan.prefix} => ${plan.after}`);
  const answer = await consent(opts.yes, 'Apply?');
  if (answer !== 'yes') {
    say(opts, answer === 'plan-only' ? PLAN_ONLY_NOTE : 'Not applied.');
    return EXIT_OK;
  }
  const r = await applyFailover(api, plan);
  if (opts.json) printJson({ ok: r.kind === 'written' && r.verified, result: r.kind, ...(r.kind === 'not-found' ? {} : { version: r.version }) });
  if (r.kind === 'written') say(opts, `Written: version ${r.version}${r.verified ? '' : ' (namerd changed again right after)'}`);
  else process.stderr.write(r.kind === 'conflict' ? `dtab: ${namespace} changed since it was read (now ${r.version}); nothing written\n` : `dtab: namespace ${namespace} does not exist\n`);
  return r.kind === 'written' ? (r.verified ? EXIT_OK : EXIT_FAILURE) : r.kind === 'conflict' ? EXIT_CONFLICT : EXIT_NOT_FOUND;
}
