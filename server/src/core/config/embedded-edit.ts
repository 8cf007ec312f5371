// Writing a new dtab text back into its YAML scalar (formatting, code actions that rewrite a whole dtab): the value
// is re-encoded for YAML. Literal block scalars keep their header and indentation; a multi-line dtab in another
// style becomes a literal block (folding would merge its lines); flow context and JSON get a double-quoted string.
// Every result is re-parsed and must read back as the requested dtab, else no edit is offered.

import { isScalar, parseDocument, visit } from 'yaml';
import type { TextEdit } from '../diagnostic.js';
import type { EmbeddedDtab } from './embedded.js';

const stripTrailingNewlines = (s: string): string => s.replace(/\n+$/, '');

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Indentation (spaces) of the line holding `offset`, counting `- ` list markers as indentation. */
function indentOfLine(text: string, offset: number): number {
  const ls = lineStartOf(text, offset);
  const m = /^[ -]*/.exec(text.slice(ls, offset))!;
  return m[0].length;
}

/** A plain scalar is safe when it cannot be read as anything else and has no comment or mapping indicators. */
function plainSafe(s: string): boolean {
  return s !== '' && !/^[\s'"&*!|>%@`{}[\],#?:-]/.test(s) && !/(: |\s#|[\n\t]|\s$)/.test(s);
}

function inFlowContext(yamlText: string, start: number): boolean {
  // The value follows a `{`/`[`/`,` on its line before any `:` key of a block mapping: a flow collection.
  const before = yamlText.slice(lineStartOf(yamlText, start), start);
  return /[{[,]/.test(before) || /^\s*\{/.test(yamlText);
}

function encode(yamlText: string, e: EmbeddedDtab, dtab: string): string {
  const { start } = e.valueSpan;
  const source = yamlText.slice(e.valueSpan.start, e.valueSpan.end);
  const multiLine = stripTrailingNewlines(dtab).includes('\n');
  if (inFlowContext(yamlText, start)) return JSON.stringify(dtab);
  if (e.style === 'BLOCK_LITERAL' || multiLine) {
    let header = '|';
    let indent: number;
    if (e.style === 'BLOCK_LITERAL') {
      const headerLine = source.slice(0, source.indexOf('\n') < 0 ? source.length : source.indexOf('\n'));
      const chomp = /^\|[0-9]?([+-]?)/.exec(headerLine)?.[1] ?? '';
      header = /^\|[+-]?(\s+#.*)?$/.test(headerLine) ? headerLine : `|${chomp}`;
      // Keep the indentation of the current content (the first decoded character's column).
      const firstContent = e.text.search(/[^\n]/);
      indent = firstContent >= 0 ? e.toYamlOffset(firstContent) - lineStartOf(yamlText, e.toYamlOffset(firstContent)) : indentOfLine(yamlText, start) + 2;
    } else {
      indent = indentOfLine(yamlText, start) + 2;
      if (!dtab.endsWith('\n')) header = '|-';
    }
    const pad = ' '.repeat(Math.max(indent, 1));
    const body = stripTrailingNewlines(dtab)
      .split('\n')
      .map((l) => (l === '' ? '' : pad + l))
      .join('\n');
    return `${header}\n${body}\n`;
  }
  if (e.style === 'PLAIN' && plainSafe(dtab)) return dtab;
  if (e.style === 'QUOTE_SINGLE' && !dtab.includes('\n')) return `'${dtab.replace(/'/g, "''")}'`;
  return JSON.stringify(dtab);
}

/** The value of the scalar starting at `start` in `text`, if there is one. */
function scalarValueAt(text: string, start: number): string | undefined {
  try {
    const doc = parseDocument(text, { uniqueKeys: false });
    if (doc.errors.length > 0) return undefined;
    let found: string | undefined;
    visit(doc, {
      Scalar(_key, node) {
        if (isScalar(node) && node.range?.[0] === start && typeof node.value === 'string') {
          found = node.value;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    return found;
  } catch {
    return undefined; // absurdly deep documents can exhaust the yaml package's recursion: offer no edit
  }
}

/** An edit replacing the embedded dtab's scalar so that it reads `dtab`, or undefined when that cannot be done safely. */
export function replaceEmbeddedDtab(yamlText: string, e: EmbeddedDtab, dtab: string): TextEdit | undefined {
  let newText = encode(yamlText, e, dtab);
  const span = { start: e.valueSpan.start, end: e.valueSpan.end };
  // A block scalar's range ends after its last line break, a flow scalar's before it: do not add a blank line.
  if (newText.endsWith('\n') && yamlText[span.end] === '\n') newText = newText.slice(0, -1);
  const candidate = yamlText.slice(0, span.start) + newText + yamlText.slice(span.end);
  const readBack = scalarValueAt(candidate, span.start);
  if (readBack === undefined || stripTrailingNewlines(readBack) !== stripTrailingNewlines(dtab)) return undefined;
  return { span, newText };
}
