// JSON-RPC tier: the transport the VS Code client uses (Node IPC, `--node-ipc`), not only stdio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  DidOpenTextDocumentNotification,
  ShutdownRequest,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { ensureBuilt } from './harness.js';

test('over --node-ipc: initialize, hover, shutdown, exit', async () => {
  ensureBuilt();
  const child = fork(join(__dirname, '..', '..', 'dist', 'server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  connection.listen();
  try {
    const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
    assert.ok(init.capabilities.hoverProvider);
    await connection.sendNotification(InitializedNotification.type, {});
    const uri = 'file:///work/ipc.dtab';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'linkerd-dtab', version: 1, text: '/svc => 3 * /a & /b;' },
    });
    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 8 } });
    assert.match((hover?.contents as MarkupContent).value, /\*\*75%\*\*/);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
  } finally {
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
});
