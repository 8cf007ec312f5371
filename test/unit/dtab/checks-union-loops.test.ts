// dtab/union-member-loop against the real binder. The fixtures (union-loops.txt) pin the exact diagnostics; here
// every union member of those cases, and of random small dtabs, is judged by `bind` itself: a member loops when
// the lookups its bind makes depend on the depth limit (a chain that ends makes the same lookups under any limit;
// a loop goes on until the limit, even where a Union then drops it and the bind succeeds, B27).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Dentry, Dtab, NameTree, Path, Prefix, TreeNode } from '../../../server/src/core/dtab/ast.js';
import { bind } from '../../../server/src/core/dtab/bind.js';
import { checkDtab, createDtabChecker } from '../../../server/src/core/dtab/checks.js';
import { finagleLookup } from '../../../server/src/core/dtab/interpreter.js';
import { parseDtab, readPath, toDtab } from '../../../server/src/core/dtab/parse.js';
import { showDentry } from '../../../server/src/core/dtab/show.js';
import type { Diagnostic } from '../../../server/src/core/diagnostic.js';
import { loadCheckCases } from './checks-fixtures.js';

const UNION_MEMBER_LOOP = 'dtab/union-member-loop';
const RESOLUTION_LOOP = 'dtab/resolution-loop';

/**
 * The real binder's verdict on a path: whether its lookups depend on the depth limit, and how many lookups it
 * makes under the limit of 100 (undefined: it gave up).
 */
function bindLoops(dtab: Dtab, path: Path): { loops: boolean; lookups: number } | undefined {
  const finagle = finagleLookup(dtab);
  const lookupsUnder = (maxDepth: number): number | undefined => {
    let n = 0;
    const r = bind((p) => (n++, finagle(p)), path, { maxDepth, maxLookups: 6_000 });
    return r.state === 'failed' && r.message.startsWith('bind gave up') ? undefined : n;
  };
  const a = lookupsUnder(100);
  const b = lookupsUnder(150);
  return a === undefined || b === undefined ? undefined : { loops: a !== b, lookups: a };
}

/** Lookups the check may spend on one member (checks-union-loops.ts): beyond it, it reports nothing. */
const MEMBER_BUDGET = 2_000;

interface MemberLeaf {
  readonly path: Path;
  readonly start: number;
  readonly end: number;
  /** The span of the innermost union member holding the leaf. */
  readonly member: { readonly start: number; readonly end: number };
}

/** Every written leaf of a destination under a union member, with its path value. */
function unionMemberLeaves(root: TreeNode): MemberLeaf[] {
  const out: MemberLeaf[] = [];
  const stack: [TreeNode, MemberLeaf['member'] | undefined][] = [[root, undefined]];
  while (stack.length > 0) {
    const [t, member] = stack.pop()!;
    if (t.kind === 'leaf' && member) {
      out.push({ path: t.path.labels.map((l) => l.value), start: t.path.span.start, end: t.path.span.end, member });
    } else if (t.kind === 'group') stack.push([t.inner, member]);
    else if (t.kind === 'alt') for (const m of t.members) stack.push([m, member]);
    else if (t.kind === 'union') for (const m of t.members) stack.push([m.tree, m.span]);
  }
  return out;
}

/**
 * Checks `text` against the binder: each reported member loops, and each looping member is reported unless its
 * dentry has a resolution-loop error or the loop it runs into is reported on other dentries.
 */
function assertAgreesWithBinder(text: string): { reported: number; looping: number } {
  const doc = parseDtab(text);
  const dtab = toDtab(doc);
  const diags = checkDtab(doc);
  const own = diags.filter((d) => d.code === UNION_MEMBER_LOOP);
  const loops = diags.filter((d) => d.code === UNION_MEMBER_LOOP || d.code === RESOLUTION_LOOP);
  let looping = 0;
  const seen = new Set<Diagnostic>();
  for (const node of doc.dentries) {
    if (!node.value) continue;
    for (const leaf of unionMemberLeaves(node.dst)) {
      const verdict = bindLoops(dtab, leaf.path);
      const report = own.find((d) => d.span.start === leaf.start && d.span.end === leaf.end);
      if (report) seen.add(report);
      if (verdict === undefined) continue;
      if (verdict.loops) looping++;
      const where: string = `member ${text.slice(leaf.start, leaf.end)} of ${showDentry(node.value)} in ${JSON.stringify(text)}`;
      if (report) {
        assert.equal(verdict.loops, true, `reported, but the binder ends: ${where}`);
        // The loop's dentries, the member's own first.
        assert.ok(report.related && report.related.length > 0, where);
        assert.deepEqual(report.related[0]!.span, node.span, where);
        for (const r of report.related) assert.ok(doc.dentries.some((n) => n.span.start === r.span.start && n.span.end === r.span.end));
      } else if (verdict.loops && verdict.lookups <= MEMBER_BUDGET) {
        const ownError = diags.some((d) => d.code === RESOLUTION_LOOP && d.span.start === node.prefix.span.start);
        // Reported once per member: on its first looping path.
        const sameMember = own.some((d) => d.span.start >= leaf.member.start && d.span.end <= leaf.member.end);
        const elsewhere = loops.some((d) => d.related?.every((r) => r.span.start !== node.span.start));
        assert.ok(ownError || sameMember || elsewhere, `the binder loops, but nothing reports it: ${where}`);
      }
    }
  }
  assert.equal(seen.size, own.length, `a union-member-loop not on a union member's path in ${JSON.stringify(text)}`);
  return { reported: own.length, looping };
}

