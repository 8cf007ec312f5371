// Creates the language client for the bundled server (dist/server.js, over Node IPC).
// The server decides which YAML files are linkerd/namerd configs; the client sends it every YAML document plus
// the `dtab.configFiles` globs, and keeps it told about settings and file changes.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { configFileGlobs, SECTION, serverSettings } from './settings.js';

/** Client id: vscode-languageclient reads the `dtab.trace.server` setting from it. */
export const CLIENT_ID = 'dtab';

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'linkerd-dtab' },
  { scheme: 'untitled', language: 'linkerd-dtab' },
  { scheme: 'namerd', language: 'linkerd-dtab' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
];

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/*.dtab'),
    ...configFileGlobs().map((glob) => vscode.workspace.createFileSystemWatcher(glob)),
  ];
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    traceOutputChannel: output,
    initializationOptions: { settings: serverSettings(), configFiles: configFileGlobs() },
    synchronize: { configurationSection: SECTION, fileEvents: watchers },
  };
  return new LanguageClient(CLIENT_ID, 'Linkerd Dtab Language Server', serverOptions, clientOptions);
}
