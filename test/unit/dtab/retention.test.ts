// What a checker keeps between versions of a document (its memo of dentry values and facts) must not keep the
// document text itself alive: an editor re-checks a large file on every keystroke, and each version pinned by a
// label would leak its whole text. Measured with the garbage collector: after the texts are dropped, the heap must
// not hold them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createDtabChecker, type DtabChecker } from '../../../server/src/core/dtab/checks.js';
import { parseDtab } from '../../../server/src/core/dtab/parse.js';
import { internLabel } from '../../../server/src/core/dtab/label-intern.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A document of `n` dentries with long labels (slices of 13+ chars are views into their source in V8), padded
 * with a long comment each so that the text dwarfs the values kept from it. Every version differs. */
function documentText(version: number, n: number): string {
  const pad = '#' + 'x'.repeat(20_000) + '\n';
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(pad, `/svc/a-long-service-name-${i} => /#/io.l5d.k8s/production-namespace/http/svc-${version}-${i} | /$/inet/host-${version}-${i}.example.com/8080;`);
  }
  return lines.join('\n');
}

/** Parses and checks four versions of a document with `checker`, in a frame of its own (a finished call leaves
 * no stack slot that could still point at a text). Returns the total length of the texts. */
function checkVersions(checker: DtabChecker): number {
  let textBytes = 0;
  for (let version = 0; version < 4; version++) {
    const text = documentText(version, 500);
    textBytes += text.length;
    const doc = parseDtab(text);
    checker.check(doc, {});
    // Touch every value so it is built and kept in the memo.
    for (const d of doc.dentries) assert.ok(d.value);
  }
  return textBytes;
}

/** A full collection from an empty stack (a later turn of the event loop): nothing on it can hold a text. */
async function collectGarbage(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  gc();
}

test('memoised dentry values do not keep the documents they were parsed from alive', async () => {
  const checker = createDtabChecker();
  await collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const textBytes = checkVersions(checker);
  // A large string is sometimes released a collection late; a pinned one never is.
  let kept = Infinity;
  for (let attempt = 0; attempt < 5 && kept >= textBytes / 8; attempt++) {
    await collectGarbage();
    kept = process.memoryUsage().heapUsed - before;
  }
  // The values and facts of 2,000 dentries take a few megabytes; one kept version of the text would take a quarter
  // of `textBytes` (≈40 MB in all).
  assert.ok(kept < textBytes / 8, `the checker keeps ${(kept / 1e6).toFixed(1)} MB after ${(textBytes / 1e6).toFixed(1)} MB of documents were dropped`);
  assert.ok(checker);
});

test('interned labels are equal to the label they stand for, at any length and past the table bound', () => {
  for (let i = 0; i < 70_000; i++) {
    const label = `label-number-${i}`;
    assert.equal(internLabel(label), label);
  }
  assert.equal(internLabel('svc'), 'svc');
  assert.equal(internLabel(''), '');
});
