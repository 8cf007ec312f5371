// Completion in dtabs: the next path segment from everything the file and the workspace know (prefixes and
// destinations used in the file, configured namers `/#/<kind>`, `/$/` namers with their argument shapes), and
// snippets for weighted splits, fallbacks and new dentries.

import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AnyElem, type DtabDocument, type PrefixElem } from '../../core/dtab/ast.js';
import { showLabel } from '../../core/dtab/show.js';
import { completionContext } from '../completionContext.js';
import type { NamerDoc } from '../../core/dtab/namers.js';
import { namerKindDoc, namerShapeArgs, type ConfiguredNamer } from '../namerCatalog.js';
import { type DtabRegion, hostRange } from '../regions.js';
import { leavesOf, pathLabels, prefixOf } from '../syntax.js';

export interface CompletionSources {
  readonly namers: readonly ConfiguredNamer[];
  /** True when `namers` come from workspace configs, false when they are the standard kinds. */
  readonly namersConfigured: boolean;
  readonly dollarNamers: readonly NamerDoc[];
}

/** More candidates than this make the list incomplete (the editor asks again as the user types). */
export const MAX_COMPLETION_ITEMS = 500;

interface Candidate {
  readonly path: readonly PrefixElem[];
  readonly detail: string;
  readonly group: number;
  readonly documentation?: string;
}

const fileCandidates = new WeakMap<DtabDocument, Candidate[]>();

function candidatesOf(parsed: DtabDocument): Candidate[] {
  let out = fileCandidates.get(parsed);
  if (out) return out;
  out = [];
  for (const d of parsed.dentries) {
    out.push({ path: prefixOf(d.prefix), detail: 'prefix in this dtab', group: 2 });
    for (const leaf of leavesOf(d.dst)) out.push({ path: pathLabels(leaf), detail: 'destination in this dtab', group: 3 });
  }
  fileCandidates.set(parsed, out);
  return out;
}

/**
 * Completion at `offset` of the region. `currentText` lets a `.dtab` file complete against the text as typed while
 * `region` is the last parse (one keystroke old): its paths are as good as candidates, and re-parsing a large file
 * on every keystroke before the list can show would miss the frame budget.
 */
