// Dtab parsing: the error-tolerant editor parser `parseDtab` and Finagle's own entry points (`readDtab`,
// `readPath`, `readNameTree`, `readDentry`, `readPrefix`). Spec §1 (grammar), §1.5 (normalisations), §1.6 (errors).
//
// Design (see also scanner.ts, parser-chevrotain.ts, parser-finagle.ts):
//   - The document is cut into dentries at `;` (a `;` can only ever be a separator: it is not a label char and the
//     scanner skips comments). Each dentry is scanned into a small reused token buffer by the hand-written scanner
//     and parsed by one reused chevrotain parser that builds the syntax tree with spans. So the working set is one
//     dentry, and recovery at `;` is free: a broken dentry never hides the ones after it.
//   - Valid dentries, the bulk of any file, take short cuts that give the same nodes: a one-pass check of the token
//     types (`isWholeDentry`) accepts them without running chevrotain, whose syntax tree is built only when a
//     feature asks; and with `values: true`, Finagle's parser reads each dentry first and builds its value at once.
//   - For a dentry that fails, parser-finagle.ts (a re-statement of Finagle's character-level parser) re-reads
//     just that dentry, in context, and supplies Finagle's exact offset and wording. The FIRST error of the document
//     is therefore exactly Finagle's (Dtab.read stops at it); later ones are what Finagle would say about their
//     dentry on its own.
//   - A dentry that is complete but followed, on a later line, by something starting with `/` lacks its `;`: that
//     is reported once (`dtab/missing-semicolon`, Finagle's message plus a hint) and parsing resumes there.
//   - Nesting deeper than MAX_NESTING parentheses is an error (`dtab/too-deep`) instead of deep recursion.
//
// Syntax tree conventions (ast.ts): parentheses are `group` nodes; `|` and `&` lists of 2+ members are `alt` and
// `union` nodes; a single member is not wrapped, EXCEPT a lone weighted tree (`2 * /a`), which is a one-member
// `union` so that its (ignored, G8) weight stays visible. A dentry with an error has no `value`; when its text was
// not a dentry at all (e.g. an empty `;;` slot) there is no DentryNode, only the error.

import {
  DEFAULT_WEIGHT,
  type Dentry,
  type DentryNode,
  type Dtab,
  type DtabDocument,
  type NameTree,
  type Path,
  type Prefix,
  type PrefixNode,
  type Span,
  type SyntaxError,
  type TreeNode,
  AnyElem,
} from './ast.js';
import { DentryParser, prefixElems, type DentryParts } from './parser-chevrotain.js';
import {
  finagleDisplay,
  FinagleParser,
  fullMessage,
  MAX_NESTING,
  readValidDentry,
  runParser,
  runStrict,
  SHAPE_DOTTED_NUMBER,
  SHAPE_PARENTHESES,
  SHAPE_WEIGHT,
  type StrictResult,
} from './parser-finagle.js';
import { isJavaWhitespace, SHOWABLE } from './chars.js';
import { FNV_OFFSET, fnvStep } from './fnv.js';
import { detachString, internRange } from './label-intern.js';
import { Amp, Arrow, Bang, Dollar, DtabScanner, F_BAD, F_ESCAPE, LParen, NumberTok, PathTok, Pipe, RParen, Semi, Star, Tilde, type DtabToken } from './scanner.js';

export { MAX_NESTING } from './parser-finagle.js';

/** The result of a Finagle entry point: the value, or Finagle's error (full message, with the ` at '…'` display). */
export type ReadResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      /** Finagle's index at the error (for a NumberFormatException: the start of the number). */
      readonly offset: number;
      /** e.g. `label char expected but end of input found at '/foo/bar/[]'`, or `For input string: "٣"`. */
      readonly message: string;
      /** `dtab/syntax`, `dtab/bad-number` or `dtab/too-deep`. */
      readonly code: string;
    };

