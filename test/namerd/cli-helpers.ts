// Runs the `dtab` CLI as a child process (TypeScript through tsx, or a built bundle via DTAB_CLI_ENTRY) against a
// local namerd, with no terminal attached (so commands without --yes only print their plan).

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const CLI_ENTRY = process.env.DTAB_CLI_ENTRY ?? join(__dirname, '..', '..', 'server', 'src', 'cli', 'main.ts');

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function spawnCli(args: readonly string[], env: Record<string, string | undefined> = {}): ChildProcess {
  const node = /\.[cm]?ts$/.test(CLI_ENTRY) ? ['--import', 'tsx', CLI_ENTRY] : [CLI_ENTRY];
  return spawn(process.execPath, [...node, ...args], {
    env: { ...process.env, DTAB_NAMERD_URL: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runCli(args: readonly string[], env: Record<string, string | undefined> = {}, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dtab ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Replaces `from` in the body of a pulled file, leaving the `# namerd:` header (whose base line repeats the dtab) alone. */
export function editBody(text: string, from: string, to: string): string {
  const base = text.indexOf('# namerd-base:');
  const bodyStart = base < 0 ? 0 : text.indexOf('\n', base) + 1;
  return text.slice(0, bodyStart) + text.slice(bodyStart).replace(from, to);
}
