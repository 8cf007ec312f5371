// `checkDtab`: every diagnostic of a parsed dtab: its syntax errors plus the semantic checks (unknown and misused
// namers, weights, duplicate and shadowed dentries, dead alternatives, resolution loops). Each check lives in its
// own `checks-*.ts` module with its stable codes, all catalogued in checks-codes.ts. Pure: no I/O, never throws on
// user input.
//
// An editor keeps a `createDtabChecker()` between versions of a file: what a check concludes from one dentry alone
// is memoised by the dentry's source text (checks-memo.ts), so a keystroke redoes only the edited dentry's local
// checks plus the checks across dentries, which run over memoised facts and reuse their indexes while their inputs
// are unchanged. `checkDtab` is a one-shot checker.

import type { DtabDocument, Path } from './ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { checkSyntax } from './checks-syntax.js';
import { configuredNamerDiagnostics, SystemNamerJudge, systemNamerDiagnostics } from './checks-namers.js';
import { weightDiagnostics } from './checks-weights.js';
import { checkDentries, dtabRewritesSystemPaths, type DentriesMemo } from './checks-dentries.js';
import type { PrefixTrie } from './checks-prefix-trie.js';
import { checkResolution, resolutionBounds } from './checks-resolution.js';
import type { ChainBounds } from './checks-chains.js';
import { checkUnionLoops } from './checks-union-loops.js';
import { alternativeDiagnostics } from './checks-alternatives.js';
import {
  DentryFacts,
  prefixesKey,
  relative,
  relativeLeaves,
  SequenceMemo,
  shiftDiagnostic,
  type CheckedDentry,
} from './checks-memo.js';
import { matchingDentries } from './lookup.js';
import { dentryEnd, dentryStart, detachedSlice, hasValue, transientValue } from './parse.js';

export interface CheckContext {
  /**
   * Prefixes of the namers the workspace's linkerd/namerd config defines (e.g. `/#/io.l5d.k8s`). When given,
   * `/#/` paths outside them are reported (`dtab/undefined-namer`).
   */
  readonly knownNamerPrefixes?: readonly Path[];
}

export { DTAB_CODES } from './checks-codes.js';
export { MISSING_SEMICOLON } from './checks-syntax.js';
export { UNKNOWN_NAMER, INET_ADDRESS, NAMER_ARGUMENT, UNDEFINED_NAMER } from './checks-namers.js';
export { IGNORED_WEIGHT, ZERO_WEIGHT, ALL_WEIGHTS_ZERO, FRACTIONAL_WEIGHTS } from './checks-weights.js';
export { DUPLICATE_DENTRY, SHADOWED_DENTRY } from './checks-dentries.js';
export { RESOLUTION_LOOP, RESOLUTION_TOO_DEEP } from './checks-resolution.js';
export { UNREACHABLE_ALTERNATIVE } from './checks-alternatives.js';

export const INTERNAL_ERROR = 'dtab/internal-error';

/** Checks a document; keep one between calls so that an edit re-does only the changed dentries' local work. */
export interface DtabChecker {
  check(doc: DtabDocument, ctx?: CheckContext, options?: CheckOptions): Diagnostic[];
}

export interface CheckOptions {
  /**
   * Look up and remember this document's dentries in the memo (default true). A caller that checks a document
   * for the first time (a file just opened, a config read cold) passes false: nothing could be found, and
   * remembering thousands of dentries that may never be edited costs more than the check (keys to copy and hash,
   * and facts the garbage collector then copies). The first edit then re-checks that document in full, once.
   */
  readonly memoise?: boolean;
}

export interface DtabCheckerOptions {
  /**
   * Distinct dentry texts remembered between calls (beyond it, those the last call did not use are dropped).
   * 0: nothing is kept between calls (a one-shot check; identical dentries still share their work within it).
   */
  readonly maxEntries?: number;
}

const DEFAULT_MAX_ENTRIES = 250_000;

/**
 * A checker that memoises, per dentry source text, the dentry's value and everything the checks conclude from
 * that dentry alone (weights, alternatives, namers, its hash); the checks across dentries (duplicates, shadowing,
 * resolution) run on every call over those memoised facts. The results equal `checkDtab`'s.
 */
