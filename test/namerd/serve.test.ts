// `dtab serve` and its building blocks: namerd config reading (real corpus files), --data persistence with atomic
// writes, the version/If-Match encoding, the io.l5d.fs address files, and the CLI process itself.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, parseNamerdConfig } from '../../server/src/namerd/local-server/config.js';
import { parseAddressFile } from '../../server/src/namerd/local-server/fs-namer.js';
import { createDnsResolver } from '../../server/src/namerd/local-server/dns-resolver.js';
import { DataFileError } from '../../server/src/namerd/local-server/persist.js';
import { startLocalNamerd } from '../../server/src/namerd/local-server/server.js';
import { etagToVersion, versionToEtag } from '../../server/src/namerd/local-server/versions.js';
import { FIXTURES, raw } from './helpers.js';

const CORPUS = '/work/shared/corpus/namerd';

describe('§2.1 versions', () => {
  const cases: [bigint, string][] = [
    [1n, 'AAAAAAAAAAE='],
    [2n, 'AAAAAAAAAAI='],
    [256n, 'AAAAAAAAAQA='],
  ];
  for (const [v, etag] of cases) {
    test(`version ${v} ⇄ ${etag}`, () => {
      assert.equal(versionToEtag(v), etag);
      assert.equal(etagToVersion(etag), v);
    });
  }
  test('If-Match decoding skips non-alphabet characters and needs 8 bytes', () => {
    assert.equal(etagToVersion('"AAAAAAAAAAE="'), 1n);
    assert.equal(etagToVersion('*'), undefined);
    assert.equal(etagToVersion('yolo'), undefined);
    assert.equal(etagToVersion('AAAAAQ=='), undefined);
  });
});

describe('io.l5d.fs address files', () => {
  test('host port, optional * weight, comments and blank lines', () => {
    const r = parseAddressFile('# hosts\n127.1 9990\n\n10.0.0.1 80 * 0.5  # canary\nbad line\n1.2.3.4 99999\n');
    assert.deepEqual(r.entries, [{ host: '127.1', port: 9990 }, { host: '10.0.0.1', port: 80, weight: 0.5 }]);
    assert.equal(r.problems.length, 2);
    assert.match(r.problems[0]!, /^line 5: /);
  });
});

describe('namerd config (linkerd-config.md §4)', () => {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.yaml')) : [];
  for (const f of files) {
    test(`corpus ${f}: in-memory configs load, other storage is refused with a clear message`, () => {
      const text = readFileSync(join(CORPUS, f), 'utf8');
      // The corpus paths are relative to linkerd's repository root; point rootDir at the copied disco folder.
      const adapted = text.replace(/rootDir: \S+/g, `rootDir: ${join(CORPUS, 'disco')}`);
      try {
        const c = parseNamerdConfig(adapted);
        assert.ok(/io\.l5d\.inMemory/.test(text) || !/storage:/.test(text), 'only inMemory storage may load');
        for (const w of c.warnings) assert.match(w, /not (emulated|served)|is ignored/);
      } catch (e) {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, /storage kind "io\.l5d\.(zk|etcd|consul|k8s)" is not supported by the local server/);
      }
    });
  }

  const BAD: [string, RegExp][] = [
    ['routers: []', /linkerd config/],
    ['storage: {kind: io.l5d.zk}', /not supported by the local server/],
    ['storage: {kind: io.l5d.inMemory, namespaces: [a]}', /must map namespace names/],
    ['namers: [{kind: io.l5d.fs}]', /needs rootDir/],
    ['namers: [{kind: io.l5d.fs, rootDir: /no/such/dir}]', /is not a directory/],
    ['interfaces: [{kind: io.l5d.httpController, port: http}]', /port must be a port number/],
    ['storage: [', /not valid YAML/],
  ];

  test('problems namerd would reject are reported with line and column, without stopping the local server', () => {
    const c = parseNamerdConfig('storage:\n  kind: io.l5d.inMemory\n  bogus: 1\n', { file: 'namerd.yaml' });
    assert.ok(c.warnings.some((w) => /^namerd\.yaml:3:3: namerd would reject this config: .*bogus.*\[config\/unknown-key\]$/.test(w)), c.warnings.join('\n'));
  });
  for (const [yaml, message] of BAD) {
    test(`refused: ${yaml}`, () => {
      assert.throws(() => parseNamerdConfig(yaml), (e: unknown) => e instanceof ConfigError && message.test(e.message));
    });
  }

  test('a namespace whose dtab does not parse stops the start with its name', async () => {
    await assert.rejects(startLocalNamerd({ config: parseNamerdConfig('storage: {kind: io.l5d.inMemory, namespaces: {bad: "/a"}}'), port: 0 }), /storage\.namespaces\.bad is not a valid dtab/);
  });
});

