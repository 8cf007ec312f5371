// Watch streams of the local server (namerd-http-api.md §1.6): chunked NDJSON, dedup, silence, error-then-close.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { BASE_NAMESPACES, namerdYaml, raw, RawStream, sleep, startFromYaml } from './helpers.js';

const CONFIG = namerdYaml(BASE_NAMESPACES);

const put = (url: string, ns: string, text: string) =>
  raw(url, `/api/1/dtabs/${ns}`, { method: 'PUT', headers: { 'Content-Type': 'application/dtab' }, body: text });

async function withServer(f: (s: Awaited<ReturnType<typeof startFromYaml>>) => Promise<void>): Promise<void> {
  const s = await startFromYaml(CONFIG);
  try {
    await f(s);
  } finally {
    await s.close();
  }
}

describe('§1.6 dtab watch', () => {
  test('chunked JSON lines: the current value, then each change', () =>
    withServer(async (s) => {
      const w = await RawStream.open(s.url, '/api/1/dtabs/yeezus?watch=true');
      assert.equal(w.status, 200);
      assert.equal(w.headers['transfer-encoding'], 'chunked');
      assert.equal(w.headers['content-type'], 'application/json');
      await w.waitLines(1);
      await put(s.url, 'yeezus', '/yeezy=>/kanye');
      const lines = await w.waitLines(2);
      assert.deepEqual(lines, ['[{"prefix":"/yeezy","dst":"/yeezus"}]', '[{"prefix":"/yeezy","dst":"/kanye"}]']);
      w.close();
    }));

  test('an identical PUT emits again (the version is part of the value)', () =>
    withServer(async (s) => {
      const w = await RawStream.open(s.url, '/api/1/dtabs/yeezus?watch=1');
      await w.waitLines(1);
      await put(s.url, 'yeezus', '/yeezy=>/yeezus');
      assert.equal((await w.waitLines(2)).length, 2);
      w.close();
    }));

  test('a missing namespace is silent until it is created; deleting emits nothing', () =>
    withServer(async (s) => {
      const w = await RawStream.open(s.url, '/api/1/dtabs/later?watch=t');
      assert.equal(w.status, 200);
      await sleep(100);
      assert.deepEqual(w.lines, []);
      await put(s.url, 'later', '/a=>/b');
      await w.waitLines(1);
      await raw(s.url, '/api/1/dtabs/later', { method: 'DELETE' });
      await sleep(100);
      assert.deepEqual(w.lines, ['[{"prefix":"/a","dst":"/b"}]']);
      assert.equal(w.ended, false);
      w.close();
    }));

  test('text codec watch: one dtab line per update', () =>
    withServer(async (s) => {
      const w = await RawStream.open(s.url, '/api/1/dtabs/yeezus?watch=true', { Accept: 'application/dtab' });
      assert.equal(w.headers['content-type'], 'application/dtab');
      assert.deepEqual(await w.waitLines(1), ['/yeezy=>/yeezus']);
      w.close();
    }));
});

describe('§1.6 list and bound-names watches', () => {
  test('a new namespace appears in the list watch', () =>
    withServer(async (s) => {
      const w = await RawStream.open(s.url, '/api/1/dtabs?watch=true');
      await w.waitLines(1);
      await put(s.url, 'zzz', '/a=>/b');
      const lines = await w.waitLines(2);
      assert.deepEqual(JSON.parse(lines[1]!).sort(), ['default', 'yeezus', 'zzz']);
      w.close();
    }));

  test('a new io.l5d.fs file appears in the bound-names watch', () =>
    withServer(async (s) => {
      const w = await RawStream.open(s.url, '/api/1/bound-names?watch=true');
      await w.waitLines(1);
      writeFileSync(join(s.dir, 'disco', 'new'), '127.0.0.9 80\n');
      const lines = await w.waitLines(2);
      assert.deepEqual(JSON.parse(lines[1]!), ['/#/io.l5d.fs/api', '/#/io.l5d.fs/new', '/#/io.l5d.fs/web']);
      w.close();
    }));
});

describe('§1.6 name watches', () => {
  test('bind watch re-emits when the tree changes, not when a leaf address changes; addr watch follows addresses', () =>
    withServer(async (s) => {
      const bind = await RawStream.open(s.url, '/api/1/bind/default?path=/svc/api&watch=1');
      const addr = await RawStream.open(s.url, `/api/1/addr/default?path=${encodeURIComponent('/#/io.l5d.fs/api')}&watch=1`);
      await bind.waitLines(1);
      await addr.waitLines(1);
      writeFileSync(join(s.dir, 'disco', 'api'), '10.0.0.2 80\n');
      const addrLines = await addr.waitLines(2);
      assert.match(addrLines[1]!, /10\.0\.0\.2/);
      assert.equal(bind.lines.length, 1, 'address change must not re-emit the bind tree');
      await put(s.url, 'default', '/svc=>/#/io.l5d.fs;/svc/api=>/#/io.l5d.fs/web');
      const bindLines = await bind.waitLines(2);
      assert.match(bindLines[1]!, /"id":"\/#\/io.l5d.fs\/web"/);
      bind.close();
      addr.close();
    }));

  test('a failing bind writes the error as plain text, then closes', () =>
    withServer(async (s) => {
      await put(s.url, 'loop', '/a=>/a/a');
      const w = await RawStream.open(s.url, '/api/1/bind/loop?path=/a&watch=1');
      await w.waitEnd();
      assert.equal(w.ended, true);
      assert.equal(w.lines.length, 1);
      assert.match(w.lines[0]!, /^Max recursion level: 100 reached in Namer lookup$/);
    }));

  test('resolve watch re-emits when the dtab sends the name elsewhere', () =>
    withServer(async (s) => {
      const w = await RawStream.open(s.url, '/api/1/resolve/default?path=/svc/api&watch=1');
      await w.waitLines(1);
      await put(s.url, 'default', '/svc=>/$/inet/127.1/4140');
      const lines = await w.waitLines(2);
      assert.deepEqual(JSON.parse(lines[1]!), { type: 'bound', addrs: [{ ip: '127.0.0.1', port: 4140, meta: {} }], meta: {} });
      w.close();
    }));
});
