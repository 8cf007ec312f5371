// A language status item (the `{}` in the status bar for dtab and YAML files): server state and the last check.

import * as vscode from 'vscode';
import type { ServerStatusParams } from '../../server/src/protocol/index.js';

export type ServerState = 'starting' | 'running' | 'stopped';

export class DtabStatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private state: ServerState = 'starting';
  private lastCheck?: { at: Date; status: ServerStatusParams };

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('dtab.server', [
      { language: 'linkerd-dtab' },
      { language: 'yaml' },
    ]);
    this.item.name = 'Linkerd Dtab';
    this.item.command = { command: 'dtab.showOutput', title: 'Show output' };
    this.render();
  }

  setState(state: ServerState): void {
    this.state = state;
    this.render();
  }

  recordCheck(status: ServerStatusParams): void {
    if (status.kind === 'ignored') return;
    this.lastCheck = { at: new Date(), status };
    this.render();
  }

  private render(): void {
    const item = this.item;
    item.busy = this.state === 'starting';
    item.severity = this.state === 'stopped' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    item.text = this.state === 'running' ? 'Dtab' : this.state === 'starting' ? 'Dtab: starting' : 'Dtab: server stopped';
    const check = this.lastCheck;
    if (check) {
      const { status } = check;
      const what = status.kind === 'dtab' ? 'dtab' : 'config';
      item.detail = `last check ${check.at.toLocaleTimeString()} (${what}, ${Math.round(status.durationMs)} ms, ` +
        `${plural(status.errors, 'error')}, ${plural(status.warnings, 'warning')})`;
    } else {
      item.detail = this.state === 'stopped' ? 'run "Dtab: Restart Language Server"' : 'no check yet';
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
