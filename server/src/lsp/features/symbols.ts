// Document symbols: one per dentry, named by its prefix, with its destination as detail.

import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type DtabRegion, hostRange } from '../regions.js';

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
