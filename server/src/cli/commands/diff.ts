// `dtab diff NS FILE`: what `dtab push` would change, per dentry in namerd's canonical form (comments and layout are
// not differences). When namerd moved on since the file was pulled, the three-way difference is shown instead.
// Exit 0 whether or not there are differences; 1 for a file with syntax errors; 4 for a missing namespace.

import type { Command } from 'commander';
import { LineIndex } from '../../core/text-position.js';
import { planPush } from '../../namerd/sync/push.js';
import { renderChanges, renderThreeWay } from '../../namerd/sync/render.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';
import { readInput } from '../input.js';
import { locatedLine } from '../report.js';
import { EXIT_NOT_FOUND, namerdAction, namerdClient, printJson, say, withNamerdOptions, type NamerdOptions } from './namerd-shared.js';

export function registerDiff(program: Command): void {
  withNamerdOptions(
    program
      .command('diff')
      .description("show what pushing a dtab file would change in a namespace (canonical form, per dentry)")
      .argument('<namespace>', 'the namerd namespace')
      .argument('<file>', 'the dtab file, or - for standard input'),
  ).action(
    namerdAction(async (namespace: string, file: string, opts: NamerdOptions) => {
      const input = await readInput(file);
      const api = namerdClient(opts);
      const plan = await planPush(api, { namespace, text: input.text, endpoint: api.baseUrl });
      if (plan.kind === 'refused') {
        const index = new LineIndex(input.text);
        for (const e of plan.errors) process.stderr.write(locatedLine(input.name, index, e.span.start, `error: ${e.message} [${e.code}]`) + '\n');
        if (opts.json) printJson({ ok: false, result: 'syntax-errors', errors: plan.errors });
        return EXIT_FAILURE;
      }
      if (plan.kind === 'not-found') {
        if (opts.json) printJson({ ok: false, result: 'not-found', namespace });
        process.stderr.write(`dtab: namespace ${namespace} does not exist on ${api.baseUrl}\n`);
        return EXIT_NOT_FOUND;
      }
      if (opts.json) {
        const body =
          plan.kind === 'conflict'
            ? { result: 'stale', conflict: plan.conflict }
            : plan.kind === 'up-to-date'
              ? { result: 'same', version: plan.version, changes: [] }
              : { result: 'different', version: plan.kind === 'update' ? plan.baseVersion : undefined, changes: plan.changes };
        printJson({ ok: true, ...body, warnings: plan.warnings });
        return EXIT_OK;
      }
      if (plan.kind === 'conflict') say(opts, `namerd changed ${namespace} since ${input.name} was pulled:`, ...renderThreeWay(plan.conflict));
      else if (plan.kind === 'up-to-date') say(opts, `No differences: namerd's ${namespace} (version ${plan.version}) matches ${input.name}`);
      else say(opts, `--- namerd ${namespace}${plan.kind === 'update' ? ` (version ${plan.baseVersion})` : ''}`, `+++ ${input.name}`, ...renderChanges(plan.changes));
      for (const w of plan.warnings) process.stderr.write(`note: ${w}\n`);
      return EXIT_OK;
    }),
  );
}
