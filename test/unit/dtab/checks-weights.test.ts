// The weight checks read a destination without parentheses straight off its text (checks-weights-scan.ts); the
// syntax tree is walked otherwise. Both must give the same diagnostics (codes, messages, spans, fixes): generated
// weighted dentries are checked both ways. The normalised ratio (in doubles while exact, BigInts beyond) is checked
// against a BigInt reference.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDtab, dentryEnd, dentryStart } from '../../../server/src/core/dtab/parse.js';
import { FRACTIONAL_WEIGHTS, weightDiagnostics, weightDiagnosticsOfTree } from '../../../server/src/core/dtab/checks-weights.js';
import { forEachTreeNode } from '../../../server/src/core/dtab/checks-walk.js';
import { scanWrittenUnions } from '../../../server/src/core/dtab/checks-weights-scan.js';
import type { Diagnostic } from '../../../server/src/core/diagnostic.js';
import { relative } from '../../../server/src/core/dtab/checks-memo.js';

const WEIGHTS = [
  '0', '1', '2', '3', '10', '00', '0.0', '.000', '0.50', '1.004', '.5', '10.', '007.50', '0.1', '0.9', '0.25', '1.5',
  '0.333', '99999.99999', '12345678901234.5', '9007199254740993', '123456789012345678', '1.0000000000000001',
];
const SIMPLES = [
  '/a', '/', '/$/inet/10.0.1.0/8080', '/#/io.l5d.k8s/prod/http/svc0', '/a\\x2fb/c', '/x.y#z', '!', '~', '$',
];
// Gaps between tokens: a comment always follows a blank (after a path, `#` would be a label char).
const NOISE = ['', ' ', '  ', '\n', '\t', '\r\n', '\u2003', ' # a*b & c | (d) 0.5 * /e\n', '\n# own line =>\n'];

const noiseArb = fc.oneof({ weight: 5, arbitrary: fc.constant(' ') }, { weight: 5, arbitrary: fc.constantFrom(...NOISE) });
const memberArb = fc
  .tuple(fc.option(fc.constantFrom(...WEIGHTS), { freq: 3 }), fc.constantFrom(...SIMPLES), noiseArb, noiseArb, fc.integer({ min: 0, max: 15 }))
  .map(([weight, simple, gap1, gap2, parens]) => {
    const tree = parens === 0 ? `(${gap1}${simple}${gap2})` : simple;
    return weight === null ? tree : `${weight}${gap1}*${gap2}${tree}`;
  });
const unionArb = fc
  .tuple(fc.array(memberArb, { minLength: 1, maxLength: 5 }), noiseArb, noiseArb)
  .map(([members, a, b]) => members.join(`${a}&${b}`));
const destinationArb = fc
  .tuple(fc.array(unionArb, { minLength: 1, maxLength: 3 }), noiseArb, noiseArb)
  .map(([unions, a, b]) => unions.join(`${a}|${b}`));
const dentryArb = fc
  .tuple(fc.constantFrom('/svc/team1/svc0', '/*/a', '/s'), noiseArb, noiseArb, destinationArb)
  .map(([prefix, a, b, dst]) => `${prefix}${a}=>${b}${dst}`);
const documentArb = fc
  .tuple(fc.array(dentryArb, { minLength: 1, maxLength: 4 }), noiseArb)
  .map(([dentries, gap]) => dentries.join(`;${gap}`));

/** Checks every dentry of `text` both ways; returns how many took the text scan. */
function assertSameBothWays(text: string): number {
  const doc = parseDtab(text);
  assert.deepEqual(doc.errors, [], text);
  let scanned = 0;
  for (const node of doc.dentries) {
    const fast = weightDiagnostics(text, node, node.value!);
    const slow = weightDiagnosticsOfTree(text, node.dst);
    assert.deepEqual(fast, slow, text);
    // Relative to the dentry's start (as the checker memoises them), they are made so directly.
    const start = dentryStart(node);
    assert.deepEqual(weightDiagnostics(text, node, node.value!, start), relative(slow, start), text);
    assertRatios(text, slow);
    let flat = true;
    forEachTreeNode(node.dst, (n) => (flat &&= n.kind !== 'group'));
    if (flat) {
      // The text scan must not give up on a flat destination (it would hide behind the tree walk).
      assert.notEqual(scanWrittenUnions(text, dentryStart(node), dentryEnd(node)), undefined, text);
      scanned++;
    }
  }
  return scanned;
}

