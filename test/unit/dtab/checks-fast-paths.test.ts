// The fast paths of the dtab checks answer the common cases without the general code: each is compared here with
// the general code (or, where that was replaced, with the former implementation kept below as the reference) on
// tables of edge cases and on random inputs. The diagnostics they lead to are pinned in
// test/fixtures/checks/fast-paths.txt (run by checks.test.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnyElem, type Dentry, type NameTree, type Path, type Prefix } from '../../../server/src/core/dtab/ast.js';
import { isPlainInetAddress, SystemNamerJudge, systemNamer } from '../../../server/src/core/dtab/checks-namers.js';
import { answers, dentryHash, type Answers } from '../../../server/src/core/dtab/checks-dentries.js';
import { chainBounds, leafPaths } from '../../../server/src/core/dtab/checks-chains.js';
import { indexTable, prefixAsPath, prefixHash, prefixIndex, PrefixTrie, type PrefixIndex } from '../../../server/src/core/dtab/checks-prefix-trie.js';
import { globalNamer, isIpv4, javaParseInt, parseIpv4 } from '../../../server/src/core/dtab/namers.js';
import { parseDtab, readDentry } from '../../../server/src/core/dtab/parse.js';
import { checkDtab, createDtabChecker } from '../../../server/src/core/dtab/checks.js';
import { dentryEquals } from '../../../server/src/core/dtab/lookup.js';
import { showDentry, showDtab } from '../../../server/src/core/dtab/show.js';
import { foldTree } from '../../../server/src/core/dtab/tree.js';
import { dentryArb, labelArb, treeArb } from './gen.js';

/** The former `parseIpv4` (regex, split, map, join), the reference for the one-pass version. */
function referenceParseIpv4(text: string): string | undefined {
  if (!/^[0-9]+(\.[0-9]+){0,3}$/.test(text)) return undefined;
  const parts = text.split('.').map(Number);
  const last = parts.length - 1;
  let value = 0;
  for (let i = 0; i < last; i++) {
    if (parts[i]! > 255) return undefined;
    value = value * 256 + parts[i]!;
  }
  const tailBits = 8 * (4 - last);
  if (parts[last]! >= 2 ** tailBits) return undefined;
  value = value * 2 ** tailBits + parts[last]!;
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

const IPV4_CASES: [string, string | undefined][] = [
  ['127.1', '127.0.0.1'],
  ['10.1.2', '10.1.0.2'],
  ['2130706433', '127.0.0.1'],
  ['4294967295', '255.255.255.255'],
  ['4294967296', undefined],
  ['1.16777215', '1.255.255.255'],
  ['1.16777216', undefined],
  ['1.2.65535', '1.2.255.255'],
  ['1.2.65536', undefined],
  ['255.255.255.255', '255.255.255.255'],
  ['256.1.1.1', undefined],
  ['1.2.3.256', undefined],
  ['01.002.0003.4', '1.2.3.4'],
  ['0000000000000000000001.2.3.4', '1.2.3.4'],
  ['99999999999999999999.1', undefined],
  ['1.2.3.4.5', undefined],
  ['1..2', undefined],
  ['.1', undefined],
  ['1.', undefined],
  ['', undefined],
  ['.', undefined],
  ['0x7f.1', undefined],
  ['1.2.3.-4', undefined],
  ['١.2.3.4', undefined],
];

describe('IPv4 literals in one pass', () => {
  test('edge cases: the former parse, the value, and isIpv4', () => {
    for (const [text, want] of IPV4_CASES) {
      assert.equal(referenceParseIpv4(text), want, `reference ${text}`);
      assert.equal(parseIpv4(text), want, text);
      assert.equal(isIpv4(text), want !== undefined, text);
    }
  });

  test('random strings of digits and dots agree with the former parse', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', '.', 'a'), maxLength: 24 });
    fc.assert(
      fc.property(text, (t) => {
        assert.equal(parseIpv4(t), referenceParseIpv4(t));
        assert.equal(isIpv4(t), referenceParseIpv4(t) !== undefined);
      }),
      { numRuns: 3000, seed: 4141 },
    );
  });
});

