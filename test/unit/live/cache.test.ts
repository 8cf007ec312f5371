import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withinBudget } from '../../../server/src/lsp/live/budget.js';
import { LiveCache, liveKeyString, type LiveKey } from '../../../server/src/lsp/live/cache.js';

const key = (path: string, over: Partial<LiveKey> = {}): LiveKey => ({ endpoint: 'http://n:4180', namespace: 'default', dtab: '/a=>/b', path, ...over });

test('cache keys: each of endpoint, namespace, dtab and path counts; a trailing slash on the URL does not', () => {
  const k = key('/svc/web');
  const variants = [key('/svc/web', { endpoint: 'http://m:4180' }), key('/svc/web', { namespace: 'staging' }), key('/svc/web', { dtab: '' }), key('/svc/api')];
  for (const v of variants) assert.notEqual(liveKeyString(v), liveKeyString(k));
  assert.equal(liveKeyString(key('/svc/web', { endpoint: 'http://n:4180/' })), liveKeyString(k));
  // No ambiguity from separators inside values.
  assert.notEqual(liveKeyString(key('b', { dtab: 'a' })), liveKeyString(key('', { dtab: 'a","b' })));
});

test('cache: one load per key; least recently used entries are dropped with their watches', async () => {
  const cache = new LiveCache<string>({ maxEntries: 2 });
  let loads = 0;
  const closed: string[] = [];
  const get = (p: string) => cache.get(key(p), async () => `${p}#${++loads}`, () => ({ close: () => closed.push(p) }));
  assert.equal(await get('/a'), '/a#1');
  assert.equal(await get('/a'), '/a#1');
  await get('/b');
  await get('/a'); // /a is now the most recently used
  await get('/c'); // evicts /b
  assert.deepEqual(closed, ['/b']);
  assert.equal(cache.size, 2);
  assert.equal(await get('/b'), '/b#4');
  cache.clear();
  assert.deepEqual(closed.sort(), ['/a', '/b', '/b', '/c']);
});

test('cache: a watch refresh replaces the answer; a failure is remembered only for errorTtlMs', async () => {
  let now = 0;
  const cache = new LiveCache<number>({ errorTtlMs: 1000, now: () => now });
  let value = 1;
  let refresh = (): void => undefined;
  const load = async (): Promise<number> => value;
  assert.equal(await cache.get(key('/a'), load, (r) => ((refresh = r), { close: () => undefined })), 1);
  value = 2;
  refresh();
  await new Promise((r) => setImmediate(r));
  assert.equal(await cache.get(key('/a'), load), 2);

  let attempts = 0;
  const failing = async (): Promise<number> => {
    attempts++;
    throw new Error('unreachable');
  };
  await assert.rejects(cache.get(key('/x'), failing));
  await assert.rejects(cache.get(key('/x'), failing));
  assert.equal(attempts, 1);
  now = 1000;
  await assert.rejects(cache.get(key('/x'), failing));
  assert.equal(attempts, 2);
  // A loader that throws synchronously is a failed answer, not an exception from get().
  await assert.rejects(cache.get(key('/y'), () => { throw new Error('sync'); }));
});

test('budget: the answer, the failure, a timeout or a cancellation; never longer than the budget', async () => {
  assert.deepEqual(await withinBudget(Promise.resolve(7), 100), { kind: 'ok', value: 7 });
  const err = new Error('refused');
  assert.deepEqual(await withinBudget(Promise.reject(err), 100), { kind: 'error', error: err });
  const never = new Promise<number>(() => undefined);
  const t0 = Date.now();
  assert.deepEqual(await withinBudget(never, 30), { kind: 'timeout', budgetMs: 30 });
  assert.ok(Date.now() - t0 < 1000);
  const ac = new AbortController();
  const pending = withinBudget(never, 10_000, ac.signal);
  ac.abort();
  assert.deepEqual(await pending, { kind: 'cancelled' });
  assert.deepEqual(await withinBudget(never, 10_000, ac.signal), { kind: 'cancelled' });
  assert.deepEqual(await withinBudget(Promise.resolve(1), 0), { kind: 'ok', value: 1 });
});
