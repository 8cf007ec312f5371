// Delegation, dsimplify, find, the namerd JSON codec and the human renderer (spec §6, vectors §8.9 and §8.10).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dentry, NameTree, Path } from '../../../server/src/core/dtab/ast.js';
import { bind } from '../../../server/src/core/dtab/bind.js';
import {
  delegate,
  dsimplify,
  findInDelegateTree,
  type DelegateOptions,
  type DelegateTree,
} from '../../../server/src/core/dtab/delegate.js';
import { addrToJson, boundTreeToJson, delegateToJson, jsonString } from '../../../server/src/core/dtab/delegate-json.js';
import { delegateFromJson } from '../../../server/src/core/dtab/delegate-json-decode.js';
import { renderDelegateTree, runtimeNamerOf } from '../../../server/src/core/dtab/delegate-render.js';
import { linkerdLookup } from '../../../server/src/core/dtab/interpreter.js';
import type { NameBound, Namer } from '../../../server/src/core/dtab/namers.js';
import { readDentry } from '../../../server/src/core/dtab/parse.js';
import { DENTRY_NOP, showDtab, showPath } from '../../../server/src/core/dtab/show.js';
import { decodeDtab, encodeDtab } from '../../../server/src/namerd/local-server/codec.js';
import { loadVectors } from '../../fixtures/vectors.js';
import { assertCovers, bindingNamer, dtabOf, errorNamer, pathOf } from './evaluator-helpers.js';

const DT1 = '/bah/humbug => /$/inet/127.1/8080;/beh => /#/error;/foo => /bah | /$/fail;/foo => /bar;/boo => /foo;/meh => /heh';
/** DelegateApiHandlerTest's dtab, in its order. */
const DAH =
  '/beh => /#/error;/bah/humbug => /$/inet/127.1/8080;/foo => /bah | /beh | /$/fail;/foo => /bar;/boo => /foo;/meh => /heh;/neg => ~';
/** DelegateApiHandlerTest lines 46-61, newlines removed. */
const J7_EXPECTED =
  '{"type":"delegate","path":"/boo/humbug","delegate":{"type":"alt","path":"/foo/humbug","dentry":{"prefix":"/boo","dst":"/foo"},"alt":[' +
  '{"type":"neg","path":"/bar/humbug","dentry":{"prefix":"/foo","dst":"/bar"}},' +
  '{"type":"delegate","path":"/bah/humbug","dentry":{"prefix":"/foo","dst":"/bah | /beh | /$/fail"},"delegate":{' +
  '"type":"leaf","path":"/$/inet/127.1/8080","dentry":{"prefix":"/bah/humbug","dst":"/$/inet/127.1/8080"},' +
  '"bound":{"addr":{"type":"bound","addrs":[{"ip":"127.0.0.1","port":8080,"meta":{}}],"meta":{}},"id":"/$/inet/127.1/8080","path":"/"}}},' +
  '{"type":"delegate","path":"/beh/humbug","dentry":{"prefix":"/foo","dst":"/bah | /beh | /$/fail"},"delegate":{' +
  '"type":"exception","path":"/#/error/humbug","dentry":{"prefix":"/beh","dst":"/#/error"},"message":"error naming /#/error/humbug"}},' +
  '{"type":"fail","path":"/$/fail/humbug","dentry":{"prefix":"/foo","dst":"/bah | /beh | /$/fail"}}]}}';

const namers = [bindingNamer('/#/namer'), errorNamer('/#/error')];
const NAMER_ADDR = addrToJson({ type: 'bound', addrs: [{ ip: '127.0.0.1', port: 1 }] });

function run(dtab: string, path: string, options: DelegateOptions = { namers }): string {
  const r = delegate(dtabOf(dtab), pathOf(path), options);
  return r.ok ? delegateToJson(r.tree) : `FAILED(${r.reason}): ${r.message}`;
}

