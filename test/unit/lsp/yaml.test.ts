import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, regionAt } from '../../../server/src/lsp/analysis.js';
import { codeActions } from '../../../server/src/lsp/features/codeActions.js';
import { definitions } from '../../../server/src/lsp/features/definition.js';
import { renameSegment } from '../../../server/src/lsp/features/rename.js';
import { localHover } from '../../../server/src/lsp/features/hover.js';
import { formatEmbeddedDtabAction } from '../../../server/src/lsp/features/embeddedFormat.js';
import { CodeActionKind } from 'vscode-languageserver';
import { NAMER_DOCS } from '../../../server/src/core/dtab/namers.js';
import { extractNamers } from '../../../server/src/lsp/configHost.js';
import { completion } from '../../../server/src/lsp/features/completion.js';
import { applyEdits, cursor, dtabFixture, markedText } from './fixture.js';

function analyse(marked: string, uri = 'file:///w/linkerd.yaml') {
  const { text, cursors } = markedText(marked);
  const document = TextDocument.create(uri, 'yaml', 1, text);
  const cache = new AnalysisCache({ configGlobs: () => [], extraKinds: () => [], knownNamerPrefixes: () => undefined });
  return { document, analysis: cache.get(document), cursors };
}

const routers = (dtabLines: string[], style: '|' | '>-' = '|') =>
  ['namers:', '- kind: io.l5d.fs', '  rootDir: disco', 'routers:', '- protocol: http', `  dtab: ${style}`, ...dtabLines.map((l) => '    ' + l), '  servers:', '  - port: 4140', ''].join('\n');

test('YAML: embedded dtab regions, rename and definition map back to YAML positions', () => {
  const { document, analysis, cursors } = analyse(routers(['/s<|>vc => /#/io.l5d.fs;', '/web => /svc/web;']));
  assert.equal(analysis.kind, 'config');
  assert.equal(analysis.regions.length, 1);
  const at = regionAt(analysis, cursors[0]!)!;
  assert.ok(at);
  const r = renameSegment(document, at.region, at.offset, 'service');
  assert.ok(r.ok);
  assert.equal(
    applyEdits(document, r.edits),
    routers(['/service => /#/io.l5d.fs;', '/web => /service/web;']),
  );
  const use = document.getText().indexOf('/svc/web') + 2;
  const def = regionAt(analysis, use)!;
  const links = definitions(document, def.region, def.offset);
  assert.equal(links.length, 1);
  assert.equal(document.getText(links[0]!.targetSelectionRange), '/svc');
});

test('YAML: the missing-; fix of an embedded dtab is a code action that edits the YAML', () => {
  const { document, analysis } = analyse(routers(['/svc => /#/io.l5d.fs', '/web => /svc/web;']));
  const diags = analysis.diagnostics();
  const missing = diags.find((d) => d.code === 'dtab/missing-semicolon');
  assert.ok(missing, JSON.stringify(diags.map((d) => d.code)));
  const all = { start: document.positionAt(0), end: document.positionAt(document.getText().length) };
  const action = codeActions(document, diags, all, [CodeActionKind.QuickFix]).find((a) => a.title === "Insert ';'");
  assert.ok(action);
  assert.equal(applyEdits(document, action.edit!.changes![document.uri]!), routers(['/svc => /#/io.l5d.fs;', '/web => /svc/web;']));
});

test('YAML: hover in a folded scalar dtab delegates through that dtab', () => {
  const { document, analysis, cursors } = analyse(routers(['/local => /$/inet/127.1/8080;', '/web => /lo<|>cal;'], '>-'));
  const at = regionAt(analysis, cursors[0]!)!;
  const h = localHover(document, at.region, at.offset, { namers: [] });
  assert.match(h!.sections.join('\n'), /127\.0\.0\.1:8080/);
  assert.equal(document.getText(h!.range), '/local');
});

test('YAML: "Format this dtab" formats a block-literal dtab in place, keeping its indentation', () => {
  const { document, analysis } = analyse(routers(['/svc=>/#/io.l5d.fs;', '# web', '/web/*   =>  /svc/web | /$/fail;']));
  const action = formatEmbeddedDtabAction(document, analysis.regions[0]!);
  assert.ok(action);
  assert.equal(
    applyEdits(document, action.edit!.changes![document.uri]!),
    routers(['/svc   => /#/io.l5d.fs;', '# web', '/web/* => /svc/web | /$/fail;']),
  );
  const formatted = analyse(routers(['/svc => /#/io.l5d.fs;']));
  assert.equal(formatEmbeddedDtabAction(formatted.document, formatted.analysis.regions[0]!), undefined, 'nothing to do');
  const folded = analyse(routers(['/svc=>/#/io.l5d.fs;'], '>-'));
  assert.equal(formatEmbeddedDtabAction(folded.document, folded.analysis.regions[0]!), undefined, 'only block literals');
  const broken = analyse(routers(['/svc=>/#/io.l5d.fs', '/x => /y;']));
  assert.equal(formatEmbeddedDtabAction(broken.document, broken.analysis.regions[0]!), undefined, 'not with syntax errors');
});

test('YAML: a namer under a custom prefix is known with its kind, so completion and hover show the kind’s docs', () => {
  const config = [
    'namers:',
    '- kind: io.l5d.consul',
    '  prefix: /disco',
    '- kind: io.l5d.fs',
    '  rootDir: d',
    'routers:',
    '- protocol: http',
    '  dtab: /svc => /#/disco/dc1;',
    '  servers:',
    '  - port: 4140',
    '',
  ].join('\n');
  const namers = extractNamers(config, 'linkerd.yaml');
  assert.deepEqual(namers, [
    { prefix: ['#', 'disco'], kind: 'io.l5d.consul', source: 'linkerd.yaml' },
    { prefix: ['#', 'io.l5d.fs'], kind: 'io.l5d.fs', source: 'linkerd.yaml' },
  ]);
  const f = dtabFixture('/svc => /#/<|>');
  const disco = completion(f.document, f.region, cursor(f), { namers, namersConfigured: true, dollarNamers: NAMER_DOCS }).items.find(
    (i) => i.label === 'disco',
  );
  assert.match(String(disco?.detail), /configured namer io\.l5d\.consul/);
  assert.match(JSON.stringify(disco?.documentation), /[Cc]onsul/);
  const h = dtabFixture('/svc => /#/di<|>sco/dc1/web');
  const hover = localHover(h.document, h.region, cursor(h), { namers, namersConfigured: true })!.sections.join('\n\n');
  assert.match(hover, /configured namer `io\.l5d\.consul`, declared in `linkerd\.yaml`/);
  assert.match(hover, /→ resolved by the io\.l5d\.consul namer at runtime/);
});
