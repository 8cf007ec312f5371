// Binding (spec §5, vectors §8.8).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dentry, NameTree, Path } from '../../../server/src/core/dtab/ast.js';
import { bind, bindTree, WEIGHT_META_KEY, type BindOptions } from '../../../server/src/core/dtab/bind.js';
import { finagleLookup, linkerdLookup, namerdLookup } from '../../../server/src/core/dtab/interpreter.js';
import {
  createGlobalNamer,
  globalNamer,
  namePath,
  type LookupFn,
  type LookupResult,
  type Name,
  type Namer,
} from '../../../server/src/core/dtab/namers.js';
import { mapTree } from '../../../server/src/core/dtab/tree.js';
import { loadVectors } from '../../fixtures/vectors.js';
import { assertCovers, bindingNamer, dtabOf, pathOf, showResult, treeOf } from './evaluator-helpers.js';

const finagle = (dtab: string) => finagleLookup(dtabOf(dtab));
const linkerd = (dtab: string, namers: Namer[] = []) => linkerdLookup(dtabOf(dtab), namers);
const bindPath = (fn: LookupFn, path: string, opts?: BindOptions) => showResult(bind(fn, pathOf(path), opts));
const bindText = (fn: LookupFn, tree: string) => showResult(bindTree(fn, mapTree<Path, Name>(treeOf(tree), namePath)));

/** NamerTest's test namer: `/test/<n>/...` binds to `/test/<n>`. */
const testNamer = bindingNamer('/test');
/** ConfiguredDtabNamerTest's `/#inet` namer: `/#inet/<host>/<port>/rest` binds to id `/#inet/<host>/<port>`. */
const hashInet: Namer = {
  prefix: pathOf('/#inet'),
  lookup: (r) =>
    r.length < 2
      ? { state: 'ok', tree: { kind: 'neg' } }
      : {
          state: 'ok',
          tree: {
            kind: 'leaf',
            value: { kind: 'bound', id: ['#inet', r[0]!, r[1]!], residual: r.slice(2), addr: { type: 'pending' } },
          },
        },
};
const MAX100 = 'Failed: Max recursion level: 100 reached in Namer lookup';
const MAX2 = 'Failed: Max recursion level: 2 reached in Namer lookup';

