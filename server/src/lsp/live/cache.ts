// Cache of live namerd answers keyed by (endpoint, namespace, dtab, path). An entry holds the latest answer (or the
// request still in flight) and, while it is cached, a watch that refreshes it when namerd's state changes. Failed
// answers are kept only briefly so an unreachable namerd is not asked on every hover, yet recovers soon.
// Bounded: the least recently used entry is dropped (and its watch closed) beyond `maxEntries`.

export interface LiveKey {
  /** Endpoint identity: its base URL (two names for one URL share entries). */
  readonly endpoint: string;
  readonly namespace: string;
  /** The `dtab=` text sent with the request (the editor's unsaved dtab, canonical form). */
  readonly dtab: string;
  readonly path: string;
}

/** A string key with no ambiguity between fields (JSON array of the four parts). */
export function liveKeyString(k: LiveKey): string {
  return JSON.stringify([k.endpoint.replace(/\/+$/, ''), k.namespace, k.dtab, k.path]);
}

export interface Closeable {
  close(): void;
}

export interface LiveCacheOptions {
  readonly maxEntries?: number;
  /** How long a failure is remembered before the next request retries (ms). */
  readonly errorTtlMs?: number;
  readonly now?: () => number;
}

interface Entry<V> {
  promise: Promise<V>;
  failedAt?: number;
  watch?: Closeable;
  /** Bumped by every reload, so a late answer of an older load cannot replace a newer one. */
  generation: number;
}

export class LiveCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly maxEntries: number;
  private readonly errorTtlMs: number;
  private readonly now: () => number;

  constructor(options: LiveCacheOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 64);
    this.errorTtlMs = options.errorTtlMs ?? 3_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The cached answer for `key`, loading it when missing or when a remembered failure has expired. `watch` is
   * started once per entry with the first answer; calling its `refresh` reloads the entry in the background.
   */
  get(key: LiveKey, load: () => Promise<V>, watch?: (refresh: () => void, first: Promise<V>) => Closeable | undefined): Promise<V> {
    const k = liveKeyString(key);
    let entry = this.entries.get(k);
    if (entry && entry.failedAt !== undefined && this.now() - entry.failedAt >= this.errorTtlMs) {
      this.drop(k);
      entry = undefined;
    }
    if (entry) {
      // Most recently used goes last.
      this.entries.delete(k);
      this.entries.set(k, entry);
      return entry.promise;
    }
    const fresh: Entry<V> = { promise: Promise.resolve() as Promise<V>, generation: 0 };
    this.entries.set(k, fresh);
    this.startLoad(k, fresh, load);
    if (watch) {
      try {
        fresh.watch = watch(() => this.refresh(k, load), fresh.promise);
      } catch {
        // a watch that cannot start only means the entry is not refreshed
      }
    }
    this.evict();
    return fresh.promise;
  }

  /** Reloads one entry in the background; the old answer stays visible until the new one arrives. */
  private refresh(k: string, load: () => Promise<V>): void {
    const entry = this.entries.get(k);
    if (!entry) return;
    const generation = ++entry.generation;
    const next = load();
    next.then(
      () => {
        if (this.entries.get(k) === entry && entry.generation === generation) {
          entry.promise = next;
          entry.failedAt = undefined;
        }
      },
      () => undefined,
    );
  }

  private startLoad(k: string, entry: Entry<V>, load: () => Promise<V>): void {
    let p: Promise<V>;
    try {
      p = load();
    } catch (e) {
      p = Promise.reject(e);
    }
    entry.promise = p;
    p.catch(() => {
      if (this.entries.get(k) === entry) entry.failedAt = this.now();
    });
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.drop(oldest);
    }
  }

  private drop(k: string): void {
    const entry = this.entries.get(k);
    this.entries.delete(k);
    entry?.watch?.close();
  }

  /** Drops every entry of an endpoint (settings changed) or everything. */
  clear(endpoint?: string): void {
    for (const k of [...this.entries.keys()]) {
      if (endpoint === undefined || (JSON.parse(k) as string[])[0] === endpoint.replace(/\/+$/, '')) this.drop(k);
    }
  }
}
