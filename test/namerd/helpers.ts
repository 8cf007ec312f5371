// Shared helpers for the namerd tier: a local namerd on an ephemeral 127.0.0.1 port, raw HTTP requests that show
// exactly what the server sent (status, headers, body), and stream readers for watches.

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalNamerd, type LocalNamerd, type LocalNamerdOptions } from '../../server/src/namerd/local-server/server.js';
import { parseNamerdConfig } from '../../server/src/namerd/local-server/config.js';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'namerd');

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface RawRequestInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** One request with node:http (no client-side defaults such as fetch's Accept or Content-Type). */
export function raw(baseUrl: string, path: string, init: RawRequestInit = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error(`no answer to ${path} within 5 s`)));
    req.end(init.body);
  });
}

/** An open streaming response: collects lines; `next()` waits for the next complete line. */
export class RawStream {
  readonly lines: string[] = [];
  status = 0;
  headers: IncomingHttpHeaders = {};
  ended = false;
  private buf = '';
  private waiters: (() => void)[] = [];
  private destroyFn: () => void = () => undefined;

  static open(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<RawStream> {
    const s = new RawStream();
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${baseUrl}${path}`, { headers, agent: false }, (res) => {
        s.status = res.statusCode ?? 0;
        s.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          s.buf += c;
          const parts = s.buf.split('\n');
          s.buf = parts.pop() ?? '';
          s.lines.push(...parts);
          s.wake();
        });
        res.on('end', () => {
          s.ended = true;
          s.wake();
        });
        res.on('error', () => undefined);
        resolve(s);
      });
      s.destroyFn = () => req.destroy();
      req.on('error', (e) => (s.status ? undefined : reject(e)));
      req.end();
    });
  }

  /** Waits until at least `n` lines arrived (or the stream ended), up to `ms`. */
  async waitLines(n: number, ms = 3000): Promise<string[]> {
    const deadline = Date.now() + ms;
    while (this.lines.length < n && !this.ended && Date.now() < deadline) {
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.lines;
  }

  async waitEnd(ms = 3000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }

  close(): void {
    this.destroyFn();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

/** A fresh copy of the fixture directory (tests may change io.l5d.fs files), removed by `cleanup`. */
export function tempFixtures(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dtab-namerd-'));
  cpSync(FIXTURES, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A local namerd on an ephemeral port from a YAML config text (rootDir relative to the temp fixture copy). */
export async function startFromYaml(yamlText: string, extra: Partial<LocalNamerdOptions> = {}): Promise<LocalNamerd & { dir: string }> {
  const fx = tempFixtures();
  const config = parseNamerdConfig(yamlText, { cwd: fx.dir });
  const s = await startLocalNamerd({ config, port: 0, host: '127.0.0.1', dns: false, ...extra });
  return {
    ...s,
    dir: fx.dir,
    close: async () => {
      await s.close();
      fx.cleanup();
    },
  };
}

/** A namerd config: in-memory namespaces (name → dtab text) and the fixture io.l5d.fs namer over `disco/`. */
export function namerdYaml(namespaces: Readonly<Record<string, string>>): string {
  const ns = Object.entries(namespaces).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`).join('\n');
  return `storage:\n  kind: io.l5d.inMemory\n  namespaces:\n${ns}\nnamers:\n- kind: io.l5d.fs\n  rootDir: disco\n`;
}

/** The namespaces most tests start from (namerd's own tests use `yeezus`). */
export const BASE_NAMESPACES = { yeezus: '/yeezy => /yeezus', default: '/svc => /#/io.l5d.fs' } as const;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
