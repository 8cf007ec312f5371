// The shipped bundles: dist/client.js loads (with a stand-in `vscode` module) and exports activate/deactivate;
// dist/server.js, which the client starts over Node IPC, answers `initialize` on that transport; and the .vsix
// contents are the bundles and declarative files only. Needs `npm run build` (npm test builds first).

import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  createProtocolConnection,
  ExitNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const clientBundle = join(root, pkg.main);
const serverBundle = join(root, 'dist', 'server.js');

function requireWithStubVscode(file: string): Record<string, unknown> {
  // The bundle keeps `vscode` external; a Proxy stands in for the API (nothing runs until activate is called).
  // `__esModule: true` makes the TypeScript interop helpers in the bundle use it as is.
  const stub: unknown = new Proxy(function () {}, { get: (_t, key) => (key === '__esModule' ? true : stub), apply: () => stub, construct: () => stub as object });
  const original = (Module as unknown as { _load: (r: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: unknown })._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? stub : original.call(this, request, ...rest);
  };
  try {
    return require(file) as Record<string, unknown>;
  } finally {
    (Module as unknown as { _load: unknown })._load = original;
  }
}

test('package.json main is the client bundle, and it exports activate and deactivate', () => {
  assert.equal(pkg.main, './dist/client.js');
  assert.ok(existsSync(clientBundle), `${clientBundle} is missing: run npm run build`);
  const mod = requireWithStubVscode(clientBundle);
  assert.equal(typeof mod.activate, 'function');
  assert.equal(typeof mod.deactivate, 'function');
});

test('the client bundle starts dist/server.js, which exists', () => {
  const text = readFileSync(clientBundle, 'utf8');
  assert.ok(text.includes('dist/server.js'), 'the client refers to the server bundle by its packaged path');
  assert.ok(existsSync(serverBundle), `${serverBundle} is missing: run npm run build`);
});

test('the server bundle answers initialize over Node IPC, the transport the client uses', { timeout: 20_000 }, async () => {
  const child = fork(serverBundle, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  connection.listen();
  try {
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      workspaceFolders: null,
    });
    assert.ok(result.capabilities.textDocumentSync !== undefined, 'the server syncs documents');
    assert.ok(result.capabilities.hoverProvider, 'the server provides hovers');
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  } finally {
    connection.dispose();
    child.kill();
  }
});

test('the .vsix would contain the bundles and declarative files only', { timeout: 60_000 }, () => {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
  for (const required of ['package.json', 'dist/client.js', 'dist/server.js', 'syntaxes/dtab.tmLanguage.json',
    'syntaxes/dtab-yaml.injection.tmLanguage.json', 'language-configuration.json', 'icon.png', 'LICENSE', 'CHANGELOG.md']) {
    assert.ok(files.includes(required), `${required} is packaged (got ${files.join(', ')})`);
  }
  const devFiles = files.filter((f) => /^(test|server|client\/src|scripts|bench|node_modules|\.e2e|test-artifacts)\/|\.ts$|\.map$/.test(f));
  assert.deepEqual(devFiles, [], 'no sources, tests, maps or dependencies are packaged');
});
