import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnyElem, type NameTree, type Path } from '../../../server/src/core/dtab/ast.js';
import {
  DENTRY_NOP,
  showDentry,
  showDtab,
  showLabel,
  showNameTree,
  showPath,
  showPrefix,
} from '../../../server/src/core/dtab/show.js';
import { javaDoubleToString, javaFormat2f } from '../../../server/src/core/dtab/java-format.js';

const L = (...p: string[]): NameTree<Path> => ({ kind: 'leaf', value: p });
const U = (...ws: [number, NameTree<Path>][]): NameTree<Path> => ({
  kind: 'union',
  weighted: ws.map(([weight, tree]) => ({ weight, tree })),
});
const A = (...trees: NameTree<Path>[]): NameTree<Path> => ({ kind: 'alt', trees });

test('labels: all-or-nothing lowercase escaping (§2.1, G2)', () => {
  assert.equal(showLabel('foo'), 'foo');
  assert.equal(showLabel('A-Z_a.z:0#9$%'), 'A-Z_a.z:0#9$%');
  assert.equal(showLabel('a/b'), '\\x61\\x2f\\x62');
  assert.equal(showLabel('\xc3\xa9'), '\\xc3\\xa9');
  assert.equal(showLabel('*'), '\\x2a');
  assert.equal(showLabel('\xff'), '\\xff');
});

test('paths and prefixes', () => {
  assert.equal(showPath([]), '/');
  assert.equal(showPath(['foo', 'bar']), '/foo/bar');
  assert.equal(showPrefix([]), '/');
  assert.equal(showPrefix(['foo', AnyElem, 'bar']), '/foo/*/bar');
  assert.equal(showPrefix(['*']), '/\\x2a');
});

test('programmatic trees N54-N58 (§8.2)', () => {
  assert.equal(showNameTree(U([1, A()], [1, L('b')])), '() & /b'); // N54
  assert.equal(showNameTree(A(U(), L('b'))), ' | /b'); // N55
  assert.equal(showNameTree(U([-1, L('a')], [1, L('b')])), '-1.00*/a & /b'); // N56
  assert.equal(showNameTree(U([2, L('a')])), '/a'); // N57
  assert.equal(showNameTree(A(U([1, L('a')], [1, L('b')]), A(L('a'), L('b')))), '/a & /b | (/a | /b)'); // N58
  assert.equal(showNameTree(A()), '');
  assert.equal(showNameTree(U([2.5, A(L('a'), L('b'))], [1, L('c')])), '2.50*(/a | /b) & /c');
  assert.equal(showNameTree(U([1, U([1, L('a')], [1, L('b')])], [1, L('c')])), '(/a & /b) & /c');
  assert.equal(showNameTree(A(A(L('a'), L('b')), L('c'))), '(/a | /b) | /c');
  assert.equal(showNameTree(U([0.5, { kind: 'fail' }], [1, { kind: 'neg' }], [1, { kind: 'empty' }])), '0.50*! & ~ & $');
});

test('deep programmatic trees print without overflowing the stack', () => {
  let t: NameTree<Path> = L('x');
  for (let i = 0; i < 100_000; i++) t = A(t, L('y'));
  const s = showNameTree(t);
  assert.ok(s.startsWith('('.repeat(1000)));
  assert.ok(s.endsWith(') | /y'));
});

test('dentries and dtabs (§2.2, G13)', () => {
  assert.equal(showDentry(DENTRY_NOP), '/\\x2f=>~'); // E23
  assert.equal(showDentry({ prefix: ['a'], dst: A(L('b'), L('c')) }), '/a=>/b | /c');
  assert.equal(showDtab([]), '');
  assert.equal(
    showDtab([
      { prefix: ['a'], dst: L('b') },
      { prefix: [], dst: { kind: 'fail' } },
    ]),
    '/a=>/b;/=>!',
  );
});

test('Java %.2f: HALF_UP on Java digits, no exponent (§2.3, G11)', () => {
  const cases: [number, string][] = [
    [1.005, '1.01'],
    [2.675, '2.68'],
    [0.015, '0.02'],
    [0.125, '0.13'],
    [0.005, '0.01'],
    [1.115, '1.12'],
    [1.004, '1.00'],
    [2, '2.00'],
    [0.5, '0.50'],
    [0, '0.00'],
    [-1, '-1.00'],
    [9.995, '10.00'],
    [0.001, '0.00'],
    [1 / 3, '0.33'],
    [123456789012345678901234567890, '123456789012345680000000000000.00'], // N31
    [99999999999999999999999, '99999999999999990000000.00'], // G11
    [70000000000000000000000, '70000000000000004000000.00'],
    [8410000000000000000000, '8409999999999999000000.00'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ];
  for (const [d, want] of cases) assert.equal(javaFormat2f(d), want, String(d));
});

test('Java Double.toString (JDK 8-17 digits)', () => {
  const cases: [number, string][] = [
    [1, '1.0'],
    [0.5, '0.5'],
    [1e-4, '1.0E-4'],
    [0.001, '0.001'],
    [100, '100.0'],
    [1e7, '1.0E7'],
    [12345678, '1.2345678E7'],
    [1.2345678901234568e29, '1.2345678901234568E29'],
    [1e23, '9.999999999999999E22'],
    [2e23, '1.9999999999999998E23'],
    [5e-324, '4.9E-324'],
    [1.7976931348623157e308, '1.7976931348623157E308'],
    [0, '0.0'],
    [-0, '-0.0'],
    [-2.5, '-2.5'],
    [NaN, 'NaN'],
  ];
  for (const [d, want] of cases) assert.equal(javaDoubleToString(d), want, String(d));
});
