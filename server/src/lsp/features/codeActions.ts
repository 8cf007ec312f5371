// Code actions: the fixes the checks attach to their diagnostics (missing `;`, bad escape, duplicate dentry,
// ineffective weight, non-integer weights …), offered as quick fixes, plus a "fix all" source action made of the
// preferred fixes that do not overlap.

import {
  CodeActionKind,
  type CodeAction,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Fix } from '../../core/diagnostic.js';
import { toLspDiagnostic } from './diagnostics.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dtab`;

export function codeActions(
  document: TextDocument,
  diagnostics: readonly Diagnostic[],
  range: Range,
  only?: readonly string[],
): CodeAction[] {
  const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const out: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    for (const d of diagnostics) {
      if (!d.fixes || d.fixes.length === 0) continue;
      if (d.span.end < start || d.span.start > end) continue;
      const lspDiagnostic = toLspDiagnostic(document, d);
      for (const fix of d.fixes) {
        out.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [lspDiagnostic],
          isPreferred: fix.preferred === true,
          edit: { changes: { [document.uri]: toLspEdits(document, fix) } },
        });
      }
    }
  }
  if (wants(FIX_ALL_KIND)) {
    const fixAll = fixAllAction(document, diagnostics);
    if (fixAll) out.push(fixAll);
  }
  return out;
}

/** The preferred fixes of the whole document, skipping any whose edits overlap one already taken. */
export function fixAllAction(document: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction | undefined {
  const taken: { start: number; end: number }[] = [];
  const edits: LspTextEdit[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes?.find((f) => f.preferred);
    if (!fix) continue;
    const overlaps = fix.edits.some((e) =>
      taken.some((t) => (e.span.start < t.end && t.start < e.span.end) || e.span.start === t.start),
    );
    if (overlaps) continue;
    for (const e of fix.edits) taken.push({ start: e.span.start, end: e.span.end });
    edits.push(...toLspEdits(document, fix));
  }
  if (edits.length === 0) return undefined;
  return {
    title: 'Fix all auto-fixable dtab problems',
    kind: FIX_ALL_KIND,
    edit: { changes: { [document.uri]: edits } },
  };
}

function toLspEdits(document: TextDocument, fix: Fix): LspTextEdit[] {
  return fix.edits.map((e) => ({
    range: { start: document.positionAt(e.span.start), end: document.positionAt(e.span.end) },
    newText: e.newText,
  }));
}
