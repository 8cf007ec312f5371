// NameTree simplify / eval / equality / map (spec §4, vectors §8.6 and §8.7).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NameTree, Path } from '../../../server/src/core/dtab/ast.js';
import { dsimplify, type DelegateTree } from '../../../server/src/core/dtab/delegate.js';
import { pathEquals } from '../../../server/src/core/dtab/lookup.js';
import { showNameTree, showPath } from '../../../server/src/core/dtab/show.js';
import {
  alt,
  evalTree,
  expandedSize,
  leaf,
  mapTree,
  nameTreeEquals,
  Neg,
  simplify,
  union,
} from '../../../server/src/core/dtab/tree.js';
import { loadVectors } from '../../fixtures/vectors.js';
import { assertCovers, dtabOf, pathOf, treeOf } from './evaluator-helpers.js';

describe('simplify (§8.6)', () => {
  const vectors = loadVectors('8.6');
  const covered: string[] = [];
  for (const v of vectors) {
    if (v.id === 'S19') continue;
    covered.push(v.id);
    const input = v.code[1]![0]!;
    // S10/S11 say "unchanged".
    const expected = v.code[2]![0] ?? showNameTree(treeOf(input));
    it(`${v.id}: ${input} simplifies to ${expected}`, () => {
      const once = simplify(treeOf(input));
      assert.equal(showNameTree(once), expected);
      assert.ok(nameTreeEquals(simplify(once), once, pathEquals), 'simplify is idempotent');
    });
  }

  covered.push('S19');
  it('S19: a DelegateTree Alt with no children under a Delegate becomes Neg', () => {
    const [ab, bNeg] = dtabOf('/a=>/b;/b=>~');
    const tree: DelegateTree = {
      kind: 'delegate',
      path: pathOf('/a'),
      dentry: ab!,
      tree: { kind: 'alt', path: pathOf('/b'), dentry: bNeg!, trees: [] },
    };
    const s = dsimplify(tree);
    assert.equal(s.kind, 'delegate');
    assert.deepEqual(s.kind === 'delegate' && s.tree, { kind: 'neg', path: pathOf('/b'), dentry: bNeg });
  });

  it('covers every §8.6 vector', () => assertCovers(vectors, covered));
});

function evalText(t: NameTree<Path>): string {
  const r = evalTree(t);
  if (r === undefined) return 'None';
  return '{' + [...r].map(showPath).join(', ') + '}';
}

describe('eval (§8.7)', () => {
  const vectors = loadVectors('8.7');
  for (const v of vectors) {
    const input = v.code[1]![0]!;
    const expected = v.cells[2]!.replace(/\s*\(.*\)$/, '');
    it(`${v.id}: eval(${input}) = ${expected}`, () => {
      const t = treeOf(input);
      // Order within a set does not matter; duplicates would (V16: `/a & /a` is one leaf).
      const norm = (s: string) => (s === 'None' ? s : s.slice(1, -1).split(', ').filter(Boolean).sort().join(','));
      assert.equal(norm(evalText(t)), norm(expected));
      assert.equal(norm(evalText(simplify(t))), norm(expected), 'eval(simplify(t)) == eval(t)');
    });
  }
});

describe('tree operations', () => {
  it('mapTree keeps structure and weights', () => {
    const t = treeOf('/a & 2*(/b | ~) & $');
    const m = mapTree(t, (p) => [...p, 'x']);
    assert.equal(showNameTree(m), '/a/x & 2.00*(/b/x | ~) & $');
  });

  it('nameTreeEquals: weights compare as doubles, structure matters', () => {
    assert.ok(nameTreeEquals(treeOf('1.0*/a & /b'), treeOf('/a & /b'), pathEquals));
    assert.ok(!nameTreeEquals(treeOf('(/a | /b) | /c'), treeOf('/a | /b | /c'), pathEquals));
    assert.ok(!nameTreeEquals(treeOf('2*/a & /b'), treeOf('/a & /b'), pathEquals));
  });

  it('zero- and one-child programmatic nodes follow §4.1/§4.2', () => {
    assert.equal(simplify(alt([])).kind, 'neg');
    assert.equal(simplify(union([])).kind, 'neg');
    assert.deepEqual(simplify(union([{ weight: 3, tree: leaf(['a']) }])), leaf(['a']));
    assert.equal(evalTree(alt([])), undefined);
    assert.deepEqual(evalTree(union([{ weight: 3, tree: leaf('x') }])), new Set(['x']));
  });

  it('handles trees nested far deeper than the call stack', () => {
    let t: NameTree<string> = leaf('x');
    for (let i = 0; i < 200_000; i++) t = i % 2 ? alt([Neg, t]) : union([{ weight: 1, tree: t }, { weight: 1, tree: Neg }]);
    assert.deepEqual(simplify(t), leaf('x'));
    assert.deepEqual(evalTree(t), new Set(['x']));
    assert.ok(nameTreeEquals(t, mapTree(t, (v) => v)));
    assert.equal(expandedSize(t), 400_001);
  });

  it('expandedSize counts shared subtrees each time, up to the cap', () => {
    let t: NameTree<string> = leaf('x');
    for (let i = 0; i < 80; i++) t = union([{ weight: 1, tree: t }, { weight: 1, tree: t }]);
    assert.equal(expandedSize(t, 1_000_000), 1_000_000);
  });
});
