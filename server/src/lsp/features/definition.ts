// Go to definition: from a path in a destination to the dentries whose prefix matches it (wildcards included), or
// would match it once the rest of a name is appended.

import type { LocationLink } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type DtabRegion, hostRange } from '../regions.js';
import { dentryExtent, pathLabels, prefixOf, prefixRelatesTo, syntaxAt } from '../syntax.js';

/** Dentries that may rewrite the destination path under the cursor (source order). */
export function definitions(document: TextDocument, region: DtabRegion, offset: number): LocationLink[] {
  const hit = syntaxAt(region.parsed, offset);
  if (!hit || (hit.target.kind !== 'pathLabel' && hit.target.kind !== 'path')) return [];
  const path = hit.target.path;
  const labels = pathLabels(path);
  const origin = hostRange(document, region, path.span);
  return region.parsed.dentries
    .filter((d) => prefixRelatesTo(prefixOf(d.prefix), labels))
    .map((d) => ({
      originSelectionRange: origin,
      targetUri: document.uri,
      targetRange: hostRange(document, region, dentryExtent(d)),
      targetSelectionRange: hostRange(document, region, d.prefix.span),
    }));
}
