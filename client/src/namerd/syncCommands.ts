// Push, pull and diff between local dtab files and namerd namespaces, on top of server/src/namerd/sync (plan
// first, show the canonical difference, confirm, then compare-and-set). A conflict is shown as a diff of namerd's
// current dtab (theirs) against the file (yours), with the three-way report in the output; nothing is overwritten.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { parseDtab } from '../../../server/src/core/dtab/parse.js';
import { CanonicalDtabRequest } from '../../../server/src/protocol/index.js';
import { canonicalFromDocument, normaliseDentries, type CanonicalDentry } from '../../../server/src/namerd/sync/canonical.js';
import { diffDentries, hasChanges, summarise, type ThreeWayDiff } from '../../../server/src/namerd/sync/diff.js';
import { formatHeader, replaceHeader } from '../../../server/src/namerd/sync/header.js';
import { formatDentries, pullDtab } from '../../../server/src/namerd/sync/pull.js';
import { applyPush, planPush, type PushPlan } from '../../../server/src/namerd/sync/push.js';
import { renderChanges, renderThreeWay } from '../../../server/src/namerd/sync/render.js';
import { errorMessage, type Connection, type NamerdConnections } from './connections.js';
import { namespaceForDocument, pickNamespace } from './picks.js';
import { showDiff, type SnapshotDocuments } from './snapshots.js';

export interface SyncDeps {
  readonly connections: NamerdConnections;
  readonly snapshots: SnapshotDocuments;
  readonly log: vscode.LogOutputChannel;
  readonly languageClient?: LanguageClient;
  /** Called after a successful write, so views refresh at once. */
  readonly onWritten: (endpoint: string, namespace: string) => void;
}

interface LocalDtab {
  readonly doc: vscode.TextDocument;
  /** Dtab text to push: the whole `.dtab` file, or the canonical form of a YAML-embedded dtab. */
  readonly text: string;
  readonly embedded: boolean;
}

/** The active editor's dtab: a `.dtab` document as is, or the embedded dtab at the cursor of a linkerd/namerd YAML. */
async function activeDtab(deps: SyncDeps): Promise<LocalDtab | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('Open a .dtab file (or a linkerd/namerd YAML with the cursor in its dtab) first.');
    return undefined;
  }
  const doc = editor.document;
  if (doc.languageId === 'linkerd-dtab') return { doc, text: doc.getText(), embedded: false };
  if (doc.languageId === 'yaml' && deps.languageClient) {
    const r = await deps.languageClient.sendRequest(CanonicalDtabRequest, {
      textDocument: { uri: doc.uri.toString() },
      position: { line: editor.selection.active.line, character: editor.selection.active.character },
    });
    if (!r.ok) {
      void vscode.window.showWarningMessage(`No dtab to use here: ${r.message}`);
      return undefined;
    }
    return { doc, text: r.lines.join('\n'), embedded: true };
  }
  void vscode.window.showWarningMessage('The active file is not a dtab or a linkerd/namerd YAML.');
  return undefined;
}

function show(deps: SyncDeps, title: string, lines: readonly string[]): void {
  deps.log.info(`[namerd] ${title}\n${lines.join('\n')}`);
}

async function showConflict(deps: SyncDeps, local: LocalDtab, target: string, conflict: ThreeWayDiff): Promise<void> {
  show(deps, `push to ${target} refused: namerd changed since the file's version`, renderThreeWay(conflict));
  const theirs = deps.snapshots.create(`${target.replace(/\//g, '-')} (namerd ${conflict.theirVersion})`, formatDentries(conflict.theirs));
  const yours = deps.snapshots.create(`${local.doc.fileName.split(/[\\/]/).pop()} (yours)`, formatDentries(conflict.yours));
  await showDiff(theirs, yours, `Conflict: namerd ${target} (theirs, ${conflict.theirVersion}) ↔ yours`);
  const both = conflict.overlapping.length > 0 ? ` Both sides changed ${conflict.overlapping.join(', ')}.` : '';
  void vscode.window.showWarningMessage(
    `Not pushed: ${target} changed on namerd since the file was pulled (now version ${conflict.theirVersion}).${both} Merge their changes into the file, then pull again (or remove the version header) and push.`,
  );
}