/**
 * Finagle's `read` of one production over the whole text: `parse`, then (when `trailingWhitespace`) `ws`, then
 * EOF; Finagle's error otherwise.
 */
function readWhole<T>(text: string, parse: (p: FinagleParser) => T, trailingWhitespace = true): ReadResult<T> {
  const r = runStrict(text, 0, (p) => {
    const v = parse(p);
    if (trailingWhitespace) p.eatWhitespace();
    p.eatEnd();
    return v;
  });
  return r.ok ? r : { ok: false, offset: r.error.offset, message: fullMessage(text, r.error), code: r.error.code };
}

/** Finagle `Path.read`: `path ws EOF`. */
export function readPath(text: string): ReadResult<Path> {
  return readWhole(text, (p) => p.parsePath());
}

/** Finagle `NameTree.read`: `tree ws EOF`. */
export function readNameTree(text: string): ReadResult<NameTree<Path>> {
  return readWhole(text, (p) => p.parseTree());
}

/** Finagle `Dentry.read`: `dentry ws EOF` (a dentry does not take a `;`). */
export function readDentry(text: string): ReadResult<Dentry> {
  return readWhole(text, (p) => p.parseDentry());
}

/** Finagle `Dentry.Prefix.read`: `prefix ws EOF`. */
export function readPrefix(text: string): ReadResult<Prefix> {
  return readWhole(text, (p) => p.parsePrefix());
}

/** Finagle `Dtab.read`: dentries separated by `;`, one trailing `;` allowed (the dtab rule takes its own `ws`). */
export function readDtab(text: string): ReadResult<Dtab> {
  return readWhole(text, (p) => p.parseDtab(), false);
}

