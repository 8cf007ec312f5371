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

interface RawToken {
  readonly span: Span;
  readonly type: TokenType;
  readonly modifiers: readonly TokenModifier[];
}

/** Tokens of a region, in host coordinates; `within` limits them to a host offset range. */
export function semanticTokens(
  document: TextDocument,
  regions: readonly DtabRegion[],
  within?: { start: number; end: number },
): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  for (const region of regions) {
    const from = within ? (region.fromHost(within.start) ?? 0) : 0;
    const to = within ? (region.fromHost(within.end) ?? region.parsed.text.length) : region.parsed.text.length;
    const tokens = regionTokens(region, from, to);
    for (const t of tokens) {
      const start = document.positionAt(region.toHost(t.span.start));
      const end = document.positionAt(region.toHost(t.span.end - 1) + 1);
      if (start.line !== end.line || end.character <= start.character) continue; // tokens are single-line
      builder.push(start.line, start.character, end.character - start.character, typeIndex(t.type), modifierBits(t.modifiers));
    }
  }
  return builder.build();
}

function regionTokens(region: DtabRegion, from: number, to: number): RawToken[] {
  const out: RawToken[] = [];
  const { parsed } = region;
  for (const c of parsed.comments) {
    if (c.span.end >= from && c.span.start <= to && c.span.end > c.span.start) out.push({ span: c.span, type: 'comment', modifiers: [] });
  }
  for (const d of parsed.dentries) {
    if (d.span.end < from) continue;
    if (d.span.start > to) break;
    pathTokens(d.prefix.elems, true, out);
    const stack: TreeNode[] = [d.dst];
    while (stack.length > 0) {
      const node = stack.pop()!;
      switch (node.kind) {
        case 'leaf':
          pathTokens(node.path.labels, false, out);
          break;
        case 'neg':
        case 'fail':
        case 'empty':
          out.push({ span: node.span, type: 'keyword', modifiers: [] });
          break;
        case 'group':
          stack.push(node.inner);
          break;
        case 'alt':
          for (const m of node.members) stack.push(m);
          break;
        case 'union':
          for (const m of node.members) {
            if (m.weight) {
              out.push({ span: m.weight.span, type: 'number', modifiers: node.members.length < 2 ? ['deprecated'] : [] });
            }
            stack.push(m.tree);
          }
          break;
      }
    }
  }
  out.sort((a, b) => a.span.start - b.span.start);
  return out;
}

/** `/#/<kind>` and `/$/<name>`: the system label is a keyword and the namer a function; other labels are variables. */
function pathTokens(elems: readonly (LabelNode | WildcardNode)[], isPrefix: boolean, out: RawToken[]): void {
  const first = elems[0];
  const system = first && !('any' in first) && (first.value === '#' || first.value === '$' || first.value === '%');
  elems.forEach((e, i) => {
    if (e.span.end <= e.span.start) return;
    if ('any' in e) out.push({ span: e.span, type: 'operator', modifiers: [] });
    else if (system && i === 0) out.push({ span: e.span, type: 'keyword', modifiers: ['defaultLibrary'] });
    else if (system && i === 1) out.push({ span: e.span, type: 'function', modifiers: ['defaultLibrary'] });
    else out.push({ span: e.span, type: isPrefix ? 'namespace' : 'variable', modifiers: isPrefix ? ['declaration'] : [] });
  });
}

function typeIndex(t: TokenType): number {
  return TOKEN_TYPES.indexOf(t);
}

function modifierBits(ms: readonly TokenModifier[]): number {
  let bits = 0;
  for (const m of ms) bits |= 1 << TOKEN_MODIFIERS.indexOf(m);
  return bits;
}

