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

/**
 * Where the decoded characters of a scalar came from, as runs: decoded chars from `runs[2k]` on came from consecutive
 * offsets starting at `runs[2k + 1]` (up to the next run's first char). A block scalar has about one run per line (a
 * line's text and its line break are consecutive in the source), so the map is a few numbers per line, not one per
 * char. Offsets are relative to whatever the builder subtracted (the `bias` of `scalarOffsets`).
 */
export class OffsetMap {
  /** The run the last `at` answered from: mapping offsets in order costs no search. */
  private cursor = 0;
  constructor(
    private readonly runs: Int32Array,
    /** The decoded text's length: `at` answers for 0..length, `length` being the end of the content. */
    readonly length: number,
  ) {}

  /** The offset decoded char `i` came from (0 <= i <= length). */
  at(i: number): number {
    const { runs } = this;
    let k = this.cursor;
    if (!(runs[k]! <= i && (k + 2 >= runs.length || i < runs[k + 2]!))) {
      // The last run starting at or before i.
      let lo = 0;
      let hi = (runs.length >> 1) - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (runs[mid << 1]! <= i) lo = mid;
        else hi = mid - 1;
      }
      k = lo << 1;
      this.cursor = k;
    }
    return runs[k + 1]! + (i - runs[k]!);
  }

  /** The first decoded index mapped to `offset`, or -1 when none is. */
  indexOf(offset: number): number {
    const { runs } = this;
    for (let k = 0; k < runs.length; k += 2) {
      const from = runs[k + 1]!;
      if (offset >= from && offset < from + this.runLength(k)) return runs[k]! + (offset - from);
    }
    return -1;
  }

  /** The first decoded index mapped to `offset` or beyond, or -1 when none is. */
  firstAtOrAfter(offset: number): number {
    const { runs } = this;
    for (let k = 0; k < runs.length; k += 2) {
      const from = runs[k + 1]!;
      if (from + this.runLength(k) - 1 >= offset) return runs[k]! + Math.max(0, offset - from);
    }
    return -1;
  }

  /** One offset per decoded char (and the end), as an array. */
  toArray(): Int32Array {
    const out = new Int32Array(this.length + 1);
    for (let i = 0; i <= this.length; i++) out[i] = this.at(i);
    return out;
  }

  private runLength(k: number): number {
    return (k + 2 < this.runs.length ? this.runs[k + 2]! : this.length + 1) - this.runs[k]!;
  }
}

/** Where runs are collected (grown as needed, shared: one map is built at a time); each map copies its own. */
let scratch = new Int32Array(1024);

/** Collects an offset per decoded char as runs of consecutive offsets. */
class RunBuilder {
  /** Used length of `scratch`. */
  private used = 0;
  /** The offset that would continue the last run. */
  private next = 0;
  /** Decoded chars so far. */
  protected i = 0;
  /** `n` decoded chars from consecutive offsets starting at `offset`. */
  protected add(offset: number, n: number): void {
    if (offset !== this.next || this.used === 0) {
      if (this.used + 2 > scratch.length) {
        const grown = new Int32Array(scratch.length * 2);
        grown.set(scratch);
        scratch = grown;
      }
      scratch[this.used++] = this.i;
      scratch[this.used++] = offset;
    }
    this.i += n;
    this.next = offset + n;
  }
  protected build(length: number): OffsetMap {
    return new OffsetMap(scratch.slice(0, this.used), length);
  }
}

/**
 * Receives the decoded characters in order, each with the offset of the source char it came from, and checks them
 * against the parser's value as they come: no decoded text is built, only the offset map. Offsets are stored minus
 * `bias` (0 for absolute offsets, the scalar's start for offsets relative to it).
 */
