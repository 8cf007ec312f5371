import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NAMER_DOCS } from '../../../server/src/core/dtab/namers.js';
import { completion, type CompletionSources } from '../../../server/src/lsp/features/completion.js';
import { completionContext } from '../../../server/src/lsp/completionContext.js';
import { standardNamers } from '../../../server/src/lsp/namerCatalog.js';
import { cursor, dtabFixture, markedText } from './fixture.js';

const sources: CompletionSources = { namers: standardNamers(), namersConfigured: false, dollarNamers: NAMER_DOCS };
const configured: CompletionSources = {
  namers: [{ prefix: ['#', 'disco'], kind: 'io.l5d.fs', source: 'linkerd.yaml' }],
  namersConfigured: true,
  dollarNamers: NAMER_DOCS,
};

function labelsAt(marked: string, s: CompletionSources = sources): string[] {
  const f = dtabFixture(marked);
  return completion(f.document, f.region, cursor(f), s).items.map((i) => i.label);
}

test('completion: the next segment of paths used in the file and of namers', () => {
  const cases: { marked: string; includes: string[]; excludes?: string[]; s?: CompletionSources }[] = [
    { marked: '/svc => /#/io.l5d.fs;\n/x => /<|>', includes: ['svc', 'x', '#', '$'] },
    { marked: '/svc => /#/<|>', includes: ['io.l5d.fs', 'io.l5d.k8s', 'io.l5d.consul'] },
    { marked: '/svc => /#/io.l5d.k<|>', includes: ['io.l5d.k8s'] },
    { marked: '/svc => /$/<|>', includes: ['inet', 'fail', 'nil', 'io.buoyant.rinet', 'io.buoyant.http.domainToPathPfx'] },
    { marked: '/svc => /#/<|>', includes: ['disco'], excludes: ['io.l5d.k8s'], s: configured },
    { marked: '/svc/users => /a;\n/x => /svc/<|>', includes: ['users'], excludes: ['svc', '#'] },
    { marked: '/s/*/c => /a;\n/x => /s/anything/<|>', includes: ['c'] },
    { marked: '/svc => 2 * /#/<|>', includes: ['io.l5d.fs'] },
  ];
  for (const c of cases) {
    const labels = labelsAt(c.marked, c.s);
    for (const want of c.includes) assert.ok(labels.includes(want), `${JSON.stringify(c.marked)}: expected ${want} in ${labels.join(',')}`);
    for (const not of c.excludes ?? []) assert.ok(!labels.includes(not), `${JSON.stringify(c.marked)}: did not expect ${not}`);
  }
});

test('completion: replaces only the segment being typed', () => {
  const f = dtabFixture('/svc => /#/io.l5<|>');
  const item = completion(f.document, f.region, cursor(f), sources).items.find((i) => i.label === 'io.l5d.fs')!;
  assert.ok(item.textEdit && 'range' in item.textEdit);
  assert.deepEqual(item.textEdit.range, { start: { line: 0, character: 11 }, end: { line: 0, character: 16 } });
});

test('completion: /$/ namers come with argument-shape snippets and docs', () => {
  const f = dtabFixture('/svc => /$/<|>');
  const items = completion(f.document, f.region, cursor(f), sources).items;
  const inet = items.find((i) => i.label === 'inet/<host>/<port>');
  assert.ok(inet, 'snippet for inet');
  assert.ok(inet.textEdit && inet.textEdit.newText === 'inet/${1:host}/${2:port}');
  const rinet = items.find((i) => i.label === 'io.buoyant.rinet');
  assert.match(JSON.stringify(rinet?.documentation), /port/);
});

test('completion: snippets for splits and fallbacks in a destination, a new dentry in a prefix position', () => {
  assert.deepEqual(labelsAt('/svc => <|>').slice(0, 2), ['weighted split', 'fallback']);
  assert.ok(labelsAt('/svc => /a | <|>').includes('fallback'));
  assert.ok(labelsAt('/a => /b;\n<|>').includes('dentry'));
  assert.deepEqual(labelsAt('/a => /b # comm<|>'), []);
});

test('completion context: side, complete segments and partial segment', () => {
  const cases: [string, 'prefix' | 'dst', string[] | undefined, string | undefined][] = [
    ['/a<|>', 'prefix', [], 'a'],
    ['/a => /b;\n/c/d<|>', 'prefix', ['c'], 'd'],
    ['/a => /b/\\x63/<|>', 'dst', ['b', 'c'], ''],
    ['/a # => not an arrow\n => /b/<|>', 'dst', ['b'], ''],
    ['/a => # ; not a separator\n /x<|>', 'dst', [], 'x'],
    ['/a => <|>', 'dst', undefined, undefined],
  ];
  for (const [marked, side, complete, partial] of cases) {
    const { text, cursors } = markedText(marked);
    const ctx = completionContext(text, cursors[0]!);
    assert.equal(ctx.side, side, marked);
    assert.deepEqual(ctx.path?.complete, complete, marked);
    assert.equal(ctx.path?.partial, partial, marked);
  }
});

test('completion while typing: the text as typed with the previous parse as candidates', () => {
  const before = dtabFixture('/svc/users => /a;\n/x => /b;');
  const typed = '/svc/users => /a;\n/x => /svc/u';
  const now = dtabFixture(typed);
  const list = completion(now.document, before.region, typed.length, sources, typed);
  const users = list.items.find((i) => i.label === 'users');
  assert.ok(users && users.textEdit && 'range' in users.textEdit);
  assert.deepEqual(users.textEdit.range, { start: { line: 1, character: 11 }, end: { line: 1, character: 12 } });
});

test('completion: after a namer prefix, its name shape as a snippet', () => {
  const f = dtabFixture('/svc => /#/io.l5d.k8s/<|>');
  const items = completion(f.document, f.region, cursor(f), sources).items;
  const shape = items.find((i) => i.label === '<namespace>/<port-name>/<service>');
  assert.ok(shape, items.map((i) => i.label).join(','));
  assert.ok(shape.textEdit && shape.textEdit.newText === '${1:namespace}/${2:port-name}/${3:service}');
});
