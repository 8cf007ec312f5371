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

export const INTERNAL_ERROR = 'dtab/internal-error';

const CHECKS: readonly [string, (doc: DtabDocument, ctx: CheckContext) => Diagnostic[]][] = [
  ['syntax', checkSyntax],
  ['namers', checkNamers],
  ['weights', checkWeights],
  ['dentries', checkDentries],
  ['alternatives', checkAlternatives],
  ['resolution', checkResolution],
];

/** All diagnostics of `doc`, in source order (syntax errors first at equal offsets). */
export function checkDtab(doc: DtabDocument, ctx: CheckContext = {}): Diagnostic[] {
  const all: Diagnostic[] = [];
  for (const [name, check] of CHECKS) {
    // A bug in one check must not take the others' diagnostics (or the editor's) down with it.
    try {
      all.push(...check(doc, ctx));
    } catch (e) {
      all.push({
        code: INTERNAL_ERROR,
        severity: 'warning',
        span: { start: 0, end: 0 },
        message:
          `The ${name} check failed on this dtab (a bug in the dtab tools; please report it): ` +
          `${e instanceof Error ? e.message : String(e)}. The other checks ran.`,
      });
    }
  }
  // A stable sort keeps the check order for diagnostics that start at the same offset.
  return all.sort((a, b) => a.span.start - b.span.start);
}
