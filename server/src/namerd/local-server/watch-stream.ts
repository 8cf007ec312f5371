// namerd's streaming responses (namerd-http-api.md §1.6): 200 with chunked encoding, headers sent at once, one
// document plus `\n` per change, consecutive identical values suppressed, nothing while pending, and on error the
// message as plain text plus `\n`, then the stream closes. There are no keep-alives.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChangeBus } from './change-bus.js';

/** What a watch computes on every change: a value to send, nothing yet (pending/silent), or a terminal error. */
export type WatchFrame =
  | { readonly kind: 'value'; readonly text: string; readonly key?: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly message: string };

export function serveWatch(req: IncomingMessage, res: ServerResponse, bus: ChangeBus, compute: () => WatchFrame, contentType?: string): void {
  res.writeHead(200, contentType ? { 'Content-Type': contentType } : {});
  res.flushHeaders();
  let last: string | undefined;
  let closed = false;
  const evaluate = (): void => {
    if (closed) return;
    let frame: WatchFrame;
    try {
      frame = compute();
    } catch (e) {
      frame = { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    if (frame.kind === 'none') return;
    if (frame.kind === 'error') {
      res.end(`${frame.message}\n`);
      stop();
      return;
    }
    const key = frame.key ?? frame.text;
    if (key === last) return;
    last = key;
    res.write(`${frame.text}\n`);
  };
  const unsubscribe = bus.subscribe(evaluate);
  const stop = (): void => {
    closed = true;
    unsubscribe();
  };
  req.on('close', stop);
  res.on('close', stop);
  evaluate();
}
