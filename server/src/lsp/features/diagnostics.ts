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

/** The text of another file a related span points into (cross-file rules); undefined when it is not known. */
export type OtherDocuments = (uri: string) => TextDocument | undefined;

export function toLspDiagnostic(document: TextDocument, d: Diagnostic, others?: OtherDocuments): LspDiagnostic {
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
    out.relatedInformation = d.related.map((r) => {
      // A span in another file is placed in that file's text (at its start when the text is not known).
      const at = r.uri === undefined || r.uri === document.uri ? document : others?.(r.uri);
      const range = at
        ? { start: at.positionAt(r.span.start), end: at.positionAt(r.span.end) }
        : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      return { location: { uri: r.uri ?? document.uri, range }, message: r.message };
    });
  }
  return out;
}

export function toLspDiagnostics(
  document: TextDocument,
  diagnostics: readonly Diagnostic[],
  max = MAX_DIAGNOSTICS,
  others?: OtherDocuments,
): LspDiagnostic[] {
  const shown = diagnostics.slice(0, max).map((d) => toLspDiagnostic(document, d, others));
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
