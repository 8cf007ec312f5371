// Selection ranges (expand selection): label → path → enclosing trees → dentry → dentry with `;` → whole dtab.

import type { Position, SelectionRange } from 'vscode-languageserver';
import type { Span } from '../../core/dtab/ast.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type DtabRegion, hostRange } from '../regions.js';
import { syntaxAt } from '../syntax.js';

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
