// The chevrotain grammar of one dentry (spec §1.4), over the tokens of scanner.ts, building the syntax tree
// (ast.ts TreeNode etc.) with spans. One parser instance is created once and reused (chevrotain's advice), fed one
// dentry's tokens at a time by parse.ts, which handles `;`, recovery and error messages.
//
//   dentry   = Path "=>" tree
//   tree     = union { "|" union }            (* Alt, loosest *)
//   union    = weighted { "&" weighted }      (* Union *)
//   weighted = [ Number "*" ] simple
//   simple   = "(" tree ")" | Path | "!" | "~" | "$"
//
// Whitespace, comments and everything inside a path or a number were settled by the scanner. Any error makes the
// rule fail; parse.ts then asks parser-finagle.ts for Finagle's exact message, so no messages are produced here.

import { EmbeddedActionsParser, type IToken } from './chevrotain-runtime.js';
import type {
  LabelNode,
  PathNode,
  PrefixNode,
  Span,
  TreeNode,
  WeightedNode,
  WildcardNode,
} from './ast.js';
import { hexValue } from './chars.js';
import {
  allTokenTypes,
  Amp,
  Arrow,
  Bang,
  Dollar,
  F_BAD,
  F_ESCAPE,
  LParen,
  NumberTok,
  PathTok,
  Pipe,
  RParen,
  Star,
  Tilde,
  type DtabToken,
} from './scanner.js';

/** What the dentry rule returns: the pieces of a DentryNode. */
export interface DentryParts {
  readonly prefix: PrefixNode;
  readonly arrow: Span;
  readonly dst: TreeNode;
}

