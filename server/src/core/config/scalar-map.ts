// Decodes a YAML scalar from its source and remembers, for every decoded character, the offset in the YAML text it
// came from. This is what lets a dtab error at offset 17 of a `dtab: |` block point at the right column of the
// right line. Handles plain, single-quoted, double-quoted (escapes, escaped line breaks), literal `|` and folded `>`
// scalars with chomping and indentation indicators. The decoding is checked against the `yaml` package's own value;
// if they ever differ, we fall back to a coarse map rather than pointing at wrong places silently.

export interface DecodedScalar {
  /** The scalar's value as the YAML parser sees it. */
  readonly text: string;
  /** offsets[i] = offset in the YAML text of decoded char i; offsets[text.length] = end of the scalar's content. */
  readonly offsets: Int32Array;
  /** False when our decoding disagreed with the parser and `offsets` is only approximate. */
  readonly exact: boolean;
}

export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

interface Unit {
  ch: string;
  off: number;
  /** lit: ordinary source char; esc: produced by an escape (never trimmed); nl: raw line break; escnl: `\` + break. */
  kind: 'lit' | 'esc' | 'nl' | 'escnl';
}

/** Collects decoded text as chunks: single chars produced at one offset, or runs copied verbatim from the source. */
class Builder {
  private chunks: string[] = [];
  private offs: number[] = [];
  private runs: boolean[] = [];
  private length = 0;
  /** `ch` (one or two UTF-16 units) produced by the source char at `off`. */
  push(ch: string, off: number): void {
    this.add(ch, off, false);
  }
  /** `text` copied verbatim from the source starting at `off`. */
  run(text: string, off: number): void {
    this.add(text, off, true);
  }
  private add(text: string, off: number, verbatim: boolean): void {
    if (text === '') return;
    this.chunks.push(text);
    this.offs.push(off);
    this.runs.push(verbatim);
    this.length += text.length;
  }
  finish(end: number): { text: string; offsets: Int32Array } {
    const offsets = new Int32Array(this.length + 1);
    let i = 0;
    for (let c = 0; c < this.chunks.length; c++) {
      const n = this.chunks[c]!.length;
      const off = this.offs[c]!;
      if (this.runs[c]) for (let k = 0; k < n; k++) offsets[i++] = off + k;
      else for (let k = 0; k < n; k++) offsets[i++] = off;
    }
    offsets[this.length] = end;
    return { text: this.chunks.join(''), offsets };
  }
}

const isWs = (u: Unit): boolean => u.kind === 'lit' && (u.ch === ' ' || u.ch === '\t' || u.ch === '\r');

/** Flow folding (plain and quoted scalars): trim around line breaks, one break becomes a space, k empty lines k LFs. */
function foldFlow(units: Unit[], quoted: boolean, b: Builder): void {
  const lines: Unit[][] = [[]];
  for (const u of units) {
    if (u.kind === 'nl') lines.push([]);
    else lines[lines.length - 1]!.push(u);
  }
  // Where each line break sits (the join char maps there).
  const breaks = units.filter((u) => u.kind === 'nl').map((u) => u.off);
  const last = lines.length - 1;
  const trimmed = lines.map((line, i) => {
    let s = 0;
    let e = line.length;
    const escBreak = e > 0 && line[e - 1]!.kind === 'escnl';
    if (i > 0 || !quoted) while (s < e && isWs(line[s]!)) s++;
    if (!escBreak && (i < last || !quoted)) while (e > s && isWs(line[e - 1]!)) e--;
    return { units: line.slice(s, e), escBreak };
  });
  let i = 0;
  while (i <= last) {
    const cur = trimmed[i]!;
    for (const u of cur.units) if (u.kind !== 'escnl') b.push(u.ch, u.off);
    if (i === last) break;
    // Count the empty lines that follow (not the last line, which closes the scalar).
    let j = i + 1;
    let empties = 0;
    while (j < last && trimmed[j]!.units.length === 0) {
      empties++;
      j++;
    }
    if (cur.escBreak) {
      for (let k = 0; k < empties; k++) b.push('\n', breaks[i + 1 + k]!);
    } else if (empties > 0) {
      for (let k = 0; k < empties; k++) b.push('\n', breaks[i + 1 + k]!);
    } else {
      b.push(' ', breaks[i]!);
    }
    i = j;
  }
}