/** id -> the bind (or lookup) whose §8.8 notation must equal the expectation. */
const cases: Record<string, { run: () => string; expected: string }> = {
  B1: { run: () => bindPath(finagle('/foo/bar => /bar/foo;/bar/foo => /foo/bar'), '/foo/bar'), expected: MAX100 },
  B2: { run: () => bindPath(finagle('/s => /s/srv'), '/s/foo/bar', { maxDepth: 2 }), expected: MAX2 },
  B3: { run: () => bindPath(finagle('/s/foo => /$/inet/5678'), '/s/foo'), expected: 'Bound(/$/inet/5678,/)' },
  B4: { run: () => bindText(linkerd('', [testNamer]), '! | /test/1 | /test/2'), expected: '!' },
  B5: { run: () => bindText(linkerd('', [testNamer]), '~ | /$/fail | /test/1'), expected: '!' },
  B6: { run: () => bindText(linkerd('', [testNamer]), '/$/nil | /$/fail | /test/1'), expected: '$' },
  B7: { run: () => bindPath(finagle('/$=>~'), '/$/nil'), expected: '$' },
  B8: { run: () => bindPath(finagle('/$=>~;/$=>~'), '/$/nil'), expected: '~' },
  B9: { run: () => bindPath(finagle('/a=>/b;/b=>/$/inet/1.2.3.4/80'), '/a/x'), expected: 'Bound(/$/inet/1.2.3.4/80,/x)' },
  B10: {
    run: () => bindPath(linkerd('/a=>/$/no.such.Namer | /$/inet/1.2.3.4/80'), '/a'),
    expected: 'Failed: Unknown namer: no.such.Namer for path: /$/no.such.Namer',
  },
  B11: { run: () => bindPath(linkerd('/a=>/$/no.such.Namer & /$/inet/1.2.3.4/80'), '/a'), expected: 'Bound(/$/inet/1.2.3.4/80,/)' },
  B12: { run: () => bindPath(linkerd('/a=>/$/inet/1.2.3.4/80 | /$/no.such.Namer'), '/a'), expected: 'Bound(/$/inet/1.2.3.4/80,/)' },
  B13: { run: () => bindPath(finagle('/a=>/b | /$/inet/1.2.3.4/80'), '/a'), expected: 'Bound(/$/inet/1.2.3.4/80,/)' },
  B14: {
    run: () => bindPath(finagle('/a=>2*/$/inet/1.1.1.1/80 & 3*/$/inet/2.2.2.2/80'), '/a/r'),
    expected: 'U(2:Bound(/$/inet/1.1.1.1/80,/r), 3:Bound(/$/inet/2.2.2.2/80,/r))',
  },
  B15: { run: () => bindPath(finagle(''), '/$/inet/1234/foobar'), expected: 'Bound(/$/inet/1234,/foobar)' },
  B16: { run: () => bindPath(finagle(''), '/$/inet/1234/5678'), expected: 'Bound(/$/inet/1234/5678,/)' },
  B17: { run: () => bindPath(finagle(''), '/$/inet'), expected: 'Failed: inet' },
  B18: { run: () => bindPath(finagle(''), '/$'), expected: '~' },
  B19: { run: () => bindPath(finagle(''), '/$/fixedinet/1234/foobar'), expected: 'Bound(/$/fixedinet/1234,/foobar)' },
  B20: { run: () => bindPath(finagle(''), '/$/fail/foo/bar'), expected: '!' },
  B21: { run: () => bindPath(finagle(''), '/$/nil/foo/bar'), expected: '$' },
  B22: { run: () => bindPath(finagle(''), '/foo/bar'), expected: '~' },
  B23: {
    run: () => {
      // A `/$/<class>` namer on the classpath: the global namer returns its lookup, unbound.
      const classes = new Map([
        [
          'com.twitter.finagle.TestNamer',
          (p: Path): LookupResult => ({ state: 'ok', tree: p[0] === 'foo' ? { kind: 'leaf', value: namePath(['bar']) } : { kind: 'neg' } }),
        ],
      ]);
      return showResult(createGlobalNamer({ classes })(pathOf('/$/com.twitter.finagle.TestNamer/foo')));
    },
    expected: 'L(/bar)',
  },
  B24: { run: () => bindPath(finagle('/a=>$'), '/a'), expected: '$' },
  B25: { run: () => bindPath(finagle('/a=>/b;/b=>!'), '/a'), expected: '!' },
  B26: { run: () => bindPath(finagle('/a=>/b|/c;/b=>$;/c=>/$/inet/1.1.1.1/1'), '/a'), expected: '$' },
  B27: { run: () => bindPath(finagle('/a => /a & /b'), '/a'), expected: '~' },
  B28: { run: () => bindPath(finagle('/a => /a | /b'), '/a'), expected: MAX100 },
  B29: { run: () => bindPath(finagle('/a=>/$/inet/1.1.1.1/1;/a=>!'), '/a'), expected: '!' },
  B30: { run: () => bindPath(finagle('/a=>!;/a=>/$/inet/1.1.1.1/1'), '/a'), expected: 'Bound(/$/inet/1.1.1.1/1,/)' },
  B31: { run: () => bindPath(finagle('/a=>/b;/a=>/c;/c=>~;/b=>/$/inet/1.1.1.1/1'), '/a'), expected: 'Bound(/$/inet/1.1.1.1/1,/)' },
  B32: { run: () => bindPath(finagle('/a=>/b & /c;/b=>$;/c=>/$/inet/2.2.2.2/2'), '/a'), expected: 'U(1:$, 1:Bound(/$/inet/2.2.2.2/2,/))' },
  B33: { run: () => bindPath(finagle('/a=>/b & /c;/b=>!;/c=>/$/inet/2.2.2.2/2'), '/a'), expected: 'Bound(/$/inet/2.2.2.2/2,/)' },
  B34: {
    run: () => bindPath(finagle('/a=>0*/b & /c;/b=>/$/inet/1.1.1.1/1;/c=>/$/inet/2.2.2.2/2'), '/a'),
    expected: 'U(0:Bound(/$/inet/1.1.1.1/1,/), 1:Bound(/$/inet/2.2.2.2/2,/))',
  },
  B35: {
    run: () => bindPath(finagle('/a=>(/b | /c) & /d;/c=>/$/inet/1.1.1.1/1;/d=>/$/inet/2.2.2.2/2'), '/a/z'),
    expected: 'U(1:Bound(/$/inet/1.1.1.1/1,/z), 1:Bound(/$/inet/2.2.2.2/2,/z))',
  },
  B36: { run: () => bindPath(finagle('/a=>/$/inet/1.1.1.1/1'), '/a', { maxDepth: 2 }), expected: 'Bound(/$/inet/1.1.1.1/1,/)' },
  B37: { run: () => bindPath(finagle('/a=>/b;/b=>/$/inet/1.1.1.1/1'), '/a', { maxDepth: 2 }), expected: MAX2 },
  B38: {
    run: () => bindPath(finagle('/svc=>/$/io.buoyant.rinet/80;/svc/api=>/$/inet/127.1/9000'), '/svc/web/x'),
    expected: 'Bound(/$/io.buoyant.rinet/80/web,/x)',
  },
  B39: {
    run: () => bindPath(finagle('/svc=>/$/io.buoyant.rinet/80;/svc/api=>/$/inet/127.1/9000'), '/svc/api/x'),
    expected: 'Bound(/$/inet/127.1/9000,/x)',
  },
  B40: {
    run: () => bindPath(finagle('/ip-hostport=>/$/inet;/svc=>/$/io.buoyant.hostportPfx/ip-hostport'), '/svc/127.1:8080/x'),
    expected: 'Bound(/$/inet/127.1/8080,/x)',
  },
  B41: {
    run: () =>
      bindPath(
        finagle('/http/*/*=>/$/io.buoyant.http.domainToPathPfx/host;/host/com/example=>/$/inet/10.0.0.1/80'),
        '/http/1.1/GET/www.example.com',
      ),
    expected: 'Bound(/$/inet/10.0.0.1/80,/www)',
  },
  B42: { run: () => bindPath(linkerd('/a=>/$/inet/localhost/http'), '/a'), expected: 'Failed: Unknown namer: inet for path: /$/inet/localhost/http' },
  B43: {
    run: () =>
      [
        bindPath(namerdLookup(dtabOf('/bar => /#inet/127.1/8080'), dtabOf('/foo => /bar'), [hashInet]), '/foo/fah'),
        bindPath(namerdLookup([], dtabOf('/foo => /bar'), [hashInet]), '/foo/fah'),
      ].join(' ; '),
    expected: 'Bound(/#inet/127.1/8080,/fah) ; ~',
  },
  B44: {
    run: () => {
      const booUrns = bindingNamer('/#/boo/urns');
      const boo = bindingNamer('/#/boo');
      return [bindPath(linkerd('', [booUrns, boo]), '/#/boo/urns'), bindPath(linkerd('', [boo, booUrns]), '/#/boo/urns')].join(' ; ');
    },
    expected: 'Bound(/#/boo,/urns) ; Bound(/#/boo/urns,/)',
  },
};

