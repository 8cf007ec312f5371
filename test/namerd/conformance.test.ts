// Conformance of the local namerd-compatible server with namerd's documented HTTP behaviour, case by case.
// Each case names the section of /work/shared/spec/namerd-http-api.md (or dtab-language.md) it checks.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_NAMESPACES, namerdYaml, raw, type RawRequestInit, RawStream, sleep, startFromYaml } from './helpers.js';

const CONFIG = namerdYaml({ ...BASE_NAMESPACES, split: '/svc/web => 1 * /#/io.l5d.fs/web & 9 * /#/io.l5d.fs/api', loop: '/a => /a/a' });

const V1 = 'AAAAAAAAAAE=';
const V2 = 'AAAAAAAAAAI=';

interface Case {
  readonly spec: string;
  readonly name: string;
  /** Requests sent first (their answers are not checked). */
  readonly setup?: readonly [string, RawRequestInit][];
  readonly path: string;
  readonly init?: RawRequestInit;
  readonly status: number;
  /** Exact body, or a predicate. */
  readonly body?: string | ((b: string) => boolean);
  /** Expected headers; `null` means the header must be absent. */
  readonly headers?: Readonly<Record<string, string | null>>;
}

const json = (body: string, ns: string): [string, RawRequestInit] => [`/api/1/dtabs/${ns}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }];
const putText = (ns: string, body: string, headers: Record<string, string> = {}): RawRequestInit => ({ method: 'PUT', headers: { 'Content-Type': 'application/dtab', ...headers }, body });

const CASES: readonly Case[] = [
  // §1.3 #1 list
  { spec: '§1.3 #1', name: 'list is sorted JSON plus newline', path: '/api/1/dtabs', status: 200, body: '["default","loop","split","yeezus"]\n', headers: { 'content-type': 'application/json' } },
  { spec: '§1.3 #1', name: 'trailing slash also lists', path: '/api/1/dtabs/', status: 200, body: '["default","loop","split","yeezus"]\n' },
  { spec: '§1.3 #1', name: 'any method on the list path lists', path: '/api/1/dtabs', init: { method: 'DELETE' }, status: 200, body: '["default","loop","split","yeezus"]\n' },
  // §1.3 #2 / §1.4 / §1.5 get
  { spec: '§1.5 GET', name: 'JSON by default with unquoted ETag', path: '/api/1/dtabs/yeezus', status: 200, body: '[{"prefix":"/yeezy","dst":"/yeezus"}]\n', headers: { etag: V1, 'content-type': 'application/json' } },
  { spec: '§1.4', name: 'Accept application/dtab gives canonical text', path: '/api/1/dtabs/yeezus', init: { headers: { Accept: 'application/dtab' } }, status: 200, body: '/yeezy=>/yeezus\n', headers: { 'content-type': 'application/dtab', etag: V1 } },
  { spec: '§1.4', name: 'Accept text/plain gives text with that type', path: '/api/1/dtabs/yeezus', init: { headers: { Accept: 'text/plain' } }, status: 200, body: '/yeezy=>/yeezus\n', headers: { 'content-type': 'text/plain' } },
  { spec: '§1.4', name: 'first known Accept entry wins, q-values ignored', path: '/api/1/dtabs/yeezus', init: { headers: { Accept: 'application/dtab;q=0.9, application/json' } }, status: 200, body: '/yeezy=>/yeezus\n' },
  { spec: '§1.4', name: '*/* falls back to JSON', path: '/api/1/dtabs/yeezus', init: { headers: { Accept: '*/*' } }, status: 200, body: '[{"prefix":"/yeezy","dst":"/yeezus"}]\n' },
  { spec: '§1.4', name: 'weights re-rendered with two decimals', path: '/api/1/dtabs/split', init: { headers: { Accept: 'application/dtab' } }, status: 200, body: '/svc/web=>/#/io.l5d.fs/web & 9.00*/#/io.l5d.fs/api\n' },
  { spec: '§1.5 GET', name: 'missing namespace is 404 with an empty body', path: '/api/1/dtabs/nope', status: 404, body: '' },
  // §1.3 #3 head
  { spec: '§1.3 #3', name: 'HEAD: ETag, no body, no Content-Type', path: '/api/1/dtabs/yeezus', init: { method: 'HEAD' }, status: 200, body: '', headers: { etag: V1, 'content-type': null } },
  { spec: '§1.3 #3', name: 'HEAD of a missing namespace is 404', path: '/api/1/dtabs/nope', init: { method: 'HEAD' }, status: 404 },
  // §1.3 #4 / §1.5 create
  { spec: '§1.5 POST', name: 'create: 204, no body, no ETag', path: '/api/1/dtabs/pandoracorn', init: { method: 'POST', headers: { 'Content-Type': 'application/dtab' }, body: '/foo => /bar' }, status: 204, body: '', headers: { etag: null } },
  { spec: '§1.5 POST', name: 'created namespace starts at version 1', setup: [['/api/1/dtabs/pandoracorn', { method: 'POST', headers: { 'Content-Type': 'application/dtab' }, body: '/foo => /bar' }]], path: '/api/1/dtabs/pandoracorn', status: 200, body: '[{"prefix":"/foo","dst":"/bar"}]\n', headers: { etag: V1 } },
  { spec: '§1.5 POST', name: 'create of an existing namespace is 409 with an empty body', path: '/api/1/dtabs/yeezus', init: { method: 'POST', headers: { 'Content-Type': 'application/dtab' }, body: '/a=>/b' }, status: 409, body: '' },
  { spec: '§1.5 POST', name: 'create without Content-Type is 400 with an empty body', path: '/api/1/dtabs/new', init: { method: 'POST', body: '/a=>/b' }, status: 400, body: '' },
  { spec: '§1.5 POST', name: 'create with a null JSON dentry names the body', path: '/api/1/dtabs/new', init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[null,{"prefix":"/foo","dst":"/bar"}]' }, status: 400, body: 'The dtab contains invalid dentries: [null,{"prefix":"/foo","dst":"/bar"}]' },
  { spec: '§1.5 POST', name: 'create with unparsable text is 400 with an empty body', path: '/api/1/dtabs/new', init: { method: 'POST', headers: { 'Content-Type': 'application/dtab' }, body: '/foo' }, status: 400, body: '' },
  { spec: '§1.5 POST', name: 'JSON create with charset parameter is accepted', path: '/api/1/dtabs/new', init: { method: 'POST', headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body: '[{"prefix":"/tshirt","dst":"/suit"}]' }, status: 204 },
  { spec: '§1.4 J26', name: 'JSON codec round trip', setup: [json('[{"prefix":"/tshirt","dst":"/suit"}]', 'suit')], path: '/api/1/dtabs/suit', status: 200, body: '[{"prefix":"/tshirt","dst":"/suit"}]\n' },
  // §1.3 #5 / §1.5 put
  { spec: '§1.5 PUT', name: 'PUT without If-Match upserts a new namespace', path: '/api/1/dtabs/fresh', init: putText('fresh', '/a=>/b'), status: 204, body: '', headers: { etag: null } },
  { spec: '§2.1', name: 'each PUT adds 1 to the version', setup: [['/api/1/dtabs/yeezus', putText('yeezus', '/yeezy=>/kanye')]], path: '/api/1/dtabs/yeezus', init: { method: 'HEAD' }, status: 200, headers: { etag: V2 } },
  { spec: '§1.5 PUT', name: 'If-Match with the current version applies', path: '/api/1/dtabs/yeezus', init: putText('yeezus', '/yeezy=>/kanye', { 'If-Match': V1 }), status: 204 },
  { spec: '§1.5 PUT', name: 'If-Match with a stale version is 412', setup: [['/api/1/dtabs/yeezus', putText('yeezus', '/yeezy=>/kanye')]], path: '/api/1/dtabs/yeezus', init: putText('yeezus', '/yeezy=>/x', { 'If-Match': V1 }), status: 412 },
  { spec: '§1.5 PUT', name: 'If-Match: yolo is 412', path: '/api/1/dtabs/yeezus', init: putText('yeezus', '/yeezy=>/x', { 'If-Match': 'yolo' }), status: 412 },
  { spec: '§1.5 PUT', name: 'a quoted ETag still matches (MIME base64 decoding)', path: '/api/1/dtabs/yeezus', init: putText('yeezus', '/yeezy=>/x', { 'If-Match': `"${V1}"` }), status: 204 },
  { spec: '§1.5 PUT', name: 'If-Match: * is not a wildcard', path: '/api/1/dtabs/yeezus', init: putText('yeezus', '/yeezy=>/x', { 'If-Match': '*' }), status: 412 },
  { spec: '§2.1', name: 'compare-and-set on a missing namespace is 404', path: '/api/1/dtabs/nope', init: putText('nope', '/a=>/b', { 'If-Match': V1 }), status: 404 },
  { spec: '§1.5 PUT', name: 'a wrong Content-Type is 400 naming it, with a trailing space', path: '/api/1/dtabs/yeezus', init: { method: 'PUT', headers: { 'Content-Type': 'text/html' }, body: '/a=>/b' }, status: 400, body: 'Invalid Content-Type "text/html". ' },
  { spec: '§1.5 PUT', name: 'a missing Content-Type is 400 with empty quotes', path: '/api/1/dtabs/yeezus', init: { method: 'PUT', body: '/a=>/b' }, status: 400, body: 'Invalid Content-Type "". ' },
  { spec: '§1.5 PUT', name: 'unparsable text: 400 with the parser message', path: '/api/1/dtabs/yeezus', init: putText('yeezus', '/foo'), status: 400, body: "'=' expected but end of input found at '/foo[]'" },
  { spec: '§1.5 PUT', name: 'a null JSON dentry on PUT: 400 with an empty body', path: '/api/1/dtabs/yeezus', init: { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '[null]' }, status: 400, body: '' },
  { spec: '§1.4 [U]', name: 'JSON dentry with an extra field is refused', path: '/api/1/dtabs/yeezus', init: { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '[{"prefix":"/a","dst":"/b","x":1}]' }, status: 400, body: '' },
  { spec: '§1.6', name: 'identical PUT still changes the version', setup: [['/api/1/dtabs/yeezus', putText('yeezus', '/yeezy=>/yeezus')]], path: '/api/1/dtabs/yeezus', init: { method: 'HEAD' }, status: 200, headers: { etag: V2 } },
  // §1.3 #6 delete
  { spec: '§1.3 #6', name: 'DELETE is 204', path: '/api/1/dtabs/yeezus', init: { method: 'DELETE' }, status: 204, body: '' },
  { spec: '§1.3 #6', name: 'DELETE of a missing namespace is 404', path: '/api/1/dtabs/nope', init: { method: 'DELETE' }, status: 404 },
  { spec: '§2.1', name: 'delete then create resets the version to 1', setup: [['/api/1/dtabs/yeezus', putText('yeezus', '/a=>/b')], ['/api/1/dtabs/yeezus', { method: 'DELETE' }], ['/api/1/dtabs/yeezus', { method: 'POST', headers: { 'Content-Type': 'application/dtab' }, body: '/a=>/c' }]], path: '/api/1/dtabs/yeezus', init: { method: 'HEAD' }, status: 200, headers: { etag: V1 } },
  // §1.1 routing
  { spec: '§1.1', name: 'unknown route: 404 with an empty body', path: '/api/1/nothing', status: 404, body: '' },
  { spec: '§1.1', name: 'namespace may contain a slash', setup: [['/api/1/dtabs/a/b', putText('a/b', '/x=>/y')]], path: '/api/1/dtabs/a/b', init: { headers: { Accept: 'application/dtab' } }, status: 200, body: '/x=>/y\n' },
  { spec: '§1.1', name: 'the namespace segment is not percent-decoded', setup: [['/api/1/dtabs/a%2Fb', putText('a%2Fb', '/x=>/y')]], path: '/api/1/dtabs', status: 200, body: (b) => JSON.parse(b).includes('a%2Fb') },
  { spec: '§1.1', name: 'watch=yes is not a watch (one-shot answer)', path: '/api/1/dtabs/yeezus?watch=yes', status: 200, body: '[{"prefix":"/yeezy","dst":"/yeezus"}]\n', headers: { 'content-length': '38' } },
  // §1.3 #7 bind
  { spec: '§1.3 #7', name: 'bind: leaf JSON plus newline, no Content-Type', path: '/api/1/bind/default?path=/svc/web/x', status: 200, headers: { 'content-type': null }, body: '{"type":"leaf","bound":{"addr":{"type":"bound","addrs":[{"ip":"127.0.0.1","port":9990,"meta":{}},{"ip":"127.0.0.2","port":9991,"meta":{"endpoint_addr_weight":0.5}}],"meta":{}},"id":"/#/io.l5d.fs/web","path":"/x"}}\n' },
  { spec: '§1.7', name: 'bind in a missing namespace uses an empty dtab', path: '/api/1/bind/nope?path=/svc/web', status: 200, body: '{"type":"neg"}\n' },
  { spec: '§1.7', name: 'the extra dtab is appended and wins', path: `/api/1/bind/nope?path=/svc/web&dtab=${encodeURIComponent('/svc=>/#/io.l5d.fs')}`, status: 200, body: (b) => b.includes('"id":"/#/io.l5d.fs/web"') },
  { spec: '§1.2', name: 'invalid path: 400 Invalid path: <raw> / <message>', path: '/api/1/bind/default?path=invalid', status: 400, body: "Invalid path: invalid / '/' expected but 'i' found at '[i]nvalid'", headers: { 'content-type': 'text/plain' } },
  { spec: '§1.2', name: 'missing path: 500 with an empty body', path: '/api/1/bind/default', status: 500, body: '' },
  { spec: '§1.3 #7', name: 'bad extra dtab: 500', path: '/api/1/bind/default?path=/svc/web&dtab=%2Fa', status: 500, body: '' },
  { spec: '§1.3 #7', name: 'bind failure (recursion limit): 500', path: '/api/1/bind/loop?path=/a', status: 500, body: '' },
  { spec: '§1.3 #7', name: 'union bind tree', path: '/api/1/bind/split?path=/svc/web', status: 200, body: (b) => { const j = JSON.parse(b); return j.type === 'union' && j.union[0].weight === 1 && j.union[1].weight === 9 && !('path' in j); } },
  // §1.3 #8 addr
  { spec: '§1.3 #8', name: 'addr of an io.l5d.fs id, no Content-Type', path: '/api/1/addr/default?path=/%23/io.l5d.fs/api', status: 200, headers: { 'content-type': null }, body: '{"type":"bound","addrs":[{"ip":"10.0.0.1","port":80,"meta":{}}],"meta":{}}\n' },
  { spec: '§1.3 #8', name: 'addr of /$/inet', path: '/api/1/addr/default?path=/$/inet/127.1/9990', status: 200, body: '{"type":"bound","addrs":[{"ip":"127.0.0.1","port":9990,"meta":{}}],"meta":{}}\n' },
  { spec: '§1.7', name: 'addr strips a /%/ transformer prefix', path: '/api/1/addr/default?path=/%25/io.l5d.port/4141/%23/io.l5d.fs/api', status: 200, body: (b) => b.includes('"10.0.0.1"') },
  { spec: '§1.7', name: 'addr of something that is not a concrete id: 500', path: '/api/1/addr/default?path=/svc/web', status: 500 },
  // §1.3 #9 resolve
  { spec: '§1.3 #9', name: 'resolve: Addr as application/json', path: '/api/1/resolve/default?path=/svc/api', status: 200, headers: { 'content-type': 'application/json' }, body: '{"type":"bound","addrs":[{"ip":"10.0.0.1","port":80,"meta":{}}],"meta":{}}\n' },
  { spec: '§1.7', name: 'resolve of a neg name', path: '/api/1/resolve/default?path=/nothing', status: 200, body: '{"type":"neg"}\n' },
  // §1.3 #10 delegate (namespaced)
  { spec: '§8.9 J10', name: 'delegate: exact JSON, no trailing newline', path: '/api/1/delegate/yeezus?path=/yeezy', status: 200, headers: { 'content-type': 'application/json' }, body: '{"type":"delegate","path":"/yeezy","delegate":{"type":"neg","path":"/yeezus","dentry":{"prefix":"/yeezy","dst":"/yeezus"}}}' },
  { spec: '§8.9 J11', name: 'delegate with an extra dtab: last-defined first', path: `/api/1/delegate/yeezus?path=/yeezy&dtab=${encodeURIComponent('/yeezy=>/bar')}`, status: 200, body: '{"type":"alt","path":"/yeezy","alt":[{"type":"neg","path":"/bar","dentry":{"prefix":"/yeezy","dst":"/bar"}},{"type":"neg","path":"/yeezus","dentry":{"prefix":"/yeezy","dst":"/yeezus"}}]}' },
  { spec: '§1.3 #10', name: 'delegate: bad path is 400', path: '/api/1/delegate/yeezus?path=nope', status: 400, body: (b) => b.startsWith('Invalid path: nope / ') },
  { spec: '§1.3 #10', name: 'delegate: bad extra dtab is 500', path: '/api/1/delegate/yeezus?path=/yeezy&dtab=%2Fa', status: 500 },
  { spec: '§8.9 J18', name: 'delegate: a failing chain has no JSON (500)', path: '/api/1/delegate/loop?path=/a', status: 500, body: '' },
  // §1.3 #11, #11b delegate without a namespace
  { spec: '§1.3 #11', name: 'namespace-less delegate with only the given dtab', path: `/api/1/delegate?dtab=${encodeURIComponent('/foo=>/bar')}&path=/foo`, status: 200, body: '{"type":"delegate","path":"/foo","delegate":{"type":"neg","path":"/bar","dentry":{"prefix":"/foo","dst":"/bar"}}}' },
  { spec: '§1.3 #11', name: 'namespace= adds the stored dtab', path: '/api/1/delegate?namespace=yeezus&path=/yeezy', status: 200, body: (b) => b.includes('"dst":"/yeezus"') },
  { spec: '§1.3 #11', name: 'bad dtab: 400 Invalid dtab: <message>', path: '/api/1/delegate?dtab=%2Ffoo&path=/foo', status: 400, body: "Invalid dtab: '=' expected but end of input found at '/foo[]'" },
  { spec: '§1.2', name: 'namespace-less delegate without path: 500', path: '/api/1/delegate?dtab=', status: 500 },
  { spec: '§1.3 #11b', name: 'POST JSON delegation (path also in the URL)', path: '/api/1/delegate?path=/foo', init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"dtab":"/foo=>/bar","path":"/foo"}' }, status: 200, body: (b) => JSON.parse(b).delegate.path === '/bar' },
  { spec: '§1.2', name: 'POST delegation without ?path= is 500', path: '/api/1/delegate', init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"dtab":"/foo=>/bar","path":"/foo"}' }, status: 500 },
  { spec: '§1.3 #11b', name: 'POST delegation with a non-JSON type is 415', path: '/api/1/delegate?path=/foo', init: { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' }, status: 415 },
  { spec: '§1.3 #11b', name: 'malformed delegation body is 400 naming it', path: '/api/1/delegate?path=/foo', init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' }, status: 400, body: 'Malformed delegation request: {nope' },
  // §1.3 #12 bound-names
  { spec: '§1.3 #12', name: 'bound-names lists io.l5d.fs names', path: '/api/1/bound-names', status: 200, headers: { 'content-type': 'application/json' }, body: '["/#/io.l5d.fs/api","/#/io.l5d.fs/web"]\n' },
  { spec: '§1.3 #12', name: 'bound-names answers only GET', path: '/api/1/bound-names', init: { method: 'POST' }, status: 404 },
];

describe('local namerd conformance (namerd-http-api.md)', () => {
  for (const c of CASES) {
    test(`${c.spec}: ${c.name}`, async () => {
      const s = await startFromYaml(CONFIG, { random: () => 0 });
      try {
        for (const [p, init] of c.setup ?? []) await raw(s.url, p, init);
        const r = await raw(s.url, c.path, c.init);
        assert.equal(r.status, c.status, `status for ${c.path}: body ${JSON.stringify(r.body)}`);
        if (typeof c.body === 'string') assert.equal(r.body, c.body);
        else if (c.body) assert.ok(c.body(r.body), `unexpected body ${r.body}`);
        for (const [h, v] of Object.entries(c.headers ?? {})) {
          if (v === null) assert.equal(r.headers[h], undefined, `header ${h} must be absent`);
          else assert.equal(r.headers[h], v, `header ${h}`);
        }
      } finally {
        await s.close();
      }
    });
  }
});

describe('§1.3 #12: bound-names with no names', () => {
  test('namerd writes [""] for an empty list', async () => {
    const s = await startFromYaml('storage: {kind: io.l5d.inMemory}');
    try {
      assert.equal((await raw(s.url, '/api/1/bound-names')).body, '[""]\n');
    } finally {
      await s.close();
    }
  });
});

describe('§1.7 resolve: weighted random pick', () => {
  const cases: [number, string][] = [
    [0.05, '127.0.0.1'], // 1 of 10 → web
    [0.5, '10.0.0.1'], // 9 of 10 → api
  ];
  for (const [r, ip] of cases) {
    test(`random ${r} picks ${ip}`, async () => {
      const s = await startFromYaml(CONFIG, { random: () => r });
      try {
        const res = await raw(s.url, '/api/1/resolve/split?path=/svc/web');
        assert.equal(res.status, 200);
        assert.equal(JSON.parse(res.body).addrs[0].ip, ip);
      } finally {
        await s.close();
      }
    });
  }
});

describe('§3.3 namerd admin', () => {
  let s: Awaited<ReturnType<typeof startFromYaml>>;
  before(async () => {
    s = await startFromYaml(CONFIG, { adminPort: 0 });
  });
  after(() => s.close());

  test('dtab/delegator.json evaluates exactly the dtab sent; namespace is ignored', async () => {
    const r = await raw(s.adminUrl!, '/dtab/delegator.json', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"namespace":"yeezus","dtab":"/svc=>/#/io.l5d.fs","path":"/yeezy"}' });
    assert.equal(r.status, 200);
    assert.equal(r.body, '{"type":"neg","path":"/yeezy"}');
  });
  test('dtab/delegator.json binds through the io.l5d.fs namer', async () => {
    const r = await raw(s.adminUrl!, '/dtab/delegator.json', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"dtab":"/svc=>/#/io.l5d.fs","path":"/svc/api"}' });
    assert.equal(JSON.parse(r.body).delegate.bound.id, '/#/io.l5d.fs/api');
  });
  test('dtab/delegator.json: bad dtab is 400 Invalid dtab', async () => {
    const r = await raw(s.adminUrl!, '/dtab/delegator.json', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"dtab":"/svc","path":"/svc/api"}' });
    assert.equal(r.status, 400);
    assert.match(r.body, /^Invalid dtab: /);
  });
  test('dtab/delegator.json: non-JSON content type is 415', async () => {
    const r = await raw(s.adminUrl!, '/dtab/delegator.json', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    assert.equal(r.status, 415);
  });
  test('namespace list page links every namespace', async () => {
    const r = await raw(s.adminUrl!, '/');
    assert.equal(r.status, 200);
    for (const ns of ['default', 'split', 'yeezus']) assert.ok(r.body.includes(`href="dtab/${ns}"`), ns);
  });
  test('namespace page 200, missing namespace 404, ping', async () => {
    assert.match((await raw(s.adminUrl!, '/dtab/yeezus')).body, /<h1>Namespace "yeezus"<\/h1>.*"dtab":\[\{"prefix":"\/yeezy"/);
    assert.equal((await raw(s.adminUrl!, '/dtab/nope')).status, 404);
    assert.equal((await raw(s.adminUrl!, '/admin/ping')).body, 'pong');
  });
});

describe('hostile input does not crash or hang the server', () => {
  test('100,000 nested parentheses: 400 with the parser message; the server keeps answering', async () => {
    const s = await startFromYaml(CONFIG);
    try {
      const deep = `/a=>${'('.repeat(100_000)}/b${')'.repeat(100_000)}`;
      const r = await raw(s.url, '/api/1/dtabs/deep', { method: 'PUT', headers: { 'Content-Type': 'application/dtab' }, body: deep });
      assert.equal(r.status, 400);
      assert.ok(r.body.length > 0 && r.body.length < 1000);
      assert.equal((await raw(s.url, '/api/1/dtabs/yeezus', { method: 'HEAD' })).status, 200);
    } finally {
      await s.close();
    }
  });

  test('a 10,000-dentry dtab is stored and delegated', async () => {
    const s = await startFromYaml(CONFIG);
    try {
      const big = Array.from({ length: 10_000 }, (_, i) => `/svc/s${i}=>/$/inet/10.0.0.1/${i}`).join(';');
      assert.equal((await raw(s.url, '/api/1/dtabs/big', { method: 'PUT', headers: { 'Content-Type': 'application/dtab' }, body: big })).status, 204);
      const d = await raw(s.url, '/api/1/delegate/big?path=/svc/s5000/x');
      assert.equal(JSON.parse(d.body).delegate.bound.id, '/$/inet/10.0.0.1/5000');
    } finally {
      await s.close();
    }
  });

  test('union and alt cycles end with the recursion limit (500), promptly', async () => {
    const s = await startFromYaml(CONFIG);
    try {
      await raw(s.url, '/api/1/dtabs/cyc', { method: 'PUT', headers: { 'Content-Type': 'application/dtab' }, body: '/a=>/a & /a & /b;/b=>/b | /a' });
      for (const ep of ['bind', 'resolve', 'delegate']) assert.equal((await raw(s.url, `/api/1/${ep}/cyc?path=/a`)).status, 500, ep);
    } finally {
      await s.close();
    }
  });

  test('a body over the limit is refused with 413', async () => {
    const s = await startFromYaml(CONFIG);
    try {
      const r = await raw(s.url, '/api/1/dtabs/huge', { method: 'PUT', headers: { 'Content-Type': 'application/dtab' }, body: 'x'.repeat(17 * 1024 * 1024) }).catch((e: Error) => ({ status: -1, body: e.message }));
      assert.ok(r.status === 413 || r.status === -1, `status ${r.status}`);
      assert.equal((await raw(s.url, '/api/1/dtabs')).status, 200);
    } finally {
      await s.close();
    }
  });
});

describe('pending names (§1.7)', () => {
  // ZooKeeper-backed /$/ namers never answer offline: their lookups stay pending.
  const zk = encodeURIComponent('/$/com.twitter.serverset/zk:2181/svc');
  test('§1.3 #10: a delegation still pending after the timeout is 503 Request timed out.', async () => {
    const s = await startFromYaml(CONFIG, { pendingTimeoutMs: 150 });
    try {
      const t0 = Date.now();
      const r = await raw(s.url, `/api/1/delegate?path=${zk}`);
      assert.equal(r.status, 503);
      assert.equal(r.body, 'Request timed out.');
      assert.ok(Date.now() - t0 >= 140);
    } finally {
      await s.close();
    }
  });
  test('§1.7: a one-shot bind of a pending name waits (capped here, 503)', async () => {
    const s = await startFromYaml(CONFIG, { pendingTimeoutMs: 150 });
    try {
      assert.equal((await raw(s.url, `/api/1/bind/default?path=${zk}`)).status, 503);
    } finally {
      await s.close();
    }
  });
  test('§1.6: a watch of a pending name writes nothing', async () => {
    const s = await startFromYaml(CONFIG);
    try {
      const w = await RawStream.open(s.url, `/api/1/bind/default?path=${zk}&watch=1`);
      await sleep(100);
      assert.equal(w.status, 200);
      assert.deepEqual(w.lines, []);
      w.close();
    } finally {
      await s.close();
    }
  });
});