describe('/$/inet leaves judged without decoding', () => {
  const leaf = (...labels: string[]): Path => ['$', ...labels];
  // [leaf, whether the fast path takes it]: when it does, `systemNamer` must find nothing.
  const CASES: [Path, boolean][] = [
    [leaf('inet', 'svc3.example.com', '80'), true],
    [leaf('fixedinet', 'svc-3.example.com', '8080', 'residual', 'x'), true],
    [leaf('inet', '10.0.7.0', '8080'), true],
    [leaf('inet', '127.1', '0'), true],
    [leaf('inet', 'h', '65535'), true],
    [leaf('inet', 'h', '0000000000000000080'), true],
    [leaf('inet', 'H-1', '1'), true],
    [leaf('inet', '...', '80'), false], // not an IPv4 literal
    [leaf('inet', '256.1.1.1', '80'), false],
    [leaf('inet', '4294967296', '80'), false],
    [leaf('inet', '', '80'), false],
    [leaf('inet', 'h_st', '80'), false],
    [leaf('inet', 'caf\xc3\xa9', '80'), false], // UTF-8 bytes: decoded by the general path
    [leaf('inet', '::1', '80'), false],
    [leaf('inet', 'h', '65536'), false],
    [leaf('inet', 'h', '+80'), false],
    [leaf('inet', 'h', '-0'), false],
    [leaf('inet', 'h', ''), false],
    [leaf('inet', 'h', '８０'), false],
    [leaf('inet', 'h', 'http'), false],
    [leaf('inet', 'h'), false],
    [leaf('inet', '8080'), false],
    [leaf('Inet', 'h', '80'), false],
    [leaf('io.buoyant.rinet', '80', 'h'), false],
    [['#', 'inet', 'h', '80'], false],
  ];

  test('edge cases: taken exactly where expected, and then nothing is found', () => {
    for (const [path, fast] of CASES) {
      assert.equal(isPlainInetAddress(path), fast, path.join('/'));
      if (fast) assert.deepEqual(systemNamer(path), [], path.join('/'));
    }
  });

  test('the judge gives what systemNamer gives, on edge cases and random inet leaves', () => {
    const judge = new SystemNamerJudge();
    for (const [path] of CASES) assert.deepEqual(judge.judge(path), systemNamer(path), path.join('/'));
    const host = fc.oneof(
      fc.constantFrom('h', 'a.b', '1.2.3.4', '127.1', '256.0.0.1', '1.2.3.4.5', '-', '.', 'a_b', '::1', '', 'ü'),
      fc.string({ unit: fc.constantFrom('1', '2', '5', '.', 'a', '-', '_', ':', '\xc3'), maxLength: 12 }),
    );
    const port = fc.oneof(
      fc.constantFrom('80', '0', '65535', '65536', '+1', '-1', '00080', '2147483648', 'x', ''),
      fc.string({ unit: fc.constantFrom('0', '6', '9', '+', '-', 'a'), maxLength: 7 }),
    );
    const kind = fc.constantFrom('inet', 'fixedinet', 'Inet', 'inet2');
    const rest = fc.array(labelArb, { maxLength: 2 });
    fc.assert(
      fc.property(kind, host, port, rest, fc.boolean(), (k, h, p, r, portOnly) => {
        const path: Path = portOnly ? ['$', k, p, ...r] : ['$', k, h, p, ...r];
        const expected = systemNamer(path);
        if (isPlainInetAddress(path)) assert.deepEqual(expected, []);
        assert.deepEqual(new SystemNamerJudge().judge(path), expected);
        assert.deepEqual(judge.judge(path), expected);
      }),
      { numRuns: 3000, seed: 707 },
    );
  });
});

