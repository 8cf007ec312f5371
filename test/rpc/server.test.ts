// JSON-RPC tier: the bundled server as a child process, driven by a real client connection.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DocumentFormattingRequest,
  HoverRequest,
  RenameRequest,
  DocumentSymbolRequest,
  SemanticTokensRequest,
  SemanticTokensRangeRequest,
  type CompletionList,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { CanonicalDtabRequest, DelegateRequest } from '../../server/src/protocol/requests.js';
import { startServer, type ServerSession } from './harness.js';

let s: ServerSession;
before(async () => {
  s = await startServer();
});
after(async () => {
  if (s) await s.close();
});

const doc = (name: string) => `file:///work/${name}`;

test('initialize advertises every feature', () => {
  const caps = s.initializeResult.capabilities;
  for (const key of [
    'completionProvider',
    'hoverProvider',
    'documentFormattingProvider',
    'documentRangeFormattingProvider',
    'documentSymbolProvider',
    'foldingRangeProvider',
    'selectionRangeProvider',
    'definitionProvider',
    'referencesProvider',
    'documentHighlightProvider',
    'renameProvider',
    'codeActionProvider',
    'semanticTokensProvider',
    'inlayHintProvider',
  ] as const) {
    assert.ok(caps[key], key);
  }
});

test('didOpen publishes diagnostics with stable codes; code actions offer the fix', async () => {
  const uri = doc('broken.dtab');
  s.open(uri, 'linkerd-dtab', '/a => /b\n/c => /d');
  const p = await s.waitForDiagnostics(uri);
  assert.equal(p.version, 1);
  const d = p.diagnostics.find((x) => x.code === 'dtab/missing-semicolon');
  assert.ok(d, JSON.stringify(p.diagnostics));
  const actions = await s.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d] },
  });
  assert.ok(actions?.some((a) => 'title' in a && a.title === "Insert ';'"));
});

test('typing supersedes older versions: only the latest version is published', async () => {
  const uri = doc('typing.dtab');
  s.open(uri, 'linkerd-dtab', '/a => /b;');
  await s.waitForDiagnostics(uri, (p) => p.version === 1);
  for (let v = 2; v <= 6; v++) {
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } }, text: v === 6 ? '\n/c => /d\n/e => /f' : ' ' }],
    });
  }
  const last = await s.waitForDiagnostics(uri, (p) => p.version === 6);
  assert.equal(last.diagnostics.filter((x) => x.code === 'dtab/missing-semicolon').length, 1);
  const versions = s.published.get(uri)!.map((p) => p.version);
  assert.ok(!versions.some((v) => v !== undefined && v > 1 && v < 6), `intermediate versions published: ${versions.join(',')}`);
});

test('completion, hover, definition, rename and symbols over JSON-RPC', async () => {
  const uri = doc('features.dtab');
  const text = '/srv => /$/inet/127.1/8080;\n/svc => 9 * /srv & 1 * /other;\n/x => /$/\n';
  s.open(uri, 'linkerd-dtab', text);
  await s.waitForDiagnostics(uri);

  const completion = (await s.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: { line: 2, character: 9 },
  })) as CompletionList;
  assert.ok(completion.items.some((i) => i.label === 'inet'));

  const hover = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 14 } });
  const value = (hover?.contents as MarkupContent).value;
  assert.match(value, /Delegation of `\/srv`/);
  assert.match(value, /127\.0\.0\.1:8080/);

  const weight = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 8 } });
  assert.match((weight?.contents as MarkupContent).value, /\*\*90%\*\*/);

  const defs = await s.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 1, character: 14 } });
  assert.ok(Array.isArray(defs) && defs.length === 1);

  const rename = await s.connection.sendRequest(RenameRequest.type, {
    textDocument: { uri },
    position: { line: 0, character: 2 },
    newName: 'server',
  });
  assert.equal(rename?.changes?.[uri]?.length, 2);

  const symbols = await s.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  assert.deepEqual(symbols?.map((x) => x.name), ['/srv', '/svc', '/x']);

  const tokens = await s.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
  assert.ok(tokens && tokens.data.length > 0 && tokens.data.length % 5 === 0);
});

test('formatting aligns the arrows and keeps comments', async () => {
  const uri = doc('format.dtab');
  const text = '# routes\n/a=>/b;\n/longer/prefix   =>  /c;\n';
  s.open(uri, 'linkerd-dtab', text);
  const edits = await s.connection.sendRequest(DocumentFormattingRequest.type, {
    textDocument: { uri },
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.ok(edits && edits.length > 0);
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'linkerd-dtab', 1, text), edits);
  assert.equal(formatted, '# routes\n/a             => /b;\n/longer/prefix => /c;\n');
});

