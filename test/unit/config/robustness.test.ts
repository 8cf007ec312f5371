// analyzeConfig, completion and hover never throw and stay bounded on hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeConfig } from '../../../server/src/core/config/analyze.js';
import { configCompletions, configHover } from '../../../server/src/core/config/assist.js';

const pieces = ['routers:', '\n', '- ', '  ', 'protocol: ', 'http', 'kind: ', 'dtab: ', '|', '>', '"', "'", '{', '}', '[', ']', ',', ':', '#', '&a', '*a', '/svc => /#/x;', 'servers:', 'port: ', '4140', 'namers:', 'storage:', 'interfaces:', '\t', '!!str ', '---\n', '\\'];

test('random config-like text never throws', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), fc.nat(), (parts, at) => {
      const text = parts.join('');
      const a = analyzeConfig(text);
      for (const d of a.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= text.length && d.span.start <= d.span.end);
      const off = text.length ? at % (text.length + 1) : 0;
      configCompletions(text, off);
      configHover(text, off);
    }),
    { numRuns: 1500 },
  );
});

test('deep nesting is reported, not a crash', () => {
  for (const text of ['routers: ' + '['.repeat(20000) + ']'.repeat(20000), 'routers:\n' + Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n'), '{"routers": ' + '{"a":'.repeat(10000) + '1' + '}'.repeat(10001)]) {
    const a = analyzeConfig(text);
    assert.ok(a.diagnostics.length > 0);
  }
});

test('alias bombs are not expanded', () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 30; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  lines.push('routers:\n- protocol: http\n  servers: *a29');
  const t0 = performance.now();
  const a = analyzeConfig(lines.join('\n'));
  assert.ok(performance.now() - t0 < 5000);
  assert.ok(a.diagnostics.some((d) => d.code === 'config/unknown-key'));
});

test('extraKinds: declared plugin kinds are accepted, other unknown kinds only warn', () => {
  const text = 'routers:\n- protocol: http\n  identifier:\n    kind: io.buoyant.helloWorldIdentifier\n    name: hi\n  service:\n    responseClassifier:\n      kind: io.buoyant.headerClassifier\n  dtab: /svc => /$/inet/a/1;\n  servers:\n  - port: 4140\n';
  const none = analyzeConfig(text);
  assert.deepEqual(none.diagnostics.map((d) => [d.code, d.severity]), [['config/unknown-kind', 'error'], ['config/unknown-kind', 'error']]);
  const some = analyzeConfig(text, { extraKinds: { identifier: ['io.buoyant.helloWorldIdentifier'] } });
  assert.deepEqual(some.diagnostics.map((d) => [d.code, d.severity]), [['config/unknown-kind', 'warning']]);
  const all = analyzeConfig(text, { extraKinds: { identifiers: ['io.buoyant.helloWorldIdentifier'], responseClassifier: ['io.buoyant.headerClassifier'] } });
  assert.deepEqual(all.diagnostics, []);
});

test('flavour detection', () => {
  assert.equal(analyzeConfig('routers: []').flavour, 'linkerd');
  assert.equal(analyzeConfig('storage: {kind: io.l5d.inMemory}\ninterfaces: [{kind: io.l5d.httpController}]').flavour, 'namerd');
  assert.equal(analyzeConfig('{"routers": [{"protocol": "http", "servers": [{}]}]}').flavour, 'linkerd');
  assert.equal(analyzeConfig('apiVersion: v1\nkind: ConfigMap\n').flavour, 'unknown');
  assert.equal(analyzeConfig('admin: {port: 9991}', { fileName: '/etc/namerd.yaml' }).flavour, 'namerd');
});

test('namerd does not require experimental: true on namers, linkerd does', () => {
  const namer = 'namers:\n- kind: io.l5d.dnssrv\n';
  const namerd = analyzeConfig(namer + 'storage:\n  kind: io.l5d.inMemory\ninterfaces:\n- kind: io.l5d.httpController\n');
  assert.deepEqual(namerd.diagnostics, []);
  const linkerd = analyzeConfig(namer + 'routers:\n- protocol: http\n  dtab: /svc => /#/io.l5d.dnssrv;\n  servers:\n  - port: 4140\n');
  assert.deepEqual(linkerd.diagnostics.map((d) => d.code), ['config/experimental']);
});

test('random embedded dtabs never make the config check throw', () => {
  const dtabPieces = ['/', 'a', '=>', ';', '|', '&', '*', '0.5', '(', ')', '!', '~', '$', '#', '\\x', ' ', '\n', '{x}', '/#/io.l5d.fs', '/$/inet/h/1'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...dtabPieces), { maxLength: 40 }), (parts) => {
      const dtab = parts.join('');
      const text = `routers:\n- protocol: http\n  dtab: ${JSON.stringify(dtab)}\n  servers:\n  - port: 4140\n`;
      const a = analyzeConfig(text);
      for (const d of a.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= text.length);
    }),
    { numRuns: 1000 },
  );
});

// More diagnostics than a function call takes arguments: appending them with a spread threw a RangeError.
const manyDiagnostics: { name: string; text: string; code: string; count: number }[] = [
  {
    name: '150,000 duplicate top-level keys (schema walk)',
    text: 'routers:\n- protocol: http\n  dtab: /svc => /#/io.l5d.fs;\n  servers:\n  - port: 4140\n' + 'admin: {}\n'.repeat(150_000),
    code: 'config/duplicate-key',
    count: 149_999,
  },
  {
    name: 'an embedded dtab with 150,000 fractional-weight hints (dtab checks)',
    text: `routers:\n- protocol: http\n  dtab: |\n${Array.from({ length: 150_000 }, (_, i) => `    /s${i} => 0.9 * /$/inet/a/1 & 0.1 * /$/inet/b/1;`).join('\n')}\n  servers:\n  - port: 4140\n`,
    code: 'dtab/fractional-weights',
    count: 150_000,
  },
];

for (const c of manyDiagnostics) {
  test(`a config with more diagnostics than call arguments: ${c.name}`, () => {
    const a = analyzeConfig(c.text);
    assert.equal(a.diagnostics.filter((d) => d.code === c.code).length, c.count);
    for (let i = 1; i < a.diagnostics.length; i++) assert.ok(a.diagnostics[i - 1]!.span.start <= a.diagnostics[i]!.span.start);
  });
}