/** The former `answers` (regex ports, a fold over every tree), the reference for the allocation-free one. */
function referenceAnswers(tree: NameTree<Path>, systemPathsAnswer: boolean): Answers {
  const isInt = (label: string | undefined) => label !== undefined && javaParseInt(label) !== undefined;
  const systemPath = (path: Path): Answers => {
    if (path[0] !== '$' || path.length < 2) return { always: false, positive: false };
    const kind = path[1];
    if (kind === 'inet' || kind === 'fixedinet') {
      const port = isInt(path[3]) ? path[3]! : isInt(path[2]) ? path[2]! : undefined;
      const n = port === undefined ? NaN : Number(port);
      return n >= 0 && n <= 0xffff ? { always: true, positive: true } : { always: false, positive: false };
    }
    const r = globalNamer(path);
    if (r.state !== 'ok') return { always: false, positive: false };
    const t = r.tree;
    if (t.kind === 'fail') return { always: true, positive: false };
    const positive = t.kind === 'empty' || (t.kind === 'leaf' && t.value.kind === 'bound');
    return { always: positive, positive };
  };
  return foldTree<Path, Answers>(tree, (node, kids) => {
    switch (node.kind) {
      case 'fail':
        return { always: true, positive: false };
      case 'empty':
        return { always: true, positive: true };
      case 'neg':
        return { always: false, positive: false };
      case 'leaf':
        return systemPathsAnswer ? systemPath(node.value) : { always: false, positive: false };
      case 'alt':
        return { always: kids.some((k) => k.always), positive: kids.length > 0 && kids[0]!.positive };
      case 'union': {
        const positive = kids.some((k) => k.positive);
        return { always: positive, positive };
      }
    }
  });
}

/** Paths that the global namer answers in every way, with ports in every spelling. */
const systemPathArb: fc.Arbitrary<Path> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('inet', 'fixedinet'),
      fc.constantFrom('h', '1.2.3.4', '80'),
      fc.constantFrom('80', '0', '65535', '65536', '+80', '-0', '-1', '0080', '2147483647', '2147483648', 'x', '', '+'),
      fc.array(labelArb, { maxLength: 1 }),
    )
    .chain(([k, h, p, r]) => fc.constantFrom<Path>(['$', k, h, p, ...r], ['$', k, p, ...r], ['$', k, h], ['$', k])),
  fc.constantFrom<Path>(['$', 'nil'], ['$', 'fail', 'x'], ['$'], ['$', 'io.buoyant.rinet', '80', 'h'], ['$', 'nope'], ['#', 'x']),
);
const leafTreeArb: fc.Arbitrary<NameTree<Path>> = fc.oneof(systemPathArb, fc.array(labelArb, { maxLength: 3 })).map(
  (value): NameTree<Path> => ({ kind: 'leaf', value }),
);
const systemTreeArb: fc.Arbitrary<NameTree<Path>> = fc.oneof(
  leafTreeArb,
  fc.array(leafTreeArb, { maxLength: 4 }).map((trees): NameTree<Path> => ({ kind: 'alt', trees })),
  fc
    .array(fc.record({ weight: fc.constantFrom(0, 1, 0.5), tree: leafTreeArb }).map((w) => ({ ...w })), { maxLength: 4 })
    .map((weighted): NameTree<Path> => ({ kind: 'union', weighted })),
  treeArb,
  fc
    .array(fc.oneof(leafTreeArb, treeArb), { minLength: 1, maxLength: 3 })
    .map((trees): NameTree<Path> => ({ kind: 'alt', trees: [...trees, { kind: 'fail' }] })),
);

describe('answers without allocation', () => {
  test('equals the former fold on paths, flat alternatives and unions, and nested trees', () => {
    fc.assert(
      fc.property(systemTreeArb, fc.boolean(), (tree, systemPathsAnswer) => {
        assert.deepEqual({ ...answers(tree, systemPathsAnswer) }, referenceAnswers(tree, systemPathsAnswer));
      }),
      { numRuns: 4000, seed: 1207 },
    );
  });
});

describe('leafPaths', () => {
  test('equals a recursive walk, with and without the flat fast path', () => {
    const walk = (t: NameTree<Path>): Path[] =>
      t.kind === 'leaf'
        ? [t.value]
        : t.kind === 'alt'
          ? t.trees.flatMap(walk)
          : t.kind === 'union'
            ? t.weighted.flatMap((w) => walk(w.tree))
            : [];
    fc.assert(
      fc.property(systemTreeArb, (tree) => assert.deepEqual(leafPaths(tree), walk(tree))),
      { numRuns: 2000, seed: 31 },
    );
    assert.deepEqual(leafPaths({ kind: 'alt', trees: [] }), []);
    assert.deepEqual(leafPaths({ kind: 'union', weighted: [] }), []);
  });
});