/** The spec elides parts with `…`: every remaining piece must appear, in order. */
function assertContainsInOrder(actual: string, pattern: string): void {
  let at = 0;
  for (const piece of pattern.split('…').filter(Boolean)) {
    const i = actual.indexOf(piece, at);
    assert.ok(i >= 0, `missing ${JSON.stringify(piece)} after offset ${at} in ${actual}`);
    at = i + piece.length;
  }
}

const spec = (id: string) => loadVectors('8.9').find((v) => v.id === id)!.code[3]![0]!;

const cases: Record<string, () => void> = {
  J1: () => assert.equal(run('/nah=>/#/namer', '/nah/bro'), spec('J1').replace('…addr…', `"addr":${NAMER_ADDR}`)),
  J2: () => assert.equal(run(DT1, '/nope'), spec('J2')),
  J3: () => assert.equal(run(DT1, '/meh/hey'), spec('J3')),
  J4: () => assert.equal(run(DT1, '/boo/lol'), spec('J4')),
  J5: () =>
    assert.equal(
      run(DT1, '/boo/humbug/ya'),
      '{"type":"delegate","path":"/boo/humbug/ya","delegate":{"type":"alt","path":"/foo/humbug/ya","dentry":{"prefix":"/boo","dst":"/foo"},"alt":[' +
        '{"type":"neg","path":"/bar/humbug/ya","dentry":{"prefix":"/foo","dst":"/bar"}},' +
        '{"type":"delegate","path":"/bah/humbug/ya","dentry":{"prefix":"/foo","dst":"/bah | /$/fail"},"delegate":{' +
        '"type":"leaf","path":"/$/inet/127.1/8080/ya","dentry":{"prefix":"/bah/humbug","dst":"/$/inet/127.1/8080"},' +
        '"bound":{"addr":{"type":"bound","addrs":[{"ip":"127.0.0.1","port":8080,"meta":{}}],"meta":{}},"id":"/$/inet/127.1/8080","path":"/ya"}}},' +
        '{"type":"fail","path":"/$/fail/humbug/ya","dentry":{"prefix":"/foo","dst":"/bah | /$/fail"}}]}}',
    ),
  J6: () => assert.equal(run(DT1, '/beh/humbug'), spec('J6')),
  J7: () => assert.equal(run(DAH, '/boo/humbug'), J7_EXPECTED),
  J8: () => assert.equal(run(DAH, '/meh'), spec('J8')),
  J9: () => assert.equal(run(DAH, '/neg'), spec('J9')),
  J10: () => assert.equal(run('/yeezy => /yeezus', '/yeezy'), spec('J10')),
  J11: () => assert.equal(run('/yeezy => /yeezus;/yeezy=>/bar', '/yeezy'), spec('J11')),
  J12: () => assert.equal(run('/a=>!', '/a/x'), spec('J12')),
  J13: () => assert.equal(run('/a=>$', '/a/x'), spec('J13')),
  J14: () => assertContainsInOrder(run('/a=>/$/nil', '/a/x'), spec('J14')),
  J15: () => assertContainsInOrder(run('/a=>/$/fail', '/a/x'), spec('J15')),
  J16: () => {
    const out = run('/a=>2*/$/inet/1.1.1.1/80 & /$/inet/2.2.2.2/80', '/a/r');
    assertContainsInOrder(out, spec('J16'));
    assert.ok(out.startsWith('{"type":"union","path":"/a/r","union":[{"weight":2.0,'), 'no dentry at the root');
  },
  J17: () => assertContainsInOrder(run('/a=>/b & ~', '/a'), spec('J17')),
  J18: () => assert.equal(run('/a=>/a/a', '/a'), 'FAILED(max-depth): Max recursion level reached.'),
  J19: () => {
    const r = delegate(dtabOf('/a=>/a/a | /$/inet/1.1.1.1/1'), pathOf('/a'));
    assert.ok(r.ok);
    let node: DelegateTree = r.tree;
    let alts = 0;
    let deepest: DelegateTree | undefined;
    while (node.kind === 'alt') {
      alts++;
      deepest = node;
      node = node.trees[0]!;
    }
    assert.equal(alts, 100);
    assert.ok(deepest?.kind === 'alt');
    for (const child of deepest.trees) {
      assert.equal(child.kind, 'exception');
      assert.deepEqual(child.kind === 'exception' && [child.message, child.path, child.dentry], [
        'Max recursion level reached.',
        deepest.path,
        deepest.dentry,
      ]);
    }
  },
  J20: () => assertContainsInOrder(run('/a=>/$/no.such.Namer', '/a/x'), spec('J20')),
  J21: () => {
    assert.equal(run('/$=>~', '/$/inet/127.1/80'), spec('J21'));
    // Binding the same path falls back to the global namer instead.
    const b = bind(linkerdLookup(dtabOf('/$=>~')), pathOf('/$/inet/127.1/80'));
    assert.equal(b.state === 'ok' && b.tree.kind, 'leaf');
  },
  J22: () =>
    assert.equal(
      run('/a=>/b;/a=>/c;/a=>/d', '/a'),
      '{"type":"alt","path":"/a","alt":[' +
        ['d', 'c', 'b'].map((x) => `{"type":"neg","path":"/${x}","dentry":{"prefix":"/a","dst":"/${x}"}}`).join(',') +
        ']}',
    ),
  J23: () =>
    assert.equal(
      run('/a=>/x | /y;/x=>/q | /r', '/a'),
      '{"type":"alt","path":"/a","alt":[{"type":"alt","path":"/x","dentry":{"prefix":"/a","dst":"/x | /y"},"alt":[' +
        '{"type":"neg","path":"/q","dentry":{"prefix":"/x","dst":"/q | /r"}},{"type":"neg","path":"/r","dentry":{"prefix":"/x","dst":"/q | /r"}}]},' +
        '{"type":"neg","path":"/y","dentry":{"prefix":"/a","dst":"/x | /y"}}]}',
    ),
  J24: () =>
    assert.equal(
      run('/svc=>/$/io.buoyant.http.domainToPathPfx/host;/host/com/example=>/$/inet/10.0.0.1/80', '/svc/www.example.com'),
      '{"type":"delegate","path":"/svc/www.example.com","delegate":{"type":"delegate","path":"/host/com/example/www",' +
        '"dentry":{"prefix":"/svc","dst":"/$/io.buoyant.http.domainToPathPfx/host"},"delegate":{"type":"leaf","path":"/$/inet/10.0.0.1/80/www",' +
        '"dentry":{"prefix":"/host/com/example","dst":"/$/inet/10.0.0.1/80"},"bound":{"addr":{"type":"bound","addrs":[{"ip":"10.0.0.1","port":80,"meta":{}}],' +
        '"meta":{}},"id":"/$/inet/10.0.0.1/80","path":"/www"}}}}',
    ),
  J25: () => {
    const b = bind(linkerdLookup(dtabOf('/foo=>/#/io.l5d.namer/foo'), [bindingNamer('/#/io.l5d.namer/foo')]), pathOf('/foo'));
    assert.ok(b.state === 'ok');
    assert.equal(boundTreeToJson(b.tree), spec('J25'));
  },
  J26: () => {
    const d = dtabOf(loadVectors('8.9').find((v) => v.id === 'J26')!.code[2]![0]!);
    assert.equal(encodeDtab(d, 'application/json'), spec('J26'));
    const back = decodeDtab(spec('J26'), 'application/json');
    assert.ok(back.ok && showDtab(back.dtab) === '/tshirt=>/suit');
  },
};

