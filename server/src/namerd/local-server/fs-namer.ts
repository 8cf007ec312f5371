// The `io.l5d.fs` namer (linkerd-config.md §3.3): `/#/<prefix>/<fileName>/<residual...>` binds to the addresses
// listed in `<rootDir>/<fileName>`, one `host port [* weight]` per line, `#` comments. Like linkerd's
// WatchingNamer, the directory is watched and a changed file changes the bound address set.

import { watch as watchDir, type FSWatcher } from 'node:fs';
import { lookup as dnsLookup } from 'node:dns/promises';
import { readdir, readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import type { Path } from '../../core/dtab/ast.js';
import { parseIpv4 } from '../../core/dtab/namers-inet.js';
import { labelText, textLabel } from '../../core/dtab/namers-text.js';
import type { Addr, Address, LookupResult, Meta, Namer } from '../../core/dtab/namers-types.js';
import { ok } from '../../core/dtab/namers-types.js';
import { leaf, Neg } from '../../core/dtab/tree.js';

/** Finagle's metadata key for a weighted endpoint. */
const WEIGHT_META_KEY = 'endpoint_addr_weight';
const RESCAN_DEBOUNCE_MS = 30;

export interface ParsedLine {
  readonly host: string;
  readonly port: number;
  readonly weight?: number;
}

/** Parses an address file; malformed lines are skipped and reported. */
export function parseAddressFile(text: string): { entries: ParsedLine[]; problems: string[] } {
  const entries: ParsedLine[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((rawLine, i) => {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (line === '') return;
    const m = /^(\S+)\s+(\d{1,5})(?:\s*\*\s*([0-9]*\.?[0-9]+))?$/.exec(line);
    const port = m ? Number(m[2]) : NaN;
    if (!m || port > 65535) {
      problems.push(`line ${i + 1}: expected "host port" or "host port * weight", got ${JSON.stringify(rawLine.trim())}`);
      return;
    }
    entries.push(m[3] !== undefined ? { host: m[1]!, port, weight: Number(m[3]) } : { host: m[1]!, port });
  });
  return { entries, problems };
}

async function resolveEntry(e: ParsedLine): Promise<Address | undefined> {
  const meta: Meta = e.weight !== undefined ? { [WEIGHT_META_KEY]: e.weight } : {};
  const literal = isIP(e.host) ? e.host : (parseIpv4(e.host) ?? (e.host === 'localhost' ? '127.0.0.1' : undefined));
  if (literal) return { ip: literal, port: e.port, meta };
  try {
    const r = await dnsLookup(e.host, { family: 4 });
    return { ip: r.address, port: e.port, meta };
  } catch {
    // Unresolved socket addresses are dropped from a bound Addr (namerd-http-api.md §1.7).
    return undefined;
  }
}

export class FsNamer implements Namer {
  readonly prefix: Path;
  private readonly files = new Map<string, Addr>();
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private scanning: Promise<void> = Promise.resolve();

  /** `prefix` is the configured one (`/io.l5d.fs`); the namer answers under `/#` + prefix. */
  constructor(
    readonly rootDir: string,
    prefix: string,
    private readonly onChange: () => void,
    private readonly warn: (message: string) => void = () => undefined,
  ) {
    this.prefix = ['#', ...prefix.split('/').filter((s) => s !== '').map(textLabel)];
  }

  /** Reads the directory once and starts watching it. */
  async start(): Promise<void> {
    await this.rescan();
    try {
      this.watcher = watchDir(this.rootDir, { persistent: false }, () => this.scheduleRescan());
      this.watcher.on('error', (e) => this.warn(`io.l5d.fs stopped watching ${this.rootDir}: ${e.message}`));
    } catch (e) {
      this.warn(`io.l5d.fs cannot watch ${this.rootDir}: ${(e as Error).message}; changes need a restart`);
    }
  }

  stop(): void {
    this.watcher?.close();
    if (this.timer) clearTimeout(this.timer);
  }

  lookup(residual: Path): LookupResult {
    if (residual.length === 0) return ok(Neg);
    const name = labelText(residual[0]!);
    const addr = this.files.get(name);
    if (!addr) return ok(Neg);
    return ok(leaf({ kind: 'bound', id: [...this.prefix, residual[0]!], residual: residual.slice(1), addr }));
  }

  /** The concrete names this namer can enumerate (for bound-names). */
  names(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Waits for any pending rescan (tests use it after writing a file). */
  settled(): Promise<void> {
    return this.scanning;
  }

  private scheduleRescan(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.scanning = this.scanning.then(() => this.rescan());
    }, RESCAN_DEBOUNCE_MS);
  }

  private async rescan(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(this.rootDir, { withFileTypes: true })).filter((d) => d.isFile() && !d.name.startsWith('.')).map((d) => d.name);
    } catch (e) {
      this.warn(`io.l5d.fs cannot read ${this.rootDir}: ${(e as Error).message}`);
      names = [];
    }
    const next = new Map<string, Addr>();
    for (const name of names) {
      let text: string;
      try {
        text = await readFile(join(this.rootDir, name), 'utf8');
      } catch {
        continue; // deleted between readdir and read
      }
      const { entries, problems } = parseAddressFile(text);
      for (const p of problems) this.warn(`io.l5d.fs ${name}: ${p}`);
      const addrs = (await Promise.all(entries.map(resolveEntry))).filter((a): a is Address => a !== undefined);
      next.set(name, { type: 'bound', addrs, meta: {} });
    }
    const changed = JSON.stringify([...next]) !== JSON.stringify([...this.files]);
    this.files.clear();
    for (const [k, v] of next) this.files.set(k, v);
    if (changed) this.onChange();
  }
}
