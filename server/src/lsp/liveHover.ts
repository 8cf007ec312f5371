// Extension point for hover sections that need I/O, such as the delegation of a path by a live namerd.
// The local hover is computed first and never waits for longer than the time budget; a contributor that is late,
// fails or is cancelled simply adds nothing. Contributors are registered once at start-up (see languageServer.ts).

import type { Dtab, Path } from '../core/dtab/ast.js';

export interface LiveHoverRequest {
  readonly uri: string;
  /** The path under the cursor (a destination path, or a prefix without wildcards). */
  readonly path: Path;
  /** The dtab of the document or embedded region, without the dentries that have syntax errors. */
  readonly dtab: Dtab;
  /** Aborted when the budget is spent or the editor cancels the hover. */
  readonly signal: AbortSignal;
}

export interface LiveHoverContributor {
  /** Short name for logs, e.g. `namerd`. */
  readonly id: string;
  /** A Markdown section to append, or undefined to add nothing. Must honour `signal`. */
  contribute(request: LiveHoverRequest): Promise<string | undefined>;
}

export class LiveHoverRegistry {
  private readonly contributors: LiveHoverContributor[] = [];

  register(contributor: LiveHoverContributor): { dispose(): void } {
    this.contributors.push(contributor);
    return {
      dispose: () => {
        const i = this.contributors.indexOf(contributor);
        if (i >= 0) this.contributors.splice(i, 1);
      },
    };
  }

  get size(): number {
    return this.contributors.length;
  }

  /**
   * Runs every contributor in parallel and returns the sections that arrived within `budgetMs`, in registration
   * order. `cancelled` (the editor's cancellation) aborts all of them at once.
   */
  async collect(
    request: Omit<LiveHoverRequest, 'signal'>,
    budgetMs: number,
    cancelled?: AbortSignal,
    onError?: (id: string, error: unknown) => void,
  ): Promise<string[]> {
    if (this.contributors.length === 0) return [];
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    cancelled?.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(abort, budgetMs);
    const expired = new Promise<undefined>((resolve) => controller.signal.addEventListener('abort', () => resolve(undefined), { once: true }));
    try {
      const results = await Promise.all(
        this.contributors.map((c) =>
          Promise.race([
            c.contribute({ ...request, signal: controller.signal }).catch((error: unknown) => {
              onError?.(c.id, error);
              return undefined;
            }),
            expired,
          ]),
        ),
      );
      return results.filter((r): r is string => typeof r === 'string' && r.length > 0);
    } finally {
      clearTimeout(timer);
      cancelled?.removeEventListener('abort', abort);
      controller.abort();
    }
  }
}
