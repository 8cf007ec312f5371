// Document and range formatting of `.dtab` files with the engine's formatter (one dentry per line, `=>` aligned,
// comments kept). The engine refuses documents with syntax errors; on top of that, a result that would change the
// dtab's meaning is refused here too: formatting must never change routing.

import type { Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DtabDocument } from '../../core/dtab/ast.js';
import { formatDtabDocument, formatDtabRange } from '../../core/dtab/format.js';
import { parseDtab, toDtab } from '../../core/dtab/parse.js';
import { showDtab } from '../../core/dtab/show.js';

export function formatDocument(document: TextDocument, parsed: DtabDocument): TextEdit[] {
  const formatted = formatDtabDocument(parsed);
  if (formatted === undefined || !sameMeaning(parsed.text, formatted)) return [];
  return minimalEdit(document, 0, parsed.text, formatted);
}

/** Formats the dentries the range touches, aligning `=>` within them only. */
export function formatRange(document: TextDocument, parsed: DtabDocument, range: Range): TextEdit[] {
  const r = formatDtabRange(parsed, document.offsetAt(range.start), document.offsetAt(range.end));
  if (!r) return [];
  const text = parsed.text;
  const after = text.slice(0, r.span.start) + r.newText + text.slice(r.span.end);
  if (!sameMeaning(text, after)) return [];
  return minimalEdit(document, r.span.start, text.slice(r.span.start, r.span.end), r.newText);
}

/** Both texts parse without errors to the same dtab. */
function sameMeaning(before: string, after: string): boolean {
  const a = parseDtab(after);
  if (a.errors.length > 0) return false;
  return showDtab(toDtab(a)) === showDtab(toDtab(parseDtab(before)));
}

/** One edit covering only what changed between `before` (at `base` in the document) and `after`. */
function minimalEdit(document: TextDocument, base: number, before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let head = 0;
  const max = Math.min(before.length, after.length);
  while (head < max && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < max - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return [
    {
      range: { start: document.positionAt(base + head), end: document.positionAt(base + before.length - tail) },
      newText: after.slice(head, after.length - tail),
    },
  ];
}
