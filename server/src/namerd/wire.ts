// namerd's JSON wire shapes (namerd-http-api.md §1.4, §1.7; dtab-language.md §6.4), shared by the HTTP client and
// the local namerd-compatible server. Paths and dtabs travel as their canonical text (`Path.show`, `NameTree.show`).

/** One dtab entry in namerd's JSON codec: `{"prefix":"/svc","dst":"/#/io.l5d.fs"}` (keys in this order). */
export interface DentryJson {
  readonly prefix: string;
  readonly dst: string;
}

export interface AddressJson {
  readonly ip: string;
  readonly port: number;
  readonly meta: Readonly<Record<string, unknown>>;
}

/** An address set. namerd's addr/resolve endpoints never emit `pending` (they wait); delegate/bind leaves may. */
export type AddrJson =
  | { readonly type: 'bound'; readonly addrs: readonly AddressJson[]; readonly meta: Readonly<Record<string, unknown>> }
  | { readonly type: 'neg' }
  | { readonly type: 'failed'; readonly cause?: string }
  | { readonly type: 'pending' };

/** A bound name: the concrete id (`/#/io.l5d.fs/web`), the residual path and the current address. */
export interface BoundJson {
  readonly addr: AddrJson;
  readonly id: string;
  readonly path: string;
}

/** The bind API's tree: no `path`, no `dentry` on any node (§6.4). Alt never appears in a bound tree. */
export type BoundTreeJson =
  | { readonly type: 'leaf'; readonly bound: BoundJson }
  | { readonly type: 'neg' }
  | { readonly type: 'fail' }
  | { readonly type: 'empty' }
  | { readonly type: 'union'; readonly union: readonly { readonly weight: number; readonly tree: BoundTreeJson }[] }
  | { readonly type: 'alt'; readonly alt: readonly BoundTreeJson[] };

/**
 * A delegation explanation node (§6.1/§6.4). `path` is `Path.show`, except two quirks a client must accept:
 * a `neg` node's path is `"~"` when it came from a `~` destination, and a `fail` node's path is `"!"` unless the
 * failing path starts with `/$/fail`. `dentry` is omitted on the root (the no-op dentry).
 */
export type DelegateTreeJson =
  | { readonly type: 'delegate'; readonly path: string; readonly dentry?: DentryJson; readonly delegate: DelegateTreeJson }
  | { readonly type: 'alt'; readonly path: string; readonly dentry?: DentryJson; readonly alt: readonly DelegateTreeJson[] }
  | {
      readonly type: 'union';
      readonly path: string;
      readonly dentry?: DentryJson;
      readonly union: readonly { readonly weight: number; readonly tree: DelegateTreeJson }[];
    }
  | { readonly type: 'leaf'; readonly path: string; readonly dentry?: DentryJson; readonly bound: BoundJson }
  | { readonly type: 'neg' | 'fail' | 'empty'; readonly path: string; readonly dentry?: DentryJson }
  | { readonly type: 'exception'; readonly path: string; readonly dentry?: DentryJson; readonly message?: string }
  | {
      readonly type: 'transformation';
      readonly path: string;
      readonly name: string;
      readonly bound: BoundJson;
      readonly tree: DelegateTreeJson;
    };

/** The body of `POST /api/1/delegate` and of the admin `dtab/delegator.json` (§1.3 #11b, §3.1). */
export interface DelegationRequestJson {
  readonly namespace?: string;
  readonly dtab?: string;
  readonly path: string;
}

/** Media types of the two dtab codecs (§1.4). */
export const DTAB_JSON_MEDIA_TYPE = 'application/json';
export const DTAB_TEXT_MEDIA_TYPES = ['application/dtab', 'text/plain'] as const;
