import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDtab, readPath } from '../../../server/src/core/dtab/parse.js';
import { NamerdError } from '../../../server/src/namerd/client/errors.js';
import type { NamerdApi, WatchHandlers } from '../../../server/src/namerd/client/types.js';
import type { DelegateTreeJson } from '../../../server/src/namerd/wire.js';
import { compareOutcomes, describeAddr, liveSectionMarkdown, outcomes, renderLiveTree } from '../../../server/src/lsp/live/render.js';
import { LiveResolver, localDelegation } from '../../../server/src/lsp/live/resolver.js';

function must<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const leaf = (path: string, ips: string[]): DelegateTreeJson => ({
  type: 'leaf',
  path,
  bound: { id: path, path: '/', addr: { type: 'bound', addrs: ips.map((ip) => ({ ip, port: 8080, meta: {} })), meta: {} } },
});

test('addresses: bound (capped), neg, failed, pending', () => {
  const cases: [Parameters<typeof describeAddr>[0], string][] = [
    [{ type: 'bound', addrs: [{ ip: '10.0.0.1', port: 80, meta: {} }], meta: {} }, '10.0.0.1:80'],
    [{ type: 'bound', addrs: [], meta: {} }, 'bound, no addresses'],
    [{ type: 'bound', addrs: Array.from({ length: 7 }, (_, i) => ({ ip: `10.0.0.${i}`, port: 1, meta: {} })), meta: {} }, '10.0.0.0:1, 10.0.0.1:1, 10.0.0.2:1, 10.0.0.3:1, 10.0.0.4:1 (+2 more)'],
    [{ type: 'neg' }, 'neg (no such name)'],
    [{ type: 'failed', cause: 'boom' }, 'failed: boom'],
    [{ type: 'pending' }, 'pending'],
  ];
  for (const [addr, want] of cases) assert.equal(describeAddr(addr), want);
});

test('live tree: one line per node with dentries and weights; a deep tree neither overflows nor floods the hover', () => {
  const tree: DelegateTreeJson = {
    type: 'delegate',
    path: '/svc/web',
    delegate: {
      type: 'union',
      path: '/svc/web',
      dentry: { prefix: '/svc/web', dst: '9.00*/a & /b' },
      union: [{ weight: 9, tree: leaf('/#/io.l5d.fs/a', ['10.0.0.1']) }, { weight: 1, tree: { type: 'neg', path: '/#/io.l5d.fs/b' } }],
    },
  };
  assert.deepEqual(renderLiveTree(tree), [
    '/svc/web',
    '  /svc/web → split over 2  (/svc/web => 9.00*/a & /b)',
    '    9 × /#/io.l5d.fs/a: 10.0.0.1:8080',
    '    1 × /#/io.l5d.fs/b → neg',
  ]);
  let deep: DelegateTreeJson = leaf('/#/x', ['10.0.0.9']);
  for (let i = 0; i < 50_000; i++) deep = { type: 'delegate', path: `/p${i}`, delegate: deep };
  const lines = renderLiveTree(deep, 10);
  assert.equal(lines.length, 11);
  assert.equal(lines[10], '… 49991 more node(s)');
  assert.ok(outcomes(deep).get('/#/x') === 'bound');
});

test('local vs live: pending names bound by namerd agree; names namerd finds nothing at, or only one side reaches, differ', () => {
  const dtab = must(readDtab('/srv=>/#/io.l5d.fs;/svc=>/srv;/svc/admin=>/$/inet/127.1/9990'));
  const local = localDelegation(dtab, must(readPath('/svc/web')))!;
  assert.deepEqual([...outcomes(local)], [['/#/io.l5d.fs/web', 'pending']]);
  const agree: DelegateTreeJson = { type: 'delegate', path: '/svc/web', delegate: leaf('/#/io.l5d.fs/web', ['10.0.0.1']) };
  assert.deepEqual(compareOutcomes(outcomes(local), outcomes(agree)), []);
  const negative: DelegateTreeJson = { type: 'neg', path: '/#/io.l5d.fs/web' };
  assert.deepEqual(compareOutcomes(outcomes(local), outcomes(negative)), ['namerd finds nothing at `/#/io.l5d.fs/web`, which the local dtab routes to']);
  const elsewhere: DelegateTreeJson = { type: 'alt', path: '/svc/web', alt: [leaf('/#/io.l5d.k8s/web', ['10.0.0.2'])] };
  assert.deepEqual(compareOutcomes(outcomes(local), outcomes(elsewhere)), [
    'namerd also reaches `/#/io.l5d.k8s/web` (from its stored dtab)',
    'namerd does not reach `/#/io.l5d.fs/web`',
  ]);
  const md = liveSectionMarkdown({ endpointName: 'local', namespace: 'default', path: '/svc/web', answer: { kind: 'ok', tree: negative }, local });
  assert.match(md, /\*\*Differs from the local result\*\*: namerd finds nothing/);
});

