// Name resolution for the local server, computed by the dtab engine (dtab-language.md §5-6; namerd-http-api.md
// §1.7): the namespace's stored dtab (empty when missing) plus the request's extra dtab, namerd's configured namers
// (io.l5d.fs) and Finagle's global `/$/` namers.

import type { Dtab, NameTree, Path } from '../../core/dtab/ast.js';
import { bind } from '../../core/dtab/bind.js';
import { delegate, delegateChildren, PENDING_MESSAGE, type DelegateTree } from '../../core/dtab/delegate.js';
import { addrToJson, boundTreeToJson, delegateToJson } from '../../core/dtab/delegate-json.js';
import { namerdLookup, namersLookup } from '../../core/dtab/interpreter.js';
import { createGlobalNamer } from '../../core/dtab/namers.js';
import type { HostResolver, LookupFn, NameBound, Namer } from '../../core/dtab/namers-types.js';
import { showPath } from '../../core/dtab/show.js';
import type { InMemoryDtabStore } from './store.js';

export type Outcome<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'pending' }
  | { readonly kind: 'failed'; readonly message: string };

export interface NamesOptions {
  readonly store: InMemoryDtabStore;
  /** Configured namers in config order (the interpreter tries the last-declared first). */
  readonly namers: readonly Namer[];
  readonly resolveHost?: HostResolver;
  /** For `resolve`'s weighted pick; injectable for tests. */
  readonly random?: () => number;
}

export class NameService {
  private readonly global: LookupFn;
  private readonly random: () => number;

  constructor(private readonly opts: NamesOptions) {
    this.global = createGlobalNamer({ resolveHost: opts.resolveHost });
    this.random = opts.random ?? Math.random;
  }

  /** The dtab a namespace query uses: stored (or empty) ++ extra; the extra takes precedence. */
  dtabFor(namespace: string, extra: Dtab): Dtab {
    return [...(this.opts.store.get(namespace)?.dtab ?? []), ...extra];
  }

  /** GET /api/1/bind: the bound tree as JSON, once every leaf's address is known. `key` ignores addresses. */
  bind(namespace: string, path: Path, extra: Dtab): Outcome<{ json: string; key: string }> {
    const r = this.bindTree(namespace, path, extra);
    if (r.kind !== 'ok') return r;
    if (leaves(r.value).some((b) => b.addr.type === 'pending')) return { kind: 'pending' };
    return { kind: 'ok', value: { json: boundTreeToJson(r.value), key: treeKey(r.value) } };
  }

  /** GET /api/1/addr: the address of a concrete bound id (after any `/%/` transformer prefix). */
  addr(id: Path): Outcome<string> {
    const stripped = stripTransformerPrefix(id);
    const r = namersLookup(this.opts.namers, { global: this.global, rewordUnknownNamer: false })(stripped);
    if (r.state === 'pending') return { kind: 'pending' };
    if (r.state === 'failed') return { kind: 'failed', message: r.message };
    const t = r.tree;
    if (t.kind !== 'leaf' || t.value.kind !== 'bound') return { kind: 'failed', message: `${showPath(id)} is not a concrete bound id` };
    return t.value.addr.type === 'pending' ? { kind: 'pending' } : { kind: 'ok', value: addrToJson(t.value.addr) };
  }

  /** GET /api/1/resolve: bind, pick one concrete id (weighted for unions, first for alts), return its address. */
  resolve(namespace: string, path: Path, extra: Dtab): Outcome<string> {
    const r = this.bindTree(namespace, path, extra);
    if (r.kind !== 'ok') return r;
    const picked = pickOne(r.value, this.random);
    if (!picked) return { kind: 'ok', value: addrToJson({ type: 'neg' }) };
    return picked.addr.type === 'pending' ? { kind: 'pending' } : { kind: 'ok', value: addrToJson(picked.addr) };
  }

  /**
   * GET /api/1/delegate: the explanation tree's JSON, or why the whole delegation failed (then there is no JSON).
   * Pending while a lookup or a leaf's address has not answered yet: namerd waits for them (up to 2 s).
   */
  delegate(dtab: Dtab, path: Path): Outcome<string> {
    const r = delegate(dtab, path, { namers: this.opts.namers, global: this.global });
    if (!r.ok) return { kind: 'failed', message: r.message };
    return hasPending(r.tree) ? { kind: 'pending' } : { kind: 'ok', value: delegateToJson(r.tree) };
  }

  private bindTree(namespace: string, path: Path, extra: Dtab): Outcome<NameTree<NameBound>> {
    const stored = this.opts.store.get(namespace)?.dtab ?? [];
    const lookup = namerdLookup(stored, extra, this.opts.namers, { global: this.global });
    const r = bind(lookup, path);
    if (r.state === 'pending') return { kind: 'pending' };
    if (r.state === 'failed') return { kind: 'failed', message: r.message };
    return { kind: 'ok', value: r.tree };
  }
}

/** `Paths.stripTransformerPrefix`: drop leading elements up to the first `#` or `$` element. */
export function stripTransformerPrefix(id: Path): Path {
  if (id[0] !== '%') return id;
  const i = id.findIndex((l) => l === '#' || l === '$');
  return i < 0 ? id : id.slice(i);
}

function hasPending(root: DelegateTree): boolean {
  const stack: DelegateTree[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'exception' && n.message === PENDING_MESSAGE) return true;
    if ((n.kind === 'leaf' || n.kind === 'transformation') && n.bound.addr.type === 'pending') return true;
    stack.push(...delegateChildren(n));
  }
  return false;
}

function leaves(t: NameTree<NameBound>): NameBound[] {
  const out: NameBound[] = [];
  const stack: NameTree<NameBound>[] = [t];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'leaf') out.push(n.value); else if (n.kind === 'alt') stack.push(...n.trees);
    else if (n.kind === 'union') stack.push(...n.weighted.map((w) => w.tree));
  }
  return out;
}

/** The bind watch re-emits only when the tree changes, not when an address inside a leaf does (§1.6). */
function treeKey(t: NameTree<NameBound>): string {
  const parts: string[] = [];
  const stack: (NameTree<NameBound> | string)[] = [t];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === 'string') {
      parts.push(n);
      continue;
    }
    switch (n.kind) {
      case 'leaf':
        parts.push(`L${showPath(n.value.id)} ${showPath(n.value.residual)}`);
        break;
      case 'alt':
        parts.push('A(');
        stack.push(')', ...[...n.trees].reverse());
        break;
      case 'union':
        parts.push('U(');
        stack.push(')');
        for (const w of [...n.weighted].reverse()) stack.push(w.tree, `${w.weight}:`);
        break;
      default:
        parts.push(n.kind);
    }
  }
  return parts.join(' ');
}

/** namerd's resolve: one branch of a union at random by weight (uniform when all are 0), the first id of an alt. */
function pickOne(t: NameTree<NameBound>, random: () => number): NameBound | undefined {
  const stack: NameTree<NameBound>[] = [t];
  while (stack.length) {
    const n = stack.pop()!;
    switch (n.kind) {
      case 'leaf':
        return n.value;
      case 'alt':
        stack.push(...[...n.trees].reverse());
        break;
      case 'union': {
        const ws = n.weighted;
        if (ws.length === 0) break;
        const total = ws.reduce((s, w) => s + Math.max(0, w.weight), 0);
        let x = random() * (total > 0 ? total : ws.length);
        let chosen = ws[ws.length - 1]!;
        for (const w of ws) {
          x -= total > 0 ? Math.max(0, w.weight) : 1;
          if (x < 0) {
            chosen = w;
            break;
          }
        }
        stack.push(chosen.tree);
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}
