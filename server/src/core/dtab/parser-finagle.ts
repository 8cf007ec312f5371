// A line-by-line re-statement of Finagle's `NameTreeParsers` (spec §1.4-§1.6): a character-level recursive-descent
// parser with one-character lookahead and no backtracking. It is the oracle for Finagle's exact behaviour:
//   - the `read*` entry points of parse.ts (Path.read, NameTree.read, Dentry.read, Dentry.Prefix.read, Dtab.read),
//     with Finagle's full error message `<expected> expected but <found> found at '<display>'`;
//   - the exact offset and wording of each dentry's first syntax error in the editor parser (parse.ts asks it only
//     for dentries that the chevrotain parser rejected, so it is off the hot path).
// Differences from Finagle, both deliberate: nesting deeper than MAX_NESTING parentheses is reported as an error
// (`dtab/too-deep`) instead of overflowing the stack, and nothing ever throws.

import {
  AnyElem,
  DEFAULT_WEIGHT,
  type Dentry,
  type Dtab,
  type Label,
  type NameTree,
  type Path,
  type Prefix,
  type PrefixElem,
  type Weighted,
} from './ast.js';
import { hexValue, isAsciiDigit, isJavaDigit, isJavaWhitespace, isShowable, SHOWABLE } from './chars.js';
import { FNV_OFFSET, fnvStep } from './fnv.js';
import { internLabel, internRange } from './label-intern.js';

/**
 * Deepest parenthesis nesting accepted by both parsers (Finagle itself has no limit but its stack). Chevrotain's
 * rules recurse about ten JS frames per level and overflow Node's default stack near 400 levels, hence 256.
 */
export const MAX_NESTING = 256;

/** Finagle's end-of-input sentinel: `peek` returns it at the end, and a real U+FFFF reads as it too (§8 P34). */
const EOI = 0xffff;

/** A parse failure: where Finagle's parser stood, and the parts of its message. */
export interface StrictError {
  /** Finagle's index when it threw (where the display puts the brackets). */
  readonly offset: number;
  /** The span to underline in an editor (usually the found char; the number for a NumberFormatException). */
  readonly start: number;
  readonly end: number;
  /** `dtab/syntax`, `dtab/bad-number` (NumberFormatException) or `dtab/too-deep`. */
  readonly code: string;
  /** Finagle's message without the ` at '...'` display. */
  readonly message: string;
  /** Whether Finagle's full message appends the display (false for a NumberFormatException). */
  readonly display: boolean;
}

/** Finagle's full message, with the display (as namerd's 400 bodies carry it). Linear in the text's length. */
export function fullMessage(text: string, e: StrictError): string {
  return e.display ? `${e.message} at '${finagleDisplay(text, e.offset)}'` : e.message;
}

class Failure {
  constructor(readonly error: StrictError) {}
}

function stringOfChar(c: number): string {
  return c === EOI ? 'end of input' : "'" + String.fromCharCode(c) + "'";
}

/** The display part: the input with the char at `idx` wrapped in `[` `]`, or `[]` appended at the end. */
export function finagleDisplay(str: string, idx: number): string {
  return idx >= str.length ? str + '[]' : str.slice(0, idx) + '[' + str[idx] + ']' + str.slice(idx + 1);
}

/** `FinagleParser.shape` bits: what the destination contains beyond paths and operators. */
export const SHAPE_PARENTHESES = 1;
/** A number with a decimal point (a weight such as `0.5`). */
export const SHAPE_DOTTED_NUMBER = 2;
/** A number: in an error-free dentry, always a weight (`2 * /a`). */
export const SHAPE_WEIGHT = 4;

export class FinagleParser {
  idx: number;
  private depth = 0;
  /** SHAPE_* bits of what was parsed (so checks can rule themselves out without a syntax tree). */
  shape = 0;
  /** Comments skipped as whitespace (the editor parser records comments, so it takes the slow path then). */
  comments = 0;

  constructor(
    public str: string,
    start = 0,
  ) {
    this.idx = start;
  }

  /** Makes this parser a fresh one over `str` from `start` (a reused parser: see readValidDentry). */
  restart(str: string, start: number): void {
    this.str = str;
    this.idx = start;
    this.depth = 0;
    this.shape = 0;
    this.comments = 0;
  }

  // ---- primitives ------------------------------------------------------------------------------------------------

  private get atEnd(): boolean {
    return this.idx >= this.str.length;
  }

  private peek(): number {
    return this.idx >= this.str.length ? EOI : this.str.charCodeAt(this.idx);
  }

  private illegal(expected: string, found: number, code = 'dtab/syntax'): never {
    const message = `${expected} expected but ${stringOfChar(found)} found`;
    const at = this.idx;
    throw new Failure({
      offset: at,
      start: at,
      end: at < this.str.length ? at + 1 : at,
      code,
      message,
      display: true,
    });
  }

  private maybeEat(c: number): boolean {
    if (this.peek() !== c) return false;
    this.idx++;
    return true;
  }

