import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ShiftState } from '../../../server/src/namerd/shift/state.js';
import { currentSplit, eventLine, historyLines, parseGate, progressMessage, progressPercent } from '../../../client/src/namerd/shiftText.js';

test('gate: confirm, seconds, durations; anything else is refused', () => {
  const cases: [string, ReturnType<typeof parseGate>][] = [
    ['confirm', { kind: 'confirm' }],
    [' Confirmed ', { kind: 'confirm' }],
    ['30', { kind: 'dwell', ms: 30_000 }],
    ['30s', { kind: 'dwell', ms: 30_000 }],
    ['5m', { kind: 'dwell', ms: 300_000 }],
    ['0', { kind: 'dwell', ms: 0 }],
    ['soon', undefined],
    ['-5s', undefined],
    ['', undefined],
    ['9'.repeat(200) + 'x', undefined],
  ];
  for (const [text, want] of cases) assert.deepEqual(parseGate(text), want, text);
});

const state = (over: Partial<ShiftState>): ShiftState => ({
  id: 's1',
  endpoint: 'http://127.0.0.1:4180',
  plan: { namespace: 'default', prefix: '/svc/web', blue: '/srv/web', green: '/srv/web-v2', steps: [10, 50, 100], gate: { kind: 'confirm' }, final: 'green' },
  status: 'running',
  stepCount: 0,
  knownDentries: [],
  original: { prefix: '/svc/web', dst: '/srv/web' },
  originalVersion: 'AAAAAAAAAAE=',
  startedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  events: [],
  ...over,
});

test('progress: the current split, the step, the status', () => {
  assert.equal(currentSplit(state({})), 'blue only (0% green)');
  assert.equal(currentSplit(state({ stepCount: 1 })), '10% green (weights 1 green : 9 blue)');
  assert.equal(currentSplit(state({ stepCount: 3 })), '100% green');
  assert.equal(currentSplit(state({ stepCount: 3, plan: { ...state({}).plan, final: 'fallback' } })), '100% green, blue as fallback');
  assert.equal(progressMessage(state({ stepCount: 2 })), '/svc/web: 50% green (weights 1 green : 1 blue), step 2/3');
  assert.equal(
    progressMessage(state({ stepCount: 1, status: 'paused', pause: { kind: 'user', message: 'step to 50% not confirmed' } })),
    '/svc/web: 10% green (weights 1 green : 9 blue), step 1/3; paused: step to 50% not confirmed',
  );
  assert.equal(progressMessage(state({ status: 'rolled-back' })), '/svc/web: blue only (0% green), step 0/3; rolled-back');
  assert.deepEqual([0, 1, 2, 3].map((n) => progressPercent(state({ stepCount: n }))), [0, 33, 67, 100]);
});

test('history and event lines', () => {
  const s = state({ stepCount: 1, events: [{ at: 'x', event: 'step 1 written', version: 'AAAAAAAAAAI=', detail: '10% green' }] });
  assert.equal(eventLine(s), '[shift default /svc/web] step 1 written @AAAAAAAAAAI=: 10% green → /srv/web-v2 & 9.00*/srv/web');
  assert.deepEqual(historyLines([]), ['no shifts recorded']);
  assert.deepEqual(
    historyLines([{ id: 's1', namespace: 'default', endpoint: 'e', prefix: '/svc/web', from: '/a', to: '/b', steps: [50, 100], status: 'rolled-back', stepCount: 0, startedAt: 'T0', updatedAt: 'T1', versions: ['v1', 'v2', 'v3'] }]),
    ['T0 /svc/web: /a → /b, steps 50,100%, rolled-back at step 0/2, versions v1 → v2 → v3'],
  );
});
