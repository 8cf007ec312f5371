// The namerd HTTP client: every endpoint of namerd-http-api.md §1.3 with its quirks (§7 "Client").

import type { AddrJson, BoundTreeJson, DelegateTreeJson } from '../wire.js';
import { decodeAddr, decodeBoundNames, decodeBoundTree, decodeDelegateTree, decodeDentries, decodeStringArray, parseJson, ShapeError } from './decode.js';
import { NamerdError } from './errors.js';
import { redactUrl } from './redact.js';
import { statusError, type Operation, type RequestContext } from './status.js';
import { Transport, type RawRequest, type TextResponse } from './transport.js';
import type {
  CallOptions, DelegateRequest, DtabPayload, DtabWatchValue, NameQueryOptions, NamerdApi, NamerdEndpointSettings,
  VersionedDtab, VersionedDtabText, WatchHandle, WatchHandlers, WatchOptions, WriteOptions, WriteResult,
} from './types.js';
import { apiUrl } from './urls.js';
import { startWatch } from './watch.js';

const JSON_TYPE = 'application/json';
const DTAB_TYPE = 'application/dtab';

export function createNamerdClient(settings: NamerdEndpointSettings): NamerdClient {
  return new NamerdClient(settings);
}

export class NamerdClient implements NamerdApi {
  private readonly t: Transport;

  constructor(settings: NamerdEndpointSettings) {
    this.t = new Transport(settings);
  }

  get baseUrl(): string {
    return this.t.baseUrl;
  }

  /** Closes pooled connections (open watches must be closed by their handles). */
  dispose(): void {
    this.t.close();
  }

  async listNamespaces(opts?: CallOptions): Promise<string[]> {
    const { res } = await this.call('list', 'GET', apiUrl(this.t.base, 'dtabs'), opts, { Accept: JSON_TYPE });
    return this.decode(res, 'list', decodeStringArray);
  }

  async getDtab(namespace: string, opts?: CallOptions): Promise<VersionedDtab> {
    const { res } = await this.call('get', 'GET', apiUrl(this.t.base, 'dtabs', namespace), opts, { Accept: JSON_TYPE }, namespace);
    return { namespace, version: this.etag(res, 'get'), dentries: this.decode(res, 'get', decodeDentries) };
  }

  async getDtabText(namespace: string, opts?: CallOptions): Promise<VersionedDtabText> {
    const { res } = await this.call('get', 'GET', apiUrl(this.t.base, 'dtabs', namespace), opts, { Accept: DTAB_TYPE }, namespace);
    const type = (res.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== DTAB_TYPE && type !== 'text/plain') {
      throw this.badResponse('get', `expected a text dtab, got Content-Type ${JSON.stringify(type)}`);
    }
    return { namespace, version: this.etag(res, 'get'), text: res.body.replace(/\n$/, '') };
  }

  async getVersion(namespace: string, opts?: CallOptions): Promise<string> {
    const { res } = await this.call('head', 'HEAD', apiUrl(this.t.base, 'dtabs', namespace), opts, {}, namespace);
    return this.etag(res, 'head');
  }

  async createDtab(namespace: string, payload: DtabPayload, opts?: WriteOptions): Promise<WriteResult> {
    await this.call('create', 'POST', apiUrl(this.t.base, 'dtabs', namespace), opts, payloadHeaders(payload), namespace, payloadBody(payload));
    return this.learnVersion(namespace, opts);
  }

  async updateDtab(namespace: string, payload: DtabPayload, opts?: WriteOptions): Promise<WriteResult> {
    const headers = payloadHeaders(payload);
    const cas = opts?.ifMatch !== undefined;
    // The ETag is opaque and unquoted; it goes back exactly as it came (§7).
    if (cas) headers['If-Match'] = opts.ifMatch as string;
    try {
      await this.call(cas ? 'cas' : 'update', 'PUT', apiUrl(this.t.base, 'dtabs', namespace), opts, headers, namespace, payloadBody(payload));
    } catch (e) {
      // Consul answers 412 and k8s 500 for a CAS on a missing namespace (§2.1): tell "gone" from "changed".
      if (cas && e instanceof NamerdError && (e.kind === 'version-conflict' || e.kind === 'server-error') && (await this.isMissing(namespace, opts))) {
        throw new NamerdError({ kind: 'not-found', status: e.status, message: `Namespace "${namespace}" does not exist on namerd`, hint: 'It was deleted or never created; create it first', method: 'PUT', url: e.url });
      }
      throw e;
    }
    return this.learnVersion(namespace, opts);
  }