describe('delegate JSON (§8.9)', () => {
  const vectors = loadVectors('8.9');
  for (const v of vectors) {
    it(`${v.id}: ${v.cells.slice(1, 3).join(' | ')}`, () => {
      assert.ok(cases[v.id], `no test for ${v.id}`);
      cases[v.id]!();
    });
  }
  it('covers every §8.9 vector', () => assertCovers(vectors, Object.keys(cases)));
});

// ---------------------------------------------------------------------------------------------------------------

function dentryOf(text: string): Dentry {
  const r = readDentry(text);
  assert.ok(r.ok);
  return r.value;
}
const P = pathOf;
const bound = (p: Path): NameBound => ({ kind: 'bound', id: p, residual: [], addr: { type: 'neg' } });
const leafNode = (path: string, dentry: Dentry): DelegateTree => ({ kind: 'leaf', path: P(path), dentry, bound: bound(P(path)) });
const AB = dentryOf('/a => /b');
const BCD = dentryOf('/b => /c|/d');
const BC = dentryOf('/b => /c');
const BNEG = dentryOf('/b => ~');
const wrap = (inner: DelegateTree): DelegateTree => ({
  kind: 'delegate',
  path: P('/a'),
  dentry: DENTRY_NOP,
  tree: { kind: 'delegate', path: P('/b'), dentry: AB, tree: inner },
});
const findTree: DelegateTree = {
  kind: 'delegate',
  path: P('/a'),
  dentry: DENTRY_NOP,
  tree: { kind: 'alt', path: P('/b'), dentry: AB, trees: [leafNode('/c', BCD), leafNode('/d', BCD)] },
};
const findSteps = (t: DelegateTree, target: string) =>
  findInDelegateTree(t, (leaf) => showPath(leaf.path) === target)?.map((s) => `(${showPath(s.path)},${JSON.stringify(s.label)})`).join('');

