// The namerd namespace of an open document: a namerd:// document is its own namespace; a local dtab file is linked
// by its first line or dtab.namerd.namespaceMapping (target.ts). Shared by the status item and the live hover.

import * as vscode from 'vscode';
import { readNamerdConfig } from '../settings.js';
import type { NamerdConnections } from './connections.js';
import { locationOf } from './fileSystem.js';
import { resolveFileTarget, type FileTarget, type TargetInputs } from './target.js';

export function documentTarget(connections: NamerdConnections, doc: vscode.TextDocument): FileTarget {
  const loc = locationOf(doc.uri);
  if (loc) return { ok: true, endpoint: loc.endpoint, namespace: loc.namespace, reason: 'namerd document' };
  return resolveFileTarget(documentTargetInputs(connections, doc));
}

/** What decides a local file's namespace: its text, its workspace-relative path and the settings. */
export function documentTargetInputs(connections: NamerdConnections, doc: vscode.TextDocument): TargetInputs {
  const config = readNamerdConfig(doc.uri);
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  return {
    text: doc.getText(),
    relativePath: folder ? vscode.workspace.asRelativePath(doc.uri, false) : undefined,
    mapping: config.namespaceMapping,
    endpoints: connections.urls(),
    defaultEndpoint: config.defaultEndpoint,
  };
}