/** Decodes the label text[start, end) (escapes resolved) into a byte string. */
export function decodeLabel(text: string, start: number, end: number, escaped: boolean): string {
  if (!escaped) return text.slice(start, end);
  let out = '';
  for (let i = start; i < end; ) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      out += String.fromCharCode((hexValue(text.charCodeAt(i + 2)) << 4) | hexValue(text.charCodeAt(i + 3)));
      i += 4;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

/** The labels of a well-formed path token text[start, end) (which starts with `/`). */
export function pathLabels(text: string, start: number, end: number, escaped: boolean): LabelNode[] {
  const labels: LabelNode[] = [];
  let i = start + 1;
  while (i < end) {
    let j = text.indexOf('/', i);
    if (j < 0 || j > end) j = end;
    labels.push({ span: { start: i, end: j }, value: decodeLabel(text, i, j, escaped) });
    i = j + 1;
  }
  return labels;
}

/** The elements of a well-formed prefix token text[start, end). */
export function prefixElems(text: string, start: number, end: number, escaped: boolean): (LabelNode | WildcardNode)[] {
  const elems: (LabelNode | WildcardNode)[] = [];
  let i = start + 1;
  while (i < end) {
    let j = text.indexOf('/', i);
    if (j < 0 || j > end) j = end;
    if (j === i + 1 && text.charCodeAt(i) === 0x2a) elems.push({ span: { start: i, end: j }, any: true });
    else elems.push({ span: { start: i, end: j }, value: decodeLabel(text, i, j, escaped) });
    i = j + 1;
  }
  return elems;
}

export class DentryParser extends EmbeddedActionsParser {
  /** The text the current tokens come from (set by parse.ts before each dentry). */
  text = '';

  constructor() {
    super(allTokenTypes, { recoveryEnabled: false, maxLookahead: 1, skipValidations: true });
    this.performSelfAnalysis();
  }

  /** How many tokens the last rule invocation consumed. */
  consumed(): number {
    // exportLexerState (the index of the last consumed token) is public at run time but missing from the typings.
    return (this as unknown as { exportLexerState(): number }).exportLexerState() + 1;
  }

  private pathNode(tok: IToken): PathNode {
    const t = tok as DtabToken;
    if (t.flags & F_BAD) throw this.badToken(t);
    return {
      span: { start: t.startOffset, end: t.endOffset! },
      labels: pathLabels(this.text, t.startOffset, t.endOffset!, (t.flags & F_ESCAPE) !== 0),
    };
  }

  private badToken(t: DtabToken): Error {
    const e = new Error('bad token');
    (e as Error & { token?: DtabToken }).token = t;
    return e;
  }

  readonly dentry = this.RULE('dentry', (): DentryParts => {
    const p = this.CONSUME(PathTok);
    const a = this.CONSUME(Arrow);
    const dst = this.SUBRULE(this.tree);
    return this.ACTION(() => {
      const t = p as DtabToken;
      if (t.flags & F_BAD) throw this.badToken(t);
      return {
        prefix: {
          span: { start: t.startOffset, end: t.endOffset! },
          elems: prefixElems(this.text, t.startOffset, t.endOffset!, (t.flags & F_ESCAPE) !== 0),
        },
        arrow: { start: a.startOffset, end: a.endOffset! },
        dst,
      };
    });
  });

  private readonly tree = this.RULE('tree', (): TreeNode => {
    const first = this.SUBRULE(this.union);
    let members: TreeNode[] | undefined;
    this.MANY(() => {
      this.CONSUME(Pipe);
      const m = this.SUBRULE2(this.union);
      this.ACTION(() => (members ??= [first]).push(m));
    });
    return this.ACTION(() =>
      members === undefined
        ? first
        : { kind: 'alt', span: { start: first.span.start, end: members[members.length - 1]!.span.end }, members },
    );
  });

  private readonly union = this.RULE('union', (): TreeNode => {
    const first = this.SUBRULE(this.weighted);
    let members: WeightedNode[] | undefined;
    this.MANY(() => {
      this.CONSUME(Amp);
      const m = this.SUBRULE2(this.weighted);
      this.ACTION(() => (members ??= [first]).push(m));
    });
    return this.ACTION((): TreeNode => {
      if (members !== undefined)
        return { kind: 'union', span: { start: first.span.start, end: members[members.length - 1]!.span.end }, members };
      // A single member: unwrapped, unless a weight was written (`2 * /a`, whose weight Finagle drops, G8): that
      // stays a one-member union so that checks and the formatter still see the weight.
      return first.weight === undefined ? first.tree : { kind: 'union', span: first.span, members: [first] };
    });
  });

  private readonly weighted = this.RULE('weighted', (): WeightedNode => {
    let num: IToken | undefined;
    this.OPTION(() => {
      num = this.CONSUME(NumberTok);
      this.CONSUME(Star);
    });
    const tree = this.SUBRULE(this.simple);
    return this.ACTION((): WeightedNode => {
      if (num === undefined) return { span: tree.span, tree };
      const t = num as DtabToken;
      if (t.flags & F_BAD) throw this.badToken(t);
      const text = this.text.slice(t.startOffset, t.endOffset!);
      return {
        span: { start: t.startOffset, end: tree.span.end },
        weight: { span: { start: t.startOffset, end: t.endOffset! }, value: Number(text), text },
        tree,
      };
    });
  });

  private readonly simple = this.RULE('simple', (): TreeNode => {
    return this.OR([
      {
        ALT: () => {
          const l = this.CONSUME(LParen);
          const inner = this.SUBRULE(this.tree);
          const r = this.CONSUME(RParen);
          return this.ACTION(
            (): TreeNode => ({ kind: 'group', span: { start: l.startOffset, end: r.endOffset! }, inner }),
          );
        },
      },
      {
        ALT: () => {
          const p = this.CONSUME(PathTok);
          return this.ACTION((): TreeNode => {
            const path = this.pathNode(p);
            return { kind: 'leaf', span: path.span, path };
          });
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(Bang);
          return this.ACTION((): TreeNode => ({ kind: 'fail', span: { start: t.startOffset, end: t.endOffset! } }));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(Tilde);
          return this.ACTION((): TreeNode => ({ kind: 'neg', span: { start: t.startOffset, end: t.endOffset! } }));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(Dollar);
          return this.ACTION((): TreeNode => ({ kind: 'empty', span: { start: t.startOffset, end: t.endOffset! } }));
        },
      },
    ]);
  });
}
