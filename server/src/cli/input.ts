// Reading the CLI's inputs: files named on the command line, standard input (`-`), and `--dtab` values that are
// either a file name or dtab text.

import { readFile, stat } from 'node:fs/promises';
import { UsageError } from './exit-codes.js';

export interface Input {
  /** How messages refer to this input: the file name as given, `<stdin>`, or `--dtab`. */
  readonly name: string;
  /** The file path to write back to, when the input is a file. */
  readonly path?: string;
  readonly text: string;
}

export const STDIN_NAME = '<stdin>';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads one FILE argument (`-` is standard input). An unreadable file is a usage error. */
export async function readInput(arg: string): Promise<Input> {
  if (arg === '-') return { name: STDIN_NAME, text: await readStdin() };
  try {
    return { name: arg, path: arg, text: await readFile(arg, 'utf8') };
  } catch (e) {
    throw new UsageError(`cannot read ${arg}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Reads every FILE argument in order, refusing `-` more than once (standard input can be read only once). */
export async function readInputs(args: readonly string[]): Promise<Input[]> {
  if (args.filter((a) => a === '-').length > 1) throw new UsageError('standard input (-) can be given only once');
  const out: Input[] = [];
  for (const a of args) out.push(await readInput(a));
  return out;
}

/**
 * A `--dtab` value: the contents of the file it names if that file exists, standard input for `-`, and otherwise
 * the value itself as dtab text.
 */
export async function readDtabOption(value: string): Promise<Input> {
  if (value === '-') return readInput('-');
  const isFile = await stat(value).then(
    (s) => s.isFile(),
    () => false,
  );
  return isFile ? readInput(value) : { name: '--dtab', text: value };
}
