// Text views of labels for the namers: Finagle's `Path.Utf8` decodes every element as UTF-8, and Java's
// `Integer.parseInt` decides what an "int" element is (§5.3). Pure.

// The UTF-8 text of a label and back live with the printer; the namers know them by these names.
export { labelToUtf8 as labelText, labelFromUtf8 as textLabel } from './show.js';

/**
 * Java `Integer.parseInt` (what Scala's `s.toInt` calls): an optional sign, then decimal digits, within 32-bit
 * range. (Java also accepts non-ASCII Unicode digits; a label can only hold them as escaped UTF-8 bytes, and we
 * do not model that.)
 */
export function javaParseInt(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  if (n < -2147483648 || n > 2147483647) return undefined;
  return n === 0 ? 0 : n;
}
