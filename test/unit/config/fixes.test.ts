// Quick fixes: applying a preferred fix removes the diagnostic it was offered for, and keeps the file valid YAML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeConfig } from '../../../server/src/core/config/analyze.js';
import type { Fix } from '../../../server/src/core/diagnostic.js';
import { loadBrokenFixtures } from './fixtures.js';

function apply(text: string, fix: Fix): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

const withFixes = loadBrokenFixtures().filter((fx) => {
  const a = analyzeConfig(fx.text, { fileName: fx.fileName ?? fx.file, extraKinds: fx.extraKinds });
  return a.diagnostics.some((d) => d.code === fx.code && d.fixes?.length);
});

test('fixes are offered for misspelt keys and kinds, legacy names, quoted scalars and experimental flags', () => {
  const names = withFixes.map((f) => f.file);
  for (const f of ['unknown-key-suggest.yaml', 'unknown-kind-suggest.yaml', 'legacy-basedtab.yaml', 'legacy-identifier-kind.yaml', 'quoted-port.yaml', 'experimental-thriftmux.yaml', 'experimental-namer.yaml']) {
    assert.ok(names.includes(f), `${f} has no fix`);
  }
});

for (const fx of withFixes) {
  test(`fix for ${fx.file} (${fx.code}) removes the diagnostic`, () => {
    const opts = { fileName: fx.fileName ?? fx.file, extraKinds: fx.extraKinds };
    const before = analyzeConfig(fx.text, opts);
    const d = before.diagnostics.find((x) => x.code === fx.code && x.fixes?.length)!;
    const fixed = apply(fx.text, d.fixes![0]!);
    const after = analyzeConfig(fixed, opts);
    assert.equal(after.diagnostics.filter((x) => x.code === 'config/yaml-syntax').length, 0, fixed);
    assert.equal(after.diagnostics.filter((x) => x.code === fx.code).length, before.diagnostics.filter((x) => x.code === fx.code).length - 1, fixed);
  });
}

const experimentalLayouts = [
  'routers:\n- protocol: thriftmux\n  dtab: /svc => /$/inet/a/1;\n  servers:\n  - port: 4144\n',
  'routers:\n- {protocol: thriftmux, dtab: /svc => /$/inet/a/1;, servers: [{port: 4144}]}\n',
  'routers:\n- label: tm\n  protocol: thriftmux # the protocol\n  dtab: /svc => /$/inet/a/1;\n  servers:\n  - port: 4144\n',
  'routers:\n- protocol: thriftmux\n  experimental: false\n  dtab: /svc => /$/inet/a/1;\n  servers:\n  - port: 4144\n',
];

for (const [i, text] of experimentalLayouts.entries()) {
  test(`experimental: true fix keeps layout ${i}`, () => {
    const d = analyzeConfig(text).diagnostics.find((x) => x.code === 'config/experimental')!;
    assert.ok(d);
    const fixed = apply(text, d.fixes![0]!);
    assert.deepEqual(analyzeConfig(fixed).diagnostics, [], fixed);
  });
}