describe('dentryHash', () => {
  /** A structural copy with fresh arrays and label strings, its zero weights written as -0. */
  const copy = (d: Dentry): Dentry => {
    const fresh = (l: string) => (' ' + l).slice(1);
    const tree = (t: NameTree<Path>): NameTree<Path> =>
      t.kind === 'leaf'
        ? { kind: 'leaf', value: t.value.map(fresh) }
        : t.kind === 'alt'
          ? { kind: 'alt', trees: t.trees.map(tree) }
          : t.kind === 'union'
            ? { kind: 'union', weighted: t.weighted.map((w) => ({ weight: w.weight === 0 ? -0 : w.weight, tree: tree(w.tree) })) }
            : { kind: t.kind };
    return { prefix: d.prefix.map((e) => (e === AnyElem ? e : fresh(e))), dst: tree(d.dst) };
  };

  test('equal dentries hash equal: copies (weights 0 and -0), and dentries read back from their printed form', () => {
    fc.assert(
      fc.property(dentryArb, (d) => {
        const h = dentryHash(d);
        assert.equal(dentryHash(copy(d)), h);
        const read = readDentry(showDentry(d));
        assert.ok(read.ok);
        assert.equal(dentryHash(read.value), h);
      }),
      { numRuns: 2000, seed: 99 },
    );
  });

  test('equal spellings hash equal, and the hash is a 31-bit integer', () => {
    const hash = (text: string) => {
      const r = readDentry(text);
      assert.ok(r.ok, text);
      return dentryHash(r.value);
    };
    const SAME: [string, string][] = [
      ['/a => 0.5 * /x & 1 * /y', '/a=>0.50*/x & 1.0*/y'],
      ['/e\\x41 => /p', '/eA => /p'],
      ['/caf\\xc3\\xa9 => /x', '/caf\\xC3\\xA9 => /x'],
      ['/a/* => (/b | /c) & /d', '/a/*=>(/b|/c)&/d'],
    ];
    for (const [a, b] of SAME) assert.equal(hash(a), hash(b), `${a} vs ${b}`);
    for (const text of ['/a => /b', '/ => !', '/* => ~', '/a => 0 * /b & /c']) {
      const h = hash(text);
      assert.ok(Number.isInteger(h) && h >= -(2 ** 30) && h < 2 ** 30, text);
    }
  });
});

