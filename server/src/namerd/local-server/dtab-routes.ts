// `/api/1/dtabs[/<ns>]` (namerd-http-api.md §1.3 #1-6, §1.5, §1.6): list, get (JSON or text by Accept, ETag),
// head, create (POST), upsert or compare-and-set (PUT, If-Match), delete; watches for the list and one namespace.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChangeBus } from './change-bus.js';
import { decodeDtab, encodeDtab, requestMediaType, responseMediaType } from './codec.js';
import { isWatch, readBody, reply, type ParsedRequest } from './http-util.js';
import type { InMemoryDtabStore } from './store.js';
import { etagToVersion, versionToEtag } from './versions.js';
import { serveWatch } from './watch-stream.js';

export interface DtabRouteContext {
  readonly store: InMemoryDtabStore;
  readonly bus: ChangeBus;
}

export function handleList(ctx: DtabRouteContext, req: IncomingMessage, res: ServerResponse, p: ParsedRequest): void {
  if (isWatch(p.query)) {
    // The watch list is not sorted (only the one-shot list is).
    serveWatch(req, res, ctx.bus, () => ({ kind: 'value', text: JSON.stringify(ctx.store.list()) }), 'application/json');
    return;
  }
  reply(res, 200, `${JSON.stringify(ctx.store.list().sort())}\n`, 'application/json');
}

export async function handleNamespace(ctx: DtabRouteContext, req: IncomingMessage, res: ServerResponse, p: ParsedRequest, ns: string): Promise<void> {
  switch (p.method) {
    case 'GET':
      return getDtab(ctx, req, res, p, ns);
    case 'HEAD': {
      const e = ctx.store.get(ns);
      if (!e) return reply(res, 404);
      res.writeHead(200, { ETag: versionToEtag(e.version) });
      res.end();
      return;
    }
    case 'POST':
      return createDtab(ctx, req, res, ns);
    case 'PUT':
      return putDtab(ctx, req, res, ns);
    case 'DELETE':
      return reply(res, ctx.store.delete(ns) === 'ok' ? 204 : 404);
    default:
      return reply(res, 405);
  }
}

function getDtab(ctx: DtabRouteContext, req: IncomingMessage, res: ServerResponse, p: ParsedRequest, ns: string): void {
  const type = responseMediaType(req.headers.accept);
  if (isWatch(p.query)) {
    // Silent while the namespace is missing, and after it is deleted (§1.6); the version is part of the dedup key.
    serveWatch(req, res, ctx.bus, () => {
      const e = ctx.store.get(ns);
      if (!e) return { kind: 'none' };
      const text = encodeDtab(e.dtab, type);
      return { kind: 'value', text, key: `${e.version}\n${text}` };
    }, type);
    return;
  }
  const e = ctx.store.get(ns);
  if (!e) return reply(res, 404);
  reply(res, 200, `${encodeDtab(e.dtab, type)}\n`, type, { ETag: versionToEtag(e.version) });
}

async function createDtab(ctx: DtabRouteContext, req: IncomingMessage, res: ServerResponse, ns: string): Promise<void> {
  const type = requestMediaType(req.headers['content-type']);
  const body = await readBody(req);
  // POST never echoes a parser message; only the null-dentry check (linkerd PR #2032) has a body.
  if (!type) return reply(res, 400);
  const d = decodeDtab(body, type);
  if (!d.ok) return d.nullEntry ? reply(res, 400, `The dtab contains invalid dentries: ${body}`, 'text/plain') : reply(res, 400);
  return reply(res, ctx.store.create(ns, d.dtab) === 'ok' ? 204 : 409);
}

async function putDtab(ctx: DtabRouteContext, req: IncomingMessage, res: ServerResponse, ns: string): Promise<void> {
  const contentType = req.headers['content-type'];
  const type = requestMediaType(contentType);
  const body = await readBody(req);
  if (!type) return reply(res, 400, `Invalid Content-Type "${contentType ?? ''}". `, 'text/plain');
  const d = decodeDtab(body, type);
  if (!d.ok) return d.message ? reply(res, 400, d.message, 'text/plain') : reply(res, 400);
  const ifMatch = req.headers['if-match'];
  if (ifMatch === undefined) {
    ctx.store.put(ns, d.dtab);
    return reply(res, 204);
  }
  const r = ctx.store.update(ns, d.dtab, etagToVersion(ifMatch));
  return reply(res, r === 'ok' ? 204 : r === 'missing' ? 404 : 412);
}
