// Checks run on namerd before the first step and before every later one: the green destination must resolve to a
// non-empty address set (bind, then addr for every bound id), and the dtab the step would write must parse and
// delegate without errors. A failed check pauses the shift; nothing is written.

import { readDtab, readPath } from '../../core/dtab/parse.js';
import { isNamerdError } from '../client/errors.js';
import type { CallOptions, NamerdApi } from '../client/types.js';
import type { BoundTreeJson, DelegateTreeJson } from '../wire.js';
import { dtabText, type CanonicalDentry } from '../sync/canonical.js';

/** Label used to bind a green destination that is a tree rather than a single path. */
const PROBE_PREFIX = '/dtab-shift-preflight';

export interface PreflightInput {
  readonly namespace: string;
  readonly prefix: string;
  readonly green: string;
  /** The whole dtab the step would write (canonical). */
  readonly next: readonly CanonicalDentry[];
}

export interface PreflightResult {
  readonly ok: boolean;
  /** What failed, each saying how to fix it. */
  readonly problems: readonly string[];
  /** The green addresses found (`ip:port`), for the report. */
  readonly addresses: readonly string[];
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function boundLeaves(root: BoundTreeJson): { ids: string[]; dead: string[] } {
  const ids: string[] = [];
  const dead: string[] = [];
  const stack: BoundTreeJson[] = [root];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.type === 'leaf') ids.push(t.bound.id);
    else if (t.type === 'union') for (const w of t.union) stack.push(w.tree);
    else if (t.type === 'alt') for (const a of t.alt) stack.push(a);
    else dead.push(t.type);
  }
  return { ids, dead };
}

async function checkGreenResolves(api: NamerdApi, input: PreflightInput, opts: CallOptions, problems: string[], addresses: string[]): Promise<void> {
  const asPath = readPath(input.green);
  let bound: BoundTreeJson;
  try {
    bound = asPath.ok
      ? await api.bind(input.namespace, input.green, opts)
      : await api.bind(input.namespace, PROBE_PREFIX, { ...opts, dtab: `${PROBE_PREFIX}=>${input.green}` });
  } catch (e) {
    problems.push(`green destination ${input.green} could not be bound on namerd: ${describe(e)}`);
    return;
  }
  const { ids, dead } = boundLeaves(bound);
  if (ids.length === 0) {
    problems.push(`green destination ${input.green} does not resolve on namerd (bind gave ${dead.join(', ') || bound.type}); deploy it or fix the dtab first`);
    return;
  }
  for (const id of ids) {
    try {
      const addr = await api.addr(input.namespace, id, opts);
      if (addr.type !== 'bound' || addr.addrs.length === 0) {
        const why = addr.type === 'failed' ? `failed: ${addr.cause ?? 'no cause given'}` : addr.type === 'bound' ? 'no addresses' : addr.type;
        problems.push(`green destination ${input.green} binds to ${id}, which has no live address (${why}); start its instances first`);
      } else {
        for (const a of addr.addrs) addresses.push(`${a.ip}:${a.port}`);
      }
    } catch (e) {
      problems.push(`the addresses of ${id} (green destination ${input.green}) could not be read: ${describe(e)}`);
    }
  }
}

function exceptions(root: DelegateTreeJson): string[] {
  const out: string[] = [];
  const stack: DelegateTreeJson[] = [root];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.type === 'exception') out.push(`${t.path}: ${t.message ?? 'exception'}`);
    else if (t.type === 'delegate') stack.push(t.delegate);
    else if (t.type === 'alt') stack.push(...t.alt);
    else if (t.type === 'union') for (const w of t.union) stack.push(w.tree);
    else if (t.type === 'transformation') stack.push(t.tree);
  }
  return out;
}

/** A concrete path the shifted prefix matches (`*` elements become a placeholder label). */
function probePath(prefix: string): string {
  return prefix.split('/').map((e) => (e === '*' ? 'x' : e)).join('/');
}

async function checkNextDtab(api: NamerdApi, input: PreflightInput, opts: CallOptions, problems: string[]): Promise<void> {
  const text = dtabText(input.next);
  const parsed = readDtab(text);
  if (!parsed.ok) {
    problems.push(`the dtab this step would write does not parse (${parsed.message}); this is a bug, please report it`);
    return;
  }
  try {
    // POST: the whole dtab travels in the body (a query string would exceed namerd's request-line limit).
    const tree = await api.delegate({ path: probePath(input.prefix), dtab: text, style: 'post' }, opts);
    const errs = exceptions(tree);
    if (errs.length > 0) problems.push(`delegating ${probePath(input.prefix)} with the new dtab fails: ${errs.join('; ')}`);
  } catch (e) {
    const what = isNamerdError(e) && e.detail ? e.detail : describe(e);
    problems.push(`namerd could not delegate ${probePath(input.prefix)} with the new dtab: ${what}`);
  }
}

export async function preflight(api: NamerdApi, input: PreflightInput, opts: CallOptions = {}): Promise<PreflightResult> {
  const problems: string[] = [];
  const addresses: string[] = [];
  await checkGreenResolves(api, input, opts, problems, addresses);
  await checkNextDtab(api, input, opts, problems);
  return { ok: problems.length === 0, problems, addresses };
}
