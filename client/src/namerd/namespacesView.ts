// The "Namerd Namespaces" view: endpoints → namespaces → dentries (plus each namespace's shift history). Kept
// fresh by namerd watches: one namespace-list watch per endpoint shown, one dtab watch per namespace expanded.

import * as vscode from 'vscode';
import type { ShiftHistoryEntry } from '../../../server/src/namerd/shift/state.js';
import { normaliseDentries, type CanonicalDentry } from '../../../server/src/namerd/sync/canonical.js';
import { errorMessage, type NamerdConnections } from './connections.js';
import { namespaceUri } from './fileSystem.js';

export type NamerdNode =
  | { readonly kind: 'endpoint'; readonly endpoint: string }
  | { readonly kind: 'namespace'; readonly endpoint: string; readonly namespace: string }
  | { readonly kind: 'dentry'; readonly endpoint: string; readonly namespace: string; readonly index: number; readonly dentry: CanonicalDentry }
  | { readonly kind: 'history'; readonly endpoint: string; readonly namespace: string; readonly entries: readonly ShiftHistoryEntry[] }
  | { readonly kind: 'shift'; readonly endpoint: string; readonly namespace: string; readonly entry: ShiftHistoryEntry }
  | { readonly kind: 'message'; readonly text: string; readonly detail?: string };

export const VIEW_ID = 'dtab.namerdNamespaces';

/** Shift history per namespace, provided by the shift UI. */
export type HistorySource = (endpoint: string, namespace: string) => Promise<readonly ShiftHistoryEntry[]>;

export class NamespacesView implements vscode.TreeDataProvider<NamerdNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<NamerdNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listWatches = new Map<string, { close(): void }>();
  private readonly dtabWatches = new Map<string, { close(): void }>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private history: HistorySource = async () => [];

  constructor(private readonly connections: NamerdConnections) {
    this.subscriptions.push(this.connections.onDidChange(() => this.refresh()));
  }

  setHistorySource(source: HistorySource): void {
    this.history = source;
  }

  /** Drops all watches and re-reads everything. */
  refresh(): void {
    this.closeWatches();
    this.changed.fire(undefined);
  }

  getTreeItem(node: NamerdNode): vscode.TreeItem {
    switch (node.kind) {
      case 'endpoint': {
        const item = new vscode.TreeItem(node.endpoint, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `endpoint:${node.endpoint}`;
        item.contextValue = 'namerdEndpoint';
        item.iconPath = new vscode.ThemeIcon('server');
        item.description = this.connections.urls().get(node.endpoint);
        return item;
      }
      case 'namespace': {
        const item = new vscode.TreeItem(node.namespace, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `namespace:${node.endpoint}/${node.namespace}`;
        item.contextValue = 'namerdNamespace';
        item.iconPath = new vscode.ThemeIcon('symbol-namespace');
        item.resourceUri = namespaceUri(node.endpoint, node.namespace);
        item.command = { command: 'dtab.namerd.openNamespace', title: 'Open', arguments: [node] };
        item.tooltip = `namerd://${node.endpoint}/${node.namespace}`;
        return item;
      }
      case 'dentry': {
        const item = new vscode.TreeItem(`${node.dentry.prefix} => ${node.dentry.dst}`, vscode.TreeItemCollapsibleState.None);
        item.contextValue = 'namerdDentry';
        item.iconPath = new vscode.ThemeIcon('arrow-right');
        item.tooltip = `dentry ${node.index + 1} of namespace ${node.namespace}`;
        return item;
      }
      case 'history': {
        const item = new vscode.TreeItem('Shift history', vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('history');
        item.description = `${node.entries.length}`;
        return item;
      }
      case 'shift': {
        const e = node.entry;
        const item = new vscode.TreeItem(`${e.prefix}: ${e.status} (${e.stepCount}/${e.steps.length})`, vscode.TreeItemCollapsibleState.None);
        item.description = e.startedAt;
        item.tooltip = `${e.from} → ${e.to}, steps ${e.steps.join(', ')}%, versions ${e.versions.join(' → ')}`;
        item.iconPath = new vscode.ThemeIcon(e.status === 'completed' ? 'pass' : e.status === 'rolled-back' ? 'discard' : e.status === 'aborted' ? 'circle-slash' : 'sync');
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.detail;
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
    }
  }

  async getChildren(node?: NamerdNode): Promise<NamerdNode[]> {
    if (!node) {
      const names = this.connections.names();
      if (names.length === 0) {
        return [{ kind: 'message', text: 'No namerd endpoint configured', detail: 'Add one to dtab.namerd.endpoints in your user settings.' }];
      }
      return names.map((endpoint) => ({ kind: 'endpoint', endpoint }));
    }
    if (node.kind === 'endpoint') return this.namespaces(node.endpoint);
    if (node.kind === 'namespace') return this.dentries(node.endpoint, node.namespace);
    if (node.kind === 'history') return node.entries.map((entry) => ({ kind: 'shift', endpoint: node.endpoint, namespace: node.namespace, entry }));
    return [];
  }

  private async namespaces(endpoint: string): Promise<NamerdNode[]> {
    try {
      const { client } = await this.connections.get(endpoint);
      const list = await client.listNamespaces();
      if (!this.listWatches.has(endpoint)) {
        let last = JSON.stringify(list);
        this.listWatches.set(endpoint, client.watchNamespaces({
          onValue: (names) => {
            const now = JSON.stringify(names);
            if (now !== last) {
              last = now;
              this.changed.fire(undefined);
            }
          },
        }));
      }
      if (list.length === 0) return [{ kind: 'message', text: 'No namespaces' }];
      return [...list].sort().map((namespace) => ({ kind: 'namespace', endpoint, namespace }));
    } catch (e) {
      return [{ kind: 'message', text: `Cannot list namespaces: ${errorMessage(e)}`, detail: errorMessage(e) }];
    }
  }

  private async dentries(endpoint: string, namespace: string): Promise<NamerdNode[]> {
    try {
      const { client } = await this.connections.get(endpoint);
      const stored = await client.getDtab(namespace);
      const key = `${endpoint}/${namespace}`;
      if (!this.dtabWatches.has(key)) {
        let first = true;
        this.dtabWatches.set(key, client.watchDtab(namespace, {
          onValue: () => {
            if (first) return void (first = false);
            this.changed.fire(undefined);
          },
        }));
      }
      const nodes: NamerdNode[] = normaliseDentries(stored.dentries).map((dentry, index) => ({ kind: 'dentry', endpoint, namespace, index, dentry }));
      const entries = await this.history(endpoint, namespace).catch(() => []);
      if (entries.length > 0) nodes.push({ kind: 'history', endpoint, namespace, entries: [...entries].reverse() });
      return nodes.length > 0 ? nodes : [{ kind: 'message', text: 'Empty dtab' }];
    } catch (e) {
      return [{ kind: 'message', text: `Cannot read the dtab: ${errorMessage(e)}` }];
    }
  }

  /** A namespace changed because of us (save, push, shift): refresh its node now rather than waiting for the watch. */
  namespaceChanged(): void {
    // Elements are plain objects re-created on every read, so the whole tree is re-read (items keep their ids).
    this.changed.fire(undefined);
  }

  private closeWatches(): void {
    for (const w of [...this.listWatches.values(), ...this.dtabWatches.values()]) w.close();
    this.listWatches.clear();
    this.dtabWatches.clear();
  }

  dispose(): void {
    this.closeWatches();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
