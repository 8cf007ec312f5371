// The schema walk's key checks on mappings of every size: small mappings find duplicates by scanning the keys before
// them, large ones (more than 16 keys) by a Map; both must report each repeated key once, at the repeat, with the
// first occurrence related, keep checking the keys after it, and find missing required keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeConfig } from '../../../server/src/core/config/analyze.js';
import { familyFor } from '../../../server/src/core/config/model.js';

const routerKeys = Object.keys(familyFor('router', { product: 'linkerd', protocol: 'http' })!.kinds.get('http')!.fields).filter(
  (k) => !['protocol', 'servers', 'dtab', 'label'].includes(k),
);

/** A router with `protocol`, `label`, then `n` more of its keys (null values), `servers`, and extra lines. */
function config(n: number, extra: string[]): string {
  const keys = routerKeys.slice(0, n).map((k) => `  ${k}: ~`);
  return ['routers:', '- protocol: http', '  label: r', ...keys, ...extra, '  servers:', '  - port: 4140', ''].join('\n');
}

const at = (text: string, line: string, nth = 0): number => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(line, i + 1);
  return i + 2; // past the indentation
};

test('router key count covers both the scanned and the hashed mappings', () => {
  assert.ok(routerKeys.length >= 20, `${routerKeys.length} router keys`);
});

for (let n = 0; n <= 20; n += 2) {
  test(`a mapping of ${n + 4} keys: duplicates, unknown keys after them, missing required keys`, () => {
    // `label` repeated, then an unknown key: both reported, in order.
    const text = config(n, ['  label: again', '  bogusKey: 1']);
    const a = analyzeConfig(text);
    const dup = a.diagnostics.filter((d) => d.code === 'config/duplicate-key');
    assert.equal(dup.length, 1, JSON.stringify(dup));
    assert.deepEqual(dup[0]!.span, { start: at(text, '  label: again'), end: at(text, '  label: again') + 5 });
    assert.deepEqual(dup[0]!.related?.map((r) => r.span), [{ start: at(text, '  label: r'), end: at(text, '  label: r') + 5 }]);
    const unknown = a.diagnostics.filter((d) => d.code === 'config/unknown-key');
    assert.equal(unknown.length, 1);
    assert.equal(text.slice(unknown[0]!.span.start, unknown[0]!.span.end), 'bogusKey');
    // Every key before the repeat written twice more: one report per repeat.
    const twice = config(n, routerKeys.slice(0, n).flatMap((k) => [`  ${k}: ~`, `  ${k}: ~`]));
    const b = analyzeConfig(twice).diagnostics.filter((d) => d.code === 'config/duplicate-key');
    assert.equal(b.length, 2 * n);
    for (const [i, d] of b.entries()) {
      const key = routerKeys[Math.floor(i / 2)]!;
      assert.equal(d.message.includes(`'${key}'`) || d.message.includes(`"${key}"`) || d.message.includes(key), true, d.message);
      assert.equal(d.span.start, at(twice, `  ${key}: ~`, 1 + (i % 2)));
      assert.equal(d.related?.[0]?.span.start, at(twice, `  ${key}: ~`));
    }
    // Without servers: the required key is missing.
    const noServers = text.replace('  servers:\n  - port: 4140\n', '');
    const missing = analyzeConfig(noServers).diagnostics.filter((d) => d.code === 'config/missing-required');
    assert.equal(missing.length, 1, JSON.stringify(missing));
    assert.match(missing[0]!.message, /servers/);
  });
}
