// One shared copy of each label string the parsers put into values. Real dtabs repeat a few labels (`svc`, `#`,
// `io.l5d.k8s`, `$`, `inet`, ports) across thousands of dentries; interning keeps one string per distinct label,
// so the values a checker memoises hold far fewer objects and the garbage collector copies far less of them.
// A label is looked up straight from the text it is written in (hashed while it is scanned), so a label seen
// before costs no allocation at all. Labels are immutable strings: sharing them is invisible to callers. Pure.

import { FNV_OFFSET, fnvStep } from './fnv.js';

/** Slots of the open-addressing table (a power of two); it starts afresh when half full (a bound on its memory). */
const SLOTS = 1 << 15;
const MASK = SLOTS - 1;
const MAX_LABELS = SLOTS >> 1;

/** Substrings shorter than this are copies in V8; longer ones may be slices that keep their whole source alive. */
const SHORT_STRING = 13;

let labels: (string | undefined)[] = new Array(SLOTS);
const hashes = new Int32Array(SLOTS);
let count = 0;

/**
 * The shared copy of the label written at text[start, end), whose chars hash (fnvStep per char from FNV_OFFSET)
 * to `hash`. A new label is stored as a string of its own (not a slice of the document it came from), so the table
 * never keeps a document alive.
 */
export function internRange(text: string, start: number, end: number, hash: number): string {
  const length = end - start;
  for (let i = hash & MASK; ; i = (i + 1) & MASK) {
    const known = labels[i];
    if (known === undefined) break;
    if (hashes[i] === hash && known.length === length && text.startsWith(known, start)) return known;
  }
  if (count >= MAX_LABELS) {
    labels = new Array(SLOTS);
    count = 0;
  }
  const slice = text.slice(start, end);
  const own = length < SHORT_STRING ? slice : flatCopy(slice);
  let i = hash & MASK;
  while (labels[i] !== undefined) i = (i + 1) & MASK;
  labels[i] = own;
  hashes[i] = hash;
  count++;
  return own;
}

/**
 * A flat string of its own with the chars of `s`. Not `detachString`, whose result is a slice of a copy: the checks
 * read a label's chars many times (hosts, ports, namer names), and a slice's chars are slower to read. JSON's round
 * trip builds a new sequential string; it runs once per distinct label.
 */
function flatCopy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/** The shared copy of `label`. */
export function internLabel(label: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < label.length; i++) hash = fnvStep(hash, label.charCodeAt(i));
  return internRange(label, 0, label.length, hash);
}

/**
 * `s` as a string of its own. A slice (and every substring split off it) may keep its whole source alive;
 * concatenation makes a new string that is copied flat when first hashed or sliced.
 */
export function detachString(s: string): string {
  return (' ' + s).slice(1);
}
