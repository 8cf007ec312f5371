// Document highlights: every occurrence of the path segment under the cursor (writes in prefixes, reads in
// destinations).

import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type DtabRegion, hostRange } from '../regions.js';
import { occurrences, segmentAt } from '../segments.js';

export function documentHighlights(document: TextDocument, region: DtabRegion, offset: number): DocumentHighlight[] {
  const segment = segmentAt(region, offset);
  if (!segment) return [];
  return occurrences(region, segment).map((o) => ({
    range: hostRange(document, region, o.span),
    kind: o.inPrefix ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}
