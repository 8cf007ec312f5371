// A language status item for the active dtab: its namerd endpoint and namespace, and whether the file's dentries
// differ from what namerd serves (canonical comparison: comments and layout do not count). Re-checked on edits
// (debounced), saves, editor switches and namerd changes (a watch on the namespace).

import * as vscode from 'vscode';
import { parseDtab } from '../../../server/src/core/dtab/parse.js';
import { canonicalFromDocument } from '../../../server/src/namerd/sync/canonical.js';
import { readCanonical } from '../../../server/src/namerd/sync/cas.js';
import { diffDentries, hasChanges, summarise } from '../../../server/src/namerd/sync/diff.js';
import { errorMessage, type NamerdConnections } from './connections.js';
import { documentTarget } from './documentTarget.js';

const DEBOUNCE_MS = 500;

export class NamerdStatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private watch: { key: string; handle: { close(): void } } | undefined;
  /** Ignores answers of older checks. */
  private generation = 0;

  constructor(private readonly connections: NamerdConnections) {
    this.item = vscode.languages.createLanguageStatusItem('dtab.namerd', { language: 'linkerd-dtab' });
    this.item.name = 'namerd';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && this.schedule(DEBOUNCE_MS)),
      vscode.workspace.onDidSaveTextDocument(() => this.schedule(0)),
      connections.onDidChange(() => {
        // The old clients are closed: watch again through the new ones.
        this.setWatch(undefined);
        this.schedule(0);
      }),
    );
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), ms);
  }

  private setWatch(key: string | undefined, start?: () => { close(): void }): void {
    if (this.watch?.key === key) return;
    this.watch?.handle.close();
    this.watch = key && start ? { key, handle: start() } : undefined;
  }

  private async check(): Promise<void> {
    const generation = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    const item = this.item;
    item.command = undefined;
    item.severity = vscode.LanguageStatusSeverity.Information;
    if (!doc || doc.languageId !== 'linkerd-dtab') return this.setWatch(undefined);
    if (this.connections.names().length === 0) {
      item.text = 'namerd: off';
      item.detail = 'no endpoint configured';
      return this.setWatch(undefined);
    }
    const target = documentTarget(this.connections, doc);
    if (!target.ok) {
      item.text = 'namerd: not linked';
      item.detail = target.unmapped ? 'add `# namerd: <namespace>` or a namespace mapping' : target.message;
      return this.setWatch(undefined);
    }
    item.text = `namerd: ${target.endpoint}/${target.namespace}`;
    item.busy = true;
    try {
      const conn = await this.connections.get(target.endpoint);
      this.setWatch(`${conn.url}\u0000${target.namespace}`, () => {
        let first = true;
        return conn.client.watchDtab(target.namespace, { onValue: () => (first ? (first = false) : this.schedule(0)) });
      });
      const theirs = await readCanonical(conn.client, target.namespace);
      if (generation !== this.generation) return;
      const parsed = parseDtab(doc.getText());
      const changes = diffDentries(theirs.dentries, canonicalFromDocument(parsed));
      if (!hasChanges(changes)) {
        item.detail = `same as namerd (version ${theirs.version})`;
      } else {
        const s = summarise(changes);
        item.detail = `differs from namerd version ${theirs.version}: ${s.added} added, ${s.removed} removed, ${s.changed} changed`;
        item.severity = vscode.LanguageStatusSeverity.Warning;
        item.command = { command: 'dtab.diffWithNamerd', title: 'Compare' };
      }
      if (parsed.errors.length > 0) item.detail += ` (${parsed.errors.length} syntax error(s) not compared)`;
    } catch (e) {
      if (generation !== this.generation) return;
      item.detail = `namerd unreachable: ${errorMessage(e)}`;
      item.severity = vscode.LanguageStatusSeverity.Error;
    } finally {
      if (generation === this.generation) item.busy = false;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.setWatch(undefined);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
