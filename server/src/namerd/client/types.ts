// Public interface of the namerd HTTP client (namerd-http-api.md §1, §7 "Client"). The shift engine (push, pull,
// blue-green) and the CLI code against `NamerdApi`; `createNamerdClient` in client.ts implements it with axios.

import type { AddrJson, BoundTreeJson, DelegateTreeJson, DentryJson } from '../wire.js';
import type { NamerdError } from './errors.js';

/** TLS settings for an https base URL. File paths are read when the client is created. */
export interface NamerdTlsSettings {
  /** PEM bundle of CAs to trust instead of the system store. */
  readonly caFile?: string;
  /** Client certificate and key (PEM) for mutual TLS. */
  readonly certFile?: string;
  readonly keyFile?: string;
  /** Passphrase of an encrypted key. Never logged. */
  readonly keyPassphrase?: string;
  /** Name to verify the server certificate against, when it differs from the URL's host. */
  readonly serverName?: string;
  /** Explicit opt-out of certificate verification (self-signed test setups only). Logged as a warning. */
  readonly insecureSkipVerify?: boolean;
}

export interface NamerdLogger {
  debug(message: string): void;
  warn(message: string): void;
}

/**
 * How to reach one namerd `io.l5d.httpController` (one entry of the user's endpoint list). HTTP(S)_PROXY variables
 * are not used and redirects are not followed: a reverse proxy is addressed through `baseUrl` and `headers`.
 */
export interface NamerdEndpointSettings {
  /** `http(s)://host:port`, optionally with a path prefix for a reverse proxy (`https://gw/namerd`). */
  readonly baseUrl: string;
  /** Whole-request timeout for non-streaming calls, in ms (default 10 000). */
  readonly timeoutMs?: number;
  /** Time allowed to connect and receive response headers on a watch stream, in ms (default: timeoutMs). */
  readonly connectTimeoutMs?: number;
  readonly tls?: NamerdTlsSettings;
  /** Extra headers on every request, e.g. `Authorization` for an auth proxy. Values are redacted in all logs/errors. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly logger?: NamerdLogger;
}

/** Per-call options. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Overrides the endpoint's timeoutMs for this call. */
  readonly timeoutMs?: number;
}

/** A stored dtab read with the JSON codec, with its opaque version (the unquoted base64 `ETag`). */
export interface VersionedDtab {
  readonly namespace: string;
  /** Opaque: send it back unchanged as `If-Match`. Never parse or quote it. */
  readonly version: string;
  readonly dentries: readonly DentryJson[];
}

/** A stored dtab read with the text codec (`prefix=>dst;...`, canonical, no spaces). */
export interface VersionedDtabText {
  readonly namespace: string;
  readonly version: string;
  readonly text: string;
}

/** What to write: JSON entries (sent as application/json) or dtab text (sent as application/dtab). */
export type DtabPayload =
  | { readonly format: 'json'; readonly dentries: readonly DentryJson[] }
  | { readonly format: 'text'; readonly text: string };

export interface WriteOptions extends CallOptions {
  /** Compare-and-set: the version the change is based on (a previous `version`). Omit for last-writer-wins. */
  readonly ifMatch?: string;
  /**
   * namerd answers writes with 204 and no ETag (§1.5). When true (the default) the client follows up with HEAD to
   * learn the new version. That HEAD may already see a later concurrent write; `version` is then that write's.
   */
  readonly learnVersion?: boolean;
}

export interface WriteResult {
  /** The version seen right after the write (see WriteOptions.learnVersion), or undefined if not fetched. */
  readonly version?: string;
}

export interface NameQueryOptions extends CallOptions {
  /** Extra dtab text appended to the namespace's dtab (it takes precedence: later dentries win). */
  readonly dtab?: string;
}

export interface DelegateRequest {
  /** Stored dtab to start from. Omit to delegate with only `dtab` and namerd's namers (§1.3 #11). */
  readonly namespace?: string;
  readonly path: string;
  readonly dtab?: string;
  /**
   * `namespaced` = GET /api/1/delegate/<ns> (what linkerd uses); `query` = GET /api/1/delegate?namespace=...;
   * `post` = POST /api/1/delegate with a JSON body. Default: `namespaced` when a namespace is given, else `query`.
   */
  readonly style?: 'namespaced' | 'query' | 'post';
}

