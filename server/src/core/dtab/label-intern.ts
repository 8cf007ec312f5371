// One shared copy of each label string the parsers put into values. Real dtabs repeat a few labels (`svc`, `#`,
// `io.l5d.k8s`, `$`, `inet`, ports) across thousands of dentries; interning keeps one string per distinct label,
// so the values a checker memoises hold far fewer objects and the garbage collector copies far less of them.
// Labels are immutable strings, so sharing them is invisible to callers. Pure.

/** Distinct labels kept before the table starts afresh (a bound on its memory; correctness never depends on it). */
const MAX_LABELS = 65_536;

/** Substrings shorter than this are copies in V8; longer ones may be slices that keep their whole source alive. */
const SHORT_STRING = 13;

let table = new Map<string, string>();

/**
 * The shared copy of `label`. A new label is stored as a string of its own (not a slice of the document it came
 * from), so the table never keeps a document alive.
 */
export function internLabel(label: string): string {
  const hit = table.get(label);
  if (hit !== undefined) return hit;
  if (table.size >= MAX_LABELS) table = new Map();
  const own = label.length < SHORT_STRING ? label : detachString(label);
  table.set(own, own);
  return own;
}

/**
 * `s` as a string of its own. A slice (and every substring split off it) may keep its whole source alive;
 * concatenation makes a new string that is copied flat when first hashed or sliced.
 */
export function detachString(s: string): string {
  return (' ' + s).slice(1);
}
