// Navigation between dentries: go to definition (from a destination path to the dentries whose prefix matches
// it), find references (of a prefix: the destination paths it rewrites), document highlights and rename of a
// prefix segment.

import {
  DocumentHighlightKind,
  type DocumentHighlight,
  type LocationLink,
  type Location,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AnyElem, type DentryNode, type LabelNode, type Path, type Prefix, type PrefixNode, type Span } from '../../core/dtab/ast.js';
import { prefixMatches } from '../../core/dtab/lookup.js';
import { readPath } from '../../core/dtab/parse.js';
import { type DtabRegion, hostRange } from '../regions.js';
import { leavesOf, pathLabels, syntaxAt } from '../syntax.js';

export function prefixOf(node: PrefixNode): Prefix {
  return node.elems.map((e) => ('any' in e ? AnyElem : e.value));
}

/**
 * Whether names starting with `path` can be rewritten by a dentry with `prefix`: the prefix matches the path
 * (Finagle's rule), or the path is shorter and the prefix matches once the residual is appended.
 */
export function prefixRelatesTo(prefix: Prefix, path: Path): boolean {
  if (prefix.length <= path.length) return prefixMatches(prefix, path);
  return prefixMatches(prefix.slice(0, path.length), path);
}

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

/** A segment: the labels before it and its own value. Occurrences are the same segment at the same depth. */
interface Segment {
  readonly before: readonly (string | typeof AnyElem)[];
  readonly value: string;
  readonly span: Span;
}

function segmentAt(region: DtabRegion, offset: number): Segment | undefined {
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

interface Occurrence {
  readonly span: Span;
  readonly inPrefix: boolean;
}

function occurrences(region: DtabRegion, segment: Segment): Occurrence[] {
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

export function documentHighlights(document: TextDocument, region: DtabRegion, offset: number): DocumentHighlight[] {
  const segment = segmentAt(region, offset);
  if (!segment) return [];
  return occurrences(region, segment).map((o) => ({
    range: hostRange(document, region, o.span),
    kind: o.inPrefix ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}

export function prepareRename(
  document: TextDocument,
  region: DtabRegion,
  offset: number,
): { range: Range; placeholder: string } | undefined {
  const segment = segmentAt(region, offset);
  if (!segment) return undefined;
  return {
    range: hostRange(document, region, segment.span),
    placeholder: region.parsed.text.slice(segment.span.start, segment.span.end),
  };
}

export type RenameResult = { ok: true; edits: TextEdit[] } | { ok: false; message: string };

/** Renames one segment everywhere it appears at the same depth after the same segments (prefixes and dsts). */
export function renameSegment(document: TextDocument, region: DtabRegion, offset: number, newName: string): RenameResult {
  const segment = segmentAt(region, offset);
  if (!segment) return { ok: false, message: 'Put the cursor on a path segment (a label of a prefix or destination) to rename it.' };
  const check = readPath('/' + newName);
  if (!check.ok || check.value.length !== 1) {
    return {
      ok: false,
      message: `'${newName}' is not a single dtab label: use only 0-9 A-Z a-z _ : . # $ % - or \\xHH escapes, and no '/'.`,
    };
  }
  return {
    ok: true,
    edits: occurrences(region, segment).map((o) => ({ range: hostRange(document, region, o.span), newText: newName })),
  };
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

function dentryExtent(d: DentryNode): Span {
  return { start: d.span.start, end: d.semicolon ? d.semicolon.end : d.span.end };
}
