// Union members that loop (spec §5.4, gotchas G18/G19): a member of an `&` union whose resolution goes round a
// cycle of dentries back to its own dentry. Finagle's bind never fails on it: the failing branch is dropped at
// the depth limit when a sibling answers (B27: `/a => /a & /b` binds to Neg), so `dtab/resolution-loop` (which
// reports binds that fail) never sees it, yet every request pays the lookups up to the depth limit and the
// member's weight never gets the traffic it says. Loops through alternatives or plain chains make the bind fail
// and stay `dtab/resolution-loop`'s.
//
// The verdict comes from a walk that follows the binder (bind.ts) step by step: the dtab's lookup, else the
// global namer; an Alt takes its first branch that is not Neg; a Union binds every member and drops the failed
// ones when a sibling is Ok; the depth limit is checked before each node. It differs from the binder in one way:
// a branch that reaches the depth limit while still going round its own dentry (the dentry comes back in the
// second half of the chain) stops the walk, which names the dentries of the first round. Other branches that
// reach the limit fail as in the binder (a loop elsewhere is reported on its own dentries). The work is bounded:
// only dentries with a union whose prefix's chain bound (checks-chains.ts) comes near the depth limit are walked,
// each member with a lookup budget, under a budget for the whole document. Pure, no recursion on user data.

import type { Dtab, NameTree, Path, TreeNode } from './ast.js';
import type { Diagnostic } from '../diagnostic.js';
import type { CheckedDentry } from './checks-memo.js';
import type { ChainBounds } from './checks-chains.js';
import { DEFAULT_MAX_DEPTH } from './bind.js';
import { loopRelated, nearDepthLimit, RESOLUTION_LOOP, RESOLUTION_TOO_DEEP, resolutionBounds, showCycle } from './checks-resolution.js';
import { forEachTreeNode } from './checks-walk.js';
import { matchingDentries, pathKey, rewriteMapped } from './lookup.js';
import { globalNamer, namePath, type Name } from './namers.js';
import { showPath } from './show.js';
import { Neg, simplifyShallow, union } from './tree.js';

export const UNION_MEMBER_LOOP = 'dtab/union-member-loop';

/** Lookups one member's walk may make before the check gives up on it (inconclusive, nothing reported). */
const LOOKUPS_PER_MEMBER = 2_000;
/** Lookups the whole check may make, so that a huge dtab stays linear. */
const LOOKUPS_PER_DOCUMENT = 100_000;

/**
 * The looping union members of a dtab: `dtab` holds the values of the error-free `dentries`; `reported` the
 * diagnostics the other checks found (a dentry whose prefix has a resolution error is left to it); `bounds` the
 * chain bounds the resolution check used (only dentries near the depth limit are walked).
 */
export function checkUnionLoops(
  dentries: readonly CheckedDentry[],
  dtab: Dtab,
  reported: readonly Diagnostic[] = [],
  bounds: ChainBounds = resolutionBounds(dentries, dtab),
): Diagnostic[] {
  let failing: Set<number> | undefined;
  const budget = { lookups: 0 };
  let walker: MemberWalk | undefined;
  const out: Diagnostic[] = [];
  for (let i = 0; i < dtab.length; i++) {
    if (budget.lookups >= LOOKUPS_PER_DOCUMENT) break;
    if (!hasUnion(dtab[i]!.dst)) continue;
    const d = dentries[i]!;
    // A looping member needs a cycle back to its dentry: an infinite chain bound.
    if (!nearDepthLimit(bounds, d.facts.prefixPath())) continue;
    // A prefix whose bind fails at the depth limit already has `dtab/resolution-loop`'s (or too-deep's) error.
    failing ??= resolutionErrors(reported);
    if (failing.has(d.node.prefix.span.start)) continue;
    const leaves = d.facts.leaves();
    // What the nodes met bind to, shared by the walks of this dentry's members (it depends on the dentry).
    const outcomes = new Map<string, Outcome>();
    for (const member of unionMembers(d.node.dst)) {
      for (const k of member) {
        const cycle = (walker ??= new MemberWalk(dtab, budget)).loop(i, leaves[k]!, outcomes);
        if (cycle === undefined) continue;
        out.push(diagnostic(dentries, dtab, i, k, cycle));
        break;
      }
    }
  }
  return out;
}

