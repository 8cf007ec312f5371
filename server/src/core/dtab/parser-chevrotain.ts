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

import { EmbeddedActionsParser, NoViableAltException, type IToken } from './chevrotain-runtime.js';
import type { LabelNode, PathNode, PrefixNode, Span, TreeNode, WeightedNode, WildcardNode } from './ast.js';
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

/** Returned by the rules when no syntax tree is built (validation only, or chevrotain's grammar recording). */
const NOTHING = undefined as never;

/**
 * One instance, reused. `build` false only validates (no allocation per token, for the first pass over a
 * document); true builds the syntax tree. Rules avoid per-call closures: list tails and OR alternatives are
 * created once, and list members go to an explicit stack.
 */
export class DentryParser extends EmbeddedActionsParser {
  /** The text the current tokens come from (set by parse.ts before each dentry). */
  text = '';
  /** Build the syntax tree (true) or only check the tokens form a dentry (false). */
  build = true;
  private readonly lists: unknown[][] = [];

  constructor() {
    super(allTokenTypes, {
      recoveryEnabled: false,
      maxLookahead: 1,
      skipValidations: true,
      // parse.ts only needs to know THAT a dentry failed (Finagle's parser then says why and where): skip chevrotain's
      // message building, and (below) its expected-paths analysis, which otherwise dominate a broken file's parse.
      errorMessageProvider: {
        buildMismatchTokenMessage: () => '',
        buildNotAllInputParsedMessage: () => '',
        buildNoViableAltMessage: () => '',
        buildEarlyExitMessage: () => '',
      },
    });
    const self = this as unknown as {
      raiseNoAltException(): never;
      SAVE_ERROR(e: unknown): unknown;
      LA(i: number): IToken;
    };
    self.raiseNoAltException = () => {
      throw self.SAVE_ERROR(new NoViableAltException('', self.LA(1), self.LA(0)));
    };
    this.performSelfAnalysis();
  }

  /** How many tokens the last rule invocation consumed. */
  consumed(): number {
    // exportLexerState (the index of the last consumed token) is public at run time but missing from the typings.
    return (this as unknown as { exportLexerState(): number }).exportLexerState() + 1;
  }

  /** True while chevrotain records the grammar (rules then run with placeholder tokens and results). */
  private get skip(): boolean {
    return !this.build || (this as unknown as { RECORDING_PHASE: boolean }).RECORDING_PHASE;
  }

  private pathNode(t: DtabToken): PathNode {
    return {
      span: { start: t.startOffset, end: t.endOffset! },
      labels: pathLabels(this.text, t.startOffset, t.endOffset!, (t.flags & F_ESCAPE) !== 0),
    };
  }

  private span(t: IToken): Span {
    return { start: t.startOffset, end: t.endOffset! };
  }

  readonly dentry = this.RULE('dentry', (): DentryParts => {
    if (this.build && this.lists.length > 0) this.lists.length = 0;
    const p = this.CONSUME(PathTok) as DtabToken;
    const a = this.CONSUME(Arrow);
    if (p.flags & F_BAD) throw new BadToken(p);
    const dst = this.SUBRULE(this.tree);
    if (this.skip) return NOTHING;
    return {
      prefix: {
        span: this.span(p),
        elems: prefixElems(this.text, p.startOffset, p.endOffset!, (p.flags & F_ESCAPE) !== 0),
      },
      arrow: this.span(a),
      dst,
    };
  });

  private readonly altTail = (): void => {
    this.CONSUME(Pipe);
    const m = this.SUBRULE2(this.union);
    if (!this.skip) this.lists[this.lists.length - 1]!.push(m);
  };

  private readonly tree = this.RULE('tree', (): TreeNode => {
    const first = this.SUBRULE(this.union);
    const skip = this.skip;
    if (!skip) this.lists.push([first]);
    this.MANY(this.altTail);
    if (skip) return NOTHING;
    const members = this.lists.pop() as TreeNode[];
    if (members.length === 1) return first;
    return { kind: 'alt', span: { start: first.span.start, end: members[members.length - 1]!.span.end }, members };
  });

  private readonly unionTail = (): void => {
    this.CONSUME(Amp);
    const m = this.SUBRULE2(this.weighted);
    if (!this.skip) this.lists[this.lists.length - 1]!.push(m);
  };

  private readonly union = this.RULE('union', (): TreeNode => {
    const first = this.SUBRULE(this.weighted);
    const skip = this.skip;
    if (!skip) this.lists.push([first]);
    this.MANY(this.unionTail);
    if (skip) return NOTHING;
    const members = this.lists.pop() as WeightedNode[];
    if (members.length > 1)
      return { kind: 'union', span: { start: first.span.start, end: members[members.length - 1]!.span.end }, members };
    // A single member: unwrapped, unless a weight was written (`2 * /a`, whose weight Finagle drops, G8): that
    // stays a one-member union so that checks and the formatter still see the weight.
    return first.weight === undefined ? first.tree : { kind: 'union', span: first.span, members: [first] };
  });

  private num: DtabToken | undefined;
  private readonly weight = (): void => {
    this.num = this.CONSUME(NumberTok) as DtabToken;
    this.CONSUME(Star);
  };

  private readonly weighted = this.RULE('weighted', (): WeightedNode => {
    this.num = undefined;
    this.OPTION(this.weight);
    const num = this.num as DtabToken | undefined;
    if (num !== undefined && num.flags & F_BAD) throw new BadToken(num);
    const tree = this.SUBRULE(this.simple);
    if (this.skip) return NOTHING;
    if (num === undefined) return { span: tree.span, tree };
    const text = this.text.slice(num.startOffset, num.endOffset!);
    return {
      span: { start: num.startOffset, end: tree.span.end },
      weight: { span: this.span(num), value: Number(text), text },
      tree,
    };
  });

  private readonly alternatives = [
    {
      ALT: (): TreeNode => {
        const l = this.CONSUME(LParen);
        const inner = this.SUBRULE(this.tree);
        const r = this.CONSUME(RParen);
        if (this.skip) return NOTHING;
        return { kind: 'group', span: { start: l.startOffset, end: r.endOffset! }, inner };
      },
    },
    {
      ALT: (): TreeNode => {
        const p = this.CONSUME(PathTok) as DtabToken;
        if (p.flags & F_BAD) throw new BadToken(p);
        if (this.skip) return NOTHING;
        const path = this.pathNode(p);
        return { kind: 'leaf', span: path.span, path };
      },
    },
    {
      ALT: (): TreeNode => {
        const t = this.CONSUME(Bang);
        return this.skip ? NOTHING : { kind: 'fail', span: this.span(t) };
      },
    },
    {
      ALT: (): TreeNode => {
        const t = this.CONSUME(Tilde);
        return this.skip ? NOTHING : { kind: 'neg', span: this.span(t) };
      },
    },
    {
      ALT: (): TreeNode => {
        const t = this.CONSUME(Dollar);
        return this.skip ? NOTHING : { kind: 'empty', span: this.span(t) };
      },
    },
  ];

  private readonly simple = this.RULE('simple', (): TreeNode => this.OR(this.alternatives));
}

/** A token the scanner marked bad, met by the parser: the dentry fails (parse.ts asks Finagle's parser why). */
export class BadToken {
  constructor(readonly token: DtabToken) {}
}
