// Path segments as rename and document highlights see them: a label at some depth after given parent labels. Its
// occurrences are the same label at the same depth after the same parents, in prefixes and destinations.

import { AnyElem, type LabelNode, type Span } from '../core/dtab/ast.js';
import type { DtabRegion } from './regions.js';
import { leavesOf, pathLabels, prefixOf, syntaxAt } from './syntax.js';

/** A segment: the labels before it and its own value. Occurrences are the same segment at the same depth. */
export interface Segment {
  readonly before: readonly (string | typeof AnyElem)[];
  readonly value: string;
  readonly span: Span;
}

export function segmentAt(region: DtabRegion, offset: number): Segment | undefined {
  const hit = syntaxAt(region.parsed, offset);
  if (!hit) return undefined;
  const t = hit.target;
  if (t.kind === 'prefixElem') {
    if ('any' in t.elem) return undefined;
    return { before: prefixOf(hit.dentry.prefix).slice(0, t.elemIndex), value: t.elem.value, span: t.elem.span };
  }
  if (t.kind === 'pathLabel') {
    return { before: pathLabels(t.path).slice(0, t.labelIndex), value: t.label.value, span: t.label.span };
  }
  return undefined;
}

export interface Occurrence {
  readonly span: Span;
  readonly inPrefix: boolean;
}

export function occurrences(region: DtabRegion, segment: Segment): Occurrence[] {
  const depth = segment.before.length;
  const matches = (elems: readonly (string | typeof AnyElem)[], labelAt: (i: number) => LabelNode | undefined): Span | undefined => {
    if (elems.length <= depth || elems[depth] !== segment.value) return undefined;
    for (let i = 0; i < depth; i++) if (elems[i] !== segment.before[i]) return undefined;
    return labelAt(depth)?.span;
  };
  const out: Occurrence[] = [];
  for (const d of region.parsed.dentries) {
    const elems = d.prefix.elems;
    const inPrefix = matches(prefixOf(d.prefix), (i) => {
      const e = elems[i];
      return e && !('any' in e) ? e : undefined;
    });
    if (inPrefix) out.push({ span: inPrefix, inPrefix: true });
    for (const leaf of leavesOf(d.dst)) {
      const span = matches(pathLabels(leaf), (i) => leaf.labels[i]);
      if (span) out.push({ span, inPrefix: false });
    }
  }
  return out;
}
