// One namerd endpoint's HTTP plumbing: axios instance, TLS agent, timeouts that bound the WHOLE call, and the
// translation of network failures into typed errors. Status codes are interpreted by the caller (status.ts).

import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { NamerdError } from './errors.js';
import { describeHeaders, redactUrl, scrubSecrets } from './redact.js';
import type { NamerdEndpointSettings, NamerdLogger } from './types.js';
import { normaliseBaseUrl } from './urls.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
/** Bodies larger than this are refused (a dtab of 10 000 entries is ~600 KB). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_TLS_CERT_ALTNAME_INVALID', 'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'CERT_NOT_YET_VALID',
]);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ERR_SOCKET_CLOSED']);

export interface RawRequest {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface TextResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export interface StreamResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly stream: Readable;
}

const silentLogger: NamerdLogger = { debug: () => undefined, warn: () => undefined };

export class Transport {
  readonly base: URL;
  readonly baseUrl: string;
  private readonly axios: AxiosInstance;
  private readonly timeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly secrets: string[];
  private readonly log: NamerdLogger;
  private readonly agent: http.Agent;

  constructor(settings: NamerdEndpointSettings) {
    const base = normaliseBaseUrl(settings.baseUrl);
    this.log = settings.logger ?? silentLogger;
    this.headers = { ...settings.headers };
    this.secrets = Object.values(this.headers);
    if (base.username || base.password) {
      // Credentials in the URL become a Basic header, so the URL itself never carries (or logs) them.
      const user = decodeURIComponent(base.username);
      const pass = decodeURIComponent(base.password);
      const token = Buffer.from(`${user}:${pass}`).toString('base64');
      if (!Object.keys(this.headers).some((h) => h.toLowerCase() === 'authorization')) this.headers.Authorization = `Basic ${token}`;
      this.secrets.push(token, pass);
      base.username = '';
      base.password = '';
    }
    this.base = base;
    this.baseUrl = base.toString().replace(/\/$/, '');
    this.timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.connectTimeoutMs = settings.connectTimeoutMs ?? this.timeoutMs;
    this.agent = base.protocol === 'https:' ? makeTlsAgent(settings, this.log) : new http.Agent({ keepAlive: true });
    this.axios = axios.create({
      httpAgent: this.agent,
      httpsAgent: this.agent,
      proxy: false,
      maxRedirects: 0,
      maxContentLength: MAX_BODY_BYTES,
      maxBodyLength: MAX_BODY_BYTES,
      validateStatus: () => true,
      transformResponse: [(d: unknown) => d],
      decompress: true,
    });
    const h = describeHeaders(settings.headers);
    this.log.debug(`namerd client for ${this.baseUrl}${h ? ` (extra headers: ${h})` : ''}`);
  }

  /** Releases pooled sockets. */
  close(): void {
    this.agent.destroy();
  }

  async text(req: RawRequest): Promise<TextResponse> {
    let res: AxiosResponse<unknown>;
    try {
      res = await this.send(req, 'text', req.timeoutMs ?? this.timeoutMs, true);
    } catch (e) {
      // A pooled keep-alive connection the server already closed fails at once with a reset. Reads are retried
      // once on a fresh connection; writes are not (a retried compare-and-set could report a false conflict).
      if (!(req.method === 'GET' || req.method === 'HEAD') || !isStaleConnection(e) || req.signal?.aborted) throw e;
      this.log.debug(`${req.method} ${redactUrl(req.url)}: connection reset, retrying once`);
      res = await this.send(req, 'text', req.timeoutMs ?? this.timeoutMs, true);
    }
    return { status: res.status, headers: flatHeaders(res.headers), body: typeof res.data === 'string' ? res.data : '' };
  }

  /** Opens a streaming response; the timeout covers connecting and receiving the headers only. */
  async stream(req: RawRequest): Promise<StreamResponse> {
    const res = await this.send(req, 'stream', req.timeoutMs ?? this.connectTimeoutMs, false);
    return { status: res.status, headers: flatHeaders(res.headers), stream: res.data as Readable };
  }

  /** Reads at most `limit` characters of an error stream's body, then drops the stream. */
  async drain(stream: Readable, limit = 64 * 1024): Promise<string> {
    let out = '';
    try {
      for await (const chunk of stream) {
        out += String(chunk);
        if (out.length >= limit) break;
      }
    } catch {
      // A cut error body is still an error; what we have is enough.
    } finally {
      stream.destroy();
    }
    return out.slice(0, limit);
  }

  scrub(text: string): string {
    return scrubSecrets(text, this.secrets);
  }

  private async send(req: RawRequest, responseType: 'text' | 'stream', timeoutMs: number, timeoutWholeCall: boolean): Promise<AxiosResponse<unknown>> {
    const ctrl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, timeoutMs);
    const onCallerAbort = (): void => ctrl.abort();
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    if (req.signal?.aborted) ctrl.abort();
    const where = `${req.method} ${redactUrl(req.url)}`;
    this.log.debug(where);
    try {
      const res = await this.axios.request({
        method: req.method,
        url: req.url,
        headers: { ...this.headers, ...req.headers },
        data: req.body,
        responseType,
        signal: ctrl.signal,
      });
      if (!timeoutWholeCall) clearTimeout(timer);
      return res;
    } catch (e) {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
      throw this.networkError(e, req, where, timedOut, timeoutMs);
    } finally {
      // A stream stays linked to the caller's signal so that aborting it also ends the open body.
      if (timeoutWholeCall) {
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onCallerAbort);
      }
    }
  }

  private networkError(e: unknown, req: RawRequest, where: string, timedOut: boolean, timeoutMs: number): NamerdError {
    const code = (e as { code?: string }).code ?? '';
    const raw = this.scrub(e instanceof Error ? e.message : String(e));
    // Only the error code travels as the cause: axios errors hold the request config, headers included.
    const base = { method: req.method, url: redactUrl(req.url), cause: code ? { code } : undefined };
    if (timedOut) {
      return new NamerdError({ ...base, kind: 'timeout', message: `namerd did not answer ${where} within ${timeoutMs} ms`, hint: 'Check that namerd is up and reachable, or raise the timeout' });
    }
    if (req.signal?.aborted || code === 'ERR_CANCELED') {
      return new NamerdError({ ...base, kind: 'aborted', message: `${where} was cancelled` });
    }
    if (TLS_CODES.has(code) || /certificate|SSL|TLS/i.test(raw)) {
      return new NamerdError({ ...base, kind: 'tls', message: `TLS with ${this.baseUrl} failed: ${raw}`, hint: 'Check the CA file, the client certificate and the server name; use an http:// URL if namerd does not serve TLS' });
    }
    if (UNREACHABLE_CODES.has(code) || code === '') {
      this.log.warn(`${where}: ${raw}`);
      return new NamerdError({ ...base, kind: 'unreachable', message: `Cannot reach namerd at ${this.baseUrl} (${code || raw})`, hint: 'Check the base URL and that namerd\'s io.l5d.httpController interface is listening (default port 4180)' });
    }
    if (code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED' || code === 'ERR_BAD_RESPONSE') {
      return new NamerdError({ ...base, kind: 'bad-response', message: `namerd's answer to ${where} was unusable: ${raw}` });
    }
    return new NamerdError({ ...base, kind: 'unreachable', message: `${where} failed: ${raw} (${code})`, hint: 'Check the connection to namerd' });
  }
}

