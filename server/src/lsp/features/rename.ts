// Rename a path segment across the dtab: the prefixes and destination paths that refer to it (same label at the
// same depth after the same parents). The new name must be one valid label.

import type { Range, TextEdit } from 'vscode-languageserver';
import { readPath } from '../../core/dtab/parse.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type DtabRegion, hostRange } from '../regions.js';
import { occurrences, segmentAt } from '../segments.js';

export function prepareRename(
  document: TextDocument,
  region: DtabRegion,
  offset: number,
): { range: Range; placeholder: string } | undefined {
  const segment = segmentAt(region, offset);
  if (!segment) return undefined;
  return {
    range: hostRange(document, region, segment.span),
    placeholder: region.parsed.text.slice(segment.span.start, segment.span.end),
  };
}

export type RenameResult = { ok: true; edits: TextEdit[] } | { ok: false; message: string };

/** Renames one segment everywhere it appears at the same depth after the same segments (prefixes and dsts). */
export function renameSegment(document: TextDocument, region: DtabRegion, offset: number, newName: string): RenameResult {
  const segment = segmentAt(region, offset);
  if (!segment) return { ok: false, message: 'Put the cursor on a path segment (a label of a prefix or destination) to rename it.' };
  const check = readPath('/' + newName);
  if (!check.ok || check.value.length !== 1) {
    return {
      ok: false,
      message: `'${newName}' is not a single dtab label: use only 0-9 A-Z a-z _ : . # $ % - or \\xHH escapes, and no '/'.`,
    };
  }
  return {
    ok: true,
    edits: occurrences(region, segment).map((o) => ({ range: hostRange(document, region, o.span), newText: newName })),
  };
}