describe('bind (§8.8)', () => {
  const vectors = loadVectors('8.8');
  for (const v of vectors) {
    const c = cases[v.id];
    it(`${v.id}: ${v.cells.slice(1, 4).join(' | ')}`, () => {
      assert.ok(c, `no test for ${v.id}`);
      assert.equal(c.run(), c.expected);
    });
  }
  it('covers every §8.8 vector', () => assertCovers(vectors, Object.keys(cases)));
});

describe('bind details', () => {
  it('bound leaves under a weighted union carry namer_nametree_weight', () => {
    const r = bind(finagle('/a=>2*/$/inet/1.1.1.1/80 & 3*/$/inet/2.2.2.2/80'), pathOf('/a'));
    assert.equal(r.state, 'ok');
    const t = r.state === 'ok' ? r.tree : undefined;
    assert.equal(t?.kind, 'union');
    const weights = t?.kind === 'union' ? t.weighted.map((w) => w.tree.kind === 'leaf' && w.tree.value.addr) : [];
    assert.deepEqual(weights, [
      { type: 'bound', addrs: [{ ip: '1.1.1.1', port: 80 }], meta: { [WEIGHT_META_KEY]: 2 } },
      { type: 'bound', addrs: [{ ip: '2.2.2.2', port: 80 }], meta: { [WEIGHT_META_KEY]: 3 } },
    ]);
    const plain = bind(finagle('/a=>/$/inet/1.1.1.1/80'), pathOf('/a'));
    assert.deepEqual(plain.state === 'ok' && plain.tree.kind === 'leaf' && plain.tree.value.addr, {
      type: 'bound',
      addrs: [{ ip: '1.1.1.1', port: 80 }],
    });
  });

  it('an Alt stops at a pending lookup; a Union drops it when a sibling is Ok', () => {
    const pendingNamer: Namer = { prefix: pathOf('/#/zk'), lookup: () => ({ state: 'pending' }) };
    assert.equal(bindPath(linkerd('/a=>/#/zk | /$/inet/1.1.1.1/1', [pendingNamer]), '/a'), 'Pending');
    assert.equal(bindPath(linkerd('/a=>/#/zk & /$/inet/1.1.1.1/1', [pendingNamer]), '/a'), 'Bound(/$/inet/1.1.1.1/1,/)');
    assert.equal(bindPath(linkerd('/a=>/#/zk & /#/zk', [pendingNamer]), '/a'), 'Pending');
  });

  it('a Union cycle builds a ~100-level nested union without overflowing the stack', () => {
    const r = bind(finagle('/a=>/b & /a;/b=>/$/inet/1.1.1.1/1'), pathOf('/a'));
    assert.equal(r.state, 'ok');
    let t: NameTree<unknown> = r.state === 'ok' ? r.tree : { kind: 'neg' };
    let levels = 0;
    while (t.kind === 'union') {
      levels++;
      t = t.weighted[1]!.tree;
    }
    assert.ok(levels >= 95 && levels <= 100, `levels ${levels}`);
  });

  it('a branching Union cycle stays fast and fails with a clear message instead of exploding', () => {
    const started = Date.now();
    const r = bind(finagle('/a=>/b & /a & /a;/b=>/$/inet/1.1.1.1/1'), pathOf('/a'));
    assert.equal(r.state, 'failed');
    assert.match(r.state === 'failed' ? r.message : '', /too large/);
    assert.ok(Date.now() - started < 5000);
    // Two identical recursive branches that both fail at the limit: the failure propagates.
    assert.equal(bindPath(finagle('/a=>/a & /a'), '/a'), MAX100);
  });

  it('a union that keeps matching longer paths hits the lookup budget instead of running for ever', () => {
    const started = Date.now();
    const r = bind(finagle('/=>/a & /b'), pathOf('/x'), { maxLookups: 10_000 });
    assert.deepEqual(r, {
      state: 'failed',
      message: "bind gave up after 10000 lookups: the dtab's unions branch too much (a Union that refers back to itself?)",
    });
    assert.ok(Date.now() - started < 5000);
  });

  it('deeply nested destinations along a chain of lookups do not overflow the stack', () => {
    // Built in code: 90 chained dentries whose destinations each nest 5,000 levels deep (far beyond the parser's
    // nesting limit), so a recursive binder would need ~450,000 frames.
    const nest = (inner: NameTree<Path>, n: number): NameTree<Path> => {
      let t = inner;
      for (let i = 0; i < n; i++) t = i % 2 ? { kind: 'alt', trees: [{ kind: 'neg' }, t] } : { kind: 'union', weighted: [{ weight: 1, tree: t }, { weight: 1, tree: { kind: 'fail' } }] };
      return t;
    };
    const dtab: Dentry[] = [];
    for (let i = 0; i < 90; i++) dtab.push({ prefix: [`p${i}`], dst: nest({ kind: 'leaf', value: [`p${i + 1}`] }, 5_000) });
    dtab.push({ prefix: ['p90'], dst: { kind: 'leaf', value: pathOf('/$/inet/1.1.1.1/1') } });
    assert.equal(bindPath(finagleLookup(dtab), '/p0'), 'Bound(/$/inet/1.1.1.1/1,/)');
  });

  it('the global namer binds inet addresses with the default offline resolver', () => {
    const addr = (p: string) => {
      const r = globalNamer(pathOf(p));
      return r.state === 'ok' && r.tree.kind === 'leaf' && r.tree.value.kind === 'bound' ? r.tree.value.addr : r;
    };
    assert.deepEqual(addr('/$/inet/127.1/8080'), { type: 'bound', addrs: [{ ip: '127.0.0.1', port: 8080 }] });
    assert.deepEqual(addr('/$/inet/localhost/80'), { type: 'bound', addrs: [{ ip: '127.0.0.1', port: 80 }] });
    assert.deepEqual(addr('/$/inet/8080'), { type: 'bound', addrs: [{ ip: '0.0.0.0', port: 8080 }] });
    assert.equal((addr('/$/inet/example.com/80') as { type: string }).type, 'failed');
    assert.deepEqual(addr('/$/inet/host/70000'), { state: 'failed', message: 'port out of range:70000' });
    const custom = createGlobalNamer({ resolveHost: (h, port) => ({ type: 'bound', addrs: [{ ip: h === 'example.com' ? '93.184.216.34' : '10.0.0.1', port }] }) });
    const r = custom(pathOf('/$/inet/example.com/80'));
    assert.deepEqual(r.state === 'ok' && r.tree.kind === 'leaf' && r.tree.value.kind === 'bound' && r.tree.value.addr.type === 'bound' && r.tree.value.addr.addrs, [{ ip: '93.184.216.34', port: 80 }]);
  });
});
