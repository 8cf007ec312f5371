// The `&` unions of a dentry's destination read straight off its text, for the weight checks (checks-weights.ts),
// without building the syntax tree. Only for a destination without parentheses, which is flat: alternatives
// (`|`) of unions (`&`) of members `[number *] simple`, where simple is a path, `!`, `~` or `$`. The spans are
// those the chevrotain parser gives the same nodes (parser-chevrotain.ts). Pure.

import type { Span, WeightedNode } from './ast.js';
import { isJavaWhitespace, SHOWABLE } from './chars.js';

/** What the weight checks need of a union member: a WeightedNode is one; the scan makes lighter ones. */
export type WrittenMember = Pick<WeightedNode, 'span' | 'weight'> & { readonly tree: { readonly span: Span } };

/** A union node as the weight checks see it: two or more members, or one member with a weight (`2 * /a`). */
export interface WrittenUnion {
  readonly span: Span;
  readonly members: readonly WrittenMember[];
}

/** A char of a well-formed path token after its leading `/`: label chars, `/` and the `\` of an escape. */
const isPathChar = (c: number) => c < 128 && (SHOWABLE[c] === 1 || c === 0x2f || c === 0x5c);
const isNumberChar = (c: number) => (c >= 0x30 && c <= 0x39) || c === 0x2e;

/** The end of the whitespace and comments at `i` (bounded by `end`). */
function skipTrivia(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x23 /* # */) {
      const lf = text.indexOf('\n', i + 1);
      i = lf < 0 || lf > end ? end : lf;
    } else if (isJavaWhitespace(c)) i++;
    else return i;
  }
  return end;
}

/** Expected next: a member (a weight or a simple tree), the `*` after a weight, the tree after `*`, `&`/`|`/end. */
const MEMBER = 0;
const STAR = 1;
const TREE = 2;
const AFTER = 3;

/**
 * The union nodes of the error-free dentry text[start, end) (as `parseDtab` delimits it: from its prefix to the
 * end of its last token), in source order, when its destination has no parentheses; undefined when the text is
 * not of that form (the caller then walks the syntax tree).
 */
export function scanWrittenUnions(text: string, start: number, end: number): WrittenUnion[] | undefined {
  // The prefix: one path token (its `*` elements included), then trivia and `=>`.
  if (text.charCodeAt(start) !== 0x2f) return undefined;
  let i = start + 1;
  while (i < end && (isPathChar(text.charCodeAt(i)) || text.charCodeAt(i) === 0x2a)) i++;
  i = skipTrivia(text, i, end);
  if (i + 1 >= end || text.charCodeAt(i) !== 0x3d || text.charCodeAt(i + 1) !== 0x3e) return undefined;
  i += 2;

  const unions: WrittenUnion[] = [];
  let members: WrittenMember[] = [];
  let state = MEMBER;
  let weight: WrittenMember['weight'];
  for (;;) {
    i = skipTrivia(text, i, end);
    if (i >= end) break;
    const c = text.charCodeAt(i);
    const tokenStart = i++;
    if (c === 0x2f || c === 0x21 || c === 0x7e || c === 0x24) {
      // A simple tree: a path, `!`, `~` or `$`.
      if (state !== MEMBER && state !== TREE) return undefined;
      if (c === 0x2f) while (i < end && isPathChar(text.charCodeAt(i))) i++;
      const tree = { span: { start: tokenStart, end: i } };
      members.push(
        weight === undefined
          ? { span: tree.span, tree }
          : { span: { start: weight.span.start, end: i }, weight, tree },
      );
      weight = undefined;
      state = AFTER;
    } else if (isNumberChar(c)) {
      if (state !== MEMBER) return undefined;
      while (i < end && isNumberChar(text.charCodeAt(i))) i++;
      const written = text.slice(tokenStart, i);
      weight = { span: { start: tokenStart, end: i }, value: Number(written), text: written };
      state = STAR;
    } else if (c === 0x2a /* * */) {
      if (state !== STAR) return undefined;
      state = TREE;
    } else if (c === 0x26 /* & */) {
      if (state !== AFTER) return undefined;
      state = MEMBER;
    } else if (c === 0x7c /* | */) {
      if (state !== AFTER) return undefined;
      addUnion(unions, members);
      members = [];
      state = MEMBER;
    } else return undefined;
  }
  if (state !== AFTER) return undefined;
  addUnion(unions, members);
  return unions;
}

/** The members of one `|` alternative: a union node when there are two or more, or one with a weight. */
function addUnion(unions: WrittenUnion[], members: WrittenMember[]): void {
  const first = members[0]!;
  if (members.length > 1) unions.push({ span: { start: first.span.start, end: members[members.length - 1]!.span.end }, members });
  else if (first.weight !== undefined) unions.push({ span: first.span, members });
}
