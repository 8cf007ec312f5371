// namerd watch streams (namerd-http-api.md §1.6): a chunked body of newline-delimited JSON documents. Chunks do not
// line up with documents, so bytes are decoded incrementally and split on `\n`. A line that is not JSON is namerd's
// error message and ends the stream. There are no heartbeats; a stream that ends or fails is reopened after a
// jittered exponential backoff, as linkerd does.

import { StringDecoder } from 'node:string_decoder';
import { NamerdError } from './errors.js';
import { redactUrl } from './redact.js';
import { statusError, type RequestContext } from './status.js';
import type { Transport } from './transport.js';
import type { WatchHandle, WatchHandlers, WatchOptions } from './types.js';

const DEFAULT_INITIAL_MS = 500;
const DEFAULT_MAX_MS = 30_000;
/** A single document larger than this is not namerd talking; stop buffering. */
const MAX_LINE_CHARS = 64 * 1024 * 1024;

/** Splits decoded text into complete lines; keeps the unfinished tail for the next chunk. */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private tail = '';

  push(chunk: Buffer | string): string[] {
    const text = this.tail + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const parts = text.split('\n');
    this.tail = parts.pop() ?? '';
    if (this.tail.length > MAX_LINE_CHARS) throw new Error(`a line longer than ${MAX_LINE_CHARS} characters`);
    return parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  }

  /** What is left when the stream ends: an unterminated (cut or error) line, or ''. */
  end(): string {
    const rest = this.tail + this.decoder.end();
    this.tail = '';
    return rest;
  }
}

/** Full-jitter exponential backoff: a random delay in [d/2, d] with d = initial·2^attempt, capped. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const d = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(d / 2 + random() * (d / 2));
}

export interface WatchSpec<T> {
  readonly ctx: RequestContext;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly decode: (json: unknown) => T;
}

export function startWatch<T>(transport: Transport, spec: WatchSpec<T>, handlers: WatchHandlers<T>, opts: WatchOptions = {}): WatchHandle {
  const stop = new AbortController();
  const onOuterAbort = (): void => stop.abort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (opts.signal?.aborted) stop.abort();
  const initialMs = opts.backoff?.initialMs ?? DEFAULT_INITIAL_MS;
  const maxMs = opts.backoff?.maxMs ?? DEFAULT_MAX_MS;
  const reconnect = opts.reconnect ?? true;
  const safe = <A>(f: ((a: A) => void) | undefined, a: A): void => {
    try {
      f?.(a);
    } catch {
      // A throwing handler must not kill the watch loop.
    }
  };

  const run = async (): Promise<void> => {
    let attempt = 0;
    while (!stop.signal.aborted) {
      safe(handlers.onState, { state: 'connecting', attempt });
      let delivered = false;
      let error: NamerdError | undefined;
      // One controller per connection, so listeners do not pile up on the watch's signal across reconnects.
      const attemptCtrl = new AbortController();
      const abortAttempt = (): void => attemptCtrl.abort();
      stop.signal.addEventListener('abort', abortAttempt, { once: true });
      try {
        delivered = await streamOnce(transport, spec, attemptCtrl.signal, (v) => safe(handlers.onValue, v), () => safe(handlers.onState, { state: 'open' }));
      } catch (e) {
        error = e instanceof NamerdError ? e : new NamerdError({ kind: 'stream-error', message: String(e) });
      } finally {
        stop.signal.removeEventListener('abort', abortAttempt);
        attemptCtrl.abort();
      }
      if (stop.signal.aborted) break;
      if (error) safe(handlers.onError, error);
      if (!reconnect) break;
      attempt = delivered ? 0 : attempt + 1;
      const delayMs = backoffDelay(attempt, initialMs, maxMs);
      safe(handlers.onState, { state: 'waiting', attempt, delayMs, error });
      await sleep(delayMs, stop.signal);
    }
    opts.signal?.removeEventListener('abort', onOuterAbort);
    safe(handlers.onState, { state: 'closed' });
  };

  const done = run();
  return { close: () => stop.abort(), done };
}

/** One connection. Resolves (true if a value arrived) when the stream ends cleanly; rejects with a NamerdError. */
async function streamOnce<T>(transport: Transport, spec: WatchSpec<T>, stop: AbortSignal, onValue: (v: T) => void, onOpen: () => void): Promise<boolean> {
  const res = await transport.stream({ method: 'GET', url: spec.url, headers: spec.headers, signal: stop });
  if (res.status !== 200) {
    const body = await transport.drain(res.stream);
    throw statusError(spec.ctx, { status: res.status, headers: res.headers, body });
  }
  onOpen();
  const lines = new LineSplitter();
  let delivered = false;
  const streamError = (message: string, detail?: string): NamerdError =>
    new NamerdError({ kind: 'stream-error', message, detail, method: 'GET', url: redactUrl(spec.url), hint: 'The watch reconnects by itself' });
  const handle = (line: string): void => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      // namerd's error frame: the message as plain text, then the stream closes.
      throw streamError(`namerd ended the watch with an error: ${transport.scrub(line).slice(0, 500)}`, line);
    }
    let value: T;
    try {
      value = spec.decode(json);
    } catch (e) {
      throw new NamerdError({ kind: 'bad-response', message: `A watch frame has the wrong shape (${(e as Error).message})`, method: 'GET', url: redactUrl(spec.url) });
    }
    delivered = true;
    onValue(value);
  };
  try {
    for await (const chunk of res.stream) {
      for (const line of lines.push(chunk as Buffer)) handle(line);
    }
  } catch (e) {
    res.stream.destroy();
    if (e instanceof NamerdError) throw e;
    if (stop.aborted) return delivered;
    throw streamError(`The watch stream broke: ${(e as Error).message}`);
  }
  const rest = lines.end();
  if (rest.trim() !== '') {
    // An unterminated last line: a document cut short (JSON starts with [ { or "), or an error message that lost
    // its newline.
    const cut = /^\s*[[{"]/.test(rest);
    throw cut ? streamError('The watch stream ended mid-document', rest) : streamError(`namerd ended the watch with an error: ${transport.scrub(rest).slice(0, 500)}`, rest);
  }
  return delivered;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
