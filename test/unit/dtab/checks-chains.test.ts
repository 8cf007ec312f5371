// The chain bounds of the resolution check only build their graph over `chainCandidates`: every dentry left out
// must be isolated (no dentry can rewrite its destination, and no destination can reach its prefix), so leaving
// it out changes no bound. Random dtabs over a few labels, so that prefixes and destinations meet often.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnyElem, type Dentry, type NameTree, type Path, type Prefix } from '../../../server/src/core/dtab/ast.js';
import { chainBounds, chainCandidates, leafPaths } from '../../../server/src/core/dtab/checks-chains.js';
import { parseDtab, toDtab } from '../../../server/src/core/dtab/parse.js';

const label = fc.constantFrom('a', 'b', 'c', 'd');
const path: fc.Arbitrary<Path> = fc.array(label, { minLength: 1, maxLength: 3 });
const prefix: fc.Arbitrary<Prefix> = fc.array(fc.oneof({ weight: 5, arbitrary: label }, { weight: 1, arbitrary: fc.constant(AnyElem) }), {
  minLength: 1,
  maxLength: 3,
});
const leaf = path.map((value): NameTree<Path> => ({ kind: 'leaf', value }));
const dst: fc.Arbitrary<NameTree<Path>> = fc.oneof(
  { weight: 3, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { minLength: 2, maxLength: 3 }).map((trees): NameTree<Path> => ({ kind: 'alt', trees })) },
  { weight: 1, arbitrary: fc.constant<NameTree<Path>>({ kind: 'neg' }) },
);
const dtab = fc.array(fc.record({ prefix, dst }).map((d): Dentry => ({ ...d })), { maxLength: 12 });

/** Whether `prefix` can match `leaf` followed by anything (a rewrite of that leaf may then use this dentry). */
function canMeet(prefix: Prefix, leaf: Path): boolean {
  for (let i = 0; i < Math.min(prefix.length, leaf.length); i++) {
    if (prefix[i] !== AnyElem && prefix[i] !== leaf[i]) return false;
  }
  return true;
}

test('dentries outside the chain candidates are isolated in the rewrite graph', () => {
  fc.assert(
    fc.property(dtab, (d) => {
      const leaves = (j: number) => leafPaths(d[j]!.dst);
      const members = chainCandidates(d, leaves);
      if (members === undefined) return; // undecided by first labels: the whole graph is used
      const inside = new Set(members);
      for (let j = 0; j < d.length; j++) {
        if (inside.has(j)) continue;
        for (let k = 0; k < d.length; k++) {
          for (const l of leaves(j)) assert.ok(!canMeet(d[k]!.prefix, l), `dentry ${j}'s leaf reaches dentry ${k}`);
          for (const l of leaves(k)) assert.ok(!canMeet(d[j]!.prefix, l), `dentry ${k}'s leaf reaches dentry ${j}`);
        }
      }
    }),
    { numRuns: 500, seed: 1126 },
  );
});

test('bounds above the floor are kept, those below it read as the floor', () => {
  const text = ['/a => /b;', '/b => /c;', '/c => /d;', '/d => /e;', '/x => /y;', '/l1 => /l2;', '/l2 => /l1'].join('\n');
  const d = toDtab(parseDtab(text));
  const exact = chainBounds(d, 1000);
  assert.equal(exact.bound(['a']), 5); // a → b → c → d, then the final lookup of /e
  assert.equal(exact.bound(['x']), 2);
  assert.equal(exact.bound(['l1']), Infinity);
  const floored = chainBounds(d, 1000, 3);
  assert.equal(floored.bound(['a']), 5);
  assert.equal(floored.bound(['x']), 4);
  assert.equal(floored.bound(['l1']), Infinity);
});

test('a floor changes no bound above it (whether or not first labels settle it at once)', () => {
  fc.assert(
    fc.property(dtab, fc.constantFrom(2, 3, 5), (d, floor) => {
      const exact = chainBounds(d, 1000);
      const floored = chainBounds(d, 1000, floor);
      for (const p of [...d.map((x) => x.prefix.map((e) => (e === AnyElem ? 'a' : e))), ['a'], ['b', 'c']]) {
        assert.equal(floored.bound(p), Math.max(1 + floor, exact.bound(p)), `path /${p.join('/')}`);
      }
    }),
    { numRuns: 500, seed: 2611 },
  );
});