  private eat(c: number): void {
    if (!this.maybeEat(c)) this.illegal(stringOfChar(c), this.peek());
  }

  eatWhitespace(): void {
    const s = this.str;
    const n = s.length;
    let i = this.idx;
    let inComment = false;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (inComment) {
        if (c === 0x0a) inComment = false;
      } else if (c === 0x23 /* # */) {
        inComment = true;
        this.comments++;
      } else if (!isJavaWhitespace(c)) break;
      i++;
    }
    this.idx = i;
  }

  eatEnd(): void {
    if (!this.atEnd) this.illegal('end of input', this.peek());
  }

  // ---- labels and paths ------------------------------------------------------------------------------------------

  private isLabelChar(c: number): boolean {
    return c === 0x5c /* \ */ || isShowable(c);
  }

  private parseHexChar(): number {
    const v = hexValue(this.peek());
    if (v < 0) this.illegal('hex char', this.peek());
    this.idx++;
    return v;
  }

  private parseLabel(): Label {
    // The commonest label, one run of plain chars, is interned straight from the input (no string is built).
    const str = this.str;
    const start = this.idx;
    let end = start;
    let hash = FNV_OFFSET;
    for (let c = str.charCodeAt(end); c < 128 && SHOWABLE[c] === 1; c = str.charCodeAt(++end)) hash = fnvStep(hash, c);
    if (end > start && str.charCodeAt(end) !== 0x5c /* \ */) {
      this.idx = end;
      return internRange(str, start, end, hash);
    }
    let out = '';
    do {
      const c = this.peek();
      if (isShowable(c)) {
        // A run of plain chars at once (a label without escapes is then one slice of the input).
        const start = this.idx;
        do this.idx++;
        while (isShowable(this.peek()));
        out += this.str.slice(start, this.idx);
      } else if (c === 0x5c) {
        this.idx++;
        this.eat(0x78 /* x */);
        const hi = this.parseHexChar();
        const lo = this.parseHexChar();
        out += String.fromCharCode((hi << 4) | lo);
      } else this.illegal('label char', c);
    } while (this.isLabelChar(this.peek()));
    return internLabel(out);
  }

  /** The items pushed since `base`, as an exact-size array, popped off the pending stack (see PENDING). */
  private cut<T>(base: number): T[] {
    const items = PENDING.slice(base, pendingTop) as T[];
    pendingTop = base;
    return items;
  }

  parsePath(): Path {
    this.eatWhitespace();
    this.eat(0x2f /* / */);
    if (!this.isLabelChar(this.peek())) return [];
    const base = pendingTop;
    do pend(this.parseLabel());
    while (this.maybeEat(0x2f));
    return this.cut<Label>(base);
  }

  parsePrefix(): Prefix {
    this.eatWhitespace();
    this.eat(0x2f);
    if (!this.isLabelChar(this.peek()) && this.peek() !== 0x2a /* * */) return [];
    const base = pendingTop;
    do pend(this.maybeEat(0x2a) ? AnyElem : this.parseLabel());
    while (this.maybeEat(0x2f));
    return this.cut<PrefixElem>(base);
  }

  // ---- name trees ------------------------------------------------------------------------------------------------
  // A list of one member is the member itself (and a lone weight is dropped), so the common single-member case
  // builds no list at all.

  parseTree(): NameTree<Path> {
    const first = this.parseTree1();
    this.eatWhitespace();
    if (!this.maybeEat(0x7c /* | */)) return first;
    const base = pendingTop;
    pend(first);
    do {
      pend(this.parseTree1());
      this.eatWhitespace();
    } while (this.maybeEat(0x7c));
    return { kind: 'alt', trees: this.cut<NameTree<Path>>(base) };
  }

  private parseTree1(): NameTree<Path> {
    const weight = this.parseWeight();
    const tree = this.parseSimple();
    this.eatWhitespace();
    if (!this.maybeEat(0x26 /* & */)) return tree;
    const base = pendingTop;
    pend({ weight, tree });
    do {
      pend(this.parseWeighted());
      this.eatWhitespace();
    } while (this.maybeEat(0x26));
    return { kind: 'union', weighted: this.cut<Weighted<Path>>(base) };
  }

  private isNumberChar(c: number): boolean {
    return c === 0x2e /* . */ || isJavaDigit(c);
  }

  private parseNumber(): number {
    const start = this.idx;
    let seenDot = false;
    let ascii = true;
    while (this.isNumberChar(this.peek())) {
      const c = this.peek();
      if (c === 0x2e) {
        if (seenDot) this.illegal('number char', c);
        seenDot = true;
      } else if (!isAsciiDigit(c)) ascii = false;
      this.idx++;
    }
    this.shape |= seenDot ? SHAPE_WEIGHT | SHAPE_DOTTED_NUMBER : SHAPE_WEIGHT;
    const text = this.str.slice(start, this.idx);
    // N11: the char reported is '.', but the brackets sit where the parser stands (after the dot).
    if (text === '.') this.illegal('weight', 0x2e);
    if (!ascii) {
      // Java's Double.parseDouble rejects non-ASCII digits: NumberFormatException (§8 N53).
      const message = `For input string: "${text}"`;
      throw new Failure({ offset: start, start, end: this.idx, code: 'dtab/bad-number', message, display: false });
    }
    return Number(text);
  }

  /** An optional `weight *` (the default weight when there is none). */
  private parseWeight(): number {
    this.eatWhitespace();
    if (!this.isNumberChar(this.peek())) return DEFAULT_WEIGHT;
    const weight = this.parseNumber();
    this.eatWhitespace();
    this.eat(0x2a /* * */);
    return weight;
  }

  private parseWeighted(): Weighted<Path> {
    const weight = this.parseWeight();
    return { weight, tree: this.parseSimple() };
  }

  private parseSimple(): NameTree<Path> {
    this.eatWhitespace();
    const c = this.peek();
    switch (c) {
      case 0x28 /* ( */: {
        if (this.depth >= MAX_NESTING) {
          const at = this.idx;
          const message = `name tree nested more than ${MAX_NESTING} parentheses deep`;
          throw new Failure({ offset: at, start: at, end: at + 1, code: 'dtab/too-deep', message, display: false });
        }
        this.idx++;
        this.depth++;
        this.shape |= SHAPE_PARENTHESES;
        const tree = this.parseTree();
        this.eatWhitespace();
        this.eat(0x29 /* ) */);
        this.depth--;
        return tree;
      }
      case 0x2f /* / */:
        return { kind: 'leaf', value: this.parsePath() };
      case 0x21 /* ! */:
        this.idx++;
        return { kind: 'fail' };
      case 0x7e /* ~ */:
        this.idx++;
        return { kind: 'neg' };
      case 0x24 /* $ */:
        this.idx++;
        return { kind: 'empty' };
      default:
        return this.illegal('simple', c);
    }
  }

  // ---- dentries and dtabs ----------------------------------------------------------------------------------------

  parseDentry(): Dentry {
    const prefix = this.parsePrefix();
    this.eatWhitespace();
    this.eat(0x3d /* = */);
    this.eat(0x3e /* > */);
    const dst = this.parseTree();
    return { prefix, dst };
  }

  parseDtab(): Dtab {
    const dentries: Dentry[] = [];
    this.eatWhitespace();
    if (!this.atEnd) {
      for (;;) {
        dentries.push(this.parseDentry());
        this.eatWhitespace();
        if (!this.maybeEat(0x3b /* ; */)) break;
        this.eatWhitespace();
        if (this.atEnd) break;
      }
    }
    return dentries;
  }

  /**
   * One dentry of a dtab, starting at `this.idx` (just after the previous `;` or at the start), followed by what
   * Dtab.read accepts after a dentry: ws, then `;` or the end. Used to find a dentry's first error in context.
   */
  parseDentryInDtab(): Dentry {
    const d = this.parseDentry();
    this.eatWhitespace();
    if (this.peek() !== 0x3b || this.atEnd) this.eatEnd();
    return d;
  }
}

