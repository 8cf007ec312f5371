import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDtab } from '../../../server/src/core/dtab/parse.js';
import { DEFAULT_SETTINGS, resolveSettings } from '../../../server/src/protocol/settings.js';
import { hostKindOf, looksLikeLinkerdConfig } from '../../../server/src/lsp/hostKind.js';
import { embeddedRegion, hostRange, regionSpan } from '../../../server/src/lsp/regions.js';
import { DiagnosticsScheduler } from '../../../server/src/lsp/diagnosticsScheduler.js';
import { AnalysisCache } from '../../../server/src/lsp/analysis.js';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../../../server/src/lsp/features/semanticTokens.js';
import { dtabFixture } from './fixture.js';

test('settings: partial or malformed client settings fall back to the defaults field by field', () => {
  assert.deepEqual(resolveSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(resolveSettings('nonsense'), DEFAULT_SETTINGS);
  const s = resolveSettings({
    trace: { server: 'verbose' },
    diagnostics: { debounceMs: -3 },
    configFiles: ['**/edge.yaml'],
    config: { extraKinds: ['com.example.namer'] },
  });
  assert.equal(s.trace.server, 'verbose');
  assert.equal(s.diagnostics.debounceMs, DEFAULT_SETTINGS.diagnostics.debounceMs);
  assert.deepEqual(s.configFiles, ['**/edge.yaml']);
  assert.deepEqual(s.config.extraKinds, ['com.example.namer']);
  assert.deepEqual(resolveSettings({ config: { extraKinds: { namers: ['x'] } } }).config.extraKinds, { namers: ['x'] });
  assert.deepEqual(resolveSettings({ config: { extraKinds: [1, 2] } }).config.extraKinds, []);
});

test('host kind: .dtab files, linkerd/namerd YAML by content or by glob, other YAML ignored', () => {
  const globs = DEFAULT_SETTINGS.configFiles;
  const cases: [string, string, string, string][] = [
    ['linkerd-dtab', 'file:///a/x.txt', '/a=>/b', 'dtab'],
    ['plaintext', 'file:///a/routes.dtab', '/a=>/b', 'dtab'],
    ['yaml', 'file:///a/any.yaml', 'admin:\n  port: 1\nrouters:\n- protocol: http\n', 'config'],
    ['yaml', 'file:///a/any.yaml', 'storage:\n  kind: io.l5d.inMemory\ninterfaces: []\n', 'config'],
    ['yaml', 'file:///a/deploy/linkerd-edge.yml', 'foo: 1\n', 'config'],
    ['yaml', 'file:///a/l5d.yaml', '', 'config'],
    ['yaml', 'file:///a/compose.yaml', 'services:\n  routers: 1\n', 'ignored'],
    ['yaml', 'file:///a/k8s.yaml', 'storage: {}\n', 'ignored'],
  ];
  for (const [lang, uri, text, want] of cases) assert.equal(hostKindOf(lang, uri, text, globs), want, `${uri} ${JSON.stringify(text)}`);
  assert.equal(looksLikeLinkerdConfig('  routers:\n'), false);
});

test('embedded regions: offsets map both ways through an indented block scalar', () => {
  const yaml = 'dtab: |\n  /a => /b;\n  /c => /d\n';
  const dtabText = '/a => /b;\n/c => /d\n';
  const toHost = (o: number): number => {
    // Each dtab line is indented by two spaces in the YAML, starting at offset 8.
    const line = dtabText.slice(0, o).split('\n').length - 1;
    return 8 + o + 2 * (line + 1);
  };
  const region = embeddedRegion(parseDtab(dtabText), toHost);
  const doc = TextDocument.create('file:///l.yaml', 'yaml', 1, yaml);
  const span = region.parsed.dentries[1]!.prefix.span;
  assert.equal(doc.getText(hostRange(doc, region, span)), '/c');
  assert.equal(region.fromHost(yaml.indexOf('/c')), dtabText.indexOf('/c'));
  assert.equal(region.fromHost(2), undefined);
  assert.deepEqual(regionSpan(doc, region, hostRange(doc, region, span)), span);
});

test('diagnostics scheduler: debounces, and a newer version supersedes an older one', async () => {
  const runs: number[] = [];
  const scheduler = new DiagnosticsScheduler({ delayMs: () => 15, run: (job) => runs.push(job.version) });
  scheduler.schedule('u', 1);
  scheduler.schedule('u', 2);
  scheduler.schedule('u', 3);
  scheduler.schedule('v', 1, true);
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(runs.sort(), [1, 3]);
  scheduler.schedule('u', 4);
  scheduler.cancel('u');
  await new Promise((r) => setTimeout(r, 40));
  assert.deepEqual(runs.sort(), [1, 3]);
  const late: boolean[] = [];
  const s2 = new DiagnosticsScheduler({
    delayMs: () => 0,
    run: (job, isCurrent) => {
      s2.schedule(job.uri, job.version + 1); // an edit arrives while the first run works
      late.push(isCurrent());
    },
  });
  s2.schedule('w', 1);
  await new Promise((r) => setTimeout(r, 20));
  s2.dispose();
  assert.equal(late[0], false);
});

test('analysis cache: one parse per version; settings changes invalidate', () => {
  const cache = new AnalysisCache({ configGlobs: () => [], extraKinds: () => [], knownNamerPrefixes: () => undefined });
  const v1 = TextDocument.create('file:///a.dtab', 'linkerd-dtab', 1, '/a => /b');
  const first = cache.get(v1);
  assert.equal(cache.get(v1), first);
  assert.equal(first.diagnostics(), first.diagnostics());
  const v2 = TextDocument.update(v1, [{ text: '/a => /c;' }], 2);
  assert.notEqual(cache.get(v2), first);
  const again = cache.get(v2);
  cache.invalidateAll();
  assert.notEqual(cache.get(v2), again);
});

test('semantic tokens: namers, prefixes, weights, keywords and comments', () => {
  const f = dtabFixture('# c\n/svc/* => 2 * /$/inet/1/2 & /#/io.l5d.fs | ~;');
  const data = semanticTokens(f.document, [f.region]).data;
  const types = SEMANTIC_TOKENS_LEGEND.tokenTypes;
  const tokens: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    char = data[i] === 0 ? char + data[i + 1]! : data[i + 1]!;
    const text = f.document.getText({ start: { line, character: char }, end: { line, character: char + data[i + 2]! } });
    tokens.push(`${text}:${types[data[i + 3]!]}`);
  }
  assert.deepEqual(tokens, [
    '# c:comment',
    'svc:namespace',
    '*:operator',
    '2:number',
    '$:keyword',
    'inet:function',
    '1:variable',
    '2:variable',
    '#:keyword',
    'io.l5d.fs:function',
    '~:keyword',
  ]);
});

test('diagnostics scheduler: an open (immediate) is not delayed by the content change reported with it', async () => {
  const runs: number[] = [];
  const scheduler = new DiagnosticsScheduler({ delayMs: () => 10_000, run: (job) => runs.push(job.version) });
  scheduler.schedule('u', 1, true);
  scheduler.schedule('u', 1);
  await new Promise((r) => setTimeout(r, 20));
  scheduler.dispose();
  assert.deepEqual(runs, [1]);
});
