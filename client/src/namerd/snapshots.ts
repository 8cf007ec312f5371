// Read-only documents for diffs: namerd's side of a comparison or of a save conflict (`namerd-snapshot:` URIs).

import * as vscode from 'vscode';
import { SNAPSHOT_SCHEME } from './uri.js';

export class SnapshotDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  /** A new read-only document with `text`; `label` becomes its file name (shown in the diff title). */
  create(label: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SNAPSHOT_SCHEME, authority: String(++this.counter), path: `/${label}` });
    this.texts.set(uri.toString(), text);
    // Keep the map small: diffs are short-lived, only recent snapshots need to stay open.
    if (this.texts.size > 50) this.texts.delete(this.texts.keys().next().value as string);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '# this snapshot is no longer available\n';
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}

/** Opens a diff editor and gives its snapshot sides the dtab language (syntax colours on both sides). */
export async function showDiff(left: vscode.Uri, right: vscode.Uri, title: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: false });
  for (const side of [left, right]) {
    if (side.scheme !== SNAPSHOT_SCHEME) continue;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === side.toString());
    if (doc && doc.languageId !== 'linkerd-dtab') await vscode.languages.setTextDocumentLanguage(doc, 'linkerd-dtab');
  }
}