const treeCases: Record<string, () => void> = {
  T1: () =>
    assert.deepEqual(
      dsimplify(wrap({ kind: 'alt', path: P('/b'), dentry: BCD, trees: [leafNode('/c', BCD), leafNode('/d', BCD)] })),
      { kind: 'delegate', path: P('/a'), dentry: DENTRY_NOP, tree: { kind: 'alt', path: P('/b'), dentry: AB, trees: [leafNode('/c', BCD), leafNode('/d', BCD)] } },
    ),
  T2: () =>
    assert.deepEqual(dsimplify(wrap({ kind: 'alt', path: P('/b'), dentry: BC, trees: [leafNode('/c', BC)] })), wrap(leafNode('/c', BC))),
  T3: () =>
    // Linkerd 1.7.5's DelegateTreeTest: the Neg keeps its own dentry; a Delegate over a Neg never collapses.
    assert.deepEqual(dsimplify(wrap({ kind: 'alt', path: P('/b'), dentry: BNEG, trees: [] })), wrap({ kind: 'neg', path: P('/b'), dentry: BNEG })),
  T4: () =>
    assert.deepEqual(
      dsimplify(wrap({ kind: 'union', path: P('/b'), dentry: BC, weighted: [{ weight: 1, tree: leafNode('/c', BC) }] })),
      wrap(leafNode('/c', BC)),
    ),
  T5: () =>
    // Linkerd 1.7.5's DelegateTreeTest: the Neg keeps its own dentry; a Delegate over a Neg never collapses.
    assert.deepEqual(dsimplify(wrap({ kind: 'union', path: P('/b'), dentry: BNEG, weighted: [] })), wrap({ kind: 'neg', path: P('/b'), dentry: BNEG })),
  T6: () => assert.equal(findSteps(findTree, '/d'), '(/a,"")(/b,"/a=>/b")(/d,"/b=>/c | /d")'),
  T7: () => assert.equal(findSteps(findTree, '/e'), undefined),
  T8: () => {
    const t: DelegateTree = {
      kind: 'delegate',
      path: P('/a'),
      dentry: DENTRY_NOP,
      tree: {
        kind: 'alt',
        path: P('/b'),
        dentry: AB,
        trees: [
          leafNode('/c', BCD),
          { kind: 'transformation', path: P('/d'), name: 'Optimus Prime', bound: bound(P('/d')), tree: leafNode('/%/optimus/d', BCD) },
        ],
      },
    };
    assert.equal(findSteps(t, '/%/optimus/d'), '(/a,"")(/b,"/a=>/b")(/d,"/b=>/c | /d")(/%/optimus/d,"Optimus Prime")');
  },
};