export type WatchState =
  | { readonly state: 'connecting'; readonly attempt: number }
  | { readonly state: 'open' }
  | { readonly state: 'waiting'; readonly attempt: number; readonly delayMs: number; readonly error?: NamerdError }
  | { readonly state: 'closed' };

export interface WatchHandlers<T> {
  /** Each new value (namerd deduplicates consecutive identical values; a reconnect may repeat the last one). */
  onValue(value: T): void;
  /** A failure of one connection (refused, HTTP error, error line, cut stream). The watch reconnects unless closed. */
  onError?(error: NamerdError): void;
  onState?(state: WatchState): void;
}

export interface WatchOptions {
  readonly signal?: AbortSignal;
  /** Reconnect with jittered exponential backoff when a stream ends or fails (default true). */
  readonly reconnect?: boolean;
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number };
}

export interface WatchHandle {
  /** Stops the watch and aborts the open stream. Idempotent. */
  close(): void;
  /** Settles when the watch has stopped (after close(), an abort, or a failure with reconnect disabled). */
  readonly done: Promise<void>;
}

/** Every endpoint of namerd's `io.l5d.httpController` (§1.3). Rejections are always `NamerdError`s. */
export interface NamerdApi {
  /** The base URL this client talks to (without credentials). */
  readonly baseUrl: string;

  listNamespaces(opts?: CallOptions): Promise<string[]>;
  /** 404 → NamerdError kind `not-found`. */
  getDtab(namespace: string, opts?: CallOptions): Promise<VersionedDtab>;
  getDtabText(namespace: string, opts?: CallOptions): Promise<VersionedDtabText>;
  /** HEAD: the current version only. */
  getVersion(namespace: string, opts?: CallOptions): Promise<string>;
  /** POST. 409 → `already-exists`; 400 → `bad-dtab`. */
  createDtab(namespace: string, payload: DtabPayload, opts?: WriteOptions): Promise<WriteResult>;
  /**
   * PUT. With `ifMatch`: 412 → `version-conflict` (re-read and retry), missing namespace → `not-found` (the client
   * re-checks with HEAD, because Consul answers 412 and k8s 500 there). Without: an upsert.
   */
  updateDtab(namespace: string, payload: DtabPayload, opts?: WriteOptions): Promise<WriteResult>;
  deleteDtab(namespace: string, opts?: CallOptions): Promise<void>;

  bind(namespace: string, path: string, opts?: NameQueryOptions): Promise<BoundTreeJson>;
  /** `boundId` is a concrete id such as `/#/io.l5d.fs/web` or `/$/inet/127.1/9990`. */
  addr(namespace: string, boundId: string, opts?: CallOptions): Promise<AddrJson>;
  resolve(namespace: string, path: string, opts?: NameQueryOptions): Promise<AddrJson>;
  delegate(request: DelegateRequest, opts?: CallOptions): Promise<DelegateTreeJson>;
  /** namerd's `[""]` (no names) is returned as `[]`. */
  boundNames(opts?: CallOptions): Promise<string[]>;

  watchNamespaces(handlers: WatchHandlers<string[]>, opts?: WatchOptions): WatchHandle;
  /** Silent while the namespace does not exist; deleting it emits nothing (§1.6). */
  watchDtab(namespace: string, handlers: WatchHandlers<DtabWatchValue>, opts?: WatchOptions): WatchHandle;
  watchBind(namespace: string, path: string, handlers: WatchHandlers<BoundTreeJson>, opts?: WatchOptions & { dtab?: string }): WatchHandle;
  watchAddr(namespace: string, boundId: string, handlers: WatchHandlers<AddrJson>, opts?: WatchOptions): WatchHandle;
  watchResolve(namespace: string, path: string, handlers: WatchHandlers<AddrJson>, opts?: WatchOptions & { dtab?: string }): WatchHandle;
  watchBoundNames(handlers: WatchHandlers<string[]>, opts?: WatchOptions): WatchHandle;
}

/** A dtab watch frame carries no version (namerd streams only the dtab); re-read with getVersion when needed. */
export interface DtabWatchValue {
  readonly namespace: string;
  readonly dentries: readonly DentryJson[];
}
