// Semantic tokens from the parse tree: what TextMate cannot know reliably (a `#` glued to a label is part of it,
// a weight that has no effect, namer names), and the robust path for dtabs embedded in YAML block scalars.

import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LabelNode, Span, TreeNode, WildcardNode } from '../../core/dtab/ast.js';
import type { DtabRegion } from '../regions.js';

export const TOKEN_TYPES = ['namespace', 'variable', 'function', 'keyword', 'number', 'operator', 'comment'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'defaultLibrary', 'deprecated'] as const;

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

/** Tokens of the regions, in host coordinates; `within` limits them to a host offset range. */
export function semanticTokens(
  document: TextDocument,
  regions: readonly DtabRegion[],
  within?: { start: number; end: number },
): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  const host = document.getText();
  // Tokens arrive in host order, so lines are counted incrementally instead of one positionAt per token.
  let offset = 0;
  let line = 0;
  let lineStart = 0;
  const push = (region: DtabRegion, span: Span, type: number, modifiers: number): void => {
    if (span.end <= span.start) return;
    const start = region.toHost(span.start);
    const end = region.toHost(span.end - 1) + 1;
    if (start < offset) return; // out of order: cannot happen for sorted, disjoint tokens
    for (let i = host.indexOf('\n', offset); i >= 0 && i < start; i = host.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    offset = start;
    const newline = host.indexOf('\n', start);
    if (newline >= 0 && newline < end) return; // tokens are single-line
    builder.push(line, start - lineStart, end - start, type, modifiers);
  };
  for (const region of regions) {
    const length = region.parsed.text.length;
    if (within && (region.toHost(length) < within.start || region.toHost(0) > within.end)) continue;
    const from = within ? (region.fromHost(within.start) ?? 0) : 0;
    const to = within ? (region.fromHost(within.end) ?? length) : length;
    regionTokens(region, from, to, (span, type, modifiers) => push(region, span, type, modifiers));
  }
  return builder.build();
}

type Emit = (span: Span, type: number, modifiers: number) => void;

const T = Object.fromEntries(TOKEN_TYPES.map((t, i) => [t, i])) as Record<(typeof TOKEN_TYPES)[number], number>;
const M = Object.fromEntries(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i])) as Record<(typeof TOKEN_MODIFIERS)[number], number>;

/**
 * Emits the tokens of a region between two region offsets, in source order: each dentry's tokens are collected
 * and sorted on their own (a dentry is small), and comments are merged in between.
 */
function regionTokens(region: DtabRegion, from: number, to: number, emit: Emit): void {
  const { parsed } = region;
  const comments = parsed.comments;
  let ci = 0;
  while (ci < comments.length && comments[ci]!.span.end < from) ci++;
  const flushComments = (before: number): void => {
    while (ci < comments.length && comments[ci]!.span.start < before) emit(comments[ci++]!.span, T.comment, 0);
  };
  const local: { span: Span; type: number; modifiers: number }[] = [];
  const add = (span: Span, type: number, modifiers = 0): void => {
    local.push({ span, type, modifiers });
  };
  for (const d of parsed.dentries) {
    if (d.span.end < from) continue;
    if (d.span.start > to) break;
    local.length = 0;
    pathTokens(d.prefix.elems, true, add);
    const stack: TreeNode[] = [d.dst];
    while (stack.length > 0) {
      const node = stack.pop()!;
      switch (node.kind) {
        case 'leaf':
          pathTokens(node.path.labels, false, add);
          break;
        case 'neg':
        case 'fail':
        case 'empty':
          add(node.span, T.keyword);
          break;
        case 'group':
          stack.push(node.inner);
          break;
        case 'alt':
          for (const m of node.members) stack.push(m);
          break;
        case 'union':
          for (const m of node.members) {
            if (m.weight) add(m.weight.span, T.number, node.members.length < 2 ? M.deprecated : 0);
            stack.push(m.tree);
          }
          break;
      }
    }
    local.sort((a, b) => a.span.start - b.span.start);
    for (const t of local) {
      flushComments(t.span.start);
      emit(t.span, t.type, t.modifiers);
    }
  }
  flushComments(to + 1);
}

/** `/#/<kind>` and `/$/<name>`: the system label is a keyword and the namer a function; other labels are variables. */
function pathTokens(
  elems: readonly (LabelNode | WildcardNode)[],
  isPrefix: boolean,
  add: (span: Span, type: number, modifiers?: number) => void,
): void {
  const first = elems[0];
  const system = first !== undefined && !('any' in first) && (first.value === '#' || first.value === '$' || first.value === '%');
  for (let i = 0; i < elems.length; i++) {
    const e = elems[i]!;
    if ('any' in e) add(e.span, T.operator);
    else if (system && i === 0) add(e.span, T.keyword, M.defaultLibrary);
    else if (system && i === 1) add(e.span, T.function, M.defaultLibrary);
    else if (isPrefix) add(e.span, T.namespace, M.declaration);
    else add(e.span, T.variable);
  }
}
