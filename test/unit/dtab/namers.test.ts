// The `/$/` namers (spec §5.3, §7; vectors §8.11) and NAMER_DOCS.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bind } from '../../../server/src/core/dtab/bind.js';
import { finagleLookup } from '../../../server/src/core/dtab/interpreter.js';
import {
  globalNamer,
  javaParseInt,
  KNOWN_NAMER_CLASSES,
  NAMER_DOCS,
  namerDoc,
  parseIpv4,
  parseIpv6,
} from '../../../server/src/core/dtab/namers.js';
import { loadVectors } from '../../fixtures/vectors.js';
import { assertCovers, pathOf, showResult } from './evaluator-helpers.js';

const lookupText = (p: string) => showResult(globalNamer(pathOf(p)));

describe('utility namers (§8.11)', () => {
  const vectors = loadVectors('8.11');
  const covered: string[] = [];
  for (const v of vectors) {
    if (v.id === 'U24' || v.id === 'U27') continue;
    covered.push(v.id);
    const input = v.code[1]![0]!;
    const expected = v.cells[2]!.startsWith('Neg') ? '~' : v.code[2]![0]!;
    it(`${v.id}: ${input} -> ${expected}`, () => assert.equal(lookupText(input), expected));
  }

  covered.push('U24');
  it('U24: rinet binds port/host directly, the rest is the residual', () => {
    const r = bind(finagleLookup([]), pathOf('/$/io.buoyant.rinet/12345/localhost/residual'));
    assert.equal(showResult(r), 'Bound(/$/io.buoyant.rinet/12345/localhost,/residual)');
    assert.deepEqual(r.state === 'ok' && r.tree.kind === 'leaf' && r.tree.value.addr, {
      type: 'bound',
      addrs: [{ ip: '127.0.0.1', port: 12345 }],
    });
  });

  covered.push('U27');
  it('U27: http.status binds to a local service answering that status', () => {
    const r = globalNamer(pathOf('/$/io.buoyant.http.status/401/foo/bar.a.b/bah'));
    // A ServiceNamer: the id is not a path (JSON shows the looked-up path), the residual is the namer's whole input.
    assert.equal(showResult(r), 'Bound(/$/io.buoyant.http.status/401/foo/bar.a.b/bah,/401/foo/bar.a.b/bah)');
    assert.deepEqual(r.state === 'ok' && r.tree.kind === 'leaf' && r.tree.value.kind === 'bound' && r.tree.value.addr, {
      type: 'bound',
      addrs: [],
    });
  });

  it('covers every §8.11 vector', () => assertCovers(vectors, covered));
});

describe('global namer edge cases (§5.3, §7.2, G22, G24)', () => {
  const cases: [string, string][] = [
    ['/$/nilfoo/x', 'Failed: nilfoo'],
    ['/$/fail', '!'],
    ['/$/nil', '$'],
    ['/$', '~'],
    ['/foo', '~'],
    ['/$/inet/1234/foobar', 'Bound(/$/inet/1234,/foobar)'],
    ['/$/inet/localhost/http', 'Failed: inet'],
    ['/$/inet/host/-1', 'Failed: port out of range:-1'],
    ['/$/io.buoyant.hostportPfx/ia/host:', '~'],
    ['/$/io.buoyant.hostportPfx/ia/:80', 'Failed: requirement failed'],
    ['/$/io.buoyant.hostportPfx/ia', '~'],
    ['/$/io.buoyant.hostportPfx/ia/h:UPPER', '~'],
    [`/$/io.buoyant.hostportPfx/ia/h:${'p'.repeat(64)}`, '~'],
    ['/$/io.buoyant.http.domainToPath/a..b/x', 'Failed: requirement failed'],
    ['/$/io.buoyant.http.domainToPath/.a', 'Failed: requirement failed'],
    ['/$/io.buoyant.http.domainToPath/foo.com./x', 'L(/com/foo/x)'],
    ['/$/io.buoyant.http.domainToPath/foo.com:8080', 'L(/com:8080/foo)'],
    ['/$/io.buoyant.http.subdomainOf/a.b/a.b/x', '~'],
    ['/$/io.buoyant.http.subdomainOf/a.b/x.a.c/x', '~'],
    ['/$/io.buoyant.http.anyMethod/get/x', '~'],
    ['/$/io.buoyant.http.anyMethod', '~'],
    ['/$/io.buoyant.http.status/99', '~'],
    ['/$/io.buoyant.http.status/600', '~'],
    ['/$/io.buoyant.http.status/599', 'Bound(/$/io.buoyant.http.status/599,/599)'],
    ['/$/io.buoyant.rinet/80', '~'],
    ['/$/com.twitter.serverset/zk:2181/path', 'Pending'],
  ];
  for (const [path, expected] of cases) it(`${path} -> ${expected}`, () => assert.equal(lookupText(path), expected));

  it('decodes labels as UTF-8 for regex checks', () => {
    assert.equal(lookupText('/$/io.buoyant.http.anyHost/h\\xc3\\xa9/x'), '~');
  });
});

