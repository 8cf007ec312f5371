// The hand-written scanner that feeds the chevrotain parser (parse.ts). It works on one dentry at a time, into a
// reused token buffer, so the working set stays small however long the file is (spec perf-notes.md).
//
// Token boundaries follow Finagle's character-level parser (spec §1.3-§1.4):
//   - whitespace is Java's (`isJavaWhitespace`), and a `#` at a token start begins a comment up to the next LF;
//   - a path is ONE token: `/` then labels separated by `/`, no whitespace inside. In PREFIX mode (before `=>`) an
//     element may be a whole `*`; in DESTINATION mode `*` ends the path. A `#` inside a path is a label char;
//   - `=>` is one token; a number is one token (Java digits and dots, greedy, as Finagle reads it);
//   - anything else that can't start a token becomes a one-char BAD token.
// Lexical problems (a bad escape, a dangling `/`, a second `.` in a number, non-ASCII digits) mark the token BAD
// through `flags`; the exact Finagle message is then computed by parser-finagle.ts.

import { createToken, Lexer, type IToken, type TokenType } from './chevrotain-runtime.js';
import type { CommentNode } from './ast.js';
import { isAsciiDigit, isJavaDigit, isJavaWhitespace, SHOWABLE } from './chars.js';

export const PathTok = createToken({ name: 'Path', pattern: Lexer.NA });
export const Arrow = createToken({ name: 'Arrow', pattern: Lexer.NA });
export const Pipe = createToken({ name: 'Pipe', pattern: Lexer.NA });
export const Amp = createToken({ name: 'Amp', pattern: Lexer.NA });
export const Star = createToken({ name: 'Star', pattern: Lexer.NA });
export const LParen = createToken({ name: 'LParen', pattern: Lexer.NA });
export const RParen = createToken({ name: 'RParen', pattern: Lexer.NA });
export const Bang = createToken({ name: 'Bang', pattern: Lexer.NA });
export const Tilde = createToken({ name: 'Tilde', pattern: Lexer.NA });
export const Dollar = createToken({ name: 'Dollar', pattern: Lexer.NA });
export const NumberTok = createToken({ name: 'Number', pattern: Lexer.NA });
export const Semi = createToken({ name: 'Semi', pattern: Lexer.NA });
export const Bad = createToken({ name: 'Bad', pattern: Lexer.NA });

export const allTokenTypes: TokenType[] = [
  PathTok,
  Arrow,
  Pipe,
  Amp,
  Star,
  LParen,
  RParen,
  Bang,
  Tilde,
  Dollar,
  NumberTok,
  Semi,
  Bad,
];

/** Token flags. */
export const F_ESCAPE = 1; // a path with at least one `\xHH` escape
export const F_WILDCARD = 2; // a prefix path with a `*` element
export const F_BAD = 4; // a lexical error inside the token

/** The scanner's tokens: chevrotain's IToken plus our flags. Objects are pooled and reused per dentry. */
export interface DtabToken extends IToken {
  flags: number;
}

const SINGLE: (TokenType | undefined)[] = [];
SINGLE[0x7c] = Pipe;
SINGLE[0x26] = Amp;
SINGLE[0x2a] = Star;
SINGLE[0x28] = LParen;
SINGLE[0x29] = RParen;
SINGLE[0x21] = Bang;
SINGLE[0x7e] = Tilde;
SINGLE[0x24] = Dollar;
SINGLE[0x3b] = Semi;

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

export class DtabScanner {
  pos = 0;
  /** Comments seen so far, in order (each recorded once even if the driver re-scans a region). */
  readonly comments: CommentNode[] = [];
  private commentHigh = -1;
  private readonly pool: DtabToken[] = [];

  constructor(readonly text: string) {}

