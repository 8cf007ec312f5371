// What the checks learn about one dentry on its own, memoised by the dentry's source text so that re-checking
// a document after an edit redoes only the edited dentries' local work (createDtabChecker in checks.ts). Local
// diagnostics are kept with spans relative to the dentry's start and moved to wherever the dentry now is. Pure.

import type { Dentry, DentryNode, Path } from './ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { answers, dentryHash } from './checks-dentries.js';
import type { LeafDiagnostic } from './checks-namers.js';
import { leafPaths } from './checks-chains.js';
import { prefixAsPath } from './checks-prefix-trie.js';

/** An error-free dentry of the document being checked, with its memoised facts. */
export interface CheckedDentry {
  readonly node: DentryNode;
  /** The offset of the dentry in the document. */
  readonly start: number;
  /**
   * Where the spans of the diagnostics kept in `facts` count from: `start` when the facts are memoised (they are
   * then relative, and moved to wherever the dentry is), 0 when they live for this check only (absolute).
   */
  readonly origin: number;
  readonly value: Dentry;
  readonly facts: DentryFacts;
}

/** Facts and diagnostics of one dentry text, computed on first use. Relative spans: offset 0 is the dentry's start. */
export class DentryFacts {
  /** The checker's round in which the entry was last used (for eviction). */
  lastUsed = 0;
  weights?: readonly Diagnostic[];
  systemNamers?: readonly LeafDiagnostic[];
  /** The `/#/` diagnostics, for the set of configured namer prefixes whose key is `configuredNamersKey`. */
  configuredNamers?: readonly LeafDiagnostic[];
  configuredNamersKey?: string;
  /** Unreachable alternatives when `/$/` paths reach the global namer, and when they do not. */
  alternativesReached?: readonly Diagnostic[];
  alternativesRewritten?: readonly Diagnostic[];
  private hashValue: number | undefined;
  private leafList: readonly Path[] | undefined;
  private prefixAsPathValue: Path | undefined;
  /** Bits: 1 known and 2 value when `/$/` paths do not answer; 4 known and 8 value when they do. */
  private alwaysBits = 0;

  constructor(readonly value: Dentry) {}

  /** The prefix used as a path (`*` as a label only `*` matches), for the prefix tries. */
  prefixPath(): Path {
    return (this.prefixAsPathValue ??= prefixAsPath(this.value.prefix));
  }

  /** The leaf paths of the destination, in order. */
  leaves(): readonly Path[] {
    return (this.leafList ??= leafPaths(this.value.dst));
  }

  /** The structural hash of the value (equal dentries hash equal). */
  hash(): number {
    return (this.hashValue ??= dentryHash(this.value));
  }

  /** Whether the destination always answers (never Neg), given whether `/$/` paths reach the global namer. */
  always(systemPathsAnswer: boolean): boolean {
    const shift = systemPathsAnswer ? 2 : 0;
    if (((this.alwaysBits >> shift) & 1) === 0) {
      const yes = answers(this.value.dst, systemPathsAnswer).always;
      this.alwaysBits |= (1 | (yes ? 2 : 0)) << shift;
    }
    return ((this.alwaysBits >> shift) & 2) !== 0;
  }
}

/** Makes the spans of a diagnostic relative to `origin` (negative delta) or absolute again (positive delta). */
export function shiftDiagnostic(d: Diagnostic, delta: number): Diagnostic {
  if (delta === 0) return d;
  const out: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { ...d, span: shiftSpan(d.span, delta) };
  if (d.related) out.related = d.related.map((r) => ({ ...r, span: shiftSpan(r.span, delta) }));
  if (d.fixes) {
    out.fixes = d.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: shiftSpan(e.span, delta) })) }));
  }
  return out;
}

function shiftSpan(s: { readonly start: number; readonly end: number }, delta: number) {
  return { start: s.start + delta, end: s.end + delta };
}

/** Diagnostics found at absolute offsets in a dentry starting at `start`, made relative to it. */
export function relative(diagnostics: readonly Diagnostic[], start: number): readonly Diagnostic[] {
  if (diagnostics.length === 0) return NONE;
  return start === 0 ? diagnostics : diagnostics.map((d) => shiftDiagnostic(d, -start));
}

export function relativeLeaves(found: readonly LeafDiagnostic[], start: number): readonly LeafDiagnostic[] {
  if (found.length === 0) return NO_LEAVES;
  return start === 0 ? found : found.map((f) => ({ leaf: f.leaf, diagnostic: shiftDiagnostic(f.diagnostic, -start) }));
}

const NONE: readonly Diagnostic[] = [];
const NO_LEAVES: readonly LeafDiagnostic[] = [];

/** A stable key for a list of configured namer prefixes. */
export function prefixesKey(prefixes: readonly Path[]): string {
  return JSON.stringify(prefixes);
}

/**
 * One result computed from a sequence of objects (memoised facts, in dtab order), reused while the next call
 * passes the same objects in the same order: a whole-dtab index survives an edit that leaves its inputs alone.
 */
export class SequenceMemo<T> {
  private keys: readonly object[] | undefined;
  private value: T | undefined;

  get(keys: readonly object[], compute: () => T): T {
    const last = this.keys;
    if (last !== undefined && last.length === keys.length && keys.every((k, i) => k === last[i])) return this.value!;
    this.value = compute();
    this.keys = keys;
    return this.value;
  }
}