class OffsetSink extends RunBuilder {
  /** False once a char differed from the expected value or ran past its end. */
  private ok = true;
  constructor(
    private readonly expected: string,
    private readonly bias: number,
  ) {
    super();
  }
  /** `ch` (one or two UTF-16 units, or none) produced by the source char at `off`. */
  push(ch: string, off: number): void {
    for (let k = 0; k < ch.length; k++) this.unit(ch.charCodeAt(k), off);
  }
  /** `src[from..to)` copied verbatim from the source starting at `off`. */
  run(src: string, from: number, to: number, off: number): void {
    const { expected, i } = this;
    // Compared as strings: about twice as fast as char by char.
    if (!this.ok || i + (to - from) > expected.length || src.substring(from, to) !== expected.substring(i, i + to - from)) {
      this.ok = false;
      return;
    }
    this.add(off - this.bias, to - from);
  }
  private unit(code: number, off: number): void {
    if (!this.ok || this.i >= this.expected.length || this.expected.charCodeAt(this.i) !== code) {
      this.ok = false;
      return;
    }
    this.add(off - this.bias, 1);
  }
  /** The offset map when the decoded text was exactly the expected value, with `end` past its last char. */
  finish(end: number): OffsetMap | undefined {
    if (!this.ok || this.i !== this.expected.length) return undefined;
    this.add(end - this.bias, 1);
    return this.build(this.expected.length);
  }
}

/** The coarse map of a scalar our decoding disagreed on: its value spread over the source, clamped to its end. */
class SpreadMap extends RunBuilder {
  static of(length: number, contentStart: number, end: number, bias: number): OffsetMap {
    const b = new SpreadMap();
    for (let i = 0; i <= length; i++) b.add(Math.min(contentStart + i, end) - bias, 1);
    return b.build(length);
  }
}

const isWs = (u: Unit): boolean => u.kind === 'lit' && (u.ch === ' ' || u.ch === '\t' || u.ch === '\r');

