// Hover in dtabs (local part): on a path or prefix, how it delegates through this dtab; on a `/$/` namer, what it
// does and its arguments; on a configured namer `/#/<kind>`, where it comes from; on a weight, the share of
// traffic it means within its union. The live namerd section is added by the client (client/src/namerd/liveHover.ts),
// which keeps header secrets out of the LSP trace.

import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AnyElem, type Dtab, type WeightedNode } from '../../core/dtab/ast.js';
import { namerDoc } from '../../core/dtab/namers.js';
import { toDtab } from '../../core/dtab/parse.js';
import { showLabel, showPath, showPrefix } from '../../core/dtab/show.js';
import { namerKindDoc, namerShapeArgs, type ConfiguredNamer } from '../namerCatalog.js';
import { type DtabRegion, hostRange } from '../regions.js';
import { pathLabels, prefixOf, syntaxAt } from '../syntax.js';
import { weightPercentages } from '../../core/dtab/delegate-render.js';
import { delegationMarkdown } from './delegation.js';

export interface LocalHover {
  readonly range: Range;
  readonly sections: readonly string[];
}

export interface HoverSources {
  readonly namers: readonly ConfiguredNamer[];
  /** A workspace config declares `namers` (else `namers` are the standard kinds and any `/#/<kind>` is left to one). */
  readonly namersConfigured?: boolean;
}

const dtabCache = new WeakMap<object, Dtab>();

/** The semantic dtab of a region (cached per parse). */
export function regionDtab(region: DtabRegion): Dtab {
  let dtab = dtabCache.get(region.parsed);
  if (!dtab) {
    dtab = toDtab(region.parsed);
    dtabCache.set(region.parsed, dtab);
  }
  return dtab;
}

export function localHover(
  document: TextDocument,
  region: DtabRegion,
  offset: number,
  sources: HoverSources,
): LocalHover | undefined {
  const hit = syntaxAt(region.parsed, offset);
  if (!hit) return undefined;
  const t = hit.target;
  const dtab = regionDtab(region);
  const range = (span: { start: number; end: number }): Range => hostRange(document, region, span);

  if (t.kind === 'weight') {
    return { range: range(t.member.weight!.span), sections: [weightMarkdown(t.member, t.union)] };
  }

  if (t.kind === 'terminal') return { range: range(t.node.span), sections: [TERMINAL_DOCS[t.node.kind]] };

  if (t.kind === 'pathLabel' || t.kind === 'path') {
    const labels = pathLabels(t.path);
    const sections: string[] = [];
    const namer = t.kind === 'pathLabel' ? namerSection(labels, t.labelIndex, sources) : undefined;
    if (namer) sections.push(namer);
    sections.push(delegationMarkdown(dtab, labels, sources.namers, sources.namersConfigured ?? false));
    return { range: range(t.path.span), sections };
  }

  if (t.kind === 'prefixElem') {
    const prefix = prefixOf(hit.dentry.prefix);
    const span = hit.dentry.prefix.span;
    if (prefix.includes(AnyElem)) {
      return {
        range: range(span),
        sections: [
          `**${code(showPrefix(prefix))}** matches any name whose elements equal the prefix's, with \`*\` standing ` +
            'for exactly one element; the elements it matches are dropped, not carried over to the destination.',
        ],
      };
    }
    const labels = prefix as readonly string[];
    const sections: string[] = [];
    const namer = namerSection(labels, t.elemIndex, sources);
    if (namer) sections.push(namer);
    sections.push(delegationMarkdown(dtab, labels, sources.namers, sources.namersConfigured ?? false));
    return { range: range(span), sections };
  }
  return undefined;
}

const TERMINAL_DOCS = {
  neg: '`~` (neg): no answer here. In an alternation (`|`) the next alternative is tried, and an earlier dentry that also matches gets its turn; if nothing else matches, the name is negative.',
  fail: '`!` (fail): resolution fails here and stops: later alternatives are **not** tried.',
  empty: '`$` (empty): a positive answer with no addresses; requests routed here fail with "no brokers available".',
} as const;

/** Docs of `/$/<name>` (cursor on `name`) or of a configured namer `/#/<kind>` (cursor on `kind`). */
function namerSection(labels: readonly string[], index: number, sources: HoverSources): string | undefined {
  if (index === 1 && labels[0] === '$') {
    const doc = namerDoc(labels[1]!);
    if (!doc) {
      return `**${code('/$/' + labels[1])}**: not a namer Linkerd 1.x ships; unless a class of that name is on linkerd's classpath, the lookup fails with "Unknown namer".`;
    }
    return `**${code(`/$/${doc.name}`)}** ${code(doc.args)}\n\n${doc.description}`;
  }
  if (index >= 1 && labels[0] === '#') {
    // On an argument after a namer prefix: which part of the namer's name shape each label is.
    const owner = sources.namers.find((n) => n.prefix.length <= index && n.prefix.every((l, i) => l === labels[i]));
    if (owner) {
      const args = namerShapeArgs(owner.kind);
      const given = labels.slice(owner.prefix.length);
      const named = given.map((l, i) => `${code(showLabel(l))} = ${args[i] !== undefined ? `\`<${args[i]}>\`` : 'residual'}`);
      if (args.length > 0) return `**${code(showPath(owner.prefix))}** (${owner.kind}) arguments: ${named.join(', ')}.`;
    }
    const namer = sources.namers.find(
      (n) => n.prefix.length === index + 1 && n.prefix.every((l, i) => l === labels[i]),
    );
    if (namer) {
      const where = namer.source ? `declared in ${code(namer.source)}` : 'a standard Linkerd namer kind (no workspace config declares namers)';
      const doc = namerKindDoc(namer.kind);
      const head = `**${code(showPath(namer.prefix))}**: configured namer \`${namer.kind}\`, ${where}. The rest of the name is passed to it.`;
      return doc ? `${head}\n\n${doc}` : head;
    }
  }
  return undefined;
}

/** The share of each union member, as the engine's renderer words it (`90%`, `33.3%`; equal when all are 0). */
export function weightShares(union: readonly WeightedNode[]): string[] {
  return weightPercentages(union.map((m) => m.weight?.value ?? 1));
}

/** The share of requests a union member receives: weight / sum of the union's weights (default weight 1). */
export function weightMarkdown(member: WeightedNode, union: readonly WeightedNode[]): string {
  const w = member.weight?.value ?? 1;
  if (union.length < 2) {
    return (
      `Weight ${code(member.weight?.text ?? String(w))} **has no effect**: Finagle keeps weights only on members of a ` +
      '`&` union with two or more members, and drops the weight of a lone tree.'
    );
  }
  const shares = weightShares(union);
  const total = union.reduce((a, m) => a + (m.weight?.value ?? 1), 0);
  const index = union.indexOf(member);
  const position = `member ${index + 1} of ${union.length}`;
  if (total <= 0) {
    return `Every weight in this union is 0, so each of its ${union.length} members receives an equal share (${shares[index]}).`;
  }
  if (w === 0) return `Weight 0: this ${position} **never** receives traffic.`;
  return (
    `**${shares[index]}** of the requests through this union (weight ${String(w)} of ${String(total)}; ` +
    `${position}). Shares: ${shares.join(' / ')}.`
  );
}

function code(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}
