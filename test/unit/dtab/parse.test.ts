// The editor parser (parseDtab): spans, recovery, targeted errors, limits. Vectors are in parse-vectors.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_NESTING, parseDtab, readDtab, readNameTree, readPath, toDtab } from '../../../server/src/core/dtab/parse.js';
import { showDtab } from '../../../server/src/core/dtab/show.js';

test('syntax tree spans', () => {
  const text = '/a/*/c => 2 * /b & (/d | !) ;';
  const doc = parseDtab(text);
  assert.deepEqual(doc.errors, []);
  const d = doc.dentries[0]!;
  const at = (s: { start: number; end: number }) => text.slice(s.start, s.end);
  assert.equal(at(d.span), '/a/*/c => 2 * /b & (/d | !)');
  assert.equal(at(d.prefix.span), '/a/*/c');
  assert.deepEqual(
    d.prefix.elems.map((e) => at(e.span)),
    ['a', '*', 'c'],
  );
  assert.ok('any' in d.prefix.elems[1]!);
  assert.equal(at(d.arrow), '=>');
  assert.equal(at(d.semicolon!), ';');
  assert.equal(d.dst.kind, 'union');
  if (d.dst.kind !== 'union') return;
  assert.equal(at(d.dst.members[0]!.span), '2 * /b');
  assert.deepEqual(d.dst.members[0]!.weight, { span: { start: 10, end: 11 }, value: 2, text: '2' });
  assert.equal(d.dst.members[1]!.tree.kind, 'group');
  assert.equal(at(d.dst.members[1]!.tree.span), '(/d | !)');
  assert.equal(showDtab(toDtab(doc)), '/a/*/c=>2.00*/b & (/d | !)');
});

test('labels are decoded byte strings', () => {
  const doc = parseDtab('/\\x66oo => /a\\x2fb/\\xc3\\xa9');
  const d = doc.dentries[0]!;
  assert.deepEqual(d.value!.prefix, ['foo']);
  assert.deepEqual(d.value!.dst, { kind: 'leaf', value: ['a/b', '\xc3\xa9'] });
  if (d.dst.kind === 'leaf') assert.equal(d.dst.path.labels[1]!.value, '\xc3\xa9');
});

test('a lone weighted tree keeps its (ignored) weight in the syntax tree', () => {
  const d = parseDtab('/a => 2 * /b').dentries[0]!;
  assert.equal(d.dst.kind, 'union');
  if (d.dst.kind === 'union') assert.equal(d.dst.members.length, 1);
  assert.deepEqual(d.value!.dst, { kind: 'leaf', value: ['b'] });
});

test('recovery at `;`: later dentries keep their values, every error is reported', () => {
  const doc = parseDtab('/a => /b;\n/c => /\\X41;\n/d => (/e;\n/f => /g;');
  assert.deepEqual(
    doc.errors.map((e) => [e.code, e.span.start, e.message]),
    [
      ['dtab/syntax', 18, "'x' expected but 'X' found"],
      ['dtab/syntax', 32, "')' expected but ';' found"],
    ],
  );
  assert.equal(doc.dentries.length, 4);
  assert.deepEqual(
    doc.dentries.map((d) => (d.value ? 'ok' : 'error')),
    ['ok', 'error', 'error', 'ok'],
  );
  assert.equal(showDtab(toDtab(doc)), '/a=>/b;/f=>/g');
});

test('a missing `;` before a dentry on a later line: Finagle offset, hint, and parsing goes on', () => {
  const text = '/a => /b\n/c => /d # c\n/e => /f;';
  const doc = parseDtab(text);
  assert.deepEqual(
    doc.errors.map((e) => [e.code, e.span.start]),
    [
      ['dtab/missing-semicolon', 9],
      ['dtab/missing-semicolon', 22],
    ],
  );
  assert.equal(
    doc.errors[0]!.message,
    "end of input expected but '/' found: dentries must be separated by ';' — a newline is not a separator",
  );
  const r = readDtab(text);
  assert.ok(!r.ok && r.offset === 9);
  assert.equal(showDtab(toDtab(doc)), '/a=>/b;/c=>/d;/e=>/f');
});

test('a missing `;` after a broken dentry is still reported as such', () => {
  const doc = parseDtab('/a => /\\X41;\n/b => /c\n/d => /e');
  assert.deepEqual(
    doc.errors.map((e) => e.code),
    ['dtab/syntax', 'dtab/missing-semicolon'],
  );
  assert.equal(showDtab(toDtab(doc)), '/b=>/c;/d=>/e');
});

test('comments are collected with their spans', () => {
  const text = '# head\n/a => /b # tail\n;/c=>/d#notacomment';
  const doc = parseDtab(text);
  assert.deepEqual(
    doc.comments.map((c) => c.text),
    ['# head', '# tail'],
  );
  assert.equal(text.slice(doc.comments[1]!.span.start, doc.comments[1]!.span.end), '# tail');
  assert.deepEqual(doc.dentries[1]!.value!.dst, { kind: 'leaf', value: ['d#notacomment'] });
});

test('empty and trivia-only documents', () => {
  for (const t of ['', '  \n\t', '# only\n# comments']) {
    const doc = parseDtab(t);
    assert.deepEqual([doc.dentries.length, doc.errors.length], [0, 0]);
  }
  assert.equal(parseDtab(';').errors[0]!.message, "'/' expected but ';' found");
  assert.equal(parseDtab('/a=>/b;;').errors[0]!.span.start, 7);
});

