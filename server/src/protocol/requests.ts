// Custom requests and notifications between the VS Code client and the dtab language server.
// Typed once here and imported by both sides (the client imports this file; it has no runtime dependency
// beyond vscode-languageserver-protocol's message types).

import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Position, Range, TextDocumentIdentifier } from 'vscode-languageserver-protocol';

/**
 * `dtab/delegate`: the local delegation of a path through the dtab of a document (a `.dtab` file, or the
 * embedded dtab of a linkerd/namerd config that contains `position`).
 */
export interface DelegateParams {
  readonly textDocument: TextDocumentIdentifier;
  /** The path to delegate, e.g. `/svc/users`. */
  readonly path: string;
  /** In a YAML config: a position inside the embedded dtab to use. Ignored for `.dtab` files. */
  readonly position?: Position;
}

export type DelegateResult =
  | {
      readonly ok: true;
      /** namerd's exact `/api/1/delegate` JSON for the same dtab and path. */
      readonly json: string;
      /** The human rendering (Markdown) the hover shows. */
      readonly markdown: string;
      /** The dtab that was used, in canonical (`show`) form. */
      readonly dtab: string;
    }
  | { readonly ok: false; readonly message: string };

export const DelegateRequest = new RequestType<DelegateParams, DelegateResult, void>('dtab/delegate');

/**
 * `dtab/canonicalDtab`: the canonical `show` form of a document's dtab (what namerd would store and return),
 * for "compare with namerd" diffs and pushes. Fails when the dtab has syntax errors.
 */
export interface CanonicalDtabParams {
  readonly textDocument: TextDocumentIdentifier;
  /** In a YAML config: a position inside the embedded dtab. Ignored for `.dtab` files. */
  readonly position?: Position;
}

export type CanonicalDtabResult =
  | {
      readonly ok: true;
      /** `Dtab.show`: dentries joined by `;`, no spaces around `=>`. */
      readonly canonical: string;
      /** The same dentries one per line (`prefix => dst;`), for readable diffs. */
      readonly lines: readonly string[];
      /** Where the dtab is in the document. */
      readonly range: Range;
    }
  | { readonly ok: false; readonly message: string };

export const CanonicalDtabRequest = new RequestType<CanonicalDtabParams, CanonicalDtabResult, void>(
  'dtab/canonicalDtab',
);

/** Where a dtab embedded in a config sits: a linkerd router's `dtab:`, a namerd `io.l5d.inMemory` namespace, an interpreter's `dtab:`. */
export type EmbeddedDtabSiteKind = 'router' | 'namespace' | 'interpreter';

/**
 * `dtab/embeddedPathAt`: in a linkerd/namerd YAML config, the path a live namerd hover at `position` is about (a
 * destination path, or a dentry prefix without `*`), answered from the server's cached analysis so the client need
 * not analyse the config again. Only document content travels (no endpoint, no header value).
 */
export interface EmbeddedPathAtParams {
  readonly textDocument: TextDocumentIdentifier;
  readonly position: Position;
}

export interface EmbeddedPathAtResult {
  /** The hovered path's labels (byte strings, as the dtab engine's `Path`). */
  readonly path: readonly string[];
  /** The path's range in the YAML document. */
  readonly range: Range;
  /** The embedded dtab's dentries that parsed, in canonical `Dtab.show` form (what namerd is sent as `dtab=`). */
  readonly dtab: string;
  readonly kind: EmbeddedDtabSiteKind;
  /** The router's label (for an interpreter's dtab, its router's), or the namespace's key under `namespaces:`. */
  readonly name: string;
}

/** `null` when `position` is not on such a path of an embedded dtab, or the document is not a config. */
export const EmbeddedPathAtRequest = new RequestType<EmbeddedPathAtParams, EmbeddedPathAtResult | null, void>(
  'dtab/embeddedPathAt',
);

/** `dtab/status` (server → client): what the last analysis of a document cost, for a language status item. */
export interface ServerStatusParams {
  readonly uri: string;
  readonly version: number;
  /** `dtab` for `.dtab` files, `config` for linkerd/namerd YAML, `ignored` for YAML that is not a config. */
  readonly kind: 'dtab' | 'config' | 'ignored';
  /** Milliseconds spent parsing and checking. */
  readonly durationMs: number;
  readonly errors: number;
  readonly warnings: number;
}

export const ServerStatusNotification = new NotificationType<ServerStatusParams>('dtab/status');
