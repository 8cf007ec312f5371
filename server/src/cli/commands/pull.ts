// `dtab pull NS [-o FILE]`: namerd's dtab, pretty-formatted, under the `# namerd:` header (see
// server/src/namerd/sync/header.ts) that lets `dtab push` do compare-and-set against the pulled version.

import type { Command } from 'commander';
import writeFileAtomic from 'write-file-atomic';
import { pullDtab } from '../../namerd/sync/pull.js';
import { EXIT_OK } from '../exit-codes.js';
import { namerdAction, namerdClient, printJson, say, withNamerdOptions, type NamerdOptions } from './namerd-shared.js';

interface PullOptions extends NamerdOptions {
  readonly output?: string;
}

export function registerPull(program: Command): void {
  withNamerdOptions(
    program
      .command('pull')
      .description("write a namespace's dtab, formatted, with a header recording where it came from and its version")
      .argument('<namespace>', 'the namerd namespace')
      .option('-o, --output <file>', 'write to FILE instead of standard output')
      .addHelpText(
        'after',
        [
          '',
          'The file starts with a header that dtab push reads (namerd and the parser see comments):',
          '  # namerd: endpoint=<base URL> namespace=<ns> version=<ETag>',
          '  # namerd-base: <the dtab at that version, in namerd\'s one-line form>',
          'push sends If-Match with that version, so a change made on namerd since the pull is a conflict (exit 3)',
          'with the three-way difference instead of an overwrite. A successful push rewrites the header.',
        ].join('\n'),
      ),
  ).action(
    namerdAction(async (namespace: string, opts: PullOptions) => {
      const pulled = await pullDtab(namerdClient(opts), namespace);
      if (opts.output) {
        await writeFileAtomic(opts.output, pulled.text);
        say(opts, `Pulled ${namespace} (version ${pulled.version}, ${pulled.dentries.length} dentries) into ${opts.output}`);
      } else if (!opts.json) {
        process.stdout.write(pulled.text);
      }
      if (opts.json) printJson({ ok: true, namespace, version: pulled.version, dentries: pulled.dentries, file: opts.output, text: pulled.text });
      return EXIT_OK;
    }),
  );
}
