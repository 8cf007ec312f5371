// Building namerd request URLs (namerd-http-api.md §1.1, §1.2). The namespace segment is taken literally by namerd
// (never percent-decoded), so it is sent as-is and characters that cannot travel unencoded are refused. Query values
// ARE decoded by namerd, so `path` and `dtab` are percent-encoded (`#` → %23, `&` → %26, `|` → %7C, space → %20).

import { NamerdError } from './errors.js';

/** Characters a namespace may contain and still reach namerd byte-for-byte (RFC 3986 pchar plus `/`, minus `%`). */
const NAMESPACE_CHARS = /^[A-Za-z0-9._~!$&'()*+,;=:@/-]+$/;

export function checkNamespace(namespace: string): void {
  const dotSegment = namespace.split('/').some((s) => s === '.' || s === '..');
  if (!NAMESPACE_CHARS.test(namespace) || dotSegment) {
    throw new NamerdError({
      kind: 'invalid-argument',
      message: `Namespace ${JSON.stringify(namespace)} cannot be sent to namerd`,
      hint: 'namerd reads the namespace from the raw URL path; use letters, digits and - _ . (no spaces, %, ? or #, no . or .. segments)',
    });
  }
}

export function normaliseBaseUrl(baseUrl: string): URL {
  let u: URL;
  try {
    u = new URL(baseUrl);
  } catch {
    throw new NamerdError({
      kind: 'invalid-argument',
      message: 'The namerd base URL is not a valid URL',
      hint: 'Give it as http://host:4180 or https://host/prefix',
    });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new NamerdError({ kind: 'invalid-argument', message: `Unsupported scheme ${u.protocol} in the namerd base URL`, hint: 'Use http:// or https://' });
  }
  if (u.search || u.hash) {
    throw new NamerdError({ kind: 'invalid-argument', message: 'The namerd base URL must not have a query or fragment', hint: 'Remove everything after ? or #' });
  }
  return u;
}

export type QueryValue = string | undefined;

/** `<base>/api/1/<route>[/<namespace>]?k=v...` with the namespace raw and query values percent-encoded. */
export function apiUrl(base: URL, route: string, namespace?: string, query: Readonly<Record<string, QueryValue>> = {}): string {
  // The URL keeps at least `/` as its path; a proxy prefix is used without its trailing slash.
  let path = `${base.pathname.replace(/\/+$/, '')}/api/1/${route}`;
  if (namespace !== undefined) {
    checkNamespace(namespace);
    path += `/${namespace}`;
  }
  const pairs = Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return `${base.origin}${path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}
