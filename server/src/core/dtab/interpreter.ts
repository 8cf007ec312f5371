// Lookup functions ("interpreters", spec/dtab-language.md §5.2): the dtab first, then — only when the dtab's
// answer is exactly Neg — configured namers and the global `/$/` namer. Pure.

import type { Dtab, Path } from './ast.js';
import { lookupMapped, pathStartsWith } from './lookup.js';
import { globalNamer } from './namers.js';
import type { LookupFn, LookupResult, Name, Namer } from './namers-types.js';
import { namePath, ok, safeLookup } from './namers-types.js';
import { showPath } from './show.js';

export interface InterpreterOptions {
  /** The `/$/` namer (default: `globalNamer`, offline resolution). */
  readonly global?: LookupFn;
  /**
   * Linkerd re-words an unknown `/$/<class>` as `Unknown namer: <class> for path: <path>`; namerd's namespace
   * interpreter does not (default true).
   */
  readonly rewordUnknownNamer?: boolean;
}

/** `Dtab.lookup` as a lookup result of `Name.Path` leaves (Neg when nothing matched). */
export function dtabLookup(dtab: Dtab, path: Path): LookupResult {
  return ok(lookupMapped<Name>(dtab, path, namePath));
}

/** Finagle's DefaultInterpreter: the dtab, else the global namer. */
export function finagleLookup(dtab: Dtab, options: InterpreterOptions = {}): LookupFn {
  const global = options.global ?? globalNamer;
  return (path) => {
    const t = lookupMapped<Name>(dtab, path, namePath);
    return t.kind === 'neg' ? global(path) : ok(t);
  };
}

/**
 * The namer chain without the dtab (what the delegator falls back to): configured namers whose prefix the path
 * starts with, in REVERSE config order (the last-declared namer is tried first); a namer answering exactly Neg
 * passes the path on; then the global namer.
 */
export function namersLookup(namers: readonly Namer[], options: InterpreterOptions = {}): LookupFn {
  const global = options.global ?? globalNamer;
  const reword = options.rewordUnknownNamer ?? true;
  const reversed = [...namers].reverse();
  return (path) => {
    for (const namer of reversed) {
      if (!pathStartsWith(path, namer.prefix)) continue;
      const r = safeLookup((rest) => namer.lookup(rest), path.slice(namer.prefix.length));
      if (r.state === 'ok' && r.tree.kind === 'neg') continue;
      return r;
    }
    const r = global(path);
    if (reword && r.state === 'failed' && r.classNotFound) {
      return { state: 'failed', message: `Unknown namer: ${r.message} for path: ${showPath(path)}` };
    }
    return r;
  };
}

/** Linkerd's ConfiguredNamersInterpreter lookup (`namers` in config order). */
export function linkerdLookup(dtab: Dtab, namers: readonly Namer[] = [], options: InterpreterOptions = {}): LookupFn {
  const fallback = namersLookup(namers, options);
  return (path) => {
    const t = lookupMapped<Name>(dtab, path, namePath);
    return t.kind === 'neg' ? fallback(path) : ok(t);
  };
}

/** namerd's per-namespace interpreter: the namespace dtab ++ the request dtab, no "Unknown namer" re-wording. */
export function namerdLookup(
  namespaceDtab: Dtab,
  requestDtab: Dtab,
  namers: readonly Namer[] = [],
  options: InterpreterOptions = {},
): LookupFn {
  return linkerdLookup([...namespaceDtab, ...requestDtab], namers, { rewordUnknownNamer: false, ...options });
}
