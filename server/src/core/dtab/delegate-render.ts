// A human-readable rendering of a delegation tree, like the admin dtab playground: one line per step, indented,
// with the dentry that fired, the rewritten path, union weights as percentages, and the final bound names with
// their addresses (or neg / fail / the error). Used by the CLI and by hover. Pure; no recursion on the tree.

import type { Path } from './ast.js';
import { PENDING_MESSAGE } from './delegate.js';
import { showDentryOnce, type DelegateTree } from './delegate-tree.js';
import type { Addr, NameBound } from './namers-types.js';
import { isNopDentry, showLabel, showPath } from './show.js';

export interface RenderOptions {
  /** Indentation per level (default two spaces). */
  readonly indent?: string;
  /**
   * The kind of the configured namer that resolves a name at runtime (not evaluated offline), or undefined. Its
   * pending or neg leaves are shown as a terminal step, not as an error or a dead end.
   */
  readonly runtimeNamer?: RuntimeNamerOf;
}

export function renderAddr(addr: Addr): string {
  switch (addr.type) {
    case 'bound': {
      if (addr.addrs.length === 0) return 'no socket addresses (a local service)';
      return addr.addrs.map((a) => `${a.ip}:${a.port}`).join(', ');
    }
    case 'failed':
      return `failed: ${addr.cause}`;
    case 'neg':
      return 'neg (no such name)';
    case 'pending':
      return 'pending (not resolved yet)';
  }
}

export function renderBound(b: NameBound): string {
  const residual = b.residual.length > 0 ? ` residual ${showPath(b.residual)}` : '';
  return `bound ${showPath(b.id)}${residual} -> ${renderAddr(b.addr)}`;
}

/** Union weights as percentages of their sum (uniform when every weight is 0, as Finagle's balancer picks). */
export function weightPercentages(weights: readonly number[]): string[] {
  const total = weights.reduce((a, b) => a + Math.max(0, b), 0);
  return weights.map((w) => {
    const share = total > 0 ? Math.max(0, w) / total : 1 / weights.length;
    const pct = share * 100;
    return `${Number.isInteger(pct) ? pct : pct.toFixed(1)}%`;
  });
}

export type RuntimeNamerOf = (path: Path) => string | undefined;

/**
 * Which configured namer owns a `/#/` name: the one with the longest matching prefix among `namers`; failing that,
 * when `anyHashPrefix` (no namer configuration is known), the one its first label after `/#/` names.
 */
export function runtimeNamerOf(namers: readonly { prefix: Path; kind: string }[], anyHashPrefix: boolean): RuntimeNamerOf {
  return (path) => {
    if (path[0] !== '#' || path.length < 2) return undefined;
    let best: { prefix: Path; kind: string } | undefined;
    for (const n of namers) {
      if (n.prefix.length > path.length || (best && best.prefix.length >= n.prefix.length)) continue;
      if (n.prefix.every((l, i) => l === path[i])) best = n;
    }
    return best?.kind ?? (anyHashPrefix ? showLabel(path[1]!) : undefined);
  };
}

function pathText(p: Path, kind: DelegateTree['kind']): string {
  if (p.length === 0 && kind === 'neg') return '~';
  return showPath(p);
}

function describe(t: DelegateTree, runtimeNamer: RuntimeNamerOf | undefined): string {
  const via = t.kind !== 'transformation' && !isNopDentry(t.dentry) ? `  (${showDentryOnce(t.dentry)})` : '';
  const head = pathText(t.path, t.kind) + via;
  const leftToNamer = t.kind === 'neg' || (t.kind === 'exception' && t.message === PENDING_MESSAGE);
  const kind = leftToNamer && t.path.length > 0 ? runtimeNamer?.(t.path) : undefined;
  if (kind !== undefined) return `${head}  → resolved by the ${kind} namer at runtime`;
  switch (t.kind) {
    case 'neg':
      return `${head}  ~ neg: ${t.path.length === 0 ? 'the destination is ~' : 'no dentry or namer matches'}`;
    case 'fail':
      return `${head}  ! fail`;
    case 'empty':
      return `${head}  $ empty (resolves to no addresses)`;
    case 'exception':
      return `${head}  error: ${t.message ?? 'unknown error'}`;
    case 'leaf':
      return `${head}  ${renderBound(t.bound)}`;
    case 'delegate':
      return head;
    case 'alt':
      return `${head}  alternatives (the first that is not neg wins):`;
    case 'union':
      return `${head}  union (traffic split by weight):`;
    case 'transformation':
      return `${head}  transformed by ${t.name} from ${renderBound(t.bound)}`;
  }
}

/** Renders the tree as indented lines (no trailing newline). */
export function renderDelegateTree(tree: DelegateTree, options: RenderOptions = {}): string {
  const indent = options.indent ?? '  ';
  const lines: string[] = [];
  const stack: { node: DelegateTree; level: number; label: string }[] = [{ node: tree, level: 0, label: '' }];
  while (stack.length > 0) {
    const { node, level, label } = stack.pop()!;
    lines.push(indent.repeat(level) + label + describe(node, options.runtimeNamer));
    const kids: { node: DelegateTree; label: string }[] = [];
    if (node.kind === 'delegate' || node.kind === 'transformation') kids.push({ node: node.tree, label: '' });
    else if (node.kind === 'alt') node.trees.forEach((c, i) => kids.push({ node: c, label: `${i + 1}. ` }));
    else if (node.kind === 'union') {
      const pcts = weightPercentages(node.weighted.map((w) => w.weight));
      node.weighted.forEach((w, i) => kids.push({ node: w.tree, label: `${pcts[i]} (weight ${w.weight}) ` }));
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!.node, level: level + 1, label: kids[i]!.label });
  }
  return lines.join('\n');
}
