// How the CLI prints problems: `FILE:LINE:COL: message` lines (1-based, UTF-16 columns) and the JSON shapes of
// `dtab check --format json` (0-based). Both are contracts other tools parse.

import type { Diagnostic, Severity } from '../core/diagnostic.js';
import { LineIndex, type Range } from '../core/text-position.js';

/** `FILE:LINE:COL: message`, with 1-based line and column. */
export function locatedLine(file: string, index: LineIndex, offset: number, message: string): string {
  const p = index.positionAt(offset);
  return `${file}:${p.line + 1}:${p.character + 1}: ${message}`;
}

export interface JsonDiagnostic {
  readonly file: string;
  readonly range: Range;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

export function diagnosticToJson(file: string, index: LineIndex, d: Diagnostic): JsonDiagnostic {
  return { file, range: index.rangeOf(d.span), severity: d.severity, code: d.code, message: d.message };
}

/** `FILE:LINE:COL: severity: message [code]`. */
export function diagnosticToText(file: string, index: LineIndex, d: Diagnostic): string {
  return locatedLine(file, index, d.span.start, `${d.severity}: ${d.message} [${d.code}]`);
}

/** Diagnostics in source order (then by severity, errors first), the order both outputs use. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };
  return [...diags].sort((a, b) => a.span.start - b.span.start || rank[a.severity] - rank[b.severity]);
}