test('live section when namerd does not answer: unreachable, timed out, error', () => {
  const md = (answer: Parameters<typeof liveSectionMarkdown>[0]['answer']) =>
    liveSectionMarkdown({ endpointName: 'prod', namespace: 'default', path: '/svc/web', answer });
  assert.match(md({ kind: 'unreachable', message: 'connect ECONNREFUSED' }), /namerd unreachable: connect ECONNREFUSED/);
  assert.match(md({ kind: 'timeout', budgetMs: 1000 }), /timed out: namerd did not answer within 1000 ms/);
  assert.match(md({ kind: 'error', message: 'namerd answered with an error: 500' }), /answered with an error/);
});

/** A NamerdApi whose delegate answers are scripted; watches record their handlers. */
function fakeApi(delegate: () => Promise<DelegateTreeJson>) {
  const calls = { delegate: 0, watches: [] as string[] };
  const handlers: WatchHandlers<unknown>[] = [];
  const watch = (what: string) => (...args: unknown[]) => {
    calls.watches.push(what);
    handlers.push(args.find((a) => typeof a === 'object' && a !== null && 'onValue' in a) as WatchHandlers<unknown>);
    return { close: () => calls.watches.push(`closed ${what}`), done: Promise.resolve() };
  };
  const api = {
    baseUrl: 'http://127.0.0.1:4180/',
    delegate: () => {
      calls.delegate++;
      return delegate();
    },
    watchDtab: watch('dtab'),
    watchBind: watch('bind'),
    watchAddr: watch('addr'),
  } as unknown as NamerdApi;
  return { api, calls, handlers };
}

test('resolver: cached per key, refreshed by watches, bounded by the budget, unreachable said plainly', async () => {
  const dtab = must(readDtab('/svc=>/#/io.l5d.fs'));
  const path = must(readPath('/svc/web'));
  let ip = '10.0.0.1';
  const { api, calls, handlers } = fakeApi(async () => ({ type: 'delegate', path: '/svc/web', delegate: leaf('/#/io.l5d.fs/web', [ip]) }));
  const resolver = new LiveResolver();
  const query = { api, endpointName: 'local', namespace: 'default', dtab, path, budgetMs: 1000 };
  assert.match((await resolver.section(query))!, /10\.0\.0\.1:8080/);
  await resolver.section(query);
  assert.equal(calls.delegate, 1);
  assert.deepEqual(calls.watches, ['dtab', 'bind', 'addr']);
  // Watches first replay the current state; a later value is a change and reloads the entry.
  ip = '10.0.0.2';
  for (const h of handlers) h.onValue(undefined);
  handlers[2]!.onValue(undefined);
  await new Promise((r) => setImmediate(r));
  assert.match((await resolver.section(query))!, /10\.0\.0\.2:8080/);
  resolver.clear();
  assert.ok(calls.watches.includes('closed addr'));

  const slow = fakeApi(() => new Promise(() => undefined));
  const t0 = Date.now();
  assert.match((await resolver.section({ ...query, api: slow.api, budgetMs: 50 }))!, /timed out/);
  assert.ok(Date.now() - t0 < 1000);
  const ac = new AbortController();
  ac.abort();
  assert.equal(await resolver.section({ ...query, api: slow.api, signal: ac.signal }), undefined);

  const down = fakeApi(() => Promise.reject(new NamerdError({ kind: 'unreachable', message: 'Cannot connect to namerd at http://127.0.0.1:1/' })));
  assert.match((await resolver.section({ ...query, api: { ...down.api, baseUrl: 'http://127.0.0.1:1/' } as NamerdApi }))!, /namerd unreachable: Cannot connect/);
  resolver.clear();
});
