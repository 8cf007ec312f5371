// The cross-file interpreter rule (spec §8.3 rule 12): one case per message with its exact range and related
// locations in the namerd files, the quiet cases, the namerd fact extraction, and the example corpus (its linkerd
// and namerd examples that belong together agree).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeConfig } from '../../../server/src/core/config/analyze.js';
import { checkInterpreters, crossFileDiagnostics, extractInterpreterFacts, extractNamerdFacts, type NamerdFacts } from '../../../server/src/core/config/cross-file.js';
import { CROSS_FILE_CASES, unmark } from './cross-file-cases.js';

const WS = 'file:///ws/';

function facts(file: string, text: string): NamerdFacts {
  const f = extractNamerdFacts(WS + file, text, file);
  assert.ok(f && f !== 'unreadable', `${file} is not a readable namerd config`);
  return f;
}

for (const c of CROSS_FILE_CASES) {
  test(`cross-file: ${c.name}`, () => {
    const linkerd = unmark(c.linkerd, '«', '»');
    const namerds = c.namerds.map((n) => ({ file: n.file, ...unmark(n.text, '‹', '›') }));
    const namerdFacts = namerds.map((n) => facts(n.file, n.text));
    const got = crossFileDiagnostics(linkerd.text, namerdFacts, 'linkerd.yaml');
    // The language server and the CLI check the interpreters the config analysis read off its tree: same findings.
    assert.deepEqual(checkInterpreters(analyzeConfig(linkerd.text, { fileName: 'linkerd.yaml' }).interpreters, namerdFacts), got);
    if (c.message === undefined) {
      assert.deepEqual(got, []);
      return;
    }
    assert.equal(got.length, 1, JSON.stringify(got, null, 1));
    const d = got[0]!;
    assert.equal(d.code, c.code);
    assert.equal(d.severity, 'information');
    assert.equal(d.message, c.message);
    assert.deepEqual(d.span, linkerd.span, `range: got ${JSON.stringify(linkerd.text.slice(d.span.start, d.span.end))}`);
    const expectedRelated = namerds.filter((n) => n.span).map((n) => ({ uri: WS + n.file, span: n.span }));
    assert.deepEqual(d.related?.map((r) => ({ uri: r.uri, span: r.span })), expectedRelated);
  });
}

test('cross-file: namerd facts are read from namerd configs only; one with YAML errors is unreadable', () => {
  assert.equal(extractNamerdFacts(WS + 'linkerd.yaml', 'routers:\n- protocol: http\n'), undefined);
  assert.equal(extractNamerdFacts(WS + 'other.yaml', 'a: 1\n'), undefined);
  assert.equal(extractNamerdFacts(WS + 'namerd.yaml', 'storage:\n  kind: io.l5d.inMemory\ninterfaces: [\n'), 'unreadable');
  const f = facts('namerd.yaml', 'storage:\n  kind: io.l5d.inMemory\n  namespaces:\n    a: /x => /y;\n    "b": /x => /y;\ninterfaces:\n- kind: io.l5d.mesh\n- kind: io.l5d.httpController\n  port: 9000\n- kind: io.l5d.thriftNameInterpreter\n  port: "x"\n');
  assert.deepEqual(
    { storage: f.storageKind, namespaces: f.namespaces.map((n) => n.name), interfaces: f.interfaces.map((i) => [i.kind, i.port, i.explicitPort]) },
    { storage: 'io.l5d.inMemory', namespaces: ['a', 'b'], interfaces: [['io.l5d.mesh', 4321, false], ['io.l5d.httpController', 9000, true], ['io.l5d.thriftNameInterpreter', undefined, true]] },
  );
});

