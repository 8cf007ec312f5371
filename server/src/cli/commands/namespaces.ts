// `dtab namespaces`: the namespaces namerd stores, sorted (namerd sorts them).

import type { Command } from 'commander';
import { EXIT_OK } from '../exit-codes.js';
import { namerdAction, namerdClient, printJson, withNamerdOptions, type NamerdOptions } from './namerd-shared.js';

export function registerNamespaces(program: Command): void {
  withNamerdOptions(program.command('namespaces').description('list the namespaces stored in namerd')).action(
    namerdAction(async (opts: NamerdOptions) => {
      const names = await namerdClient(opts).listNamespaces();
      if (opts.json) printJson({ ok: true, namespaces: names });
      else process.stdout.write(names.map((n) => n + '\n').join(''));
      return EXIT_OK;
    }),
  );
}
