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

/** Ints per member in `UnionScan.rows`: its weight's start and end (-1, -1 without one), its tree's start and end. */
const ROW = 4;

/**
 * The members of a flat destination as offsets in reused typed arrays (nothing per member): `members` rows of
 * `rows` (weight start, weight end, tree start, tree end; a member ends where its tree does) and `groups`
 * alternatives, alternative g holding the members before `groupEnds[g]`. Valid until the next `scan`.
 */
export class UnionScan {
  rows = new Int32Array(16 * ROW);
  groupEnds = new Int32Array(8);
  members = 0;
  groups = 0;

  /**
   * Reads the error-free dentry text[start, end) (as `parseDtab` delimits it: from its prefix to the end of its
   * last token); false when its destination is not of the flat form (the caller then walks the syntax tree).
   */
  scan(text: string, start: number, end: number): boolean {
    this.members = 0;
    this.groups = 0;
    // The prefix: one path token (its `*` elements included), then trivia and `=>`.
    if (text.charCodeAt(start) !== 0x2f) return false;
    let i = start + 1;
    while (i < end && (isPathChar(text.charCodeAt(i)) || text.charCodeAt(i) === 0x2a)) i++;
    i = skipTrivia(text, i, end);
    if (i + 1 >= end || text.charCodeAt(i) !== 0x3d || text.charCodeAt(i + 1) !== 0x3e) return false;
    i += 2;

    let state = MEMBER;
    let weightStart = -1;
    let weightEnd = -1;
    for (;;) {
      i = skipTrivia(text, i, end);
      if (i >= end) break;
      const c = text.charCodeAt(i);
      const tokenStart = i++;
      if (c === 0x2f || c === 0x21 || c === 0x7e || c === 0x24) {
        // A simple tree: a path, `!`, `~` or `$`.
        if (state !== MEMBER && state !== TREE) return false;
        if (c === 0x2f) while (i < end && isPathChar(text.charCodeAt(i))) i++;
        this.addMember(weightStart, weightEnd, tokenStart, i);
        weightStart = weightEnd = -1;
        state = AFTER;
      } else if (isNumberChar(c)) {
        if (state !== MEMBER) return false;
        while (i < end && isNumberChar(text.charCodeAt(i))) i++;
        weightStart = tokenStart;
        weightEnd = i;
        state = STAR;
      } else if (c === 0x2a /* * */) {
        if (state !== STAR) return false;
        state = TREE;
      } else if (c === 0x26 /* & */) {
        if (state !== AFTER) return false;
        state = MEMBER;
      } else if (c === 0x7c /* | */) {
        if (state !== AFTER) return false;
        this.endGroup();
        state = MEMBER;
      } else return false;
    }
    if (state !== AFTER) return false;
    this.endGroup();
    return true;
  }

  private addMember(weightStart: number, weightEnd: number, treeStart: number, treeEnd: number): void {
    let rows = this.rows;
    const at = this.members * ROW;
    if (at + ROW > rows.length) {
      rows = new Int32Array(rows.length * 2);
      rows.set(this.rows);
      this.rows = rows;
    }
    rows[at] = weightStart;
    rows[at + 1] = weightEnd;
    rows[at + 2] = treeStart;
    rows[at + 3] = treeEnd;
    this.members++;
  }

  private endGroup(): void {
    if (this.groups === this.groupEnds.length) {
      const grown = new Int32Array(this.groupEnds.length * 2);
      grown.set(this.groupEnds);
      this.groupEnds = grown;
    }
    this.groupEnds[this.groups++] = this.members;
  }

  /** Where member m's weight starts (-1 without one) and ends. */
  weightStart(m: number): number {
    return this.rows[m * ROW]!;
  }
  weightEnd(m: number): number {
    return this.rows[m * ROW + 1]!;
  }
  /** Where member m's tree starts; and where it ends, which is where the member ends. */
  treeStart(m: number): number {
    return this.rows[m * ROW + 2]!;
  }
  treeEnd(m: number): number {
    return this.rows[m * ROW + 3]!;
  }
  /** Where member m starts: at its weight, or its tree. */
  memberStart(m: number): number {
    const w = this.rows[m * ROW]!;
    return w >= 0 ? w : this.rows[m * ROW + 2]!;
  }

  /**
   * Members from..to-1 (one alternative) as the union node the syntax tree has for them: undefined for a single
   * member without a weight (no union node).
   */
  union(text: string, from: number, to: number): WrittenUnion | undefined {
    if (to - from < 2 && this.weightStart(from) < 0) return undefined;
    const members: WrittenMember[] = [];
    for (let m = from; m < to; m++) {
      const tree = { span: { start: this.treeStart(m), end: this.treeEnd(m) } };
      const ws = this.weightStart(m);
      if (ws < 0) members.push({ span: tree.span, tree });
      else {
        const written = text.slice(ws, this.weightEnd(m));
        const weight = { span: { start: ws, end: this.weightEnd(m) }, value: Number(written), text: written };
        members.push({ span: { start: ws, end: tree.span.end }, weight, tree });
      }
    }
    return { span: { start: members[0]!.span.start, end: members[members.length - 1]!.span.end }, members };
  }
}

/**
 * The union nodes of the error-free dentry text[start, end) (as `parseDtab` delimits it: from its prefix to the
 * end of its last token), in source order, when its destination has no parentheses; undefined when the text is
 * not of that form (the caller then walks the syntax tree).
 */
export function scanWrittenUnions(text: string, start: number, end: number): WrittenUnion[] | undefined {
  const scan = new UnionScan();
  if (!scan.scan(text, start, end)) return undefined;
  const unions: WrittenUnion[] = [];
  for (let g = 0, from = 0; g < scan.groups; from = scan.groupEnds[g++]!) {
    const union = scan.union(text, from, scan.groupEnds[g]!);
    if (union !== undefined) unions.push(union);
  }
  return unions;
}