// The example corpus: the whole of it as one workspace, and the pairs its comments say belong together.
const CORPUS = join(__dirname, '..', '..', 'fixtures', 'config', 'corpus');
const read = (rel: string): string => readFileSync(join(CORPUS, rel), 'utf8');
const corpusNamerds = readdirSync(join(CORPUS, 'namerd'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => extractNamerdFacts(WS + 'namerd/' + f, read('namerd/' + f), 'namerd/' + f))
  .filter((f): f is NamerdFacts => typeof f === 'object');

test('cross-file: the config analysis finds the interpreters the text extraction finds, corpus included', () => {
  const texts: [string, string][] = [
    ...CROSS_FILE_CASES.map((c): [string, string] => [c.name, unmark(c.linkerd, '«', '»').text]),
    ...readdirSync(join(CORPUS, 'linkerd')).filter((f) => f.endsWith('.yaml')).map((f): [string, string] => [f, read('linkerd/' + f)]),
    ...readdirSync(join(CORPUS, 'namerd')).filter((f) => f.endsWith('.yaml')).map((f): [string, string] => ['namerd/' + f, read('namerd/' + f)]),
  ];
  let found = 0;
  for (const [name, text] of texts) {
    const fromAnalysis = analyzeConfig(text, { fileName: 'linkerd.yaml' }).interpreters;
    assert.deepEqual(fromAnalysis, extractInterpreterFacts(text, 'linkerd.yaml'), name);
    found += fromAnalysis.length;
  }
  assert.ok(found >= CROSS_FILE_CASES.length, `only ${found} interpreters found`);
  // None for YAML errors, namerd configs, and interpreters that do not ask namerd.
  const namerdHttp = 'routers:\n- protocol: http\n  interpreter:\n    kind: io.l5d.namerd.http\n    dst: /$/inet/127.1/4180\n  servers:\n  - port: 4140\n';
  assert.deepEqual(analyzeConfig(namerdHttp).interpreters.map((i) => [i.router, i.kind, i.dst?.port, i.namespace?.name]), [['http', 'io.l5d.namerd.http', 4180, 'default']]);
  assert.deepEqual(analyzeConfig(namerdHttp + 'namers: [\n').interpreters, []);
  assert.deepEqual(analyzeConfig(namerdHttp.replace('io.l5d.namerd.http', 'io.l5d.fs')).interpreters, []);
  assert.deepEqual(analyzeConfig('storage:\n  kind: io.l5d.inMemory\ninterfaces:\n- kind: io.l5d.mesh\n', { fileName: 'namerd.yaml' }).interpreters, []);
});

test('cross-file: a config analysis gives the namerd facts the text extraction gives, corpus included', () => {
  const texts: [string, string][] = [
    ...readdirSync(join(CORPUS, 'namerd')).filter((f) => f.endsWith('.yaml')).map((f): [string, string] => ['namerd/' + f, read('namerd/' + f)]),
    ...readdirSync(join(CORPUS, 'linkerd')).filter((f) => f.endsWith('.yaml')).map((f): [string, string] => ['linkerd/' + f, read('linkerd/' + f)]),
    ['namerd.yaml', 'storage:\n  kind: io.l5d.inMemory\ninterfaces: [\n'],
    ['namerd.yaml', 'storage:\n  kind: io.l5d.inMemory\n  namespaces:\n    default: /a => /b\ninterfaces:\n- kind: io.l5d.mesh\n  port: 4321\n'],
    ['other.yaml', 'a: 1\n'],
  ];
  let facts = 0;
  for (const [name, text] of texts) {
    const fileName = name.split('/').pop()!;
    const fromAnalysis = analyzeConfig(text, { fileName }).namerdFacts(WS + name, name);
    assert.deepEqual(fromAnalysis, extractNamerdFacts(WS + name, text, name), name);
    if (typeof fromAnalysis === 'object') facts++;
  }
  assert.equal(facts, 14);
});

test('cross-file: the corpus as one workspace has nothing to say', () => {
  assert.equal(corpusNamerds.length, 13);
  for (const f of readdirSync(join(CORPUS, 'linkerd')).filter((x) => x.endsWith('.yaml'))) {
    assert.deepEqual(crossFileDiagnostics(read('linkerd/' + f), corpusNamerds, f), [], f);
  }
});

for (const [linkerd, namerd] of [
  ['linkerd/namerd-tls.yaml', 'namerd/tls.yaml'], // "intended to work in conjunction with namerd/tls.yaml"
  ['linkerd/namerd-mesh.yaml', 'namerd/mesh.yaml'],
  ['linkerd/namerd.yaml', 'namerd/all.yaml'],
] as const) {
  test(`cross-file: corpus ${linkerd} agrees with ${namerd}`, () => {
    assert.deepEqual(crossFileDiagnostics(read(linkerd), [facts(namerd, read(namerd))], 'linkerd.yaml'), []);
  });
}

test('cross-file: corpus linkerd/namerd.yaml against namerd/mesh.yaml alone misses the thrift interface only', () => {
  const got = crossFileDiagnostics(read('linkerd/namerd.yaml'), [facts('namerd/mesh.yaml', read('namerd/mesh.yaml'))], 'namerd.yaml');
  assert.deepEqual(got.map((d) => [d.code, d.severity]), [['config/namerd-interface-missing', 'information']]);
  assert.match(got[0]!.message, /^Router 'named-thrift' uses the io\.l5d\.namerd interpreter/);
});
