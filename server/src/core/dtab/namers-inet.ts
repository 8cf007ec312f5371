// `/$/inet` and `/$/fixedinet` (spec §5.3 rules 1–2, §7.1) and the default offline host resolver. Pure.

import type { Path } from './ast.js';
import { javaParseInt, labelText } from './namers-text.js';
import type { Addr, HostResolver, LookupResult } from './namers-types.js';
import { failed, ok } from './namers-types.js';
import { leaf } from './tree.js';

/**
 * Java's IPv4 literal forms (`IPAddressUtil.textToNumericFormatV4`): `a.b.c.d`, and the shorthands `a.b.c`
 * (c is 16 bits), `a.b` (b is 24 bits) and `a` (32 bits), decimal only. `127.1` is 127.0.0.1.
 */
export function parseIpv4(text: string): string | undefined {
  if (!/^[0-9]+(\.[0-9]+){0,3}$/.test(text)) return undefined;
  const parts = text.split('.').map(Number);
  const last = parts.length - 1;
  let value = 0;
  for (let i = 0; i < last; i++) {
    if (parts[i]! > 255) return undefined;
    value = value * 256 + parts[i]!;
  }
  const tailBits = 8 * (4 - last);
  if (parts[last]! >= 2 ** tailBits) return undefined;
  value = value * 2 ** tailBits + parts[last]!;
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Offline resolution: the wildcard address for an empty host, IPv4 literals, `localhost`; nothing else. */
export const offlineResolver: HostResolver = (host, port) => {
  const ip = host === '' ? '0.0.0.0' : host === 'localhost' ? '127.0.0.1' : parseIpv4(host);
  if (ip === undefined) {
    return {
      type: 'failed',
      cause: `cannot resolve host name '${host}' offline: only IPv4 literals and localhost resolve without DNS`,
    };
  }
  return { type: 'bound', addrs: [{ ip, port }] };
};

/** Java `new InetSocketAddress(host, port)` range check. */
export function portProblem(port: number): string | undefined {
  return port < 0 || port > 0xffff ? `port out of range:${port}` : undefined;
}

/**
 * `/$/inet/<host>/<port>/...` or `/$/inet/<port>/...` (`path` is the full path starting with `$`, `kind`).
 * Returns undefined when the shape does not match, so the caller falls through to the class-namer rule.
 */
export function lookupInet(path: Path, resolve: HostResolver): LookupResult | undefined {
  const hostPort = path.length >= 4 ? javaParseInt(labelText(path[3]!)) : undefined;
  if (hostPort !== undefined) return bindInet(path, 4, labelText(path[2]!), hostPort, resolve);
  const portOnly = path.length >= 3 ? javaParseInt(labelText(path[2]!)) : undefined;
  if (portOnly !== undefined) return bindInet(path, 3, '', portOnly, resolve);
  return undefined;
}

function bindInet(path: Path, idLength: number, host: string, port: number, resolve: HostResolver): LookupResult {
  const problem = portProblem(port);
  if (problem) return failed(problem);
  const addr: Addr = resolve(host, port);
  return ok(leaf({ kind: 'bound', id: path.slice(0, idLength), residual: path.slice(idLength), addr }));
}
