import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDtab, toDtab } from '../../../server/src/core/dtab/parse.js';
import { formatDtabDocument, formatDtabRange } from '../../../server/src/core/dtab/format.js';
import { showDtab } from '../../../server/src/core/dtab/show.js';

function fmt(s: string, indent?: number): string {
  const out = formatDtabDocument(parseDtab(s), indent === undefined ? {} : { indent });
  assert.ok(out !== undefined);
  // Idempotent and meaning-preserving.
  assert.equal(formatDtabDocument(parseDtab(out), indent === undefined ? {} : { indent }), out);
  assert.equal(showDtab(toDtab(parseDtab(out))), showDtab(toDtab(parseDtab(s))));
  return out;
}

test('one dentry per line, arrows aligned, canonical spacing, `;` after each', () => {
  assert.equal(
    fmt('/svc=>/#/io.l5d.fs;/host/web => 9*/srv/blue&1 * /srv/green;/srv/*=>/a|(/b&/c)'),
    '/svc      => /#/io.l5d.fs;\n/host/web => 9 * /srv/blue & 1 * /srv/green;\n/srv/*    => /a | (/b & /c);\n',
  );
});

test('spellings are kept: escapes, weights, wildcards', () => {
  assert.equal(fmt('/\\x66oo=>.5*/a&/b'), '/\\x66oo => .5 * /a & /b;\n');
  assert.equal(fmt('/a => 2 * /b'), '/a => 2 * /b;\n');
});

test('comments: own-line, trailing and inside a destination (DtabTest comment dtab)', () => {
  const src =
    '# a comment\n/#foo => /biz  # another comment\n| ( /bliz & # yet another comment\n/bluth ) # duh bluths\n; #finalmente\n#/ignore=>/me;';
  assert.equal(
    fmt(src),
    '# a comment\n/#foo => /biz # another comment\n    | (/bliz & # yet another comment\n    /bluth); # duh bluths\n#finalmente\n#/ignore=>/me;\n',
  );
  assert.equal(fmt('/a=>/b # c\n;/c=>/d'), '/a => /b; # c\n/c => /d;\n');
});

test('blank lines collapse to one; empty and comment-only documents', () => {
  assert.equal(fmt('/a=>/b;\n\n\n\n/c=>/d;'), '/a => /b;\n\n/c => /d;\n');
  assert.equal(fmt(''), '');
  assert.equal(fmt('   \n  '), '');
  assert.equal(fmt('  # only\n'), '# only\n');
});

test('indent option and long prefixes', () => {
  assert.equal(fmt('/a=>/b;/cc=>/d', 2), '  /a  => /b;\n  /cc => /d;\n');
  const long = '/' + 'x'.repeat(60);
  assert.equal(fmt(`/a=>/b;${long}=>/c`), `/a => /b;\n${long} => /c;\n`);
});

test('refuses documents with syntax errors', () => {
  assert.equal(formatDtabDocument(parseDtab('/a => /b\n/c => /d')), undefined);
  assert.equal(formatDtabDocument(parseDtab('/a => (')), undefined);
});

test('range formatting touches only the dentries in the range', () => {
  const text = '/a=>/b;\n  /cc=>/d|/e;\n/f=>/g;\n';
  const doc = parseDtab(text);
  const start = text.indexOf('/cc');
  const r = formatDtabRange(doc, start, start + 2)!;
  assert.deepEqual(r.span, { start, end: text.indexOf(';\n/f') + 1 });
  assert.equal(r.newText, '/cc => /d | /e;');
  const edited = text.slice(0, r.span.start) + r.newText + text.slice(r.span.end);
  assert.equal(edited, '/a=>/b;\n  /cc => /d | /e;\n/f=>/g;\n');
});
