// The CLI's exit codes (a contract: scripts and CI jobs branch on them).

/** Everything was fine: files formatted, no error diagnostics, query answered. */
export const EXIT_OK = 0;
/** The input has a problem: a syntax error, an error diagnostic, an unformatted file under --check, a failed query. */
export const EXIT_FAILURE = 1;
/** The command line itself is wrong: unknown option, missing argument, unreadable file, conflicting flags. */
export const EXIT_USAGE = 2;

/** Thrown by command code for command-line problems; main.ts prints the message and exits with EXIT_USAGE. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
