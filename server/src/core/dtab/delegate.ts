// The delegator (Linkerd's ConfiguredNamersInterpreter.delegate, spec/dtab-language.md §6.1–6.3): the explanation
// tree that namerd's `/api/1/delegate` and the admin dtab playground show. Pure and synchronous.
//
// Unlike `bind`, every Alt/Union branch is expanded, a `~` destination stays Neg (no namer fallback), and errors
// inside a branch become `exception` nodes carrying the branch's Alt/Union path and dentry. A depth overflow in a
// linear chain fails the whole delegation, returned here as a typed failure (never thrown).
//
// Explicit-stack evaluation (no recursion on user data), memoised per (dentry, path, depth) so that Union cycles
// stay linear, with a cap on the size of the written-out tree.

import type { Dentry, Dtab, NameTree, Path } from './ast.js';
import { namersLookup, type InterpreterOptions } from './interpreter.js';
import { dsimplify, type DelegateTree, type DelegateWeighted, type Located } from './delegate-tree.js';
import { matchingDentries, pathKey } from './lookup.js';
import type { LookupFn, Name, Namer } from './namers-types.js';
import { safeLookup } from './namers-types.js';
import { DENTRY_NOP } from './show.js';
import { foldTree } from './tree.js';

// The tree type and its operations live in delegate-tree.ts; re-exported so callers need one import.
export * from './delegate-tree.js';

export const DELEGATE_MAX_DEPTH = 100;
export const DELEGATE_MAX_NODES = 100_000;
/** Most dtab lookups one delegation may make (see DEFAULT_MAX_LOOKUPS in bind.ts). */
export const DELEGATE_MAX_LOOKUPS = 100_000;
export const MAX_RECURSION_MESSAGE = 'Max recursion level reached.';
export const PENDING_MESSAGE = 'the namer has not answered yet (lookup pending)';

export type DelegateResult =
  | { readonly ok: true; readonly tree: DelegateTree }
  | { readonly ok: false; readonly reason: 'max-depth' | 'too-large'; readonly message: string };

export interface DelegateOptions extends InterpreterOptions {
  /** Configured namers (`/#/...`), in config order. */
  readonly namers?: readonly Namer[];
  /** Replaces the namer chain entirely (namers + global namer), e.g. for tests. */
  readonly namerLookup?: LookupFn;
  readonly maxDepth?: number;
  readonly maxNodes?: number;
  readonly maxLookups?: number;
}

/** A not-yet-resolved leaf: `target` is to be looked up; `dentry` produced it. */
interface PathLeaf extends Located {
  readonly kind: 'pathLeaf';
  readonly target: Path;
}

/** A delegate tree under construction: its leaves may still be paths. */
type Pre =
  | Exclude<DelegateTree, { kind: 'delegate' | 'alt' | 'union' | 'transformation' }>
  | PathLeaf
  | (Located & { readonly kind: 'delegate'; readonly tree: Pre })
  | (Located & { readonly kind: 'alt'; readonly trees: readonly Pre[] })
  | (Located & { readonly kind: 'union'; readonly weighted: readonly { weight: number; tree: Pre }[] });

/** Where a tree being converted came from: the path that was looked up, the dentry, the residual to append. */
interface Source {
  readonly path: Path;
  readonly dentry: Dentry;
  readonly residual: Path;
}

/** A dst leaf of a matched dentry: the residual is appended and the result is still to be looked up. */
const dstLeaf = (leafPath: Path, s: Source): Pre => ({
  kind: 'pathLeaf',
  path: s.path,
  dentry: s.dentry,
  target: s.residual.length === 0 ? leafPath : leafPath.concat(s.residual),
});

/** A leaf of a namer's answer: a path still to look up, or a bound name. */
const nameLeaf = (name: Name, s: Source): Pre =>
  name.kind === 'path'
    ? { kind: 'pathLeaf', path: s.path, dentry: s.dentry, target: name.path }
    : { kind: 'leaf', path: s.path, dentry: s.dentry, bound: name };

