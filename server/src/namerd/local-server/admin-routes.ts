// namerd's admin server (namerd-http-api.md §3.3): the namespace list page, a namespace page, the delegator's
// `dtab/delegator.json` (namerd's namers only; evaluates exactly the dtab it is sent; `namespace` is ignored),
// `/config.json` and `/admin/ping`. The pages are plain HTML without namerd's JavaScript playground.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodeDtab } from './codec.js';
import { reply, type ParsedRequest } from './http-util.js';
import { readDelegationRequest, replyDelegation, type NameRouteContext } from './name-routes.js';
import type { InMemoryDtabStore } from './store.js';

export interface AdminContext extends NameRouteContext {
  readonly store: InMemoryDtabStore;
  readonly config: unknown;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function handleAdmin(ctx: AdminContext, req: IncomingMessage, res: ServerResponse, p: ParsedRequest): Promise<void> {
  if (p.path === '/admin/ping') return reply(res, 200, 'pong', 'text/plain');
  if (p.path === '/config.json') return reply(res, 200, JSON.stringify(ctx.config), 'application/json');
  if (p.path === '/dtab/delegator.json') return delegatorJson(ctx, req, res, p);
  if (p.path === '/') return reply(res, 200, listPage(ctx.store.list().sort()), 'text/html');
  // The page route's pattern is greedy: a trailing slash stays part of the namespace.
  const m = /^\/dtab\/(.+)$/.exec(p.path);
  if (m) {
    const ns = m[1]!;
    const e = ctx.store.get(ns);
    if (!e) return reply(res, 404, `Namespace "${ns}" not found`, 'text/plain');
    const embedded = JSON.stringify({ namespace: ns, dtab: JSON.parse(encodeDtab(e.dtab, 'application/json')) as unknown });
    return reply(res, 200, namespacePage(ns, embedded), 'text/html');
  }
  reply(res, 404);
}

/** The playground's delegation: namerd's namers and exactly the dtab sent; `namespace` is ignored (§3.3). */
async function delegatorJson(ctx: AdminContext, req: IncomingMessage, res: ServerResponse, p: ParsedRequest): Promise<void> {
  const request = await readDelegationRequest(req, res, p);
  if (request) await replyDelegation(ctx, res, request.dtab, request.path);
}

function page(title: string, body: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>\n`;
}

function listPage(namespaces: string[]): string {
  if (namespaces.length === 0) {
    return page('namerd', '<h1>Namespaces</h1><p>No namespaces found. Either none were configured in storage, or they have not been created yet (POST /api/1/dtabs/&lt;ns&gt;).</p>');
  }
  const items = namespaces.map((ns) => `<li><a href="dtab/${escapeHtml(ns)}">${escapeHtml(ns)}</a></li>`).join('');
  return page('namerd', `<h1>Namespaces</h1><ul>${items}</ul>`);
}

function namespacePage(ns: string, embedded: string): string {
  return page(`namerd: ${ns}`, `<h1>Namespace "${escapeHtml(ns)}"</h1><script type="application/json" id="dtab-data">${embedded.replace(/</g, '\\u003c')}</script>` +
    '<p>POST {"dtab","path"} as application/json to <code>delegator.json</code> to delegate a path.</p>');
}