/** After a push or pull: rewrite the `.dtab` file's header with the new version (other text untouched). */
async function updateHeader(doc: vscode.TextDocument, conn: Connection, namespace: string, version: string, base: readonly CanonicalDentry[]): Promise<void> {
  const header = formatHeader({ endpoint: conn.url, namespace, version, base });
  const text = doc.getText();
  const next = replaceHeader(text, header);
  if (next === text) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(text.length)), next);
  await vscode.workspace.applyEdit(edit);
}

export async function pushCommand(deps: SyncDeps): Promise<void> {
  const local = await activeDtab(deps);
  if (!local) return;
  const picked = await namespaceForDocument(deps.connections, local.doc, 'Push the dtab to which namerd namespace?', true);
  if (!picked) return;
  const { connection: conn, namespace } = picked;
  const target = `${conn.name}/${namespace}`;
  try {
    let plan: PushPlan = await planPush(conn.client, { namespace, text: local.text, endpoint: conn.url, create: picked.isNew });
    if (plan.kind === 'not-found') {
      const create = await vscode.window.showWarningMessage(`Namespace ${namespace} does not exist on ${conn.name}.`, { modal: true }, 'Create It');
      if (create !== 'Create It') return;
      plan = await planPush(conn.client, { namespace, text: local.text, endpoint: conn.url, create: true });
    }
    switch (plan.kind) {
      case 'refused': {
        const e = plan.errors[0]!;
        const at = local.doc.positionAt(e.span.start);
        void vscode.window.showErrorMessage(`Not pushed: the dtab has ${plan.errors.length} syntax error(s); first at line ${at.line + 1}: ${e.message}`);
        return;
      }
      case 'not-found':
        return;
      case 'conflict':
        return showConflict(deps, local, target, plan.conflict);
      case 'up-to-date':
        void vscode.window.showInformationMessage(`${target} already has this dtab (version ${plan.version}); nothing to push.`);
        if (!local.embedded && plan.header.version !== plan.version) await updateHeader(local.doc, conn, namespace, plan.version, plan.dentries);
        return;
    }
    const before = plan.kind === 'update' ? plan.current : [];
    const lines = renderChanges(plan.changes);
    show(deps, `push to ${target}: planned changes`, lines);
    const left = deps.snapshots.create(`${namespace} (namerd${plan.kind === 'update' ? ' ' + plan.baseVersion : ', new'})`, formatDentries(before));
    const right = deps.snapshots.create(`${namespace} (after push)`, formatDentries(plan.next));
    await showDiff(left, right, `Push to ${target}: namerd ↔ after push`);
    const s = summarise(plan.changes);
    const warn = plan.warnings.length > 0 ? `\n\nNote: ${plan.warnings.join('; ')}.` : '';
    const verb = plan.kind === 'create' ? `Create namespace ${namespace} on ${conn.name}` : `Push to ${target}`;
    const ok = await vscode.window.showWarningMessage(
      `${verb}? ${s.added} added, ${s.removed} removed, ${s.changed} changed dentr${s.added + s.removed + s.changed === 1 ? 'y' : 'ies'} (see the diff).${warn}`,
      { modal: true },
      'Push',
    );
    if (ok !== 'Push') return;
    const result = await applyPush(conn.client, plan);
    if (result.kind === 'conflict') return showConflict(deps, local, target, result.conflict);
    if (result.kind === 'not-found') {
      void vscode.window.showErrorMessage(`Not pushed: namespace ${namespace} was deleted from ${conn.name} meanwhile.`);
      return;
    }
    deps.onWritten(conn.name, namespace);
    const version = result.version;
    deps.log.info(`[namerd] pushed to ${target}: ${result.created ? 'created' : 'updated'}, version ${version ?? 'unknown (namerd changed again right after)'}`);
    if (version !== undefined && !local.embedded && local.doc.languageId === 'linkerd-dtab') {
      await updateHeader(local.doc, conn, namespace, version, result.dentries);
    }
    void vscode.window.showInformationMessage(`Pushed to ${target}${version ? ` (version ${version})` : ''}.${result.verified ? '' : ' namerd changed again right after the push: pull to see the latest.'}`);
  } catch (e) {
    void vscode.window.showErrorMessage(`Push to ${target} failed: ${errorMessage(e)}`);
  }
}

