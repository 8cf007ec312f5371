// Reading a config file with source ranges: YAML (or JSON, which linkerd detects by a leading `{`), duplicate keys
// kept so we can report them, parse errors turned into diagnostics. Plus small accessors over the `yaml` AST.

import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Diagnostic } from '../diagnostic.js';
import type { Span } from '../dtab/ast.js';

export type YNode = Node;
export type YMap = YAMLMap<unknown, unknown>;
export type YSeq = YAMLSeq<unknown>;
export type YPair = Pair<unknown, unknown>;

export interface ParsedConfig {
  readonly text: string;
  readonly isJson: boolean;
  readonly doc: Document.Parsed | undefined;
  readonly root: YNode | null;
  readonly diagnostics: Diagnostic[];
}

/** Linkerd's Parser.scala: JSON when the first non-whitespace character is `{`, YAML otherwise. */
export function looksLikeJson(text: string): boolean {
  return /^\s*\{/.test(text);
}

export function parseConfigText(text: string): ParsedConfig {
  const diagnostics: Diagnostic[] = [];
  let doc: Document.Parsed | undefined;
  try {
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    // The yaml package can exhaust the stack on absurdly deep nesting: report, never throw.
    diagnostics.push({
      code: 'config/yaml-syntax',
      severity: 'error',
      span: { start: 0, end: Math.min(text.length, 1) },
      message: `The file could not be read as YAML: ${e instanceof Error ? e.message : String(e)}`,
    });
    return { text, isJson: looksLikeJson(text), doc: undefined, root: null, diagnostics };
  }
  for (const err of doc.errors) {
    diagnostics.push({
      code: 'config/yaml-syntax',
      severity: 'error',
      span: clampSpan(text, err.pos[0], err.pos[1]),
      message: `${firstLine(err.message)} (fix the ${looksLikeJson(text) ? 'JSON' : 'YAML'} syntax first; nothing below it can be checked reliably)`,
    });
  }
  const root = (doc.contents as YNode | null) ?? null;
  return { text, isJson: looksLikeJson(text), doc, root, diagnostics };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

function clampSpan(text: string, start: number, end: number): Span {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  return { start: s, end: e === s && s < text.length ? s + 1 : e };
}

// ------------------------------------------------------------------------------------------------------------
// Accessors.

/** Follows an alias to its anchor; other nodes are returned as they are. */
export function deref(node: unknown, doc: Document.Parsed | undefined): unknown {
  if (isAlias(node) && doc) {
    try {
      return node.resolve(doc) ?? null;
    } catch {
      return null;
    }
  }
  return node;
}

export function spanOf(node: unknown): Span {
  const n = node as { range?: [number, number, number] } | null;
  if (n && n.range) return { start: n.range[0], end: n.range[1] };
  return { start: 0, end: 0 };
}

export function keyString(pair: YPair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return k.value == null ? '' : String(k.value);
  return undefined;
}

/** The first pair with this key (duplicates are reported elsewhere; the first is what we read). */
export function getPair(map: unknown, key: string): YPair | undefined {
  if (!isMap(map)) return undefined;
  for (const item of map.items) if (isPair(item) && keyString(item) === key) return item;
  return undefined;
}

export function getValue(map: unknown, key: string): unknown {
  return getPair(map, key)?.value;
}

/** A scalar's value as a string, or undefined for non-scalars and null. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node) || node.value == null) return undefined;
  return String(node.value);
}

export function getString(map: unknown, key: string): string | undefined {
  return scalarString(getValue(map, key));
}

export function isNullNode(node: unknown): boolean {
  return node == null || (isScalar(node) && node.value == null);
}

export function seqItems(node: unknown): readonly unknown[] {
  return isSeq(node) ? node.items : [];
}

export function isQuoted(node: Scalar): boolean {
  return node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
}

export { isMap, isSeq, isScalar, isPair, isAlias };
export type { Scalar, Document };