test('custom requests: dtab/delegate and dtab/canonicalDtab', async () => {
  const uri = doc('custom.dtab');
  s.open(uri, 'linkerd-dtab', '# c\n/srv => /$/inet/127.1/8080;\n/svc   =>   /srv;\n');
  const delegated = await s.connection.sendRequest(DelegateRequest, { textDocument: { uri }, path: '/svc/x' });
  assert.ok(delegated.ok);
  assert.match(delegated.json, /"type":"leaf"/);
  assert.equal(delegated.dtab, '/srv=>/$/inet/127.1/8080;/svc=>/srv');
  const bad = await s.connection.sendRequest(DelegateRequest, { textDocument: { uri }, path: 'no-slash' });
  assert.equal(bad.ok, false);
  const canonical = await s.connection.sendRequest(CanonicalDtabRequest, { textDocument: { uri } });
  assert.ok(canonical.ok);
  assert.deepEqual(canonical.lines, ['/srv=>/$/inet/127.1/8080;', '/svc=>/srv;']);
});

test('malformed requests are answered, and the server keeps serving', async () => {
  const uri = doc('features.dtab');
  const garbage: unknown[] = [
    {},
    { textDocument: { uri } },
    { textDocument: { uri }, position: { line: -1, character: 'x' } },
    { textDocument: { uri: 42 }, position: { line: 0, character: 0 } },
    { textDocument: { uri: 'file:///not/open.dtab' }, position: { line: 0, character: 0 } },
    { textDocument: { uri }, position: { line: 10_000, character: 10_000 } },
  ];
  for (const params of garbage) {
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/rename', 'textDocument/codeAction']) {
      try {
        await s.connection.sendRequest(method, params);
      } catch {
        // An error response is fine; dying is not.
      }
    }
  }
  // Malformed notifications: no answer is due, but the server must survive them.
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: doc('no-text.dtab'), languageId: 'linkerd-dtab', version: 1 } });
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 7 } });
  await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 'x' }, contentChanges: [{ range: 'bad', text: 3 }] });
  await s.connection.sendNotification('textDocument/didClose', {});
  await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: { dtab: { diagnostics: { debounceMs: 'soon' } } } });
  await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///nope/linkerd.yaml', type: 1 }, null] });
  await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: doc('no-text.dtab') }, position: { line: 0, character: 0 } }).catch(() => undefined);
  await assert.rejects(s.connection.sendRequest('dtab/noSuchMethod', {}));
  const hover = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 14 } });
  assert.ok(hover);
  assert.equal(s.child.exitCode, null);
});

test('a document of 100,000 dentries is analysed and stays responsive', async () => {
  const uri = doc('huge.dtab');
  const lines: string[] = [];
  for (let i = 0; i < 100_000; i++) lines.push(`/svc/s${i} => /#/io.l5d.fs/s${i} | /$/inet/127.0.0.1/${8000 + (i % 1000)};`);
  lines.push('/broken => ');
  s.open(uri, 'linkerd-dtab', lines.join('\n'));
  const p = await s.waitForDiagnostics(uri, () => true, 120_000);
  assert.ok(p.diagnostics.length >= 1);
  const hover = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 99_999, character: 3 } });
  assert.match((hover?.contents as MarkupContent).value, /Delegation of `\/svc\/s99999`/);
  const completion = (await s.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: { line: 100_000, character: 11 },
  })) as CompletionList;
  assert.ok(completion.items.length > 0);
  // Edits while the (worker) check runs: older checks are cancelled, the last version is the one published.
  for (let v = 2; v <= 4; v++) {
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: v === 4 ? '/x => /y;\n' : ' ' }],
    });
  }
  const last = await s.waitForDiagnostics(uri, (p) => p.version === 4, 120_000);
  assert.ok(last.diagnostics.some((d) => d.range.start.line === 100_001), 'the broken last dentry moved down one line');
  assert.ok(!s.published.get(uri)!.some((p) => p.version === 2 || p.version === 3));
  const full = await s.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
  assert.equal(full, null, 'full semantic tokens are refused for a huge file');
  const range = await s.connection.sendRequest(SemanticTokensRangeRequest.type, {
    textDocument: { uri },
    range: { start: { line: 50_000, character: 0 }, end: { line: 50_040, character: 0 } },
  });
  assert.ok(range && range.data.length >= 40 * 5);
});

test('shutdown then exit ends the server with code 0', async () => {
  assert.equal(await s.close(), 0);
});
