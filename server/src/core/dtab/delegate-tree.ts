// The DelegateTree (spec/dtab-language.md §6.1): the explanation of a delegation, node by node, with the path
// that was resolved and the dentry that produced it; plus walking it without recursion, `dsimplify` (§6.3) and
// Linkerd's `DelegateTree.find`. Pure.

import type { Dentry, Path } from './ast.js';
import { pathEquals } from './lookup.js';
import type { NameBound } from './namers-types.js';
import { isNopDentry, showDentry } from './show.js';
import { foldPostOrder } from './tree.js';

export interface Located {
  readonly path: Path;
  readonly dentry: Dentry;
}

export interface DelegateWeighted {
  readonly weight: number;
  readonly tree: DelegateTree;
}

/** A DelegateTree node (§6.1). `path`/`dentry` say which path was resolved and which dtab entry produced it. */
export type DelegateTree =
  | (Located & { readonly kind: 'exception'; readonly message?: string })
  | (Located & { readonly kind: 'empty' | 'fail' | 'neg' })
  | (Located & { readonly kind: 'delegate'; readonly tree: DelegateTree })
  | (Located & { readonly kind: 'leaf'; readonly bound: NameBound })
  | (Located & { readonly kind: 'alt'; readonly trees: readonly DelegateTree[] })
  | (Located & { readonly kind: 'union'; readonly weighted: readonly DelegateWeighted[] })
  | {
      readonly kind: 'transformation';
      readonly path: Path;
      /** Display name of the transformer (usually its class's simple name). */
      readonly name: string;
      /** The bound name before the transformation. */
      readonly bound: NameBound;
      readonly tree: DelegateTree;
    };

export function delegateChildren(t: DelegateTree): readonly DelegateTree[] {
  switch (t.kind) {
    case 'delegate':
    case 'transformation':
      return [t.tree];
    case 'alt':
      return t.trees;
    case 'union':
      return t.weighted.map((w) => w.tree);
    default:
      return [];
  }
}

/** Post-order fold without recursion, memoised per node object (delegate trees may share subtrees). */
export function foldDelegateTree<R>(root: DelegateTree, combine: (t: DelegateTree, kids: readonly R[]) => R): R {
  return foldPostOrder<DelegateTree, R>(root, delegateChildren, combine);
}

/** `withDentry`: replaces a node's dentry; Transformation nodes are left as they are. */
function withDentry(t: DelegateTree, dentry: Dentry): DelegateTree {
  return t.kind === 'transformation' ? t : { ...t, dentry };
}

/** The §6.3 Delegate rule applied to an already simplified child. */
function collapse(path: Path, dentry: Dentry, s: DelegateTree): DelegateTree {
  const terminal = s.kind === 'neg' || s.kind === 'fail' || s.kind === 'empty';
  if (!terminal && pathEquals(s.path, path)) return withDentry(s, dentry);
  return { kind: 'delegate', path, dentry, tree: s };
}

/** `dsimplify` (§6.3): presentation only. */
export function dsimplify(tree: DelegateTree): DelegateTree {
  return foldDelegateTree<DelegateTree>(tree, (t, kids) => {
    switch (t.kind) {
      case 'delegate':
        return collapse(t.path, t.dentry, kids[0]!);
      case 'alt': {
        if (kids.length === 0) return { kind: 'neg', path: t.path, dentry: t.dentry };
        if (kids.length === 1) return collapse(t.path, t.dentry, kids[0]!);
        const flat: DelegateTree[] = [];
        for (const s of kids) {
          if (s.kind === 'alt' && pathEquals(s.path, t.path)) flat.push(...s.trees);
          else flat.push(s);
        }
        return { kind: 'alt', path: t.path, dentry: t.dentry, trees: flat };
      }
      case 'union':
        if (kids.length === 0) return { kind: 'neg', path: t.path, dentry: t.dentry };
        if (kids.length === 1) return collapse(t.path, t.dentry, kids[0]!);
        return { kind: 'union', path: t.path, dentry: t.dentry, weighted: t.weighted.map((w, i) => ({ weight: w.weight, tree: kids[i]! })) };
      default:
        // Leaf, Neg, Fail, Empty, Exception and Transformation (whose subtree is not simplified) stay as they are.
        return t;
    }
  });
}

const dentriesShown = new WeakMap<Dentry, string>();

/**
 * `showDentry`, computed once per dentry object: one dentry labels many nodes of a delegation, and showing it
 * costs its whole destination. (Dentries are immutable.)
 */
export function showDentryOnce(d: Dentry): string {
  let text = dentriesShown.get(d);
  if (text === undefined) dentriesShown.set(d, (text = showDentry(d)));
  return text;
}

/** One step of a `find` chain: a node's path and its dentry shown (`""` for the no-op dentry) or a transformer name. */
export interface FindStep {
  readonly path: Path;
  readonly label: string;
}

/**
 * `DelegateTree.find`: the root-to-leaf chain to the first leaf (depth-first, in order) whose bound name satisfies
 * `predicate`, as (path, dentry shown) steps; undefined when no leaf does. A Transformation directly above the
 * found leaf shows the leaf's dentry on its own path and its name on the leaf's path.
 */
export function findInDelegateTree(
  tree: DelegateTree,
  predicate: (leaf: Extract<DelegateTree, { kind: 'leaf' }>) => boolean,
): FindStep[] | undefined {
  // Labels are shown only for the chain that is returned: showing a dentry costs its whole destination.
  type Chain = { readonly path: Path; readonly dentry?: Dentry; readonly name?: string; readonly prev?: Chain };
  const label = (dentry: Dentry) => (isNopDentry(dentry) ? '' : showDentryOnce(dentry));
  const stack: { node: DelegateTree; chain?: Chain }[] = [{ node: tree }];
  while (stack.length > 0) {
    const { node, chain } = stack.pop()!;
    if (node.kind === 'leaf') {
      if (!predicate(node)) continue;
      const steps: FindStep[] = [];
      for (let c = chain; c; c = c.prev) steps.push({ path: c.path, label: c.name ?? label(c.dentry!) });
      steps.reverse();
      if (chain?.name !== undefined) {
        // A Transformation right above the leaf: its path gets the leaf's dentry, the leaf's path its name.
        steps[steps.length - 1] = { path: chain.path, label: label(node.dentry) };
        steps.push({ path: node.path, label: chain.name });
      } else {
        steps.push({ path: node.path, label: label(node.dentry) });
      }
      return steps;
    }
    const kids = delegateChildren(node);
    if (kids.length === 0) continue;
    const step: Chain =
      node.kind === 'transformation'
        ? { path: node.path, name: node.name, prev: chain }
        : { path: node.path, dentry: node.dentry, prev: chain };
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, chain: step });
  }
  return undefined;
}