describe('prefix index', () => {
  const label = fc.constantFrom('a', 'b', 'c', 'ab');
  const prefixNoAny = fc.array(label, { maxLength: 4 });
  const prefixAny: fc.Arbitrary<Prefix> = fc.array(fc.oneof({ weight: 4, arbitrary: label }, { weight: 1, arbitrary: fc.constant(AnyElem) }), {
    maxLength: 4,
  });
  const query = fc.oneof(fc.array(label, { maxLength: 6 }), prefixAny.map(prefixAsPath));

  const check = (
    prefixes: readonly Prefix[],
    queries: readonly Path[],
    values = prefixes.map((_, k) => (k * 7) % 5),
    prefixQueries: readonly Prefix[] = [],
  ) => {
    const trie = new PrefixTrie();
    prefixes.forEach((p, k) => trie.add(p, values[k]!));
    const index = prefixIndex(prefixes.length, (k) => prefixes[k]!, (k) => values[k]!);
    for (const q of queries) assert.equal(index.maxMatching(q), trie.maxMatching(q), `/${q.join('/')}`);
    // A dentry's prefix as the query, with its hash (the shadowing check's way).
    for (const p of [...prefixQueries, ...prefixes]) {
      const q = prefixAsPath(p);
      assert.equal(index.maxMatchingPrefix(q, prefixHash(p)), trie.maxMatching(q), `/${q.join('/')} with its hash`);
    }
  };

  test('the hash index (no *) and the trie (with *) give the trie’s answers', () => {
    fc.assert(
      fc.property(fc.array(prefixNoAny, { maxLength: 8 }), fc.array(query, { maxLength: 8 }), fc.array(prefixAny, { maxLength: 4 }), (p, q, pq) =>
        check(p, q, undefined, pq),
      ),
      { numRuns: 2000, seed: 5 },
    );
    fc.assert(
      fc.property(fc.array(prefixAny, { maxLength: 8 }), fc.array(query, { maxLength: 8 }), fc.array(prefixAny, { maxLength: 4 }), (p, q, pq) =>
        check(p, q, undefined, pq),
      ),
      { numRuns: 1000, seed: 6 },
    );
  });

  test('prefixes of 30 to 40 labels (past the length bits) and the empty prefix', () => {
    const long = (n: number, l = 'x') => new Array<string>(n).fill(l);
    // Longer prefixes have larger values, so that each query's answer comes from its longest match.
    const prefixes = [[], long(30), long(31), long(32), long(40), long(33, 'y')];
    const queries = [long(29), long(30), long(31), long(32), long(33), long(39), long(40), long(41), [], long(33, 'y'), ['y']];
    check(prefixes, queries, [0, 1, 2, 3, 4, 5]);
    const index = prefixIndex(prefixes.length, (k) => prefixes[k]!, (k) => k);
    assert.deepEqual(
      queries.map((q) => index.maxMatching(q)),
      [0, 1, 2, 3, 3, 3, 4, 4, 0, 5, 0],
    );
    assert.equal(prefixIndex(1, () => long(3), () => 7).maxMatching(long(2)), -Infinity);
  });
});

describe('prefix index tables taken over', () => {
  const label = fc.constantFrom('a', 'b', 'c', 'ab');
  const prefixes = fc.array(fc.array(label, { maxLength: 4 }), { maxLength: 12 });
  const queries = fc.array(fc.array(label, { maxLength: 5 }), { maxLength: 8 });

  test('an index made on the table of a dropped one answers as a trie; values that are not 32-bit integers take a trie', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(prefixes, queries), { minLength: 2, maxLength: 6 }), fc.boolean(), (rounds, fractional) => {
        // Two tables take turns, as the shadowing check's memo passes them (the one of the index dropped before).
        let held: PrefixIndex | undefined;
        let spare: Int32Array | undefined;
        for (const [ps, qs] of rounds) {
          const value = (k: number) => (fractional && k === 1 ? 0.5 : (k * 7) % 5);
          const made = prefixIndex(ps.length, (k) => ps[k]!, value, undefined, spare);
          if (fractional && ps.length > 1) assert.ok(made instanceof PrefixTrie);
          spare = indexTable(held);
          held = made;
          const trie = new PrefixTrie();
          ps.forEach((p, k) => trie.add(p, value(k)));
          for (const q of [...qs, ...ps]) assert.equal(made.maxMatching(q), trie.maxMatching(q), `/${q.join('/')}`);
        }
      }),
      { numRuns: 1500, seed: 2611 },
    );
  });

  test('one checker going back and forth between dtabs (their shadowing indexes rebuilt in turn) equals cold checks', () => {
    const docs = [
      '/a => /$/inet/h/80; /a/b => /x; /a => !; /c/d => /y; /c => /$/nil',
      '/c => /$/nil; /c/d => /y; /c/d => /$/inet/h/1; /e => /f',
      Array.from({ length: 20 }, (_, i) => `/s/${i % 7} => /$/inet/h/${i}`).join(';'),
      '/a/b => /x; /a => /$/inet/127.1/0; /a/b/c => /y; /a/b => /$/inet/h/65535',
    ].map((t) => parseDtab(t));
    const checker = createDtabChecker();
    for (const k of [0, 1, 2, 0, 0, 3, 1, 2, 3, 3, 0, 2]) assert.deepEqual(checker.check(docs[k]!), checkDtab(docs[k]!), `dtab ${k}`);
  });
});

