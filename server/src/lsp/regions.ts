// A dtab region: a parsed dtab plus the mapping from its own offsets to offsets in the host document.
// A `.dtab` file is one region mapped by identity; a linkerd/namerd YAML config has one region per embedded
// dtab (router `dtab:`, namerd namespaces), mapped through the config module's `toYamlOffset`.
// Every dtab feature works in region offsets and converts to host positions only through `hostRange`.

import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DtabDocument, Span } from '../core/dtab/ast.js';

export interface DtabRegion {
  readonly parsed: DtabDocument;
  /** Region offset (0..text.length) → host offset. Monotonic. */
  readonly toHost: (offset: number) => number;
  /** Host offset → region offset, or undefined when the host offset is outside this region. */
  readonly fromHost: (hostOffset: number) => number | undefined;
  /** True when the region is the whole host document (a `.dtab` file). */
  readonly wholeDocument: boolean;
  /** For a dtab embedded in YAML: the scalar style holding it (`BLOCK_LITERAL` for `dtab: |`). */
  readonly scalarStyle?: string;
}

export function wholeDocumentRegion(parsed: DtabDocument): DtabRegion {
  const length = parsed.text.length;
  return {
    parsed,
    toHost: (o) => o,
    fromHost: (o) => (o >= 0 && o <= length ? o : undefined),
    wholeDocument: true,
  };
}

/**
 * A region embedded in a host document. `toHost` must be monotonic over 0..text.length. Without `fromHost` the
 * inverse is found by binary search, so escapes in quoted YAML scalars (several host characters for one dtab
 * character) are fine either way.
 */
export function embeddedRegion(
  parsed: DtabDocument,
  toHost: (offset: number) => number,
  fromHost?: (hostOffset: number) => number | undefined,
  scalarStyle?: string,
): DtabRegion {
  const length = parsed.text.length;
  const first = toHost(0);
  const last = toHost(length);
  const search = (hostOffset: number): number | undefined => {
    if (hostOffset < first || hostOffset > last) return undefined;
    let lo = 0;
    let hi = length;
    // Largest region offset whose host offset is <= hostOffset.
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (toHost(mid) <= hostOffset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return { parsed, toHost, fromHost: fromHost ?? search, wholeDocument: false, scalarStyle };
}

/** The host range of a region span. The end is mapped as "one past the last character" so it stays on its line. */
export function hostRange(doc: TextDocument, region: DtabRegion, span: Span): Range {
  const start = region.toHost(span.start);
  const end = span.end > span.start ? region.toHost(span.end - 1) + 1 : start;
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/** The region span of a host range, or undefined when the range leaves the region. */
export function regionSpan(doc: TextDocument, region: DtabRegion, range: Range): Span | undefined {
  const start = region.fromHost(doc.offsetAt(range.start));
  const end = region.fromHost(doc.offsetAt(range.end));
  if (start === undefined || end === undefined) return undefined;
  return { start, end };
}
