// One signal for "something a name or dtab depends on changed" (a store write, an io.l5d.fs file, a DNS answer).
// Watches re-evaluate and deduplicate; the volume is small, so there is no per-key routing.

export class ChangeBus {
  private readonly listeners = new Set<() => void>();
  private scheduled = false;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Notifies listeners on the next tick, coalescing bursts (a write and its persistence, a directory rescan). */
  notify(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      for (const l of [...this.listeners]) {
        try {
          l();
        } catch {
          // A failing watch must not starve the others.
        }
      }
    });
  }

  /** Resolves on the next notification, or after `timeoutMs` (resolves false). */
  next(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        off();
        resolve(false);
      }, timeoutMs);
      const off = this.subscribe(() => {
        clearTimeout(t);
        off();
        resolve(true);
      });
    });
  }
}
