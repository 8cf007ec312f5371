import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definitions } from '../../../server/src/lsp/features/definition.js';
import { documentHighlights } from '../../../server/src/lsp/features/documentHighlight.js';
import { references } from '../../../server/src/lsp/features/references.js';
import { prepareRename, renameSegment } from '../../../server/src/lsp/features/rename.js';
import { applyEdits, cursor, dtabFixture, textOf } from './fixture.js';

test('definition: from a destination path to every dentry whose prefix may rewrite it', () => {
  const cases: string[] = [
    '{|/svc|} => /k8s;\n{|/svc/users|} => /x;\n/other => /s<|>vc',
    '{|/s/*/c|} => /a;\n/x => /s/b/<|>c',
    '{|/k8s/prod|} => /a;\n/x => /k<|>8s',
    '/a => /b;\n/x => /n<|>one',
  ];
  for (const marked of cases) {
    const f = dtabFixture(marked);
    const got = definitions(f.document, f.region, cursor(f)).map((l) => l.targetSelectionRange);
    assert.deepEqual(got, f.ranges, marked);
  }
});

test('references: of a prefix, the destination paths it rewrites', () => {
  const f = dtabFixture('/s<|>vc => /k8s;\n/a => {|/svc/users|} | {|/svc|};\n/b => /svcx');
  const got = references(f.document, f.region, cursor(f), false).map((l) => l.range);
  assert.deepEqual(got, f.ranges);
  const withDecl = references(f.document, f.region, cursor(f), true);
  assert.equal(withDecl.length, 3);
  assert.equal(textOf(f.document, withDecl[0]!.range), '/svc');
});

test('document highlights: the same segment after the same segments', () => {
  const f = dtabFixture('/{|s<|>vc|} => /k8s;\n/x => /{|svc|}/a & /b/svc;\n/{|svc|}/z => /y');
  const got = documentHighlights(f.document, f.region, cursor(f)).map((h) => h.range);
  assert.deepEqual(got, f.ranges);
});

test('rename: a prefix segment across prefixes and destinations', () => {
  const f = dtabFixture('/s<|>vc/users => /k8s;\n/x => /svc/users/v1 | /svc;\n/svc2 => /svc2');
  const prepared = prepareRename(f.document, f.region, cursor(f));
  assert.equal(prepared?.placeholder, 'svc');
  const r = renameSegment(f.document, f.region, cursor(f), 'service');
  assert.ok(r.ok);
  assert.equal(applyEdits(f.document, r.edits), '/service/users => /k8s;\n/x => /service/users/v1 | /service;\n/svc2 => /svc2');
});

test('rename: only the segment at that depth after the same parents; escapes count as their bytes', () => {
  const f = dtabFixture('/a/b<|> => /c;\n/x => /a/\\x62 & /b/b & /a/b/b');
  const r = renameSegment(f.document, f.region, cursor(f), 'B');
  assert.ok(r.ok);
  assert.equal(applyEdits(f.document, r.edits), '/a/B => /c;\n/x => /a/B & /b/b & /a/B/b');
});

test('rename: rejects a name that is not a single label, and wildcards', () => {
  const f = dtabFixture('/s<|>vc => /a');
  for (const bad of ['a/b', 'with space', '', '*']) {
    const r = renameSegment(f.document, f.region, cursor(f), bad);
    assert.equal(r.ok, false, bad);
  }
  const w = dtabFixture('/*<|> => /a');
  assert.equal(prepareRename(w.document, w.region, cursor(w)), undefined);
});
