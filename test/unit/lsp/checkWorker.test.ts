import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CheckWorker } from '../../../server/src/lsp/checkWorker.js';

// The server entry doubles as the worker script; a bootstrap loads it through tsx inside the worker.
const script = join(__dirname, '..', '..', 'fixtures', 'lsp', 'check-worker-bootstrap.cjs');

test('check worker: checks off the main thread; a newer check of a document cancels the older one', async () => {
  const errors: string[] = [];
  const worker = new CheckWorker(script, (m) => errors.push(m));
  try {
    const small = await worker.check('file:///a.dtab', '/a => /b\n/c => /d', undefined);
    assert.ok(small);
    assert.deepEqual(small.diagnostics.map((d) => d.code), ['dtab/missing-semicolon']);

    const big = Array.from({ length: 20_000 }, (_, i) => `/s${i} => /t${i};`).join('\n');
    const first = worker.check('file:///b.dtab', big, undefined);
    const second = worker.check('file:///b.dtab', big + '\n/u => /v', [['#', 'io.l5d.fs']]);
    const other = worker.check('file:///c.dtab', '/x => /$/inet/127.1/notaport', undefined);
    assert.equal(await first, undefined, 'the superseded check is cancelled');
    const r2 = await second;
    assert.ok(r2 && r2.diagnostics.length === 0);
    const r3 = await other;
    assert.ok(r3 && r3.diagnostics.length > 0, 'the next document is still checked after a cancellation');
    assert.deepEqual(errors, []);
  } finally {
    worker.dispose();
  }
});
