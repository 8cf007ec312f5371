// The dtab pretty formatter. Style (documented for users in the README of the extension):
//
//   # own-line comments stay on their own line
//   /svc        => /#/io.l5d.fs;            # trailing comments stay trailing
//   /host/web   => 9 * /srv/blue & 1 * /srv/green;
//   /srv/*      => /#/io.l5d.k8s/prod | (/#/io.l5d.k8s/staging & /b);
//
//   - one dentry per line, `;` after each, `=>` aligned across the dentries (prefixes longer than ALIGN_CAP
//     characters are not padded, so one very long prefix does not push every arrow to the right);
//   - one space around `=>`, `|`, `&` and a weight's `*`; none inside parentheses;
//   - paths, labels and weights are kept exactly as written (`/\x66oo`, `.5`): only whitespace and comments move;
//   - a comment INSIDE a dentry stays where it is: the dentry then continues on the next line, indented;
//   - a blank line (or several) between two items becomes exactly one blank line; the file ends with one newline.
//
// The formatter never changes meaning (comments and whitespace are all it moves) and is idempotent. It refuses a
// document with syntax errors (returns undefined).

import type { CommentNode, DentryNode, DtabDocument, Span, TreeNode } from './ast.js';

export interface FormatOptions {
  /** Prefix for every line: a string, or a number of spaces (for dtabs embedded in YAML). Default: none. */
  readonly indent?: string | number;
}

/** Prefixes longer than this are not padded for `=>` alignment. */
export const ALIGN_CAP = 48;
/** Indentation of the continuation lines of a dentry broken by a comment. */
const CONTINUATION = '    ';

interface Piece {
  readonly text: string;
  /** Source span, to attach comments that follow it. */
  readonly end: number;
  /** Whether a space separates this piece from the previous one. */
  readonly space: boolean;
}

/** The destination as a list of pieces with canonical spacing. */
function treePieces(text: string, node: TreeNode, out: Piece[], space: boolean): void {
  switch (node.kind) {
    case 'leaf':
      out.push({ text: text.slice(node.path.span.start, node.path.span.end), end: node.span.end, space });
      return;
    case 'neg':
      out.push({ text: '~', end: node.span.end, space });
      return;
    case 'fail':
      out.push({ text: '!', end: node.span.end, space });
      return;
    case 'empty':
      out.push({ text: '$', end: node.span.end, space });
      return;
    case 'group':
      out.push({ text: '(', end: node.span.start + 1, space });
      treePieces(text, node.inner, out, false);
      out.push({ text: ')', end: node.span.end, space: false });
      return;
    case 'alt':
      node.members.forEach((m, i) => {
        if (i > 0) out.push({ text: '|', end: sepEnd(text, node.members[i - 1]!.span.end, '|'), space: true });
        treePieces(text, m, out, i > 0 || space);
      });
      return;
    case 'union':
      node.members.forEach((m, i) => {
        if (i > 0) out.push({ text: '&', end: sepEnd(text, node.members[i - 1]!.span.end, '&'), space: true });
        const sp = i > 0 || space;
        if (m.weight) {
          out.push({ text: m.weight.text, end: m.weight.span.end, space: sp });
          out.push({ text: '*', end: sepEnd(text, m.weight.span.end, '*'), space: true });
          treePieces(text, m.tree, out, true);
        } else treePieces(text, m.tree, out, sp);
      });
      return;
  }
}

/** The end of the separator char `c` that follows `from` (skipping whitespace and comments). */
function sepEnd(text: string, from: number, c: string): number {
  let i = from;
  let inComment = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (inComment) {
      if (ch === '\n') inComment = false;
    } else if (ch === '#') inComment = true;
    else if (ch === c) return i + 1;
    i++;
  }
  return from;
}

function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

function blankLineBetween(text: string, from: number, to: number): boolean {
  let lines = 0;
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) === 0x0a) lines++;
    else if (text.charCodeAt(i) === 0x23) return false; // a comment in between: decided per comment
  }
  return lines >= 2;
}

type Item =
  | { readonly kind: 'comment'; readonly comment: CommentNode }
  | {
      readonly kind: 'dentry';
      readonly dentry: DentryNode;
      readonly inner: CommentNode[];
      trailing?: CommentNode;
    };

function itemStart(it: Item): number {
  return it.kind === 'comment' ? it.comment.span.start : it.dentry.span.start;
}

/** Formats a whole document; undefined when it has syntax errors. */
export function formatDtabDocument(doc: DtabDocument, options: FormatOptions = {}): string | undefined {
  if (doc.errors.length > 0) return undefined;
  const lines = formatLines(doc, doc.dentries, doc.comments, 0, doc.text.length);
  const indent = typeof options.indent === 'number' ? ' '.repeat(options.indent) : (options.indent ?? '');
  if (lines.length === 0) return '';
  return lines.map((l) => (l === '' ? '' : indent + l)).join('\n') + '\n';
}

/**
 * Formats only the dentries that touch [start, end) (with the comments among and after them on their lines):
 * a replacement for the text from the first such dentry's start to the end of the last one's line. Alignment is
 * computed within those dentries. Undefined when the document has syntax errors or no dentry is touched.
 */
