import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDtab, toDtab } from '../../../server/src/core/dtab/parse.js';
import { showDtab } from '../../../server/src/core/dtab/show.js';
import { formatDocument, formatRange } from '../../../server/src/lsp/features/formatting.js';
import { applyEdits, dtabFixture } from './fixture.js';

const messy = '# routing for the edge\n/svc=>/#/io.l5d.fs;\n  /host/web   =>   9*/srv/blue&1*/srv/green ;# split\n/a/very/long/prefix=>/b|/c;\n';

function format(text: string): string {
  const f = dtabFixture(text);
  return applyEdits(f.document, formatDocument(f.document, f.region.parsed));
}

test('document formatting: one dentry per line, arrows aligned, comments kept, meaning unchanged, idempotent', () => {
  const out = format(messy);
  const dentryLines = out.split('\n').filter((l) => l.includes('=>'));
  assert.equal(dentryLines.length, 3);
  const arrows = new Set(dentryLines.map((l) => l.indexOf('=>')));
  assert.equal(arrows.size, 1, out);
  assert.ok(out.includes('# routing for the edge'));
  assert.ok(out.includes('# split'));
  assert.equal(showDtab(toDtab(parseDtab(out))), showDtab(toDtab(parseDtab(messy))));
  assert.equal(format(out), out);
});

test('document formatting: an already formatted document gives no edits', () => {
  const once = format(messy);
  const f = dtabFixture(once);
  assert.deepEqual(formatDocument(f.document, f.region.parsed), []);
});

test('range formatting: only the dentries the range touches change', () => {
  const text = '/a=>/b;\n/cc   =>   /d;\n/e=>/f;\n';
  const doc = TextDocument.create('file:///r.dtab', 'linkerd-dtab', 1, text);
  const parsed = parseDtab(text);
  const edits = formatRange(doc, parsed, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
  const out = TextDocument.applyEdits(doc, edits);
  const lines = out.split('\n');
  assert.equal(lines[0], '/a=>/b;');
  assert.equal(lines[2], '/e=>/f;');
  assert.match(lines[1]!, /^\/cc +=> +\/d;$/);
  assert.equal(showDtab(toDtab(parseDtab(out))), showDtab(toDtab(parsed)));
});

test('a document with syntax errors is not formatted', () => {
  const f = dtabFixture('/a => /b\n/c => (/d');
  assert.deepEqual(formatDocument(f.document, f.region.parsed), []);
});
