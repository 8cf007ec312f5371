// A language status item (the `{}` in the status bar for dtab and YAML files): server state and the last check.

import * as vscode from 'vscode';
import type { ServerStatusParams } from '../../server/src/protocol/index.js';

export type ServerState = 'starting' | 'running' | 'stopped';

export class DtabStatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private state: ServerState = 'starting';
  /** The last check of each document, so the item describes the file in the active editor. */
  private readonly checks = new Map<string, { at: Date; status: ServerStatusParams }>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('dtab.server', [
      { language: 'linkerd-dtab' },
      { language: 'yaml' },
    ]);
    this.item.name = 'Linkerd Dtab';
    this.item.command = { command: 'dtab.showOutput', title: 'Show output' };
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.checks.delete(doc.uri.toString())),
    );
    this.render();
  }

  setState(state: ServerState): void {
    this.state = state;
    this.render();
  }

  recordCheck(status: ServerStatusParams): void {
    if (status.kind === 'ignored') this.checks.delete(status.uri);
    else this.checks.set(status.uri, { at: new Date(), status });
    this.render();
  }

  private render(): void {
    const item = this.item;
    item.busy = this.state === 'starting';
    item.severity = this.state === 'stopped' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    item.text = this.state === 'running' ? 'Dtab' : this.state === 'starting' ? 'Dtab: starting' : 'Dtab: server stopped';
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const check = active === undefined ? undefined : this.checks.get(active);
    if (this.state === 'stopped') {
      item.detail = 'run "Dtab: Restart Language Server"';
    } else if (check) {
      const { status } = check;
      const what = status.kind === 'dtab' ? 'dtab' : 'linkerd/namerd config';
      item.detail = `last check ${check.at.toLocaleTimeString()} (${what}, ${formatMs(status.durationMs)}, ` +
        `${plural(status.errors, 'error')}, ${plural(status.warnings, 'warning')})`;
    } else {
      item.detail = 'not a dtab or linkerd/namerd config, or not checked yet';
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const formatMs = (ms: number): string => (ms < 1 ? '<1 ms' : ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`);
