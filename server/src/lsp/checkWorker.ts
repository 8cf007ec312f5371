// Checks of large `.dtab` files run in a worker thread, so that the server keeps answering completion and hover
// while a 100,000-dentry file is being checked, and so that a newer version can really cancel an older check
// (the worker running it is terminated and replaced). Small files are checked on the main thread: for them the
// hand-off would cost more than it saves.

import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Path } from '../core/dtab/ast.js';
import { createDtabChecker } from '../core/dtab/checks.js';
import { parseDtab } from '../core/dtab/parse.js';

/**
 * Files at least this long (UTF-16 units, ~17,000 typical dentries) are checked in the worker. Below it a check
 * takes a few hundred milliseconds at most, and copying the text and the diagnostics between threads would cost
 * more latency than the blocking it avoids.
 */
export const WORKER_THRESHOLD = 1_000_000;

export const CHECK_WORKER_ROLE = 'dtab-check';

interface CheckRequest {
  readonly id: number;
  readonly text: string;
  readonly knownNamerPrefixes?: readonly Path[];
}

type CheckReply =
  | { readonly id: number; readonly ok: true; readonly diagnostics: Diagnostic[]; readonly durationMs: number }
  | { readonly id: number; readonly ok: false; readonly message: string };

export interface CheckResult {
  readonly diagnostics: readonly Diagnostic[];
  /** Parse + check time in the worker. */
  readonly durationMs: number;
}

/** The worker side: answers check requests until terminated. */
export function serveChecks(port: { on(event: 'message', f: (m: CheckRequest) => void): void; postMessage(m: CheckReply): void }): void {
  // Kept between requests: the next version of a file re-checks only the dentries that changed.
  const checker = createDtabChecker();
  port.on('message', (m) => {
    const started = performance.now();
    try {
      const doc = parseDtab(m.text);
      const diagnostics = checker.check(doc, m.knownNamerPrefixes ? { knownNamerPrefixes: m.knownNamerPrefixes } : {});
      port.postMessage({ id: m.id, ok: true, diagnostics, durationMs: performance.now() - started });
    } catch (error) {
      port.postMessage({ id: m.id, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  });
}

interface Job {
  readonly id: number;
  readonly uri: string;
  readonly request: CheckRequest;
  readonly resolve: (r: CheckResult | undefined) => void;
  readonly reject: (e: Error) => void;
}

/**
 * The main-thread side: one worker, one job at a time, one pending job per document (a newer one replaces it).
 * A job whose document gets a newer check is cancelled: resolved with undefined, its worker terminated if running.
 */
export class CheckWorker {
  private worker: Worker | undefined;
  private running: Job | undefined;
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;

  /** `script` is the bundle to run in the worker; `workerData.role` tells it to serve checks. */
  constructor(
    private readonly script: string,
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  check(uri: string, text: string, knownNamerPrefixes: readonly Path[] | undefined): Promise<CheckResult | undefined> {
    this.cancel(uri);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.queue.push({ id, uri, request: { id, text, knownNamerPrefixes }, resolve, reject });
      this.pump();
    });
  }

  /** Drops the pending check of `uri` and stops the running one. */
  cancel(uri: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.uri === uri) this.queue.splice(i, 1)[0]!.resolve(undefined);
    }
    if (this.running?.uri === uri) {
      const job = this.running;
      this.running = undefined;
      void this.worker?.terminate();
      this.worker = undefined;
      job.resolve(undefined);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.resolve(undefined);
    this.running?.resolve(undefined);
    this.running = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    const worker = this.ensureWorker();
    worker.ref(); // keep the process alive while a check runs (idle, the worker must not)
    worker.postMessage(job.request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { workerData: { role: CHECK_WORKER_ROLE } });
    worker.on('message', (reply: CheckReply) => {
      const job = this.running;
      if (!job || job.id !== reply.id) return;
      this.running = undefined;
      worker.unref();
      if (reply.ok) job.resolve({ diagnostics: reply.diagnostics, durationMs: reply.durationMs });
      else job.reject(new Error(reply.message));
      this.pump();
    });
    worker.on('error', (error) => {
      if (this.worker !== worker) return; // a worker already replaced (cancelled)
      this.onError(`check worker failed: ${error.message}`);
      this.worker = undefined;
      const job = this.running;
      this.running = undefined;
      job?.reject(error);
      this.pump();
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
