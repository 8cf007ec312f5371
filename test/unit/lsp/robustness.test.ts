import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NAMER_DOCS } from '../../../server/src/core/dtab/namers.js';
import { completion } from '../../../server/src/lsp/features/completion.js';
import { localHover } from '../../../server/src/lsp/features/hover.js';
import { definitions } from '../../../server/src/lsp/features/definition.js';
import { documentHighlights } from '../../../server/src/lsp/features/documentHighlight.js';
import { semanticTokens } from '../../../server/src/lsp/features/semanticTokens.js';
import { foldingRanges } from '../../../server/src/lsp/features/folding.js';
import { selectionRanges } from '../../../server/src/lsp/features/selectionRanges.js';
import { documentSymbols } from '../../../server/src/lsp/features/symbols.js';
import { standardNamers } from '../../../server/src/lsp/namerCatalog.js';
import { WorkspaceNamers } from '../../../server/src/lsp/workspaceNamers.js';
import { extractNamers } from '../../../server/src/lsp/configHost.js';
import { dtabFixture } from './fixture.js';

test('deeply nested and hostile input: every feature answers without throwing', () => {
  const depth = 50_000;
  const inputs = [
    `/a => ${'('.repeat(depth)}/b${')'.repeat(depth)};\n/b => /c`,
    `/a => ${'('.repeat(depth)}/b`,
    `/a => ${Array.from({ length: 20_000 }, (_, i) => `/p${i}`).join(' | ')}`,
    `/a => ${Array.from({ length: 20_000 }, (_, i) => `${i} * /p${i}`).join(' & ')}`,
    '\u0000\uffff/\\x/é => ))((;;;',
    '#'.repeat(100_000),
  ];
  for (const text of inputs) {
    const f = dtabFixture(text);
    const mid = Math.floor(text.length / 2);
    for (const offset of [0, 8, mid, text.length]) {
      localHover(f.document, f.region, offset, { namers: standardNamers() });
      completion(f.document, f.region, offset, { namers: standardNamers(), namersConfigured: false, dollarNamers: NAMER_DOCS });
      definitions(f.document, f.region, offset);
      documentHighlights(f.document, f.region, offset);
      selectionRanges(f.document, f.region, [f.document.positionAt(offset)]);
    }
    semanticTokens(f.document, [f.region]);
    documentSymbols(f.document, f.region);
    foldingRanges(f.document, f.region);
  }
  assert.ok(true);
});

test('workspace namers: configs found by the bounded scan, open documents win, standard kinds otherwise', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dtab-ws-'));
  try {
    mkdirSync(join(dir, 'deploy'));
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'deploy', 'linkerd.yaml'), 'namers:\n- kind: io.l5d.fs\n  rootDir: disco\n- kind: io.l5d.k8s\n  prefix: /kube\nrouters:\n- protocol: http\n  dtab: /svc => /#/io.l5d.fs\n  servers: [{port: 4140}]\n');
    writeFileSync(join(dir, 'node_modules', 'linkerd.yaml'), 'namers:\n- kind: io.l5d.consul\nrouters: []\n');
    writeFileSync(join(dir, 'other.yaml'), 'namers:\n- kind: io.l5d.marathon\n');
    writeFileSync(join(dir, 'edge.yaml'), 'namers:\n- kind: io.l5d.consul\nrouters:\n- protocol: http\n  servers: [{port: 4141}]\n');
    const namers = new WorkspaceNamers(extractNamers);
    assert.equal(namers.configured, false);
    assert.ok(namers.all().some((n) => n.kind === 'io.l5d.k8s'));
    assert.equal(namers.knownPrefixes(), undefined);
    const found = await namers.scan([pathToFileURL(dir).toString()], ['**/linkerd*.y*ml'], () => false);
    assert.equal(found, 2);
    assert.deepEqual(
      namers.all().map((n) => n.prefix.join('/')).sort(),
      ['#/io.l5d.consul', '#/io.l5d.fs', '#/kube'],
    );
    assert.equal(namers.all().find((n) => n.prefix[1] === 'kube')?.source, 'linkerd.yaml');
    const uri = pathToFileURL(join(dir, 'deploy', 'linkerd.yaml')).toString();
    assert.equal(namers.set(uri, []), true);
    assert.deepEqual(namers.all().map((n) => n.kind), ['io.l5d.consul']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
