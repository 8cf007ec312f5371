// The live namerd section of a dtab hover, as a second hover provider next to the language server's local one
// (VS Code shows both): in .dtab files, namerd:// documents, and the dtabs embedded in linkerd.yaml / namerd.yaml.
// It runs in the extension host because the endpoint's header values live in SecretStorage here: sending them to
// the server would put them in the LSP trace. Inside YAML, which path is hovered (and in which router's or
// namespace's dtab) is asked of the language server (`dtab/embeddedPathAt`, answered from its cached analysis of the
// config), so the config model is neither bundled here nor run a second time. The cache, budget and rendering are
// the editor-independent LiveResolver (server/src/lsp/live).

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Dtab, Path } from '../../../server/src/core/dtab/ast.js';
import { parseDtab, readDtab, toDtab } from '../../../server/src/core/dtab/parse.js';
import { LiveResolver } from '../../../server/src/lsp/live/resolver.js';
import { hoveredPath } from '../../../server/src/lsp/live/hoveredPath.js';
import { EmbeddedPathAtRequest, type EmbeddedPathAtResult } from '../../../server/src/protocol/requests.js';
import { readNamerdConfig } from '../settings.js';
import type { NamerdConnections } from './connections.js';
import { documentTarget, documentTargetInputs } from './documentTarget.js';
import { embeddedDtabTarget } from './embeddedTarget.js';
import type { FileTarget } from './target.js';

/** What a live hover asks namerd about: a path with the dtab it is in, and the hovered range. */
interface HoverTarget {
  readonly path: Path;
  readonly dtab: Dtab;
  readonly range: vscode.Range;
  readonly target: Extract<FileTarget, { ok: true }>;
}

export class LiveHoverProvider implements vscode.HoverProvider, vscode.Disposable {
  private readonly resolver = new LiveResolver();
  private readonly subscription: vscode.Disposable;
  /** The last embedded dtab read back from its canonical form (hovering along one dtab reads it once). */
  private lastDtab: { readonly canonical: string; readonly dtab: Dtab } | undefined;

  /** Without a language client there is no live hover inside YAML (`.dtab` files and namerd:// documents still have it). */
  constructor(
    private readonly connections: NamerdConnections,
    private readonly languageClient?: LanguageClient,
  ) {
    this.subscription = connections.onDidChange(() => this.resolver.clear());
  }

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    // Nothing is contacted until the user has configured an endpoint.
    if (this.connections.names().length === 0) return undefined;
    const hovered = doc.languageId === 'yaml' ? await this.embeddedTarget(doc, position, token) : this.dtabFileTarget(doc, position);
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
      return new vscode.Hover(new vscode.MarkdownString(markdown), hovered.range);
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
    if (!hovered) return undefined;
    const range = new vscode.Range(doc.positionAt(hovered.start), doc.positionAt(hovered.end));
    return { path: hovered.path, dtab: toDtab(parsed), range, target };
  }

  /** A linkerd.yaml router `dtab:` or a namerd.yaml namespace value: the language server finds the path under the cursor. */
  private async embeddedTarget(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<HoverTarget | undefined> {
    if (!this.languageClient) return undefined;
    const version = doc.version;
    let hovered: EmbeddedPathAtResult | null;
    try {
      hovered = await this.languageClient.sendRequest(
        EmbeddedPathAtRequest,
        { textDocument: { uri: doc.uri.toString() }, position: { line: position.line, character: position.character } },
        token,
      );
    } catch {
      return undefined; // the server is not running, or the hover was cancelled
    }
    // Edited meanwhile: the answer's range may no longer be the path's.
    if (!hovered || token.isCancellationRequested || doc.version !== version) return undefined;
    const dtab = this.readEmbeddedDtab(hovered.dtab);
    if (!dtab) return undefined;
    const target = embeddedDtabTarget(hovered, documentTargetInputs(this.connections, doc));
    if (!target.ok) return undefined;
    const { start, end } = hovered.range;
    const range = new vscode.Range(start.line, start.character, end.line, end.character);
    return { path: hovered.path, dtab, range, target };
  }

  /** The Dtab value of a canonical form (Finagle's reader gives back the dentries `Dtab.show` printed). */
  private readEmbeddedDtab(canonical: string): Dtab | undefined {
    if (this.lastDtab?.canonical !== canonical) {
      const read = readDtab(canonical);
      if (!read.ok) return undefined;
      this.lastDtab = { canonical, dtab: read.value };
    }
    return this.lastDtab.dtab;
  }

  dispose(): void {
    this.subscription.dispose();
    this.resolver.clear();
    this.lastDtab = undefined;
  }
}
