// JSON-RPC tier: dtab features inside linkerd/namerd YAML configs, and YAML that is not a config left alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  HoverRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentHighlightRequest,
  type CompletionList,
  type Location,
  type LocationLink,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { markedText } from '../unit/lsp/fixture.js';
import { startServer, type ServerSession } from './harness.js';

let s: ServerSession;
before(async () => {
  s = await startServer();
});
after(async () => {
  if (s) await s.close();
});

const config = [
  'admin:',
  '  port: 9990',
  'namers:',
  '- kind: io.l5d.fs',
  '  rootDir: disco',
  'routers:',
  '- protocol: http',
  '  dtab: |',
  '    /svc => /#/io.l5d.fs;',
  '    /local => /$/inet/127.1/8080',
  '    /other => /local',
  '  servers:',
  '  - port: 4140',
  '',
].join('\n');

test('an embedded dtab gets diagnostics at YAML positions', async () => {
  const uri = 'file:///work/linkerd.yaml';
  s.open(uri, 'yaml', config);
  const p = await s.waitForDiagnostics(uri);
  const missing = p.diagnostics.find((d) => d.code === 'dtab/missing-semicolon');
  assert.ok(missing, JSON.stringify(p.diagnostics));
  assert.equal(missing.range.start.line, 10);
  assert.equal(missing.range.start.character, 4);
});

test('hover and completion work inside the embedded dtab', async () => {
  const uri = 'file:///work/linkerd.yaml';
  const hover = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 9, character: 20 } });
  assert.match((hover?.contents as MarkupContent).value, /inet/);
  const completion = (await s.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: { line: 8, character: 15 },
  })) as CompletionList;
  assert.ok(completion.items.some((i) => i.label === 'io.l5d.fs'), JSON.stringify(completion.items.map((i) => i.label)));
});

test('YAML that is not a linkerd/namerd config is ignored', async () => {
  const uri = 'file:///work/docker-compose.yaml';
  s.open(uri, 'yaml', 'services:\n  web:\n    image: nginx\n');
  const p = await s.waitForDiagnostics(uri);
  assert.deepEqual(p.diagnostics, []);
  const hover = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 3 } });
  assert.equal(hover, null);
});

test('outside the embedded dtab, YAML keys and kinds get the config module’s hover and completion', async () => {
  const uri = 'file:///work/linkerd.yaml';
  const hover = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 10 } });
  assert.match((hover?.contents as MarkupContent).value, /\*\*io\.l5d\.fs\*\* \(namer\)/);
  const keys = (await s.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: { line: 13, character: 0 },
  })) as CompletionList | null;
  assert.ok(keys, 'completion at the top level');
  const labels = keys.items.map((i) => i.label);
  assert.ok(labels.includes('telemetry') || labels.includes('usage'), labels.join(','));
});

// The features that look up the embedded dtab under the cursor, at the edges of the dtabs of a config with several
// routers: on a block scalar's `|` header, in the indentation, just after the last char, on the line after the
// scalar, on and after a closing quote.
const edges = [
  'namers:',
  '- kind: io.l5d.fs',
  '  rootDir: disco',
  'routers:',
  '- protocol: http',
  '  label: a',
  '  dtab: |',
  '    /srv => /#/io.l5d.fs;',
  '    /svc => /srv;',
  '  servers:',
  '  - port: 4140',
  '- protocol: http',
  '  label: b',
  '  dtab: <|>|<|>',
  '<|>  <|>  /host => /srv;<|>',
  '    /svc => /ho<|>st;<|>',
  '<|>  servers:',
  '  - port: 4141',
  '- protocol: http',
  '  label: c',
  '  dtab: <|>"<|>/svc => /srv<|>"<|>',
  '  servers:',
  '  - port: 4142',
  '',
].join('\n');

/**
 * What each feature answers at a cursor: the hover's range text and first line, the highlights, the definition, and
 * the first completion labels (the `dentry` snippet starts the list inside a dtab, YAML keys outside).
 */
type Seen = [hover: string | null, highlights: string[], definition: string[], completion: string];

const dentry: Seen = [null, [], [], 'dentry'];
const want: Seen[] = [
  // router b, block literal: on `|`, after it, at the start and in the middle of the indentation, end of the line
  dentry, dentry, dentry, dentry, dentry,
  // inside a path, the end of the last line, the line after the scalar (a YAML key)
  ['/host | **Delegation of `/host`** through this dtab (local, offline)', ['host', 'host'], ['/host'], '#,$,host,srv'],
  dentry,
  [null, [], [], 'admin,telemetry,usage'],
  // router c, double-quoted: before and after the opening quote, on the closing quote, after it
  dentry, dentry,
  ['/srv | **Delegation of `/srv`** through this dtab (local, offline)', ['srv'], [], '#,$,svc,srv'],
  [null, [], [], ''],
];

test('features at the edges of embedded dtabs in a config with several routers', async () => {
  const { text, cursors } = markedText(edges);
  const uri = 'file:///work/edges/linkerd.yaml';
  const doc = TextDocument.create(uri, 'yaml', 1, text);
  s.open(uri, 'yaml', text);
  const seen: Seen[] = [];
  for (const c of cursors) {
    const position = doc.positionAt(c);
    const params = { textDocument: { uri }, position };
    const hover = await s.connection.sendRequest(HoverRequest.type, params);
    const highlights = (await s.connection.sendRequest(DocumentHighlightRequest.type, params)) ?? [];
    const defs = ((await s.connection.sendRequest(DefinitionRequest.type, params)) ?? []) as (Location | LocationLink)[];
    const completion = (await s.connection.sendRequest(CompletionRequest.type, params)) as CompletionList | null;
    const first = hover ? (hover.contents as MarkupContent).value.split('\n')[0]! : '';
    seen.push([
      hover ? `${hover.range ? doc.getText(hover.range) : '(no range)'} | ${first}` : null,
      highlights.map((h) => doc.getText(h.range)),
      defs.map((d) => doc.getText('targetSelectionRange' in d ? d.targetSelectionRange : d.range)),
      (completion?.items ?? []).slice(0, 4).map((i) => i.label).join(','),
    ]);
  }
  assert.equal(seen.length, want.length);
  for (let i = 0; i < want.length; i++) assert.deepEqual(seen[i], want[i], `cursor ${i} at ${JSON.stringify(doc.positionAt(cursors[i]!))}`);
});
