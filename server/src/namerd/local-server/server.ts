// `startLocalNamerd`: a namerd-compatible `io.l5d.httpController` (and optionally namerd's admin server) on
// node:http, backed by the in-memory store and the dtab engine. See README.md for what it does not do.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dentry } from '../../core/dtab/ast.js';
import { readDtab } from '../../core/dtab/parse.js';
import { textLabel } from '../../core/dtab/namers-text.js';
import { showPath } from '../../core/dtab/show.js';
import { handleAdmin, type AdminContext } from './admin-routes.js';
import { ChangeBus } from './change-bus.js';
import { emptyConfig, loadNamerdConfig, ConfigError, type LocalNamerdConfig } from './config.js';
import { createDnsResolver } from './dns-resolver.js';
import { handleList, handleNamespace } from './dtab-routes.js';
import { FsNamer } from './fs-namer.js';
import { BodyTooLarge, parseRequest, reply, replyInternalError } from './http-util.js';
import { handleAddr, handleBind, handleBoundNames, handleDelegate, handleDelegateNamespaced, handleResolve, type NameRouteContext } from './name-routes.js';
import { NameService } from './names.js';
import { DataFileWriter, loadDataFile } from './persist.js';
import { InMemoryDtabStore } from './store.js';

export { ConfigError } from './config.js';
export { DataFileError } from './persist.js';

export interface LocalNamerdLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface LocalNamerdOptions {
  /** A namerd.yaml path, or an already-read config. Default: empty store, no namers. */
  readonly config?: string | LocalNamerdConfig;
  /** Default: the config's httpController ip, else 127.0.0.1. */
  readonly host?: string;
  /** Default: the config's httpController port, else 4180. 0 picks a free port. */
  readonly port?: number;
  /** Persist the store to this file (atomic writes); loaded at start when it exists. */
  readonly dataFile?: string;
  /** Also serve namerd's admin routes on this port (0 = a free port). Default: the config's admin block, if any. */
  readonly adminPort?: number;
  readonly adminHost?: string;
  /** How long a one-shot bind/addr/resolve waits for a pending name before 503 (namerd waits forever). */
  readonly pendingTimeoutMs?: number;
  /** `resolve`'s weighted pick (tests inject a fixed sequence). */
  readonly random?: () => number;
  /** Resolve `/$/inet` host names with DNS (default true; false = IPv4 literals and localhost only). */
  readonly dns?: boolean;
  readonly logger?: LocalNamerdLogger;
  /** Called once per API request when its response finishes: `GET /api/1/dtabs/default 200 1.2ms`. */
  readonly requestLog?: (line: string) => void;
}

