// Cross-service failover: turn one dentry's destination into `primary | fallback`, so requests go to the fallback
// service whenever the primary resolves to nothing (Neg). Same safety as a shift step: compare-and-set on the version
// read, every other dentry untouched, read back and verified.

import type { NameTree, Path } from '../../core/dtab/ast.js';
import { readNameTree, readPrefix } from '../../core/dtab/parse.js';
import { showNameTree, showPrefix } from '../../core/dtab/show.js';
import type { CallOptions, NamerdApi } from '../client/types.js';
import type { CanonicalDentry } from '../sync/canonical.js';
import { casWrite, readCanonical, type CasResult } from '../sync/cas.js';
import { targetDst, withTargetDst } from './target.js';

export type FailoverPlan =
  | { readonly kind: 'refused'; readonly message: string }
  | {
      readonly kind: 'failover';
      readonly namespace: string;
      readonly prefix: string;
      readonly before: string;
      readonly after: string;
      readonly version: string;
      readonly next: readonly CanonicalDentry[];
    };

/** `primary | fallback`; a primary that is already an alt gets the fallback appended as its last member. */
export function withFallback(primary: NameTree<Path>, fallback: NameTree<Path>): NameTree<Path> {
  const members = primary.kind === 'alt' ? primary.trees : [primary];
  return { kind: 'alt', trees: [...members, fallback] };
}

export async function planFailover(api: NamerdApi, namespace: string, prefixText: string, fallbackText: string, opts: CallOptions = {}): Promise<FailoverPlan> {
  const prefix = readPrefix(prefixText.trim());
  if (!prefix.ok) return { kind: 'refused', message: `${prefixText} is not a dtab prefix: ${prefix.message}` };
  const fallback = readNameTree(fallbackText.trim());
  if (!fallback.ok) return { kind: 'refused', message: `${fallbackText} is not a destination: ${fallback.message}` };
  const p = showPrefix(prefix.value);
  const cur = await readCanonical(api, namespace, opts);
  const before = targetDst(cur.dentries, p);
  if (before === undefined) return { kind: 'refused', message: `namespace ${namespace} has no dentry with prefix ${p}` };
  const primary = readNameTree(before);
  if (!primary.ok) return { kind: 'refused', message: `namerd's dst ${before} for ${p} does not parse: ${primary.message}` };
  const fb = showNameTree(fallback.value);
  const members = primary.value.kind === 'alt' ? primary.value.trees.map(showNameTree) : [before];
  if (members.includes(fb)) return { kind: 'refused', message: `${p} already falls back to ${fb}` };
  const after = showNameTree(withFallback(primary.value, fallback.value));
  return { kind: 'failover', namespace, prefix: p, before, after, version: cur.version, next: withTargetDst(cur.dentries, p, after)! };
}

export function applyFailover(api: NamerdApi, plan: Extract<FailoverPlan, { kind: 'failover' }>, opts: CallOptions = {}): Promise<CasResult> {
  return casWrite(api, plan.namespace, plan.next, plan.version, opts);
}
