// Resolution checks (spec §5.4, gotcha G19): a dentry whose prefix cannot be bound because resolution goes round
// a cycle of dentries, or needs more lookups than Finagle's depth limit. The verdict comes from the real binder
// (`bind` with Finagle's lookup); a separate walk over the dentry graph then names the dentries of the cycle. The
// work is bounded: only prefixes whose chain bound (checks-chains.ts) comes near the limit are bound, each with a
// lookup budget, and the cycle walks share a budget per document. Pure.

import type { Dtab, Path } from './ast.js';
import { SequenceMemo, type CheckedDentry } from './checks-memo.js';
import type { Diagnostic, RelatedInfo } from '../diagnostic.js';
import { quoteDentry } from './checks-dentries.js';
import { chainBounds, leafPaths, type ChainBounds } from './checks-chains.js';
import type { PrefixTrie } from './checks-prefix-trie.js';
import { bind, DEFAULT_MAX_DEPTH, maxDepthMessage } from './bind.js';
import { finagleLookup } from './interpreter.js';
import { matchingDentries, rewrite } from './lookup.js';
import { globalNamer, type LookupFn } from './namers.js';
import { showPrefix } from './show.js';

export const RESOLUTION_LOOP = 'dtab/resolution-loop';
export const RESOLUTION_TOO_DEEP = 'dtab/resolution-too-deep';

/** Lookups one prefix's bind may make before the check gives up on it (inconclusive, nothing reported). */
const LOOKUPS_PER_PREFIX = 5_000;
/** Lookups the whole check may make, so that a huge dtab stays linear. */
const LOOKUPS_PER_DOCUMENT = 1_000_000;
/** Steps of the cycle-finding walk per reported prefix, and for the whole document. */
const WALK_STEPS = 20_000;
const WALK_STEPS_PER_DOCUMENT = 1_000_000;

/** How far below the depth limit a chain bound must stay for the prefix not to be bound. */
const SAFETY_MARGIN = 10;


const BUDGET_MESSAGE = 'resolution check budget exceeded';

/**
 * Upper bounds of the lookups each prefix's resolution takes, exact only near the depth limit (only whether a bound
 * comes near it matters): what decides which prefixes the resolution and union-loop checks bind. Computed once per
 * check for both; `chains` keeps the index between calls while the dentries' facts stay the same.
 */
export function resolutionBounds(
  dentries: readonly CheckedDentry[],
  dtab: Dtab,
  chains: SequenceMemo<PrefixTrie> = new SequenceMemo(),
): ChainBounds {
  const floor = DEFAULT_MAX_DEPTH - SAFETY_MARGIN - 2;
  return chainBounds(dtab, 2 * DEFAULT_MAX_DEPTH, floor, (j) => dentries[j]!.facts.leaves(), {
    memo: chains,
    keyOf: (j) => dentries[j]!.facts,
  });
}

/** Whether a prefix's chain bound comes near enough to the depth limit for its resolution to be bound. */
export function nearDepthLimit(bounds: ChainBounds, path: Path): boolean {
  // With a margin: the bound is only an estimate.
  return bounds.bound(path) >= DEFAULT_MAX_DEPTH - SAFETY_MARGIN;
}

/** The resolution loops and too-deep chains of a dtab: `dtab` holds the values of the error-free `dentries`. */
export function checkResolution(
  dentries: readonly CheckedDentry[],
  dtab: Dtab,
  bounds: ChainBounds = resolutionBounds(dentries, dtab),
): Diagnostic[] {
  if (dtab.length === 0) return [];
  const finagle = finagleLookup(dtab);
  const lookupBudget = { lookups: 0 };
  const walkBudget = { steps: WALK_STEPS_PER_DOCUMENT };
  const out: Diagnostic[] = [];
  const quote = (i: number) => quoteDentry(dtab[i]!);

  for (let i = 0; i < dtab.length; i++) {
    if (lookupBudget.lookups >= LOOKUPS_PER_DOCUMENT) break;
    const path = dentries[i]!.facts.prefixPath();
    if (!nearDepthLimit(bounds, path)) continue;
    if (!bindsTooDeep(finagle, path, lookupBudget)) continue;

    const walk = findCycle(dtab, path, walkBudget);
    const shownPath = showPrefix(dtab[i]!.prefix);
    if (walk.kind === 'cycle') {
      const cycle = showCycle(dtab, walk.cycle);
      const own = walk.cycle.includes(i);
      out.push({
        code: RESOLUTION_LOOP,
        severity: 'error',
        span: dentries[i]!.node.prefix.span,
        message:
          (own
            ? `Resolving ${shownPath} loops: it is rewritten round the cycle ${cycle}`
            : `Resolving ${shownPath} runs into the loop ${cycle}`) +
          `, until Linkerd gives up with "${maxDepthMessage(DEFAULT_MAX_DEPTH)}". ` +
          `Change one of these dentries so that the chain ends in a namer or a concrete address.`,
        related: loopRelated(dentries, dtab, walk.cycle),
      });
    } else {
      const chain = walk.chain;
      out.push({
        code: RESOLUTION_TOO_DEEP,
        severity: 'error',
        span: dentries[i]!.node.prefix.span,
        message:
          `Resolving ${shownPath} takes more than ${DEFAULT_MAX_DEPTH} lookups` +
          (chain.length > 0
            ? ` (a chain through ${chain.slice(0, 3).map(quote).join(' → ')}${chain.length > 3 ? ' → ...' : ''})`
            : '') +
          `, so Linkerd fails with "${maxDepthMessage(DEFAULT_MAX_DEPTH)}". Shorten the chain of rewrites.`,
      });
    }
  }
  return out;
}

