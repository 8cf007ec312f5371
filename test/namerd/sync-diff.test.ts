// Pure tests of the per-dentry diff, the three-way conflict report and the pull header.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDtab } from '../../server/src/core/dtab/parse.js';
import { canonicalFromDocument, normaliseDentry } from '../../server/src/namerd/sync/canonical.js';
import { diffDentries, threeWayDiff, type DentryChange } from '../../server/src/namerd/sync/diff.js';
import { formatHeader, parseHeader, replaceHeader } from '../../server/src/namerd/sync/header.js';
import { renderChanges } from '../../server/src/namerd/sync/render.js';

const ds = (text: string) => canonicalFromDocument(parseDtab(text));
const kinds = (cs: readonly DentryChange[]) => cs.map((c) => c.kind);

const diffCases: { name: string; before: string; after: string; expect: DentryChange['kind'][] }[] = [
  { name: 'identical', before: '/a=>/b;/c=>/d', after: '/a => /b; /c => /d', expect: ['unchanged', 'unchanged'] },
  { name: 'comments and layout are not changes', before: '/a=>/b', after: '# hi\n/a   =>   /b ; # there\n', expect: ['unchanged'] },
  { name: 'weights compare canonically', before: '/a=>/x & 9.00*/y', after: '/a => 1 * /x & 9 * /y', expect: ['unchanged'] },
  { name: 'changed dst', before: '/a=>/b;/c=>/d', after: '/a=>/b;/c=>/e', expect: ['unchanged', 'changed'] },
  { name: 'added at the end', before: '/a=>/b', after: '/a=>/b;/c=>/d', expect: ['unchanged', 'added'] },
  { name: 'removed in the middle', before: '/a=>/b;/c=>/d;/e=>/f', after: '/a=>/b;/e=>/f', expect: ['unchanged', 'removed', 'unchanged'] },
  { name: 'from empty', before: '', after: '/a=>/b', expect: ['added'] },
];

for (const c of diffCases) {
  test(`diff: ${c.name}`, () => {
    assert.deepEqual(kinds(diffDentries(ds(c.before), ds(c.after))), c.expect);
  });
}

test('diff: a reorder is reported, never as unchanged', () => {
  const cs = diffDentries(ds('/a=>/b;/a=>/c'), ds('/a=>/c;/a=>/b'));
  assert.ok(cs.some((c) => c.kind !== 'unchanged'));
  assert.equal(cs.filter((c) => c.kind === 'unchanged').length, 1);
});

test('normaliseDentry re-prints lossy weights the way namerd stores them', () => {
  assert.deepEqual(normaliseDentry({ prefix: '/a', dst: '1.00*/x & /y' }), { prefix: '/a', dst: '/x & /y' });
  assert.deepEqual(normaliseDentry({ prefix: '/a', dst: 'not a tree (' }), { prefix: '/a', dst: 'not a tree (' });
});

test('three-way: each side changing a different dentry does not overlap', () => {
  const base = ds('/a=>/1;/b=>/1;/c=>/1');
  const theirs = ds('/a=>/2;/b=>/1;/c=>/1');
  const yours = ds('/a=>/1;/b=>/1;/c=>/3');
  const tw = threeWayDiff(base, theirs, yours, { baseVersion: 'v1', theirVersion: 'v2' });
  assert.deepEqual(kinds(tw.theirChanges!), ['changed', 'unchanged', 'unchanged']);
  assert.deepEqual(kinds(tw.yourChanges), ['unchanged', 'unchanged', 'changed']);
  assert.deepEqual(tw.overlapping, []);
});

test('three-way: both sides changing one prefix is reported as overlapping', () => {
  const tw = threeWayDiff(ds('/a=>/1'), ds('/a=>/2'), ds('/a=>/3'), { baseVersion: 'v1', theirVersion: 'v2' });
  assert.deepEqual(tw.overlapping, ['/a']);
});

test('three-way without a base compares theirs with yours', () => {
  const tw = threeWayDiff(undefined, ds('/a=>/2'), ds('/a=>/3'), { theirVersion: 'v2' });
  assert.equal(tw.theirChanges, undefined);
  assert.deepEqual(kinds(tw.yourChanges), ['changed']);
});

test('header: format then parse round-trips, credentials are removed', () => {
  const base = ds('/svc=>/#/io.l5d.fs;/host=>/svc & 9.00*/x');
  const text = formatHeader({ endpoint: 'http://user:secret@127.0.0.1:4180', namespace: 'default', version: 'AAAAAAAAAAE=', base }) + '/svc => /x;\n';
  assert.ok(!text.includes('secret'));
  const doc = parseDtab(text);
  assert.deepEqual(doc.errors, []);
  const h = parseHeader(doc.comments, doc.dentries[0]?.span.start);
  assert.equal(h.endpoint, 'http://127.0.0.1:4180');
  assert.equal(h.namespace, 'default');
  assert.equal(h.version, 'AAAAAAAAAAE=');
  assert.deepEqual(h.base, base);
});

test('header: comments after the first dentry are not a header', () => {
  const doc = parseDtab('/a=>/b;\n# namerd: endpoint=http://x:1 namespace=n version=v\n');
  assert.deepEqual(parseHeader(doc.comments, doc.dentries[0]?.span.start), {});
});

test('header: replaceHeader swaps only the leading header lines', () => {
  const old = '# namerd: endpoint=http://x:1 namespace=n version=v1\n# namerd-base: /a=>/b\n# mine\n/a => /c;\n';
  const out = replaceHeader(old, '# namerd: endpoint=http://x:1 namespace=n version=v2\n');
  assert.equal(out, '# namerd: endpoint=http://x:1 namespace=n version=v2\n# mine\n/a => /c;\n');
  assert.equal(replaceHeader('/a=>/b\n', '# H\n'), '# H\n/a=>/b\n');
});

test('renderChanges folds unchanged dentries far from a change', () => {
  const before = ds(Array.from({ length: 10 }, (_, i) => `/s${i}=>/d`).join(';'));
  const after = before.map((d, i) => (i === 9 ? { ...d, dst: '/e' } : d));
  const lines = renderChanges(diffDentries(before, after));
  assert.match(lines[0]!, /… 7 unchanged dentries/);
  assert.equal(lines.filter((l) => l.startsWith('-')).length, 1);
  assert.equal(lines.filter((l) => l.startsWith('+')).length, 1);
});
