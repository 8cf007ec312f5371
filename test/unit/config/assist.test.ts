// Completion and hover in configs, with `<|>` cursor markers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configCompletions, configHover } from '../../../server/src/core/config/assist.js';

function cursor(src: string): { text: string; offset: number } {
  const offset = src.indexOf('<|>');
  assert.ok(offset >= 0, 'needs a <|> marker');
  return { text: src.slice(0, offset) + src.slice(offset + 3), offset };
}

interface CompletionCase {
  name: string;
  src: string;
  includes: string[];
  excludes?: string[];
  /** The first items by sortText. */
  first?: string;
}

const completionCases: CompletionCase[] = [
  { name: 'an empty file offers the top-level keys of both files', src: '<|>', includes: ['routers', 'storage', 'interfaces', 'namers', 'admin'] },
  { name: 'top-level linkerd keys', src: 'routers:\n- protocol: http\n<|>', includes: ['admin', 'namers', 'telemetry', 'usage'], excludes: ['routers', 'storage'] },
  { name: 'router keys of an http router', src: 'routers:\n- protocol: http\n  <|>', includes: ['dtab', 'servers', 'identifier', 'httpAccessLog'], excludes: ['protocol', 'thriftProtocol'] },
  { name: 'router keys of a thrift router', src: 'routers:\n- protocol: thrift\n  dtab: /svc => /$/inet/a/1;\n  <|>', includes: ['thriftProtocol', 'thriftMethodInDst'], excludes: ['identifier', 'dtab'] },
  { name: 'partial key', src: 'routers:\n- protocol: http\n  dst<|>', includes: ['dstPrefix', 'dtab'] },
  { name: 'server keys of an h2 router', src: 'routers:\n- protocol: h2\n  servers:\n  - port: 4142\n    <|>', includes: ['ip', 'maxConcurrentStreamsPerConnection', 'tls'], excludes: ['port', 'thriftFramed'] },
  { name: 'new list item of namers', src: 'namers:\n- <|>\nrouters:\n- protocol: http\n', includes: ['kind'], first: 'kind' },
  { name: 'namer kinds', src: 'namers:\n- kind: <|>\nrouters:\n- protocol: http\n', includes: ['io.l5d.fs', 'io.l5d.k8s', 'io.l5d.consul'] },
  { name: 'keys of a chosen namer kind', src: 'namers:\n- kind: io.l5d.fs\n  <|>\nrouters:\n- protocol: http\n', includes: ['rootDir', 'prefix', 'transformers'], excludes: ['kind', 'zkAddrs'], first: 'rootDir' },
  { name: 'protocols', src: 'routers:\n- protocol: <|>\n', includes: ['http', 'h2', 'thrift', 'thriftmux', 'mux'] },
  { name: 'load balancer kinds', src: 'routers:\n- protocol: http\n  client:\n    loadBalancer:\n      kind: <|>\n', includes: ['p2c', 'ewma', 'aperture', 'heap', 'roundRobin'] },
  { name: 'aperture keys', src: 'routers:\n- protocol: http\n  client:\n    loadBalancer:\n      kind: aperture\n      <|>\n', includes: ['smoothWindowMs', 'lowLoad', 'enableProbation'], excludes: ['decayTimeMs'] },
  { name: 'h2 classifiers only on h2 routers', src: 'routers:\n- protocol: h2\n  service:\n    responseClassifier:\n      kind: <|>\n', includes: ['io.l5d.h2.grpc.default'], excludes: ['io.l5d.http.nonRetryable5XX'] },
  { name: 'global client keys (kind defaults to io.l5d.global)', src: 'routers:\n- protocol: http\n  client:\n    <|>\n', includes: ['tls', 'loadBalancer', 'kind', 'requestAuthorizers'] },
  { name: 'static client config items', src: 'routers:\n- protocol: http\n  client:\n    kind: io.l5d.static\n    configs:\n    - prefix: /#/io.l5d.fs\n      <|>\n', includes: ['tls', 'failFast'], excludes: ['prefix'] },
  { name: 'enum values', src: 'routers:\n- protocol: thrift\n  thriftProtocol: <|>\n', includes: ['binary', 'compact'] },
  { name: 'boolean values', src: 'routers:\n- protocol: http\n  originator: <|>\n', includes: ['true', 'false'] },
  { name: 'namerd storage kinds', src: 'storage:\n  kind: <|>\ninterfaces: []\n', includes: ['io.l5d.inMemory', 'io.l5d.zk', 'io.l5d.etcd'] },
  { name: 'interpreter transformer items', src: 'routers:\n- protocol: http\n  interpreter:\n    kind: default\n    transformers:\n    - kind: <|>\n', includes: ['io.l5d.port', 'io.l5d.k8s.daemonset'] },
  { name: 'CRLF line endings', src: 'routers:\r\n- protocol: http\r\n  <|>\r\n', includes: ['dtab', 'servers'] },
  { name: 'comment lines and blank lines in between', src: 'routers:\n# the web router\n- protocol: http\n\n  # its servers\n  servers:\n  # first\n  - port: 4140\n    <|>\n', includes: ['ip', 'addForwardedHeader'], excludes: ['port'] },
  { name: 'indented list under its key', src: 'routers:\n  - protocol: h2\n    client:\n      <|>\n', includes: ['windowUpdateRatio', 'tls'] },
  { name: 'list of identifiers', src: 'routers:\n- protocol: http\n  identifier:\n  - kind: io.l5d.header.token\n  - kind: io.l5d.path\n    <|>\n', includes: ['segments'], excludes: ['header'] },
  { name: 'identifier given as a single mapping', src: 'routers:\n- protocol: http\n  identifier:\n    kind: io.l5d.path\n    <|>\n', includes: ['segments', 'consume'] },
];

