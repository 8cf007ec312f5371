// Document and range formatting of `.dtab` files with the engine's formatter (one dentry per line, `=>` aligned,
// comments kept). A formatting result that would change the dtab's meaning is refused: formatting must never
// change routing.

import type { Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DtabDocument } from '../../core/dtab/ast.js';
import { formatDtabDocument } from '../../core/dtab/format.js';
import { parseDtab, toDtab } from '../../core/dtab/parse.js';
import { showDtab } from '../../core/dtab/show.js';

export function formatDocument(document: TextDocument, parsed: DtabDocument): TextEdit[] {
  const formatted = formatSafely(parsed);
  if (formatted === undefined) return [];
  return minimalEdit(document, 0, parsed.text, formatted);
}

/**
 * Formats the dentries that the range touches (from the start of the first one's line to the end of the last one,
 * its `;` and the rest of that line), aligning `=>` within them only.
 */
export function formatRange(document: TextDocument, parsed: DtabDocument, range: Range): TextEdit[] {
  const text = parsed.text;
  const from = document.offsetAt(range.start);
  const to = document.offsetAt(range.end);
  const touched = parsed.dentries.filter((d) => d.span.end >= from && d.span.start <= to);
  if (touched.length === 0) return [];
  const first = touched[0]!;
  const last = touched[touched.length - 1]!;
  const start = text.lastIndexOf('\n', first.span.start - 1) + 1;
  const lastEnd = last.semicolon ? last.semicolon.end : last.span.end;
  const newline = text.indexOf('\n', lastEnd);
  const end = newline < 0 ? text.length : newline;
  const slice = text.slice(start, end);
  const sliceDoc = parseDtab(slice);
  let formatted = formatSafely(sliceDoc);
  if (formatted === undefined) return [];
  formatted = formatted.replace(/\n+$/, '');
  return minimalEdit(document, start, slice, formatted);
}

/** The formatted text, or undefined when the formatter failed or would change the parsed dtab. */
function formatSafely(parsed: DtabDocument): string | undefined {
  let formatted: string;
  try {
    formatted = formatDtabDocument(parsed);
  } catch {
    return undefined;
  }
  const after = parseDtab(formatted);
  if (after.errors.length !== parsed.errors.length) return undefined;
  if (parsed.errors.length === 0 && showDtab(toDtab(after)) !== showDtab(toDtab(parsed))) return undefined;
  return formatted;
}

/** One edit covering only what changed between `before` (at `base` in the document) and `after`. */
function minimalEdit(document: TextDocument, base: number, before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let head = 0;
  const max = Math.min(before.length, after.length);
  while (head < max && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (
    tail < max - head &&
    before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
  ) {
    tail++;
  }
  return [
    {
      range: {
        start: document.positionAt(base + head),
        end: document.positionAt(base + before.length - tail),
      },
      newText: after.slice(head, after.length - tail),
    },
  ];
}
