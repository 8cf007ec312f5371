// Core diagnostics (host offsets) → LSP diagnostics. The core's code, severity, related spans and
// "unnecessary" flag all reach the editor; fixes travel separately (code actions recompute them from the cache).

import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Severity } from '../../core/diagnostic.js';

export const DIAGNOSTIC_SOURCE = 'dtab';

/** More problems than this in one file are summarised: an editor cannot show 100,000 squiggles usefully. */
export const MAX_DIAGNOSTICS = 1000;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(document: TextDocument, d: Diagnostic): LspDiagnostic {
  const range = { start: document.positionAt(d.span.start), end: document.positionAt(d.span.end) };
  const out: LspDiagnostic = {
    range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
  if (d.unnecessary) out.tags = [DiagnosticTag.Unnecessary];
  if (d.related && d.related.length > 0) {
    out.relatedInformation = d.related.map((r) => ({
      location: {
        uri: document.uri,
        range: { start: document.positionAt(r.span.start), end: document.positionAt(r.span.end) },
      },
      message: r.message,
    }));
  }
  return out;
}

export function toLspDiagnostics(
  document: TextDocument,
  diagnostics: readonly Diagnostic[],
  max = MAX_DIAGNOSTICS,
): LspDiagnostic[] {
  const shown = diagnostics.slice(0, max).map((d) => toLspDiagnostic(document, d));
  if (diagnostics.length > max) {
    const last = diagnostics[max - 1]!;
    shown.push({
      range: { start: document.positionAt(last.span.start), end: document.positionAt(last.span.end) },
      severity: DiagnosticSeverity.Information,
      code: 'dtab/too-many-problems',
      source: DIAGNOSTIC_SOURCE,
      message: `${diagnostics.length - max} more problems are not shown; fix the ones above (or run \`dtab check\` on the file) to see the rest.`,
    });
  }
  return shown;
}
