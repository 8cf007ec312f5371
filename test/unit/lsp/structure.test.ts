import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FoldingRangeKind, type SelectionRange } from 'vscode-languageserver';
import { foldingRanges } from '../../../server/src/lsp/features/folding.js';
import { selectionRanges } from '../../../server/src/lsp/features/selectionRanges.js';
import { documentSymbols } from '../../../server/src/lsp/features/symbols.js';
import { cursor, dtabFixture, textOf } from './fixture.js';

test('document symbols: one per dentry, named by its prefix', () => {
  const f = dtabFixture('# routing\n/svc => /#/io.l5d.fs;\n/svc/*/x =>\n  /a |\n  /b;\n/ => !');
  const symbols = documentSymbols(f.document, f.region);
  assert.deepEqual(symbols.map((s) => s.name), ['/svc', '/svc/*/x', '/']);
  assert.deepEqual(symbols.map((s) => s.detail), ['=> /#/io.l5d.fs', '=> /a | /b', '=> !']);
  assert.equal(textOf(f.document, symbols[1]!.range), '/svc/*/x =>\n  /a |\n  /b;');
  assert.equal(textOf(f.document, symbols[1]!.selectionRange), '/svc/*/x');
  assert.equal(documentSymbols(f.document, f.region, 2).length, 2);
});

test('folding: comment blocks and multi-line dentries', () => {
  const f = dtabFixture('# one\n# two\n/a => /b;\n# lone\n/c =>\n  /d |\n  /e;\n');
  assert.deepEqual(foldingRanges(f.document, f.region), [
    { startLine: 0, endLine: 1, kind: FoldingRangeKind.Comment },
    { startLine: 4, endLine: 6, kind: FoldingRangeKind.Region },
  ]);
});

test('selection ranges: label, path, enclosing trees, dentry, whole dtab', () => {
  const f = dtabFixture('/a => /x;\n/svc => (/b/c<|>c | /d) & /e;');
  const [chain] = selectionRanges(f.document, f.region, [f.document.positionAt(cursor(f))]);
  const texts: string[] = [];
  for (let r: SelectionRange | undefined = chain; r; r = r.parent) texts.push(textOf(f.document, r.range));
  assert.deepEqual(texts, [
    'cc',
    '/b/cc',
    '/b/cc | /d',
    '(/b/cc | /d)',
    '(/b/cc | /d) & /e',
    '/svc => (/b/cc | /d) & /e',
    '/svc => (/b/cc | /d) & /e;',
    '/a => /x;\n/svc => (/b/cc | /d) & /e;',
  ]);
});
