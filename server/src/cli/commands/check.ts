// `dtab check`: every diagnostic of dtab files (syntax + semantic checks) and of linkerd/namerd configs, as
// `FILE:LINE:COL: severity: message [code]` lines or as a JSON array. Exit 1 when any diagnostic is an error.
// When namerd configs are among the files, the linkerd configs among them also get the cross-file rule's
// information messages (spec §8.3 rule 12), which never change the exit code.

import { Option, type Command } from 'commander';
import type { Path } from '../../core/dtab/ast.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { checkDtab } from '../../core/dtab/checks.js';
import { parseDtab, readPath } from '../../core/dtab/parse.js';
import { LineIndex } from '../../core/text-position.js';
import { action } from '../command.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../exit-codes.js';
import { readInput, readInputs, type Input } from '../input.js';
import { diagnosticToJson, diagnosticToText, sortDiagnostics, type JsonDiagnostic } from '../report.js';
import { checkConfigFile, configNamerPrefixes, crossFileFindings, isConfigFile, type ConfigFileCheck } from '../config-files.js';

interface CheckOptions {
  readonly format: 'text' | 'json';
  readonly namer?: string[];
  readonly config?: string;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('report every problem in dtab files and linkerd/namerd configs (YAML or JSON)')
    .argument(
      '<files...>',
      '.dtab files, linkerd/namerd configs (.yaml, .yml, .json), or - for a dtab on standard input; namerd configs ' +
        'among them are also checked against the namerd interpreters of the linkerd configs (information only)',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option(
      '--namer <prefix...>',
      'for .dtab files: the prefixes of the configured namers (e.g. /#/io.l5d.k8s); /#/ paths outside them are reported',
    )
    .option(
      '--config <file>',
      "for .dtab files: take the configured namers from this linkerd/namerd config's namers section",
    )
    .action(action((files: string[], opts: CheckOptions) => runCheck(files, opts)));
}

function namerPrefixes(values: readonly string[] | undefined): Path[] | undefined {
  if (!values) return undefined;
  return values.map((v) => {
    const r = readPath(v);
    if (!r.ok) throw new UsageError(`--namer ${v}: not a path: ${r.message}`);
    return r.value;
  });
}

/** An input's own diagnostics, and for a config file what the cross-file rule needs from it. */
function checkInput(input: Input, knownNamerPrefixes: Path[] | undefined): { diagnostics: Diagnostic[]; config?: ConfigFileCheck } {
  if (input.path !== undefined && isConfigFile(input.path)) {
    const config = checkConfigFile({ ...input, path: input.path });
    return { diagnostics: config.diagnostics, config };
  }
  return { diagnostics: checkDtab(parseDtab(input.text, { values: true }), knownNamerPrefixes ? { knownNamerPrefixes } : {}) };
}

async function runCheck(files: readonly string[], opts: CheckOptions): Promise<number> {
  let knownNamerPrefixes = namerPrefixes(opts.namer);
  if (opts.config !== undefined) {
    const config = await readInput(opts.config);
    knownNamerPrefixes = [...(knownNamerPrefixes ?? []), ...configNamerPrefixes(config)];
  }
  const inputs = await readInputs(files);
  const checked = inputs.map((input) => checkInput(input, knownNamerPrefixes));
  // Every file is checked before any is reported: a namerd config given after a linkerd config counts for it too.
  const cross = crossFileFindings(checked.map((c) => c.config));
  let anyError = false;
  const json: JsonDiagnostic[] = [];
  for (const [i, input] of inputs.entries()) {
    const own = checked[i]!.diagnostics;
    const diags = sortDiagnostics(cross[i]!.length > 0 ? [...own, ...cross[i]!] : own);
    if (diags.some((d) => d.severity === 'error')) anyError = true;
    const index = new LineIndex(input.text);
    if (opts.format === 'json') json.push(...diags.map((d) => diagnosticToJson(input.name, index, d)));
    else for (const d of diags) process.stdout.write(diagnosticToText(input.name, index, d) + '\n');
  }
  if (opts.format === 'json') process.stdout.write(JSON.stringify(json) + '\n');
  return anyError ? EXIT_FAILURE : EXIT_OK;
}
