// Canonical dentry lists: the form namerd stores and serves (Finagle `show`), so that comments, whitespace and
// weight spelling never show up as changes. Local files and namerd answers are both brought to this form.

import type { Dtab, DtabDocument } from '../../core/dtab/ast.js';
import { readNameTree, readPrefix, toDtab } from '../../core/dtab/parse.js';
import { showNameTree, showPrefix } from '../../core/dtab/show.js';
import type { DentryJson } from '../wire.js';

/** One dentry in canonical text form (`{"prefix":"/svc","dst":"/#/io.l5d.fs"}`), as in namerd's JSON codec. */
export type CanonicalDentry = DentryJson;

/** The error-free dentries of a parsed local file, printed the way namerd would print them. */
export function canonicalFromDocument(doc: DtabDocument): CanonicalDentry[] {
  return canonicalFromDtab(toDtab(doc));
}

export function canonicalFromDtab(dtab: Dtab): CanonicalDentry[] {
  return dtab.map((d) => ({ prefix: showPrefix(d.prefix), dst: showNameTree(d.dst) }));
}

/**
 * Re-prints one dentry received from namerd with our printer. For a real namerd this is the identity, but it
 * also absorbs lossy round trips (a stored weight of `1.00` reads back as weight 1.0 and prints as `/a`). Entries we cannot
 * parse are kept verbatim so nothing is silently dropped.
 */
export function normaliseDentry(d: DentryJson): CanonicalDentry {
  const prefix = readPrefix(d.prefix);
  const dst = readNameTree(d.dst);
  return {
    prefix: prefix.ok ? showPrefix(prefix.value) : d.prefix,
    dst: dst.ok ? showNameTree(dst.value) : d.dst,
  };
}

export function normaliseDentries(ds: readonly DentryJson[]): CanonicalDentry[] {
  return ds.map(normaliseDentry);
}

/** `prefix=>dst`, the unit compared by diffs. */
export function dentryText(d: DentryJson): string {
  return `${d.prefix}=>${d.dst}`;
}

/** namerd's text codec form: entries joined by `;`, no spaces around `=>`, no trailing `;`. */
export function dtabText(ds: readonly DentryJson[]): string {
  return ds.map(dentryText).join(';');
}

export function sameDentries(a: readonly DentryJson[], b: readonly DentryJson[]): boolean {
  return a.length === b.length && a.every((d, i) => d.prefix === b[i]!.prefix && d.dst === b[i]!.dst);
}

