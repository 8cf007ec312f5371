// `checkDtab`: every diagnostic of a parsed dtab: its syntax errors plus the semantic checks (unknown and misused
// namers, weights, duplicate and shadowed dentries, dead alternatives, resolution loops). Each check lives in its
// own `checks-*.ts` module with its stable codes, all catalogued in checks-codes.ts. Pure: no I/O, never throws on
// user input.

import type { DtabDocument, Path } from './ast.js';
import type { Diagnostic } from '../diagnostic.js';
import { checkSyntax } from './checks-syntax.js';
import { checkNamers } from './checks-namers.js';
import { checkWeights } from './checks-weights.js';
import { checkDentries } from './checks-dentries.js';
import { checkResolution } from './checks-resolution.js';
import { checkAlternatives } from './checks-alternatives.js';

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

/** All diagnostics of `doc`, in source order (syntax errors first at equal offsets). */
export function checkDtab(doc: DtabDocument, ctx: CheckContext = {}): Diagnostic[] {
  const all = [
    ...checkSyntax(doc),
    ...checkNamers(doc, ctx),
    ...checkWeights(doc),
    ...checkDentries(doc),
    ...checkAlternatives(doc),
    ...checkResolution(doc),
  ];
  // A stable sort keeps the check order for diagnostics that start at the same offset.
  return all.sort((a, b) => a.span.start - b.span.start);
}
