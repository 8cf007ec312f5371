// The namerd HTTP client against the local server on 127.0.0.1: every endpoint of namerd-http-api.md §1.3 and the
// statuses it answers, the version/CAS workflow of §2 and §7, and URL encoding of path and dtab (§1.1, §1.2).

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { createNamerdClient, NamerdError, type NamerdClient } from '../../server/src/namerd/client/index.js';
import { BASE_NAMESPACES, namerdYaml, startFromYaml } from './helpers.js';

const CONFIG = namerdYaml(BASE_NAMESPACES);

async function rejectsWith(p: Promise<unknown>, kind: string, status?: number): Promise<NamerdError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof NamerdError, `expected a NamerdError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    if (status !== undefined) assert.equal(e.status, status);
    return e;
  }
  assert.fail(`expected a ${kind} error`);
}

describe('namerd client against the local server', () => {
  let server: Awaited<ReturnType<typeof startFromYaml>>;
  let client: NamerdClient;
  beforeEach(async () => {
    server = await startFromYaml(CONFIG, { random: () => 0 });
    client = createNamerdClient({ baseUrl: server.url, timeoutMs: 3000 });
  });
  afterEach(async () => {
    client.dispose();
    await server.close();
  });

  test('§1.3 #1 listNamespaces', async () => {
    assert.deepEqual(await client.listNamespaces(), ['default', 'yeezus']);
  });

  test('§1.3 #2 getDtab (JSON) with the opaque version', async () => {
    assert.deepEqual(await client.getDtab('yeezus'), { namespace: 'yeezus', version: 'AAAAAAAAAAE=', dentries: [{ prefix: '/yeezy', dst: '/yeezus' }] });
  });

  test('§1.3 #2 getDtabText', async () => {
    assert.deepEqual(await client.getDtabText('yeezus'), { namespace: 'yeezus', version: 'AAAAAAAAAAE=', text: '/yeezy=>/yeezus' });
  });

  test('§1.3 #2/#3 404 → not-found for get, getDtabText and getVersion', async () => {
    await rejectsWith(client.getDtab('nope'), 'not-found', 404);
    await rejectsWith(client.getDtabText('nope'), 'not-found', 404);
    await rejectsWith(client.getVersion('nope'), 'not-found', 404);
  });

  test('§1.3 #4 create learns the new version with HEAD (namerd sends no ETag on 204)', async () => {
    const r = await client.createDtab('pandoracorn', { format: 'text', text: '/foo => /bar' });
    assert.equal(r.version, 'AAAAAAAAAAE=');
    assert.deepEqual((await client.getDtab('pandoracorn')).dentries, [{ prefix: '/foo', dst: '/bar' }]);
  });

  test('§1.3 #4 create: 409 → already-exists; 400 → bad-dtab', async () => {
    await rejectsWith(client.createDtab('yeezus', { format: 'text', text: '/a=>/b' }), 'already-exists', 409);
    await rejectsWith(client.createDtab('new', { format: 'text', text: '/a' }), 'bad-dtab', 400);
    const e = await rejectsWith(client.createDtab('new', { format: 'json', dentries: [{ prefix: 'nope', dst: '/b' }] }), 'bad-dtab', 400);
    assert.match(e.message, /namerd gives no reason/);
  });

  test('§1.3 #5 update without If-Match is an upsert', async () => {
    const r = await client.updateDtab('fresh', { format: 'json', dentries: [{ prefix: '/a', dst: '/b' }] });
    assert.equal(r.version, 'AAAAAAAAAAE=');
    const r2 = await client.updateDtab('fresh', { format: 'text', text: '/a=>/c' });
    assert.equal(r2.version, 'AAAAAAAAAAI=');
  });

  test('§2 compare-and-set: read, change, write with the version; a stale version → version-conflict', async () => {
    const v = await client.getDtab('yeezus');
    const w = await client.updateDtab('yeezus', { format: 'json', dentries: [{ prefix: '/yeezy', dst: '/kanye' }] }, { ifMatch: v.version });
    assert.equal(w.version, 'AAAAAAAAAAI=');
    const e = await rejectsWith(client.updateDtab('yeezus', { format: 'text', text: '/yeezy=>/x' }, { ifMatch: v.version }), 'version-conflict', 412);
    assert.match(e.message, /Re-read the dtab/);
  });

  test('§2.1 CAS on a missing namespace → not-found', async () => {
    await rejectsWith(client.updateDtab('gone', { format: 'text', text: '/a=>/b' }, { ifMatch: 'AAAAAAAAAAE=' }), 'not-found', 404);
  });

  test('§1.5 update with unparsable text → bad-dtab carrying namerd\'s parser message', async () => {
    const e = await rejectsWith(client.updateDtab('yeezus', { format: 'text', text: '/foo' }), 'bad-dtab', 400);
    assert.equal(e.detail, "'=' expected but end of input found at '/foo[]'");
  });

  test('learnVersion: false skips the follow-up HEAD', async () => {
    assert.deepEqual(await client.updateDtab('yeezus', { format: 'text', text: '/a=>/b' }, { learnVersion: false }), {});
  });

  test('§1.3 #6 delete; missing → not-found', async () => {
    await client.deleteDtab('yeezus');
    await rejectsWith(client.deleteDtab('yeezus'), 'not-found', 404);
  });

  test('§1.3 #7 bind', async () => {
    const t = await client.bind('default', '/svc/api/x');
    assert.deepEqual(t, { type: 'leaf', bound: { addr: { type: 'bound', addrs: [{ ip: '10.0.0.1', port: 80, meta: {} }], meta: {} }, id: '/#/io.l5d.fs/api', path: '/x' } });
  });

  test('§1.3 #7 bind with an extra dtab holding | and # (URL-encoded)', async () => {
    const t = await client.bind('nope', '/svc/api', { dtab: '/svc => /#/io.l5d.fs/missing | /#/io.l5d.fs' });
    assert.equal(t.type, 'leaf');
  });

  test('§1.2 bad path → bad-path with namerd\'s message; bad extra dtab → server-error', async () => {
    const e = await rejectsWith(client.bind('default', 'invalid'), 'bad-path', 400);
    assert.equal(e.detail, "Invalid path: invalid / '/' expected but 'i' found at '[i]nvalid'");
    await rejectsWith(client.bind('default', '/svc', { dtab: '/a' }), 'server-error', 500);
  });

  test('§1.3 #8 addr of a bound id containing #', async () => {
    assert.deepEqual(await client.addr('default', '/#/io.l5d.fs/api'), { type: 'bound', addrs: [{ ip: '10.0.0.1', port: 80, meta: {} }], meta: {} });
  });

  test('§1.3 #9 resolve', async () => {
    assert.deepEqual(await client.resolve('default', '/nothing'), { type: 'neg' });
    const a = await client.resolve('default', '/svc/web');
    assert.equal(a.type, 'bound');
  });

  test('§1.3 #10/#11/#11b delegate in all three request styles agree', async () => {
    const expected = { type: 'delegate', path: '/yeezy', delegate: { type: 'neg', path: '/yeezus', dentry: { prefix: '/yeezy', dst: '/yeezus' } } };
    assert.deepEqual(await client.delegate({ namespace: 'yeezus', path: '/yeezy' }), expected);
    assert.deepEqual(await client.delegate({ namespace: 'yeezus', path: '/yeezy', style: 'query' }), expected);
    assert.deepEqual(await client.delegate({ namespace: 'yeezus', path: '/yeezy', style: 'post' }), expected);
    assert.deepEqual(await client.delegate({ path: '/yeezy', dtab: '/yeezy=>/yeezus' }), expected);
  });

  test('§6.4 delegate JSON with ~ and ! paths is accepted', async () => {
    // The Delegate over a same-path Alt collapses (dsimplify), so the root is the Alt.
    const t = await client.delegate({ path: '/a', dtab: '/a=>~ | !' });
    if (t.type !== 'alt') assert.fail(`expected an alt root, got ${t.type}`);
    assert.deepEqual(t.alt.map((n) => `${n.type} ${n.path}`), ['neg ~', 'fail !']);
  });

  test('§1.3 #11 bad dtab without namespace → bad-dtab with namerd\'s message', async () => {
    const e = await rejectsWith(client.delegate({ path: '/a', dtab: '/a' }), 'bad-dtab', 400);
    assert.match(e.detail ?? '', /^Invalid dtab: /);
  });

  test('§1.3 #12 boundNames', async () => {
    assert.deepEqual(await client.boundNames(), ['/#/io.l5d.fs/api', '/#/io.l5d.fs/web']);
  });

  test('refuses a namespace that cannot travel in a raw URL path', async () => {
    await rejectsWith(client.getDtab('a b'), 'invalid-argument');
    await rejectsWith(client.getDtab('../x'), 'invalid-argument');
    await rejectsWith(client.getDtab(''), 'invalid-argument');
  });

  test('a watch on a namespace that cannot be sent reports invalid-argument and ends', async () => {
    const errors: string[] = [];
    const h = client.watchDtab('a b', { onValue: () => undefined, onError: (e) => errors.push(e.kind) });
    await h.done;
    assert.deepEqual(errors, ['invalid-argument']);
  });

  test('a namespace with a slash works end to end (§1.1)', async () => {
    await client.updateDtab('team/a', { format: 'text', text: '/x=>/y' });
    assert.equal((await client.getDtabText('team/a')).text, '/x=>/y');
  });
});

describe('namerd client: bound-names with none, and watches', () => {
  let server: Awaited<ReturnType<typeof startFromYaml>>;
  let client: NamerdClient;
  before(async () => {
    server = await startFromYaml('storage: {kind: io.l5d.inMemory, namespaces: {ns: "/a=>/b"}}');
    client = createNamerdClient({ baseUrl: server.url });
  });
  after(async () => {
    client.dispose();
    await server.close();
  });

  test('§1.7 [""] from namerd is returned as []', async () => {
    assert.deepEqual(await client.boundNames(), []);
  });

  test('§1.6 watchDtab: values in order, silent while missing', async () => {
    const seen: string[] = [];
    const h = client.watchDtab('later', { onValue: (v) => seen.push(v.dentries.map((d) => `${d.prefix}=>${d.dst}`).join(';')) });
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(seen, []);
    await client.updateDtab('later', { format: 'text', text: '/a=>/b' });
    await client.updateDtab('later', { format: 'text', text: '/a=>/c' });
    const deadline = Date.now() + 3000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    h.close();
    await h.done;
    assert.deepEqual(seen.slice(-1), ['/a=>/c']);
  });

  test('§1.6 watchNamespaces and watchBind report and close cleanly', async () => {
    const lists: string[][] = [];
    const states: string[] = [];
    const h = client.watchNamespaces({ onValue: (v) => lists.push(v), onState: (s) => states.push(s.state) });
    const binds: string[] = [];
    const b = client.watchBind('ns', '/$/inet/127.1/1', { onValue: (t) => binds.push(t.type) });
    const deadline = Date.now() + 3000;
    while ((lists.length < 1 || binds.length < 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    h.close();
    b.close();
    await Promise.all([h.done, b.done]);
    assert.ok(lists[0]?.includes('ns'));
    assert.deepEqual(binds, ['leaf']);
    assert.deepEqual(states.slice(0, 2), ['connecting', 'open']);
    assert.equal(states.at(-1), 'closed');
  });
});
