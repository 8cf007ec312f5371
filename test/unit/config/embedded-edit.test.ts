// Writing a new dtab back into its YAML scalar keeps the YAML valid and reads back as the new dtab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeConfig } from '../../../server/src/core/config/analyze.js';
import { replaceEmbeddedDtab } from '../../../server/src/core/config/embedded-edit.js';

const FORMATTED = '/svc  => /#/io.l5d.fs;\n/host => /svc;\n';

const cases: { name: string; dtab: string; expect: RegExp }[] = [
  { name: 'literal block keeps header and indentation', dtab: '  dtab: |\n      /svc=>/#/io.l5d.fs;/host=>/svc;\n', expect: /dtab: \|\n {6}\/svc  => \/#\/io\.l5d\.fs;\n {6}\/host => \/svc;\n  servers/ },
  { name: 'literal block with a comment on the header', dtab: '  dtab: |- # routing\n    /svc=>/#/io.l5d.fs;/host=>/svc;\n', expect: /dtab: \|- # routing\n {4}\/svc  => / },
  { name: 'literal block with an indentation indicator', dtab: '  dtab: |2\n    /svc=>/#/io.l5d.fs;/host=>/svc;\n', expect: /dtab: \|\n {4}\/svc  => / },
  { name: 'plain multi-line becomes a literal block', dtab: '  dtab: /svc=>/#/io.l5d.fs;/host=>/svc;\n', expect: /dtab: \|\n {4}\/svc  => \/#\/io\.l5d\.fs;\n {4}\/host => \/svc;\n  servers/ },
  { name: 'folded becomes a literal block', dtab: '  dtab: >\n    /svc=>/#/io.l5d.fs;\n    /host=>/svc;\n', expect: /dtab: \|\n {4}\/svc  => / },
  { name: 'double-quoted multi-line becomes a literal block', dtab: '  dtab: "/svc=>/#/io.l5d.fs;/host=>/svc;"\n', expect: /dtab: \|\n/ },
];

for (const c of cases) {
  test(`replace embedded dtab: ${c.name}`, () => {
    const text = `namers:\n- kind: io.l5d.fs\n  rootDir: d\nrouters:\n- protocol: http\n${c.dtab}  servers:\n  - port: 4140\n`;
    const e = analyzeConfig(text).embeddedDtabs[0]!;
    const edit = replaceEmbeddedDtab(text, e, FORMATTED);
    assert.ok(edit, 'an edit');
    const after = text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
    assert.match(after, c.expect);
    const a = analyzeConfig(after);
    assert.deepEqual(a.diagnostics.filter((d) => d.severity !== 'hint'), []);
    assert.equal(a.embeddedDtabs[0]!.text.replace(/\n+$/, ''), FORMATTED.replace(/\n+$/, ''));
  });
}

test('a dtab inside a YAML flow mapping stays a double-quoted string', () => {
  const text = 'routers:\n- {protocol: http, dtab: "/svc=>/$/inet/a/1;/x=>/svc;", servers: [{port: 4140}]}\n';
  const e = analyzeConfig(text).embeddedDtabs[0]!;
  const edit = replaceEmbeddedDtab(text, e, '/svc => /$/inet/a/1;\n/x   => /svc;\n')!;
  assert.equal(edit.newText, JSON.stringify('/svc => /$/inet/a/1;\n/x   => /svc;\n'));
});

test('JSON configs get an escaped string', () => {
  const text = '{"routers": [{"protocol": "http", "dtab": "/svc=>/$/inet/a/1;/x=>/svc;", "servers": [{"port": 4140}]}]}';
  const e = analyzeConfig(text).embeddedDtabs[0]!;
  const edit = replaceEmbeddedDtab(text, e, '/svc => /$/inet/a/1;\n/x   => /svc;\n')!;
  assert.equal(edit.newText, JSON.stringify('/svc => /$/inet/a/1;\n/x   => /svc;\n'));
  const after = text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
  assert.equal(JSON.parse(after).routers[0].dtab, '/svc => /$/inet/a/1;\n/x   => /svc;\n');
});

test('namespace values and single-line dtabs keep a plain or quoted style', () => {
  const text = "storage:\n  kind: io.l5d.inMemory\n  namespaces:\n    a: /svc=>/$/inet/a/1;\n    b: '/svc=>/$/inet/b/1;'\ninterfaces:\n- kind: io.l5d.httpController\n";
  const [a, b] = analyzeConfig(text).embeddedDtabs;
  assert.equal(replaceEmbeddedDtab(text, a!, '/svc => /$/inet/a/1;')!.newText, '/svc => /$/inet/a/1;');
  assert.equal(replaceEmbeddedDtab(text, b!, '/svc => /$/inet/b/1;')!.newText, "'/svc => /$/inet/b/1;'");
});

test('a comment that would swallow the next key in a plain scalar is quoted', () => {
  const text = 'routers:\n- protocol: http\n  dtab: /svc => /$/inet/a/1;\n  servers:\n  - port: 4140\n';
  const e = analyzeConfig(text).embeddedDtabs[0]!;
  const edit = replaceEmbeddedDtab(text, e, '/svc => /$/inet/a/1; # note')!;
  assert.equal(edit.newText, '"/svc => /$/inet/a/1; # note"');
});