export async function pullCommand(deps: SyncDeps): Promise<void> {
  const picked = await pickNamespace(deps.connections, 'Pull which namerd namespace?', false);
  if (!picked) return;
  const { connection: conn, namespace } = picked;
  let pulled;
  try {
    pulled = await pullDtab(conn.client, namespace);
  } catch (e) {
    void vscode.window.showErrorMessage(`Pull of ${conn.name}/${namespace} failed: ${errorMessage(e)}`);
    return;
  }
  const active = vscode.window.activeTextEditor?.document;
  const NEW = 'New File';
  const REPLACE = 'Replace the Active File';
  const choice = active?.languageId === 'linkerd-dtab' && active.uri.scheme !== 'namerd'
    ? await vscode.window.showQuickPick([NEW, REPLACE], { title: `Pull ${conn.name}/${namespace} into…`, ignoreFocusOut: true })
    : NEW;
  if (!choice) return;
  if (choice === REPLACE && active) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(active.uri, new vscode.Range(active.positionAt(0), active.positionAt(active.getText().length)), pulled.text);
    await vscode.workspace.applyEdit(edit);
  } else {
    const doc = await vscode.workspace.openTextDocument({ language: 'linkerd-dtab', content: pulled.text });
    await vscode.window.showTextDocument(doc);
  }
  deps.log.info(`[namerd] pulled ${conn.name}/${namespace} at version ${pulled.version} (${pulled.dentries.length} dentries)`);
}

/** Diff of namerd's namespace (left) against a local document's dtab (right), both canonical and pretty-printed. */
export async function diffDocumentWithNamespace(deps: SyncDeps, doc: vscode.TextDocument, text: string, conn: Connection, namespace: string): Promise<void> {
  const parsed = parseDtab(text);
  if (parsed.errors.length > 0) {
    void vscode.window.showWarningMessage(`The file has ${parsed.errors.length} syntax error(s); the diff shows only its valid dentries.`);
  }
  const yours = canonicalFromDocument(parsed);
  let theirs;
  try {
    const stored = await conn.client.getDtab(namespace);
    theirs = { version: stored.version, dentries: normaliseDentries(stored.dentries) };
  } catch (e) {
    void vscode.window.showErrorMessage(`Cannot read ${conn.name}/${namespace}: ${errorMessage(e)}`);
    return;
  }
  const changes = diffDentries(theirs.dentries, yours);
  show(deps, `diff ${conn.name}/${namespace} (version ${theirs.version}) → ${doc.fileName}`, hasChanges(changes) ? renderChanges(changes) : ['no differences']);
  const left = deps.snapshots.create(`${namespace} (namerd ${theirs.version})`, formatDentries(theirs.dentries));
  const right = deps.snapshots.create(`${doc.fileName.split(/[\\/]/).pop()} (canonical)`, formatDentries(yours));
  await showDiff(left, right, `namerd ${conn.name}/${namespace} ↔ ${doc.fileName.split(/[\\/]/).pop()}`);
  if (!hasChanges(changes)) void vscode.window.showInformationMessage(`${doc.fileName.split(/[\\/]/).pop()} has the same dentries as ${conn.name}/${namespace}.`);
}

export async function diffCommand(deps: SyncDeps): Promise<void> {
  const local = await activeDtab(deps);
  if (!local) return;
  const picked = await namespaceForDocument(deps.connections, local.doc, 'Compare with which namerd namespace?', false);
  if (!picked) return;
  await diffDocumentWithNamespace(deps, local.doc, local.text, picked.connection, picked.namespace);
}
