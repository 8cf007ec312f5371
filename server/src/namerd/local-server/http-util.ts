// Small node:http helpers shaped by namerd's responses: explicit Content-Length, no Content-Type unless namerd
// sends one, raw (undecoded) request paths and Finagle's query rules (namerd-http-api.md §1.1).

import type { IncomingMessage, ServerResponse } from 'node:http';

/** Request bodies above this are refused with 413 (a 10 000-entry dtab is ~600 KB). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface ParsedRequest {
  readonly method: string;
  /** The raw path, NOT percent-decoded (Finagle's `request.path`). */
  readonly path: string;
  /** Decoded query parameters (first value of each). */
  readonly query: URLSearchParams;
}

export function parseRequest(req: IncomingMessage): ParsedRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: q < 0 ? url : url.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
  };
}

/** Finagle's `toBoolean`: `1`, `t` or `true` (any case) is true; anything else or absence is false. */
export function isWatch(query: URLSearchParams): boolean {
  const v = query.get('watch');
  return v !== null && ['1', 't', 'true'].includes(v.toLowerCase());
}

export function reply(res: ServerResponse, status: number, body = '', contentType?: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const buf = Buffer.from(body, 'utf8');
  // A 204 carries no body and, per RFC 9110, no Content-Length either.
  const length = status === 204 ? {} : { 'Content-Length': String(buf.length) };
  res.writeHead(status, { ...headers, ...(contentType ? { 'Content-Type': contentType } : {}), ...length });
  res.end(status === 204 ? undefined : buf);
}

/** Finagle's ExceptionFilter: an uncaught failure is a bare 500 with an empty body. */
export function replyInternalError(res: ServerResponse): void {
  reply(res, 500);
}

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge(`request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