/** Where the resolution errors among `reported` start (each on the prefix of its dentry). */
function resolutionErrors(reported: readonly Diagnostic[]): Set<number> {
  const out = new Set<number>();
  for (const d of reported) if (d.code === RESOLUTION_LOOP || d.code === RESOLUTION_TOO_DEEP) out.add(d.span.start);
  return out;
}

function diagnostic(
  dentries: readonly CheckedDentry[],
  dtab: Dtab,
  i: number,
  k: number,
  cycle: readonly number[],
): Diagnostic {
  const path = leafNodes(dentries[i]!.node.dst)[k]!;
  const shown = showCycle(dtab, cycle);
  return {
    code: UNION_MEMBER_LOOP,
    severity: 'warning',
    span: path.span,
    message:
      `Resolving the union member ${showPath(dentries[i]!.facts.leaves()[k]!)} goes round the cycle ${shown}, so ` +
      `Finagle drops this member after ${DEFAULT_MAX_DEPTH} lookups (on every request) and its weight never takes ` +
      `effect. Change one of these dentries so that the member's chain ends in a namer or a concrete address, or ` +
      `remove the member from the union.`,
    related: loopRelated(dentries, dtab, cycle),
  };
}

/** Whether a destination holds a union (of two or more members: a lone weighted tree is no union). */
function hasUnion(t: NameTree<Path>): boolean {
  if (t.kind === 'leaf') return false;
  if (t.kind === 'union' && t.weighted.length >= 2) return true;
  // The common `/a | /b` (an Alt of leaves) needs no stack.
  if (t.kind === 'alt' && t.trees.every(isLeaf)) return false;
  const stack: NameTree<Path>[] = [t];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (s.kind === 'union' && s.weighted.length >= 2) return true;
    if (s.kind === 'alt') for (const c of s.trees) stack.push(c);
    else if (s.kind === 'union') for (const w of s.weighted) stack.push(w.tree);
  }
  return false;
}

/** The written leaf paths of a destination, in order (the k-th is the k-th leaf of its value). */
function leafNodes(root: TreeNode) {
  const out: Extract<TreeNode, { kind: 'leaf' }>['path'][] = [];
  forEachTreeNode(root, (t) => {
    if (t.kind === 'leaf') out.push(t.path);
  });
  return out;
}

/**
 * The members of the unions of a destination, each as the indexes of its leaves (in leaf order) that no union
 * nested in the member holds: every union-member leaf belongs to the innermost member holding it.
 */
function unionMembers(root: TreeNode): number[][] {
  const members: number[][] = [];
  // Pre-order with the member (index into `members`, or -1) each node is under.
  const stack: [TreeNode, number][] = [[root, -1]];
  let leaf = 0;
  while (stack.length > 0) {
    const [t, member] = stack.pop()!;
    if (t.kind === 'leaf') {
      if (member >= 0) members[member]!.push(leaf);
      leaf++;
    } else if (t.kind === 'group') stack.push([t.inner, member]);
    else if (t.kind === 'alt') for (let m = t.members.length - 1; m >= 0; m--) stack.push([t.members[m]!, member]);
    else if (t.kind === 'union') {
      const first = members.length;
      for (let m = 0; m < t.members.length; m++) members.push([]);
      for (let m = t.members.length - 1; m >= 0; m--) stack.push([t.members[m]!.tree, first + m]);
    }
  }
  return members.filter((m) => m.length > 0);
}

/** The dentries a walk went through, as a linked list (the newest first). */
interface Chain {
  readonly dentry: number;
  readonly from: Chain | undefined;
}