function isStaleConnection(e: unknown): boolean {
  const code = e instanceof NamerdError ? (e.cause as { code?: string } | undefined)?.code : undefined;
  return e instanceof NamerdError && e.kind === 'unreachable' && (code === 'ECONNRESET' || code === 'EPIPE');
}

function makeTlsAgent(settings: NamerdEndpointSettings, log: NamerdLogger): https.Agent {
  const tls = settings.tls ?? {};
  const read = (file: string | undefined, what: string): Buffer | undefined => {
    if (!file) return undefined;
    try {
      return readFileSync(file);
    } catch (e) {
      throw new NamerdError({ kind: 'invalid-argument', message: `Cannot read the TLS ${what} file ${file}: ${(e as Error).message}`, hint: 'Fix the path in the namerd endpoint settings' });
    }
  };
  if (tls.insecureSkipVerify) log.warn(`TLS certificate verification is OFF for ${settings.baseUrl.replace(/\/\/[^@/]*@/, '//')}`);
  return new https.Agent({
    keepAlive: true,
    ca: read(tls.caFile, 'CA'),
    cert: read(tls.certFile, 'client certificate'),
    key: read(tls.keyFile, 'client key'),
    passphrase: tls.keyPassphrase,
    servername: tls.serverName,
    rejectUnauthorized: !tls.insecureSkipVerify,
  });
}

function flatHeaders(h: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (h && typeof h === 'object') {
    for (const [k, v] of Object.entries(h as Record<string, unknown>)) {
      out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? undefined : String(v);
    }
  }
  return out;
}
