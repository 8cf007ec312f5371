// Names, address sets and lookup results (spec/dtab-language.md §5.1–5.2), shared by the namers, the binder,
// the delegator and the JSON codecs. Evaluation is synchronous: a lookup's answer is known when it returns
// (Finagle's `Activity` states Ok / Failed / Pending, without the time dimension).

import type { NameTree, Path } from './ast.js';

/** A JSON-able metadata value (Finagle `Addr.Metadata` is `Map[String, Any]`; numbers are Java doubles). */
export type MetaValue = string | number | boolean | null | readonly MetaValue[] | { readonly [key: string]: MetaValue };
export type Meta = { readonly [key: string]: MetaValue };

/** One resolved socket address. */
export interface Address {
  readonly ip: string;
  readonly port: number;
  readonly meta?: Meta;
}

/** Finagle's `Addr`: what a bound name currently resolves to. */
export type Addr =
  | { readonly type: 'bound'; readonly addrs: readonly Address[]; readonly meta?: Meta }
  | { readonly type: 'failed'; readonly cause: string }
  | { readonly type: 'neg' }
  | { readonly type: 'pending' };

/** `Name.Path`: still needs a lookup. */
export interface NamePath {
  readonly kind: 'path';
  readonly path: Path;
}

/** `Name.Bound`: terminal. `id` names the concrete destination, `residual` is the unconsumed rest of the path. */
export interface NameBound {
  readonly kind: 'bound';
  readonly id: Path;
  readonly residual: Path;
  readonly addr: Addr;
}

export type Name = NamePath | NameBound;

export type LookupResult =
  | { readonly state: 'ok'; readonly tree: NameTree<Name> }
  /**
   * `classNotFound` marks Finagle's ClassNotFoundException for an unknown `/$/<class>` (message = the class
   * name), which Linkerd's interpreter re-words as "Unknown namer: ...".
   */
  | { readonly state: 'failed'; readonly message: string; readonly classNotFound?: boolean }
  | { readonly state: 'pending' };

/** A function from a path to its lookup result (Finagle's `Path => Activity[NameTree[Name]]`). */
export type LookupFn = (path: Path) => LookupResult;

/** A configured namer (`/#/io.l5d.fs` …): `lookup` receives the path with `prefix` removed. */
export interface Namer {
  readonly prefix: Path;
  lookup(residual: Path): LookupResult;
}

/**
 * Resolves `host:port` for `/$/inet` and `io.buoyant.rinet` (Finagle's InetResolver). The default knows IPv4
 * literals and `localhost` only; the local namerd server may plug in real DNS.
 */
export type HostResolver = (host: string, port: number) => Addr;

export const ok = (tree: NameTree<Name>): LookupResult => ({ state: 'ok', tree });
export const failed = (message: string): LookupResult => ({ state: 'failed', message });
export const PENDING: LookupResult = { state: 'pending' };
export const namePath = (path: Path): NamePath => ({ kind: 'path', path });

/**
 * Calls a lookup, turning an exception thrown by it (a plugged-in namer's bug, or a namer that throws like
 * Finagle's on an empty path element) into a failed result, as Finagle's Activity does.
 */
export function safeLookup(lookupFn: LookupFn, path: Path): LookupResult {
  try {
    return lookupFn(path);
  } catch (e) {
    return { state: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}
