// Reads the parts of a real namerd.yaml the local server honours (linkerd-config.md §1.3, §3, §4): storage
// `io.l5d.inMemory` with its `namespaces:` seed, `io.l5d.fs` namers, the httpController and admin addresses.
// Anything the local server cannot stand in for is refused (storage) or reported (namers) with a clear message.

import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { analyzeConfig } from '../../core/config/analyze.js';
import { LineIndex } from '../../core/text-position.js';

export interface FsNamerConfig {
  readonly kind: 'io.l5d.fs';
  /** The namer's prefix without the `/#` (default `/io.l5d.fs`), as written. */
  readonly prefix: string;
  readonly rootDir: string;
}

export interface LocalNamerdConfig {
  /** Namespace → dtab text, from `storage.namespaces`. */
  readonly namespaces: ReadonlyMap<string, string>;
  readonly fsNamers: readonly FsNamerConfig[];
  readonly httpController?: { readonly ip?: string; readonly port?: number };
  readonly admin?: { readonly ip?: string; readonly port?: number };
  /** Things the file asks for that the local server does not do (printed as warnings). */
  readonly warnings: readonly string[];
  /** The parsed YAML, served at the admin `/config.json`. */
  readonly raw: unknown;
}

export class ConfigError extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function emptyConfig(): LocalNamerdConfig {
  return { namespaces: new Map(), fsNamers: [], warnings: [], raw: {} };
}

/** Reads and checks a namerd config file. Throws ConfigError with a message that says what to change. */
export function loadNamerdConfig(file: string, cwd = process.cwd()): LocalNamerdConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`Cannot read the namerd config ${file}: ${(e as Error).message}`);
  }
  return parseNamerdConfig(text, { file, cwd });
}

export function parseNamerdConfig(text: string, where: { file?: string; cwd?: string } = {}): LocalNamerdConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError(`The namerd config is not valid YAML: ${(e as Error).message}`);
  }
  if (raw === null || raw === undefined) raw = {};
  if (!isObj(raw)) throw new ConfigError('The namerd config must be a YAML mapping with storage, namers, interfaces and admin');
  if ('routers' in raw) throw new ConfigError('This is a linkerd config (it has routers:); dtab serve needs a namerd config');
  const warnings: string[] = [...modelProblems(text, where.file)];
  const namespaces = readStorage(raw.storage);
  const fsNamers = readNamers(raw.namers, warnings, where);
  const httpController = readInterfaces(raw.interfaces, warnings);
  const admin = isObj(raw.admin) ? readAddress(raw.admin, 'admin') : undefined;
  if (isObj(raw.admin) && raw.admin.tls !== undefined) warnings.push('admin.tls is ignored: the local server speaks plain HTTP');
  return { namespaces, fsNamers, httpController, admin, warnings, raw };
}

/**
 * What the project's namerd config checks find (linkerd-config.md). namerd itself would refuse a config with an
 * error; the local server still starts (it reads only a few blocks) but says what a real namerd would reject.
 */
function modelProblems(text: string, file: string | undefined): string[] {
  const analysis = analyzeConfig(text, { fileName: file });
  if (analysis.flavour !== 'namerd') return [];
  const lines = new LineIndex(text);
  return analysis.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => {
      const at = lines.positionAt(d.span.start);
      return `${file ?? 'config'}:${at.line + 1}:${at.character + 1}: namerd would reject this config: ${d.message} [${d.code}]`;
    });
}

function readStorage(storage: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (storage === undefined) return out;
  if (!isObj(storage)) throw new ConfigError('storage must be a mapping with a kind');
  if (storage.kind !== 'io.l5d.inMemory') {
    throw new ConfigError(
      `storage kind ${JSON.stringify(storage.kind)} is not supported by the local server: it only stands in for io.l5d.inMemory ` +
        '(zk, etcd, consul and k8s storage need the real namerd). Change storage.kind to io.l5d.inMemory to try your dtabs locally.',
    );
  }
  const ns = storage.namespaces ?? {};
  if (!isObj(ns)) throw new ConfigError('storage.namespaces must map namespace names to dtab strings');
  for (const [name, dtab] of Object.entries(ns)) {
    if (dtab === null || dtab === undefined) out.set(name, '');
    else if (typeof dtab === 'string') out.set(name, dtab);
    else throw new ConfigError(`storage.namespaces.${name} must be a dtab string`);
  }
  return out;
}

