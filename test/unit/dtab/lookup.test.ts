// Dtab.lookup and the dtab algebra (spec §3, vectors §8.5).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AnyElem, type Dentry, type Prefix } from '../../../server/src/core/dtab/ast.js';
import {
  concat,
  dtabEquiv,
  isNopEquivalent,
  lookup,
  matchingDentries,
  prefixMatches,
  simplified,
  stripPrefix,
} from '../../../server/src/core/dtab/lookup.js';
import { DENTRY_NOP, showDtab, showNameTree } from '../../../server/src/core/dtab/show.js';
import { loadVectors } from '../../fixtures/vectors.js';
import { dtabOf, pathOf, treeOf } from './evaluator-helpers.js';

describe('lookup (§8.5)', () => {
  for (const v of loadVectors('8.5')) {
    const [dtabText, pathText, expected] = [v.code[1]![0]!, v.code[2]![0]!, v.code[3]![0]!];
    it(`${v.id}: ${pathText} in ${dtabText} -> ${expected}`, () => {
      const t = lookup(dtabOf(dtabText), pathOf(pathText));
      assert.equal(showNameTree(t), expected);
      // "Not found" is exactly Neg (K8 vs K9).
      if (expected === '~') assert.equal(t.kind, 'neg');
    });
  }
});

describe('prefix matching (§3.1)', () => {
  it('matches whole elements, wildcards one element each, never a shorter path', () => {
    assert.ok(prefixMatches([], []));
    assert.ok(prefixMatches(['foo'], ['foo', 'bar']));
    assert.ok(!prefixMatches(['foo'], ['foobar']));
    assert.ok(!prefixMatches([AnyElem], []));
    assert.ok(prefixMatches([AnyElem, 'c'], ['x', 'c', 'd']));
    assert.ok(!prefixMatches(['*'], ['x']), 'the label * is not the wildcard');
  });
});

describe('trie-indexed lookup agrees with the linear scan', () => {
  const label = fc.constantFrom('a', 'b', 'c', '*');
  const prefix: fc.Arbitrary<Prefix> = fc
    .array(fc.oneof(label, fc.constant(AnyElem)), { maxLength: 3 })
    .map((xs) => xs as Prefix);
  it('for random dtabs and paths', () => {
    fc.assert(
      fc.property(
        fc.array(prefix, { minLength: 9, maxLength: 40 }),
        fc.array(label, { maxLength: 4 }),
        (prefixes, path) => {
          const dtab: Dentry[] = prefixes.map((p, i) => ({ prefix: p, dst: { kind: 'leaf', value: [`d${i}`] } }));
          const naive: number[] = [];
          for (let i = dtab.length - 1; i >= 0; i--) if (prefixMatches(dtab[i]!.prefix, path)) naive.push(i);
          assert.deepEqual(matchingDentries(dtab, path), naive);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the lookup index', () => {
  it('notices a dtab array that was appended to after a lookup', () => {
    const d = [...dtabOf('/a=>/1;/b=>/2;/c=>/3;/d=>/4;/e=>/5;/f=>/6;/g=>/7;/h=>/8;/i=>/9')];
    assert.equal(showNameTree(lookup(d, pathOf('/a'))), '/1');
    d.push(...dtabOf('/a=>/10'));
    assert.equal(showNameTree(lookup(d, pathOf('/a'))), '/10 | /1');
  });
});

describe('dtab algebra (§3.3)', () => {
  const d = dtabOf('/foo=>/bar;/baz=>/xxx/yyy');

  it('concat: later entries win', () => {
    const both = concat(d, dtabOf('/foo=>/123'));
    assert.equal(showDtab(both), '/foo=>/bar;/baz=>/xxx/yyy;/foo=>/123');
    assert.equal(showNameTree(lookup(both, pathOf('/foo'))), '/123 | /bar');
    assert.equal(concat(d, []), d);
  });

  it('stripPrefix removes an exact leading run, else leaves the dtab unchanged (D19, D20)', () => {
    assert.equal(showDtab(stripPrefix(concat(d, dtabOf('/foo=>/123')), d)), '/foo=>/123');
    assert.equal(stripPrefix(d, concat(d, dtabOf('/s=>/b'))), d);
    assert.equal(stripPrefix(d, d).length, 0);
    assert.equal(stripPrefix(d, dtabOf('/foo=>/other')), d);
  });

  it('simplified drops entries whose dst simplifies to Neg (D21)', () => {
    assert.equal(showDtab(simplified(dtabOf('/a=>~;/b=>~|~;/c=>/d|~;/e=>!&/f'))), '/c=>/d;/e=>/f');
  });

  it('dtabEquiv compares simplified destinations', () => {
    assert.ok(dtabEquiv(dtabOf('/a=>/b|~'), dtabOf('/a=>/b')));
    assert.ok(!dtabEquiv(dtabOf('/a=>/b'), dtabOf('/a=>/c')));
    assert.ok(!dtabEquiv(dtabOf('/a=>/b'), dtabOf('/a=>/b;/c=>/d')));
  });

  it('the no-op dentry and its equivalents', () => {
    assert.ok(isNopEquivalent(DENTRY_NOP));
    assert.ok(isNopEquivalent({ prefix: ['/'], dst: treeOf('~ | ~') }));
    assert.ok(!isNopEquivalent({ prefix: ['/'], dst: treeOf('/a') }));
  });
});