/** The dtab of a parsed document: the values of its dentries that parsed (all of them when there are no errors). */
export function toDtab(doc: DtabDocument): Dtab {
  const out: Dentry[] = [];
  for (const d of doc.dentries) if (d.value !== undefined) out.push(d.value);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Semantic values from syntax nodes (§1.5).

function prefixValue(node: PrefixNode): Prefix {
  return node.elems.map((e) => ('any' in e ? AnyElem : e.value));
}

/** The NameTree a syntax tree denotes: groups vanish, single members unwrap (dropping a lone weight). */
export function treeValue(node: TreeNode): NameTree<Path> {
  switch (node.kind) {
    case 'leaf': {
      const labels = node.path.labels;
      const value: string[] = new Array(labels.length);
      for (let i = 0; i < labels.length; i++) value[i] = labels[i]!.value;
      return { kind: 'leaf', value };
    }
    case 'group':
      return treeValue(node.inner);
    case 'alt':
      return { kind: 'alt', trees: node.members.map(treeValue) };
    case 'union':
      if (node.members.length === 1) return treeValue(node.members[0]!.tree);
      return {
        kind: 'union',
        weighted: node.members.map((m) => ({ weight: m.weight?.value ?? DEFAULT_WEIGHT, tree: treeValue(m.tree) })),
      };
    case 'neg':
      return NEG;
    case 'fail':
      return FAIL;
    case 'empty':
      return EMPTY;
  }
}

const NEG: NameTree<Path> = Object.freeze({ kind: 'neg' });
const FAIL: NameTree<Path> = Object.freeze({ kind: 'fail' });
const EMPTY: NameTree<Path> = Object.freeze({ kind: 'empty' });

// ---------------------------------------------------------------------------------------------------------------
// The editor parser.

export const MISSING_SEMICOLON_HINT = "dentries must be separated by ';' — a newline is not a separator";

let sharedParser: DentryParser | undefined;
function dentryParser(): DentryParser {
  return (sharedParser ??= new DentryParser());
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

export interface ParseOptions {
  /**
   * Build every valid dentry's value now, in the same pass that validates it (Finagle's parser reads the dentry,
   * and the scanner and chevrotain only see dentries it rejects). For a document checked right away and once (a
   * config read cold, the CLI): one reading of each dentry instead of two. The check takes the values off the
   * nodes (`transientValue`), so they do not live on with the document. An editor re-parsing on every keystroke
   * leaves this off: most of its dentries' values are remembered by the checker already.
   */
  readonly values?: boolean;
}

/**
 * Parses a dtab document, tolerating errors: every syntax error with its span (the first at Finagle's offset with
 * Finagle's wording), recovery at `;`, a `value` for every dentry without errors. Never throws.
 */
export function parseDtab(text: string, options: ParseOptions = {}): DtabDocument {
  const valuesNow = options.values === true;
  const scanner = new DtabScanner(text);
  const parser = dentryParser();
  parser.text = text;
  const dentries: DentryNode[] = [];
  const errors: SyntaxError[] = [];
  const tokenArrays: DtabToken[][] = [];
  let strictFirst = false;

  scanner.skipTrivia();
  // Dtab.read: an empty (or all-trivia) document is the empty dtab.
  while (!scanner.atEnd) {
    const segStart = scanner.pos;
    // Finagle's reading of this dentry, when the quick path below made it (the path after it then reuses it).
    let read: StrictResult<Dentry> | undefined;
    if (valuesNow) {
      const finagle = new FinagleParser(text, segStart);
      const strict = (read = runParser(finagle, readDentryInDtab));
      // (A comment inside the dentry takes the path below, which records it.)
      if (strict.ok && finagle.comments === 0) {
        const at = finagle.idx; // at the `;`, or at the end of the text
        const semi = at < text.length ? at : -1;
        dentries.push(new LazyDentryNode(text, segStart, trimEnd(text, segStart, at), semi, finagle.shape, strict.value));
        scanner.pos = semi < 0 ? at : semi + 1;
        scanner.skipTrivia();
        strictFirst = false; // as after a dentry the path below accepted
        continue;
      }
    }
    // Collect one dentry's tokens: prefix mode until `=>`, then destination mode, up to `;` or the end.
    let n = 0;
    let prefixMode = true;
    let depth = 0;
    let tooDeep = false;
    let lexBad = false;
    let semicolon: DtabToken | undefined;
    // A destination that looks complete (depth 0, last token can end a tree) followed, on a later line, by a
    // path: the `;` is missing. The dentry ends there and the next one starts at that path.
    let newlinePath = -1;
    let prevType: unknown = undefined;
    let prevEnd = segStart;
    let shape = 0;
    while (!scanner.atEnd) {
      const t = scanner.token(n);
      scanner.scan(t, prefixMode);
      const type = t.tokenType;
      if (
        type === PathTok &&
        !prefixMode &&
        depth === 0 &&
        (prevType === PathTok || prevType === RParen || prevType === Bang || prevType === Tilde || prevType === Dollar) &&
        hasLineBreak(text, prevEnd, t.startOffset)
      ) {
        newlinePath = t.startOffset;
        break;
      }
      scanner.skipTrivia();
      if (type === Semi) {
        semicolon = t;
        break;
      }
      if (type === Arrow) prefixMode = false;
      else if (type === LParen) {
        shape |= SHAPE_PARENTHESES;
        if (++depth > MAX_NESTING) tooDeep = true;
      } else if (type === RParen) depth--;
      else if (type === NumberTok) shape |= hasDot(text, t.startOffset, t.endOffset!) ? SHAPE_WEIGHT | SHAPE_DOTTED_NUMBER : SHAPE_WEIGHT;
      if (t.flags & F_BAD) lexBad = true;
      prevType = type;
      prevEnd = t.endOffset!;
      n++;
    }
    // One token array per (small) length, reused: resizing one array per dentry costs more than the parse.
    let tokens = n <= 64 ? tokenArrays[n] : undefined;
    if (tokens === undefined) {
      tokens = [];
      for (let i = 0; i < n; i++) tokens.push(scanner.token(i));
      if (n <= 64) tokenArrays[n] = tokens;
    } else for (let i = 0; i < n; i++) tokens[i] = scanner.token(i);
    const semiStart = semicolon ? semicolon.startOffset : -1;
    const afterSemi = scanner.pos;

    let ok = false;
    let consumed = 0;
    // After a broken dentry, ask Finagle's parser first: it is much cheaper than chevrotain at failing (exceptions
    // unwinding through every rule), and broken dentries tend to come in runs (a half-typed or foreign file).
    let strict: StrictResult<Dentry> | undefined;
    if (strictFirst && n > 0) strict = read ?? runStrict(text, segStart, readDentryInDtab);
    // (Finagle stopping at the path after a newline only means the `;` is missing: chevrotain decides then.)
    const vetoed = strict !== undefined && !strict.ok && strict.error.offset !== newlinePath;
    if (n > 0 && !tooDeep && !lexBad && !vetoed && isWholeDentry(tokens, n)) {
      ok = true;
      consumed = n;
    } else if (n > 0 && !tooDeep && !lexBad && !vetoed) {
      parser.build = false;
      parser.input = tokens;
      // Chevrotain signals syntax errors with exceptions; without stack traces they cost far less.
      const stackTraceLimit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        parser.dentry();
        const errs = parser.errors;
        // A complete dentry followed by more tokens is chevrotain's NotAllInputParsedException: handled below.
        ok = errs.length === 0 || (errs.length === 1 && errs[0]!.name === 'NotAllInputParsedException');
        if (ok) consumed = parser.consumed();
      } catch {
        ok = false; // a BAD token met by the parser, a stack overflow, anything unforeseen: Finagle's parser decides
      } finally {
        Error.stackTraceLimit = stackTraceLimit;
      }
    }
    strictFirst = !(ok && consumed === n);
    if (newlinePath >= 0) {
      if (ok && consumed === n) {
        errors.push(missingSemicolon(text, segStart, newlinePath));
        dentries.push(new LazyDentryNode(text, segStart, tokens[n - 1]!.endOffset!, -1, shape));
      } else failDentry(text, segStart, tokens, n, undefined, dentries, errors, strict ?? read);
      scanner.pos = newlinePath;
      continue;
    }
    if (ok && consumed === n) {
      const node = new LazyDentryNode(text, segStart, tokens[n - 1]!.endOffset!, semiStart, shape);
      // `prefix => path` without escapes, the commonest shape: its value is read off the text (see `value`).
      if (n === 3 && tokens[2]!.tokenType === PathTok && ((tokens[0]!.flags | tokens[2]!.flags) & F_ESCAPE) === 0)
        node.plainPaths = true;
      dentries.push(node);
    } else if (ok && tokens[consumed]!.tokenType === PathTok) {
      const next = tokens[consumed]!;
      const prevEnd = tokens[consumed - 1]!.endOffset!;
      if (hasLineBreak(text, prevEnd, next.startOffset)) {
        // A complete dentry, then a path on a later line: the `;` is missing. Resume at that path.
        const at = next.startOffset;
        errors.push(missingSemicolon(text, segStart, at));
        // (`shape` saw the tokens after the dentry too: a superset, which only costs the checks time)
        dentries.push(new LazyDentryNode(text, segStart, tokens[consumed - 1]!.endOffset!, -1, shape));
        scanner.pos = at;
        continue;
      }
      failDentry(text, segStart, tokens, n, semiStart < 0 ? undefined : { start: semiStart, end: semiStart + 1 }, dentries, errors, strict ?? read);
    } else {
      failDentry(text, segStart, tokens, n, semiStart < 0 ? undefined : { start: semiStart, end: semiStart + 1 }, dentries, errors, strict ?? read);
    }
    scanner.pos = afterSemi;
    // A `;` must be followed by a dentry, or by trivia and the end (one trailing `;` is allowed).
  }
  // `…;` followed by nothing is fine; `;` right at the start, or `;;`, produced an empty slot above (an error).
  // The shared parser must not keep this text (or its tokens) alive once the document is dropped.
  parser.text = '';
  parser.input = [];
  return { text, dentries, comments: scanner.comments, errors };
}

/**
 * Whether the n tokens (none BAD, nesting within MAX_NESTING) form exactly one dentry of the grammar in
 * parser-chevrotain.ts: `Path "=>"` then members (`[Number "*"] simple`) joined by `|` or `&`, where a simple is a
 * path, `!`, `~`, `$`, or a parenthesised tree. The grammar needs only a depth counter, so this one pass over the
 * token types answers for the common valid dentry what the chevrotain parser would, without it. `false` means
 * "not sure": chevrotain then decides (errors, a dentry followed by more tokens).
 */
function isWholeDentry(tokens: readonly DtabToken[], n: number): boolean {
  if (n < 3 || tokens[0]!.tokenType !== PathTok || tokens[1]!.tokenType !== Arrow) return false;
  let depth = 0;
  let i = 2;
  for (;;) {
    // A member: an optional weight, then `(` (a nested tree starts with a member again) or an atom.
    let type = tokens[i]!.tokenType;
    if (type === NumberTok) {
      if (i + 2 >= n || tokens[i + 1]!.tokenType !== Star) return false;
      i += 2;
      type = tokens[i]!.tokenType;
    }
    if (type === LParen) {
      depth++;
      if (++i >= n) return false;
      continue;
    }
    if (type !== PathTok && type !== Bang && type !== Tilde && type !== Dollar) return false;
    i++;
    // After an atom or a `)`: closing parentheses, then the end, or `|`/`&` and the next member.
    while (i < n && depth > 0 && tokens[i]!.tokenType === RParen) {
      depth--;
      i++;
    }
    if (i === n) return depth === 0;
    type = tokens[i]!.tokenType;
    if ((type !== Pipe && type !== Amp) || ++i >= n) return false;
  }
}

/**
 * A dentry that parsed: its offsets and shape are kept; the syntax tree (prefix, arrow, dst) is built by the
 * chevrotain parser on first access, and the value by Finagle's parser on first access (unless the parse built it:
 * `values: true`, until a check takes it). This keeps the memory and the garbage collector's work per dentry close
 * to JSON.parse's, and unused trees are never built.
 */
class LazyDentryNode implements DentryNode {
  private parts: DentryParts | undefined;
  /** The dentry is `prefix => path` with no escapes: its value is split off the text, no parser needed. */
  plainPaths = false;

  constructor(
    private readonly text: string,
    /** The span's offsets (`span` makes a new object on each call). */
    readonly start: number,
    readonly end: number,
    /** The offset of the `;` after the dentry, or -1. */
    private readonly semi: number,
    /** SHAPE_* bits: what the parser saw in the dentry. */
    readonly shape: number,
    /** The value, when the parse built it (or once asked for). */
    private dentry: Dentry | undefined = undefined,
  ) {}

  get semicolon(): Span | undefined {
    return this.semi < 0 ? undefined : { start: this.semi, end: this.semi + 1 };
  }
  get span(): Span {
    return { start: this.start, end: this.end };
  }
  get prefix(): PrefixNode {
    return (this.parts ??= buildParts(this.text, this.start, this.end)).prefix;
  }
  get arrow(): Span {
    return (this.parts ??= buildParts(this.text, this.start, this.end)).arrow;
  }
  get dst(): TreeNode {
    return (this.parts ??= buildParts(this.text, this.start, this.end)).dst;
  }
  get value(): Dentry {
    return (this.dentry ??= this.readValue());
  }
  /** The value, built if it was not, and not kept on the node afterwards. */
  takeValue(): Dentry {
    const value = this.dentry ?? this.readValue();
    this.dentry = undefined;
    return value;
  }
  private readValue(): Dentry {
    if (this.plainPaths) return plainDentry(this.text, this.start, this.end);
    // Parsed in place: the labels are interned copies (label-intern.ts), so the value pins no document.
    // The dentry was validated when the document was parsed, so this cannot fail.
    return readValidDentry(this.text, this.start) ?? { prefix: [], dst: NEG };
  }
  toJSON(): object {
    return { span: this.span, prefix: this.prefix, arrow: this.arrow, dst: this.dst, semicolon: this.semicolon, value: this.value };
  }
}

const readDentryInDtab = (p: FinagleParser): Dentry => p.parseDentryInDtab();

/** The end of text[from, to) without its trailing whitespace (Java's; the caller knows there is no comment). */
function trimEnd(text: string, from: number, to: number): number {
  while (to > from && isJavaWhitespace(text.charCodeAt(to - 1))) to--;
  return to;
}

const isPathChar = (c: number) => c === 0x2f || (c < 128 && SHOWABLE[c] === 1);

/**
 * The value of a validated `prefix => path` dentry without escapes, from its text: the prefix is the run of path
 * chars (and `*`) from the start, the destination the run of path chars before the end. Labels are then plain
 * ASCII, equal to what Finagle's parser decodes.
 */
function plainDentry(text: string, start: number, end: number): Dentry {
  let prefixEnd = start + 1;
  for (let c = text.charCodeAt(prefixEnd); isPathChar(c) || c === 0x2a; c = text.charCodeAt(++prefixEnd));
  let dstStart = end - 1;
  while (isPathChar(text.charCodeAt(dstStart - 1))) dstStart--;
  const prefix: (string | typeof AnyElem)[] = splitPath(text, start, prefixEnd);
  for (let i = 0; i < prefix.length; i++) if (prefix[i] === '*') prefix[i] = AnyElem;
  return { prefix, dst: { kind: 'leaf', value: splitPath(text, dstStart, end) } };
}

/**
 * The labels of `/a/b` written at text[from, to) (`/` alone is the empty path), each sliced straight off the
 * text and interned (one shared string per distinct label, none pinning the document).
 */
function splitPath(text: string, from: number, to: number): string[] {
  if (to - from <= 1) return [];
  const labels = scratchLabels;
  let start = from + 1;
  let hash = FNV_OFFSET;
  for (let i = start; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 0x2f;
    if (c !== 0x2f) {
      hash = fnvStep(hash, c);
      continue;
    }
    labels.push(internRange(text, start, i, hash));
    start = i + 1;
    hash = FNV_OFFSET;
  }
  // An exact-size copy: an array grown by push from empty keeps room for 17 labels.
  const path = labels.slice();
  labels.length = 0;
  return path;
}
const scratchLabels: string[] = [];

/**
 * `text.slice(from, to)` as a string of its own: values and keys that outlive the document (a checker's memo)
 * must not pin every version of a large file.
 */
export function detachedSlice(text: string, from: number, to: number): string {
  return detachString(text.slice(from, to));
}

export { SHAPE_DOTTED_NUMBER, SHAPE_PARENTHESES, SHAPE_WEIGHT } from './parser-finagle.js';

/**
 * What the parser saw in an error-free dentry parsed by `parseDtab` (SHAPE_* bits), or undefined for a node
 * built otherwise. Lets a check rule itself out without building the syntax tree.
 */
export function destinationShape(node: DentryNode): number | undefined {
  return node instanceof LazyDentryNode ? node.shape : undefined;
}

function hasDot(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 0x2e) return true;
  return false;
}