for (const c of completionCases) {
  test(`completion: ${c.name}`, () => {
    const { text, offset } = cursor(c.src);
    const items = configCompletions(text, offset);
    const labels = items.map((i) => i.label);
    for (const l of c.includes) assert.ok(labels.includes(l), `${l} missing from ${labels.join(', ')}`);
    for (const l of c.excludes ?? []) assert.ok(!labels.includes(l), `${l} should not be offered`);
    if (c.first) assert.equal([...items].sort((a, b) => a.sortText.localeCompare(b.sortText))[0]!.label, c.first);
  });
}

test('completion replaces the partial word and documents the key', () => {
  const { text, offset } = cursor('routers:\n- protocol: http\n  dst<|>\n');
  const item = configCompletions(text, offset).find((i) => i.label === 'dstPrefix')!;
  assert.equal(text.slice(item.replace.start, item.replace.end), 'dst');
  assert.match(item.documentation, /Default: `\/svc`/);
});

test('completing over an existing key replaces only its name', () => {
  const { text, offset } = cursor('routers:\n- protocol: http\n  dst<|>Prefix: /svc\n');
  const item = configCompletions(text, offset).find((i) => i.label === 'dtab')!;
  assert.equal(item.insertText, 'dtab');
  assert.equal(text.slice(item.replace.start, item.replace.end), 'dstPrefix');
});

test('no config completion inside an embedded dtab block scalar', () => {
  const { text, offset } = cursor('routers:\n- protocol: http\n  dtab: |\n    /svc => /#/io.l5d.fs;\n    <|>\n');
  assert.deepEqual(configCompletions(text, offset), []);
});

const hoverCases: { name: string; src: string; word: string; match: RegExp }[] = [
  { name: 'a router key', src: 'routers:\n- protocol: http\n  dstP<|>refix: /svc\n', word: 'dstPrefix', match: /Default: `\/svc`/ },
  { name: 'a namer kind', src: 'namers:\n- kind: io.l5d.cur<|>ator\nrouters:\n- protocol: http\n', word: 'io.l5d.curator', match: /Experimental: requires `experimental: true`/ },
  { name: 'a protocol', src: 'routers:\n- protocol: thrift<|>mux\n', word: 'thriftmux', match: /Default port: 4144/ },
  { name: 'an interpreter kind', src: 'routers:\n- protocol: http\n  interpreter:\n    kind: io.l5d.me<|>sh\n', word: 'io.l5d.mesh', match: /resolved by namerd/ },
  { name: 'a port key', src: 'routers:\n- protocol: http\n  servers:\n  - po<|>rt: 4140\n', word: 'port', match: /int 0\.\.65535/ },
  { name: 'an enum value', src: 'telemetry:\n- kind: io.l5d.tracelog\n  level: DEB<|>UG\nrouters:\n- protocol: http\n', word: 'DEBUG', match: /`WARNING`/ },
];

for (const h of hoverCases) {
  test(`hover: ${h.name}`, () => {
    const { text, offset } = cursor(h.src);
    const hover = configHover(text, offset);
    assert.ok(hover, 'a hover');
    assert.equal(text.slice(hover.span.start, hover.span.end), h.word);
    assert.match(hover.markdown, h.match);
  });
}

test('no hover on unknown keys or outside the config structure', () => {
  const { text, offset } = cursor('routers:\n- protocol: http\n  bogu<|>s: 1\n');
  assert.equal(configHover(text, offset), undefined);
});
