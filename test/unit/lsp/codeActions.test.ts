import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionKind, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { checkDtab } from '../../../server/src/core/dtab/checks.js';
import { codeActions, FIX_ALL_KIND } from '../../../server/src/lsp/features/codeActions.js';
import { toLspDiagnostics } from '../../../server/src/lsp/features/diagnostics.js';
import type { Diagnostic } from '../../../server/src/core/diagnostic.js';
import { applyEdits, dtabFixture } from './fixture.js';

const everywhere = (f: ReturnType<typeof dtabFixture>) => ({ start: f.document.positionAt(0), end: f.document.positionAt(f.text.length) });

/** Applies the quick fix titled `title` and returns the new text. */
function applyQuickFix(marked: string, title: RegExp): string {
  const f = dtabFixture(marked);
  const actions = codeActions(f.document, checkDtab(f.region.parsed), everywhere(f), [CodeActionKind.QuickFix]);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no action ${title} among ${actions.map((a) => a.title).join(', ')}`);
  return applyEdits(f.document, action.edit!.changes![f.document.uri]!);
}

test('code actions: the checks’ fixes reach the editor as quick fixes', () => {
  const cases: [string, RegExp, string][] = [
    ['/a => /b\n/c => /d', /Insert ';'/, '/a => /b;\n/c => /d'],
    ['/a => /\\X41', /lower-case 'x'/, '/a => /\\x41'],
    ['/a => /b;\n/a => /b;', /Remove this dentry/, '/a => /b;'],
    ['/a => 2 * /b', /Drop the weight/, '/a => /b'],
    ['/a => 0.5 * /b & 1.5 * /c', /Normalise weights/, '/a => 1 * /b & 3 * /c'],
  ];
  for (const [input, title, want] of cases) assert.equal(applyQuickFix(input, title), want, input);
});

test('code actions: only for diagnostics in the requested range; fix-all combines preferred fixes', () => {
  const f = dtabFixture('/a => /b\n/c => /d\n/e => /f');
  const diags = checkDtab(f.region.parsed);
  // The first missing `;` is reported on the `/c` that follows it (line 1).
  const firstLine = { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } };
  const onFirst = codeActions(f.document, diags, firstLine, [CodeActionKind.QuickFix]);
  assert.equal(onFirst.length, 1);
  const all = codeActions(f.document, diags, firstLine, [FIX_ALL_KIND]);
  assert.equal(all.length, 1);
  assert.equal(applyEdits(f.document, all[0]!.edit!.changes![f.document.uri]!), '/a => /b;\n/c => /d;\n/e => /f');
});

test('diagnostics: code, severity, related information and unnecessary reach LSP; the count is capped', () => {
  const f = dtabFixture('/a => /b;\n/x => /y');
  const d: Diagnostic = {
    code: 'dtab/duplicate-dentry',
    severity: 'warning',
    span: { start: 10, end: 17 },
    message: 'duplicate',
    unnecessary: true,
    related: [{ span: { start: 0, end: 8 }, message: 'first here' }],
  };
  const [lsp] = toLspDiagnostics(f.document, [d]);
  assert.equal(lsp!.code, 'dtab/duplicate-dentry');
  assert.equal(lsp!.severity, DiagnosticSeverity.Warning);
  assert.deepEqual(lsp!.tags, [DiagnosticTag.Unnecessary]);
  assert.deepEqual(lsp!.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } });
  assert.equal(lsp!.relatedInformation![0]!.message, 'first here');
  const many = Array.from({ length: 5 }, () => d);
  const capped = toLspDiagnostics(f.document, many, 3);
  assert.equal(capped.length, 4);
  assert.match(String(capped[3]!.message), /2 more problems/);
});
