import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isMap, isScalar, parseDocument, Scalar, stringify } from 'yaml';
import { decodeScalar, scalarOffsetMap, scalarOffsets, type OffsetMap, type ScalarStyle } from '../../../server/src/core/config/scalar-map.js';

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
      // The same map relative to the scalar's start, as the embedded dtabs keep it.
      const rel = scalarOffsets(src, a, b, node.type as ScalarStyle, node.value, a);
      assert.equal(rel.exact, true);
      assert.deepEqual([...rel.offsets], [...d.offsets].map((o) => o - a));
      void doc;
      doc = undefined as never;
    }),
    { numRuns: 3000 },
  );
});

// Block scalars decoded line by line: every offset pinned (CRLF line ends, keep chomping, folding around
// more-indented and empty lines, an indentation indicator, whitespace-only lines longer than the indentation).
const pinned: { src: string; value: string; offsets: number[] }[] = [
  { src: 'v: |+\r\n  /a;\r\n\r\n  /b\r\n\r\n', value: '/a;\n\n/b\n\n', offsets: [9, 10, 11, 12, 14, 18, 19, 20, 22, 20] },
  { src: 'v: >\n  a\n  b\n\n   c\n  d\n', value: 'a b\n\n c\nd\n', offsets: [7, 8, 11, 12, 13, 16, 17, 18, 21, 22, 22] },
  { src: 'v: |2-\n    x\n  y\n', value: '  x\ny', offsets: [9, 10, 11, 12, 15, 16] },
  { src: 'k:\n  v: >-\n    a\n\n\n    b\n  w: 1\n', value: 'a\n\nb', offsets: [15, 17, 18, 23, 24] },
  { src: 'v: |\n\n  \n  a\n   \n', value: '\n\na\n \n', offsets: [5, 8, 11, 12, 15, 16, 16] },
];

for (const c of pinned) {
  test(`block scalar offsets pinned: ${JSON.stringify(c.src)}`, () => {
    const doc = parseDocument(c.src);
    let node: unknown = isMap(doc.contents) ? doc.contents.items[0]?.value : undefined;
    if (isMap(node)) node = node.items[0]?.value;
    assert.ok(isScalar(node) && typeof node.value === 'string');
    assert.equal(node.value, c.value);
    const [a, b] = node.range!;
    const d = decodeScalar(c.src, a, b, node.type as ScalarStyle, node.value);
    assert.equal(d.exact, true);
    assert.deepEqual([...d.offsets], c.offsets);
    // A value the source does not decode to: the coarse map, flagged inexact.
    const wrong = scalarOffsets(c.src, a, b, node.type as ScalarStyle, node.value + 'x', a);
    assert.equal(wrong.exact, false);
    assert.deepEqual([...wrong.offsets], Array.from({ length: node.value.length + 2 }, (_, i) => Math.min(a + i, b) - a));
  });
}

// The offset map kept as runs answers exactly what the per-char map of commit cc15fa3 answered: every offset of 684
// scalars that implementation mapped (test/fixtures/config/scalar-offsets.json, generated from it: what the yaml
// package writes in every style and nesting, and block scalars with every header, indentation indicators, CRLF,
// tabs, more-indented, empty and whitespace-only lines, quoted and plain scalars over several lines with escapes,
// and values the source does not decode to), looked up in order, backwards and by YAML offset.
interface GoldenCase { src: string; start: number; end: number; style: ScalarStyle; value: string; offsets: number[]; exact: boolean }
const golden = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'config', 'scalar-offsets.json'), 'utf8')) as { cases: GoldenCase[] }).cases;

/** What the per-char map answered for a YAML offset `y` (embedded dtabs' fromYamlOffset): the first char there, else the next one inside the scalar. */
function perCharIndexAt(offsets: readonly number[], start: number, end: number, y: number): number {
  const hit = offsets.indexOf(y);
  if (hit >= 0) return hit;
  if (y < start || y > end) return -1;
  return offsets.findIndex((o) => o >= y);
}

/** The runs answer as the per-char array does, at every index (in order and backwards) and for every offset around the scalar. */
function assertSameAsPerChar(map: OffsetMap, offsets: readonly number[], start: number, end: number, what: string): void {
  assert.equal(map.length + 1, offsets.length, what);
  for (let i = 0; i < offsets.length; i++) assert.equal(map.at(i), offsets[i], `${what}: at(${i})`);
  for (let i = offsets.length - 1; i >= 0; i--) assert.equal(map.at(i), offsets[i], `${what}: at(${i}) backwards`);
  assert.deepEqual([...map.toArray()], offsets, what);
  for (let y = start - 2; y <= end + 2; y++) {
    let got = map.indexOf(y);
    if (got < 0) got = y < start || y > end ? -1 : map.firstAtOrAfter(y);
    assert.equal(got, perCharIndexAt(offsets, start, end, y), `${what}: offset ${y}`);
  }
}

test('offset runs give the per-char maps of the previous implementation, every offset of varied scalars', () => {
  assert.equal(golden.length, 684);
  const styles = new Set(golden.map((c) => c.style));
  assert.equal(styles.size, 5);
  for (const c of golden) {
    const what = JSON.stringify(c.src);
    const abs = scalarOffsetMap(c.src, c.start, c.end, c.style, c.value);
    assert.equal(abs.exact, c.exact, what);
    assertSameAsPerChar(abs.map, c.offsets, c.start, c.end, what);
    // Relative to the scalar's start, as embedded dtabs keep them.
    const rel = scalarOffsetMap(c.src, c.start, c.end, c.style, c.value, c.start);
    assertSameAsPerChar(rel.map, c.offsets.map((o) => o - c.start), 0, c.end - c.start, `${what} relative`);
  }
});

test('offset runs answer lookups in any order the same as their per-char array', () => {
  fc.assert(
    fc.property(dtabish, fc.constantFrom(...styles), fc.integer({ min: 0, max: 3 }), fc.array(fc.nat()), (s, style, nest, order) => {
      const scalar = new Scalar(s);
      scalar.type = style;
      let obj: unknown = { v: scalar };
      for (let i = 0; i < nest; i++) obj = { n: obj };
      const src = stringify(obj, { lineWidth: 20, minContentWidth: 5 });
      let node: unknown = parseDocument(src).contents;
      while (isMap(node)) node = node.items[0]?.value;
      if (!isScalar(node) || typeof node.value !== 'string') return;
      const [a, b] = node.range!;
      const { map } = scalarOffsetMap(src, a, b, node.type as ScalarStyle, node.value);
      const offsets = [...map.toArray()];
      for (const k of order) assert.equal(map.at(k % offsets.length), offsets[k % offsets.length]);
      for (let y = a - 1; y <= b + 1; y++) {
        let got = map.indexOf(y);
        if (got < 0) got = y < a || y > b ? -1 : map.firstAtOrAfter(y);
        assert.equal(got, perCharIndexAt(offsets, a, b, y));
      }
    }),
    { numRuns: 1000 },
  );
});
