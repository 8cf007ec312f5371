// Syntax errors as diagnostics (codes kept from the parser), with the fixes that are obvious from the text:
// a missing `;` between dentries (§1.3, G6) and an escape written with an upper-case X (`\X41`, §1.2, G2). Pure.

import type { DtabDocument, SyntaxError } from './ast.js';
import type { Diagnostic, Fix, TextEdit } from '../diagnostic.js';

export const MISSING_SEMICOLON = 'dtab/missing-semicolon';

export function checkSyntax(doc: DtabDocument): Diagnostic[] {
  return doc.errors.map((e) => {
    const fixes = [missingSemicolonFix(doc, e), escapeTypoFix(doc.text, e)].filter((f): f is Fix => f !== undefined);
    return {
      code: e.code,
      severity: 'error',
      span: e.span,
      message: e.message,
      fixes: fixes.length > 0 ? fixes : undefined,
    };
  });
}

/** Inserts `;` right after the dentry that ends before the error (dentries are in source order). */
function missingSemicolonFix(doc: DtabDocument, e: SyntaxError): Fix | undefined {
  if (e.code !== MISSING_SEMICOLON) return undefined;
  let lo = 0;
  let hi = doc.dentries.length - 1;
  let before = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (doc.dentries[mid]!.span.end <= e.span.start) {
      before = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  const at = before >= 0 ? doc.dentries[before]!.span.end : e.span.start;
  return { title: "Insert ';'", edits: [{ span: { start: at, end: at }, newText: ';' }], preferred: true };
}

const ESCAPE_TYPO = /\\X([0-9A-Fa-f]{2})/g;

/**
 * Escapes take a lower-case `x` only. When the error sits on an `X` after a backslash, every `\XHH` up to the
 * next `;` (where the parser resumes) is rewritten, so one fix repairs the whole dentry.
 */
function escapeTypoFix(text: string, e: SyntaxError): Fix | undefined {
  const at = e.span.start;
  if (text[at] !== 'X' || text[at - 1] !== '\\' || !/^[0-9A-Fa-f]{2}$/.test(text.slice(at + 1, at + 3)))
    return undefined;
  const stop = text.indexOf(';', at);
  const region = text.slice(at - 1, stop < 0 ? text.length : stop);
  const edits: TextEdit[] = [];
  for (const m of region.matchAll(ESCAPE_TYPO)) {
    const x = at - 1 + m.index! + 1;
    edits.push({ span: { start: x, end: x + 1 }, newText: 'x' });
  }
  return { title: "Write the escape with a lower-case 'x'", edits, preferred: true };
}
