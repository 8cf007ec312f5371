// The cross-file interpreter rule over JSON-RPC: a workspace folder with a linkerd.yaml whose router asks namerd and
// a namerd.yaml beside it. The namerd file is found by the workspace scan; its changes on disk
// (didChangeWatchedFiles) and in the editor (open, edit, close) re-publish the linkerd config's diagnostics.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  FileChangeType,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { startServer, type ServerSession } from './harness.js';

const LINKERD = `routers:
- protocol: http
  label: edge
  interpreter:
    kind: io.l5d.namerd.http
    experimental: true
    dst: /$/inet/127.0.0.1/4180
    namespace: prod
  servers:
  - port: 4140
`;

const namerdYaml = (port: number, namespaces: string[]): string => `storage:
  kind: io.l5d.inMemory
  namespaces:
${namespaces.map((n) => `    ${n}: /svc => /#/io.l5d.fs;`).join('\n')}
namers:
- kind: io.l5d.fs
  rootDir: disco
interfaces:
- kind: io.l5d.httpController
  port: ${port}
`;

const CODES = ['config/namerd-interface-missing', 'config/namerd-interface-port', 'config/namerd-namespace-unknown'];
const crossFile = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code)).filter((c) => CODES.includes(c));
const only = (codes: string[]) => (p: PublishDiagnosticsParams): boolean => JSON.stringify(crossFile(p)) === JSON.stringify(codes);

let s: ServerSession;
let dir: string;
let linkerdUri: string;
let namerdUri: string;
let namerdPath: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dtab-crossfile-'));
  namerdPath = join(dir, 'namerd.yaml');
  writeFileSync(join(dir, 'linkerd.yaml'), LINKERD);
  writeFileSync(namerdPath, namerdYaml(4180, ['default']));
  linkerdUri = pathToFileURL(join(dir, 'linkerd.yaml')).toString();
  namerdUri = pathToFileURL(namerdPath).toString();
  s = await startServer(undefined, undefined, [pathToFileURL(dir).toString()]);
});

after(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The next publication for the linkerd config (after the ones received so far) whose namerd findings are `codes`. */
function next(codes: string[], timeoutMs = 15_000): Promise<PublishDiagnosticsParams> {
  const seen = s.published.get(linkerdUri)?.length ?? 0;
  return s.waitForDiagnostics(linkerdUri, (p) => s.published.get(linkerdUri)!.indexOf(p) >= seen && only(codes)(p), timeoutMs);
}

async function changedOnDisk(text: string): Promise<void> {
  writeFileSync(namerdPath, text);
  await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: namerdUri, type: FileChangeType.Changed }] });
}

test('a linkerd config gets the namerd findings of the workspace, kept up to date as namerd.yaml changes', async () => {
  s.open(linkerdUri, 'yaml', LINKERD);
  // Found by the workspace scan: namespace prod is not declared.
  const first = await s.waitForDiagnostics(linkerdUri, only(['config/namerd-namespace-unknown']));
  const d = first.diagnostics.find((x) => x.code === 'config/namerd-namespace-unknown')!;
  assert.equal(d.severity, 3); // information
  assert.deepEqual(d.range, { start: { line: 7, character: 15 }, end: { line: 7, character: 19 } });
  assert.match(String(d.message), /declares only default\. Set `namespace` to one of them, or add `prod: <dtab>` under `storage\.namespaces` in namerd\.yaml\.$/);
  assert.deepEqual(d.relatedInformation?.map((r) => [r.location.uri, r.location.range.start]), [[namerdUri, { line: 2, character: 2 }]]);

  // namerd.yaml changes on disk: prod is declared now, but the interface moved to another port.
  const movedP = next(['config/namerd-interface-port']);
  await changedOnDisk(namerdYaml(4181, ['default', 'prod']));
  const moved = await movedP;
  const p = moved.diagnostics.find((x) => x.code === 'config/namerd-interface-port')!;
  assert.deepEqual(p.range, { start: { line: 6, character: 9 }, end: { line: 6, character: 31 } });
  assert.deepEqual(p.relatedInformation?.map((r) => [r.location.uri, r.location.range.start]), [[namerdUri, { line: 10, character: 8 }]]);

  // Fixed: nothing more to say.
  const fixed = next([]);
  await changedOnDisk(namerdYaml(4180, ['default', 'prod']));
  await fixed;
});

test('an open namerd.yaml wins over the disk until it is closed', async () => {
  const missing = next(['config/namerd-interface-missing']);
  s.open(namerdUri, 'yaml', namerdYaml(4180, ['default', 'prod']).replace('io.l5d.httpController', 'io.l5d.mesh'), 1);
  await missing;
  // Typing in it: the linkerd config follows.
  const unknown = next(['config/namerd-namespace-unknown']);
  await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: namerdUri, version: 2 },
    contentChanges: [{ text: namerdYaml(4180, ['default']) }],
  });
  await unknown;
  // Closed without saving: the file on disk (fine) counts again.
  const clean = next([]);
  await s.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: namerdUri } });
  await clean;
});