/** One node of `DelegateTree.fromNameTree`: Alt/Union/Fail/Empty carry the source path; Neg the empty path. */
function fromNode<T>(t: NameTree<T>, kids: readonly Pre[], leafOf: (value: T, s: Source) => Pre, s: Source): Pre {
  switch (t.kind) {
    case 'leaf':
      return leafOf(t.value, s);
    case 'empty':
    case 'fail':
      return { kind: t.kind, path: s.path, dentry: s.dentry };
    case 'neg':
      return { kind: 'neg', path: [], dentry: s.dentry };
    case 'alt':
      return { kind: 'alt', path: s.path, dentry: s.dentry, trees: kids };
    case 'union':
      return { kind: 'union', path: s.path, dentry: s.dentry, weighted: t.weighted.map((w, i) => ({ weight: w.weight, tree: kids[i]! })) };
  }
}

/** Bounded-depth recursive conversion (destinations are small); undefined when deeper than `budget`. */
function fromShallow<T>(t: NameTree<T>, leafOf: (value: T, s: Source) => Pre, s: Source, budget: number): Pre | undefined {
  if (t.kind !== 'alt' && t.kind !== 'union') return fromNode(t, [], leafOf, s);
  if (budget === 0) return undefined;
  const n = t.kind === 'alt' ? t.trees.length : t.weighted.length;
  const kids = new Array<Pre>(n);
  for (let i = 0; i < n; i++) {
    const k = fromShallow(t.kind === 'alt' ? t.trees[i]! : t.weighted[i]!.tree, leafOf, s, budget - 1);
    if (!k) return undefined;
    kids[i] = k;
  }
  return fromNode(t, kids, leafOf, s);
}

/** `DelegateTree.fromNameTree(path, dentry, tree)` with each leaf converted by `leafOf`. */
function fromNameTree<T>(tree: NameTree<T>, leafOf: (value: T, s: Source) => Pre, s: Source): Pre {
  return fromShallow(tree, leafOf, s, 32) ?? foldTree<T, Pre>(tree, (t, kids) => fromNode(t, kids, leafOf, s));
}

type Frame =
  | { readonly k: 'memo'; readonly key: string }
  | { readonly k: 'wrap'; readonly path: Path; readonly dentry: Dentry }
  | {
      readonly k: 'branches';
      readonly node: Located & { kind: 'alt' | 'union' };
      readonly items: readonly { weight: number; tree: Pre }[];
      readonly depth: number;
      next: number;
      readonly done: DelegateWeighted[];
    };

class TooLarge extends Error {}

