// Test fixtures for the LSP feature tests: `<|>` marks cursors and `{|…|}` marks expected ranges in a dtab text.
// Both markers are removed before parsing (neither `<|>` nor `{` can be part of a valid dtab).

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit } from 'vscode-languageserver';
import { parseDtab } from '../../../server/src/core/dtab/parse.js';
import { type DtabRegion, wholeDocumentRegion } from '../../../server/src/lsp/regions.js';

export interface Fixture {
  readonly text: string;
  readonly document: TextDocument;
  readonly region: DtabRegion;
  /** Offsets of the `<|>` cursors, in order. */
  readonly cursors: readonly number[];
  /** The `{|…|}` ranges, in order of their start. */
  readonly ranges: readonly Range[];
}

export function markedText(marked: string): { text: string; cursors: number[]; spans: { start: number; end: number }[] } {
  let text = '';
  const cursors: number[] = [];
  const spans: { start: number; end: number }[] = [];
  const open: number[] = [];
  for (let i = 0; i < marked.length; ) {
    if (marked.startsWith('<|>', i)) {
      cursors.push(text.length);
      i += 3;
    } else if (marked.startsWith('{|', i)) {
      open.push(text.length);
      i += 2;
    } else if (marked.startsWith('|}', i)) {
      spans.push({ start: open.pop()!, end: text.length });
      i += 2;
    } else {
      text += marked[i];
      i++;
    }
  }
  spans.sort((a, b) => a.start - b.start);
  return { text, cursors, spans };
}

export function dtabFixture(marked: string, languageId = 'linkerd-dtab', uri = 'file:///w/test.dtab'): Fixture {
  const { text, cursors, spans } = markedText(marked);
  const document = TextDocument.create(uri, languageId, 1, text);
  const region = wholeDocumentRegion(parseDtab(text));
  const ranges = spans.map((s) => ({ start: document.positionAt(s.start), end: document.positionAt(s.end) }));
  return { text, document, region, cursors, ranges };
}

/** The text of a range, for readable assertions. */
export function textOf(document: TextDocument, range: Range): string {
  return document.getText(range);
}

export function applyEdits(document: TextDocument, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(document, [...edits]);
}

export function cursor(f: Fixture, i = 0): number {
  const c = f.cursors[i];
  if (c === undefined) throw new Error(`fixture has no cursor #${i}`);
  return c;
}
