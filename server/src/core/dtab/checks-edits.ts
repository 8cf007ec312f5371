// Text edits that the checks offer as fixes (removing a dentry, a union member, a weight). Pure.

import type { DentryNode, Span } from './ast.js';
import type { Fix, TextEdit } from '../diagnostic.js';

/** What the edits need of a union member (a WeightedNode is one): its span, its weight's, its tree's. */
export interface MemberSpans {
  readonly span: Span;
  readonly weight?: { readonly span: Span };
  readonly tree: { readonly span: Span };
}

const isBlank = (c: number) => c === 0x20 || c === 0x09;
const isLineBreak = (c: number) => c === 0x0a || c === 0x0d;

/**
 * Deletes a dentry with its `;`. When that leaves its line(s) empty, the whole line goes too, so a
 * one-dentry-per-line file stays tidy; a comment after the `;` is kept.
 */
export function removeDentryEdit(text: string, dentry: DentryNode): TextEdit {
  let start = dentry.span.start;
  let end = dentry.semicolon ? dentry.semicolon.end : dentry.span.end;
  while (end < text.length && isBlank(text.charCodeAt(end))) end++;
  let lineStart = start;
  while (lineStart > 0 && isBlank(text.charCodeAt(lineStart - 1))) lineStart--;
  const startsLine = lineStart === 0 || isLineBreak(text.charCodeAt(lineStart - 1));
  const endsLine = end === text.length || isLineBreak(text.charCodeAt(end));
  if (startsLine && endsLine) {
    start = lineStart;
    if (text.charCodeAt(end) === 0x0d) end++;
    if (text.charCodeAt(end) === 0x0a) end++;
  }
  return { span: { start, end }, newText: '' };
}

export function removeDentryFix(text: string, dentry: DentryNode, preferred = false): Fix {
  return { title: 'Remove this dentry', edits: [removeDentryEdit(text, dentry)], preferred };
}

/** Deletes member `index` of a union together with the `&` that joins it to a neighbour. */
export function removeUnionMemberEdit(members: readonly MemberSpans[], index: number): TextEdit {
  const span: Span =
    index > 0
      ? { start: members[index - 1]!.span.end, end: members[index]!.span.end }
      : { start: members[0]!.span.start, end: members[1]!.span.start };
  return { span, newText: '' };
}

/** The span of a member's weight up to and including its `*` (e.g. `2 *` in `2 * /a`). */
export function weightWithStarSpan(text: string, member: MemberSpans): Span | undefined {
  if (!member.weight) return undefined;
  const star = text.indexOf('*', member.weight.span.end);
  const end = star >= 0 && star < member.tree.span.start ? star + 1 : member.weight.span.end;
  return { start: member.weight.span.start, end };
}

/** Deletes a member's weight, its `*` and the blanks before the tree: `2 * /a` becomes `/a`. */
export function dropWeightEdit(member: MemberSpans): TextEdit | undefined {
  if (!member.weight) return undefined;
  return { span: { start: member.weight.span.start, end: member.tree.span.start }, newText: '' };
}