/** `delegate(dtab, path)` (§6.2), then `dsimplify` (§6.3). */
export function delegate(dtab: Dtab, path: Path, options: DelegateOptions = {}): DelegateResult {
  const maxDepth = options.maxDepth ?? DELEGATE_MAX_DEPTH;
  const maxNodes = options.maxNodes ?? DELEGATE_MAX_NODES;
  let lookupsLeft = options.maxLookups ?? DELEGATE_MAX_LOOKUPS;
  const fallback = options.namerLookup ?? namersLookup(options.namers ?? [], options);

  const dentryIds = new Map<Dentry, number>();
  const idOf = (d: Dentry) => {
    let id = dentryIds.get(d);
    if (id === undefined) dentryIds.set(d, (id = dentryIds.size));
    return id;
  };
  const sizes = new WeakMap<DelegateTree, number>();
  const sized = <N extends DelegateTree>(node: N, kids: readonly DelegateTree[]): N => {
    let n = 1;
    for (const k of kids) n += sizes.get(k) ?? 1;
    if (n > maxNodes) throw new TooLarge();
    sizes.set(node, n);
    return node;
  };

  const dlookup = (dIn: Dentry, p: Path): Pre => {
    if (lookupsLeft-- <= 0) throw new TooLarge();
    const hits = matchingDentries(dtab, p);
    if (hits.length === 0) {
      const r = safeLookup(fallback, p);
      if (r.state === 'failed') return { kind: 'exception', path: p, dentry: dIn, message: r.message };
      if (r.state === 'pending') return { kind: 'exception', path: p, dentry: dIn, message: PENDING_MESSAGE };
      if (r.tree.kind === 'neg') return { kind: 'neg', path: p, dentry: dIn };
      return fromNameTree<Name>(r.tree, nameLeaf, { path: p, dentry: dIn, residual: [] });
    }
    const matches = new Array<Pre>(hits.length);
    for (let i = 0; i < hits.length; i++) {
      const d = dtab[hits[i]!]!;
      matches[i] = fromNameTree<Path>(d.dst, dstLeaf, { path: p, dentry: d, residual: p.slice(d.prefix.length) });
    }
    if (matches.length === 1) return { kind: 'delegate', path: p, dentry: dIn, tree: matches[0]! };
    return { kind: 'alt', path: p, dentry: dIn, trees: matches };
  };

  const memo = new Map<string, { tree: DelegateTree } | { thrown: string }>();
  const stack: Frame[] = [];
  let task: { node: Pre; depth: number } | undefined = {
    node: { kind: 'pathLeaf', path: [], dentry: DENTRY_NOP, target: path },
    depth: 0,
  };
  let result: DelegateTree | undefined;
  let thrown: string | undefined;

  try {
    for (;;) {
      if (task) {
        const current: { node: Pre; depth: number } = task;
        const { node, depth } = current;
        task = undefined;
        if (depth > maxDepth) {
          thrown = MAX_RECURSION_MESSAGE;
        } else if (node.kind === 'pathLeaf') {
          const key = `${idOf(node.dentry)}|${depth}|${pathKey(node.target)}`;
          const known = memo.get(key);
          if (known) {
            if ('thrown' in known) thrown = known.thrown;
            else result = known.tree;
          } else {
            stack.push({ k: 'memo', key });
            task = { node: dlookup(node.dentry, node.target), depth: depth + 1 };
            continue;
          }
        } else if (node.kind === 'delegate') {
          stack.push({ k: 'wrap', path: node.path, dentry: node.dentry });
          task = { node: node.tree, depth };
          continue;
        } else if (node.kind === 'alt' || node.kind === 'union') {
          const items = node.kind === 'alt' ? node.trees.map((tree: Pre) => ({ weight: 1, tree })) : node.weighted;
          if (items.length === 0) {
            result = { kind: 'neg', path: node.path, dentry: node.dentry };
          } else if (items.length === 1) {
            // One child: a Delegate, the weight dropped.
            stack.push({ k: 'wrap', path: node.path, dentry: node.dentry });
            task = { node: items[0]!.tree, depth };
            continue;
          } else {
            stack.push({ k: 'branches', node, items, depth, next: 0, done: [] });
            task = { node: items[0]!.tree, depth };
            continue;
          }
        } else {
          result = node;
        }
      }

      const frame = stack.pop();
      if (!frame) {
        if (thrown !== undefined) return { ok: false, reason: 'max-depth', message: thrown };
        return { ok: true, tree: dsimplify(result!) };
      }
      if (frame.k === 'memo') {
        memo.set(frame.key, thrown !== undefined ? { thrown } : { tree: result! });
      } else if (frame.k === 'wrap') {
        if (thrown === undefined) {
          result = sized({ kind: 'delegate', path: frame.path, dentry: frame.dentry, tree: result! }, [result!]);
        }
      } else {
        const { node } = frame;
        const child: DelegateTree =
          thrown !== undefined ? { kind: 'exception', path: node.path, dentry: node.dentry, message: thrown } : result!;
        thrown = undefined;
        frame.done.push({ weight: frame.items[frame.next]!.weight, tree: child });
        frame.next++;
        if (frame.next < frame.items.length) {
          stack.push(frame);
          task = { node: frame.items[frame.next]!.tree, depth: frame.depth };
        } else {
          const kids = frame.done.map((w) => w.tree);
          result =
            node.kind === 'alt'
              ? sized({ kind: 'alt', path: node.path, dentry: node.dentry, trees: kids }, kids)
              : sized({ kind: 'union', path: node.path, dentry: node.dentry, weighted: frame.done }, kids);
        }
      }
    }
  } catch (e) {
    if (e instanceof TooLarge) {
      return {
        ok: false,
        reason: 'too-large',
        message:
          lookupsLeft < 0
            ? `delegation gave up after ${options.maxLookups ?? DELEGATE_MAX_LOOKUPS} lookups: the dtab's unions branch too much (a Union that refers back to itself?)`
            : `delegation tree too large: more than ${maxNodes} nodes (a Union that refers back to itself?)`,
      };
    }
    throw e;
  }
}
