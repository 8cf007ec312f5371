// `--data FILE`: the store survives restarts. Every change schedules one write of the whole store; writes are
// serialised and atomic (temporary file in the same directory, then rename), so a crash leaves the old or the new
// file, never half of one.

import { readFileSync } from 'node:fs';
import { rename, writeFile, unlink } from 'node:fs/promises';
import type { Dtab } from '../../core/dtab/ast.js';
import { readDtab } from '../../core/dtab/parse.js';
import { showDtab } from '../../core/dtab/show.js';
import type { InMemoryDtabStore, VersionedEntry } from './store.js';

const FORMAT = 'linkerd-dtab/local-namerd@1';

interface DataFile {
  readonly format: string;
  readonly namespaces: Record<string, { readonly version: string; readonly dtab: string }>;
}

export class DataFileError extends Error {}

/** Loads a data file; undefined when it does not exist yet. Throws DataFileError for a damaged file. */
export function loadDataFile(file: string): [string, VersionedEntry][] | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataFileError(`Cannot read the data file ${file}: ${(e as Error).message}`);
  }
  let data: DataFile;
  try {
    data = JSON.parse(text) as DataFile;
  } catch {
    throw new DataFileError(`The data file ${file} is not JSON; fix or remove it`);
  }
  if (data?.format !== FORMAT || typeof data.namespaces !== 'object' || data.namespaces === null) {
    throw new DataFileError(`The data file ${file} is not a dtab serve data file (format ${FORMAT}); use another path`);
  }
  const out: [string, VersionedEntry][] = [];
  for (const [ns, e] of Object.entries(data.namespaces)) {
    const parsed = readDtab(String(e?.dtab ?? ''));
    if (!parsed.ok) throw new DataFileError(`The data file ${file}: the dtab of namespace "${ns}" does not parse: ${parsed.message}`);
    if (!/^[0-9]+$/.test(String(e?.version))) throw new DataFileError(`The data file ${file}: namespace "${ns}" has no valid version`);
    out.push([ns, { dtab: parsed.value as Dtab, version: BigInt(e.version) }]);
  }
  return out;
}

export class DataFileWriter {
  private pending = false;
  private chain: Promise<void> = Promise.resolve();
  private unsubscribe: () => void;

  constructor(
    private readonly file: string,
    private readonly store: InMemoryDtabStore,
    private readonly warn: (message: string) => void,
  ) {
    this.unsubscribe = store.subscribe(() => this.schedule());
  }

  /** Writes now (used at start-up so the file exists) and waits. */
  flush(): Promise<void> {
    this.pending = true;
    this.chain = this.chain.then(() => this.write());
    return this.chain;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.chain;
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    this.chain = this.chain.then(() => this.write());
  }

  private async write(): Promise<void> {
    if (!this.pending) return;
    this.pending = false;
    const namespaces: DataFile['namespaces'] = {};
    for (const [ns, e] of this.store.snapshot()) namespaces[ns] = { version: e.version.toString(), dtab: showDtab(e.dtab) };
    const body = `${JSON.stringify({ format: FORMAT, namespaces } satisfies DataFile, null, 2)}\n`;
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, body, 'utf8');
      await rename(tmp, this.file);
    } catch (e) {
      this.warn(`Could not save the store to ${this.file}: ${(e as Error).message}`);
      await unlink(tmp).catch(() => undefined);
    }
  }
}
