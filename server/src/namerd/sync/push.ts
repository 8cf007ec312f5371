// Pushing a local dtab file to a namerd namespace, in two phases: `planPush` reads namerd and decides (nothing is
// written), `applyPush` performs the plan with compare-and-set and reads the result back.
//
// Safety rules: a file with syntax errors is refused; the comparison is on canonical dentries (comments and layout
// are not changes); the write carries If-Match with the version the file is based on (the header's, else the one
// read now), so a concurrent writer is reported as a conflict with the three-way difference and never overwritten.
// Only an explicit create (POST, which namerd refuses when the namespace exists) goes without If-Match.

import type { SyntaxError } from '../../core/dtab/ast.js';
import { parseDtab } from '../../core/dtab/parse.js';
import { isNamerdError } from '../client/errors.js';
import { redactUrl } from '../client/redact.js';
import type { CallOptions, NamerdApi } from '../client/types.js';
import { canonicalFromDocument, sameDentries, type CanonicalDentry } from './canonical.js';
import { casWrite, readCanonical } from './cas.js';
import { diffDentries, threeWayDiff, type DentryChange, type ThreeWayDiff } from './diff.js';
import { isHeaderComment, parseHeader, type SyncHeader } from './header.js';

export interface PushRequest {
  readonly namespace: string;
  /** The local file's text. */
  readonly text: string;
  /** The base URL pushed to; a header recorded for another endpoint or namespace is not trusted. */
  readonly endpoint: string;
  /** Create the namespace when it does not exist (otherwise a missing namespace is `not-found`). */
  readonly create?: boolean;
}

interface PlanCommon {
  readonly namespace: string;
  /** The file's header when it was pulled from this endpoint and namespace (else empty): a push rewrites it. */
  readonly header: SyncHeader;
  /** Things the user should know before confirming, e.g. that comments will not be stored. */
  readonly warnings: readonly string[];
}

export type PushPlan = PlanCommon &
  (
    | { readonly kind: 'refused'; readonly errors: readonly SyntaxError[] }
    | { readonly kind: 'not-found' }
    | { readonly kind: 'conflict'; readonly conflict: ThreeWayDiff }
    | { readonly kind: 'up-to-date'; readonly version: string; readonly dentries: readonly CanonicalDentry[] }
    | {
        readonly kind: 'update';
        /** If-Match for the write: the version `current` was read at. */
        readonly baseVersion: string;
        readonly current: readonly CanonicalDentry[];
        readonly next: readonly CanonicalDentry[];
        readonly changes: readonly DentryChange[];
      }
    | { readonly kind: 'create'; readonly next: readonly CanonicalDentry[]; readonly changes: readonly DentryChange[] }
  );

export type PushResult =
  | {
      readonly kind: 'written';
      readonly created: boolean;
      /** namerd's version after the write (read back), when the read-back showed exactly what was written. */
      readonly version?: string;
      /** False when the read-back differs: someone wrote again right after us (our write did land). */
      readonly verified: boolean;
      readonly dentries: readonly CanonicalDentry[];
    }
  | { readonly kind: 'conflict'; readonly conflict: ThreeWayDiff }
  | { readonly kind: 'not-found' };

function sameEndpoint(a: string, b: string): boolean {
  const norm = (u: string): string => redactUrl(u).replace(/\/+$/, '');
  return norm(a) === norm(b);
}

export async function planPush(api: NamerdApi, req: PushRequest, opts: CallOptions = {}): Promise<PushPlan> {
  const doc = parseDtab(req.text);
  const warnings: string[] = [];
  if (doc.errors.length > 0) return { namespace: req.namespace, warnings, header: {}, kind: 'refused', errors: doc.errors };

  const yours = canonicalFromDocument(doc);
  const userComments = doc.comments.filter((c) => !isHeaderComment(c)).length;
  if (userComments > 0) {
    warnings.push(
      `namerd does not keep comments: the ${userComments} comment${userComments === 1 ? '' : 's'} in the file will stay only in the local file, and a later pull will not have them`,
    );
  }

  let header = parseHeader(doc.comments, doc.dentries[0]?.span.start);
  if (header.version !== undefined && (header.namespace !== req.namespace || !header.endpoint || !sameEndpoint(header.endpoint, req.endpoint))) {
    warnings.push(
      `the file was pulled from namespace ${header.namespace ?? '?'} at ${header.endpoint ?? '?'}; its recorded version is ignored and the push is based on the version read now`,
    );
    header = {};
  }
  const common = { namespace: req.namespace, warnings, header };

  let current;
  try {
    current = await readCanonical(api, req.namespace, opts);
  } catch (e) {
    if (!(isNamerdError(e) && e.kind === 'not-found')) throw e;
    if (!req.create) return { ...common, kind: 'not-found' };
    return { ...common, kind: 'create', next: yours, changes: diffDentries([], yours) };
  }

  const theirs = current.dentries;
  if (sameDentries(theirs, yours)) return { ...common, kind: 'up-to-date', version: current.version, dentries: theirs };

  if (header.version !== undefined && header.version !== current.version) {
    const base = header.base;
    if (!base || !sameDentries(base, theirs)) {
      return {
        ...common,
        kind: 'conflict',
        conflict: threeWayDiff(base, theirs, yours, { baseVersion: header.version, theirVersion: current.version }),
      };
    }
    warnings.push(`namerd's version moved from ${header.version} to ${current.version}, but its content is what the file was based on`);
  }
  return { ...common, kind: 'update', baseVersion: current.version, current: theirs, next: yours, changes: diffDentries(theirs, yours) };
}

/** Performs an `update` or `create` plan. Other plan kinds have nothing to write and are rejected. */
export async function applyPush(api: NamerdApi, plan: PushPlan, opts: CallOptions = {}): Promise<PushResult> {
  if (plan.kind === 'update') {
    const r = await casWrite(api, plan.namespace, plan.next, plan.baseVersion, opts);
    if (r.kind === 'not-found') return r;
    if (r.kind === 'conflict') {
      return { kind: 'conflict', conflict: threeWayDiff(plan.current, r.current, plan.next, { baseVersion: plan.baseVersion, theirVersion: r.version }) };
    }
    return { kind: 'written', created: false, version: r.verified ? r.version : undefined, verified: r.verified, dentries: r.dentries };
  }
  if (plan.kind !== 'create') throw new Error(`a ${plan.kind} push plan has nothing to apply`);
  try {
    await api.createDtab(plan.namespace, { format: 'json', dentries: plan.next }, { ...opts, learnVersion: false });
  } catch (e) {
    if (!(isNamerdError(e) && e.kind === 'already-exists')) throw e;
    const now = await readCanonical(api, plan.namespace, opts);
    return { kind: 'conflict', conflict: threeWayDiff(undefined, now.dentries, plan.next, { theirVersion: now.version }) };
  }
  const after = await readCanonical(api, plan.namespace, opts);
  const verified = sameDentries(after.dentries, plan.next);
  return { kind: 'written', created: true, version: verified ? after.version : undefined, verified, dentries: after.dentries };
}
