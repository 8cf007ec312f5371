// Folding ranges: runs of comment lines and dentries that span several lines.

import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DtabRegion } from '../regions.js';
import { MAX_STRUCTURE_ITEMS } from './symbols.js';

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