/** Every normalisation hint's ratio, recomputed with BigInts from the weights it quotes. */
function assertRatios(text: string, found: readonly Diagnostic[]): void {
  for (const d of found) {
    if (d.code !== FRACTIONAL_WEIGHTS) continue;
    const m = /^The weights (.*) are the integer ratio (.*)\. Integer/.exec(d.message)!;
    const written = m[1]!.split(' : ');
    const scale = Math.max(...written.map((w) => (w.split('.')[1] ?? '').replace(/0+$/, '').length));
    const scaled = written.map((w) => {
      const [int, frac = ''] = w.split('.');
      return BigInt((int || '0') + frac.replace(/0+$/, '').padEnd(scale, '0'));
    });
    const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
    const g = scaled.reduce(gcd, 0n);
    assert.equal(m[2], scaled.map((v) => String(v / g)).join(' : '), text);
  }
}

describe('weight checks: text scan and tree walk agree', () => {
  test('generated weighted dentries', () => {
    let scanned = 0;
    fc.assert(
      fc.property(documentArb, (text) => {
        scanned += assertSameBothWays(text);
      }),
      { numRuns: 3000, seed: 20261126 },
    );
    assert.ok(scanned > 3000, `only ${scanned} dentries took the text scan`);
  });

  const cases: [string, string[]][] = [
    ['/svc/team1/svc0 => 0.9 * /#/io.l5d.k8s/prod/http/svc0 & 0.1 * /$/inet/10.0.1.0/8080', [FRACTIONAL_WEIGHTS]],
    ['/s # => 2.5 * (\n => 0 * /a & 0.50 * ! & ~ | 2 * $', ['dtab/zero-weight', FRACTIONAL_WEIGHTS, 'dtab/ignored-weight']],
    ['/s => 0*/a&0.0*/b|.5*/c&10.*/d', ['dtab/all-weights-zero', FRACTIONAL_WEIGHTS]],
    ['/s => 2 # 1 * x\n * /a & 3 * /b', []],
    ['/s => 2 # a * b\n * /a & 0 # c * d\n * /b', ['dtab/zero-weight']],
    ['/s => 9007199254740993.5 * /a & 1 * /b', []],
    ['/s => 1.0000000000000001 * /a & 2.0000000000000002 * /b', [FRACTIONAL_WEIGHTS]],
    ['/s => 1.0000000000000001 * /a & 2.0000000000000002 * /b & /c', []],
    ['/s => 0.333 * /a & 0.667 * /b', [FRACTIONAL_WEIGHTS]],
    ['/s => 1.2 * /a\\x2fb/c & 0.4 * /x.y#z', [FRACTIONAL_WEIGHTS]],
  ];
  for (const [text, codes] of cases) {
    test(`${JSON.stringify(text)}: ${codes.join(', ') || 'nothing'}`, () => {
      assert.equal(assertSameBothWays(text), 1);
      const doc = parseDtab(text);
      const node = doc.dentries[0]!;
      assert.deepEqual(weightDiagnostics(text, node, node.value!).map((d) => d.code), codes);
    });
  }
});

