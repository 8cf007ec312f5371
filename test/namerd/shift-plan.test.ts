// Pure tests of shift plans: validation, weights, the destination after each step, and targeting the LAST dentry.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildShiftPlan, destinationAfter, parseSteps, splitWeights, type ShiftPlan } from '../../server/src/namerd/shift/plan.js';
import { targetIndex, withTargetDst } from '../../server/src/namerd/shift/target.js';
import { withFallback } from '../../server/src/namerd/shift/failover.js';
import { readNameTree } from '../../server/src/core/dtab/parse.js';
import { showNameTree } from '../../server/src/core/dtab/show.js';

function plan(over: Partial<Parameters<typeof buildShiftPlan>[0]> = {}): ShiftPlan {
  const r = buildShiftPlan({ namespace: 'ns', prefix: '/svc/web', from: '/srv/web-v1', to: '/srv/web-v2', gate: { kind: 'dwell', ms: 0 }, ...over });
  if (!r.ok) throw new Error(r.message);
  return r.plan;
}

const weightCases: [number, { green: number; blue: number }][] = [
  [10, { green: 1, blue: 9 }],
  [25, { green: 1, blue: 3 }],
  [50, { green: 1, blue: 1 }],
  [5, { green: 1, blue: 19 }],
  [20, { green: 1, blue: 4 }],
  [75, { green: 3, blue: 1 }],
  [33, { green: 33, blue: 67 }],
  [12.5, { green: 1, blue: 7 }],
];
for (const [pct, w] of weightCases) {
  test(`splitWeights(${pct}) = ${w.green}:${w.blue}`, () => assert.deepEqual(splitWeights(pct), w));
}

test('destinations per step follow the §5 recipes (namerd canonical form)', () => {
  const p = plan();
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((n) => destinationAfter(p, n)),
    ['/srv/web-v1', '/srv/web-v2 & 9.00*/srv/web-v1', '/srv/web-v2 & 3.00*/srv/web-v1', '/srv/web-v2 & /srv/web-v1', '/srv/web-v2'],
  );
  assert.equal(destinationAfter(plan({ final: 'fallback' }), 4), '/srv/web-v2 | /srv/web-v1');
});

test('complex destinations are parenthesised where Finagle prints them so', () => {
  const p = plan({ from: '/a | /b', to: '/c' });
  assert.equal(destinationAfter(p, 1), '/c & 9.00*(/a | /b)');
  assert.equal(destinationAfter(plan({ from: '/a | /b', to: '/c', final: 'fallback' }), 4), '/c | (/a | /b)');
});

const badPlans: [string, Partial<Parameters<typeof buildShiftPlan>[0]>, RegExp][] = [
  ['bad prefix', { prefix: 'svc' }, /--prefix svc is not a dtab prefix/],
  ['bad from', { from: '/a &' }, /--from .* is not a destination/],
  ['same from and to', { to: '/srv/web-v1' }, /same destination/],
  ['decreasing steps', { steps: [10, 5, 100] }, /steps must increase/],
  ['last step not 100', { steps: [10, 50] }, /last step must be 100/],
  ['step above 100', { steps: [10, 150] }, /not a green percentage/],
  ['no steps', { steps: [] }, /at least one step/],
];
for (const [name, over, re] of badPlans) {
  test(`buildShiftPlan refuses: ${name}`, () => {
    const r = buildShiftPlan({ namespace: 'ns', prefix: '/svc/web', from: '/srv/web-v1', to: '/srv/web-v2', gate: { kind: 'dwell', ms: 0 }, ...over });
    assert.equal(r.ok, false);
    assert.match((r as { message: string }).message, re);
  });
}

test('parseSteps', () => {
  assert.deepEqual(parseSteps('10,25,50,100'), [10, 25, 50, 100]);
  assert.deepEqual(parseSteps(' 5 , 100 '), [5, 100]);
  assert.equal(parseSteps('10,,100'), undefined);
  assert.equal(parseSteps('ten'), undefined);
});

test('the LAST dentry with the exact prefix is the target; others stay the same objects in order', () => {
  const ds = [
    { prefix: '/svc/web', dst: '/old' },
    { prefix: '/svc', dst: '/x' },
    { prefix: '/svc/web', dst: '/srv/web-v1' },
    { prefix: '/svc/webx', dst: '/y' },
  ];
  assert.equal(targetIndex(ds, '/svc/web'), 2);
  const next = withTargetDst(ds, '/svc/web', '/new')!;
  assert.deepEqual(next[2], { prefix: '/svc/web', dst: '/new' });
  for (const i of [0, 1, 3]) assert.equal(next[i], ds[i]);
  assert.equal(withTargetDst(ds, '/nope', '/new'), undefined);
});

test('withFallback appends to an existing alt instead of nesting', () => {
  const t = (s: string) => {
    const r = readNameTree(s);
    assert.ok(r.ok);
    return r.value;
  };
  assert.equal(showNameTree(withFallback(t('/a'), t('/b'))), '/a | /b');
  assert.equal(showNameTree(withFallback(t('/a | /b'), t('/c'))), '/a | /b | /c');
  assert.equal(showNameTree(withFallback(t('/a & /b'), t('/c'))), '/a & /b | /c');
});
