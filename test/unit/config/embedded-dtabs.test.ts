// Embedded dtabs: found in routers and namerd namespaces, decoded from every scalar style, and every dtab offset
// maps to the YAML character it came from (so diagnostics, hovers and edits land on the right column).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeConfig } from '../../../server/src/core/config/analyze.js';
import { clearDtabCache, textKey } from '../../../server/src/core/config/embedded.js';
import { createDtabChecker } from '../../../server/src/core/dtab/checks.js';
import { parseDtab } from '../../../server/src/core/dtab/parse.js';

const styles: { name: string; dtab: string }[] = [
  { name: 'plain', dtab: '  dtab: /svc => /#/io.l5d.fs; /host => /svc\n' },
  { name: 'plain over two lines', dtab: '  dtab: /svc => /#/io.l5d.fs;\n    /host => /svc\n' },
  { name: 'single-quoted over two lines', dtab: "  dtab: '/svc => /#/io.l5d.fs;\n    /host => /svc'\n" },
  { name: 'double-quoted with escapes', dtab: '  dtab: "/svc => /#/io.l5d.fs;\\n/h\\x6fst => /svc\\t"\n' },
  { name: 'double-quoted with an escaped line break', dtab: '  dtab: "/svc => /#/io.l5d.fs; /ho\\\n    st => /svc"\n' },
  { name: 'literal', dtab: '  dtab: |\n    /svc => /#/io.l5d.fs;\n    /host => /svc\n' },
  { name: 'literal strip with comment lines', dtab: '  dtab: |-\n    # the namers\n    /svc => /#/io.l5d.fs;\n\n    /host => /svc\n' },
  { name: 'literal keep', dtab: '  dtab: |+\n    /svc => /#/io.l5d.fs;\n    /host => /svc\n\n' },
  { name: 'literal with indentation indicator', dtab: '  dtab: |2\n      /svc => /#/io.l5d.fs;\n    /host => /svc\n' },
  { name: 'folded', dtab: '  dtab: >\n    /svc => /#/io.l5d.fs;\n    /host => /svc\n' },
  { name: 'folded with blank lines and more-indented lines', dtab: '  dtab: >-\n    /svc => /#/io.l5d.fs;\n\n      /host => /svc;\n    /a => /b\n' },
];

for (const s of styles) {
  test(`embedded dtab offsets: ${s.name}`, () => {
    const text = `namers:\n- kind: io.l5d.fs\n  rootDir: d\nrouters:\n- protocol: http\n${s.dtab}  servers:\n  - port: 4140\n`;
    const a = analyzeConfig(text);
    assert.equal(a.embeddedDtabs.length, 1);
    const e = a.embeddedDtabs[0]!;
    assert.equal(e.kind, 'router');
    assert.equal(e.name, 'http');
    assert.equal(e.exact, true);
    assert.equal(e.document.errors.length, 0, JSON.stringify(e.document.errors));
    assert.ok(e.document.dentries.length >= 2);
    // Every label of every dentry maps onto the same characters in the YAML text.
    for (const d of e.document.dentries) {
      for (const el of d.prefix.elems) {
        if ('any' in el) continue;
        const raw = e.text.slice(el.span.start, el.span.end);
        if (raw.includes('\\')) continue;
        const y = e.toYamlOffset(el.span.start);
        const yEnd = e.toYamlOffset(el.span.end - 1) + 1;
        const inYaml = text.slice(y, yEnd);
        assert.ok(inYaml === raw || inYaml.replace(/\\\n\s*/g, '') === raw || /\\x6f/.test(inYaml), `${JSON.stringify(raw)} mapped to ${JSON.stringify(inYaml)}`);
        assert.equal(e.fromYamlOffset(y), el.span.start);
      }
    }
    assert.ok(e.valueSpan.start < e.valueSpan.end && e.valueSpan.end <= text.length);
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'), []);
  });
}

test('namerd namespaces are embedded dtabs named after the namespace', () => {
  const text = 'storage:\n  kind: io.l5d.inMemory\n  namespaces:\n    web: /svc => /#/io.l5d.fs;\n    api: |\n      /svc => /#/io.l5d.fs/api;\nnamers:\n- kind: io.l5d.fs\n  rootDir: d\ninterfaces:\n- kind: io.l5d.httpController\n';
  const a = analyzeConfig(text);
  assert.deepEqual(a.embeddedDtabs.map((e) => [e.kind, e.name]), [['namespace', 'web'], ['namespace', 'api']]);
  assert.deepEqual(a.namerPrefixes, [['#', 'io.l5d.fs']]);
  assert.deepEqual(a.namers, [{ kind: 'io.l5d.fs', prefix: ['#', 'io.l5d.fs'] }]);
  assert.deepEqual(a.diagnostics, []);
});

