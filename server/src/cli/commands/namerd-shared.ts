// Plumbing shared by the commands that talk to namerd (namespaces, pull, push, diff, delete, shift): the --namerd
// option, the client, the exit codes of routing changes, confirmation before writes, and output in text or JSON.

import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { createNamerdClient } from '../../namerd/client/client.js';
import { isNamerdError } from '../../namerd/client/errors.js';
import type { NamerdApi } from '../../namerd/client/types.js';
import { action } from '../command.js';
import { EXIT_FAILURE, EXIT_USAGE, UsageError } from '../exit-codes.js';

/** The write was refused because of a concurrent change (412/409, or a shift paused on a conflict). */
export const EXIT_CONFLICT = 3;
/** The namespace (or the shift, or the dentry) does not exist. */
export const EXIT_NOT_FOUND = 4;
/** A check before writing failed (syntax errors in the file, shift preflight). Nothing was written. */
export const EXIT_REFUSED = 5;

export const NAMERD_URL_ENV = 'DTAB_NAMERD_URL';

/** Appended to the help of every command that writes to namerd. */
export const WRITE_HELP = [
  '',
  'Without --yes the plan is printed and, on a terminal, confirmed; with no terminal nothing is written.',
  'Exit codes: 0 done (or plan printed), 1 error (namerd unreachable, or a shift paused on request),',
  '2 usage, 3 conflict (someone else changed the dtab; nothing was overwritten), 4 not found,',
  '5 refused before writing (syntax errors, shift preflight).',
].join('\n');

export interface NamerdOptions {
  readonly namerd?: string;
  readonly json?: boolean;
  readonly timeout?: string;
}

/** Adds --namerd, --timeout and --json to a command. */
export function withNamerdOptions(cmd: Command): Command {
  return cmd
    .option('--namerd <url>', `namerd's httpController base URL (default: $${NAMERD_URL_ENV})`)
    .option('--timeout <ms>', 'per-request timeout in milliseconds', '10000')
    .option('--json', 'print one JSON document on stdout instead of text');
}

export function namerdClient(opts: NamerdOptions): NamerdApi {
  const baseUrl = opts.namerd ?? process.env[NAMERD_URL_ENV];
  if (!baseUrl) throw new UsageError(`no namerd given: pass --namerd http://host:4180 or set ${NAMERD_URL_ENV}`);
  const timeoutMs = Number(opts.timeout ?? '10000');
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout must be a positive number of milliseconds, got ${opts.timeout}`);
  try {
    return createNamerdClient({ baseUrl, timeoutMs });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/**
 * Like `action`, and maps namerd failures to exit codes: not found → 4, a bad argument → 2, anything else
 * (unreachable, timeout, 5xx) → 1, each with namerd's message (which never holds credentials).
 */
export function namerdAction<A extends unknown[]>(run: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return action(async (...args: A) => {
    try {
      return await run(...args);
    } catch (e) {
      if (!isNamerdError(e)) throw e;
      const json = args.some((a) => typeof a === 'object' && a !== null && (a as NamerdOptions).json === true);
      const code = e.kind === 'not-found' ? EXIT_NOT_FOUND : e.kind === 'invalid-argument' ? EXIT_USAGE : EXIT_FAILURE;
      if (json) printJson({ ok: false, error: { kind: e.kind, message: e.message, status: e.status } });
      process.stderr.write(`dtab: ${e.message}\n`);
      return code;
    }
  });
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Human output goes to stdout unless --json is on, in which case it goes to stderr (stdout carries the JSON). */
export function say(opts: NamerdOptions, ...lines: string[]): void {
  (opts.json ? process.stderr : process.stdout).write(lines.map((l) => l + '\n').join(''));
}

export type Consent = 'yes' | 'no' | 'plan-only';

/**
 * Whether to go ahead with a printed plan: --yes says yes; a terminal is asked; without a terminal the plan is all
 * we print (nothing is written), so piping a command never changes namerd by accident.
 */
export async function consent(yes: boolean | undefined, question: string): Promise<Consent> {
  if (yes) return 'yes';
  if (!process.stdin.isTTY || !process.stderr.isTTY) return 'plan-only';
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim()) ? 'yes' : 'no';
  } finally {
    rl.close();
  }
}

export const PLAN_ONLY_NOTE = 'Nothing was written: no terminal to confirm on. Run again with --yes to apply this plan.';