describe('DelegateTree simplify and find (§8.10)', () => {
  const vectors = loadVectors('8.10');
  for (const v of vectors) {
    it(`${v.id}: ${v.cells[1]}`, () => {
      assert.ok(treeCases[v.id], `no test for ${v.id}`);
      treeCases[v.id]!();
    });
  }
  it('covers every §8.10 vector', () => assertCovers(vectors, Object.keys(treeCases)));
});

describe('delegate details', () => {
  it('a branching union cycle is cut off with a typed failure, quickly', () => {
    const started = Date.now();
    assert.match(run('/a=>/b & /a & /a;/b=>/$/inet/1.1.1.1/1', '/a'), /^FAILED\(too-large\)/);
    assert.ok(Date.now() - started < 5000);
  });

  it('a union that keeps matching longer paths hits the lookup budget', () => {
    assert.match(run('/=>/a & /b', '/x', { maxLookups: 10_000 }), /^FAILED\(too-large\): delegation gave up after 10000 lookups/);
  });

  it('a linear union cycle gives ~100 nested unions ending in an exception', () => {
    const json = run('/a=>/b & /a;/b=>/$/inet/1.1.1.1/1', '/a');
    assert.equal(json.split('"type":"union"').length - 1, 100);
    assert.match(json, /"type":"exception","path":"\/a","dentry":\{"prefix":"\/a","dst":"\/b & \/a"\},"message":"Max recursion level reached."/);
  });

  it('delegates destinations nested far deeper than the call stack', () => {
    // (Not encoded here: every node repeats its dentry, so the JSON of such a tree grows quadratically.)
    let dst: NameTree<Path> = { kind: 'leaf', value: ['b'] };
    for (let i = 0; i < 20_000; i++) {
      dst = i % 2 ? { kind: 'alt', trees: [{ kind: 'neg' }, dst] } : { kind: 'union', weighted: [{ weight: 1, tree: dst }, { weight: 2, tree: { kind: 'fail' } }] };
    }
    const dtab: Dentry[] = [{ prefix: ['a'], dst }, { prefix: ['b'], dst: { kind: 'leaf', value: P('/$/inet/1.1.1.1/1') } }];
    const r = delegate(dtab, P('/a'));
    assert.ok(r.ok, r.ok ? '' : r.message);
    const steps = findInDelegateTree(r.tree, (leaf) => showPath(leaf.bound.id) === '/$/inet/1.1.1.1/1');
    assert.equal(steps?.length, 20_002);
  });

  it('a namer that throws gives an exception node (delegate) and a failure (bind), never an exception to the caller', () => {
    const thrower: Namer = {
      prefix: P('/#/bad'),
      lookup: () => {
        throw new Error('namer exploded');
      },
    };
    assert.match(run('/a=>/#/bad', '/a', { namers: [thrower] }), /"type":"exception","path":"\/#\/bad","dentry":.*"message":"namer exploded"/);
    assert.deepEqual(bind(linkerdLookup(dtabOf('/a=>/#/bad'), [thrower]), P('/a')), { state: 'failed', message: 'namer exploded' });
    const throwingFn = () => {
      throw new Error('lookup exploded');
    };
    assert.deepEqual(bind(throwingFn, P('/a')), { state: 'failed', message: 'lookup exploded' });
  });

  it('a pending namer shows as an exception node instead of hanging', () => {
    const zk = { prefix: P('/#/zk'), lookup: () => ({ state: 'pending' as const }) };
    assert.match(run('/a=>/#/zk', '/a', { namers: [zk] }), /"type":"exception","path":"\/#\/zk","dentry":.*"message":"the namer has not answered yet/);
  });

  it('writes weights like Java Double.toString (1.0, 0.5, 1.0E-4) in delegate and bind JSON', () => {
    const json = run('/a=>0.0001*/$/nil & 0.5*/$/nil & 1*/$/nil & 12345678*/$/nil', '/a');
    assert.deepEqual([...json.matchAll(/"weight":([^,]+),/g)].map((m) => m[1]), ['1.0E-4', '0.5', '1.0', '1.2345678E7']);
    const b = bind(linkerdLookup(dtabOf('/a=>0.0001*/$/inet/1.1.1.1/1 & 2*/$/inet/2.2.2.2/2')), P('/a'));
    assert.ok(b.state === 'ok');
    assert.equal(
      boundTreeToJson(b.tree),
      '{"type":"union","union":[' +
        '{"weight":1.0E-4,"tree":{"type":"leaf","bound":{"addr":{"type":"bound","addrs":[{"ip":"1.1.1.1","port":1,"meta":{}}],"meta":{"namer_nametree_weight":1.0E-4}},"id":"/$/inet/1.1.1.1/1","path":"/"}}},' +
        '{"weight":2.0,"tree":{"type":"leaf","bound":{"addr":{"type":"bound","addrs":[{"ip":"2.2.2.2","port":2,"meta":{}}],"meta":{"namer_nametree_weight":2.0}},"id":"/$/inet/2.2.2.2/2","path":"/"}}}]}',
    );
    assert.equal(boundTreeToJson({ kind: 'neg' }), '{"type":"neg"}');
  });

  it('jsonString escapes control characters like Jackson (upper-case hex)', () => {
    assert.equal(jsonString('a\u0001"\\\n'), '"a\\u0001\\"\\\\\\n"');
    assert.equal(jsonString('\u001f\\u001f'), '"\\u001F\\\\u001f"');
  });

  it('renders a readable tree (J7)', () => {
    const r = delegate(dtabOf(DAH), P('/boo/humbug'), { namers });
    assert.ok(r.ok);
    assert.equal(
      renderDelegateTree(r.tree),
      [
        '/boo/humbug',
        '  /foo/humbug  (/boo=>/foo)  alternatives (the first that is not neg wins):',
        '    1. /bar/humbug  (/foo=>/bar)  ~ neg: no dentry or namer matches',
        '    2. /bah/humbug  (/foo=>/bah | /beh | /$/fail)',
        '      /$/inet/127.1/8080  (/bah/humbug=>/$/inet/127.1/8080)  bound /$/inet/127.1/8080 -> 127.0.0.1:8080',
        '    3. /beh/humbug  (/foo=>/bah | /beh | /$/fail)',
        '      /#/error/humbug  (/beh=>/#/error)  error: error naming /#/error/humbug',
        '    4. /$/fail/humbug  (/foo=>/bah | /beh | /$/fail)  ! fail',
      ].join('\n'),
    );
  });

  it('renders a name left to a configured namer as resolved at runtime; real errors stay errors', () => {
    const fs = { prefix: P('/#/io.l5d.fs'), lookup: () => ({ state: 'pending' as const }) };
    const dtab = dtabOf('/srv=>/#/io.l5d.fs;/svc=>/srv | /#/disco | /$/com.example.Nope | /#/none');
    const r = delegate(dtab, P('/svc/users'), { namers: [fs] });
    assert.ok(r.ok);
    const configured = [{ prefix: P('/#/io.l5d.fs'), kind: 'io.l5d.fs' }, { prefix: P('/#/disco'), kind: 'io.l5d.consul' }];
    const lines = renderDelegateTree(r.tree, { runtimeNamer: runtimeNamerOf(configured, false) }).split('\n');
    assert.equal(lines[2], '    /#/io.l5d.fs/users  (/srv=>/#/io.l5d.fs)  → resolved by the io.l5d.fs namer at runtime');
    assert.match(lines[3]!, /\/#\/disco\/users .* → resolved by the io.l5d.consul namer at runtime$/);
    assert.match(lines[4]!, /\/\$\/com\.example\.Nope\/users .* error: /);
    assert.match(lines[5]!, /\/#\/none\/users .* ~ neg: no dentry or namer matches$/);
    assert.doesNotMatch(lines.join('\n'), /has not answered/);
    // With no namer configuration known, any /#/<kind> is left to the namer its first label names.
    const any = renderDelegateTree(r.tree, { runtimeNamer: runtimeNamerOf([], true) });
    assert.match(any, /\/#\/none\/users .* → resolved by the none namer at runtime/);
    // The depth limit is still a failure, and without the option the rendering is unchanged.
    assert.equal(delegate(dtabOf('/a=>/a/a'), P('/a')).ok, false);
    assert.match(renderDelegateTree(r.tree), /error: the namer has not answered yet/);
  });

  it('renders union weights as percentages of their sum', () => {
    const r = delegate(dtabOf('/a=>9*/$/inet/1.1.1.1/80 & 1*/$/inet/2.2.2.2/80 & 0*/$/nil'), P('/a'));
    assert.ok(r.ok);
    const lines = renderDelegateTree(r.tree).split('\n');
    assert.match(lines[0]!, /^\/a {2}union/);
    assert.match(lines[1]!, /^ {2}90% \(weight 9\) \/\$\/inet\/1\.1\.1\.1\/80 .*-> 1\.1\.1\.1:80$/);
    assert.match(lines[2]!, /^ {2}10% \(weight 1\) /);
    assert.match(lines[3]!, /^ {2}0% \(weight 0\) \/\$\/nil .*\$ empty/);
  });
});

describe('delegateFromJson', () => {
  const samples = [
    ['DAH', '/boo/humbug'],
    ['DAH', '/neg'],
    [DT1, '/boo/humbug/ya'],
    ['/a=>!', '/a/x'],
    ['/a=>2*/$/inet/1.1.1.1/80 & /$/inet/2.2.2.2/80', '/a/r'],
    ['/a=>/$/no.such.Namer', '/a/x'],
    ['/a=>/b & ~', '/a'],
  ] as const;
  for (const [dtab, path] of samples) {
    it(`round-trips the delegation of ${path} in ${dtab.slice(0, 30)}`, () => {
      const json = run(dtab === 'DAH' ? DAH : dtab, path);
      const back = delegateFromJson(json);
      assert.ok(back.ok, back.ok ? '' : back.message);
      assert.equal(delegateToJson(back.tree), json);
    });
  }

  it('decodes the "~" and "!" paths that Linkerd\'s own decoder rejects', () => {
    const neg = delegateFromJson('{"type":"neg","path":"~","dentry":{"prefix":"/neg","dst":"~"}}');
    assert.ok(neg.ok && neg.tree.kind === 'neg' && neg.tree.path.length === 0);
    const fail = delegateFromJson('{"type":"fail","path":"!"}');
    assert.ok(fail.ok && fail.tree.kind === 'fail' && fail.tree.dentry === DENTRY_NOP);
  });

  it('reports malformed input without throwing', () => {
    for (const bad of ['', 'null', '[]', '{"type":"nope"}', '{"type":"alt","path":"/a"}', '{"type":"neg","path":"not a path"}', '{"type":"delegate","path":"/a","delegate":5}']) {
      const r = delegateFromJson(bad);
      assert.equal(r.ok, false, bad);
    }
  });

  it('decodes deeply nested trees without recursion', () => {
    let json = '{"type":"neg","path":"/x"}';
    for (let i = 0; i < 20_000; i++) json = `{"type":"delegate","path":"/a","delegate":${json}}`;
    const r = delegateFromJson(json);
    assert.ok(r.ok);
    assert.equal(delegateToJson(r.tree), json);
  });
});