describe('helpers', () => {
  it('parseIpv4 follows Java: shorthands, decimal only', () => {
    assert.equal(parseIpv4('127.1'), '127.0.0.1');
    assert.equal(parseIpv4('10.1.2'), '10.1.0.2');
    assert.equal(parseIpv4('2130706433'), '127.0.0.1');
    assert.equal(parseIpv4('1.2.3.4'), '1.2.3.4');
    assert.equal(parseIpv4('256.1.1.1'), undefined);
    assert.equal(parseIpv4('1.2.3.4.5'), undefined);
    assert.equal(parseIpv4('1.2.65536'), undefined);
  });

  it('parseIpv6 prints like Java getHostAddress', () => {
    assert.equal(parseIpv6('::1'), '0:0:0:0:0:0:0:1');
    assert.equal(parseIpv6('::'), '0:0:0:0:0:0:0:0');
    assert.equal(parseIpv6('2001:DB8::0:1'), '2001:db8:0:0:0:0:0:1');
    assert.equal(parseIpv6('fe80:0:0:0:0:0:0:00ff'), 'fe80:0:0:0:0:0:0:ff');
    assert.equal(parseIpv6('::ffff:10.0.0.1'), '10.0.0.1');
    assert.equal(parseIpv6('64:ff9b::1.2.3.4'), '64:ff9b:0:0:0:0:102:304');
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '1.2.3.4', '1:2:3:4:5:6:7::8']) {
      assert.equal(parseIpv6(bad), undefined, bad);
    }
    const r = globalNamer(pathOf('/$/inet/::1/8080'));
    assert.deepEqual(r.state === 'ok' && r.tree.kind === 'leaf' && r.tree.value.kind === 'bound' && r.tree.value.addr, {
      type: 'bound',
      addrs: [{ ip: '0:0:0:0:0:0:0:1', port: 8080 }],
    });
  });

  it('javaParseInt follows Integer.parseInt', () => {
    assert.equal(javaParseInt('+80'), 80);
    assert.equal(javaParseInt('-1'), -1);
    assert.equal(javaParseInt('007'), 7);
    assert.equal(javaParseInt('2147483648'), undefined);
    assert.equal(javaParseInt('1e3'), undefined);
    assert.equal(javaParseInt(''), undefined);
  });
});

describe('NAMER_DOCS', () => {
  it('documents every /$/ namer of §7.1–7.2 and every class the global namer knows', () => {
    const names = new Set(NAMER_DOCS.map((d) => d.name));
    for (const n of ['inet', 'fixedinet', 'fail', 'nil', ...KNOWN_NAMER_CLASSES]) assert.ok(names.has(n), n);
    for (const d of NAMER_DOCS) {
      assert.ok(d.description.length > 40, `${d.name} needs a description`);
      assert.ok(d.args.startsWith('/') || d.args.startsWith('['), `${d.name} args`);
    }
  });

  const problems = (name: string, args: string[]) =>
    namerDoc(name)!.validate(args).map((p) => `${p.index}:${p.severity}`).join(',');

  it('validates inet host/port shapes, allowing arguments the residual will supply', () => {
    assert.equal(problems('inet', []), '');
    assert.equal(problems('inet', ['host']), '');
    assert.equal(problems('inet', ['8080']), '');
    assert.equal(problems('inet', ['127.1', '8080']), '');
    assert.equal(problems('inet', ['1234', 'foobar']), '', 'port-only form with a residual');
    assert.equal(problems('inet', ['localhost', 'http']), '1:error');
    assert.equal(problems('inet', ['localhost', '70000']), '1:error');
    assert.match(namerDoc('inet')!.validate(['localhost', 'http'])[0]!.message, /Unknown namer: inet/);
  });

  it('validates the io.buoyant namers argument shapes', () => {
    assert.equal(problems('io.buoyant.rinet', ['http']), '0:error');
    assert.equal(problems('io.buoyant.hostportPfx', ['pfx', 'host:80']), '');
    assert.equal(problems('io.buoyant.hostportPfx', ['pfx', 'host']), '1:warning');
    assert.equal(problems('io.buoyant.http.anyMethod', ['get']), '0:warning');
    assert.equal(problems('io.buoyant.http.anyMethodPfx', ['pfx', 'GET']), '');
    assert.equal(problems('io.buoyant.http.anyHost', ['a%b']), '0:warning');
    assert.equal(problems('io.buoyant.http.subdomainOf', ['a.b', 'x.a.b']), '');
    assert.equal(problems('io.buoyant.http.subdomainOf', ['a.b', 'x.c.d']), '1:warning');
    assert.equal(problems('io.buoyant.http.subdomainOfPfx', ['a.b', 'pfx', 'x.a.b']), '');
    assert.equal(problems('io.buoyant.http.domainToPath', ['a..b']), '0:error');
    assert.equal(problems('io.buoyant.http.domainToPathPfx', ['pfx', 'a.b']), '');
    assert.equal(problems('io.buoyant.http.status', ['404']), '');
    assert.equal(problems('io.buoyant.http.status', ['700']), '0:warning');
    assert.equal(problems('nil', ['anything']), '');
  });
});