describe('weight checks: the scanned fast path and its cache of hints', () => {
  /** The weight diagnostics of the first dentry of `text` (the fast path), after checking it equals the tree walk. */
  const weights = (text: string) => {
    assert.equal(assertSameBothWays(text), 1, text);
    const node = parseDtab(text).dentries[0]!;
    return weightDiagnostics(text, node, node.value!);
  };
  const fixTexts = (d: Diagnostic) => d.fixes![0]!.edits.map((e) => e.newText);

  test('the same written weights with and without a written 1 get their own fixes (replace, or insert before the tree)', () => {
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(fixTexts(weights('/s => 1 * /a & 0.5 * /b')[0]!), ['2', '1']);
      assert.deepEqual(fixTexts(weights('/s => /a & 0.5 * /b')[0]!), ['2 * ', '1']);
      assert.deepEqual(fixTexts(weights('/s => 0.5 * /a & /b')[0]!), ['1', '2 * ']);
    }
  });

  test('weights that differ only in trailing zeros or order are hinted each with their own text', () => {
    const [a] = weights('/s => 0.5 * /a & 0.25 * /b');
    const [b] = weights('/s => 0.50 * /a & 0.25 * /b');
    const [c] = weights('/s => 0.25 * /a & 0.5 * /b');
    assert.match(a!.message, /^The weights 0\.5 : 0\.25 are the integer ratio 2 : 1\./);
    assert.match(b!.message, /^The weights 0\.50 : 0\.25 are the integer ratio 2 : 1\./);
    assert.match(c!.message, /^The weights 0\.25 : 0\.5 are the integer ratio 1 : 2\./);
  });

  test('more distinct splits than the cache keeps, then the first ones again', () => {
    const texts = Array.from({ length: 45 }, (_, i) => `/s/${i} => 0.${i + 1} * /a & ${i % 3} * /b | 0.5 * /c & 0.${i + 2} * /d`);
    const first = texts.map((t) => weights(t));
    assert.deepEqual(texts.map((t) => weights(t)), first);
    assert.ok(first.every((found) => found.length >= 1));
  });

  test('zero weights, long weights and large unions go to the general checks', () => {
    const tiny = `0.${'0'.repeat(400)}1`; // a double rounds it to 0: a zero weight
    const cases: [string, string[]][] = [
      [`/s => ${tiny} * /a & 1 * /b`, ['dtab/zero-weight']],
      [`/s => ${tiny} * /a & ${tiny} * /b`, ['dtab/all-weights-zero', FRACTIONAL_WEIGHTS]],
      ['/s => 0.0 * /a & 0.5 * /b', ['dtab/zero-weight', FRACTIONAL_WEIGHTS]],
      ['/s => 00 * /a & 0.5 * /b & /c', ['dtab/zero-weight', FRACTIONAL_WEIGHTS]],
      ['/s => 0.5 * /a & 1.50000000000000000000 * /b', [FRACTIONAL_WEIGHTS]],
      ['/s => 0.5 * /a & 1.500000000000000000001 * /b', []], // (the ratio 500000000000000000001 : ... is too large)
      ['/s => 2.5 * /a | 0.5 * /b & 0.5 * /c', ['dtab/ignored-weight', FRACTIONAL_WEIGHTS]],
      ['/s => 1.0 * /a & 2.00 * /b', []],
    ];
    for (const [text, codes] of cases) assert.deepEqual(weights(text).map((d) => d.code), codes, text);
    // Unions of 30 members take the cached hint, of 31 the general check: the same hint either way.
    for (const n of [30, 31]) {
      const members = Array.from({ length: n }, (_, i) => `${i}.5 * /m${i}`).join(' & ');
      const [hint] = weights(`/s => ${members}`);
      assert.equal(hint!.code, FRACTIONAL_WEIGHTS);
      assert.deepEqual(fixTexts(hint!), Array.from({ length: n }, (_, i) => String(2 * i + 1)));
    }
  });

  test('what a dentry without unions gets is the shared empty result', () => {
    const text = '/s => /a | /b; /t => 2 * /a & 1 * /b';
    const [a, b] = parseDtab(text).dentries;
    const none = weightDiagnostics(text, a!, a!.value!);
    assert.equal(none.length, 0);
    assert.ok(Object.isFrozen(none));
    assert.equal(weightDiagnostics(text, b!, b!.value!), none);
  });
});
