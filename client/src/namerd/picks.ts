// Quick picks shared by the namerd commands: an endpoint, then a namespace on it; and the namespace a local file is
// linked to (pragma, pull header or mapping), asking only when the file is not linked.

import * as vscode from 'vscode';
import { errorMessage, type Connection, type NamerdConnections } from './connections.js';
import { documentTarget } from './documentTarget.js';

export interface PickedNamespace {
  readonly connection: Connection;
  readonly namespace: string;
  /** True when the user typed a namespace namerd does not list. */
  readonly isNew: boolean;
}

export async function pickEndpoint(connections: NamerdConnections, title: string): Promise<Connection | undefined> {
  const names = connections.names();
  if (names.length === 0) {
    void vscode.window.showWarningMessage('No namerd endpoint is configured: add one to dtab.namerd.endpoints in your user settings.');
    return undefined;
  }
  let name = names[0]!;
  if (names.length > 1) {
    const urls = connections.urls();
    const def = connections.defaultName();
    const items = names.map((n) => ({ label: n, description: urls.get(n), detail: n === def ? 'default endpoint' : undefined }));
    const pick = await vscode.window.showQuickPick(items, { title, placeHolder: 'namerd endpoint', ignoreFocusOut: true });
    if (!pick) return undefined;
    name = pick.label;
  }
  try {
    return await connections.get(name);
  } catch (e) {
    void vscode.window.showErrorMessage(errorMessage(e));
    return undefined;
  }
}

const NAMESPACE_NAME = /^[A-Za-z0-9_-]+$/;

export function namespaceNameProblem(name: string): string | undefined {
  return NAMESPACE_NAME.test(name) ? undefined : 'A namerd namespace name uses letters, digits, "-" and "_" only';
}

/** Picks a namespace; with `allowNew`, the user may type a name namerd does not have yet. */
export async function pickNamespace(connections: NamerdConnections, title: string, allowNew: boolean): Promise<PickedNamespace | undefined> {
  const connection = await pickEndpoint(connections, title);
  if (!connection) return undefined;
  let names: string[];
  try {
    names = await connection.client.listNamespaces();
  } catch (e) {
    void vscode.window.showErrorMessage(`Cannot list the namespaces of ${connection.name}: ${errorMessage(e)}`);
    return undefined;
  }
  const items: vscode.QuickPickItem[] = [...names].sort().map((label) => ({ label }));
  const NEW = '$(add) New namespace…';
  if (allowNew) items.push({ label: NEW });
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: `namespace on ${connection.name}`, ignoreFocusOut: true });
  if (!pick) return undefined;
  if (pick.label !== NEW) return { connection, namespace: pick.label, isNew: false };
  const typed = await vscode.window.showInputBox({ title: 'New namerd namespace', prompt: 'Name of the namespace', ignoreFocusOut: true, validateInput: (v) => (names.includes(v) ? 'That namespace exists already' : namespaceNameProblem(v)) });
  return typed ? { connection, namespace: typed, isNew: true } : undefined;
}

/** The namespace a document is linked to, or a pick when it is not linked to one. */
export async function namespaceForDocument(connections: NamerdConnections, doc: vscode.TextDocument, title: string, allowNew: boolean): Promise<PickedNamespace | undefined> {
  const target = documentTarget(connections, doc);
  if (!target.ok) {
    if (!target.unmapped) void vscode.window.showWarningMessage(target.message);
    return pickNamespace(connections, title, allowNew);
  }
  try {
    return { connection: await connections.get(target.endpoint), namespace: target.namespace, isNew: false };
  } catch (e) {
    void vscode.window.showErrorMessage(errorMessage(e));
    return undefined;
  }
}