/** Where a dentry node starts and ends, without making a span object for a lazily parsed one. */
export function dentryStart(node: DentryNode): number {
  return node instanceof LazyDentryNode ? node.start : node.span.start;
}
export function dentryEnd(node: DentryNode): number {
  return node instanceof LazyDentryNode ? node.end : node.span.end;
}

/**
 * A dentry's value, not kept on a lazily parsed node afterwards (one the parse built is taken off it; `value`
 * builds it again if asked): a check that remembers nothing then leaves values that die young, instead of values
 * that live as long as the document and that the garbage collector copies.
 */
export function transientValue(node: DentryNode): Dentry | undefined {
  return node instanceof LazyDentryNode ? node.takeValue() : node.value;
}

/** Whether a dentry node has a value (no syntax error), without building the value of a lazily parsed one. */
export function hasValue(node: DentryNode): boolean {
  return node instanceof LazyDentryNode || node.value !== undefined;
}

/** Re-scans a validated dentry (its tokens up to `end`) and builds its syntax tree with the chevrotain parser. */
function buildParts(text: string, start: number, end: number): DentryParts {
  const scanner = new DtabScanner(text);
  scanner.pos = start;
  const tokens: DtabToken[] = [];
  let prefixMode = true;
  for (let i = 0; scanner.pos < end; i++) {
    const t = scanner.token(i);
    scanner.scan(t, prefixMode);
    scanner.skipTrivia();
    if (t.tokenType === Arrow) prefixMode = false;
    tokens.push(t);
  }
  const parser = dentryParser();
  const savedText = parser.text;
  parser.text = text;
  parser.build = true;
  parser.input = tokens;
  try {
    return parser.dentry();
  } finally {
    parser.text = savedText;
  }
}

