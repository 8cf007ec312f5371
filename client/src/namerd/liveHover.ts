// The live namerd section of a dtab hover, as a second hover provider next to the language server's local one
// (VS Code shows both): in .dtab files, namerd:// documents, and the dtabs embedded in linkerd.yaml / namerd.yaml.
// It runs in the extension host because the endpoint's header values live in SecretStorage here: sending them to
// the server would put them in the LSP trace. The cache, budget and rendering are the
// editor-independent LiveResolver (server/src/lsp/live).

import * as vscode from 'vscode';
import { analyzeConfig } from '../../../server/src/core/config/analyze.js';
import type { EmbeddedDtab } from '../../../server/src/core/config/embedded.js';
import type { Dtab, Path } from '../../../server/src/core/dtab/ast.js';
import { parseDtab, toDtab } from '../../../server/src/core/dtab/parse.js';
import { hoveredEmbeddedPath } from '../../../server/src/lsp/live/embeddedPath.js';
import { LiveResolver } from '../../../server/src/lsp/live/resolver.js';
import { hoveredPath } from '../../../server/src/lsp/live/hoveredPath.js';
import { readNamerdConfig } from '../settings.js';
import type { NamerdConnections } from './connections.js';
import { documentTarget, documentTargetInputs } from './documentTarget.js';
import { embeddedDtabTarget } from './embeddedTarget.js';
import type { FileTarget } from './target.js';

/** What a live hover asks namerd about: a path with the dtab it is in, and the hovered range. */
interface HoverTarget {
  readonly path: Path;
  readonly dtab: Dtab;
  readonly start: number;
  readonly end: number;
  readonly target: Extract<FileTarget, { ok: true }>;
}

export class LiveHoverProvider implements vscode.HoverProvider, vscode.Disposable {
  private readonly resolver = new LiveResolver();
  private readonly subscription: vscode.Disposable;
  private lastAnalysis: { readonly key: string; readonly dtabs: readonly EmbeddedDtab[] } | undefined;

  constructor(private readonly connections: NamerdConnections) {
    this.subscription = connections.onDidChange(() => this.resolver.clear());
  }

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    // Nothing is contacted until the user has configured an endpoint.
    if (this.connections.names().length === 0) return undefined;
    const hovered = doc.languageId === 'yaml' ? this.embeddedTarget(doc, position) : this.dtabFileTarget(doc, position);
    if (!hovered) return undefined;
    const { target } = hovered;
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
          dtab: hovered.dtab,
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

  /** A `.dtab` file or a namerd:// document: the whole text is the dtab. */
  private dtabFileTarget(doc: vscode.TextDocument, position: vscode.Position): HoverTarget | undefined {
    const target = documentTarget(this.connections, doc);
    if (!target.ok) return undefined;
    const parsed = parseDtab(doc.getText());
    const hovered = hoveredPath(parsed, doc.offsetAt(position));
    return hovered && { ...hovered, dtab: toDtab(parsed), target };
  }

  /** A linkerd.yaml router `dtab:` or a namerd.yaml namespace value: the embedded dtab under the cursor. */
  private embeddedTarget(doc: vscode.TextDocument, position: vscode.Position): HoverTarget | undefined {
    const hovered = hoveredEmbeddedPath(this.embeddedDtabs(doc), doc.offsetAt(position));
    if (!hovered) return undefined;
    const target = embeddedDtabTarget(hovered, documentTargetInputs(this.connections, doc));
    return target.ok ? { ...hovered, target } : undefined;
  }

  /** The config's embedded dtabs, analysed once per document version (a large config takes milliseconds). */
  private embeddedDtabs(doc: vscode.TextDocument): readonly EmbeddedDtab[] {
    const key = `${doc.uri.toString()}#${doc.version}`;
    if (this.lastAnalysis?.key !== key) this.lastAnalysis = { key, dtabs: analyzeConfig(doc.getText(), { fileName: doc.uri.path }).embeddedDtabs };
    return this.lastAnalysis.dtabs;
  }

  dispose(): void {
    this.subscription.dispose();
    this.resolver.clear();
  }
}
