// One broken config per rule: exactly one diagnostic (besides those a fixture lists in `# also:`), with the expected
// code, severity, message and range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeConfig } from '../../../server/src/core/config/analyze.js';
import { loadBrokenFixtures } from './fixtures.js';

for (const fx of loadBrokenFixtures()) {
  test(`broken config ${fx.file}: ${fx.code}`, () => {
    const a = analyzeConfig(fx.text, { fileName: fx.fileName ?? fx.file, extraKinds: fx.extraKinds });
    const got = a.diagnostics
      .filter((d) => !fx.also.includes(d.code))
      .map((d) => ({ code: d.code, severity: d.severity, message: d.message, span: d.span }));
    assert.equal(got.length, 1, `expected one diagnostic, got ${JSON.stringify(got, null, 1)}`);
    const d = got[0]!;
    assert.equal(d.code, fx.code);
    assert.equal(d.severity, fx.severity);
    assert.deepEqual(d.span, fx.span, `range: got ${JSON.stringify(fx.text.slice(d.span.start, d.span.end))}`);
    assert.ok(fx.message !== undefined, 'fixture needs # message:');
    assert.equal(d.message, fx.message);
  });
}