function unitsOf(src: string, base: number, from: number, to: number): Unit[] {
  const out: Unit[] = [];
  for (let i = from; i < to; i++) out.push({ ch: src[i]!, off: base + i, kind: src[i] === '\n' ? 'nl' : 'lit' });
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_LEN: Record<string, number> = { x: 2, u: 4, U: 8 };

function doubleQuotedUnits(src: string, base: number, from: number, to: number): Unit[] {
  const out: Unit[] = [];
  let i = from;
  while (i < to) {
    const c = src[i]!;
    if (c !== '\\') {
      out.push({ ch: c, off: base + i, kind: c === '\n' ? 'nl' : 'lit' });
      i++;
      continue;
    }
    const n = src[i + 1] ?? '';
    if (n === '\n' || (n === '\r' && src[i + 2] === '\n')) {
      out.push({ ch: '', off: base + i, kind: 'escnl' });
      out.push({ ch: '\n', off: base + i + (n === '\r' ? 2 : 1), kind: 'nl' });
      i += n === '\r' ? 3 : 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[n];
    if (simple !== undefined) {
      out.push({ ch: simple, off: base + i, kind: 'esc' });
      i += 2;
      continue;
    }
    const len = HEX_LEN[n];
    if (len !== undefined) {
      const code = parseInt(src.slice(i + 2, i + 2 + len), 16);
      out.push({ ch: Number.isFinite(code) ? String.fromCodePoint(code) : '', off: base + i, kind: 'esc' });
      i += 2 + len;
      continue;
    }
    out.push({ ch: c, off: base + i, kind: 'lit' });
    i++;
  }
  return out;
}

function singleQuotedUnits(src: string, base: number, from: number, to: number): Unit[] {
  const out: Unit[] = [];
  let i = from;
  while (i < to) {
    if (src[i] === "'" && src[i + 1] === "'") {
      out.push({ ch: "'", off: base + i, kind: 'esc' });
      i += 2;
    } else {
      out.push({ ch: src[i]!, off: base + i, kind: src[i] === '\n' ? 'nl' : 'lit' });
      i++;
    }
  }
  return out;
}

interface BlockLine {
  /** Offset of the line's first char. */
  start: number;
  /** The raw line without its LF (a trailing CR removed). */
  raw: string;
}

function splitLines(src: string, base: number, from: number): BlockLine[] {
  const lines: BlockLine[] = [];
  let s = from;
  while (s <= src.length) {
    let e = src.indexOf('\n', s);
    if (e < 0) e = src.length;
    let raw = src.slice(s, e);
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    lines.push({ start: base + s, raw });
    if (e >= src.length) break;
    s = e + 1;
  }
  return lines;
}

function decodeBlock(src: string, base: number, folded: boolean, indent: number, chomp: '-' | '+' | ''): { text: string; offsets: Int32Array } {
  const headerEnd = src.indexOf('\n');
  const b = new Builder();
  if (headerEnd < 0) return b.finish(base + src.length);
  const lines = splitLines(src, base, headerEnd + 1);
  // A last empty piece after the final LF is not a line.
  if (lines.length > 0 && lines[lines.length - 1]!.raw === '' && src.endsWith('\n')) lines.pop();
  type L = { content: string; start: number; empty: boolean; more: boolean; eol: number };
  const ls: L[] = lines.map((l) => {
    const blank = /^ *$/.test(l.raw) && l.raw.length <= indent;
    const content = blank ? '' : l.raw.slice(indent);
    return { content, start: l.start + indent, empty: blank, more: !blank && /^[ \t]/.test(content), eol: l.start + l.raw.length };
  });
  // Trailing empty lines belong to chomping, not content.
  let lastContent = ls.length - 1;
  while (lastContent >= 0 && ls[lastContent]!.empty && ls[lastContent]!.content === '') lastContent--;
  let prevNormal = false; // the previous content line was a non-more-indented line (folding applies)
  let pendingBreaks: number[] = [];
  let seenContent = false;
  for (let i = 0; i <= lastContent; i++) {
    const l = ls[i]!;
    if (l.empty && l.content === '') {
      pendingBreaks.push(l.eol);
      continue;
    }
    if (seenContent) {
      // pendingBreaks[0] is the break that ended the previous content line.
      if (folded && prevNormal && !l.more) {
        if (pendingBreaks.length === 1) b.push(' ', pendingBreaks[0]!);
        else for (let k = 1; k < pendingBreaks.length; k++) b.push('\n', pendingBreaks[k]!);
      } else {
        for (const off of pendingBreaks) b.push('\n', off);
      }
    } else {
      for (const off of pendingBreaks) b.push('\n', off);
    }
    b.run(l.content, l.start);
    seenContent = true;
    prevNormal = !l.more;
    pendingBreaks = [l.eol];
  }
  if (chomp === '+') {
    for (const off of pendingBreaks) b.push('\n', off);
    for (let i = lastContent + 1; i < ls.length; i++) b.push('\n', ls[i]!.eol);
  } else if (chomp === '' && seenContent) {
    b.push('\n', pendingBreaks[0]!);
  }
  return b.finish(seenContent ? pendingBreaks[0]! : base + src.length);
}

function blockHeader(src: string): { folded: boolean; indicator: number | undefined; chomp: '-' | '+' | '' } {
  const m = /^([|>])([1-9+-]?)([1-9+-]?)/.exec(src);
  const folded = m?.[1] === '>';
  let indicator: number | undefined;
  let chomp: '-' | '+' | '' = '';
  for (const c of [m?.[2] ?? '', m?.[3] ?? '']) {
    if (c === '-' || c === '+') chomp = c;
    else if (c) indicator = Number(c);
  }
  return { folded, indicator, chomp };
}

function autoIndent(src: string): number {
  const headerEnd = src.indexOf('\n');
  if (headerEnd < 0) return 0;
  let maxBlank = 0;
  for (const l of src.slice(headerEnd + 1).split('\n')) {
    const raw = l.replace(/\r$/, '');
    if (/^ *$/.test(raw)) {
      maxBlank = Math.max(maxBlank, raw.length);
      continue;
    }
    return Math.max(/^ */.exec(raw)![0].length, 1);
  }
  return Math.max(maxBlank, 1);
}

function decodeRaw(source: string, start: number, style: ScalarStyle): { text: string; offsets: Int32Array }[] {
  const b = new Builder();
  switch (style) {
    case 'PLAIN':
      foldFlow(unitsOf(source, start, 0, source.length), false, b);
      return [b.finish(start + source.length)];
    case 'QUOTE_SINGLE':
      foldFlow(singleQuotedUnits(source, start, 1, Math.max(1, source.length - 1)), true, b);
      return [b.finish(start + Math.max(1, source.length - 1))];
    case 'QUOTE_DOUBLE':
      foldFlow(doubleQuotedUnits(source, start, 1, Math.max(1, source.length - 1)), true, b);
      return [b.finish(start + Math.max(1, source.length - 1))];
    default: {
      const h = blockHeader(source);
      const auto = autoIndent(source);
      // An explicit indicator is relative to the parent's indentation, which we do not know here: try each
      // plausible absolute indentation and keep the one that reproduces the parser's value.
      const candidates = h.indicator === undefined ? [auto] : Array.from({ length: auto + 1 }, (_, i) => auto - i).filter((n) => n >= h.indicator!);
      return candidates.map((n) => decodeBlock(source, start, h.folded, n, h.chomp));
    }
  }
}

/**
 * Decode the scalar whose source is `yamlText.slice(start, end)` (the node's `range[0]..range[1]`) and check the
 * result against `expected` (the parser's value).
 */
export function decodeScalar(yamlText: string, start: number, end: number, style: ScalarStyle, expected: string): DecodedScalar {
  const source = yamlText.slice(start, end);
  for (const r of decodeRaw(source, start, style)) {
    if (r.text === expected) return { ...r, exact: true };
  }
  // Disagreement: keep the parser's text and spread it over the source span so nothing points outside the scalar.
  const offsets = new Int32Array(expected.length + 1);
  const contentStart = style === 'QUOTE_DOUBLE' || style === 'QUOTE_SINGLE' ? start + 1 : start;
  for (let i = 0; i <= expected.length; i++) offsets[i] = Math.min(contentStart + i, end);
  return { text: expected, offsets, exact: false };
}
