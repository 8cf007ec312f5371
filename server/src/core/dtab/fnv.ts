// FNV-1a, 32 bits: the one hash the engine uses for labels, prefixes and dentries (label interning, the prefix
// indexes, duplicate detection). Pure.

/** The offset basis: the hash of nothing. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
/** The 32-bit FNV prime. */
export const FNV_PRIME = 0x01000193;

/** One FNV-1a step: `hash` continued with the code `n` (a char code, or a separator code above 0xff). */
export function fnvStep(hash: number, n: number): number {
  return Math.imul(hash ^ n, FNV_PRIME);
}