/** A cycle of dentries (indexes) as the messages quote it, back to its first dentry: `'/a=>/b' → '/b=>/a' → '/a=>/b'`. */
export function showCycle(dtab: Dtab, cycle: readonly number[]): string {
  return [...cycle, cycle[0]!].map((j) => quoteDentry(dtab[j]!)).join(' → ');
}

/** The related entries of a loop diagnostic: each dentry of the cycle. */
export function loopRelated(dentries: readonly CheckedDentry[], dtab: Dtab, cycle: readonly number[]): RelatedInfo[] {
  return cycle.map((j) => ({ span: dentries[j]!.node.span, message: `part of the loop: ${showPrefix(dtab[j]!.prefix)}` }));
}

/**
 * Whether binding `path` fails at Finagle's depth limit, within its own lookup budget and the document's (its
 * own function: the closure over its counter is made only for the prefixes bound, not per loop iteration).
 */
function bindsTooDeep(finagle: LookupFn, path: Path, document: { lookups: number }): boolean {
  let lookups = 0;
  const budgeted: LookupFn = (p) => {
    if (++lookups > LOOKUPS_PER_PREFIX || ++document.lookups > LOOKUPS_PER_DOCUMENT) {
      return { state: 'failed', message: BUDGET_MESSAGE };
    }
    return finagle(p);
  };
  const r = bind(budgeted, path);
  return r.state === 'failed' && r.message === maxDepthMessage(DEFAULT_MAX_DEPTH);
}

type Walk = { kind: 'cycle'; cycle: number[] } | { kind: 'chain'; chain: number[] };

interface Step {
  readonly path: Path;
  readonly depth: number;
  /** The dentry that produced `path` and the step before it (a linked list: the chain of dentries used). */
  readonly via?: { readonly dentry: number; readonly from: Step };
}

function chainOf(step: Step): number[] {
  const out: number[] = [];
  for (let s: Step | undefined = step; s?.via; s = s.via.from) out.push(s.via.dentry);
  return out.reverse();
}

/**
 * Depth-first walk over every rewrite (all matching dentries, all leaves, rewriting namers), in binding order,
 * until a dentry repeats on the current chain (a cycle) or the chain passes the depth limit.
 */
function findCycle(dtab: Dtab, start: Path, budget: { steps: number }): Walk {
  const stack: Step[] = [{ path: start, depth: 0 }];
  let deepest: Step | undefined;
  for (let steps = 0; stack.length > 0 && steps < WALK_STEPS && budget.steps > 0; steps++, budget.steps--) {
    const step = stack.pop()!;
    if (step.depth > DEFAULT_MAX_DEPTH) {
      deepest ??= step;
      continue;
    }
    const next: Step[] = [];
    const hits = matchingDentries(dtab, step.path);
    for (const j of hits) {
      const chain = chainOf(step);
      const seen = chain.indexOf(j);
      if (seen >= 0) return { kind: 'cycle', cycle: chain.slice(seen) };
      for (const p of leafPaths(rewrite(dtab[j]!, step.path)))
        next.push({ path: p, depth: step.depth + 1, via: { dentry: j, from: step } });
    }
    if (hits.length === 0) {
      const r = globalNamer(step.path);
      if (r.state === 'ok') {
        for (const name of leafPaths(r.tree)) {
          if (name.kind === 'path') next.push({ path: name.path, depth: step.depth + 1, via: step.via });
        }
      }
    }
    for (let k = next.length - 1; k >= 0; k--) stack.push(next[k]!);
  }
  return { kind: 'chain', chain: deepest ? chainOf(deepest) : [] };
}
