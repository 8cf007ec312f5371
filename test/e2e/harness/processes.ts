// Child processes of the harness run in their own process group and are recorded in PIDS_DIR, so that they are
// stopped as a group (code-server leaves an extension host and a file watcher behind otherwise), and so that the
// e2e wrapper can stop whatever a crashed test run left behind.

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PIDS_DIR } from './paths.js';

export interface GroupProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves when the process has exited. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function recordGroup(pid: number, label: string): void {
  mkdirSync(PIDS_DIR, { recursive: true });
  writeFileSync(join(PIDS_DIR, String(pid)), `${label}\n`);
}

export function forgetGroup(pid: number): void {
  rmSync(join(PIDS_DIR, String(pid)), { force: true });
}

/** Sends `signal` to the whole process group; false when it is already gone. */
export function killGroup(pid: number, signal: NodeJS.Signals = 'SIGTERM'): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions, label: string): GroupProcess {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${label} (${command})`);
  const pid = child.pid;
  recordGroup(pid, label);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    pid,
    exited,
    async stop() {
      if (killGroup(pid, 'SIGTERM')) {
        const timedOut = await Promise.race([exited.then(() => false), delay(5000).then(() => true)]);
        if (timedOut) killGroup(pid, 'SIGKILL');
      }
      // The group may outlive its leader for a moment (extension host, watcher): make sure it is gone.
      killGroup(pid, 'SIGKILL');
      forgetGroup(pid);
    },
  };
}

export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitUntil<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(100);
  }
}