export function completion(
  document: TextDocument,
  region: DtabRegion,
  offset: number,
  sources: CompletionSources,
  currentText: string = region.parsed.text,
): CompletionList {
  const text = currentText;
  const ctx = completionContext(text, offset);
  if (ctx.inComment) return { isIncomplete: false, items: [] };
  const range = (start: number): Range => hostRange(document, region, { start, end: offset });

  if (!ctx.path) {
    const items = ctx.side === 'dst' ? destinationSnippets(range(offset)) : [newDentrySnippet(range(offset))];
    return { isIncomplete: false, items };
  }

  const { complete, partialStart } = ctx.path;
  const depth = complete.length;
  const all: Candidate[] = [
    ...sources.namers.map((n) => ({
      path: n.prefix,
      detail: sources.namersConfigured ? `configured namer ${n.kind}${n.source ? ` (${n.source})` : ''}` : `namer kind ${n.kind} (standard; no config found)`,
      group: 0,
      documentation: namerKindDoc(n.kind),
    })),
    ...sources.dollarNamers.map((n) => ({
      path: ['$', n.name],
      detail: `/$/${n.name}${n.args}`,
      group: 1,
      documentation: n.description,
    })),
    ...candidatesOf(region.parsed),
  ];

  const seen = new Map<string, CompletionItem>();
  let incomplete = false;
  const replace = range(partialStart);
  for (const c of all) {
    if (c.path.length <= depth) continue;
    let matches = true;
    for (let i = 0; i < depth; i++) {
      const e = c.path[i]!;
      if (e !== AnyElem && e !== complete[i]) {
        matches = false;
        break;
      }
    }
    if (!matches) continue;
    const next = c.path[depth]!;
    if (next === AnyElem) continue;
    const label = showLabel(next);
    const existing = seen.get(label);
    const hasMore = c.path.length > depth + 1;
    if (existing) {
      if (hasMore) existing.kind = CompletionItemKind.Folder;
      continue;
    }
    if (seen.size >= MAX_COMPLETION_ITEMS) {
      incomplete = true;
      break;
    }
    seen.set(label, {
      label,
      kind: hasMore ? CompletionItemKind.Folder : c.group <= 1 ? CompletionItemKind.Module : CompletionItemKind.Reference,
      detail: c.detail,
      documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
      sortText: `${c.group}${label}`,
      textEdit: { range: replace, newText: label },
    });
  }
  const items = [...seen.values()];
  // After `/$/`: each namer with arguments also as a snippet that lays out its argument shape.
  if (depth === 1 && complete[0] === '$') {
    for (const n of sources.dollarNamers) {
      if (n.params.length === 0) continue;
      const args = n.params.map((a, i) => `\${${i + 1}:${a}}`).join('/');
      items.push({
        label: `${n.name}/${n.params.map((a) => `<${a}>`).join('/')}`,
        kind: CompletionItemKind.Snippet,
        detail: `/$/${n.name} with its arguments`,
        documentation: { kind: 'markdown', value: n.description },
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: `1${n.name}~`,
        filterText: n.name,
        textEdit: { range: replace, newText: `${n.name}/${args}` },
      });
    }
  }
  // After a namer prefix (`/#/io.l5d.k8s/`): the names it serves, as a snippet of its arguments.
  for (const n of sources.namers) {
    if (n.prefix.length !== depth || !n.prefix.every((l, i) => l === complete[i])) continue;
    const args = namerShapeArgs(n.kind);
    if (args.length === 0) continue;
    items.push({
      label: args.map((a) => `<${a}>`).join('/'),
      kind: CompletionItemKind.Snippet,
      detail: `name shape of ${n.kind}`,
      documentation: namerKindDoc(n.kind) ? { kind: 'markdown', value: namerKindDoc(n.kind)! } : undefined,
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: '0~',
      filterText: ctx.path.partial,
      textEdit: { range: replace, newText: args.map((a, i) => `\${${i + 1}:${snippetText(a)}}`).join('/') },
    });
  }
  return { isIncomplete: incomplete, items };
}

/** Text safe inside a snippet placeholder. */
function snippetText(s: string): string {
  return s.replace(/[$}\\]/g, (c) => '\\' + c);
}

function destinationSnippets(range: Range): CompletionItem[] {
  const snippet = (label: string, newText: string, documentation: string, sortText: string): CompletionItem => ({
    label,
    kind: CompletionItemKind.Snippet,
    insertTextFormat: InsertTextFormat.Snippet,
    documentation: { kind: 'markdown', value: documentation },
    sortText,
    textEdit: { range, newText },
  });
  const keyword = (label: string, documentation: string, sortText: string): CompletionItem => ({
    label,
    kind: CompletionItemKind.Keyword,
    documentation: { kind: 'markdown', value: documentation },
    sortText,
    textEdit: { range, newText: label },
  });
  return [
    snippet(
      'weighted split',
      '${1:9} * ${2:/blue} & ${3:1} * ${4:/green}',
      'A weighted union: each request goes to one branch with probability `weight / sum of weights` (here 90% / 10%).',
      '0a',
    ),
    snippet(
      'fallback',
      '${1:/primary} | ${2:/fallback}',
      'An alternation: use `/primary`; only if it resolves to nothing (negative) try `/fallback`. A failure (`!`) does not fall back.',
      '0b',
    ),
    keyword('~', '`~` (neg): this destination resolves to nothing, so the next alternative or an earlier dentry is tried.', '1a'),
    keyword('!', '`!` (fail): resolution fails here and stops; later alternatives are not tried.', '1b'),
    keyword('$', '`$` (empty): resolves to an empty set of addresses (a positive answer with no endpoints).', '1c'),
  ];
}

function newDentrySnippet(range: Range): CompletionItem {
  return {
    label: 'dentry',
    kind: CompletionItemKind.Snippet,
    insertTextFormat: InsertTextFormat.Snippet,
    documentation: { kind: 'markdown', value: 'A new dentry: names starting with the prefix are rewritten to the destination.' },
    textEdit: { range, newText: '${1:/svc} => ${2:/#/io.l5d.fs};' },
  };
}
