// Diagnostics as you type: one debounce timer per document; a newer version restarts the wait, and a result is
// published only if its version is still the document's current one (a newer edit supersedes older work).

export interface ScheduledJob {
  readonly uri: string;
  readonly version: number;
}

export interface DiagnosticsSchedulerOptions {
  readonly delayMs: () => number;
  /** Computes and publishes; `isCurrent()` says whether the job's version is still the latest one. */
  readonly run: (job: ScheduledJob, isCurrent: () => boolean) => void;
  readonly onError?: (job: ScheduledJob, error: unknown) => void;
}

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly latest = new Map<string, number>();

  constructor(private readonly options: DiagnosticsSchedulerOptions) {}

  /** Schedules analysis of `version`; `immediate` skips the debounce (documents just opened). */
  schedule(uri: string, version: number, immediate = false): void {
    const pending = this.timers.get(uri);
    // The same version again (an open is also reported as a content change): keep the run already planned.
    if (pending && this.latest.get(uri) === version && !immediate) return;
    this.latest.set(uri, version);
    if (pending) clearTimeout(pending);
    const delay = immediate ? 0 : this.options.delayMs();
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      const job = { uri, version };
      const isCurrent = (): boolean => this.latest.get(uri) === version;
      if (!isCurrent()) return;
      try {
        this.options.run(job, isCurrent);
      } catch (error) {
        this.options.onError?.(job, error);
      }
    }, delay);
    this.timers.set(uri, timer);
  }

  /** Forgets a closed document: a pending run is dropped. */
  cancel(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    this.latest.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.latest.clear();
  }
}
