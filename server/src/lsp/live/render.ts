// Markdown for the live part of a hover: namerd's delegation of the path (with the editor's dtab applied), each
// leaf's current addresses, and a note when namerd's outcome differs from the local one. Iterative walks only:
// a delegation tree comes from the network and may be deep.

import { PENDING_MESSAGE } from '../../core/dtab/delegate.js';
import type { AddrJson, DelegateTreeJson } from '../../namerd/wire.js';

/** Lines of tree shown; the rest is summarised. */
export const MAX_LIVE_LINES = 30;
/** Addresses listed per leaf. */
export const MAX_ADDRESSES = 5;

export function describeAddr(addr: AddrJson): string {
  switch (addr.type) {
    case 'bound': {
      if (addr.addrs.length === 0) return 'bound, no addresses';
      const shown = addr.addrs.slice(0, MAX_ADDRESSES).map((a) => `${a.ip}:${a.port}`);
      const more = addr.addrs.length > MAX_ADDRESSES ? ` (+${addr.addrs.length - MAX_ADDRESSES} more)` : '';
      return shown.join(', ') + more;
    }
    case 'neg':
      return 'neg (no such name)';
    case 'failed':
      return `failed${addr.cause ? `: ${addr.cause}` : ''}`;
    case 'pending':
      return 'pending';
  }
}

function childrenOf(t: DelegateTreeJson): { label?: string; tree: DelegateTreeJson }[] {
  switch (t.type) {
    case 'delegate':
      return [{ tree: t.delegate }];
    case 'alt':
      return t.alt.map((tree) => ({ tree }));
    case 'union':
      return t.union.map((w) => ({ label: `${formatWeight(w.weight)} ×`, tree: w.tree }));
    case 'transformation':
      return [{ tree: t.tree }];
    default:
      return [];
  }
}

function formatWeight(w: number): string {
  return Number.isInteger(w) ? String(w) : w.toFixed(2);
}

function nodeLine(t: DelegateTreeJson): string {
  const via = 'dentry' in t && t.dentry ? `  (${t.dentry.prefix} => ${t.dentry.dst})` : '';
  switch (t.type) {
    case 'leaf':
      return `${t.path}${t.bound.id === t.path ? '' : ` → ${t.bound.id}`}: ${describeAddr(t.bound.addr)}${via}`;
    case 'neg':
      return `${t.path === '~' ? '~' : t.path} → neg${via}`;
    case 'fail':
      return `${t.path} → fail${via}`;
    case 'empty':
      return `${t.path} → empty${via}`;
    case 'exception':
      return `${t.path} → error: ${t.message ?? 'unknown'}${via}`;
    case 'alt':
      return `${t.path} → first of ${t.alt.length} alternatives${via}`;
    case 'union':
      return `${t.path} → split over ${t.union.length}${via}`;
    case 'transformation':
      return `${t.path} → ${t.name} transforms ${t.bound.id}`;
    case 'delegate':
      return `${t.path}${via}`;
  }
}

/** One line per node, indented by depth. */
export function renderLiveTree(root: DelegateTreeJson, maxLines = MAX_LIVE_LINES): string[] {
  const lines: string[] = [];
  let total = 0;
  const stack: { tree: DelegateTreeJson; depth: number; label?: string }[] = [{ tree: root, depth: 0 }];
  while (stack.length > 0) {
    const { tree, depth, label } = stack.pop()!;
    total++;
    if (lines.length < maxLines) lines.push(`${'  '.repeat(Math.min(depth, 20))}${label ? label + ' ' : ''}${nodeLine(tree)}`);
    const kids = childrenOf(tree);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ tree: kids[i]!.tree, depth: depth + 1, label: kids[i]!.label });
  }
  if (total > lines.length) lines.push(`… ${total - lines.length} more node(s)`);
  return lines;
}

export type OutcomeState = 'bound' | 'neg' | 'fail' | 'empty' | 'pending' | 'error';

