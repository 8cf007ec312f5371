// Fault injection: the client against a small hostile server on 127.0.0.1 that refuses, hangs, answers slowly,
// sends empty 500s, garbage, statuses namerd never sends, and cuts watch streams mid-line. The client must return
// typed errors within its timeouts, keep secrets out of messages and logs, reconnect watches, and never leave an
// unhandled rejection behind.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { createNamerdClient, NamerdError, type NamerdClient, type NamerdEndpointSettings } from '../../server/src/namerd/client/index.js';
import { LineSplitter, backoffDelay } from '../../server/src/namerd/client/watch.js';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (e) => unhandled.push(e));

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A server whose behaviour is set per test; counts requests per path. */
class Hostile {
  handler: Handler = (_req, res) => res.end();
  readonly hits: string[] = [];
  readonly requests: IncomingMessage[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.hits.push(req.url ?? '');
      this.requests.push(req);
      this.handler(req, res);
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

async function kindOf(p: Promise<unknown>): Promise<NamerdError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof NamerdError, `not a NamerdError: ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

const until = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  assert.ok(cond(), 'condition not reached in time');
};

describe('client faults', () => {
  const h = new Hostile();
  let client: NamerdClient;
  const logs: string[] = [];
  const SECRET = 'Bearer s3cr3t-t0ken-value';
  const settings = (extra: Partial<NamerdEndpointSettings> = {}): NamerdEndpointSettings => ({
    baseUrl: h.url,
    timeoutMs: 300,
    headers: { Authorization: SECRET },
    logger: { debug: (m) => logs.push(m), warn: (m) => logs.push(m) },
    ...extra,
  });
  before(() => h.start());
  after(() => h.stop());
  afterEach(() => {
    client?.dispose();
    h.hits.length = 0;
    h.requests.length = 0;
    for (const l of logs) assert.ok(!l.includes('s3cr3t'), `secret in log: ${l}`);
    logs.length = 0;
  });

  test('refused connection → unreachable', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    client = createNamerdClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000 });
    const e = await kindOf(client.listNamespaces());
    assert.equal(e.kind, 'unreachable');
    assert.match(e.message, /4180/);
  });

  test('a server that never answers → timeout within the timeout', async () => {
    h.handler = () => undefined;
    client = createNamerdClient(settings());
    const t0 = Date.now();
    const e = await kindOf(client.getDtab('x'));
    assert.equal(e.kind, 'timeout');
    assert.ok(Date.now() - t0 < 1500, `took ${Date.now() - t0} ms`);
  });

  test('headers at once, then a body that dribbles past the timeout → timeout (the whole call is bounded)', async () => {
    h.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('[');
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ')), 50);
    };
    client = createNamerdClient(settings());
    const t0 = Date.now();
    assert.equal((await kindOf(client.listNamespaces())).kind, 'timeout');
    assert.ok(Date.now() - t0 < 1500);
  });

  test('slow but within the timeout → success', async () => {
    h.handler = (_req, res) => setTimeout(() => res.end('["a"]\n'), 100);
    client = createNamerdClient(settings({ timeoutMs: 2000 }));
    assert.deepEqual(await client.listNamespaces(), ['a']);
  });

  test('a keep-alive connection the server dropped: reads retry once on a fresh one, writes do not', async () => {
    const served = new WeakMap<object, number>();
    h.handler = (req, res) => {
      const n = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, n);
      // The second request on any connection finds it dead (as after a server-side idle close).
      if (n >= 2) return req.socket.destroy();
      res.writeHead(req.method === 'PUT' ? 204 : 200, { 'Content-Type': 'application/json' });
      res.end(req.method === 'PUT' ? undefined : '["a"]\n');
    };
    client = createNamerdClient(settings({ timeoutMs: 2000 }));
    assert.deepEqual(await client.listNamespaces(), ['a']);
    assert.deepEqual(await client.listNamespaces(), ['a']);
    const e = await kindOf(client.updateDtab('ns', { format: 'text', text: '/a=>/b' }, { learnVersion: false }));
    assert.equal(e.kind, 'unreachable');
    assert.equal(h.requests.filter((q) => q.method === 'PUT').length, 1, 'a write is never sent twice');
  });

  test('caller abort → aborted', async () => {
    h.handler = () => undefined;
    client = createNamerdClient(settings({ timeoutMs: 5000 }));
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 50);
    assert.equal((await kindOf(client.listNamespaces({ signal: ctrl.signal }))).kind, 'aborted');
  });

  const STATUS_CASES: [number, string, string][] = [
    [500, '', 'server-error'],
    [403, '', 'forbidden'],
    [415, '', 'unsupported-media-type'],
    [501, '', 'not-implemented'],
    [502, '<html>bad gateway</html>', 'unavailable'],
    [503, 'Request timed out.', 'unavailable'],
    [504, '', 'unavailable'],
    [418, '', 'bad-response'],
    [401, 'need auth', 'bad-response'],
    [302, '', 'bad-response'],
  ];
  for (const [status, body, kind] of STATUS_CASES) {
    test(`status ${status} → ${kind}`, async () => {
      h.handler = (_req, res) => {
        res.writeHead(status, status === 302 ? { Location: '/elsewhere' } : {});
        res.end(body);
      };
      client = createNamerdClient(settings());
      const e = await kindOf(client.delegate({ namespace: 'ns', path: '/a' }));
      assert.equal(e.kind, kind);
      assert.equal(e.status, status);
      if (body) assert.equal(e.detail, body);
      assert.ok(!e.message.includes('s3cr3t'));
    });
  }

  const GARBAGE: [string, string, (c: NamerdClient) => Promise<unknown>][] = [
    ['a non-JSON 200 body', 'this is not json', (c) => c.listNamespaces()],
    ['a proxy HTML page', '<html><body>Welcome</body></html>', (c) => c.bind('ns', '/a')],
    ['a list of numbers', '[1,2]', (c) => c.listNamespaces()],
    ['a dtab without dst', '[{"prefix":"/a"}]', (c) => c.getDtab('ns')],
    ['an unknown tree node', '{"type":"weird","path":"/a"}', (c) => c.delegate({ path: '/a' })],
    ['an Addr without addrs', '{"type":"bound"}', (c) => c.resolve('ns', '/a')],
    ['a deeply nested tree without paths', `${'{"type":"delegate","delegate":'.repeat(50)}{"type":"neg"}${'}'.repeat(50)}`, (c) => c.delegate({ path: '/a' })],
  ];
  for (const [name, body, call] of GARBAGE) {
    test(`200 with ${name} → bad-response`, async () => {
      h.handler = (_req, res) => {
        res.writeHead(200, { ETag: 'AAAAAAAAAAE=' });
        res.end(body);
      };
      client = createNamerdClient(settings());
      assert.equal((await kindOf(call(client))).kind, 'bad-response');
    });
  }

  test('a 200 dtab without ETag → bad-response (a proxy stripped it)', async () => {
    h.handler = (_req, res) => res.end('[]\n');
    client = createNamerdClient(settings());
    assert.equal((await kindOf(client.getDtab('ns'))).kind, 'bad-response');
  });

  test('a deeply nested delegate tree is checked without recursion', async () => {
    const depth = 20000;
    h.handler = (_req, res) => res.end(`${'{"type":"delegate","path":"/a","delegate":'.repeat(depth)}{"type":"neg","path":"/a"}${'}'.repeat(depth)}`);
    client = createNamerdClient(settings({ timeoutMs: 5000 }));
    // JSON.parse itself may refuse this depth; either way the answer is a value or a typed error, never a crash.
    try {
      const t = await client.delegate({ path: '/a' });
      assert.equal(t.type, 'delegate');
    } catch (e) {
      assert.ok(e instanceof NamerdError);
    }
  });

  test('Consul-style 412 for a CAS on a missing namespace → not-found (checked with HEAD)', async () => {
    h.handler = (req, res) => {
      res.writeHead(req.method === 'HEAD' ? 404 : 412);
      res.end();
    };
    client = createNamerdClient(settings());
    const e = await kindOf(client.updateDtab('gone', { format: 'text', text: '/a=>/b' }, { ifMatch: 'NTc=' }));
    assert.equal(e.kind, 'not-found');
  });

  test('k8s-style 500 for a CAS on a missing namespace → not-found; a real 412 stays version-conflict', async () => {
    let missing = true;
    h.handler = (req, res) => {
      if (req.method === 'HEAD') {
        res.writeHead(missing ? 404 : 200, missing ? {} : { ETag: 'MTI0' });
        return res.end();
      }
      res.writeHead(missing ? 500 : 412);
      res.end();
    };
    client = createNamerdClient(settings());
    assert.equal((await kindOf(client.updateDtab('gone', { format: 'text', text: '/a=>/b' }, { ifMatch: 'MTIz' }))).kind, 'not-found');
    missing = false;
    assert.equal((await kindOf(client.updateDtab('gone', { format: 'text', text: '/a=>/b' }, { ifMatch: 'MTIz' }))).kind, 'version-conflict');
  });

  test('the ETag goes back unchanged in If-Match; writes carry Content-Type', async () => {
    h.handler = (req, res) => {
      res.writeHead(req.method === 'HEAD' ? 200 : 204, req.method === 'HEAD' ? { ETag: 'AAAAAAAAAAI=' } : {});
      res.end();
    };
    client = createNamerdClient(settings());
    const r = await client.updateDtab('ns', { format: 'json', dentries: [{ prefix: '/a', dst: '/b' }] }, { ifMatch: 'AAAAAAAAAAE=' });
    assert.equal(r.version, 'AAAAAAAAAAI=');
    const put = h.requests.find((q) => q.method === 'PUT')!;
    assert.equal(put.headers['if-match'], 'AAAAAAAAAAE=');
    assert.equal(put.headers['content-type'], 'application/json');
    assert.equal(put.headers.authorization, SECRET);
  });

  test('path and dtab query values are percent-encoded; the base URL prefix is kept', async () => {
    h.handler = (_req, res) => res.end('{"type":"neg"}\n');
    client = createNamerdClient(settings({ baseUrl: `${h.url}/namerd/` }));
    await client.bind('ns', '/#/io.l5d.fs/a b', { dtab: '/a => /b | /c & /d;/x=>/y' });
    assert.equal(h.hits[0], '/namerd/api/1/bind/ns?path=%2F%23%2Fio.l5d.fs%2Fa%20b&dtab=%2Fa%20%3D%3E%20%2Fb%20%7C%20%2Fc%20%26%20%2Fd%3B%2Fx%3D%3E%2Fy');
  });

  test('credentials in the base URL become a Basic header and never appear in errors', async () => {
    h.handler = (_req, res) => {
      res.writeHead(500);
      res.end();
    };
    const u = new URL(h.url);
    client = createNamerdClient({ baseUrl: `http://admin:hunter2pass@${u.host}`, timeoutMs: 500 });
    const e = await kindOf(client.listNamespaces());
    assert.ok(!e.message.includes('hunter2pass') && !(e.url ?? '').includes('hunter2pass'), e.message);
    assert.equal(h.requests[0]!.headers.authorization, `Basic ${Buffer.from('admin:hunter2pass').toString('base64')}`);
  });

  test('a server echoing the secret header has it scrubbed from the error', async () => {
    h.handler = (req, res) => {
      res.writeHead(400);
      res.end(`bad header ${String(req.headers.authorization)}`);
    };
    client = createNamerdClient(settings());
    const e = await kindOf(client.listNamespaces());
    assert.ok(!(e.detail ?? '').includes('s3cr3t') && !e.message.includes('s3cr3t'), e.message);
  });

  test('getDtabText answered with JSON → bad-response', async () => {
    h.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', ETag: 'AAAAAAAAAAE=' });
      res.end('[]\n');
    };
    client = createNamerdClient(settings());
    assert.equal((await kindOf(client.getDtabText('ns'))).kind, 'bad-response');
  });
});

