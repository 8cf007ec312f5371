// `dtab fmt`: the pretty form (one dentry per line, `=>` aligned, comments kept) or, with --canonical, exactly
// Finagle's one-line `Dtab.show`. --check reports unformatted files, --write rewrites them, --json gives one
// machine-readable result per file (the conformance interface).

import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { parseDtab, readDtab, toDtab, type ReadResult } from '../../core/dtab/parse.js';
import { showDtab } from '../../core/dtab/show.js';
import { formatDtabDocument } from '../../core/dtab/format.js';
import type { Dtab, DtabDocument } from '../../core/dtab/ast.js';
import { LineIndex } from '../../core/text-position.js';
import { action } from '../command.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../exit-codes.js';
import { readInputs, type Input } from '../input.js';
import { locatedLine } from '../report.js';

interface FmtOptions {
  readonly canonical?: boolean;
  readonly check?: boolean;
  readonly write?: boolean;
  readonly json?: boolean;
}

export interface FmtJsonError {
  readonly offset: number;
  readonly line: number;
  readonly character: number;
  readonly message: string;
}

export interface FmtJsonResult {
  readonly file: string;
  readonly ok: boolean;
  readonly output?: string;
  readonly errors?: FmtJsonError[];
}

export function registerFmt(program: Command): void {
  program
    .command('fmt')
    .description("format dtab files: the pretty form, or Finagle's canonical one-line Dtab.show with --canonical")
    .argument('<files...>', 'dtab files, or - for standard input')
    .option('--canonical', "print exactly Finagle's Dtab.show (one line, no spaces around =>, no comments)")
    .option('--check', 'print nothing; exit 1 when a file is not already formatted')
    .option('--write', 'rewrite the files in place')
    .option('--json', 'print one JSON array with a result per file (file, ok, output or errors)')
    .action(action((files: string[], opts: FmtOptions) => runFmt(files, opts)));
}

async function runFmt(files: readonly string[], opts: FmtOptions): Promise<number> {
  if (opts.check && opts.write) throw new UsageError('--check and --write cannot be combined');
  if (opts.json && (opts.check || opts.write))
    throw new UsageError('--json cannot be combined with --check or --write');
  if (opts.write && files.includes('-')) throw new UsageError('--write cannot rewrite standard input (-)');
  const inputs = await readInputs(files);

  if (opts.json) {
    const results = inputs.map((input) => fmtJson(input, opts.canonical ?? false));
    process.stdout.write(JSON.stringify(results) + '\n');
    return results.every((r) => r.ok) ? EXIT_OK : EXIT_FAILURE;
  }

  let status = EXIT_OK;
  for (const input of inputs) {
    const doc = parseDtab(input.text);
    const finagle = readDtab(input.text);
    const errors = syntaxErrors(doc, finagle, false);
    // The formatter refuses (undefined) exactly when there are syntax errors.
    const output =
      errors.length > 0 ? undefined : opts.canonical ? canonicalText(finagle, doc) : formatDtabDocument(doc);
    if (output === undefined) {
      const index = new LineIndex(input.text);
      for (const e of errors) process.stderr.write(locatedLine(input.name, index, e.offset, e.message) + '\n');
      if (errors.length === 0) process.stderr.write(`${input.name}: the formatter refused this file\n`);
      status = EXIT_FAILURE;
      continue;
    }
    if (opts.check) {
      if (output !== input.text) {
        process.stderr.write(
          `${input.name}: not formatted (run: dtab fmt${opts.canonical ? ' --canonical' : ''} --write ${input.name})\n`,
        );
        status = EXIT_FAILURE;
      }
    } else if (opts.write) {
      if (output !== input.text) await writeFile(input.path!, output, 'utf8');
    } else {
      process.stdout.write(output);
    }
  }
  return status;
}

/** Finagle's `Dtab.show` of an error-free text, as one line. */
function canonicalText(finagle: ReadResult<Dtab>, doc: DtabDocument): string {
  return showDtab(finagle.ok ? finagle.value : toDtab(doc)) + '\n';
}

/**
 * The syntax errors of a text, in source order. With `finagleFirst`, the first is Finagle's own (`Dtab.read`:
 * its offset and full message, as namerd reports it) and the rest are the editor parser's.
 */
function syntaxErrors(
  doc: DtabDocument,
  finagle: ReadResult<Dtab>,
  finagleFirst: boolean,
): { offset: number; message: string }[] {
  const ours = doc.errors.map((e) => ({ offset: e.span.start, message: e.message }));
  if (finagle.ok) return ours;
  const first = finagleFirst
    ? { offset: finagle.offset, message: finagle.message }
    : (ours[0] ?? { offset: finagle.offset, message: finagle.message });
  return [first, ...ours.slice(1)];
}

function fmtJson(input: Input, canonical: boolean): FmtJsonResult {
  const doc = parseDtab(input.text);
  const finagle = readDtab(input.text);
  if (canonical) {
    if (finagle.ok) return { file: input.name, ok: true, output: showDtab(finagle.value) };
  } else {
    const output = formatDtabDocument(doc);
    if (output !== undefined) return { file: input.name, ok: true, output };
  }
  const index = new LineIndex(input.text);
  const errors = syntaxErrors(doc, finagle, true).map((e) => {
    const p = index.positionAt(e.offset);
    return { offset: e.offset, line: p.line, character: p.character, message: e.message };
  });
  return { file: input.name, ok: false, errors };
}
