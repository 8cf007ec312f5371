// Diagnostics as the pure core reports them: offsets into the analysed text, a stable code, and optional fixes.
// The language server maps them to LSP diagnostics and code actions; the CLI prints them.

import type { Span } from './dtab/ast.js';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text replacement in the analysed text (offsets, like every span here). */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** A quick fix the editor can offer for a diagnostic. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** True when this is the obvious fix (the editor may apply it on "fix all"). */
  readonly preferred?: boolean;
}

export interface RelatedInfo {
  /** The file the span is in, when it is not the diagnosed one (cross-file rules); its spans are offsets into it. */
  readonly uri?: string;
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  /** Stable, documented code, e.g. `dtab/syntax`, `dtab/unknown-namer`, `config/unknown-key`. */
  readonly code: string;
  readonly severity: Severity;
  readonly span: Span;
  /** Says what is wrong and how to fix it. */
  readonly message: string;
  readonly related?: readonly RelatedInfo[];
  readonly fixes?: readonly Fix[];
  /** Marks code that has no effect (the editor greys it out). */
  readonly unnecessary?: boolean;
}