  async deleteDtab(namespace: string, opts?: CallOptions): Promise<void> {
    await this.call('delete', 'DELETE', apiUrl(this.t.base, 'dtabs', namespace), opts, {}, namespace);
  }

  async bind(namespace: string, path: string, opts?: NameQueryOptions): Promise<BoundTreeJson> {
    const { res } = await this.call('bind', 'GET', apiUrl(this.t.base, 'bind', namespace, { path, dtab: opts?.dtab }), opts);
    return this.decode(res, 'bind', decodeBoundTree);
  }

  async addr(namespace: string, boundId: string, opts?: CallOptions): Promise<AddrJson> {
    const { res } = await this.call('addr', 'GET', apiUrl(this.t.base, 'addr', namespace, { path: boundId }), opts);
    return this.decode(res, 'addr', decodeAddr);
  }

  async resolve(namespace: string, path: string, opts?: NameQueryOptions): Promise<AddrJson> {
    const { res } = await this.call('resolve', 'GET', apiUrl(this.t.base, 'resolve', namespace, { path, dtab: opts?.dtab }), opts);
    return this.decode(res, 'resolve', decodeAddr);
  }

  async delegate(req: DelegateRequest, opts?: CallOptions): Promise<DelegateTreeJson> {
    const style = req.style ?? (req.namespace !== undefined ? 'namespaced' : 'query');
    let call: Promise<{ res: TextResponse }>;
    if (style === 'namespaced') {
      if (req.namespace === undefined) throw new NamerdError({ kind: 'invalid-argument', message: 'A namespaced delegate request needs a namespace' });
      call = this.call('delegate', 'GET', apiUrl(this.t.base, 'delegate', req.namespace, { path: req.path, dtab: req.dtab ?? '' }), opts);
    } else if (style === 'query') {
      call = this.call('delegate', 'GET', apiUrl(this.t.base, 'delegate', undefined, { namespace: req.namespace, path: req.path, dtab: req.dtab ?? '' }), opts);
    } else {
      // namerd parses `?path=` before reading the body (§1.2), so the path goes in both places.
      const body = JSON.stringify({ ...(req.namespace !== undefined ? { namespace: req.namespace } : {}), dtab: req.dtab ?? '', path: req.path });
      call = this.call('delegate', 'POST', apiUrl(this.t.base, 'delegate', undefined, { path: req.path }), opts, { 'Content-Type': JSON_TYPE }, undefined, body);
    }
    const { res } = await call;
    return this.decode(res, 'delegate', decodeDelegateTree);
  }

  async boundNames(opts?: CallOptions): Promise<string[]> {
    const { res } = await this.call('bound-names', 'GET', apiUrl(this.t.base, 'bound-names'), opts);
    return this.decode(res, 'bound-names', decodeBoundNames);
  }

  watchNamespaces(handlers: WatchHandlers<string[]>, opts?: WatchOptions): WatchHandle {
    return this.watch('list', () => apiUrl(this.t.base, 'dtabs', undefined, { watch: '1' }), decodeStringArray, handlers, opts, undefined, { Accept: JSON_TYPE });
  }

  watchDtab(namespace: string, handlers: WatchHandlers<DtabWatchValue>, opts?: WatchOptions): WatchHandle {
    const url = (): string => apiUrl(this.t.base, 'dtabs', namespace, { watch: '1' });
    return this.watch('get', url, (j) => ({ namespace, dentries: decodeDentries(j) }), handlers, opts, namespace, { Accept: JSON_TYPE });
  }

  watchBind(namespace: string, path: string, handlers: WatchHandlers<BoundTreeJson>, opts?: WatchOptions & { dtab?: string }): WatchHandle {
    const url = (): string => apiUrl(this.t.base, 'bind', namespace, { path, dtab: opts?.dtab, watch: '1' });
    return this.watch('bind', url, decodeBoundTree, handlers, opts);
  }

