// Where is the cursor in a (possibly incomplete) block-YAML config? Completion runs while the user types, when the
// text is often not valid YAML, so this works on lines and indentation. Every line is split into entries (`- `
// markers and `key:`s with their columns); walking upward from the cursor, an entry left of the current column
// opens an enclosing block. For each block we collect its keys and discriminator values (`kind`, `protocol`) so the
// schema can pick the right kind at every level.

export interface PathStep {
  /** A key (`client`) or a list item (`[]`). */
  readonly key: string;
  /** Scalar `kind` / `protocol` / `label` values written in the block this step opens. */
  readonly facts: Readonly<Record<string, string>>;
}

export type CursorTarget =
  | { readonly t: 'key'; readonly word: string; readonly span: { start: number; end: number } }
  | { readonly t: 'value'; readonly key: string; readonly word: string; readonly span: { start: number; end: number } };

export interface CursorContext {
  /** Enclosing keys and list items from the top of the document to the cursor's block. */
  readonly path: readonly PathStep[];
  /** Keys already written in the cursor's block. */
  readonly siblings: readonly string[];
  readonly at: CursorTarget;
}

interface Entry {
  col: number;
  dash?: true;
  key?: string;
  value?: string;
}

interface Line {
  start: number;
  text: string;
  entries: Entry[];
}

const FACT_KEYS = new Set(['kind', 'protocol', 'label']);
const KEY_RE = /^("[^"]*"|'[^']*'|[^\s:#'"\-[{][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+|$)(.*)$/;

function parseEntries(text: string): Entry[] {
  const entries: Entry[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ') i++;
    if (text[i] === '-' && (text[i + 1] === ' ' || i + 1 === text.length)) {
      entries.push({ col: i, dash: true });
      i++;
      continue;
    }
    break;
  }
  if (i >= text.length || text[i] === '#') return entries;
  const m = KEY_RE.exec(text.slice(i));
  if (m) {
    const value = m[2]!.replace(/(^|\s)#.*$/, '').trim();
    entries.push({ col: i, key: unquote(m[1]!), value: unquote(value) });
  } else entries.push({ col: i });
  return entries;
}

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let s = 0;
  for (;;) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    const t = text.slice(s, e).replace(/\r$/, '');
    out.push({ start: s, text: t, entries: parseEntries(t) });
    if (e >= text.length) break;
    s = e + 1;
  }
  return out;
}

const isBlockScalarHeader = (v: string | undefined): boolean => v !== undefined && /^[|>][-+0-9]*$/.test(v);

/** Keys and facts of the block opened by entry `ei` of line `li` (or the whole document for li = -1). */
function blockOpenedBy(lines: Line[], li: number, ei: number): { facts: Record<string, string>; keys: string[] } {
  const facts: Record<string, string> = {};
  const keys: string[] = [];
  let contentCol = -1;
  const openerCol = li >= 0 ? lines[li]!.entries[ei]!.col : -1;
  const visit = (e: Entry): void => {
    if (e.key !== undefined && e.col === contentCol) {
      keys.push(e.key);
      if (FACT_KEYS.has(e.key) && e.value) facts[e.key] = e.value;
    }
  };
  if (li >= 0) {
    const rest = lines[li]!.entries.slice(ei + 1);
    if (rest.length) {
      contentCol = rest[0]!.col;
      rest.forEach(visit);
    }
  }
  for (let i = li + 1; i < lines.length; i++) {
    const es = lines[i]!.entries;
    if (es.length === 0) continue;
    const first = es[0]!;
    if (contentCol < 0) contentCol = first.col;
    if (first.col < contentCol || first.col <= openerCol) break;
    es.forEach(visit);
  }
  return { facts, keys };
}

export function locateCursor(text: string, offset: number): CursorContext | undefined {
  if (/^\s*\{/.test(text)) return undefined; // JSON configs get no line-based help
  const lines = splitLines(text);
  let li = lines.findIndex((l) => offset >= l.start && offset <= l.start + l.text.length);
  if (li < 0) li = lines.length - 1;
  const line = lines[li]!;
  const colAt = offset - line.start;
  const before = line.text.slice(0, colAt);
  const wordEnd = (from: number, re: RegExp): number => {
    let e = from;
    while (e < line.text.length && re.test(line.text[e]!)) e++;
    return e;
  };
  let at: CursorTarget;
  let cursorCol: number;
  const valueMatch = /^((?:\s*-\s)*\s*)([^:#\s-][^:#]*?)\s*:\s+(\S*)$/.exec(before);
  const keyMatch = /^((?:\s*-\s)*\s*)([\w.$-]*)$/.exec(before + (/^[\w.$-]*/.exec(line.text.slice(colAt))?.[0] ?? ''));
  if (valueMatch) {
    cursorCol = valueMatch[1]!.length;
    const word = valueMatch[3]!;
    at = { t: 'value', key: valueMatch[2]!, word, span: { start: offset - word.length, end: line.start + wordEnd(colAt, /[^\s#]/) } };
  } else if (keyMatch) {
    cursorCol = keyMatch[1]!.length;
    const word = keyMatch[2]!;
    at = { t: 'key', word, span: { start: line.start + cursorCol, end: line.start + cursorCol + word.length } };
  } else return undefined;
  const leftEntries = line.entries.filter((e) => e.dash && e.col < cursorCol);

  // Ancestors, nearest first: [line index, entry index].
  const ancestors: [number, number][] = [];
  let threshold = cursorCol;
  let lastWasDash = false;
  const consider = (i: number, es: Entry[]): boolean => {
    for (let k = es.length - 1; k >= 0; k--) {
      const e = es[k]!;
      const opens = e.dash ? e.col < threshold : e.key !== undefined && (e.col < threshold || (lastWasDash && e.col === threshold)) && (e.value === '' || isBlockScalarHeader(e.value));
      if (!opens) continue;
      if (!e.dash && isBlockScalarHeader(e.value)) return false; // inside a block scalar: not config structure
      ancestors.push([i, k]);
      threshold = e.col;
      lastWasDash = e.dash === true;
    }
    return true;
  };
  if (!consider(li, leftEntries)) return undefined;
  for (let i = li - 1; i >= 0 && threshold > 0; i--) {
    const es = lines[i]!.entries;
    if (es.length === 0) continue;
    if (!consider(i, es)) return undefined;
  }
  // A dash at column 0 may still have its parent key at column 0 above it.
  if (threshold === 0 && lastWasDash) {
    const [ali] = ancestors[ancestors.length - 1]!;
    for (let i = ali - 1; i >= 0; i--) {
      const es = lines[i]!.entries;
      if (es.length === 0) continue;
      const e = es[0]!;
      if (e.key !== undefined && e.col === 0 && e.value === '') ancestors.push([i, 0]);
      if (e.col === 0 && !e.dash) break;
    }
  }
  const path: PathStep[] = ancestors
    .reverse()
    .map(([i, k]) => {
      const e = lines[i]!.entries[k]!;
      return { key: e.dash ? '[]' : e.key!, facts: blockOpenedBy(lines, i, k).facts };
    });
  const innermost = ancestors.length ? ancestors[ancestors.length - 1]! : undefined;
  const block = innermost ? blockOpenedBy(lines, innermost[0], innermost[1]) : blockOpenedBy(lines, -1, 0);
  // The cursor's own line is not a sibling of itself.
  const ownKey = at.t === 'value' ? at.key : at.word;
  const siblings = block.keys.filter((k, i, all) => k !== ownKey || all.indexOf(k) !== i);
  return { path, siblings, at };
}