/** Records the error of a dentry that did not parse (Finagle's wording, in context) and a partial DentryNode. */
/** The error for a complete dentry followed, on a later line, by a path at `at` (the `;` between them is missing). */
function missingSemicolon(text: string, segStart: number, at: number): SyntaxError {
  const strict = runStrict(text, segStart, readDentryInDtab);
  const message = strict.ok ? `end of input expected but '/' found` : strict.error.message;
  return { code: 'dtab/missing-semicolon', span: { start: at, end: at + 1 }, message: `${message}: ${MISSING_SEMICOLON_HINT}` };
}

function failDentry(
  text: string,
  segStart: number,
  tokens: readonly DtabToken[],
  n: number,
  semicolon: Span | undefined,
  dentries: DentryNode[],
  errors: SyntaxError[],
  known: StrictResult<Dentry> | undefined,
): void {
  const strict = known ?? runStrict(text, segStart, readDentryInDtab);
  if (!strict.ok) {
    const e = strict.error;
    errors.push({ code: e.code, span: { start: e.start, end: e.end }, message: e.message });
  }
  // else: Finagle accepts what the chevrotain parser could not build (it should not happen: the property tests
  // check the two agree). The dentry keeps Finagle's value, with a placeholder destination node below.
  // A partial node when the slot at least starts like a dentry (a prefix), for ranges and outlines.
  const first = tokens[0];
  if (n === 0 || first === undefined || first.tokenType !== PathTok) return;
  const prefixEnd = first.endOffset!;
  const prefix: PrefixNode = {
    span: { start: first.startOffset, end: prefixEnd },
    elems: first.flags & F_BAD ? [] : prefixElems(text, first.startOffset, prefixEnd, (first.flags & F_ESCAPE) !== 0),
  };
  const second = tokens[1];
  const arrow: Span =
    second !== undefined && second.tokenType === Arrow
      ? { start: second.startOffset, end: second.endOffset! }
      : { start: prefixEnd, end: prefixEnd };
  const last = tokens[n - 1]!;
  const dstStart = n > 2 ? tokens[2]!.startOffset : arrow.end;
  // The destination could not be parsed: an `empty` placeholder spanning its text (no value is given anyway).
  const dst: TreeNode = { kind: 'empty', span: { start: dstStart, end: Math.max(dstStart, last.endOffset!) } };
  dentries.push({
    span: { start: prefix.span.start, end: Math.max(prefix.span.end, last.endOffset!) },
    prefix,
    arrow,
    dst,
    ...(semicolon ? { semicolon } : {}),
    ...(strict.ok ? { value: strict.value } : {}),
  });
}

/** Finagle's display string (the input with the char at `offset` bracketed), for messages built elsewhere. */
export function displayAt(text: string, offset: number): string {
  return finagleDisplay(text, offset);
}