function readNamers(namers: unknown, warnings: string[], where: { file?: string; cwd?: string }): FsNamerConfig[] {
  if (namers === undefined || namers === null) return [];
  if (!Array.isArray(namers)) throw new ConfigError('namers must be a list');
  const out: FsNamerConfig[] = [];
  namers.forEach((n, i) => {
    if (!isObj(n) || typeof n.kind !== 'string') throw new ConfigError(`namers[${i}] needs a kind`);
    if (n.kind !== 'io.l5d.fs') {
      warnings.push(`namers[${i}] (${n.kind}) is not emulated by the local server; names under its prefix will not bind`);
      return;
    }
    if (typeof n.rootDir !== 'string' || n.rootDir === '') throw new ConfigError(`namers[${i}] (io.l5d.fs) needs rootDir, a directory of address files`);
    const prefix = typeof n.prefix === 'string' ? n.prefix : '/io.l5d.fs';
    if (!/^\/[^/]/.test(prefix)) throw new ConfigError(`namers[${i}].prefix must be a path such as /io.l5d.fs`);
    out.push({ kind: 'io.l5d.fs', prefix, rootDir: findDirectory(n.rootDir, where) });
  });
  return out;
}

/** namerd resolves rootDir against its working directory; the config file's directory is tried as well. */
function findDirectory(dir: string, where: { file?: string; cwd?: string }): string {
  const candidates = isAbsolute(dir) ? [dir] : [resolve(where.cwd ?? process.cwd(), dir), ...(where.file ? [resolve(dirname(where.file), dir)] : [])];
  for (const c of candidates) {
    try {
      if (statSync(c).isDirectory()) return c;
    } catch {
      // try the next candidate
    }
  }
  throw new ConfigError(`${dir} is not a directory (looked at ${candidates.join(' and ')}); io.l5d.fs needs an existing rootDir`);
}

function readInterfaces(ifaces: unknown, warnings: string[]): { ip?: string; port?: number } | undefined {
  if (ifaces === undefined || ifaces === null) return undefined;
  if (!Array.isArray(ifaces)) throw new ConfigError('interfaces must be a list');
  let http: { ip?: string; port?: number } | undefined;
  ifaces.forEach((f, i) => {
    if (!isObj(f) || typeof f.kind !== 'string') throw new ConfigError(`interfaces[${i}] needs a kind`);
    if (f.kind === 'io.l5d.httpController' && http) warnings.push(`interfaces[${i}] (a second io.l5d.httpController) is not served: the local server serves the first one`);
    else if (f.kind === 'io.l5d.httpController') http = readAddress(f, `interfaces[${i}]`);
    else warnings.push(`interfaces[${i}] (${f.kind}) is not served by the local server (only io.l5d.httpController is)`);
    if (f.kind === 'io.l5d.httpController' && f.tls !== undefined) warnings.push(`interfaces[${i}].tls is ignored: the local server speaks plain HTTP`);
  });
  return http;
}

function readAddress(o: Obj, where: string): { ip?: string; port?: number } {
  if (o.port !== undefined && (typeof o.port !== 'number' || !Number.isInteger(o.port) || o.port < 0 || o.port > 65535)) {
    throw new ConfigError(`${where}.port must be a port number`);
  }
  if (o.ip !== undefined && typeof o.ip !== 'string') throw new ConfigError(`${where}.ip must be an IP address`);
  return { ip: o.ip as string | undefined, port: o.port as number | undefined };
}
