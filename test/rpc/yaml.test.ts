// JSON-RPC tier: dtab features inside linkerd/namerd YAML configs, and YAML that is not a config left alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { HoverRequest, CompletionRequest, type CompletionList, type MarkupContent } from 'vscode-languageserver-protocol/node';
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
