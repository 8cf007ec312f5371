// Commands on the namespaces view's items: open as a namerd:// document, diff with a local file, copy as text,
// create and delete (with a modal confirmation).

import * as vscode from 'vscode';
import { readDtab } from '../../../server/src/core/dtab/parse.js';
import { canonicalFromDtab, normaliseDentries } from '../../../server/src/namerd/sync/canonical.js';
import { formatDentries } from '../../../server/src/namerd/sync/pull.js';
import { errorMessage } from './connections.js';
import { namespaceUri } from './fileSystem.js';
import type { NamerdNode } from './namespacesView.js';
import { namespaceNameProblem, pickEndpoint, pickNamespace } from './picks.js';
import { diffDocumentWithNamespace, type SyncDeps } from './syncCommands.js';

/** The namespace of a view item, or a pick when the command runs from the palette. */
async function namespaceOf(deps: SyncDeps, node: NamerdNode | undefined, title: string): Promise<{ endpoint: string; namespace: string } | undefined> {
  if (node && (node.kind === 'namespace' || node.kind === 'dentry')) return { endpoint: node.endpoint, namespace: node.namespace };
  const picked = await pickNamespace(deps.connections, title, false);
  return picked ? { endpoint: picked.connection.name, namespace: picked.namespace } : undefined;
}

export async function openNamespace(deps: SyncDeps, node?: NamerdNode): Promise<void> {
  const ns = await namespaceOf(deps, node, 'Open which namespace?');
  if (!ns) return;
  try {
    const doc = await vscode.workspace.openTextDocument(namespaceUri(ns.endpoint, ns.namespace));
    const shown = doc.languageId === 'linkerd-dtab' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'linkerd-dtab');
    await vscode.window.showTextDocument(shown, { preview: false });
  } catch (e) {
    void vscode.window.showErrorMessage(`Cannot open ${ns.endpoint}/${ns.namespace}: ${errorMessage(e)}`);
  }
}

export async function diffNamespaceWithFile(deps: SyncDeps, node?: NamerdNode): Promise<void> {
  const ns = await namespaceOf(deps, node, 'Compare which namespace?');
  if (!ns) return;
  const files = await vscode.workspace.findFiles('**/*.dtab', '**/node_modules/**', 200);
  const items = files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }));
  const pick = await vscode.window.showQuickPick(items, { title: `Compare ${ns.endpoint}/${ns.namespace} with which local file?`, ignoreFocusOut: true });
  if (!pick) return;
  const doc = await vscode.workspace.openTextDocument(pick.uri);
  try {
    const conn = await deps.connections.get(ns.endpoint);
    await diffDocumentWithNamespace(deps, doc, doc.getText(), conn, ns.namespace);
  } catch (e) {
    void vscode.window.showErrorMessage(errorMessage(e));
  }
}

export async function copyAsText(deps: SyncDeps, node?: NamerdNode): Promise<void> {
  if (node?.kind === 'dentry') {
    await vscode.env.clipboard.writeText(`${node.dentry.prefix} => ${node.dentry.dst};`);
    return;
  }
  const ns = await namespaceOf(deps, node, 'Copy which namespace?');
  if (!ns) return;
  try {
    const { client } = await deps.connections.get(ns.endpoint);
    const stored = await client.getDtab(ns.namespace);
    await vscode.env.clipboard.writeText(formatDentries(normaliseDentries(stored.dentries)));
    void vscode.window.setStatusBarMessage(`Copied ${ns.endpoint}/${ns.namespace} (version ${stored.version})`, 3000);
  } catch (e) {
    void vscode.window.showErrorMessage(`Cannot copy ${ns.endpoint}/${ns.namespace}: ${errorMessage(e)}`);
  }
}

export async function deleteNamespace(deps: SyncDeps, node?: NamerdNode): Promise<void> {
  const ns = await namespaceOf(deps, node, 'Delete which namespace?');
  if (!ns) return;
  const answer = await vscode.window.showWarningMessage(
    `Delete namespace ${ns.namespace} from namerd ${ns.endpoint}? Routers using it lose their routes. namerd has no undo (copy it first if in doubt).`,
    { modal: true },
    'Delete',
  );
  if (answer !== 'Delete') return;
  try {
    const { client } = await deps.connections.get(ns.endpoint);
    await client.deleteDtab(ns.namespace);
    deps.log.info(`[namerd] deleted namespace ${ns.namespace} on ${ns.endpoint}`);
    deps.onWritten(ns.endpoint, ns.namespace);
  } catch (e) {
    void vscode.window.showErrorMessage(`Cannot delete ${ns.endpoint}/${ns.namespace}: ${errorMessage(e)}`);
  }
}

export async function createNamespace(deps: SyncDeps, node?: NamerdNode): Promise<void> {
  const conn = node?.kind === 'endpoint'
    ? await deps.connections.get(node.endpoint).catch((e: unknown) => void vscode.window.showErrorMessage(errorMessage(e)))
    : await pickEndpoint(deps.connections, 'Create a namespace on which endpoint?');
  if (!conn) return;
  const namespace = await vscode.window.showInputBox({ title: `New namespace on ${conn.name}`, prompt: 'Name of the namespace', ignoreFocusOut: true, validateInput: namespaceNameProblem });
  if (!namespace) return;
  const dtab = await vscode.window.showInputBox({
    title: `Initial dtab of ${namespace}`,
    prompt: 'Dentries separated by ";" (may be empty)',
    ignoreFocusOut: true,
    value: '/svc => /#/io.l5d.fs',
  });
  if (dtab === undefined) return;
  const parsed = readDtab(dtab);
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(`Not created: ${parsed.message}`);
    return;
  }
  try {
    await conn.client.createDtab(namespace, { format: 'json', dentries: canonicalFromDtab(parsed.value) }, { learnVersion: false });
    deps.log.info(`[namerd] created namespace ${namespace} on ${conn.name}`);
    deps.onWritten(conn.name, namespace);
    await openNamespace(deps, { kind: 'namespace', endpoint: conn.name, namespace });
  } catch (e) {
    void vscode.window.showErrorMessage(`Cannot create ${namespace} on ${conn.name}: ${errorMessage(e)}`);
  }
}

