// The values of plain dentries (`prefix => path` and `prefix => path | path | ...` without escapes) are read off
// the text instead of by Finagle's parser: they must equal what Finagle's parser reads, whatever the spacing,
// comments and line breaks between the alternatives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDtab, readDtab, toDtab } from '../../../server/src/core/dtab/parse.js';

const cases = [
  '/svc => /#/io.l5d.fs;',
  '/svc/* => /#/io.l5d.k8s/prod/http | /#/io.l5d.k8s/staging/http;',
  '/svc/team0/svc1 => /#/io.l5d.fs/svc1 | /$/inet/svc1.example.com/80;',
  '/a=>/b|/c|/d;',
  '/a => / | /b;',
  '/ => /a | /;',
  '/a/*/c => /b |\n  # a comment between alternatives\n  /c |\n  /d/e.f-g_h:i;',
  '/a => /b\t|\t/c ; /x => /y | /z',
  '/a => /b | /c\\x2fd;', // an escape: Finagle's parser decides
  '/a => /b | !;',
  '/a => /b | ~ | /c;',
  '/a => /b | (/c | /d);',
  '/a => /b | 2 * /c & /d;',
];

test('plain dentry values equal Finagle values', () => {
  for (const text of cases) {
    const r = readDtab(text);
    assert.ok(r.ok, text);
    const doc = parseDtab(text);
    assert.deepEqual(doc.errors, [], text);
    assert.deepEqual(toDtab(doc), r.value, text);
  }
});

test('an alternative of plain paths is an Alt of leaves, in order', () => {
  const [d] = toDtab(parseDtab('/svc/* => /a/b | /c | /;'));
  assert.deepEqual(d!.dst, { kind: 'alt', trees: [{ kind: 'leaf', value: ['a', 'b'] }, { kind: 'leaf', value: ['c'] }, { kind: 'leaf', value: [] }] });
});
