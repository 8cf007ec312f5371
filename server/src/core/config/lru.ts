// A small least-recently-used map bounded by entry count and by a caller-defined size (e.g. characters).

export class Lru<K, V> {
  private readonly map = new Map<K, { value: V; size: number }>();
  private total = 0;
  constructor(
    private readonly maxEntries: number,
    private readonly maxSize: number,
  ) {}

  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  /** The value of `key`, leaving the order as it is. */
  peek(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  set(key: K, value: V, size: number): void {
    const old = this.map.get(key);
    if (old) {
      this.total -= old.size;
      this.map.delete(key);
    }
    this.map.set(key, { value, size });
    this.total += size;
    this.evict();
  }

  /** Drops the least recently used entries until both bounds hold. */
  private evict(): void {
    while (this.map.size > this.maxEntries || this.total > this.maxSize) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.total -= this.map.get(oldest.value)!.size;
      this.map.delete(oldest.value);
    }
  }

  /** Counts `delta` more toward the size of `key`'s entry (which stays where it is in the order). */
  grow(key: K, delta: number): void {
    const hit = this.map.get(key);
    if (!hit) return;
    hit.size += delta;
    this.total += delta;
    this.evict();
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}
