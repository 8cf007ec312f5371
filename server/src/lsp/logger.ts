// Logging to the connection console, honouring `dtab.trace.server`: `off` logs only warnings and errors,
// `messages` adds one line per request, `verbose` adds timings and details. Never logs document text or secrets.

import type { RemoteConsole } from 'vscode-languageserver';
import type { TraceLevel } from '../protocol/settings.js';

export class Logger {
  constructor(
    private readonly console: RemoteConsole,
    private readonly level: () => TraceLevel,
  ) {}

  error(message: string): void {
    this.console.error(message);
  }

  warn(message: string): void {
    this.console.warn(message);
  }

  /** Shown with `messages` or `verbose`. */
  info(message: string): void {
    if (this.level() !== 'off') this.console.info(message);
  }

  /** Shown with `verbose` only; `detail` is built lazily so an `off` server pays nothing. */
  verbose(detail: () => string): void {
    if (this.level() === 'verbose') this.console.log(detail());
  }
}

/** A short, log-safe description of an error (message only, first line, bounded). */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 300 ? line.slice(0, 300) + '…' : line;
}
