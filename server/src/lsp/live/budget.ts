// Waiting for a live answer within a time budget. The work itself is not cancelled when the budget runs out (it
// keeps filling the cache for the next hover); only the wait ends. Never rejects.

export type Budgeted<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'timeout'; readonly budgetMs: number }
  | { readonly kind: 'cancelled' };

export function withinBudget<T>(work: Promise<T>, budgetMs: number, cancel?: AbortSignal): Promise<Budgeted<T>> {
  if (cancel?.aborted) return Promise.resolve({ kind: 'cancelled' });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Budgeted<T>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      cancel?.removeEventListener('abort', onCancel);
      resolve(r);
    };
    const onCancel = (): void => finish({ kind: 'cancelled' });
    const timer = setTimeout(() => finish({ kind: 'timeout', budgetMs }), Math.max(0, budgetMs));
    cancel?.addEventListener('abort', onCancel, { once: true });
    work.then(
      (value) => finish({ kind: 'ok', value }),
      (error: unknown) => finish({ kind: 'error', error }),
    );
  });
}
