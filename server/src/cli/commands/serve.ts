// `dtab serve`: a namerd-compatible local server (io.l5d.httpController API, in-memory store, io.l5d.fs namers) for
// trying dtabs, demos and tests. See server/src/namerd/local-server/README.md for what it does not do.

import type { Command } from 'commander';
import { action } from '../command.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../exit-codes.js';
import { ConfigError, DataFileError, startLocalNamerd } from '../../namerd/local-server/server.js';

interface ServeOptions {
  readonly config?: string;
  readonly host?: string;
  readonly port?: string;
  readonly data?: string;
  readonly adminPort?: string;
  readonly verbose?: boolean;
}

function portOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || n > 65535) throw new UsageError(`${flag} ${value}: not a port number (0-65535)`);
  return n;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run a local namerd-compatible HTTP API (dtab store, bind, resolve, delegate) on 127.0.0.1')
    .option('--config <namerd.yaml>', 'a namerd config: storage io.l5d.inMemory namespaces, io.l5d.fs namers, interface ports')
    .option('--host <ip>', 'address to listen on (default: the config\'s httpController ip, else 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default: the config\'s httpController port, else 4180)')
    .option('--data <file>', 'persist the dtab store to this JSON file (loaded at start if it exists)')
    .option('--admin-port <port>', 'also serve namerd\'s admin routes (dtab/delegator.json) on this port')
    .option('--verbose', 'log every API request (method, URL, status, time) on standard error')
    .action(action((opts: ServeOptions) => runServe(opts)));
}

async function runServe(opts: ServeOptions): Promise<number> {
  const logger = {
    info: (m: string) => process.stderr.write(`dtab serve: ${m}\n`),
    warn: (m: string) => process.stderr.write(`dtab serve: warning: ${m}\n`),
  };
  let server;
  try {
    server = await startLocalNamerd({
      config: opts.config,
      host: opts.host,
      port: portOption(opts.port, '--port'),
      adminPort: portOption(opts.adminPort, '--admin-port'),
      dataFile: opts.data,
      logger,
      requestLog: opts.verbose ? (line) => process.stderr.write(`dtab serve: ${line}\n`) : undefined,
    });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof DataFileError) throw new UsageError(e.message);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      process.stderr.write(`dtab serve: cannot listen: ${(e as Error).message}; choose another --port or --host\n`);
      return EXIT_FAILURE;
    }
    throw e;
  }
  // Print the URL on stdout so scripts can read it (useful with --port 0).
  process.stdout.write(`${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT_OK;
}
