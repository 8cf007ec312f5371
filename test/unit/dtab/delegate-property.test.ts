// Properties of bind and delegate on random dtabs: they never throw, the JSON is valid and decodes back to the
// same JSON, and delegation agrees with binding where the two are specified to agree.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Dentry, NameTree, Path, Prefix } from '../../../server/src/core/dtab/ast.js';
import { AnyElem } from '../../../server/src/core/dtab/ast.js';
import { bind } from '../../../server/src/core/dtab/bind.js';
import { delegate } from '../../../server/src/core/dtab/delegate.js';
import { boundTreeToJson, delegateToJson } from '../../../server/src/core/dtab/delegate-json.js';
import { delegateFromJson } from '../../../server/src/core/dtab/delegate-json-decode.js';
import { renderDelegateTree } from '../../../server/src/core/dtab/delegate-render.js';
import { linkerdLookup } from '../../../server/src/core/dtab/interpreter.js';
import { bindingNamer, errorNamer } from './evaluator-helpers.js';

const label = fc.constantFrom('a', 'b', 'c');
const path: fc.Arbitrary<Path> = fc.oneof(
  { weight: 4, arbitrary: fc.array(label, { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<Path>(['$', 'inet', '127.1', '80'], ['$', 'nil'], ['$', 'fail'], ['$', 'no.such'], ['#', 'ok'], ['#', 'err'], []) },
);
// Trees the parser can produce: Alt and Union have at least two members (zero- and one-member nodes show as
// unparseable text, §2.3, so the dentry in the JSON could not be read back).
const tree: fc.Arbitrary<NameTree<Path>> = fc.letrec<{ t: NameTree<Path> }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    path.map((value): NameTree<Path> => ({ kind: 'leaf', value })),
    fc.constantFrom<NameTree<Path>>({ kind: 'neg' }, { kind: 'fail' }, { kind: 'empty' }),
    fc.array(tie('t'), { minLength: 2, maxLength: 3 }).map((trees): NameTree<Path> => ({ kind: 'alt', trees })),
    fc
      .array(fc.record({ weight: fc.constantFrom(0, 0.5, 1, 2), tree: tie('t') }), { minLength: 2, maxLength: 3 })
      .map((weighted): NameTree<Path> => ({ kind: 'union', weighted })),
  ),
})).t;
const prefix: fc.Arbitrary<Prefix> = fc.array(fc.oneof(label, fc.constant(AnyElem)), { maxLength: 2 });
const dtab = fc.array(fc.record({ prefix, dst: tree }), { maxLength: 12 }).map((ds) => ds as Dentry[]);

const namers = [bindingNamer('/#/ok'), errorNamer('/#/err')];

describe('bind and delegate on random dtabs', () => {
  it('never throw; JSON is valid, decodes and re-encodes identically; rendering works', () => {
    fc.assert(
      fc.property(dtab, fc.array(label, { minLength: 1, maxLength: 4 }), (d, p) => {
        const b = bind(linkerdLookup(d, namers), p, { maxDepth: 20, maxLookups: 2_000 });
        if (b.state === 'ok') JSON.parse(boundTreeToJson(b.tree));
        const r = delegate(d, p, { namers, maxDepth: 20, maxNodes: 20_000, maxLookups: 2_000 });
        if (!r.ok) return;
        const json = delegateToJson(r.tree);
        JSON.parse(json);
        const back = delegateFromJson(json);
        assert.ok(back.ok, back.ok ? '' : back.message);
        assert.equal(delegateToJson(back.tree), json);
        assert.equal(typeof renderDelegateTree(r.tree), 'string');
      }),
      { numRuns: 150 },
    );
  });

  it('without Alt/Union/~ in destinations, delegation reaches a bound leaf exactly when binding does', () => {
    const linear: fc.Arbitrary<NameTree<Path>> = path.map((value) => ({ kind: 'leaf', value }));
    fc.assert(
      fc.property(fc.array(fc.record({ prefix, dst: linear }), { maxLength: 8 }), fc.array(label, { minLength: 1, maxLength: 3 }), (ds, p) => {
        // Keep one dentry per prefix so no path has several matches (which would make an Alt).
        const seen = new Set<string>();
        const d = (ds as Dentry[]).filter((e) => {
          const k = e.prefix.map((x) => (x === AnyElem ? '*' : x)).join('/');
          return e.prefix.length > 0 && !e.prefix.includes(AnyElem) && !seen.has(k) && seen.add(k);
        });
        const overlapping = d.some((x) => d.some((y) => x !== y && y.prefix.length > x.prefix.length && x.prefix.every((e, i) => y.prefix[i] === e)));
        fc.pre(!overlapping);
        const b = bind(linkerdLookup(d, namers), p, { maxDepth: 30 });
        const r = delegate(d, p, { namers, maxDepth: 30 });
        const bound = b.state === 'ok' && b.tree.kind === 'leaf';
        const json = r.ok ? delegateToJson(r.tree) : '';
        assert.equal(json.includes('"type":"leaf"'), bound, `${json} vs ${JSON.stringify(b)}`);
      }),
      { numRuns: 200 },
    );
  });
});