describe('watch faults', () => {
  const h = new Hostile();
  let client: NamerdClient;
  before(() => h.start());
  after(() => h.stop());
  afterEach(() => {
    client?.dispose();
    h.hits.length = 0;
  });
  const fast = { backoff: { initialMs: 10, maxMs: 40 } };

  test('documents split across chunks (mid-JSON and mid-UTF-8) are reassembled', async () => {
    const doc = Buffer.from('[{"prefix":"/caf\u00e9","dst":"/b"}]\n[{"prefix":"/x","dst":"/y"}]\n', 'utf8');
    h.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      // One byte per chunk: every boundary, including inside the two-byte é.
      let i = 0;
      const t = setInterval(() => {
        if (res.destroyed || i >= doc.length) return clearInterval(t);
        res.write(doc.subarray(i, i + 1));
        i++;
      }, 1);
    };
    client = createNamerdClient({ baseUrl: h.url });
    const seen: string[] = [];
    const w = client.watchDtab('ns', { onValue: (v) => seen.push(v.dentries[0]!.prefix) }, fast);
    await until(() => seen.length === 2);
    w.close();
    await w.done;
    assert.deepEqual(seen, ['/caf\u00e9', '/x']);
  });

  test('a stream cut mid-line → stream-error, then a reconnect', async () => {
    h.handler = (_req, res) => {
      res.writeHead(200);
      res.write('["a"]\n["b","c');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    client = createNamerdClient({ baseUrl: h.url });
    const values: string[][] = [];
    const errors: NamerdError[] = [];
    const w = client.watchNamespaces({ onValue: (v) => values.push(v), onError: (e) => errors.push(e) }, fast);
    await until(() => h.hits.length >= 2 && errors.length >= 1);
    w.close();
    await w.done;
    assert.deepEqual(values[0], ['a']);
    assert.equal(errors[0]!.kind, 'stream-error');
  });

  test('a non-JSON line is namerd\'s terminal error: reported with its text, then reconnect', async () => {
    h.handler = (_req, res) => {
      res.writeHead(200);
      res.end('{"type":"neg"}\nMax recursion level: 100 reached in Namer lookup\n');
    };
    client = createNamerdClient({ baseUrl: h.url });
    const errors: NamerdError[] = [];
    const values: string[] = [];
    const w = client.watchBind('ns', '/a', { onValue: (v) => values.push(v.type), onError: (e) => errors.push(e) }, fast);
    await until(() => errors.length >= 2);
    w.close();
    await w.done;
    assert.equal(values[0], 'neg');
    assert.equal(errors[0]!.kind, 'stream-error');
    assert.equal(errors[0]!.detail, 'Max recursion level: 100 reached in Namer lookup');
  });

  test('a non-JSON last line without newline is still a terminal error', async () => {
    h.handler = (_req, res) => {
      res.writeHead(200);
      res.end('error');
    };
    client = createNamerdClient({ baseUrl: h.url });
    const errors: NamerdError[] = [];
    const w = client.watchAddr('ns', '/$/inet/127.1/1', { onValue: () => undefined, onError: (e) => errors.push(e) }, { ...fast, reconnect: false });
    await w.done;
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /ended the watch with an error: error/);
  });

  test('an HTTP error on a watch → typed error, reconnect with growing jittered backoff', async () => {
    h.handler = (_req, res) => {
      res.writeHead(503);
      res.end('Request timed out.');
    };
    client = createNamerdClient({ baseUrl: h.url });
    const waits: number[] = [];
    const errors: string[] = [];
    const w = client.watchResolve('ns', '/a', {
      onValue: () => undefined,
      onError: (e) => errors.push(e.kind),
      onState: (s) => (s.state === 'waiting' ? waits.push(s.delayMs) : undefined),
    }, fast);
    await until(() => waits.length >= 4);
    w.close();
    await w.done;
    assert.equal(errors[0], 'unavailable');
    for (const d of waits) assert.ok(d >= 5 && d <= 40, `delay ${d}`);
  });

  test('many reconnects leak no listeners (no MaxListenersExceededWarning)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    h.handler = (_req, res) => {
      res.writeHead(200);
      res.end('["x"]\n');
    };
    client = createNamerdClient({ baseUrl: h.url });
    const w = client.watchNamespaces({ onValue: () => undefined }, { backoff: { initialMs: 1, maxMs: 2 } });
    await until(() => h.hits.length >= 40, 5000);
    w.close();
    await w.done;
    await new Promise((r) => setTimeout(r, 20));
    process.off('warning', onWarning);
    assert.ok(!warnings.includes('MaxListenersExceededWarning'), warnings.join(', '));
  });

  test('a watch whose server never sends headers → timeout, then reconnect', async () => {
    h.handler = () => undefined;
    client = createNamerdClient({ baseUrl: h.url, connectTimeoutMs: 100 });
    const errors: string[] = [];
    const w = client.watchBoundNames({ onValue: () => undefined, onError: (e) => errors.push(e.kind) }, fast);
    await until(() => errors.length >= 2);
    w.close();
    await w.done;
    assert.deepEqual(errors.slice(0, 2), ['timeout', 'timeout']);
  });

  test('a silent open stream (no heartbeats) is not an error', async () => {
    h.handler = (_req, res) => {
      res.writeHead(200);
      res.flushHeaders();
    };
    client = createNamerdClient({ baseUrl: h.url, connectTimeoutMs: 100 });
    const errors: string[] = [];
    const w = client.watchDtab('ns', { onValue: () => undefined, onError: (e) => errors.push(e.kind) }, fast);
    await new Promise((r) => setTimeout(r, 300));
    w.close();
    await w.done;
    assert.deepEqual(errors, []);
  });

  test('a throwing onValue handler does not kill the watch', async () => {
    h.handler = (_req, res) => {
      res.writeHead(200);
      res.write('["a"]\n["b"]\n');
    };
    client = createNamerdClient({ baseUrl: h.url });
    let n = 0;
    const w = client.watchNamespaces({ onValue: () => { n++; throw new Error('handler bug'); } }, fast);
    await until(() => n >= 2);
    w.close();
    await w.done;
  });

  test('an aborted signal stops the watch', async () => {
    h.handler = (_req, res) => {
      res.writeHead(200);
      res.flushHeaders();
    };
    client = createNamerdClient({ baseUrl: h.url });
    const ctrl = new AbortController();
    const w = client.watchNamespaces({ onValue: () => undefined }, { signal: ctrl.signal });
    setTimeout(() => ctrl.abort(), 30);
    await w.done;
  });
});

