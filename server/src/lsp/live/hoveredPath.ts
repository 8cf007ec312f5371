// Which path a live hover is about: a destination path under the cursor, or a dentry prefix without `*` (a
// wildcard prefix names no single path namerd could delegate).

import { AnyElem, type DtabDocument, type Path } from '../../core/dtab/ast.js';
import { pathLabels, prefixOf, syntaxAt } from '../syntax.js';

/** The path a hover at `offset` is about: a destination path, or a dentry prefix without `*`. */
export function hoveredPath(doc: DtabDocument, offset: number): { path: Path; start: number; end: number } | undefined {
  const hit = syntaxAt(doc, offset);
  if (!hit) return undefined;
  const t = hit.target;
  if (t.kind === 'pathLabel' || t.kind === 'path') return { path: pathLabels(t.path), start: t.path.span.start, end: t.path.span.end };
  if (t.kind === 'prefixElem') {
    const prefix = prefixOf(hit.dentry.prefix);
    if (prefix.includes(AnyElem)) return undefined;
    return { path: prefix as string[], start: hit.dentry.prefix.span.start, end: hit.dentry.prefix.span.end };
  }
  return undefined;
}

