// Starts the project's namerd-compatible local server (`dtab serve`, the bundled CLI) on a free loopback port.

import { readFileSync } from 'node:fs';
import { CLI } from './paths.js';
import { spawnGroup, type GroupProcess } from './processes.js';

export interface RunningNamerd {
  /** Base URL of its io.l5d.httpController API, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly process: GroupProcess;
  /** What the server printed on stderr so far (its log). */
  log(): string;
  stop(): Promise<void>;
}

export async function startNamerd(configFile: string, opts: { cwd: string; port?: number; timeoutMs?: number }): Promise<RunningNamerd> {
  readFileSync(configFile); // fail early, with the path, when the fixture is missing
  const proc = spawnGroup(
    process.execPath,
    [CLI, 'serve', '--config', configFile, '--host', '127.0.0.1', '--port', String(opts.port ?? 0)],
    { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] },
    'dtab serve',
  );
  let stdout = '';
  let stderr = '';
  proc.child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dtab serve printed no URL within ${opts.timeoutMs ?? 15000} ms:\n${stderr}`)), opts.timeoutMs ?? 15000);
    proc.child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /^(https?:\/\/\S+)\s*$/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace(/\/$/, ''));
      }
    });
    void proc.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`dtab serve exited with code ${code}:\n${stderr}`));
    });
  }).catch(async (e) => {
    await proc.stop();
    throw e;
  });
  return { url, process: proc, log: () => stderr, stop: () => proc.stop() };
}
