// `dtab delete NS [--yes]`: shows the dtab that will be removed, then deletes the namespace. namerd's DELETE takes no
// If-Match, so the version is re-checked right before deleting: a change since the dtab was shown is a conflict.

import type { Command } from 'commander';
import { readCanonical } from '../../namerd/sync/cas.js';
import { dentryText } from '../../namerd/sync/canonical.js';
import { EXIT_OK } from '../exit-codes.js';
import { EXIT_CONFLICT, PLAN_ONLY_NOTE, WRITE_HELP, consent, namerdAction, namerdClient, printJson, say, withNamerdOptions, type NamerdOptions } from './namerd-shared.js';

interface DeleteOptions extends NamerdOptions {
  readonly yes?: boolean;
}

export function registerDelete(program: Command): void {
  withNamerdOptions(
    program
      .command('delete')
      .description('delete a namespace from namerd (shows its dtab first)')
      .argument('<namespace>', 'the namerd namespace')
      .option('-y, --yes', 'delete without asking')
      .addHelpText('after', WRITE_HELP),
  ).action(
    namerdAction(async (namespace: string, opts: DeleteOptions) => {
      const api = namerdClient(opts);
      const current = await readCanonical(api, namespace);
      say(opts, `Delete namespace ${namespace} on ${api.baseUrl} (version ${current.version}, ${current.dentries.length} dentries):`, ...current.dentries.map((d) => `  - ${dentryText(d)}`));
      const answer = await consent(opts.yes, `Delete ${namespace}?`);
      if (answer !== 'yes') {
        say(opts, answer === 'plan-only' ? PLAN_ONLY_NOTE : 'Not deleted.');
        if (opts.json) printJson({ ok: true, result: 'not-applied', version: current.version });
        return EXIT_OK;
      }
      const version = await api.getVersion(namespace);
      if (version !== current.version) {
        if (opts.json) printJson({ ok: false, result: 'conflict', shownVersion: current.version, version });
        process.stderr.write(`dtab: ${namespace} changed (version ${current.version} → ${version}) since it was shown; not deleted\n`);
        return EXIT_CONFLICT;
      }
      await api.deleteDtab(namespace);
      if (opts.json) printJson({ ok: true, result: 'deleted', version: current.version, dentries: current.dentries });
      else say(opts, `Deleted ${namespace}.`);
      return EXIT_OK;
    }),
  );
}
