// `dtab push NS FILE [--create] [--yes]`: check the file, show the per-dentry difference against namerd's canonical
// form, then write it with If-Match (the version in the file's header, else the one read now). A stale base is a
// conflict (exit 3) with the three-way difference; nothing is overwritten. After a push the file's header is updated
// to the new version, so the next push is based on it.

import type { Command } from 'commander';
import writeFileAtomic from 'write-file-atomic';
import { LineIndex } from '../../core/text-position.js';
import type { CanonicalDentry } from '../../namerd/sync/canonical.js';
import { summarise } from '../../namerd/sync/diff.js';
import { formatHeader, replaceHeader } from '../../namerd/sync/header.js';
import { applyPush, planPush, type PushPlan } from '../../namerd/sync/push.js';
import { renderChanges, renderThreeWay } from '../../namerd/sync/render.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';
import { readInput, type Input } from '../input.js';
import { locatedLine } from '../report.js';
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

interface PushOptions extends NamerdOptions {
  readonly create?: boolean;
  readonly yes?: boolean;
}

export function registerPush(program: Command): void {
  withNamerdOptions(
    program
      .command('push')
      .description("write a dtab file to a namespace with compare-and-set; shows the difference first")
      .argument('<namespace>', 'the namerd namespace')
      .argument('<file>', 'the dtab file, or - for standard input')
      .option('--create', 'create the namespace when it does not exist')
      .option('-y, --yes', 'apply without asking')
      .addHelpText('after', WRITE_HELP),
  ).action(namerdAction((namespace: string, file: string, opts: PushOptions) => runPush(namespace, file, opts)));
}

function summaryLine(plan: Extract<PushPlan, { kind: 'update' | 'create' }>): string {
  const s = summarise(plan.changes);
  return `${s.changed} changed, ${s.added} added, ${s.removed} removed, ${s.unchanged} unchanged`;
}

async function runPush(namespace: string, file: string, opts: PushOptions): Promise<number> {
  const input = await readInput(file);
  const api = namerdClient(opts);
  const plan = await planPush(api, { namespace, text: input.text, endpoint: api.baseUrl, create: opts.create });
  for (const w of plan.warnings) process.stderr.write(`warning: ${w}\n`);

  switch (plan.kind) {
    case 'refused': {
      const index = new LineIndex(input.text);
      for (const e of plan.errors) process.stderr.write(locatedLine(input.name, index, e.span.start, `error: ${e.message} [${e.code}]`) + '\n');
      if (opts.json) printJson({ ok: false, result: 'refused', errors: plan.errors });
      process.stderr.write(`dtab: ${input.name} has syntax errors; nothing was pushed\n`);
      return EXIT_REFUSED;
    }
    case 'not-found':
      if (opts.json) printJson({ ok: false, result: 'not-found', namespace });
      process.stderr.write(`dtab: namespace ${namespace} does not exist on ${api.baseUrl}; pass --create to create it\n`);
      return EXIT_NOT_FOUND;
    case 'conflict':
      if (opts.json) printJson({ ok: false, result: 'conflict', conflict: plan.conflict });
      say(opts, `Conflict: namespace ${namespace} changed on namerd since ${input.name} was pulled.`, ...renderThreeWay(plan.conflict));
      process.stderr.write(`dtab: not pushed; pull again (dtab pull ${namespace}), merge your edits, then push\n`);
      return EXIT_CONFLICT;
    case 'up-to-date':
      await refreshHeader(input, plan.header.version !== undefined, api.baseUrl, namespace, plan.version, plan.dentries);
      if (opts.json) printJson({ ok: true, result: 'up-to-date', version: plan.version });
      else say(opts, `namerd's ${namespace} already matches ${input.name} (version ${plan.version}); nothing to push`);
      return EXIT_OK;
  }

  const where = plan.kind === 'create' ? `Create namespace ${namespace} on ${api.baseUrl}` : `Push to namespace ${namespace} on ${api.baseUrl} (If-Match ${plan.baseVersion})`;
  say(opts, `${where}:`, ...renderChanges(plan.changes).map((l) => `  ${l}`), `  ${summaryLine(plan)}`);
  const answer = await consent(opts.yes, 'Apply this change?');
  if (answer !== 'yes') {
    say(opts, answer === 'plan-only' ? PLAN_ONLY_NOTE : 'Not applied.');
    if (opts.json) printJson({ ok: true, result: 'not-applied', plan: { kind: plan.kind, changes: plan.changes } });
    return EXIT_OK;
  }

  const result = await applyPush(api, plan);
  if (result.kind === 'not-found') {
    if (opts.json) printJson({ ok: false, result: 'not-found', namespace });
    process.stderr.write(`dtab: namespace ${namespace} was deleted before the write; nothing was pushed\n`);
    return EXIT_NOT_FOUND;
  }
  if (result.kind === 'conflict') {
    if (opts.json) printJson({ ok: false, result: 'conflict', conflict: result.conflict });
    say(opts, `Conflict: someone else wrote ${namespace} while this push was being confirmed.`, ...renderThreeWay(result.conflict));
    process.stderr.write('dtab: not pushed; nothing was overwritten\n');
    return EXIT_CONFLICT;
  }
  if (result.version) await refreshHeader(input, plan.header.version !== undefined, api.baseUrl, namespace, result.version, result.dentries);
  if (opts.json) printJson({ ok: true, result: result.created ? 'created' : 'pushed', version: result.version, verified: result.verified });
  else say(opts, `${result.created ? 'Created' : 'Pushed'} ${namespace}: version ${result.version ?? '(unknown: namerd changed again right after)'}`);
  if (!result.verified) process.stderr.write(`warning: namerd's ${namespace} changed again right after this push; run dtab diff ${namespace} ${input.name}\n`);
  return result.verified ? EXIT_OK : EXIT_FAILURE;
}

/** Rewrites the file's header with the new version when the file had one (a file without a header is left alone). */
async function refreshHeader(input: Input, hadHeader: boolean, endpoint: string, namespace: string, version: string, base: readonly CanonicalDentry[]): Promise<void> {
  if (!hadHeader || !input.path) return;
  await writeFileAtomic(input.path, replaceHeader(input.text, formatHeader({ endpoint, namespace, version, base })));
}