describe('watch building blocks', () => {
  test('LineSplitter keeps partial lines and CRLF-terminated lines', () => {
    const s = new LineSplitter();
    assert.deepEqual(s.push('ab'), []);
    assert.deepEqual(s.push('c\r\nde'), ['abc']);
    assert.deepEqual(s.push('\n\n'), ['de', '']);
    assert.equal(s.end(), '');
  });

  test('backoff: jittered within [d/2, d], capped', () => {
    assert.equal(backoffDelay(0, 100, 1000, () => 0), 50);
    assert.equal(backoffDelay(0, 100, 1000, () => 1), 100);
    assert.equal(backoffDelay(3, 100, 1000, () => 1), 800);
    assert.equal(backoffDelay(10, 100, 1000, () => 1), 1000);
    assert.equal(backoffDelay(1000, 100, 1000, () => 0), 500);
  });
});

describe('TLS', { skip: !hasOpenssl() && 'openssl not installed' }, () => {
  let dir: string;
  let server: ReturnType<typeof createHttpsServer>;
  let url: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dtab-tls-'));
    const run = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=test-ca');
    run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'srv.key', '-out', 'srv.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
    run('x509', '-req', '-in', 'srv.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'srv.pem', '-days', '2', '-extfile', 'ext.cnf');
    run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=dtab-client');
    run('x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.pem', '-days', '2');
    const { readFileSync } = await import('node:fs');
    const opts = { key: readFileSync(join(dir, 'srv.key')), cert: readFileSync(join(dir, 'srv.pem')) };
    server = createHttpsServer(opts, (_req, res) => res.end('["tls"]\n'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A server that requires a client certificate signed by the test CA (mutual TLS).
    mtls = createHttpsServer({ ...opts, ca: readFileSync(join(dir, 'ca.pem')), requestCert: true, rejectUnauthorized: true }, (_req, res) => res.end('["mtls"]\n'));
    await new Promise<void>((r) => mtls.listen(0, '127.0.0.1', r));
    mtlsUrl = `https://127.0.0.1:${(mtls.address() as AddressInfo).port}`;
  });
  let mtls: ReturnType<typeof createHttpsServer>;
  let mtlsUrl: string;
  after(async () => {
    for (const s of [server, mtls]) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('mutual TLS: the client certificate is presented; without it the handshake fails', async () => {
    const withCert = createNamerdClient({ baseUrl: mtlsUrl, tls: { caFile: join(dir, 'ca.pem'), certFile: join(dir, 'client.pem'), keyFile: join(dir, 'client.key') } });
    assert.deepEqual(await withCert.listNamespaces(), ['mtls']);
    withCert.dispose();
    const without = createNamerdClient({ baseUrl: mtlsUrl, timeoutMs: 2000, tls: { caFile: join(dir, 'ca.pem') } });
    const e = await kindOf(without.listNamespaces());
    assert.equal(e.kind, 'tls', e.message);
    without.dispose();
  });

  test('an unknown CA → tls error', async () => {
    const c = createNamerdClient({ baseUrl: url, timeoutMs: 2000 });
    assert.equal((await kindOf(c.listNamespaces())).kind, 'tls');
    c.dispose();
  });
  test('caFile trusts the server', async () => {
    const c = createNamerdClient({ baseUrl: url, tls: { caFile: join(dir, 'ca.pem') } });
    assert.deepEqual(await c.listNamespaces(), ['tls']);
    c.dispose();
  });
  test('insecureSkipVerify is an explicit opt-out, and warns', async () => {
    const warnings: string[] = [];
    const c = createNamerdClient({ baseUrl: url, tls: { insecureSkipVerify: true }, logger: { debug: () => undefined, warn: (m) => warnings.push(m) } });
    assert.deepEqual(await c.listNamespaces(), ['tls']);
    assert.match(warnings[0]!, /verification is OFF/);
    c.dispose();
  });
  test('an unreadable CA file → invalid-argument at creation', () => {
    assert.throws(() => createNamerdClient({ baseUrl: url, tls: { caFile: join(dir, 'missing.pem') } }), (e: unknown) => e instanceof NamerdError && e.kind === 'invalid-argument');
  });
});

describe('no unhandled rejections', () => {
  test('none were seen during the fault tests', async () => {
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(unhandled, []);
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