/**
 * Where a delegation ends, per path handed to a namer: bound (a leaf), neg/fail/empty, or pending (locally, a name
 * only a runtime namer can answer). A `~` or `!` written in the dtab is keyed by its text. Explicit stack.
 */
export function outcomes(root: DelegateTreeJson): Map<string, OutcomeState> {
  const out = new Map<string, OutcomeState>();
  const stack: DelegateTreeJson[] = [root];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.type === 'leaf') out.set(t.path, t.bound.addr.type === 'neg' ? 'neg' : 'bound');
    else if (t.type === 'neg' || t.type === 'fail' || t.type === 'empty') out.set(t.path, t.type);
    else if (t.type === 'exception') out.set(t.path, t.message === PENDING_MESSAGE ? 'pending' : 'error');
    for (const c of childrenOf(t)) stack.push(c.tree);
  }
  return out;
}

const isNamerPath = (p: string): boolean => p.startsWith('/#/') || p.startsWith('/$/');

/**
 * How namerd's outcome differs from the local one, as sentences (empty when they agree). Locally pending names are
 * not a difference when namerd binds them; they are when namerd finds nothing there.
 */
export function compareOutcomes(local: ReadonlyMap<string, OutcomeState>, live: ReadonlyMap<string, OutcomeState>): string[] {
  const notes: string[] = [];
  const onlyLive = [...live].filter(([p, st]) => isNamerPath(p) && st === 'bound' && !local.has(p)).map(([p]) => p);
  const onlyLocal = [...local].filter(([p, st]) => isNamerPath(p) && (st === 'bound' || st === 'pending') && !live.has(p)).map(([p]) => p);
  const goneNeg = [...local]
    .filter(([p, st]) => (st === 'bound' || st === 'pending') && (live.get(p) === 'neg' || live.get(p) === 'fail'))
    .map(([p]) => p);
  if (goneNeg.length > 0) notes.push(`namerd finds nothing at ${list(goneNeg.sort())}, which the local dtab routes to`);
  if (onlyLive.length > 0) notes.push(`namerd also reaches ${list(onlyLive.sort())} (from its stored dtab)`);
  if (onlyLocal.length > 0) notes.push(`namerd does not reach ${list(onlyLocal.sort())}`);
  return notes;
}

export type LiveAnswer =
  | { readonly kind: 'ok'; readonly tree: DelegateTreeJson }
  | { readonly kind: 'unreachable'; readonly message: string }
  | { readonly kind: 'timeout'; readonly budgetMs: number }
  | { readonly kind: 'error'; readonly message: string };

export interface LiveSectionInput {
  readonly endpointName: string;
  readonly namespace: string;
  readonly path: string;
  readonly answer: LiveAnswer;
  /** The local delegation (namerd JSON shape) for the comparison; undefined when it could not be computed. */
  readonly local?: DelegateTreeJson;
}

export function liveSectionMarkdown(input: LiveSectionInput): string {
  const title = `**namerd \`${input.endpointName}\` / \`${input.namespace}\`**: delegation of \`${input.path}\` with this file's dtab applied`;
  const a = input.answer;
  if (a.kind === 'unreachable') return `${title}\n\n⚠ namerd unreachable: ${a.message}`;
  if (a.kind === 'timeout') return `${title}\n\n⏱ timed out: namerd did not answer within ${a.budgetMs} ms (dtab.namerd.hoverBudgetMs); hover again for the cached answer.`;
  if (a.kind === 'error') return `${title}\n\n⚠ ${a.message}`;
  const parts = [title, '```text\n' + renderLiveTree(a.tree).join('\n').replace(/```/g, "'''") + '\n```'];
  if (input.local) {
    const notes = compareOutcomes(outcomes(input.local), outcomes(a.tree));
    if (notes.length > 0) parts.push(`**Differs from the local result**: ${notes.join('; ')}.`);
  }
  return parts.join('\n\n');
}

function list(xs: readonly string[]): string {
  return xs.length === 0 ? 'nothing' : xs.map((x) => '`' + x + '`').join(', ');
}
