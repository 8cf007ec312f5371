// Completion and hover on the YAML of linkerd/namerd configs (outside embedded dtabs): the config module's
// model-driven items and docs turned into LSP data.

import {
  CompletionItemKind,
  CompletionItemTag,
  type CompletionItem,
  type Hover,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { configCompletions, configHover } from '../../core/config/assist.js';

export function configCompletionItems(document: TextDocument, offset: number): CompletionItem[] {
  return configCompletions(document.getText(), offset).map((c) => ({
    label: c.label,
    kind: c.kind === 'key' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
    detail: c.detail,
    documentation: { kind: 'markdown', value: c.documentation },
    sortText: c.sortText,
    tags: c.deprecated ? [CompletionItemTag.Deprecated] : undefined,
    textEdit: {
      range: { start: document.positionAt(c.replace.start), end: document.positionAt(c.replace.end) },
      newText: c.insertText,
    },
  }));
}

export function configHoverAt(document: TextDocument, offset: number): Hover | undefined {
  const h = configHover(document.getText(), offset);
  if (!h) return undefined;
  return {
    range: { start: document.positionAt(h.span.start), end: document.positionAt(h.span.end) },
    contents: { kind: 'markdown', value: h.markdown },
  };
}
