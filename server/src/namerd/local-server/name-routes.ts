// bind, addr, resolve, delegate and bound-names (namerd-http-api.md §1.2, §1.3 #7-12, §1.7).

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dtab, Path } from '../../core/dtab/ast.js';
import { readDtab, readPath } from '../../core/dtab/parse.js';
import type { ChangeBus } from './change-bus.js';
import { isWatch, readBody, reply, replyInternalError, type ParsedRequest } from './http-util.js';
import type { NameService, Outcome } from './names.js';
import { serveWatch, type WatchFrame } from './watch-stream.js';

export interface NameRouteContext {
  readonly names: NameService;
  readonly bus: ChangeBus;
  /** Names the io.l5d.fs namers can enumerate. */
  readonly boundNames: () => string[];
  /** How long a one-shot request waits for a pending name (namerd waits forever; we cap it). */
  readonly pendingTimeoutMs: number;
}

/** `NsPathUri`: the `path` parameter is parsed before any handler; missing → 500, invalid → 400 (§1.2). */
function pathParam(res: ServerResponse, p: ParsedRequest): Path | undefined {
  const raw = p.query.get('path');
  if (raw === null) {
    replyInternalError(res);
    return undefined;
  }
  const r = readPath(raw);
  if (!r.ok) {
    reply(res, 400, `Invalid path: ${raw} / ${r.message}`, 'text/plain');
    return undefined;
  }
  return r.value;
}

/** The optional extra `dtab`; a bad one is an uncaught error in namerd (500, empty body). */
function extraDtab(p: ParsedRequest): Dtab | undefined {
  const raw = p.query.get('dtab');
  if (raw === null) return [];
  const r = readDtab(raw);
  return r.ok ? r.value : undefined;
}

/** Answers a one-shot request once the outcome is not pending (namerd waits; we give up after a cap with 503). */
async function once(ctx: NameRouteContext, res: ServerResponse, compute: () => Outcome<string>, contentType: string | undefined): Promise<void> {
  const deadline = Date.now() + ctx.pendingTimeoutMs;
  for (;;) {
    const o = compute();
    if (o.kind === 'ok') return reply(res, 200, `${o.value}\n`, contentType);
    if (o.kind === 'failed') return replyInternalError(res);
    const left = deadline - Date.now();
    if (left <= 0 || res.destroyed) return reply(res, 503, 'Request timed out.', 'text/plain');
    await ctx.bus.next(left);
  }
}

function watchFrames(compute: () => Outcome<{ json: string; key?: string }>): () => WatchFrame {
  return () => {
    const o = compute();
    if (o.kind === 'pending') return { kind: 'none' };
    if (o.kind === 'failed') return { kind: 'error', message: o.message };
    return { kind: 'value', text: o.value.json, key: o.value.key };
  };
}

export async function handleBind(ctx: NameRouteContext, req: IncomingMessage, res: ServerResponse, p: ParsedRequest, ns: string): Promise<void> {
  const path = pathParam(res, p);
  if (!path) return;
  const extra = extraDtab(p);
  if (!extra) return replyInternalError(res);
  const compute = (): Outcome<{ json: string; key: string }> => ctx.names.bind(ns, path, extra);
  // bind and addr answer without a Content-Type header (§1.3 #7-8).
  if (isWatch(p.query)) return serveWatch(req, res, ctx.bus, watchFrames(compute));
  return once(ctx, res, () => mapOk(compute(), (v) => v.json), undefined);
}

export async function handleAddr(ctx: NameRouteContext, req: IncomingMessage, res: ServerResponse, p: ParsedRequest): Promise<void> {
  const path = pathParam(res, p);
  if (!path) return;
  const compute = (): Outcome<string> => ctx.names.addr(path);
  if (isWatch(p.query)) return serveWatch(req, res, ctx.bus, watchFrames(() => mapOk(compute(), (json) => ({ json }))));
  return once(ctx, res, compute, undefined);
}

export async function handleResolve(ctx: NameRouteContext, req: IncomingMessage, res: ServerResponse, p: ParsedRequest, ns: string): Promise<void> {
  const path = pathParam(res, p);
  if (!path) return;
  const extra = extraDtab(p);
  if (!extra) return replyInternalError(res);
  const compute = (): Outcome<string> => ctx.names.resolve(ns, path, extra);
  if (isWatch(p.query)) return serveWatch(req, res, ctx.bus, watchFrames(() => mapOk(compute(), (json) => ({ json }))), 'application/json');
  return once(ctx, res, compute, 'application/json');
}

/** GET /api/1/delegate/<ns>: stored dtab ++ `dtab`; a bad `dtab` is a 500; no watch; no trailing newline. */
export async function handleDelegateNamespaced(ctx: NameRouteContext, res: ServerResponse, p: ParsedRequest, ns: string): Promise<void> {
  const path = pathParam(res, p);
  if (!path) return;
  const extra = extraDtab(p);
  if (!extra) return replyInternalError(res);
  return replyDelegation(ctx, res, ctx.names.dtabFor(ns, extra), path);
}

