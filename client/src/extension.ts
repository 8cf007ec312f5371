// Extension entry point: starts the dtab language server and wires the VS Code UI around it.

import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { ServerStatusNotification } from '../../server/src/protocol/index.js';
import { createLanguageClient } from './languageClient.js';
import { NamerdEndpoints } from './namerdEndpoints.js';
import { registerNamerdFeatures } from './namerd/index.js';
import { DtabStatusItem, type ServerState } from './statusItem.js';

/** What `activate` returns: for other extensions and for the extension-host tests. */
export interface DtabExtensionApi {
  readonly client: LanguageClient;
  readonly namerdEndpoints: NamerdEndpoints;
  serverState(): ServerState;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<DtabExtensionApi> {
  const output = vscode.window.createOutputChannel('Linkerd Dtab', { log: true });
  const status = new DtabStatusItem();
  const namerdEndpoints = new NamerdEndpoints(context.secrets);
  context.subscriptions.push(output, status);

  const languageClient = createLanguageClient(context, output);
  client = languageClient;
  let state: ServerState = 'starting';
  context.subscriptions.push(
    languageClient.onDidChangeState((e) => {
      state = e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped';
      status.setState(state);
      output.info(`[client] language server ${state}`);
    }),
    languageClient.onNotification(ServerStatusNotification, (params) => status.recordCheck(params)),
    vscode.commands.registerCommand('dtab.restartServer', async () => {
      output.info('[client] restarting the language server');
      await languageClient.restart();
    }),
    vscode.commands.registerCommand('dtab.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('dtab.setNamerdHeaderValue', () => namerdEndpoints.promptSetHeaderValue()),
    vscode.commands.registerCommand('dtab.clearNamerdHeaderValue', () => namerdEndpoints.promptClearHeaderValue()),
  );
  registerNamerdFeatures(context, namerdEndpoints, output, languageClient);

  output.info(`[client] starting the language server ${context.asAbsolutePath('dist/server.js')} (Node IPC)`);
  try {
    await languageClient.start();
  } catch (e) {
    // A server that cannot start must not break activation: the status item and the output say what happened.
    output.error(`[client] the language server did not start: ${(e as Error).message}`);
    status.setState('stopped');
  }
  return { client: languageClient, namerdEndpoints, serverState: () => state };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