describe('duplicates', () => {
  // Few labels, so that prefixes repeat (the dentries whose prefix is unique are skipped before any full hash).
  const label = fc.constantFrom('a', 'b');
  const small: fc.Arbitrary<Dentry> = fc
    .record({
      prefix: fc.array(fc.oneof({ weight: 4, arbitrary: label }, { weight: 1, arbitrary: fc.constant(AnyElem) }), { maxLength: 2 }),
      dst: fc.oneof(
        fc.array(label, { maxLength: 2 }).map((value): NameTree<Path> => ({ kind: 'leaf', value })),
        fc.constantFrom<NameTree<Path>>({ kind: 'neg' }, { kind: 'fail' }),
        fc
          .array(fc.array(label, { maxLength: 1 }), { minLength: 2, maxLength: 2 })
          .map((ps): NameTree<Path> => ({ kind: 'alt', trees: ps.map((value) => ({ kind: 'leaf', value })) })),
      ),
    })
    .map((d) => ({ ...d }));

  test('each dentry is reported with its nearest later exact copy, as a pairwise comparison finds it', () => {
    fc.assert(
      fc.property(fc.array(small, { maxLength: 14 }), (dtab) => {
        const text = showDtab(dtab);
        const doc = parseDtab(text);
        const spans = doc.dentries.map((d) => d.span.start);
        const expected: [number, number][] = [];
        for (let i = 0; i < dtab.length; i++) {
          for (let j = i + 1; j < dtab.length; j++) {
            if (dentryEquals(dtab[i]!, dtab[j]!)) {
              expected.push([i, j]);
              break;
            }
          }
        }
        const actual = checkDtab(doc)
          .filter((d) => d.code === 'dtab/duplicate-dentry')
          .map((d): [number, number] => [spans.indexOf(d.span.start), spans.indexOf(d.related![0]!.span.start)]);
        assert.deepEqual(actual, expected);
      }),
      { numRuns: 1500, seed: 77 },
    );
  });
});

describe('chain bounds of dtabs whose prefixes share their first label', () => {
  // Every prefix starts with 'a' (sometimes not: then the general graph of first labels decides); leaves lead
  // back to 'a', elsewhere, or through rewriting namers.
  const label = fc.constantFrom('a', 'b', 'c');
  const leaf: fc.Arbitrary<Path> = fc.oneof(
    { weight: 4, arbitrary: fc.array(label, { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom<Path>(['$', 'inet', 'h', '80'], ['$', 'io.buoyant.hostportPfx', 'a', 'h:80'], ['$', 'io.buoyant.hostportPfx', 'b', 'h:80'], ['$', 'io.buoyant.http.domainToPathPfx', 'c', 'h'], ['$', 'io.buoyant.porthostPfx']) },
  );
  const dentry: fc.Arbitrary<Dentry> = fc
    .record({
      prefix: fc.oneof(
        { weight: 6, arbitrary: fc.array(label, { maxLength: 2 }).map((rest): Prefix => ['a', ...rest]) },
        { weight: 1, arbitrary: fc.constantFrom<Prefix>(['b'], [AnyElem], []) },
      ),
      dst: fc.oneof(
        leaf.map((value): NameTree<Path> => ({ kind: 'leaf', value })),
        fc.array(leaf, { minLength: 2, maxLength: 3 }).map((ps): NameTree<Path> => ({ kind: 'alt', trees: ps.map((value) => ({ kind: 'leaf', value })) })),
      ),
    })
    .map((d) => ({ ...d }));

  test('a floor changes no bound above it', () => {
    fc.assert(
      fc.property(fc.array(dentry, { minLength: 1, maxLength: 8 }), fc.constantFrom(1, 2, 3), (d, floor) => {
        const exact = chainBounds(d, 1000);
        const floored = chainBounds(d, 1000, floor);
        for (const p of [['a'], ['a', 'b'], ['a', 'c', 'a'], ['b'], ['c', 'a']]) {
          assert.equal(floored.bound(p), Math.max(1 + floor, exact.bound(p)), `path /${p.join('/')}`);
        }
      }),
      { numRuns: 3000, seed: 2027 },
    );
  });
});