/** What a node binds to, as far as an enclosing Alt or Union cares. */
const NEG = 0;
/** Bound to something other than Neg (a bound name, Empty, a union of them). */
const OK = 1;
/** The `!` tree (a Union drops it like Neg; an Alt stops at it). */
const FAIL = 2;
/** A failed or pending lookup (an Alt stops at it; a Union drops it when a sibling is Ok). */
const FAILED = 3;
type Outcome = typeof NEG | typeof OK | typeof FAIL | typeof FAILED;

type Frame =
  | { readonly k: 'memo'; readonly key: string }
  | {
      readonly k: 'alt';
      readonly trees: readonly NameTree<Name>[];
      /** The dentry each branch comes from (a lookup's Alt of matching dentries), or undefined: the parent's. */
      readonly dentries: readonly number[] | undefined;
      readonly depth: number;
      readonly chain: Chain | undefined;
      next: number;
    }
  | {
      readonly k: 'union';
      readonly weights: readonly number[];
      readonly trees: readonly NameTree<Name>[];
      readonly depth: number;
      readonly chain: Chain | undefined;
      next: number;
      readonly outcomes: Outcome[];
    };

interface Task {
  readonly tree: NameTree<Name>;
  readonly depth: number;
  readonly chain: Chain | undefined;
}

/** Walks union members the way the binder binds them (see the header); one per check, reused for each member. */
class MemberWalk {
  constructor(
    private readonly dtab: Dtab,
    private readonly budget: { lookups: number },
  ) {}

  /**
   * The cycle of dentries (starting at dentry `i`) that resolving `leaf`, a union member of dentry `i`, goes
   * round until the depth limit; undefined when it ends, the loop it runs into does not pass dentry `i` (it is
   * reported where it is), or the budget runs out.
   */
  loop(i: number, leaf: Path, memo: Map<string, Outcome>): number[] | undefined {
    const start: Chain = { dentry: i, from: undefined };
    const list = this.walk({ tree: { kind: 'leaf', value: namePath(leaf) }, depth: 1, chain: start }, i, memo);
    if (list === undefined) return undefined;
    // Name the first round, from i back to i.
    const back = list.indexOf(i, 1);
    return back < 0 ? undefined : list.slice(0, back);
  }