test('a dtab error inside a double-quoted JSON string maps through the escapes', () => {
  const text = '{"routers": [{"protocol": "http", "dtab": "/svc => /\\u0061;\\n/x => /y z", "servers": [{"port": 4140}]}]}';
  const a = analyzeConfig(text);
  assert.equal(a.isJson, true);
  const d = a.diagnostics.find((x) => x.code === 'dtab/syntax')!;
  assert.ok(d, JSON.stringify(a.diagnostics));
  assert.equal(text.slice(d.span.start, d.span.end), 'z');
});

test('routers using namerd interpreters are not checked against local namers', () => {
  const text = 'routers:\n- protocol: http\n  interpreter:\n    kind: io.l5d.mesh\n    dst: /$/inet/127.1/4321\n  dtab: /svc => /#/io.l5d.k8s/default;\n  servers:\n  - port: 4140\n';
  assert.deepEqual(analyzeConfig(text).diagnostics, []);
  const local = text.replace(/  interpreter:\n.*\n.*\n/, '');
  assert.deepEqual(analyzeConfig(local).diagnostics.map((d) => d.code), ['dtab/undefined-namer']);
});

test('dtab quick fixes are carried into the YAML when the edit can be written there', () => {
  const text = 'routers:\n- protocol: http\n  dtab: |\n    /svc => /$/inet/127.1/8080\n    /host => /svc;\n  servers:\n  - port: 4140\n';
  const a = analyzeConfig(text);
  const d = a.diagnostics.find((x) => x.code === 'dtab/missing-semicolon');
  assert.ok(d, JSON.stringify(a.diagnostics.map((x) => x.code)));
  const fix = d.fixes?.[0];
  assert.ok(fix, 'the fix survives the mapping');
  let fixed = text;
  for (const edit of [...fix.edits].sort((x, y) => y.span.start - x.span.start)) {
    fixed = fixed.slice(0, edit.span.start) + edit.newText + fixed.slice(edit.span.end);
  }
  assert.deepEqual(analyzeConfig(fixed).diagnostics, []);
});

test('io.l5d.fs interpreter dtab files are listed with the namer prefixes to check them against', () => {
  const text = 'namers:\n- kind: io.l5d.fs\n  rootDir: d\nrouters:\n- protocol: http\n  label: files\n  interpreter:\n    kind: io.l5d.fs\n    dtabFile: linkerd/examples/example.dtab\n  servers:\n  - port: 4140\n';
  const a = analyzeConfig(text);
  assert.equal(a.dtabFiles.length, 1);
  const f = a.dtabFiles[0]!;
  assert.equal(f.router, 'files');
  assert.equal(f.path, 'linkerd/examples/example.dtab');
  assert.equal(text.slice(f.span.start, f.span.end), 'linkerd/examples/example.dtab');
  assert.deepEqual(f.knownNamerPrefixes, [['#', 'io.l5d.fs']]);
});

// One scalar source, two values: with an indentation indicator the content indentation counts from the parent's,
// so the same `|2` block under routers indented differently holds different dtabs. Each must map with its own
// offsets (an offset map cached by source alone put the second router's error one column off).
const sameSourceTwoValues: { name: string; text: string }[] = [
  {
    name: 'first router less indented',
    text: 'routers:\n- protocol: http\n  label: a\n  dtab: |2\n      /a => ;\n  servers:\n  - port: 4140\n-  protocol: http\n   label: b\n   dtab: |2\n      /a => ;\n   servers:\n   - port: 4141\n',
  },
  {
    name: 'first router more indented',
    text: 'routers:\n-  protocol: http\n   label: b\n   dtab: |2\n      /a => ;\n   servers:\n   - port: 4141\n- protocol: http\n  label: a\n  dtab: |2\n      /a => ;\n  servers:\n  - port: 4140\n',
  },
];

for (const c of sameSourceTwoValues) {
  test(`identical indicator blocks with different values map separately: ${c.name}`, () => {
    for (let run = 0; run < 2; run++) {
      const a = analyzeConfig(c.text);
      assert.deepEqual(new Set(a.embeddedDtabs.map((e) => e.text)), new Set([' /a => ;\n', '  /a => ;\n']));
      const errors = a.diagnostics.filter((d) => d.code === 'dtab/syntax');
      assert.equal(errors.length, 2, `run ${run}`);
      for (const d of errors) assert.equal(c.text.slice(d.span.start, d.span.end), ';', `run ${run}: ${JSON.stringify(d.span)}`);
      for (const e of a.embeddedDtabs) {
        const semi = e.text.indexOf(';');
        assert.equal(c.text[e.toYamlOffset(semi)], ';');
        assert.equal(e.fromYamlOffset(e.toYamlOffset(semi)), semi);
      }
    }
  });
}

