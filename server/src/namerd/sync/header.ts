// The header a pulled file carries, so a later push knows where the file came from and which version it edits.
//
// Format (the first comment lines of the file, before any dentry; namerd and the parser treat them as comments):
//
//   # namerd: endpoint=http://127.0.0.1:4180 namespace=default version=AAAAAAAAAAE=
//   # namerd-base: /svc=>/#/io.l5d.fs;/host=>/svc
//
// - Line 1 is `# namerd:` then space-separated `key=value` pairs. Keys: `endpoint` (the base URL, credentials
//   removed), `namespace`, `version` (namerd's opaque ETag, sent back unchanged as If-Match). Values are
//   percent-encoded when they contain a space or `%`. Unknown keys are ignored, so the format can grow.
// - Line 2 (optional) is `# namerd-base:` then the dtab exactly as namerd served it at `version`, in the text codec
//   form (`prefix=>dst;...`). It is only used to show a three-way difference (base, theirs, yours) when the push
//   finds namerd has moved on, and to let a push go ahead when namerd's content is unchanged despite a new version.
// Editing the body of the file never needs touching the header; a successful push rewrites it with the new version.

import type { CommentNode } from '../../core/dtab/ast.js';
import { readDtab } from '../../core/dtab/parse.js';
import { redactUrl } from '../client/redact.js';
import { canonicalFromDtab, dtabText, type CanonicalDentry } from './canonical.js';

export interface SyncHeader {
  readonly endpoint?: string;
  readonly namespace?: string;
  readonly version?: string;
  /** The dtab at `version`, when the header recorded it. */
  readonly base?: readonly CanonicalDentry[];
}

const HEADER_TAG = 'namerd:';
const BASE_TAG = 'namerd-base:';

function encodeValue(v: string): string {
  return /[\s%]/.test(v) ? v.replace(/[\s%]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')) : v;
}

function decodeValue(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** The header lines (each ending in `\n`) for a dtab pulled from `endpoint`/`namespace` at `version`. */
export function formatHeader(h: { endpoint: string; namespace: string; version: string; base: readonly CanonicalDentry[] }): string {
  const pairs = [`endpoint=${encodeValue(redactUrl(h.endpoint).replace(/\/+$/, ''))}`, `namespace=${encodeValue(h.namespace)}`, `version=${encodeValue(h.version)}`];
  return `# ${HEADER_TAG} ${pairs.join(' ')}\n# ${BASE_TAG} ${dtabText(h.base)}\n`;
}

function commentBody(c: CommentNode): string {
  return c.text.replace(/^#/, '').trim();
}

/** Header comments are the ones before the first dentry. */
function leadingComments(comments: readonly CommentNode[], firstDentryStart: number | undefined): CommentNode[] {
  return comments.filter((c) => firstDentryStart === undefined || c.span.start < firstDentryStart);
}

/** Reads the header from a parsed file's comments; fields that are absent or unreadable are left undefined. */
export function parseHeader(comments: readonly CommentNode[], firstDentryStart?: number): SyncHeader {
  let header: { endpoint?: string; namespace?: string; version?: string; base?: CanonicalDentry[] } = {};
  for (const c of leadingComments(comments, firstDentryStart)) {
    const body = commentBody(c);
    if (body.startsWith(HEADER_TAG)) {
      for (const pair of body.slice(HEADER_TAG.length).trim().split(/\s+/)) {
        const eq = pair.indexOf('=');
        if (eq <= 0) continue;
        const key = pair.slice(0, eq);
        const value = decodeValue(pair.slice(eq + 1));
        if (key === 'endpoint' || key === 'namespace' || key === 'version') header = { ...header, [key]: value };
      }
    } else if (body.startsWith(BASE_TAG)) {
      const parsed = readDtab(body.slice(BASE_TAG.length).trim());
      if (parsed.ok) header.base = canonicalFromDtab(parsed.value);
    }
  }
  return header;
}

/** True for the comments that belong to the header (they are not user comments namerd would drop). */
export function isHeaderComment(c: CommentNode): boolean {
  const body = commentBody(c);
  return body.startsWith(HEADER_TAG) || body.startsWith(BASE_TAG);
}

/**
 * `text` with its header replaced by (or, when it has none, prefixed with) `header`. Only leading header lines are
 * touched, so the user's own comments and layout stay as they were.
 */
export function replaceHeader(text: string, header: string): string {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && /^\s*#\s*(namerd:|namerd-base:)/.test(lines[i]!)) i++;
  return header + lines.slice(i).join('\n');
}
