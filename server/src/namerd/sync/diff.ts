// Per-dentry differences between canonical dtabs. Order matters in a dtab (the last matching dentry wins), so this
// is a sequence diff (jsdiff's Myers diff over `prefix=>dst` strings), not a set difference. A removal and an
// addition of the same prefix at the same place are reported as one `changed` entry.

import { diffArrays } from 'diff';
import { dentryText, type CanonicalDentry } from './canonical.js';

export type DentryChange =
  | { readonly kind: 'unchanged'; readonly before: CanonicalDentry; readonly after: CanonicalDentry }
  | { readonly kind: 'added'; readonly after: CanonicalDentry }
  | { readonly kind: 'removed'; readonly before: CanonicalDentry }
  | { readonly kind: 'changed'; readonly before: CanonicalDentry; readonly after: CanonicalDentry };

/** Edit scripts longer than this, or searches slower than this, fall back to "remove all, add all". */
const MAX_EDIT_LENGTH = 1_000;
const MAX_DIFF_MS = 250;

export function diffDentries(before: readonly CanonicalDentry[], after: readonly CanonicalDentry[]): DentryChange[] {
  const a = before.map(dentryText);
  const b = after.map(dentryText);
  const parts = diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH, timeout: MAX_DIFF_MS }) ?? [
    { value: a, removed: true, added: false, count: a.length },
    { value: b, removed: false, added: true, count: b.length },
  ];
  const out: DentryChange[] = [];
  let i = 0;
  let j = 0;
  let removed: CanonicalDentry[] = [];
  const flushRemoved = (): void => {
    for (const d of removed) out.push({ kind: 'removed', before: d });
    removed = [];
  };
  for (const part of parts) {
    const n = part.value.length;
    if (part.removed) {
      removed = before.slice(i, i + n);
      i += n;
    } else if (part.added) {
      const added = after.slice(j, j + n);
      j += n;
      pairChanges(removed, added, out);
      removed = [];
    } else {
      flushRemoved();
      for (let k = 0; k < n; k++) out.push({ kind: 'unchanged', before: before[i + k]!, after: after[j + k]! });
      i += n;
      j += n;
    }
  }
  flushRemoved();
  return out;
}

/** Removed and added runs at the same place: same prefix in order becomes `changed`, the rest stays as is. */
function pairChanges(removed: readonly CanonicalDentry[], added: readonly CanonicalDentry[], out: DentryChange[]): void {
  // How many dentries with each prefix are still to come on the added side (keeps this linear).
  const pendingAdded = new Map<string, number>();
  for (const d of added) pendingAdded.set(d.prefix, (pendingAdded.get(d.prefix) ?? 0) + 1);
  const take = (d: CanonicalDentry): void => void pendingAdded.set(d.prefix, pendingAdded.get(d.prefix)! - 1);
  let r = 0;
  let a = 0;
  while (r < removed.length || a < added.length) {
    const rd = removed[r];
    const ad = added[a];
    if (rd && ad && rd.prefix === ad.prefix) {
      out.push({ kind: 'changed', before: rd, after: ad });
      take(ad);
      r++;
      a++;
    } else if (rd && !pendingAdded.get(rd.prefix)) {
      out.push({ kind: 'removed', before: rd });
      r++;
    } else if (ad) {
      out.push({ kind: 'added', after: ad });
      take(ad);
      a++;
    } else {
      out.push({ kind: 'removed', before: rd! });
      r++;
    }
  }
}

export function hasChanges(changes: readonly DentryChange[]): boolean {
  return changes.some((c) => c.kind !== 'unchanged');
}

/** Counts per kind, for one-line summaries. */
export function summarise(changes: readonly DentryChange[]): { added: number; removed: number; changed: number; unchanged: number } {
  const s = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const c of changes) s[c.kind]++;
  return s;
}

/**
 * What each side did since a common base, for a conflict report. `base` is unknown when the local file carries no
 * recorded base; then only theirs-vs-yours can be shown.
 */
export interface ThreeWayDiff {
  readonly baseVersion?: string;
  readonly theirVersion: string;
  readonly base?: readonly CanonicalDentry[];
  readonly theirs: readonly CanonicalDentry[];
  readonly yours: readonly CanonicalDentry[];
  /** base → theirs (absent without a base). */
  readonly theirChanges?: readonly DentryChange[];
  /** base → yours, or theirs → yours without a base. */
  readonly yourChanges: readonly DentryChange[];
  /** Prefixes both sides touched: the places that need a human decision. */
  readonly overlapping: readonly string[];
}

export function threeWayDiff(
  base: readonly CanonicalDentry[] | undefined,
  theirs: readonly CanonicalDentry[],
  yours: readonly CanonicalDentry[],
  versions: { baseVersion?: string; theirVersion: string },
): ThreeWayDiff {
  if (!base) {
    return { ...versions, theirs, yours, yourChanges: diffDentries(theirs, yours), overlapping: [] };
  }
  const theirChanges = diffDentries(base, theirs);
  const yourChanges = diffDentries(base, yours);
  const touched = (cs: readonly DentryChange[]): Set<string> =>
    new Set(cs.filter((c) => c.kind !== 'unchanged').map((c) => (c.kind === 'added' ? c.after.prefix : c.before.prefix)));
  const mine = touched(yourChanges);
  const overlapping = [...touched(theirChanges)].filter((p) => mine.has(p));
  return { ...versions, base, theirs, yours, theirChanges, yourChanges, overlapping };
}
