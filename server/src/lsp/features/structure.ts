// Document structure: symbols (one per dentry, named by its prefix), folding ranges (comment blocks and
// multi-line dentries) and selection ranges (label → path → enclosing trees → dentry → dtab).

import {
  FoldingRangeKind,
  SymbolKind,
  type DocumentSymbol,
  type FoldingRange,
  type Position,
  type SelectionRange,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../../core/dtab/ast.js';
import { type DtabRegion, hostRange } from '../regions.js';
import { syntaxAt } from '../syntax.js';

/** Outline and folding are capped like yaml-language-server's `maxItemsComputed`: huge files stay responsive. */
export const MAX_STRUCTURE_ITEMS = 5000;

const oneLine = (s: string, max = 80): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
};

export function documentSymbols(document: TextDocument, region: DtabRegion, max = MAX_STRUCTURE_ITEMS): DocumentSymbol[] {
  const { parsed } = region;
  const out: DocumentSymbol[] = [];
  for (const dentry of parsed.dentries) {
    if (out.length >= max) break;
    const name = parsed.text.slice(dentry.prefix.span.start, dentry.prefix.span.end) || '/';
    const end = dentry.semicolon ? dentry.semicolon.end : dentry.span.end;
    out.push({
      name,
      detail: '=> ' + oneLine(parsed.text.slice(dentry.dst.span.start, dentry.dst.span.end)),
      kind: SymbolKind.Key,
      range: hostRange(document, region, { start: dentry.span.start, end }),
      selectionRange: hostRange(document, region, dentry.prefix.span),
    });
  }
  return out;
}

export function foldingRanges(document: TextDocument, region: DtabRegion, max = MAX_STRUCTURE_ITEMS): FoldingRange[] {
  const { parsed } = region;
  const line = (offset: number): number => document.positionAt(region.toHost(offset)).line;
  const out: FoldingRange[] = [];

  // Runs of comments on consecutive lines fold as one block.
  let blockStart = -1;
  let blockEnd = -1;
  const flush = (): void => {
    if (blockStart >= 0 && blockEnd > blockStart) {
      out.push({ startLine: blockStart, endLine: blockEnd, kind: FoldingRangeKind.Comment });
    }
  };
  for (const comment of parsed.comments) {
    if (out.length >= max) break;
    const l = line(comment.span.start);
    if (blockStart >= 0 && l === blockEnd + 1) blockEnd = l;
    else {
      flush();
      blockStart = l;
      blockEnd = l;
    }
  }
  flush();

  for (const dentry of parsed.dentries) {
    if (out.length >= max) break;
    const start = line(dentry.span.start);
    const end = line(dentry.semicolon ? dentry.semicolon.end : dentry.span.end);
    if (end > start) out.push({ startLine: start, endLine: end, kind: FoldingRangeKind.Region });
  }
  out.sort((a, b) => a.startLine - b.startLine);
  return out;
}

export function selectionRanges(document: TextDocument, region: DtabRegion, positions: readonly Position[]): SelectionRange[] {
  const { parsed } = region;
  const whole: Span = { start: 0, end: parsed.text.length };
  return positions.map((position) => {
    const offset = region.fromHost(document.offsetAt(position));
    const spans: Span[] = [];
    if (offset !== undefined) {
      const hit = syntaxAt(parsed, offset);
      if (hit) {
        const t = hit.target;
        if (t.kind === 'prefixElem') spans.push(t.elem.span);
        else if (t.kind === 'pathLabel') spans.push(t.label.span);
        else if (t.kind === 'weight' && t.member.weight) spans.push(t.member.weight.span);
        spans.push(...hit.ancestors);
        if (hit.dentry.semicolon) spans.push({ start: hit.dentry.span.start, end: hit.dentry.semicolon.end });
      }
    }
    spans.push(whole);
    // Build from the outside in; drop spans that do not strictly grow (LSP requires each parent to contain its child).
    let range: SelectionRange | undefined;
    let last: Span | undefined;
    for (let i = spans.length - 1; i >= 0; i--) {
      const s = spans[i]!;
      if (last && s.start === last.start && s.end === last.end) continue;
      range = { range: hostRange(document, region, s), parent: range };
      last = s;
    }
    if (offset === undefined || !range) return { range: { start: position, end: position } };
    return range;
  });
}
