// Typed client errors. Each kind says what went wrong and what to do; `hint` is written for the user.
// URLs in errors carry no credentials and header values never appear (see redact.ts).

export type NamerdErrorKind =
  /** Connection refused, DNS failure, connection reset before a response. */
  | 'unreachable'
  /** No response (or no stream headers) within the timeout. */
  | 'timeout'
  /** TLS handshake or certificate verification failed. */
  | 'tls'
  /** 404: the namespace (or route) does not exist. */
  | 'not-found'
  /** 409 on create: the namespace already exists. */
  | 'already-exists'
  /** 412 on compare-and-set: someone changed the dtab since `ifMatch` was read. */
  | 'version-conflict'
  /** 400 on a dtab write or a bad `dtab` parameter: namerd's parser message is in `detail` when it gave one. */
  | 'bad-dtab'
  /** 400 `Invalid path: ...` on a name query. */
  | 'bad-path'
  /** Any other 400 (e.g. a bad Content-Type, a malformed delegation request). */
  | 'bad-request'
  /** 403 (ZooKeeper NoAuth in namerd's store). */
  | 'forbidden'
  /** 415 (POST delegate with a non-JSON content type). */
  | 'unsupported-media-type'
  /** 500: namerd failed (store error, missing path, bind failure); its body is usually empty. */
  | 'server-error'
  /** 503 (`Request timed out.` from delegate) or a proxy's 502/504. */
  | 'unavailable'
  /** 501: the interpreter cannot delegate. */
  | 'not-implemented'
  /** A status or body namerd never sends (a proxy in the way, garbage JSON). */
  | 'bad-response'
  /** A watch stream reported an error line, or was cut mid-document. */
  | 'stream-error'
  /** The caller aborted the request. */
  | 'aborted'
  /** The caller passed something the client refuses to send (empty namespace, bad base URL). */
  | 'invalid-argument';

export interface NamerdErrorInit {
  readonly kind: NamerdErrorKind;
  readonly message: string;
  readonly hint?: string;
  readonly status?: number;
  /** namerd's response body (text), when it had one: a parser message, `Invalid path: ...`. */
  readonly detail?: string;
  readonly method?: string;
  /** The request URL without credentials. */
  readonly url?: string;
  readonly cause?: unknown;
}

export class NamerdError extends Error {
  readonly kind: NamerdErrorKind;
  readonly hint?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly method?: string;
  readonly url?: string;

  constructor(init: NamerdErrorInit) {
    super(init.hint ? `${init.message}. ${init.hint}` : init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'NamerdError';
    this.kind = init.kind;
    this.hint = init.hint;
    this.status = init.status;
    this.detail = init.detail;
    this.method = init.method;
    this.url = init.url;
  }
}

export function isNamerdError(e: unknown): e is NamerdError {
  return e instanceof NamerdError;
}
