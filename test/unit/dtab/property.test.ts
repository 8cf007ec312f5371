// Property tests (fast-check): printing and parsing agree, the formatter is idempotent and meaning-preserving, and
// the editor parser never throws and always agrees with Finagle's parser on validity and on the first error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDtab, readDtab, readNameTree, toDtab } from '../../../server/src/core/dtab/parse.js';
import { showDtab, showNameTree } from '../../../server/src/core/dtab/show.js';
import { formatDtabDocument } from '../../../server/src/core/dtab/format.js';
import { dtabArb, dtabishStringArb, noiseArb, noisyDtab, treeArb } from './gen.js';

const runs = Number(process.env.PROPERTY_RUNS ?? 300);

/** The document parser agrees with Dtab.read: same validity, same first error, same dtab. */
export function assertAgrees(text: string): void {
  const doc = parseDtab(text);
  const r = readDtab(text);
  if (r.ok) {
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(toDtab(doc), r.value);
  } else {
    assert.ok(doc.errors.length > 0, 'no error for ' + JSON.stringify(text));
    assert.equal(doc.errors[0]!.span.start, r.offset, 'first error offset for ' + JSON.stringify(text));
    assert.ok(r.message.startsWith(doc.errors[0]!.message.split(': dentries must')[0]!), r.message);
  }
}

test('read(show(tree)) == tree for trees without single-child nodes and 2-decimal weights', () => {
  fc.assert(
    fc.property(treeArb, (t) => {
      const r = readNameTree(showNameTree(t));
      assert.ok(r.ok, r.ok ? '' : r.message);
      assert.deepEqual(r.value, t);
    }),
    { numRuns: runs },
  );
});

test('read(show(dtab)) == dtab, and the document parser gives the same dtab', () => {
  fc.assert(
    fc.property(dtabArb, (d) => {
      const text = showDtab(d);
      const r = readDtab(text);
      assert.ok(r.ok, r.ok ? '' : r.message);
      assert.deepEqual(r.value, d);
      const doc = parseDtab(text);
      assert.deepEqual(doc.errors, []);
      assert.deepEqual(toDtab(doc), d);
    }),
    { numRuns: runs },
  );
});

test('random whitespace and comments do not change the meaning; the formatter is idempotent and meaning-preserving', () => {
  fc.assert(
    fc.property(dtabArb, fc.infiniteStream(noiseArb), (d, noise) => {
      const it = noise[Symbol.iterator]();
      const text = noisyDtab(d, () => it.next().value as string);
      const doc = parseDtab(text);
      assert.deepEqual(doc.errors, [], JSON.stringify(text));
      assert.equal(showDtab(toDtab(doc)), showDtab(d));
      assertAgrees(text);
      const once = formatDtabDocument(doc);
      assert.ok(once !== undefined);
      const doc2 = parseDtab(once);
      assert.deepEqual(doc2.errors, [], JSON.stringify(once));
      assert.equal(showDtab(toDtab(doc2)), showDtab(d), 'meaning changed by formatting ' + JSON.stringify(text));
      assert.equal(formatDtabDocument(doc2), once, 'not idempotent on ' + JSON.stringify(text));
      // Every comment survives formatting.
      assert.equal(doc2.comments.length, doc.comments.length);
    }),
    { numRuns: runs },
  );
});

test('the parser never throws on random input and agrees with Finagle on validity and the first error', () => {
  fc.assert(
    fc.property(dtabishStringArb, (s) => {
      assertAgrees(s);
      const doc = parseDtab(s);
      // Every node the document exposes can be built.
      for (const d of doc.dentries) void [d.prefix, d.dst, d.arrow, d.value];
    }),
    { numRuns: runs * 3 },
  );
});

test('mutated valid dtabs: never throws, agrees with Finagle', () => {
  fc.assert(
    fc.property(dtabArb, fc.nat(), fc.nat(), dtabishStringArb, (d, a, b, ins) => {
      const text = showDtab(d).replace(/;/g, ';\n');
      const i = text.length ? a % text.length : 0;
      const j = Math.min(text.length, i + (b % 4));
      assertAgrees(text.slice(0, i) + ins + text.slice(j));
    }),
    { numRuns: runs * 3 },
  );
});
