// Finding and rewriting the one dentry a shift owns. Pure functions over canonical dentry lists.

import type { CanonicalDentry } from '../sync/canonical.js';

/** Index of the LAST dentry whose prefix is exactly `prefix` (the one namerd's lookup tries first), or -1. */
export function targetIndex(dentries: readonly CanonicalDentry[], prefix: string): number {
  for (let i = dentries.length - 1; i >= 0; i--) if (dentries[i]!.prefix === prefix) return i;
  return -1;
}

/** The current dst of the shifted dentry, or undefined when no dentry has the prefix. */
export function targetDst(dentries: readonly CanonicalDentry[], prefix: string): string | undefined {
  const i = targetIndex(dentries, prefix);
  return i < 0 ? undefined : dentries[i]!.dst;
}

/** A copy with only the target's dst replaced; every other entry is the same object, in the same order. */
export function withTargetDst(dentries: readonly CanonicalDentry[], prefix: string, dst: string): CanonicalDentry[] | undefined {
  const i = targetIndex(dentries, prefix);
  if (i < 0) return undefined;
  return dentries.map((d, k) => (k === i ? { prefix: d.prefix, dst } : d));
}