// Mapped diagnostics keep the engine's keys in the engine's order (span in its place), related and kept fixes last.
test('embedded dtab diagnostics keep their keys and key order through the mapping', () => {
  const dtab = ['/svc => /#/io.l5d.fs;', '/svc => /#/io.l5d.fs;', '/a => 0.9 * /#/io.l5d.fs/x & 0.1 * /#/io.l5d.fs/y;', '/b => /#/io.l5d.nope/x;', '/c => /#/io.l5d.fs/z | /#/io.l5d.fs/z;', '/d => /e;', '/e => /d;', '/f => /g'];
  const text = `namers:\n- kind: io.l5d.fs\n  rootDir: d\nrouters:\n- protocol: http\n  dtab: |\n${dtab.map((l) => `    ${l}`).join('\n')}\n  servers:\n  - port: 4140\n`;
  const a = analyzeConfig(text);
  const e = a.embeddedDtabs[0]!;
  const engine = createDtabChecker().check(parseDtab(e.text), { knownNamerPrefixes: a.namerPrefixes });
  const mapped = a.diagnostics.filter((d) => d.code.startsWith('dtab/'));
  assert.equal(mapped.length, engine.length);
  assert.ok(engine.some((d) => d.related?.length) && engine.some((d) => d.fixes?.length), JSON.stringify(engine.map((d) => d.code)));
  for (const d of engine) {
    const m = mapped.find((x) => x.code === d.code && x.message === d.message && x.span.start === e.toYamlOffset(d.span.start))!;
    assert.ok(m, d.code);
    const expected = Object.keys(d).filter((k) => k !== 'related' && k !== 'fixes');
    if (d.related?.length) expected.push('related');
    if (m.fixes) expected.push('fixes');
    assert.deepEqual(Object.keys(m), expected, d.code);
  }
});

// The dtab cache keys a text by its length and a sample of its chars (textKey), so texts of one length that differ
// only between the sampled chars share a key: each must still get its own parse, diagnostics and offsets, also
// when more of them than one key keeps are in one config, cold and from the cache.
test('dtabs differing only between the sampled chars of their cache key are told apart', () => {
  const lines = Array.from({ length: 30 }, (_, i) => `/svc/service${String(i).padStart(2, '0')} => /#/io.l5d.fs/backend${String(i).padStart(2, '0')};`);
  const base = lines.join('\n') + '\n';
  // Chars no key of this length samples: changing one keeps the key.
  const key = textKey(base);
  const letters = [...base].flatMap((ch, i) => (/[a-z]/.test(ch) ? [i] : []));
  const unsampled = letters.filter((i) => textKey(base.slice(0, i) + '!' + base.slice(i + 1)) === key);
  assert.ok(unsampled.length > 100, `${unsampled.length} unsampled letters`);
  // Six variants with a syntax error ('!' is no label char) at a different place each, plus the clean text.
  const variants = [base, ...[0.1, 0.3, 0.5, 0.6, 0.8, 0.95].map((f) => {
    const at = unsampled[Math.floor(f * unsampled.length)]!;
    return base.slice(0, at) + '!' + base.slice(at + 1);
  })];
  for (const v of variants) assert.equal(textKey(v), key);
  const text =
    `namers:\n- kind: io.l5d.fs\n  rootDir: d\nrouters:\n` +
    variants.map((v, i) => `- protocol: http\n  label: r${i}\n  dtab: |\n${v.split('\n').slice(0, -1).map((l) => `    ${l}`).join('\n')}\n  servers:\n  - port: ${4140 + i}\n`).join('');
  clearDtabCache();
  const cold = analyzeConfig(text);
  const warm = analyzeConfig(text);
  for (const a of [cold, warm]) {
    // In document order (the walk gives them in its own order).
    assert.deepEqual([...a.embeddedDtabs].sort((x, y) => x.valueSpan.start - y.valueSpan.start).map((e) => e.text), variants);
    for (const e of a.embeddedDtabs) assert.equal(e.document.text, e.text);
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.length, variants.length - 1, JSON.stringify(errors.map((d) => d.message)));
    for (const d of errors) assert.equal(text[d.span.start], '!', JSON.stringify(d));
  }
  assert.deepEqual(warm.diagnostics, cold.diagnostics);
  // Each variant alone, from a cold cache, gives what it gave among the others.
  for (const [i, v] of variants.entries()) {
    const alone = createDtabChecker().check(parseDtab(v), { knownNamerPrefixes: cold.namerPrefixes });
    assert.equal(alone.filter((d) => d.severity === 'error').length, i === 0 ? 0 : 1);
  }
});