export type StrictResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: StrictError };

/**
 * Lists under construction by every parser (labels, alternatives, union members), stacked: a list starts at the
 * current length and is cut off into an array of exactly its size when done. An array grown by `push` from empty
 * keeps room for 17 elements, nine times what a typical path needs, and values are kept by the thousand. Parsing
 * is synchronous, so one stack serves all parsers; `runStrict` drops what a failed parse left on it.
 */
const PENDING: unknown[] = [];
/** The stack's height (kept apart from the array's length: shortening an array costs a runtime call). */
let pendingTop = 0;

function pend(item: unknown): void {
  PENDING[pendingTop++] = item;
}

/** The parser `readValidDentry` reuses (values are read one at a time, synchronously). */
const reused = new FinagleParser('');

/**
 * The value of the dentry at text[start..] that the editor parser has already validated: read with one reused
 * parser and no result object (one value per dentry of every checked dtab). Undefined if it does not parse after
 * all (it cannot happen; the caller has a fallback).
 */
export function readValidDentry(text: string, start: number): Dentry | undefined {
  const p = reused;
  p.restart(text, start);
  const mark = pendingTop;
  try {
    return p.parseDentry();
  } catch (e) {
    if (e instanceof Failure) return undefined;
    throw e;
  } finally {
    pendingTop = mark;
    p.restart('', 0); // (keeps no document alive)
  }
}

/** Runs `f` on a fresh parser over `text`; a Finagle failure becomes an error result (nothing else is caught). */
export function runStrict<T>(text: string, start: number, f: (p: FinagleParser) => T): StrictResult<T> {
  return runParser(new FinagleParser(text, start), f);
}

/** Runs `f` on the parser `p` (whose position and `shape` the caller reads afterwards), as `runStrict` does. */
export function runParser<T>(p: FinagleParser, f: (p: FinagleParser) => T): StrictResult<T> {
  const mark = pendingTop;
  try {
    return { ok: true, value: f(p) };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
    throw e;
  } finally {
    pendingTop = mark;
  }
}
