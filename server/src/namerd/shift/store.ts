// Where shift state lives between transitions. The engine takes a ShiftStore, so tests use the in-memory one and
// the CLI a directory of JSON files (written atomically: a crash leaves the old or the new file, never half of one).

import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { historyEntry, type ShiftHistoryEntry, type ShiftState } from './state.js';

export type Release = () => Promise<void>;

export interface ShiftStore {
  /** The latest shift for this namerd namespace (running, paused or finished), if any. */
  load(endpoint: string, namespace: string): Promise<ShiftState | undefined>;
  /** Persists the state and updates the namespace's history. */
  save(state: ShiftState): Promise<void>;
  /** Every shift recorded for the namespace, oldest first. */
  history(endpoint: string, namespace: string): Promise<ShiftHistoryEntry[]>;
  /** Exclusive right to drive the namespace's shift; rejects with ShiftLockedError when another driver holds it. */
  lock(endpoint: string, namespace: string): Promise<Release>;
}

export class ShiftLockedError extends Error {
  override readonly name = 'ShiftLockedError';
}

function upsert(history: ShiftHistoryEntry[], entry: ShiftHistoryEntry): ShiftHistoryEntry[] {
  const i = history.findIndex((h) => h.id === entry.id);
  if (i < 0) return [...history, entry];
  const copy = [...history];
  copy[i] = entry;
  return copy;
}

const storeKey = (endpoint: string, namespace: string): string => `${endpoint}\u0000${namespace}`;

/** Keeps JSON copies (not live objects), so tests see exactly what a file store would give back after a restart. */
export class MemoryShiftStore implements ShiftStore {
  private readonly states = new Map<string, string>();
  private readonly histories = new Map<string, ShiftHistoryEntry[]>();
  private readonly locks = new Set<string>();

  async load(endpoint: string, namespace: string): Promise<ShiftState | undefined> {
    const s = this.states.get(storeKey(endpoint, namespace));
    return s === undefined ? undefined : (JSON.parse(s) as ShiftState);
  }

  async save(state: ShiftState): Promise<void> {
    const key = storeKey(state.endpoint, state.plan.namespace);
    this.states.set(key, JSON.stringify(state));
    this.histories.set(key, upsert(this.histories.get(key) ?? [], historyEntry(state)));
  }

  async history(endpoint: string, namespace: string): Promise<ShiftHistoryEntry[]> {
    return [...(this.histories.get(storeKey(endpoint, namespace)) ?? [])];
  }

  async lock(endpoint: string, namespace: string): Promise<Release> {
    const key = storeKey(endpoint, namespace);
    if (this.locks.has(key)) throw new ShiftLockedError(`a shift of ${namespace} is already being driven`);
    this.locks.add(key);
    return async () => {
      this.locks.delete(key);
    };
  }
}

/** A lock whose holder stopped refreshing it (killed process) is taken over after this long. */
const LOCK_STALE_MS = 4_000;

/** One JSON file per namespace for the current shift, one for its history, in `dir`. */
export class FileShiftStore implements ShiftStore {
  constructor(readonly dir: string) {}

  private base(endpoint: string, namespace: string): string {
    const hash = createHash('sha256').update(storeKey(endpoint, namespace)).digest('hex').slice(0, 12);
    return join(this.dir, `${namespace.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60)}-${hash}`);
  }

  private async readJson<T>(path: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as T;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async load(endpoint: string, namespace: string): Promise<ShiftState | undefined> {
    return this.readJson<ShiftState>(`${this.base(endpoint, namespace)}.json`);
  }

  async save(state: ShiftState): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const base = this.base(state.endpoint, state.plan.namespace);
    await writeFileAtomic(`${base}.json`, JSON.stringify(state, null, 2) + '\n');
    const history = (await this.readJson<ShiftHistoryEntry[]>(`${base}.history.json`)) ?? [];
    await writeFileAtomic(`${base}.history.json`, JSON.stringify(upsert(history, historyEntry(state)), null, 2) + '\n');
  }

  async history(endpoint: string, namespace: string): Promise<ShiftHistoryEntry[]> {
    return (await this.readJson<ShiftHistoryEntry[]>(`${this.base(endpoint, namespace)}.history.json`)) ?? [];
  }

  async lock(endpoint: string, namespace: string): Promise<Release> {
    await mkdir(this.dir, { recursive: true });
    const base = this.base(endpoint, namespace);
    try {
      return await lockfile.lock(`${base}.json`, {
        realpath: false,
        lockfilePath: `${base}.lock`,
        stale: LOCK_STALE_MS,
        // A dead driver's lock goes stale after LOCK_STALE_MS; wait that long before giving up.
        retries: { retries: 12, minTimeout: 250, maxTimeout: 500 },
        // Losing the lock (e.g. the event loop stalled) must not crash the process: the CAS writes still protect namerd.
        onCompromised: () => undefined,
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOCKED') {
        throw new ShiftLockedError(`another process is driving the shift of ${namespace} (lock ${base}.lock)`);
      }
      throw e;
    }
  }
}