describe('request log', () => {
  test('one line per request: method, URL, status, time', async () => {
    const lines: string[] = [];
    const s = await startLocalNamerd({ port: 0, requestLog: (l) => lines.push(l) });
    try {
      await raw(s.url, '/api/1/dtabs/nope');
      await raw(s.url, '/api/1/dtabs');
      await new Promise((r) => setImmediate(r));
      assert.equal(lines.length, 2);
      assert.match(lines[0]!, /^GET \/api\/1\/dtabs\/nope 404 \d+\.\dms$/);
    } finally {
      await s.close();
    }
  });
});

describe('admin port', () => {
  test('a taken admin port from the config only costs the admin pages (warning); an explicit one fails', async () => {
    const first = await startLocalNamerd({ port: 0, adminPort: 0 });
    const taken = Number(new URL(first.adminUrl!).port);
    try {
      const warnings: string[] = [];
      const config = parseNamerdConfig(`admin: {port: ${taken}}`);
      const second = await startLocalNamerd({ config, port: 0, logger: { info: () => undefined, warn: (m) => warnings.push(m) } });
      assert.equal(second.adminUrl, undefined);
      assert.match(warnings.join('\n'), /admin server not started: .*pass --admin-port/);
      assert.equal((await raw(second.url, '/api/1/dtabs')).status, 200);
      await second.close();
      await assert.rejects(startLocalNamerd({ port: 0, adminPort: taken }), /EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});

describe('--data persistence', () => {
  test('the store survives a restart with its versions; the saved state wins over the config seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtab-data-'));
    const file = join(dir, 'store.json');
    const config = parseNamerdConfig('storage: {kind: io.l5d.inMemory, namespaces: {seed: "/a=>/b"}}');
    try {
      const a = await startLocalNamerd({ config, port: 0, dataFile: file });
      await raw(a.url, '/api/1/dtabs/seed', { method: 'PUT', headers: { 'Content-Type': 'application/dtab' }, body: '/a=>/c' });
      await raw(a.url, '/api/1/dtabs/other', { method: 'POST', headers: { 'Content-Type': 'application/dtab' }, body: '/x=>2*/y & /z' });
      await a.close();
      assert.deepEqual(readdirSync(dir), ['store.json'], 'no temporary file left behind');
      const b = await startLocalNamerd({ config, port: 0, dataFile: file });
      const seed = await raw(b.url, '/api/1/dtabs/seed', { headers: { Accept: 'application/dtab' } });
      assert.equal(seed.body, '/a=>/c\n');
      assert.equal(seed.headers.etag, 'AAAAAAAAAAI=');
      assert.equal((await raw(b.url, '/api/1/dtabs/other', { headers: { Accept: 'application/dtab' } })).body, '/x=>2.00*/y & /z\n');
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a damaged data file is refused, not overwritten', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtab-data-'));
    const file = join(dir, 'store.json');
    writeFileSync(file, '{"not":"ours"}');
    try {
      await assert.rejects(startLocalNamerd({ port: 0, dataFile: file }), (e: unknown) => e instanceof DataFileError);
      assert.equal(readFileSync(file, 'utf8'), '{"not":"ours"}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dtab serve (CLI process)', () => {
  const cli = join(__dirname, '..', '..', 'server', 'src', 'cli', 'main.ts');

  test('prints its URL, serves the config, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0', '--config', join(FIXTURES, 'namerd.yaml')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => {
        out += d;
        if (out.includes('\n')) resolve(out.trim());
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const r = await raw(url, '/api/1/resolve/default?path=/svc/api');
    assert.equal(r.body, '{"type":"bound","addrs":[{"ip":"10.0.0.1","port":80,"meta":{}}],"meta":{}}\n');
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    assert.equal(code, 0);
  });

  test('unsupported storage: usage error (exit 2) naming the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtab-serve-'));
    const cfg = join(dir, 'namerd.yaml');
    writeFileSync(cfg, 'storage:\n  kind: io.l5d.consul\n');
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0', '--config', cfg], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d: string) => (err += d));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.equal(code, 2);
      assert.match(err, /storage kind "io\.l5d\.consul" is not supported by the local server/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('io.l5d.fs namers in the local server', () => {
  // dtab-language.md §5.2 and test vector B44: configured namers are tried last-declared first; a namer answering
  // Neg passes the path on.
  async function bindId(namersYaml: string, path: string): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'dtab-fs-'));
    try {
      for (const d of ['boo', 'urns']) mkdirSync(join(dir, d));
      writeFileSync(join(dir, 'boo', 'urns'), '10.0.0.1 1\n');
      writeFileSync(join(dir, 'urns', 'x'), '10.0.0.2 2\n');
      const config = parseNamerdConfig(`namers:\n${namersYaml}`, { cwd: dir });
      const s = await startLocalNamerd({ config, port: 0, dns: false });
      try {
        const r = await raw(s.url, `/api/1/bind/default?path=${encodeURIComponent(path)}`);
        const j = JSON.parse(r.body) as { type: string; bound?: { id: string; path: string } };
        return j.bound ? `${j.bound.id} ${j.bound.path}` : j.type;
      } finally {
        await s.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const URNS = '- {kind: io.l5d.fs, prefix: /boo/urns, rootDir: urns}\n';
  const BOO = '- {kind: io.l5d.fs, prefix: /boo, rootDir: boo}\n';

  test('the later-declared namer wins', async () => {
    assert.equal(await bindId(URNS + BOO, '/#/boo/urns/x'), '/#/boo/urns /x');
  });
  test('with the order swapped, the more specific namer wins', async () => {
    assert.equal(await bindId(BOO + URNS, '/#/boo/urns/x'), '/#/boo/urns/x /');
  });
  test('a namer answering Neg passes the path to the next one', async () => {
    assert.equal(await bindId(URNS + BOO, '/#/boo/urns/nope'), '/#/boo/urns /nope');
    assert.equal(await bindId(BOO, '/#/boo/nope'), 'neg');
  });
});

describe('DNS for /$/inet host names', () => {
  test('pending until DNS answers, then bound (and a change signal); failures are neg; re-resolved after 5 s', async () => {
    let clock = 0;
    let changes = 0;
    const answers = new Map<string, string[] | Error>([['svc.example', ['10.1.1.1']], ['gone.example', new Error('ENOTFOUND')]]);
    const calls: string[] = [];
    const resolve = createDnsResolver(
      () => changes++,
      async (host) => {
        calls.push(host);
        const a = answers.get(host);
        if (a instanceof Error || !a) throw a ?? new Error('ENOTFOUND');
        return a;
      },
      () => clock,
    );
    assert.deepEqual(resolve('127.1', 80), { type: 'bound', addrs: [{ ip: '127.0.0.1', port: 80 }] });
    assert.deepEqual(resolve('svc.example', 80), { type: 'pending' });
    assert.deepEqual(resolve('gone.example', 80), { type: 'pending' });
    await new Promise((r) => setImmediate(r));
    assert.equal(changes, 2);
    assert.deepEqual(resolve('svc.example', 8080), { type: 'bound', addrs: [{ ip: '10.1.1.1', port: 8080 }] });
    assert.deepEqual(resolve('gone.example', 80), { type: 'neg' });
    assert.equal(calls.length, 2, 'cached within 5 s');
    clock = 5_000;
    answers.set('svc.example', ['10.1.1.2']);
    resolve('svc.example', 80);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(resolve('svc.example', 80), { type: 'bound', addrs: [{ ip: '10.1.1.2', port: 80 }] });
    assert.equal(changes, 3);
  });
});
