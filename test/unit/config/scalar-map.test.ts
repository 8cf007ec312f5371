import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isMap, isScalar, parseDocument, Scalar, stringify } from 'yaml';
import { decodeScalar, type ScalarStyle } from '../../../server/src/core/config/scalar-map.js';

/** Parse `doc`, take the value of key `v`, decode it with offsets and check every offset is inside the scalar. */
function roundTrip(src: string): { decoded: ReturnType<typeof decodeScalar>; value: string; range: [number, number] } | undefined {
  const doc = parseDocument(src);
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const node = doc.contents.items[0]?.value;
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  const [s, e] = node.range!;
  return { decoded: decodeScalar(src, s, e, node.type as ScalarStyle, node.value), value: node.value, range: [s, e] };
}

const cases: { name: string; src: string; at: string; expectSrcChar: string }[] = [
  { name: 'literal block', src: 'v: |\n  /a => /b;\n  /c => /d\n', at: '/c', expectSrcChar: '/' },
  { name: 'folded block', src: 'v: >-\n  /a => /b;\n  /c => /d\n', at: '/c', expectSrcChar: '/' },
  { name: 'double quoted with escape', src: 'v: "/a => /\\x62;\\n/c => /d"\n', at: '/c', expectSrcChar: '/' },
  { name: 'single quoted', src: "v: '/a => /b; /c => /d'\n", at: '/c', expectSrcChar: '/' },
  { name: 'plain multi-line', src: 'v: /a => /b;\n  /c => /d\n', at: '/c', expectSrcChar: '/' },
  { name: 'indentation indicator', src: 'v: |2-\n    /a => /b;\n  /c => /d\n', at: '/c', expectSrcChar: '/' },
];

for (const c of cases) {
  test(`scalar offsets: ${c.name}`, () => {
    const r = roundTrip(c.src)!;
    assert.ok(r, 'parsed');
    assert.equal(r.decoded.exact, true);
    const i = r.decoded.text.indexOf(c.at);
    assert.ok(i >= 0);
    const off = r.decoded.offsets[i]!;
    assert.equal(c.src.slice(off, off + c.at.length), c.at);
  });
}

const dtabish = fc.string({ unit: fc.constantFrom('/', 'a', 'b', ' ', ';', '=', '>', '\n', '\t', '#', '"', "'", '\\', 'é', '|', ':', '-', '\r', '\u2028', '\x07', '😀', '*', '&', '!', '%', '@', '`', '{', ',') });
const styles = ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const;

test('decoding reproduces the yaml package value for any string in any style, offsets inside the scalar', () => {
  fc.assert(
    fc.property(dtabish, fc.constantFrom(...styles), fc.integer({ min: 0, max: 3 }), (s, style, nest) => {
      const scalar = new Scalar(s);
      scalar.type = style;
      let obj: unknown = { v: scalar };
      for (let i = 0; i < nest; i++) obj = { n: obj };
      const src = stringify(obj, { lineWidth: 20, minContentWidth: 5 });
      let doc = parseDocument(src);
      let node: unknown = doc.contents;
      for (let i = 0; i < nest; i++) node = isMap(node) ? node.items[0]?.value : undefined;
      node = isMap(node) ? node.items[0]?.value : undefined;
      if (!isScalar(node) || typeof node.value !== 'string') return;
      const [a, b] = node.range!;
      const d = decodeScalar(src, a, b, node.type as ScalarStyle, node.value);
      assert.equal(d.text, node.value);
      assert.equal(d.exact, true, `inexact for ${JSON.stringify(src)}`);
      for (const o of d.offsets) assert.ok(o >= a && o <= b, `offset ${o} outside [${a},${b}] in ${JSON.stringify(src)}`);
      void doc;
      doc = undefined as never;
    }),
    { numRuns: 3000 },
  );
});
