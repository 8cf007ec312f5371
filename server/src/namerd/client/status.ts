// Turns a namerd status code into a typed error whose hint says what to do (namerd-http-api.md §1.3, §1.5, §2.1).

import { NamerdError, type NamerdErrorKind } from './errors.js';
import type { TextResponse } from './transport.js';

export type Operation =
  | 'list' | 'get' | 'head' | 'create' | 'update' | 'cas' | 'delete'
  | 'bind' | 'addr' | 'resolve' | 'delegate' | 'bound-names';

export interface RequestContext {
  readonly op: Operation;
  readonly method: string;
  readonly url: string;
  readonly namespace?: string;
}

const DTAB_WRITES: ReadonlySet<Operation> = new Set(['create', 'update', 'cas']);

function describe(ctx: RequestContext): string {
  return ctx.namespace !== undefined ? `${ctx.method} of namespace "${ctx.namespace}"` : `${ctx.method} ${ctx.op}`;
}

/** The first line of a body, shortened: enough to show namerd's message without dumping a proxy's HTML page. */
function excerpt(body: string): string | undefined {
  const t = body.trim();
  if (!t) return undefined;
  const line = t.split('\n', 1)[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}

export function statusError(ctx: RequestContext, res: TextResponse): NamerdError {
  const detail = excerpt(res.body);
  const make = (kind: NamerdErrorKind, message: string, hint?: string): NamerdError =>
    new NamerdError({ kind, message, hint, status: res.status, detail, method: ctx.method, url: ctx.url });
  const what = describe(ctx);
  const said = detail ? `: ${detail}` : '';
  switch (res.status) {
    case 400:
      if (DTAB_WRITES.has(ctx.op)) {
        if (detail?.startsWith('Invalid Content-Type')) return make('bad-request', `namerd refused the ${what}${said}`, 'Send Content-Type application/dtab or application/json');
        return make('bad-dtab', `namerd rejected the dtab in the ${what}${said || ' (namerd gives no reason for a JSON or create body)'}`, 'Check the dtab syntax (dtab check) and that JSON entries are {"prefix","dst"} objects with no nulls');
      }
      if (detail?.startsWith('Invalid path')) return make('bad-path', `namerd rejected the path${said}`, 'A path is /label/label...; labels use A-Z a-z 0-9 _ : . # $ % - or \\xHH escapes');
      if (detail?.startsWith('Invalid dtab')) return make('bad-dtab', `namerd rejected the extra dtab${said}`, 'Fix the dtab syntax');
      return make('bad-request', `namerd refused the ${what}${said}`);
    case 403:
      return make('forbidden', `namerd's store refused the ${what} (403)`, 'namerd\'s ZooKeeper store lacks permission (NoAuth): check its authInfo and ACLs');
    case 404:
      if (ctx.namespace !== undefined && ['get', 'head', 'cas', 'delete'].includes(ctx.op)) {
        return make('not-found', `Namespace "${ctx.namespace}" does not exist on namerd`, 'List namespaces to check the name, or create it first');
      }
      return make('not-found', `namerd has no such route (${ctx.method} ${ctx.url})`, 'Check the base URL (including any proxy path prefix) points at namerd\'s httpController');
    case 409:
      return make('already-exists', `Namespace "${ctx.namespace ?? ''}" already exists`, 'Use update (PUT) to change an existing namespace');
    case 412:
      return make('version-conflict', `The dtab of "${ctx.namespace ?? ''}" changed since version was read (412 Precondition Failed)`, 'Re-read the dtab, re-apply your change and retry with the new version');
    case 415:
      return make('unsupported-media-type', `namerd refused the ${what}: unsupported media type (415)`, 'Send the delegation request as application/json');
    case 500:
      if (['bind', 'resolve', 'delegate', 'addr'].includes(ctx.op)) {
        return make('server-error', `namerd failed the ${ctx.op} request (500)${said}`, 'namerd answers 500 for a malformed extra dtab, a missing path, a recursion limit or a namer failure: check the dtab and path');
      }
      return make('server-error', `namerd failed the ${what} (500)${said}`, 'namerd\'s store reported an error; check namerd\'s log and retry');
    case 501:
      return make('not-implemented', `namerd cannot delegate with this interpreter (501)${said}`);
    case 502:
    case 503:
    case 504:
      return make('unavailable', `namerd is unavailable for the ${what} (${res.status})${said}`, res.status === 503 ? 'The delegation took more than 2 s (namerd\'s limit); a namer may be slow or pending' : 'A proxy between here and namerd could not reach it');
    default:
      return make('bad-response', `Unexpected status ${res.status} for the ${what}${said}`, 'Something other than namerd (a proxy?) answered; check the base URL');
  }
}
