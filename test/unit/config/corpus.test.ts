// Every stock linkerd/namerd example config checks clean, except the documented defect of namerd/etcd.yaml
// (experimental io.l5d.etcd storage without `experimental: true`, spec §8.4), which gets exactly that error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeConfig } from '../../../server/src/core/config/analyze.js';

const CORPUS = join(__dirname, '..', '..', 'fixtures', 'config', 'corpus');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return name.endsWith('.yaml') ? [p] : [];
  });
}

const files = yamlFiles(CORPUS).sort();

test('the corpus holds the 39 linkerd and 13 namerd example configs', () => {
  const rel = files.map((f) => relative(CORPUS, f));
  assert.equal(rel.filter((f) => f.startsWith('linkerd/')).length, 39);
  assert.equal(rel.filter((f) => /^namerd\/[^/]+$/.test(f)).length, 13);
});

for (const file of files) {
  const rel = relative(CORPUS, file);
  test(`corpus ${rel}`, () => {
    const text = readFileSync(file, 'utf8');
    const a = analyzeConfig(text, { fileName: rel });
    const serious = a.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
    if (rel === 'namerd/etcd.yaml') {
      assert.equal(a.flavour, 'namerd');
      assert.equal(serious.length, 1, JSON.stringify(serious));
      const d = serious[0]!;
      assert.equal(d.code, 'config/experimental');
      assert.equal(d.severity, 'error');
      assert.equal(text.slice(d.span.start, d.span.end), 'io.l5d.etcd');
      assert.equal(d.message, "The io.l5d.etcd storage is experimental and must be explicitly enabled by setting the `experimental' parameter to true.");
      return;
    }
    if (rel === 'namerd/k8s/3rdparty.yaml') {
      // A Kubernetes CRD manifest, not a namerd config: it must not be mistaken for one.
      assert.equal(a.flavour, 'unknown');
    } else {
      assert.equal(a.flavour, rel.startsWith('linkerd/') ? 'linkerd' : 'namerd');
    }
    assert.deepEqual(serious.map((d) => `${d.code}: ${d.message}`), []);
  });
}

test('corpus router dtabs are found and parse without errors', () => {
  let count = 0;
  for (const file of files) {
    const a = analyzeConfig(readFileSync(file, 'utf8'), { fileName: file });
    for (const e of a.embeddedDtabs) {
      count++;
      assert.equal(e.document.errors.length, 0, `${file}: ${e.name}`);
      assert.equal(e.exact, true);
    }
  }
  assert.ok(count >= 40, `found ${count} embedded dtabs`);
});