/** Flow folding (plain and quoted scalars): trim around line breaks, one break becomes a space, k empty lines k LFs. */
function foldFlow(units: Unit[], quoted: boolean, b: OffsetSink): void {
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

/**
 * Decodes a block scalar (`src` starts at its header) line by line on offsets into `src`, without slicing lines.
 * Returns the offset map, or undefined when the decoding is not the expected value.
 */
function decodeBlock(src: string, base: number, folded: boolean, indent: number, chomp: '-' | '+' | '', b: OffsetSink): OffsetMap | undefined {
  const headerEnd = src.indexOf('\n');
  if (headerEnd < 0) return b.finish(base + src.length);
  let prevNormal = false; // the previous content line was a non-more-indented line (folding applies)
  // Line breaks not yet written: the one that ended the last content line, then those of the empty lines after it.
  // Kept with a count, never truncated: setting an array's length to 0 drops its storage, a new one per line.
  const pendingBreaks: number[] = [];
  let pending = 0;
  let seenContent = false;
  // A last empty piece after the final LF is not a line.
  for (let s = headerEnd + 1; s < src.length; ) {
    let e = src.indexOf('\n', s);
    if (e < 0) e = src.length;
    const rawEnd = e > s && src.charCodeAt(e - 1) === 13 ? e - 1 : e; // without a trailing CR
    const eol = base + rawEnd;
    const next = e + 1;
    if (rawEnd - s <= indent && onlySpaces(src, s, rawEnd)) {
      // An empty line (a trailing one belongs to chomping, not content).
      pendingBreaks[pending++] = eol;
      s = next;
      continue;
    }
    const from = s + indent;
    const more = from < rawEnd && (src.charCodeAt(from) === 32 || src.charCodeAt(from) === 9);
    if (seenContent && folded && prevNormal && !more) {
      // pendingBreaks[0] is the break that ended the previous content line.
      if (pending === 1) b.push(' ', pendingBreaks[0]!);
      else for (let k = 1; k < pending; k++) b.push('\n', pendingBreaks[k]!);
    } else {
      for (let k = 0; k < pending; k++) b.push('\n', pendingBreaks[k]!);
    }
    if (from < rawEnd) b.run(src, from, rawEnd, base + from);
    seenContent = true;
    prevNormal = !more;
    pendingBreaks[0] = eol;
    pending = 1;
    s = next;
  }
  if (chomp === '+') {
    for (let k = 0; k < pending; k++) b.push('\n', pendingBreaks[k]!);
  } else if (chomp === '' && seenContent) {
    b.push('\n', pendingBreaks[0]!);
  }
  return b.finish(seenContent ? pendingBreaks[0]! : base + src.length);
}

function onlySpaces(src: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (src.charCodeAt(k) !== 32) return false;
  return true;
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
  for (let s = headerEnd + 1; ; ) {
    let e = src.indexOf('\n', s);
    if (e < 0) e = src.length;
    const rawEnd = e > s && src.charCodeAt(e - 1) === 13 ? e - 1 : e;
    let k = s;
    while (k < rawEnd && src.charCodeAt(k) === 32) k++;
    if (k < rawEnd) return Math.max(k - s, 1);
    maxBlank = Math.max(maxBlank, k - s);
    if (e >= src.length) break;
    s = e + 1;
  }
  return Math.max(maxBlank, 1);
}

/** The offset map of the scalar `source` (at `start` in the YAML text) when it decodes to `expected`. */
function decodeOffsets(source: string, start: number, style: ScalarStyle, expected: string, bias: number): OffsetMap | undefined {
  const b = new OffsetSink(expected, bias);
  switch (style) {
    case 'PLAIN':
      foldFlow(unitsOf(source, start, 0, source.length), false, b);
      return b.finish(start + source.length);
    case 'QUOTE_SINGLE':
      foldFlow(singleQuotedUnits(source, start, 1, Math.max(1, source.length - 1)), true, b);
      return b.finish(start + Math.max(1, source.length - 1));
    case 'QUOTE_DOUBLE':
      foldFlow(doubleQuotedUnits(source, start, 1, Math.max(1, source.length - 1)), true, b);
      return b.finish(start + Math.max(1, source.length - 1));
    default: {
      const h = blockHeader(source);
      const auto = autoIndent(source);
      if (h.indicator === undefined) return decodeBlock(source, start, h.folded, auto, h.chomp, b);
      // An explicit indicator is relative to the parent's indentation, which we do not know here: try each
      // plausible absolute indentation and keep the first one that reproduces the parser's value.
      for (let n = auto; n >= h.indicator; n--) {
        const offsets = decodeBlock(source, start, h.folded, n, h.chomp, n === auto ? b : new OffsetSink(expected, bias));
        if (offsets) return offsets;
      }
      return undefined;
    }
  }
}

/** An offset map of a scalar: `offsets[i]` is where decoded char `i` came from, minus the bias the caller chose. */
export interface ScalarOffsets {
  readonly offsets: Int32Array;
  /** False when our decoding disagreed with the parser and `offsets` is only approximate. */
  readonly exact: boolean;
}

/** The same as runs: `map.at(i)` is `offsets[i]`. */
export interface ScalarOffsetMap {
  readonly map: OffsetMap;
  /** False when our decoding disagreed with the parser and `map` is only approximate. */
  readonly exact: boolean;
}

/**
 * The offset map of the scalar whose source is `yamlText.slice(start, end)` (the node's `range[0]..range[1]`) and
 * whose value is `expected` (the parser's), each offset minus `bias` (pass `start` for offsets relative to the
 * scalar), as runs. Builds no decoded text.
 */
export function scalarOffsetMap(yamlText: string, start: number, end: number, style: ScalarStyle, expected: string, bias = 0): ScalarOffsetMap {
  const map = decodeOffsets(yamlText.slice(start, end), start, style, expected, bias);
  if (map) return { map, exact: true };
  // Disagreement: spread the parser's text over the source span so nothing points outside the scalar.
  const contentStart = style === 'QUOTE_DOUBLE' || style === 'QUOTE_SINGLE' ? start + 1 : start;
  return { map: SpreadMap.of(expected.length, contentStart, end, bias), exact: false };
}

/** `scalarOffsetMap` with one offset per decoded char. */
export function scalarOffsets(yamlText: string, start: number, end: number, style: ScalarStyle, expected: string, bias = 0): ScalarOffsets {
  const { map, exact } = scalarOffsetMap(yamlText, start, end, style, expected, bias);
  return { offsets: map.toArray(), exact };
}

/**
 * Decode the scalar whose source is `yamlText.slice(start, end)` (the node's `range[0]..range[1]`) and check the
 * result against `expected` (the parser's value).
 */
export function decodeScalar(yamlText: string, start: number, end: number, style: ScalarStyle, expected: string): DecodedScalar {
  const { offsets, exact } = scalarOffsets(yamlText, start, end, style, expected);
  return { text: expected, offsets, exact };
}
