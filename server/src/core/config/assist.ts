// Completion and hover for linkerd/namerd configs, as plain data the language server turns into LSP items:
// keys valid at the cursor (with docs), `kind` / `protocol` values, enum and boolean values, and hover text for
// keys and kinds. Everything comes from the model, like the checks and the JSON Schemas.

import type { Span } from '../dtab/ast.js';
import { fieldDoc, kindDoc } from './docs.js';
import { locateCursor } from './locate.js';
import type { FieldSpec } from './model.js';
import { resolveCursorBlock, type ResolvedBlock } from './schema-path.js';

export interface ConfigCompletion {
  readonly label: string;
  readonly kind: 'key' | 'value';
  /** Short type/default text. */
  readonly detail: string;
  /** Markdown documentation. */
  readonly documentation: string;
  /** Text to insert (keys get `: `, and a newline plus indentation for blocks, decided by the LSP layer). */
  readonly insertText: string;
  /** The text the item replaces (the partial word at the cursor). */
  readonly replace: Span;
  /** Required keys and the current kind's own keys sort first. */
  readonly sortText: string;
  readonly deprecated?: boolean;
}

export interface ConfigHover {
  readonly span: Span;
  readonly markdown: string;
}

function detailOf(spec: FieldSpec): string {
  const t = spec.type === 'object' ? (spec.ref ?? 'object') : spec.type === 'list' ? `list of ${spec.items ?? 'values'}` : spec.type;
  const d = spec.default !== undefined ? ` = ${typeof spec.default === 'string' ? spec.default : JSON.stringify(spec.default)}` : '';
  return `${spec.required ? 'required ' : ''}${t}${d}`;
}

function isBlock(r: ReturnType<typeof resolveCursorBlock>): r is ResolvedBlock {
  return r !== undefined && 'fields' in r;
}

export function configCompletions(text: string, offset: number): ConfigCompletion[] {
  const c = locateCursor(text, offset);
  if (!c) return [];
  const resolved = resolveCursorBlock(text, c);
  if (c.at.t === 'key') {
    if (!isBlock(resolved)) return [];
    const present = new Set(c.siblings);
    // Completing over an existing `key:` replaces only the name.
    const lineRest = text.slice(c.at.span.end, text.indexOf('\n', c.at.span.end) >>> 0);
    const hasColon = /^\s*:/.test(lineRest);
    return Object.entries(resolved.fields)
      .filter(([k]) => !present.has(k))
      .map(([k, spec]) => ({
        label: k,
        kind: 'key' as const,
        detail: detailOf(spec),
        documentation: fieldDoc(k, spec, resolved.title),
        insertText: hasColon ? k : `${k}: `,
        replace: c.at.span,
        sortText: `${k === resolved.family?.discriminator ? 0 : spec.required ? 1 : 2}_${k}`,
        ...(spec.deprecated ? { deprecated: true } : {}),
      }));
  }
  // Value position: the key's type decides.
  const key = c.at.key;
  if (!isBlock(resolved)) return [];
  const replace = c.at.span;
  if (resolved.family && key === resolved.family.discriminator) {
    const fam = resolved.family;
    return [...fam.kinds.values()].map((k, i) => ({
      label: k.name,
      kind: 'value' as const,
      detail: `${fam.title}${k.experimentalRequired ? ' (experimental)' : ''}${k.deprecated ? ' (deprecated)' : ''}`,
      documentation: kindDoc(fam, k),
      insertText: k.name,
      replace,
      sortText: `${k.deprecated ? 1 : 0}_${String(i).padStart(3, '0')}`,
      ...(k.deprecated ? { deprecated: true } : {}),
    }));
  }
  const spec = resolved.fields[key];
  if (!spec) return [];
  const values = spec.type === 'enum' ? (spec.enum ?? []) : spec.type === 'bool' ? ['true', 'false'] : [];
  return values.map((v, i) => ({
    label: v,
    kind: 'value' as const,
    detail: spec.default !== undefined && String(spec.default) === v ? 'default' : key,
    documentation: fieldDoc(key, spec, resolved.title),
    insertText: v,
    replace,
    sortText: String(i).padStart(3, '0'),
  }));
}

export function configHover(text: string, offset: number): ConfigHover | undefined {
  const c = locateCursor(text, offset);
  if (!c) return undefined;
  const resolved = resolveCursorBlock(text, c);
  if (!isBlock(resolved)) return undefined;
  if (c.at.t === 'key') {
    const spec = resolved.fields[c.at.word];
    if (!spec || c.at.word === '') return undefined;
    if (resolved.family && resolved.kind && c.at.word === resolved.family.discriminator) {
      return { span: c.at.span, markdown: fieldDoc(c.at.word, spec, resolved.title) + '\n\n' + kindDoc(resolved.family, resolved.kind) };
    }
    return { span: c.at.span, markdown: fieldDoc(c.at.word, spec, resolved.title) };
  }
  // On a value: kinds get their documentation, enum values the key's.
  const word = text.slice(c.at.span.start, c.at.span.end);
  if (resolved.family && c.at.key === resolved.family.discriminator) {
    const k = resolved.family.kinds.get(word);
    return k ? { span: c.at.span, markdown: kindDoc(resolved.family, k) } : undefined;
  }
  const spec = resolved.fields[c.at.key];
  return spec ? { span: c.at.span, markdown: fieldDoc(c.at.key, spec, resolved.title) } : undefined;
}