describe('dtab/union-member-loop agrees with the binder', () => {
  const cases = loadCheckCases(join(__dirname, '../../fixtures/checks')).filter(
    (c) => c.file === 'union-loops.txt' || c.expected.some((e) => e.code === UNION_MEMBER_LOOP),
  );

  test('the fixtures hold looping and non-looping members', () => {
    let reported = 0;
    let members = 0;
    for (const c of cases) {
      const r = assertAgreesWithBinder(c.text);
      reported += r.reported;
      for (const n of parseDtab(c.text).dentries) if (n.value) members += unionMemberLeaves(n.dst).length;
    }
    assert.ok(reported >= 10 && members > reported, `${reported} reported of ${members}`);
  });

  for (const c of cases) test(`${c.file}: ${c.title}`, () => void assertAgreesWithBinder(c.text));

  test('B27 binds to Neg, and the looping member is reported', () => {
    const doc = parseDtab('/a => /a & /b');
    const r = bind(finagleLookup(toDtab(doc)), readPathOrThrow('/a'));
    assert.deepEqual(r, { state: 'ok', tree: { kind: 'neg' } });
    assert.deepEqual(
      checkDtab(doc).map((d) => [d.code, d.span]),
      [[UNION_MEMBER_LOOP, { start: 6, end: 8 }]],
    );
  });

  test('random small dtabs with unions: every reported member loops in the binder', () => {
    const label = fc.constantFrom('a', 'b', 'c');
    const path = fc.array(label, { minLength: 1, maxLength: 3 });
    const prefix: fc.Arbitrary<Prefix> = fc.array(label, { minLength: 1, maxLength: 2 });
    const leaf = path.map((value): NameTree<Path> => ({ kind: 'leaf', value }));
    const addr = fc.constant<NameTree<Path>>({ kind: 'leaf', value: ['$', 'inet', '127.1', '80'] });
    const simple = fc.oneof({ weight: 4, arbitrary: leaf }, { weight: 1, arbitrary: addr });
    const alt = fc.array(simple, { minLength: 2, maxLength: 2 }).map((trees): NameTree<Path> => ({ kind: 'alt', trees }));
    const member = fc.oneof({ weight: 3, arbitrary: simple }, { weight: 1, arbitrary: alt });
    const union = fc
      .array(fc.record({ weight: fc.constantFrom(1, 2), tree: member }), { minLength: 2, maxLength: 3 })
      .map((weighted): NameTree<Path> => ({ kind: 'union', weighted }));
    const dst = fc.oneof({ weight: 2, arbitrary: simple }, { weight: 2, arbitrary: union }, { weight: 1, arbitrary: alt });
    const dtab = fc.array(fc.record({ prefix, dst }).map((d): Dentry => ({ ...d })), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(dtab, (d) => {
        const text = d.map(showDentry).join(';\n');
        assertAgreesWithBinder(text);
        // The memoising checker gives the cold results.
        assert.deepEqual(createDtabChecker().check(parseDtab(text)), checkDtab(parseDtab(text)));
      }),
      { numRuns: 60, seed: 20261126 },
    );
  });

  test('a huge dtab of looping members stays within the budget', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `/u${i} => /u${i} & /v${i}`).join(';\n');
    const found = checkDtab(parseDtab(text)).filter((d) => d.code === UNION_MEMBER_LOOP);
    // Each walk takes about a hundred lookups; the document's budget stops the check before the end.
    assert.ok(found.length > 500 && found.length < 20_000, `${found.length} reported`);
  });
});

function readPathOrThrow(text: string): Path {
  const r = readPath(text);
  assert.ok(r.ok);
  return r.value;
}