test('non-ASCII digits: NumberFormatException shape (N53)', () => {
  const doc = parseDtab('/a => \u0663*/a & /b');
  assert.deepEqual(
    doc.errors.map((e) => [e.code, e.span, e.message]),
    [['dtab/bad-number', { start: 6, end: 7 }, 'For input string: "\u0663"']],
  );
  const r = readNameTree('\u0663*/a & /b');
  assert.ok(!r.ok && r.message === 'For input string: "\u0663"');
});

test('limits: deep nesting, huge labels, many alternatives and dentries, all in bounded time', () => {
  const deep = '/a => ' + '('.repeat(100_000) + '/b' + ')'.repeat(100_000);
  const doc = parseDtab(deep);
  assert.equal(doc.errors[0]!.code, 'dtab/too-deep');
  assert.equal(doc.errors[0]!.span.start, 6 + MAX_NESTING);
  const r = readNameTree('('.repeat(100_000) + '/b' + ')'.repeat(100_000));
  assert.ok(!r.ok && r.code === 'dtab/too-deep');
  const ok = '/a => ' + '('.repeat(MAX_NESTING) + '/b' + ')'.repeat(MAX_NESTING);
  const okDoc = parseDtab(ok);
  assert.deepEqual(okDoc.errors, []);
  assert.equal(okDoc.dentries[0]!.dst.kind, 'group');
  assert.deepEqual(okDoc.dentries[0]!.value!.dst, { kind: 'leaf', value: ['b'] });

  const label = 'x'.repeat(1 << 20);
  assert.equal((parseDtab('/a => /' + label).dentries[0]!.value!.dst as unknown as { value: string[] }).value[0]!.length, 1 << 20);
  assert.ok(readPath('/' + label).ok);

  const alts = '/a => ' + Array.from({ length: 100_000 }, (_, i) => '/b' + i).join(' | ');
  const altDoc = parseDtab(alts);
  assert.deepEqual(altDoc.errors, []);
  assert.equal((altDoc.dentries[0]!.value!.dst as unknown as { trees: unknown[] }).trees.length, 100_000);

  const many = Array.from({ length: 100_000 }, (_, i) => `/s${i} => /t${i}`).join(';\n');
  const manyDoc = parseDtab(many);
  assert.equal(manyDoc.dentries.length, 100_000);
  const broken = Array.from({ length: 100_000 }, () => '/a => ((').join(';');
  assert.equal(parseDtab(broken).errors.length, 100_000);
  const noSemis = Array.from({ length: 100_000 }, (_, i) => `/s${i} => /t${i}`).join('\n');
  assert.equal(parseDtab(noSemis).errors.length, 99_999);
});

test('never throws on odd input', () => {
  for (const s of ['\uffff', '/\uffff', '/a=>/b\uffff', '\\', '/\\', '/a => 1..2*/b', '=>', ')', '/a => (((', '\ud800']) {
    const doc = parseDtab(s);
    assert.ok(doc.errors.length > 0, s);
    for (const d of doc.dentries) void [d.prefix, d.dst, d.value];
  }
});

test("the value of a plain `prefix => path` dentry (read off the text) equals Finagle's", () => {
  const text =
    '/=>/;/*=>/a;\n/a/*/b.c => /#/io.l5d.k8s/x-y_z:1%;  /$/inet/1.2.3.4/80 # note\n=> /b ;\n' +
    '/a # c\n=>\t/d/e;/x => /\\x41;/y => /b/*;/z/\\x2a => /c';
  const doc = parseDtab(text);
  const r = readDtab(text.replace(/\/y => \/b\/\*;/, ''));
  assert.ok(doc.errors.length === 1, JSON.stringify(doc.errors)); // `/b/*`: no `*` in a destination path
  assert.ok(r.ok, r.ok ? '' : r.message);
  assert.deepEqual(toDtab(doc), r.value);
});

test('dentries the token-level check accepts or leaves to chevrotain parse exactly as Finagle reads them', () => {
  // Around isWholeDentry's edges: weights before parentheses, nested and closing parentheses, `|`/`&` after `)`,
  // atoms of every kind; and token sequences it must not accept (left to chevrotain, which reports the error).
  const valid = [
    '/a => 2 * (/b | /c)',
    '/a => (2 * /b & (/c | ~)) | !',
    '/a => ((/b)) & $',
    '/a => (/b) | 0.5 * /c & .5 * (/d)',
    '/ => /',
    '/*/x => /y',
    '/a => 1. * /b',
  ];
  for (const d of valid) {
    const doc = parseDtab(d);
    const r = readDtab(d);
    assert.ok(r.ok, d);
    assert.deepEqual(doc.errors, [], d);
    assert.deepEqual(toDtab(doc), r.value, d);
    for (const n of doc.dentries) void [n.prefix, n.dst];
  }
  const invalid = ['/a => ()', '/a => (/b', '/a => /b)', '/a => 2 * ', '/a => 2 /b', '/a => /b |', '/a => (/b) (/c)', '/a =>', '/a => * /b'];
  for (const d of invalid) {
    const doc = parseDtab(d);
    const r = readDtab(d);
    assert.ok(!r.ok, d);
    assert.equal(doc.errors[0]?.span.start, r.offset, d);
  }
});