  /** Skips whitespace and comments (recording the comments). */
  skipTrivia(): void {
    const s = this.text;
    const n = s.length;
    let i = this.pos;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x23 /* # */) {
        let j = s.indexOf('\n', i + 1);
        if (j < 0) j = n;
        if (i > this.commentHigh) {
          this.comments.push({ span: { start: i, end: j }, text: s.slice(i, j) });
          this.commentHigh = i;
        }
        i = j;
      } else if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c > 0x7f && isJavaWhitespace(c)) || (c >= 0x1c && c <= 0x1f)) {
        i++;
      } else break;
    }
    this.pos = i;
  }

  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** The i-th pooled token object, created on first use. */
  token(i: number): DtabToken {
    let t = this.pool[i];
    if (t === undefined) {
      t = {
        image: '',
        startOffset: 0,
        endOffset: 0,
        startLine: undefined,
        startColumn: undefined,
        endLine: undefined,
        endColumn: undefined,
        tokenTypeIdx: 0,
        tokenType: Bad,
        flags: 0,
      };
      this.pool[i] = t;
    }
    return t;
  }

  /**
   * Scans the token at `pos` (trivia already skipped, not at the end) into `t`. `prefixMode` allows `*` path
   * elements. `endOffset` is exclusive here (chevrotain's own lexer makes it inclusive; we never use its lexer).
   */
  scan(t: DtabToken, prefixMode: boolean): void {
    const s = this.text;
    const start = this.pos;
    const c = s.charCodeAt(start);
    t.startOffset = start;
    t.flags = 0;
    let type: TokenType;
    let i = start + 1;
    if (c === 0x2f /* / */) {
      type = PathTok;
      i = this.scanPath(t, start, prefixMode);
    } else if (c === 0x3d /* = */) {
      if (s.charCodeAt(i) === 0x3e) {
        type = Arrow;
        i++;
      } else type = Bad;
    } else if (c === 0x2e || isAsciiDigit(c) || (c > 0x7f && isJavaDigit(c))) {
      type = NumberTok;
      i = this.scanNumber(t, start);
    } else {
      type = (c < 0x80 ? SINGLE[c] : undefined) ?? Bad;
    }
    t.tokenType = type;
    t.tokenTypeIdx = type.tokenTypeIdx!;
    t.endOffset = i;
    this.pos = i;
  }

  private scanPath(t: DtabToken, start: number, prefixMode: boolean): number {
    const s = this.text;
    const n = s.length;
    let i = start + 1;
    let c = i < n ? s.charCodeAt(i) : -1;
    const isLabelStart = (ch: number): boolean => (ch < 128 && ch >= 0 && SHOWABLE[ch] === 1) || ch === 0x5c;
    if (!isLabelStart(c) && !(prefixMode && c === 0x2a)) return i; // `/` alone: the empty path
    for (;;) {
      // One element: `*` (prefix mode) or a label.
      if (prefixMode && c === 0x2a) {
        t.flags |= F_WILDCARD;
        i++;
      } else {
        let first = true;
        for (;;) {
          if (c >= 0 && c < 128 && SHOWABLE[c] === 1) i++;
          else if (c === 0x5c) {
            t.flags |= F_ESCAPE;
            if (s.charCodeAt(i + 1) !== 0x78 || !isHex(s.charCodeAt(i + 2)) || !isHex(s.charCodeAt(i + 3))) {
              t.flags |= F_BAD;
              return i + 1;
            }
            i += 4;
          } else if (first) {
            // `label char expected`: a `/` not followed by a label (e.g. `/foo/` or `/a//b`).
            t.flags |= F_BAD;
            return i;
          } else break;
          first = false;
          c = i < n ? s.charCodeAt(i) : -1;
        }
      }
      c = i < n ? s.charCodeAt(i) : -1;
      if (c !== 0x2f) return i;
      i++;
      c = i < n ? s.charCodeAt(i) : -1;
    }
  }

  private scanNumber(t: DtabToken, start: number): number {
    const s = this.text;
    const n = s.length;
    let i = start;
    let dots = 0;
    let ascii = true;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x2e) dots++;
      else if (isAsciiDigit(c)) {
        /* ok */
      } else if (c > 0x7f && isJavaDigit(c)) ascii = false;
      else break;
      i++;
    }
    if (dots > 1 || !ascii || (dots === 1 && i - start === 1)) t.flags |= F_BAD;
    return i;
  }
}
