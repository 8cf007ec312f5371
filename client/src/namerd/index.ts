// Registers the live-namerd UI: the namerd:// file system, the namespaces view, push/pull/diff and namespace
// commands, blue-green shifts, the namerd status item and the live hover. Called once from extension.ts.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { NamerdEndpoints } from '../namerdEndpoints.js';
import { NamerdConnections } from './connections.js';
import { NamerdFileSystem } from './fileSystem.js';
import { LiveHoverProvider } from './liveHover.js';
import { NamerdStatusItem } from './namerdStatus.js';
import { copyAsText, createNamespace, deleteNamespace, diffNamespaceWithFile, openNamespace } from './namespaceCommands.js';
import { NamespacesView, VIEW_ID, type NamerdNode } from './namespacesView.js';
import { ShiftUi } from './shiftUi.js';
import { SnapshotDocuments } from './snapshots.js';
import { diffCommand, pullCommand, pushCommand, type SyncDeps } from './syncCommands.js';
import { NAMERD_SCHEME, SNAPSHOT_SCHEME } from './uri.js';

export interface NamerdFeatures {
  readonly connections: NamerdConnections;
  readonly view: NamespacesView;
  readonly fileSystem: NamerdFileSystem;
}

export function registerNamerdFeatures(
  context: vscode.ExtensionContext,
  endpoints: NamerdEndpoints,
  log: vscode.LogOutputChannel,
  languageClient?: LanguageClient,
): NamerdFeatures {
  const connections = new NamerdConnections(endpoints, log);
  const snapshots = new SnapshotDocuments();
  const fileSystem = new NamerdFileSystem(connections, snapshots, log);
  const view = new NamespacesView(connections);
  const onWritten = (): void => view.namespaceChanged();
  const shifts = new ShiftUi(context.globalStorageUri.fsPath, connections, log, onWritten);
  view.setHistorySource((endpoint, namespace) => shifts.history(endpoint, namespace));
  const liveHover = new LiveHoverProvider(connections, languageClient);
  const deps: SyncDeps = { connections, snapshots, log, languageClient, onWritten };
  const command = (id: string, run: (node?: NamerdNode) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, (node?: NamerdNode) => run(node));

  context.subscriptions.push(
    connections,
    snapshots,
    fileSystem,
    view,
    shifts,
    vscode.workspace.registerFileSystemProvider(NAMERD_SCHEME, fileSystem, { isCaseSensitive: true }),
    vscode.workspace.registerTextDocumentContentProvider(SNAPSHOT_SCHEME, snapshots),
    vscode.window.createTreeView(VIEW_ID, { treeDataProvider: view, showCollapseAll: true }),
    // Header values changed: rebuild the clients so requests carry the new values.
    context.secrets.onDidChange(() => connections.reset()),
    // namerd namespaces have no file extension: give their documents the dtab language.
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (doc.uri.scheme === NAMERD_SCHEME && doc.languageId !== 'linkerd-dtab') void vscode.languages.setTextDocumentLanguage(doc, 'linkerd-dtab');
    }),
    new NamerdStatusItem(connections),
    liveHover,
    vscode.languages.registerHoverProvider([{ language: 'linkerd-dtab' }, { language: 'yaml' }], liveHover),
    command('dtab.namerd.refresh', () => view.refresh()),
    command('dtab.namerd.openNamespace', (n) => openNamespace(deps, n)),
    command('dtab.namerd.diffWithFile', (n) => diffNamespaceWithFile(deps, n)),
    command('dtab.namerd.copyAsText', (n) => copyAsText(deps, n)),
    command('dtab.namerd.deleteNamespace', (n) => deleteNamespace(deps, n)),
    command('dtab.namerd.createNamespace', (n) => createNamespace(deps, n)),
    command('dtab.pushToNamerd', () => pushCommand(deps)),
    command('dtab.pullFromNamerd', () => pullCommand(deps)),
    command('dtab.diffWithNamerd', () => diffCommand(deps)),
    command('dtab.shift.start', () => shifts.start()),
    command('dtab.shift.pause', () => shifts.pause()),
    command('dtab.shift.resume', () => shifts.resume()),
    command('dtab.shift.abort', () => shifts.abort()),
    command('dtab.shift.rollback', () => shifts.rollback()),
    command('dtab.shift.history', () => shifts.showHistory()),
    command('dtab.shift.failover', () => shifts.failover()),
  );
  void shifts.offerResume();
  return { connections, view, fileSystem };
}
