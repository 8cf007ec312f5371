// Shared plumbing for command modules: run an action, map its outcome to an exit code, report usage errors.

import { EXIT_FAILURE, EXIT_USAGE, UsageError } from './exit-codes.js';

/** Wraps a command action that returns its exit code; a UsageError becomes exit 2 with its message on stderr. */
export function action<A extends unknown[]>(run: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      process.exitCode = await run(...args);
    } catch (e) {
      if (e instanceof UsageError) {
        process.stderr.write(`dtab: ${e.message}\n`);
        process.exitCode = EXIT_USAGE;
      } else {
        process.stderr.write(`dtab: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        process.exitCode = EXIT_FAILURE;
      }
    }
  };
}
