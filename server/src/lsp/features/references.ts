// Find references: of a prefix, the destination paths it may rewrite; of a destination path, the other occurrences
// of that path (and, with the declaration, the dentries it refers to).

import type { Location } from 'vscode-languageserver';
import type { Span } from '../../core/dtab/ast.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type DtabRegion, hostRange } from '../regions.js';
import { leavesOf, pathLabels, prefixOf, prefixRelatesTo, samePath, syntaxAt } from '../syntax.js';

/**
 * On a prefix: the destination paths it may rewrite (plus the prefix itself when asked). On a destination path:
 * the other occurrences of that exact path (plus the dentries it refers to when asked).
 */
export function references(
  document: TextDocument,
  region: DtabRegion,
  offset: number,
  includeDeclaration: boolean,
): Location[] {
  const hit = syntaxAt(region.parsed, offset);
  if (!hit) return [];
  const at = (span: Span): Location => ({ uri: document.uri, range: hostRange(document, region, span) });
  const dentries = region.parsed.dentries;
  if (hit.target.kind === 'prefixElem' || (hit.target.kind === 'other' && hit.ancestors[0] === hit.dentry.prefix.span)) {
    const prefix = prefixOf(hit.dentry.prefix);
    const out: Location[] = includeDeclaration ? [at(hit.dentry.prefix.span)] : [];
    for (const d of dentries) {
      for (const leaf of leavesOf(d.dst)) if (prefixRelatesTo(prefix, pathLabels(leaf))) out.push(at(leaf.span));
    }
    return out;
  }
  if (hit.target.kind === 'pathLabel' || hit.target.kind === 'path') {
    const labels = pathLabels(hit.target.path);
    const out: Location[] = [];
    for (const d of dentries) {
      if (includeDeclaration && prefixRelatesTo(prefixOf(d.prefix), labels)) out.push(at(d.prefix.span));
      for (const leaf of leavesOf(d.dst)) if (samePath(pathLabels(leaf), labels)) out.push(at(leaf.span));
    }
    return out;
  }
  return [];
}
