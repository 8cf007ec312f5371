// namerd's `io.l5d.inMemory` dtab store (namerd-http-api.md §2, §2.1): create sets version 1, put and update add 1,
// update is compare-and-set, delete-then-create starts again at 1. Observers hear every change synchronously.

import type { Dtab } from '../../core/dtab/ast.js';

export interface VersionedEntry {
  readonly dtab: Dtab;
  readonly version: bigint;
}

export type StoreResult = 'ok' | 'exists' | 'missing' | 'version-mismatch';

export type StoreListener = (namespace: string, entry: VersionedEntry | undefined) => void;

export class InMemoryDtabStore {
  private readonly entries = new Map<string, VersionedEntry>();
  private readonly listeners = new Set<StoreListener>();

  constructor(seed: Iterable<[string, VersionedEntry]> = []) {
    for (const [ns, e] of seed) this.entries.set(ns, e);
  }

  /** Namespace names (in insertion order; the HTTP layer sorts the non-watch list). */
  list(): string[] {
    return [...this.entries.keys()];
  }

  get(namespace: string): VersionedEntry | undefined {
    return this.entries.get(namespace);
  }

  create(namespace: string, dtab: Dtab): StoreResult {
    if (this.entries.has(namespace)) return 'exists';
    this.set(namespace, { dtab, version: 1n });
    return 'ok';
  }

  /** Unconditional upsert. */
  put(namespace: string, dtab: Dtab): StoreResult {
    const cur = this.entries.get(namespace);
    this.set(namespace, { dtab, version: cur ? cur.version + 1n : 1n });
    return 'ok';
  }

  /** Compare-and-set against `version` (undefined = an If-Match that named no valid version). */
  update(namespace: string, dtab: Dtab, version: bigint | undefined): StoreResult {
    const cur = this.entries.get(namespace);
    if (!cur) return 'missing';
    if (version === undefined || cur.version !== version) return 'version-mismatch';
    this.set(namespace, { dtab, version: cur.version + 1n });
    return 'ok';
  }

  delete(namespace: string): StoreResult {
    if (!this.entries.delete(namespace)) return 'missing';
    this.emit(namespace, undefined);
    return 'ok';
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): [string, VersionedEntry][] {
    return [...this.entries.entries()];
  }

  private set(namespace: string, entry: VersionedEntry): void {
    this.entries.set(namespace, entry);
    this.emit(namespace, entry);
  }

  private emit(namespace: string, entry: VersionedEntry | undefined): void {
    for (const l of [...this.listeners]) {
      try {
        l(namespace, entry);
      } catch {
        // One broken observer must not stop the others or the write.
      }
    }
  }
}
