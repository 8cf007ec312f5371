// The live part of a dtab hover: namerd's delegation of a path in a namespace with the editor's (unsaved) dtab
// applied, cached per (endpoint, namespace, dtab, path) and refreshed by watches (the namespace's dtab, the bind
// tree of the path, and the addresses of its leaves, since a bind watch does not re-emit address changes). The
// hover waits at most the budget; a late answer still lands in the cache for the next hover. No VS Code imports:
// the client-side hover provider drives it with a NamerdApi built from the user's endpoint settings.

import type { Dtab, Path } from '../../core/dtab/ast.js';
import { delegate } from '../../core/dtab/delegate.js';
import { delegateToJson } from '../../core/dtab/delegate-json.js';
import { PENDING, type Namer } from '../../core/dtab/namers-types.js';
import { showDtab, showPath } from '../../core/dtab/show.js';
import { isNamerdError } from '../../namerd/client/errors.js';
import type { NamerdApi, WatchHandle } from '../../namerd/client/types.js';
import type { DelegateTreeJson } from '../../namerd/wire.js';
import { withinBudget } from './budget.js';
import { LiveCache, type Closeable } from './cache.js';
import { liveSectionMarkdown, type LiveAnswer } from './render.js';

/** Leaves whose addresses are watched per cached answer. */
const MAX_ADDR_WATCHES = 4;
/**
 * Cached answers (each with its watch streams: dtab, bind and up to MAX_ADDR_WATCHES addr). Typing changes the
 * dtab and so the key; a small cache keeps the number of open streams to namerd bounded (8 × 6 at most).
 */
const MAX_CACHED = 8;

export interface LiveHoverQuery {
  readonly api: NamerdApi;
  readonly endpointName: string;
  readonly namespace: string;
  readonly dtab: Dtab;
  readonly path: Path;
  readonly budgetMs: number;
  readonly signal?: AbortSignal;
}

/** Configured namers are unknown offline: every `/#/…` name is left to runtime, as namerd's namers would answer it. */
const runtimeNamer: Namer = { prefix: ['#'], lookup: () => PENDING };

export function localDelegation(dtab: Dtab, path: Path): DelegateTreeJson | undefined {
  const r = delegate(dtab, path, { namers: [runtimeNamer] });
  return r.ok ? (JSON.parse(delegateToJson(r.tree)) as DelegateTreeJson) : undefined;
}

export class LiveResolver {
  private readonly cache: LiveCache<DelegateTreeJson>;

  constructor(options: { maxEntries?: number; errorTtlMs?: number } = {}) {
    this.cache = new LiveCache({ maxEntries: MAX_CACHED, ...options });
  }

  /** The Markdown section for the hover; never rejects, never waits longer than the budget. */
  async section(q: LiveHoverQuery): Promise<string | undefined> {
    const path = showPath(q.path);
    const dtab = showDtab(q.dtab);
    const key = { endpoint: q.api.baseUrl, namespace: q.namespace, dtab, path };
    const load = (): Promise<DelegateTreeJson> => q.api.delegate({ namespace: q.namespace, path, dtab });
    const answer = await withinBudget(
      this.cache.get(key, load, (refresh, first) => this.watch(q.api, q.namespace, path, dtab, refresh, first)),
      q.budgetMs,
      q.signal,
    );
    if (answer.kind === 'cancelled') return undefined;
    let live: LiveAnswer;
    if (answer.kind === 'ok') live = { kind: 'ok', tree: answer.value };
    else if (answer.kind === 'timeout') live = { kind: 'timeout', budgetMs: answer.budgetMs };
    else live = describeFailure(answer.error);
    return liveSectionMarkdown({
      endpointName: q.endpointName,
      namespace: q.namespace,
      path,
      answer: live,
      local: live.kind === 'ok' ? localDelegation(q.dtab, q.path) : undefined,
    });
  }

  /** Forgets cached answers (all, or one endpoint's) and closes their watches. */
  clear(endpointBaseUrl?: string): void {
    this.cache.clear(endpointBaseUrl);
  }

  private watch(api: NamerdApi, namespace: string, path: string, dtab: string, refresh: () => void, first: Promise<DelegateTreeJson>): Closeable {
    const handles: WatchHandle[] = [];
    // Each watch first sends the current state, which the initial request already has; later values are changes.
    const onChange = <T>(): { onValue: (v: T) => void } => {
      let seen = false;
      return {
        onValue: () => {
          if (seen) refresh();
          seen = true;
        },
      };
    };
    handles.push(api.watchDtab(namespace, onChange()));
    handles.push(api.watchBind(namespace, path, onChange(), { dtab }));
    const addrWatched = new Set<string>();
    const watchLeaves = (tree: DelegateTreeJson): void => {
      const stack = [tree];
      while (stack.length > 0 && addrWatched.size < MAX_ADDR_WATCHES) {
        const t = stack.pop()!;
        if (t.type === 'leaf' && !addrWatched.has(t.bound.id)) {
          addrWatched.add(t.bound.id);
          handles.push(api.watchAddr(namespace, t.bound.id, onChange()));
        }
        if (t.type === 'delegate') stack.push(t.delegate);
        else if (t.type === 'alt') stack.push(...t.alt);
        else if (t.type === 'union') stack.push(...t.union.map((w) => w.tree));
        else if (t.type === 'transformation') stack.push(t.tree);
      }
    };
    let closed = false;
    first.then((t) => !closed && watchLeaves(t), () => undefined);
    return {
      close: () => {
        closed = true;
        for (const h of handles) h.close();
      },
    };
  }
}

function describeFailure(error: unknown): LiveAnswer {
  if (isNamerdError(error)) {
    if (error.kind === 'unreachable' || error.kind === 'tls') return { kind: 'unreachable', message: error.message };
    if (error.kind === 'timeout') return { kind: 'unreachable', message: `no answer in time (${error.message})` };
    return { kind: 'error', message: `namerd answered with an error: ${error.message}` };
  }
  return { kind: 'error', message: `live resolution failed: ${error instanceof Error ? error.message : String(error)}` };
}
