// The one way this package writes an existing namespace: PUT with If-Match, then read back and compare.
// namerd answers a write with 204 and no ETag, so the read-back is how we learn (and check) the new version.

import { isNamerdError } from '../client/errors.js';
import type { CallOptions, NamerdApi } from '../client/types.js';
import { normaliseDentries, sameDentries, type CanonicalDentry } from './canonical.js';

export type CasResult =
  /** The write landed. `verified` is false when the read-back already shows someone else's later write. */
  | { readonly kind: 'written'; readonly verified: boolean; readonly version: string; readonly dentries: readonly CanonicalDentry[] }
  /** 412: the dtab is no longer at `ifMatch`; nothing was written. `current` is what namerd has now. */
  | { readonly kind: 'conflict'; readonly version: string; readonly current: readonly CanonicalDentry[] }
  | { readonly kind: 'not-found' };

export async function readCanonical(api: NamerdApi, namespace: string, opts: CallOptions = {}): Promise<{ version: string; dentries: CanonicalDentry[] }> {
  const d = await api.getDtab(namespace, opts);
  return { version: d.version, dentries: normaliseDentries(d.dentries) };
}

/** Writes `next` over the version `ifMatch` (compare-and-set) and reads the namespace back. */
export async function casWrite(
  api: NamerdApi,
  namespace: string,
  next: readonly CanonicalDentry[],
  ifMatch: string,
  opts: CallOptions = {},
): Promise<CasResult> {
  try {
    await api.updateDtab(namespace, { format: 'json', dentries: next }, { ...opts, ifMatch, learnVersion: false });
  } catch (e) {
    if (!isNamerdError(e)) throw e;
    if (e.kind === 'not-found') return { kind: 'not-found' };
    if (e.kind !== 'version-conflict') throw e;
    const now = await readCanonical(api, namespace, opts);
    return { kind: 'conflict', version: now.version, current: now.dentries };
  }
  const after = await readCanonical(api, namespace, opts);
  return { kind: 'written', verified: sameDentries(after.dentries, next), version: after.version, dentries: after.dentries };
}
