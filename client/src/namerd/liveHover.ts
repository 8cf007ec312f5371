// The live namerd section of a dtab hover, as a second hover provider next to the language server's local one
// (VS Code shows both). It runs in the extension host because the endpoint's header values live in SecretStorage
// here: sending them to the server would put them in the LSP trace. The cache, budget and rendering are the
// editor-independent LiveResolver (server/src/lsp/live).

import * as vscode from 'vscode';
import { parseDtab, toDtab } from '../../../server/src/core/dtab/parse.js';
import { LiveResolver } from '../../../server/src/lsp/live/resolver.js';
import { hoveredPath } from '../../../server/src/lsp/live/hoveredPath.js';
import { readNamerdConfig } from '../settings.js';
import type { NamerdConnections } from './connections.js';
import { documentTarget } from './documentTarget.js';

export class LiveHoverProvider implements vscode.HoverProvider, vscode.Disposable {
  private readonly resolver = new LiveResolver();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: NamerdConnections) {
    this.subscription = connections.onDidChange(() => this.resolver.clear());
  }

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    // Nothing is contacted until the user has configured an endpoint.
    if (this.connections.names().length === 0) return undefined;
    const target = documentTarget(this.connections, doc);
    if (!target.ok) return undefined;
    const parsed = parseDtab(doc.getText());
    const hovered = hoveredPath(parsed, doc.offsetAt(position));
    if (!hovered) return undefined;
    const budgetMs = readNamerdConfig(doc.uri).hoverBudgetMs;
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
      let markdown: string | undefined;
      try {
        const conn = await this.connections.get(target.endpoint);
        markdown = await this.resolver.section({
          api: conn.client,
          endpointName: conn.name,
          namespace: target.namespace,
          dtab: toDtab(parsed),
          path: hovered.path,
          budgetMs,
          signal: controller.signal,
        });
      } catch (e) {
        markdown = `**namerd \`${target.endpoint}\`**: ${e instanceof Error ? e.message : String(e)}`;
      }
      if (!markdown) return undefined;
      const range = new vscode.Range(doc.positionAt(hovered.start), doc.positionAt(hovered.end));
      return new vscode.Hover(new vscode.MarkdownString(markdown), range);
    } finally {
      cancel.dispose();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.resolver.clear();
  }
}