/** GET|POST /api/1/delegate: `dtab` (+ the stored dtab of `namespace`, if given); bad dtab → 400 (§1.3 #11, #11b). */
export async function handleDelegate(ctx: NameRouteContext, req: IncomingMessage, res: ServerResponse, p: ParsedRequest): Promise<void> {
  // namerd parses `?path=` before the handler runs, even for a POST whose body has the path (§1.2).
  if (!pathParam(res, p)) return;
  const request = await readDelegationRequest(req, res, p);
  if (!request) return;
  const dtab = request.namespace !== undefined ? ctx.names.dtabFor(request.namespace, request.dtab) : request.dtab;
  return replyDelegation(ctx, res, dtab, request.path);
}

export interface DelegationRequest {
  readonly namespace?: string;
  readonly dtab: Dtab;
  readonly path: Path;
}

/**
 * The delegator's request (DelegateApiHandler): GET parameters or a POST JSON body `{namespace?, dtab, path}`.
 * Answers 405/415/400 itself and returns undefined when the request is unusable.
 */
export async function readDelegationRequest(req: IncomingMessage, res: ServerResponse, p: ParsedRequest): Promise<DelegationRequest | undefined> {
  let fields: { namespace?: string; dtab?: string; path?: string };
  if (p.method === 'POST') {
    const body = await readBody(req);
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return void reply(res, 415);
    const parsed = parseDelegationBody(body);
    if (!parsed) return void reply(res, 400, `Malformed delegation request: ${body}`, 'text/plain');
    fields = parsed;
  } else if (p.method === 'GET') {
    fields = { namespace: p.query.get('namespace') ?? undefined, dtab: p.query.get('dtab') ?? undefined, path: p.query.get('path') ?? undefined };
  } else {
    return void reply(res, 405);
  }
  if (fields.path === undefined) return void reply(res, 400, 'Invalid path: the path parameter is missing', 'text/plain');
  const path = readPath(fields.path);
  if (!path.ok) return void reply(res, 400, `Invalid path: ${fields.path} / ${path.message}`, 'text/plain');
  const dtab = readDtab(fields.dtab ?? '');
  if (!dtab.ok) return void reply(res, 400, `Invalid dtab: ${dtab.message}`, 'text/plain');
  return { namespace: fields.namespace, dtab: dtab.value, path: path.value };
}

/** namerd's delegate timeout: a delegation still pending after this answers 503 `Request timed out.` (§1.7). */
export const DELEGATE_TIMEOUT_MS = 2_000;

export async function replyDelegation(ctx: NameRouteContext, res: ServerResponse, dtab: Dtab, path: Path): Promise<void> {
  const deadline = Date.now() + Math.min(DELEGATE_TIMEOUT_MS, ctx.pendingTimeoutMs);
  for (;;) {
    const r = ctx.names.delegate(dtab, path);
    // A failed delegation (e.g. "Max recursion level reached." on a single chain) has no JSON (§6.2): an uncaught
    // error in namerd, so a bare 500.
    if (r.kind === 'failed') return replyInternalError(res);
    if (r.kind === 'ok') return reply(res, 200, r.value, 'application/json');
    const left = deadline - Date.now();
    if (left <= 0 || res.destroyed) return reply(res, 503, 'Request timed out.', 'text/plain');
    await ctx.bus.next(left);
  }
}

export function parseDelegationBody(body: string): { namespace?: string; dtab?: string; path: string } | undefined {
  try {
    const j = JSON.parse(body) as unknown;
    if (typeof j !== 'object' || j === null || Array.isArray(j)) return undefined;
    const o = j as Record<string, unknown>;
    if (typeof o.path !== 'string') return undefined;
    if (o.dtab !== undefined && o.dtab !== null && typeof o.dtab !== 'string') return undefined;
    if (o.namespace !== undefined && o.namespace !== null && typeof o.namespace !== 'string') return undefined;
    return { path: o.path, dtab: (o.dtab as string | null) ?? undefined, namespace: (o.namespace as string | null) ?? undefined };
  } catch {
    return undefined;
  }
}

/** GET /api/1/bound-names: namerd builds this JSON by hand, so no names gives `[""]` (§1.7). */
export function handleBoundNames(ctx: NameRouteContext, req: IncomingMessage, res: ServerResponse, p: ParsedRequest): void {
  const render = (): string => `["${ctx.boundNames().join('","')}"]`;
  if (isWatch(p.query)) return serveWatch(req, res, ctx.bus, () => ({ kind: 'value', text: render() }), 'application/json');
  reply(res, 200, `${render()}\n`, 'application/json');
}

function mapOk<A, B>(o: Outcome<A>, f: (a: A) => B): Outcome<B> {
  return o.kind === 'ok' ? { kind: 'ok', value: f(o.value) } : o;
}
