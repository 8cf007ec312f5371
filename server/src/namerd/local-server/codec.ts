// namerd's two dtab codecs and its media-type rules (namerd-http-api.md §1.4, §1.5).

import type { Dentry, Dtab } from '../../core/dtab/ast.js';
import { readDtab, readNameTree, readPrefix } from '../../core/dtab/parse.js';
import { showDtab, showNameTree, showPrefix } from '../../core/dtab/show.js';

export type MediaType = 'application/json' | 'application/dtab' | 'text/plain';
const MEDIA_TYPES: ReadonlySet<string> = new Set(['application/json', 'application/dtab', 'text/plain']);

/** Accept: split on `,`, drop `;params`, lowercase, first known type wins, q-values ignored; default JSON. */
export function responseMediaType(accept: string | undefined): MediaType {
  for (const part of (accept ?? '').split(',')) {
    const t = (part.split(';')[0] ?? '').trim().toLowerCase();
    if (MEDIA_TYPES.has(t)) return t as MediaType;
  }
  return 'application/json';
}

/** The request codec from Content-Type (parameters stripped), or undefined when it names none. */
export function requestMediaType(contentType: string | undefined): MediaType | undefined {
  const t = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return MEDIA_TYPES.has(t) ? (t as MediaType) : undefined;
}

export function encodeDtab(dtab: Dtab, type: MediaType): string {
  if (type === 'application/json') {
    return JSON.stringify(dtab.map((d) => ({ prefix: showPrefix(d.prefix), dst: showNameTree(d.dst) })));
  }
  return showDtab(dtab);
}

export type DecodeResult =
  | { readonly ok: true; readonly dtab: Dtab }
  /** `message`: the text parser's message (PUT echoes it); `nullEntry`: the JSON had a null dentry. */
  | { readonly ok: false; readonly message?: string; readonly nullEntry?: boolean };

export function decodeDtab(body: string, type: MediaType): DecodeResult {
  if (type !== 'application/json') {
    const r = readDtab(body);
    return r.ok ? { ok: true, dtab: r.value } : { ok: false, message: r.message };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false };
  }
  if (!Array.isArray(json)) return { ok: false };
  const dtab: Dentry[] = [];
  for (const e of json) {
    if (e === null) return { ok: false, nullEntry: true };
    // Jackson's defaults: unknown fields fail; both fields must be strings that parse.
    if (typeof e !== 'object' || Array.isArray(e) || Object.keys(e).some((k) => k !== 'prefix' && k !== 'dst')) return { ok: false };
    const { prefix, dst } = e as { prefix?: unknown; dst?: unknown };
    if (typeof prefix !== 'string' || typeof dst !== 'string') return { ok: false };
    const p = readPrefix(prefix);
    const t = readNameTree(dst);
    if (!p.ok || !t.ok) return { ok: false };
    dtab.push({ prefix: p.value, dst: t.value });
  }
  return { ok: true, dtab };
}
