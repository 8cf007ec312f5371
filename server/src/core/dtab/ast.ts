// The dtab data model (spec/dtab-language.md §1.1) and the syntax tree with source spans.
// Pure: no I/O, no LSP. Every other layer (evaluator, config checks, LSP features, namerd server, CLI)
// stands on these types, so change them only with care.

/**
 * A label is a non-empty BYTE string (§1.1, gotcha G1). We store it as a JS string whose every char code is
 * 0..255 (a "binary" string): `/foo` and `/\x66oo` give the same value, `\x2f` is a legal byte, and
 * comparison is plain `===`. Decode with `labelToUtf8` when a namer needs text.
 */
export type Label = string;

/** A path: a sequence of labels; the empty array is the empty path `/`. */
export type Path = readonly Label[];

/** The wildcard element of a prefix (`*`). Never equal to the label `*` (written `\x2a`). */
export const AnyElem: unique symbol = Symbol('*');
export type AnyElem = typeof AnyElem;
export type PrefixElem = Label | AnyElem;
export type Prefix = readonly PrefixElem[];

/** NameTree<T> (§1.1). Alt and Union are n-ary; programmatic trees may have 0 or 1 children. */
export type NameTree<T> =
  | { readonly kind: 'leaf'; readonly value: T }
  | { readonly kind: 'alt'; readonly trees: readonly NameTree<T>[] }
  | { readonly kind: 'union'; readonly weighted: readonly Weighted<T>[] }
  | { readonly kind: 'neg' }
  | { readonly kind: 'fail' }
  | { readonly kind: 'empty' };

export interface Weighted<T> {
  readonly weight: number;
  readonly tree: NameTree<T>;
}

export interface Dentry {
  readonly prefix: Prefix;
  readonly dst: NameTree<Path>;
}

export type Dtab = readonly Dentry[];

export const DEFAULT_WEIGHT = 1.0;

// ---------------------------------------------------------------------------------------------------------------
// Syntax tree: what the parser saw, with spans, for the language server, the formatter and the YAML mapping.

/** Half-open span of UTF-16 offsets into the parsed text: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface LabelNode {
  readonly span: Span;
  /** The decoded byte string (escapes resolved). */
  readonly value: Label;
}

export interface WildcardNode {
  readonly span: Span;
  readonly any: true;
}

/** A path as written in a destination: `/` then labels separated by `/`. */
export interface PathNode {
  readonly span: Span;
  readonly labels: readonly LabelNode[];
}

/** A dentry's left-hand side: like a path, but elements may be `*`. */
export interface PrefixNode {
  readonly span: Span;
  readonly elems: readonly (LabelNode | WildcardNode)[];
}

export type TreeNode =
  | { readonly kind: 'leaf'; readonly span: Span; readonly path: PathNode }
  | { readonly kind: 'neg' | 'fail' | 'empty'; readonly span: Span }
  /** `(` tree `)`: parentheses create no semantic node (§1.5) but are kept for ranges and formatting. */
  | { readonly kind: 'group'; readonly span: Span; readonly inner: TreeNode }
  /** Two or more members separated by `|` (a single member is never wrapped). */
  | { readonly kind: 'alt'; readonly span: Span; readonly members: readonly TreeNode[] }
  /** Two or more members separated by `&` (a single member is never wrapped). */
  | { readonly kind: 'union'; readonly span: Span; readonly members: readonly WeightedNode[] };

/** A union member, or a lone weighted tree such as `2 * /a` (whose weight Finagle drops, gotcha G8). */
export interface WeightedNode {
  readonly span: Span;
  /** Present when a weight was written: its value (Java Double.parseDouble), and the span of the number. */
  readonly weight?: { readonly span: Span; readonly value: number; readonly text: string };
  readonly tree: TreeNode;
}

export interface CommentNode {
  /** From `#` up to, not including, the LF that ends it. */
  readonly span: Span;
  readonly text: string;
}

export interface DentryNode {
  /** From the prefix's start to the end of the destination (the `;` is not included). */
  readonly span: Span;
  readonly prefix: PrefixNode;
  /** The span of `=>`. */
  readonly arrow: Span;
  readonly dst: TreeNode;
  /** The `;` that follows this dentry, if any. */
  readonly semicolon?: Span;
  /** The semantic value; absent when this dentry has a syntax error. */
  readonly value?: Dentry;
}

/** A parse error. `message` is Finagle's wording without the ` at '...'` display (spec §1.6). */
export interface SyntaxError {
  readonly code: string;
  readonly span: Span;
  readonly message: string;
}

export interface DtabDocument {
  readonly text: string;
  /** Every dentry the parser could delimit, in order; those with errors have no `value`. */
  readonly dentries: readonly DentryNode[];
  readonly comments: readonly CommentNode[];
  /** Every syntax error, in source order. The first is at Finagle's offset with Finagle's wording. */
  readonly errors: readonly SyntaxError[];
}