export interface LocalNamerd {
  /** `http://host:port` of the httpController. */
  readonly url: string;
  readonly port: number;
  readonly adminUrl?: string;
  readonly store: InMemoryDtabStore;
  /** Settles once every io.l5d.fs namer has finished reading its directory after a change. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const quiet: LocalNamerdLogger = { info: () => undefined, warn: () => undefined };

export async function startLocalNamerd(opts: LocalNamerdOptions = {}): Promise<LocalNamerd> {
  const log = opts.logger ?? quiet;
  const config = typeof opts.config === 'string' ? loadNamerdConfig(opts.config) : (opts.config ?? emptyConfig());
  for (const w of config.warnings) log.warn(w);

  const store = new InMemoryDtabStore(seedStore(config, opts.dataFile));
  const bus = new ChangeBus();
  store.subscribe(() => bus.notify());
  const fsNamers = config.fsNamers.map((n) => new FsNamer(n.rootDir, n.prefix, () => bus.notify(), log.warn));
  await Promise.all(fsNamers.map((n) => n.start()));
  const names = new NameService({
    store,
    namers: fsNamers,
    random: opts.random,
    resolveHost: opts.dns === false ? undefined : createDnsResolver(() => bus.notify()),
  });
  const writer = opts.dataFile ? new DataFileWriter(opts.dataFile, store, log.warn) : undefined;
  await writer?.flush();

  const nameCtx: NameRouteContext = {
    names,
    bus,
    pendingTimeoutMs: opts.pendingTimeoutMs ?? 10_000,
    boundNames: () => fsNamers.flatMap((n) => n.names().map((f) => showPath([...n.prefix, textLabel(f)]))),
  };
  const api = createServer((req, res) => {
    if (opts.requestLog) logRequest(req, res, opts.requestLog);
    guard(res, () => routeApi({ store, bus }, nameCtx, req, res));
  });
  const host = opts.host ?? config.httpController?.ip ?? '127.0.0.1';
  const servers: Server[] = [];
  const release = async (): Promise<void> => {
    for (const n of fsNamers) n.stop();
    await Promise.all(servers.map(closeServer));
    await writer?.close();
  };
  let port: number;
  let adminUrl: string | undefined;
  try {
    port = await listen(api, host, opts.port ?? config.httpController?.port ?? 4180);
    servers.push(api);
    adminUrl = await startAdmin({ ...nameCtx, store, config: config.raw }, opts, config, log, servers);
  } catch (e) {
    await release();
    throw e;
  }
  const url = `http://${urlHost(host)}:${port}`;
  log.info(`namerd httpController listening on ${url}${adminUrl ? `, admin on ${adminUrl}` : ''}`);

  return {
    url,
    port,
    adminUrl,
    store,
    settled: async () => {
      await Promise.all(fsNamers.map((n) => n.settled()));
    },
    close: release,
  };
}

/**
 * namerd's admin server, when asked for (--admin-port) or configured (`admin:`). A configured port that is taken
 * only costs the admin pages (a warning), so that several local servers can share one config; an explicit one fails.
 */
async function startAdmin(ctx: AdminContext, opts: LocalNamerdOptions, config: LocalNamerdConfig, log: LocalNamerdLogger, servers: Server[]): Promise<string | undefined> {
  const port = opts.adminPort ?? config.admin?.port;
  if (port === undefined) return undefined;
  const host = opts.adminHost ?? config.admin?.ip ?? '127.0.0.1';
  const admin = createServer((req, res) => guard(res, () => handleAdmin(ctx, req, res, parseRequest(req))));
  try {
    const bound = await listen(admin, host, port);
    servers.push(admin);
    return `http://${urlHost(host)}:${bound}`;
  } catch (e) {
    if (opts.adminPort !== undefined) throw e;
    log.warn(`admin server not started: ${(e as Error).message} (the config's admin port ${port} is taken; pass --admin-port to choose another)`);
    return undefined;
  }
}

/** The data file (when present) is the store's saved state and wins over the config's seed namespaces. */
function seedStore(config: LocalNamerdConfig, dataFile: string | undefined): [string, { dtab: readonly Dentry[]; version: bigint }][] {
  const saved = dataFile ? loadDataFile(dataFile) : undefined;
  if (saved) return saved;
  const out: [string, { dtab: readonly Dentry[]; version: bigint }][] = [];
  for (const [ns, text] of config.namespaces) {
    const r = readDtab(text);
    if (!r.ok) throw new ConfigError(`storage.namespaces.${ns} is not a valid dtab: ${r.message}`);
    out.push([ns, { dtab: r.value, version: 1n }]);
  }
  return out;
}

async function routeApi(dtabCtx: { store: InMemoryDtabStore; bus: ChangeBus }, nameCtx: NameRouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const p = parseRequest(req);
  const path = p.path;
  if (path === '/api/1/dtabs' || path === '/api/1/dtabs/') return handleList(dtabCtx, req, res, p);
  const m = /^\/api\/1\/(dtabs|bind|addr|resolve|delegate)\/(.+)$/.exec(path);
  if (m) {
    const ns = m[2]!;
    switch (m[1]) {
      case 'dtabs':
        return handleNamespace(dtabCtx, req, res, p, ns);
      case 'bind':
        return handleBind(nameCtx, req, res, p, ns);
      case 'addr':
        return handleAddr(nameCtx, req, res, p);
      case 'resolve':
        return handleResolve(nameCtx, req, res, p, ns);
      default:
        return handleDelegateNamespaced(nameCtx, res, p, ns);
    }
  }
  if (path === '/api/1/delegate') return handleDelegate(nameCtx, req, res, p);
  if (path === '/api/1/bound-names' && p.method === 'GET') return handleBoundNames(nameCtx, req, res, p);
  reply(res, 404);
}

/** Any failure the handlers did not turn into a status is Finagle's bare 500; nothing escapes to crash the process. */
function guard(res: ServerResponse, handler: () => Promise<void> | void): void {
  const onError = (e: unknown): void => {
    if (e instanceof BodyTooLarge) reply(res, 413);
    else replyInternalError(res);
  };
  try {
    const r = handler();
    if (r) r.catch(onError);
  } catch (e) {
    onError(e);
  }
}

/** One line per request when its response ends (a watch stream is logged when it closes). */
function logRequest(req: IncomingMessage, res: ServerResponse, log: (line: string) => void): void {
  const t0 = performance.now();
  let logged = false;
  const finished = (): void => {
    if (logged) return;
    logged = true;
    log(`${req.method ?? ''} ${req.url ?? ''} ${res.statusCode} ${(performance.now() - t0).toFixed(1)}ms`);
  };
  res.once('finish', finished);
  res.once('close', finished);
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Watch streams never end by themselves; cut them so close() returns.
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
