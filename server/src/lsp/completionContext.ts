// Where the cursor is, for completion: typing a path (and which segments are already complete), in a prefix or
// a destination, or between tokens. A text scan, not the parse tree: while typing, the dentry under the cursor is
// usually malformed and the parser has little to say about it.

import { hexValue, isJavaWhitespace, isShowable } from '../core/dtab/chars.js';

export interface CompletionContext {
  /** Left of `=>` (a dentry prefix) or right of it (a destination). */
  readonly side: 'prefix' | 'dst';
  /** When the cursor is in a path being typed: its complete segments (decoded labels) and the partial one. */
  readonly path?: {
    readonly complete: readonly string[];
    readonly partial: string;
    /** Region offset where the partial segment starts (the replace range is [partialStart, offset)). */
    readonly partialStart: number;
    /** Region offset of the path's leading `/`. */
    readonly start: number;
  };
  /** True when a comment runs up to the cursor (no completion there). */
  readonly inComment: boolean;
}

/** How far back the scan looks for `;` or `=>`; a dentry longer than this is treated as a destination. */
const MAX_SCAN = 20_000;

const isPathChar = (c: number): boolean => isShowable(c) || c === 0x2f /* / */ || c === 0x5c /* \ */ || c === 0x2a /* * */;

export function completionContext(text: string, offset: number): CompletionContext {
  let wordStart = offset;
  while (wordStart > 0 && isPathChar(text.charCodeAt(wordStart - 1))) wordStart--;
  // `#` after a label char is part of the label, but `#` at the start of a word is a comment: handled below.
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const inComment = commentStart(text, lineStart, offset) >= 0;
  const side = sideAt(text, wordStart);
  const word = text.slice(wordStart, offset);
  const slash = word.indexOf('/');
  if (slash < 0) return { side, inComment };
  // A path starts at its first `/`; anything glued before it (e.g. a weight `2*`) is not part of it.
  const start = wordStart + slash;
  const pathText = text.slice(start, offset);
  const parts = pathText.slice(1).split('/');
  const partial = parts.pop() ?? '';
  return {
    side,
    inComment,
    path: {
      complete: parts.map(decodeLabel),
      partial,
      partialStart: offset - partial.length,
      start,
    },
  };
}

/** Decodes `\xHH` escapes of a label as typed (malformed escapes are kept as text). */
export function decodeLabel(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const hi = hexValue(raw.charCodeAt(i + 2));
    const lo = hexValue(raw.charCodeAt(i + 3));
    if (raw[i] === '\\' && raw[i + 1] === 'x' && hi >= 0 && lo >= 0) {
      out += String.fromCharCode(hi * 16 + lo);
      i += 3;
    } else out += raw[i];
  }
  return out;
}

/** Scans back from `offset` (skipping comments) to the nearest `;` or `=>`. */
function sideAt(text: string, offset: number): 'prefix' | 'dst' {
  const limit = Math.max(0, offset - MAX_SCAN);
  let end = offset;
  while (end > limit) {
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    const comment = commentStart(text, lineStart, end);
    const codeEnd = comment >= 0 ? comment : end;
    for (let i = codeEnd - 1; i >= lineStart; i--) {
      const c = text.charCodeAt(i);
      if (c === 0x3b /* ; */) return 'prefix';
      if (c === 0x3e /* > */ && text.charCodeAt(i - 1) === 0x3d /* = */) return 'dst';
    }
    end = lineStart - 1;
  }
  return offset - MAX_SCAN > 0 ? 'dst' : 'prefix';
}

/**
 * Where a comment starts on the line [lineStart, end), or -1. A `#` starts a comment only where the parser skips
 * whitespace: at the line start, after whitespace, or after a delimiter; glued to a label it is a label character.
 */
function commentStart(text: string, lineStart: number, end: number): number {
  for (let i = lineStart; i < end; i++) {
    if (text.charCodeAt(i) !== 0x23 /* # */) continue;
    const prev = i > lineStart ? text.charCodeAt(i - 1) : 0x20;
    if (isJavaWhitespace(prev) || ';|&()>*'.includes(String.fromCharCode(prev))) return i;
  }
  return -1;
}