export function formatDtabRange(
  doc: DtabDocument,
  start: number,
  end: number,
): { readonly span: Span; readonly newText: string } | undefined {
  if (doc.errors.length > 0) return undefined;
  const text = doc.text;
  const touched = doc.dentries.filter((d) => d.span.start <= end && (d.semicolon?.end ?? d.span.end) >= start);
  if (touched.length === 0) return undefined;
  const from = touched[0]!.span.start;
  const last = touched[touched.length - 1]!;
  const lastEnd = last.semicolon?.end ?? last.span.end;
  let to = text.indexOf('\n', lastEnd);
  if (to < 0) to = text.length;
  // Stop before the next dentry if it starts on the same line.
  const next = doc.dentries[doc.dentries.indexOf(last) + 1];
  if (next && next.span.start < to) to = next.span.start;
  const comments = doc.comments.filter((c) => c.span.start >= from && c.span.start < to);
  const lines = formatLines(doc, touched, comments, from, to);
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, from))![0];
  let newText = lines.map((l, i) => (i === 0 || l === '' ? l : indent + l)).join('\n');
  if (next && next.span.start === to) newText += '\n' + indent;
  return { span: { start: from, end: to }, newText };
}

function formatLines(
  doc: DtabDocument,
  dentries: readonly DentryNode[],
  comments: readonly CommentNode[],
  from: number,
  to: number,
): string[] {
  const text = doc.text;
  // Interleave comments and dentries; attach inner and trailing comments to their dentry.
  const items: Item[] = [];
  let ci = 0;
  for (let di = 0; di < dentries.length; di++) {
    const d = dentries[di]!;
    while (ci < comments.length && comments[ci]!.span.start < d.span.start) {
      items.push({ kind: 'comment', comment: comments[ci++]! });
    }
    const inner: CommentNode[] = [];
    while (ci < comments.length && comments[ci]!.span.start < d.span.end) inner.push(comments[ci++]!);
    const item: Item = { kind: 'dentry', dentry: d, inner };
    items.push(item);
    // A trailing comment: the first comment after the dentry, on the line where its dst or its `;` ends.
    const nextStart = dentries[di + 1]?.span.start ?? to;
    const c = comments[ci];
    if (c && c.span.start < nextStart) {
      const semi = d.semicolon;
      const sameLineAsDst = !hasNewline(text, d.span.end, c.span.start);
      const sameLineAsSemi = semi !== undefined && semi.end <= c.span.start && !hasNewline(text, semi.end, c.span.start);
      if (sameLineAsDst || sameLineAsSemi) {
        item.trailing = c;
        ci++;
      }
    }
  }
  while (ci < comments.length) items.push({ kind: 'comment', comment: comments[ci++]! });

  // Alignment column.
  let width = 0;
  for (const d of dentries) {
    const w = d.prefix.span.end - d.prefix.span.start;
    if (w <= ALIGN_CAP && w > width) width = w;
  }

  const out: string[] = [];
  let prevEnd = -1;
  for (const it of items) {
    const start = itemStart(it);
    if (prevEnd >= 0 && blankLineBetween(text, prevEnd, start)) out.push('');
    if (it.kind === 'comment') {
      out.push(it.comment.text.trimEnd());
      prevEnd = it.comment.span.end;
      continue;
    }
    const d = it.dentry;
    const prefix = text.slice(d.prefix.span.start, d.prefix.span.end);
    const pieces: Piece[] = [];
    pieces.push({ text: prefix + ' '.repeat(Math.max(0, width - prefix.length)), end: d.prefix.span.end, space: false });
    pieces.push({ text: '=>', end: d.arrow.end, space: true });
    treePieces(text, d.dst, pieces, true);
    let line = '';
    let ii = 0;
    for (let pi = 0; pi < pieces.length; pi++) {
      const p = pieces[pi]!;
      if (line !== '' && line !== CONTINUATION && p.space) line += ' ';
      line += p.text;
      // Comments inside the dentry between this piece and the next: the line breaks after them.
      const nextStart = pi + 1 < pieces.length ? pieceStart(pieces[pi + 1]!) : Infinity;
      while (ii < it.inner.length && it.inner[ii]!.span.start < nextStart) {
        out.push(line.trimEnd() + ' ' + it.inner[ii]!.text.trimEnd());
        line = CONTINUATION;
        ii++;
      }
    }
    // Any inner comment not placed (should not happen) goes after the dentry as an own-line comment.
    const rest = it.inner.slice(ii);
    line = line.trimEnd() + ';';
    if (it.trailing) line += ' ' + it.trailing.text.trimEnd();
    out.push(line);
    for (const c of rest) out.push(c.text.trimEnd());
    prevEnd = it.trailing ? it.trailing.span.end : (d.semicolon?.end ?? d.span.end);
  }
  void from;
  return out;
}

/** The source start of a piece (never the padded prefix, which is the first piece). */
function pieceStart(p: Piece): number {
  return p.end - p.text.length;
}