export function createDtabChecker(options: DtabCheckerOptions = {}): DtabChecker {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const memo = new Map<string, DentryFacts>();
  const judge = new SystemNamerJudge();
  // Whole-dtab indexes, reused while their inputs (memoised facts, in order) stay the same.
  const dentriesMemo: DentriesMemo = { blockers: new SequenceMemo() };
  const chainsMemo = new SequenceMemo<PrefixTrie>();
  let round = 0;

  const collect = (doc: DtabDocument, memoise: boolean): CheckedDentry[] => {
    const out: CheckedDentry[] = [];
    for (const node of doc.dentries) {
      if (!hasValue(node)) continue;
      const start = dentryStart(node);
      if (!memoise) {
        const value = transientValue(node);
        if (value !== undefined) out.push({ node, start, origin: 0, value, facts: new DentryFacts(value) });
        continue;
      }
      const end = dentryEnd(node);
      // A kept key outlives the document: a copy, not a slice that would keep the whole text alive. The same
      // string serves the lookup and the insertion, so its hash is computed once.
      const key = maxEntries > 0 ? detachedSlice(doc.text, start, end) : doc.text.slice(start, end);
      let facts = memo.get(key);
      if (facts === undefined) {
        const value = node.value;
        if (value === undefined) continue;
        memo.set(key, (facts = new DentryFacts(value)));
      }
      facts.lastUsed = round;
      out.push({ node, start, origin: start, value: facts.value, facts });
    }
    return out;
  };

  const evict = () => {
    if (maxEntries === 0) return memo.clear();
    if (memo.size <= maxEntries) return;
    for (const [key, facts] of memo) if (facts.lastUsed !== round) memo.delete(key);
  };

  return {
    check(doc, ctx = {}, options = {}) {
      round++;
      const all: Diagnostic[] = [];
      // A bug in one check must not take the others' diagnostics (or the editor's) down with it.
      const run = (name: string, check: () => void) => {
        try {
          check();
        } catch (e) {
          all.push(internalError(name, e));
        }
      };
      // Not `all.push(...found)`: a huge dtab can have more diagnostics than a call takes arguments.
      const add = (found: readonly Diagnostic[]) => {
        for (const d of found) all.push(d);
      };
      let dentries: CheckedDentry[] = [];
      run('syntax', () => {
        add(checkSyntax(doc));
        dentries = collect(doc, options.memoise ?? true);
      });
      const dtab = dentries.map((d) => d.value);
      const text = doc.text;
      const rewritten = (p: Path) => matchingDentries(dtab, p).length > 0;
      run('namers', () => {
        const known = ctx.knownNamerPrefixes;
        const knownKey = known ? prefixesKey(known) : '';
        // (Indexed loops: these run per dentry, and a for-of over each small result costs an iterator.)
        for (let i = 0; i < dentries.length; i++) {
          const d = dentries[i]!;
          const f = d.facts;
          const system = (f.systemNamers ??= relativeLeaves(systemNamerDiagnostics(d.node, f.leaves(), judge), d.origin));
          // A dtab that rewrites a `/$/` or `/#/` path is consulted before the namer: then it may never reach it.
          for (let j = 0; j < system.length; j++) {
            const x = system[j]!;
            if (!rewritten(x.leaf)) all.push(shiftDiagnostic(x.diagnostic, d.origin));
          }
          if (!known) continue;
          if (f.configuredNamers === undefined || f.configuredNamersKey !== knownKey) {
            f.configuredNamers = relativeLeaves(configuredNamerDiagnostics(d.node, f.leaves(), known), d.origin);
            f.configuredNamersKey = knownKey;
          }
          const configured = f.configuredNamers;
          for (let j = 0; j < configured.length; j++) {
            const x = configured[j]!;
            if (!rewritten(x.leaf)) all.push(shiftDiagnostic(x.diagnostic, d.origin));
          }
        }
      });
      run('weights', () => {
        for (let i = 0; i < dentries.length; i++) {
          const d = dentries[i]!;
          const found = (d.facts.weights ??= weightDiagnostics(text, d.node, d.value, d.origin));
          for (let j = 0; j < found.length; j++) all.push(shiftDiagnostic(found[j]!, d.origin));
        }
      });
      const systemPathsAnswer = !dtabRewritesSystemPaths(dtab);
      run('dentries', () => add(checkDentries(text, dentries, systemPathsAnswer, dentriesMemo)));
      run('alternatives', () => {
        const find = (d: CheckedDentry) =>
          relative(alternativeDiagnostics(text, d.node, d.value, systemPathsAnswer), d.origin);
        for (let i = 0; i < dentries.length; i++) {
          const d = dentries[i]!;
          const found = systemPathsAnswer
            ? (d.facts.alternativesReached ??= find(d))
            : (d.facts.alternativesRewritten ??= find(d));
          for (let j = 0; j < found.length; j++) all.push(shiftDiagnostic(found[j]!, d.origin));
        }
      });
      // One index of chain bounds serves both: it decides which prefixes are bound.
      let bounds: ChainBounds | undefined;
      run('resolution', () => {
        bounds = resolutionBounds(dentries, dtab, chainsMemo);
        add(checkResolution(dentries, dtab, bounds));
      });
      run('union-loops', () => add(checkUnionLoops(dentries, dtab, all, bounds)));
      evict();
      // A stable sort keeps the check order for diagnostics that start at the same offset.
      return all.sort((a, b) => a.span.start - b.span.start);
    },
  };
}

/** All diagnostics of `doc`, in source order (syntax errors first at equal offsets). */
export function checkDtab(doc: DtabDocument, ctx: CheckContext = {}): Diagnostic[] {
  return createDtabChecker({ maxEntries: 0 }).check(doc, ctx, { memoise: false });
}

function internalError(name: string, e: unknown): Diagnostic {
  return {
    code: INTERNAL_ERROR,
    severity: 'warning',
    span: { start: 0, end: 0 },
    message:
      `The ${name} check failed on this dtab (a bug in the dtab tools; please report it): ` +
      `${e instanceof Error ? e.message : String(e)}. The other checks ran.`,
  };
}