  watchAddr(namespace: string, boundId: string, handlers: WatchHandlers<AddrJson>, opts?: WatchOptions): WatchHandle {
    return this.watch('addr', () => apiUrl(this.t.base, 'addr', namespace, { path: boundId, watch: '1' }), decodeAddr, handlers, opts);
  }

  watchResolve(namespace: string, path: string, handlers: WatchHandlers<AddrJson>, opts?: WatchOptions & { dtab?: string }): WatchHandle {
    const url = (): string => apiUrl(this.t.base, 'resolve', namespace, { path, dtab: opts?.dtab, watch: '1' });
    return this.watch('resolve', url, decodeAddr, handlers, opts);
  }

  watchBoundNames(handlers: WatchHandlers<string[]>, opts?: WatchOptions): WatchHandle {
    return this.watch('bound-names', () => apiUrl(this.t.base, 'bound-names', undefined, { watch: '1' }), decodeBoundNames, handlers, opts);
  }

  // -------------------------------------------------------------------------------------------------------------

  /** Starts a watch; an argument that cannot be sent is reported through onError and the watch ends at once. */
  private watch<T>(op: Operation, buildUrl: () => string, decode: (j: unknown) => T, handlers: WatchHandlers<T>, opts?: WatchOptions, namespace?: string, headers?: Record<string, string>): WatchHandle {
    let url: string;
    try {
      url = buildUrl();
    } catch (e) {
      const err = e instanceof NamerdError ? e : new NamerdError({ kind: 'invalid-argument', message: String(e) });
      try {
        handlers.onError?.(err);
        handlers.onState?.({ state: 'closed' });
      } catch {
        // the caller's handler failed; nothing more to report to
      }
      return { close: () => undefined, done: Promise.resolve() };
    }
    const ctx: RequestContext = { op, method: 'GET', url: redactUrl(url), namespace };
    return startWatch(this.t, { ctx, url, headers, decode }, handlers, opts);
  }

  /** Sends one request; any non-2xx status becomes a typed error. */
  private async call(op: Operation, method: RawRequest['method'], url: string, opts: CallOptions | undefined, headers: Record<string, string> = {}, namespace?: string, body?: string): Promise<{ res: TextResponse }> {
    const res = await this.t.text({ method, url, headers, body, signal: opts?.signal, timeoutMs: opts?.timeoutMs });
    if (res.status < 200 || res.status > 299) {
      throw statusError({ op, method, url: redactUrl(url), namespace }, { ...res, body: this.t.scrub(res.body) });
    }
    return { res };
  }

  private decode<T>(res: TextResponse, op: Operation, decoder: (j: unknown) => T): T {
    try {
      return decoder(parseJson(res.body));
    } catch (e) {
      if (e instanceof ShapeError) throw this.badResponse(op, e.message);
      throw e;
    }
  }

  private etag(res: TextResponse, op: Operation): string {
    const tag = res.headers.etag;
    if (!tag) throw this.badResponse(op, 'namerd sent no ETag with the dtab');
    return tag;
  }

  private badResponse(op: Operation, why: string): NamerdError {
    return new NamerdError({ kind: 'bad-response', message: `namerd's ${op} answer is unusable: ${why}`, hint: 'Check that the base URL points at namerd\'s httpController and not at another service or proxy page' });
  }

  private async learnVersion(namespace: string, opts?: WriteOptions): Promise<WriteResult> {
    if (opts?.learnVersion === false) return {};
    try {
      return { version: await this.getVersion(namespace, { signal: opts?.signal, timeoutMs: opts?.timeoutMs }) };
    } catch {
      // The write succeeded; only the follow-up read failed. The caller can re-read later.
      return {};
    }
  }

  private async isMissing(namespace: string, opts?: CallOptions): Promise<boolean> {
    try {
      await this.getVersion(namespace, { signal: opts?.signal, timeoutMs: opts?.timeoutMs });
      return false;
    } catch (e) {
      return e instanceof NamerdError && e.kind === 'not-found';
    }
  }
}

function payloadHeaders(p: DtabPayload): Record<string, string> {
  return { 'Content-Type': p.format === 'json' ? JSON_TYPE : DTAB_TYPE };
}

function payloadBody(p: DtabPayload): string {
  return p.format === 'json' ? JSON.stringify(p.dentries.map((d) => ({ prefix: d.prefix, dst: d.dst }))) : p.text;
}