  /**
   * The chain of dentries (oldest first) of the first branch that passes the depth limit going round a loop
   * through dentry `i`, or undefined when the walk ends without one.
   */
  private walk(first: Task, i: number, memo: Map<string, Outcome>): number[] | undefined {
    const stack: Frame[] = [];
    let lookups = 0;
    let task: Task | undefined = first;
    let outcome: Outcome = NEG;
    while (true) {
      if (task !== undefined) {
        const t: NameTree<Name> = task.tree;
        const depth: number = task.depth;
        const chain: Chain | undefined = task.chain;
        task = undefined;
        if (depth > DEFAULT_MAX_DEPTH) {
          // Checked before each node, like the binder. A loop through dentry i still passes it in the second
          // half of the chain (a branch that runs into a loop elsewhere, or down a long chain, leaves i behind);
          // any other branch fails here like in the binder (a Union drops it).
          const list = chainList(chain);
          if (list.indexOf(i, list.length >> 1) >= 0) return list;
          outcome = FAILED;
        } else if (t.kind === 'leaf' && t.value.kind === 'path') {
          const path: Path = t.value.path;
          const key = `${depth}|${pathKey(path)}`;
          const known = memo.get(key);
          if (known !== undefined) {
            outcome = known;
          } else {
            if (++lookups > LOOKUPS_PER_MEMBER || ++this.budget.lookups > LOOKUPS_PER_DOCUMENT) return undefined;
            const hits = matchingDentries(this.dtab, path);
            // Finagle's interpreter: the dtab's answer, or the global namer when it is exactly Neg.
            const trees: NameTree<Name>[] = hits.map((j) => rewriteMapped<Name>(this.dtab[j]!, path, namePath));
            if (trees.length > 1 || (trees.length === 1 && trees[0]!.kind !== 'neg')) {
              stack.push({ k: 'memo', key });
              if (trees.length === 1) {
                task = { tree: trees[0]!, depth: depth + 1, chain: { dentry: hits[0]!, from: chain } };
              } else {
                stack.push({ k: 'alt', trees, dentries: hits, depth: depth + 1, chain, next: 0 });
                task = { tree: trees[0]!, depth: depth + 1, chain: { dentry: hits[0]!, from: chain } };
              }
              continue;
            }
            const r = globalNamer(path);
            if (r.state === 'ok') {
              stack.push({ k: 'memo', key });
              task = { tree: r.tree, depth: depth + 1, chain };
              continue;
            }
            outcome = FAILED;
            memo.set(key, outcome);
          }
        } else if (t.kind === 'leaf' || t.kind === 'empty') {
          outcome = OK;
        } else if (t.kind === 'neg') {
          outcome = NEG;
        } else if (t.kind === 'fail') {
          outcome = FAIL;
        } else if (t.kind === 'alt') {
          if (t.trees.length === 0) outcome = NEG;
          else {
            if (t.trees.length > 1) stack.push({ k: 'alt', trees: t.trees, dentries: undefined, depth, chain, next: 0 });
            task = { tree: t.trees[0]!, depth, chain };
            continue;
          }
        } else {
          if (t.weighted.length === 0) outcome = NEG;
          else {
            if (t.weighted.length > 1) {
              const trees = t.weighted.map((w) => w.tree);
              const weights = t.weighted.map((w) => w.weight);
              stack.push({ k: 'union', weights, trees, depth, chain, next: 0, outcomes: [] });
            }
            task = { tree: t.weighted[0]!.tree, depth, chain };
            continue;
          }
        }
      }

      const frame = stack.pop();
      if (!frame) return undefined;
      if (frame.k === 'memo') {
        memo.set(frame.key, outcome);
      } else if (frame.k === 'alt') {
        // Anything but Neg stops an Alt (no fallback on a failure).
        if (outcome !== NEG) continue;
        frame.next++;
        if (frame.next < frame.trees.length) {
          stack.push(frame);
          const chain = frame.dentries ? { dentry: frame.dentries[frame.next]!, from: frame.chain } : frame.chain;
          task = { tree: frame.trees[frame.next]!, depth: frame.depth, chain };
        }
      } else {
        frame.outcomes.push(outcome);
        frame.next++;
        if (frame.next < frame.trees.length) {
          stack.push(frame);
          task = { tree: frame.trees[frame.next]!, depth: frame.depth, chain: frame.chain };
        } else {
          outcome = combineUnion(frame.weights, frame.outcomes);
        }
      }
    }
  }
}

const NEG_LEAF: NameTree<true> = Neg;
const FAIL_LEAF: NameTree<true> = { kind: 'fail' };
const OK_LEAF: NameTree<true> = { kind: 'leaf', value: true };

/** The binder's Union of branch outcomes: the Ok ones (Neg, `!` or bound) simplified, else failed. */
function combineUnion(weights: readonly number[], outcomes: readonly Outcome[]): Outcome {
  const oks: { weight: number; tree: NameTree<true> }[] = [];
  outcomes.forEach((o, m) => {
    if (o !== FAILED) oks.push({ weight: weights[m]!, tree: o === NEG ? NEG_LEAF : o === FAIL ? FAIL_LEAF : OK_LEAF });
  });
  if (oks.length === 0) return FAILED;
  const t = simplifyShallow(union(oks));
  return t.kind === 'neg' ? NEG : t.kind === 'fail' ? FAIL : OK;
}

/** The dentries of a chain, oldest first. */
function chainList(chain: Chain | undefined): number[] {
  const out: number[] = [];
  for (let c = chain; c; c = c.from) out.push(c.dentry);
  return out.reverse();
}

const isLeaf = (t: NameTree<Path>): boolean => t.kind === 'leaf';
