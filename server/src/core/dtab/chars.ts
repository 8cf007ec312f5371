// Character classes of the dtab language (spec §1.2), as char-code tests.

/** SHOWABLE: exactly `0-9 A-Z a-z` and `_ : . # $ % -` (69 ASCII characters; gotcha G3). Indexed by char code. */
export const SHOWABLE: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let c = 0x30; c <= 0x39; c++) t[c] = 1;
  for (let c = 0x41; c <= 0x5a; c++) t[c] = 1;
  for (let c = 0x61; c <= 0x7a; c++) t[c] = 1;
  for (const ch of '_:.#$%-') t[ch.charCodeAt(0)] = 1;
  return t;
})();

export function isShowable(c: number): boolean {
  return c < 128 && SHOWABLE[c] === 1;
}

/** HEX digits, either case (the `x` of an escape must be lowercase, the digits need not). */
export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

/**
 * Java's `Character.isWhitespace` (JDK 17): U+0009–U+000D, U+001C–U+001F, U+0020, U+1680, U+2000–U+2006,
 * U+2008–U+200A, U+2028, U+2029, U+205F, U+3000. Not NBSP (U+00A0), U+2007, U+202F, U+0085 or U+FEFF (gotcha G7).
 */
export function isJavaWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x1680) return false;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x2006) ||
    (c >= 0x2008 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Unicode decimal digits (general category Nd), as Java's `Character.isDigit` for a UTF-16 char. */
const ND = /^\p{Nd}$/u;
export function isJavaDigit(c: number): boolean {
  if (c < 128) return c >= 0x30 && c <= 0x39;
  // Surrogates are not digits as single chars.
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return ND.test(String.fromCharCode(c));
}

export function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Lowercase hex of a byte, two chars. */
export const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
