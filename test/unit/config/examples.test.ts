// The 55 configs of linkerd-examples (spec §7.4) check without errors; the only warnings are linkerd's own
// deprecation warning for `trustCerts`, in the three configs that use it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeConfig } from '../../../server/src/core/config/analyze.js';

const DIR = join(__dirname, '..', '..', 'fixtures', 'config', 'examples');
const files = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
const USES_TRUST_CERTS = new Set([
  'dcos__linkerd-marathon-auth__linkerd-config.yml',
  'dcos__linkerd-marathon-auth__linkerd-dcos.json',
  'k8s-daemonset__k8s__linkerd-tls.yml__l5d-config__config.yaml',
]);

test('all 55 linkerd-examples configs are present', () => {
  assert.equal(files.length, 55);
});

for (const f of files) {
  test(`linkerd-examples ${f}`, () => {
    const a = analyzeConfig(readFileSync(join(DIR, f), 'utf8'), { fileName: f });
    assert.notEqual(a.flavour, 'unknown');
    assert.equal(a.isJson, f.endsWith('.json'));
    const serious = a.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
    const expected = USES_TRUST_CERTS.has(f) ? ['config/deprecated'] : [];
    assert.deepEqual(serious.map((d) => d.code), expected, serious.map((d) => d.message).join('\n'));
  });
}
