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
  const value = ipv4Value(text);
  if (value < 0) return undefined;
  return `${value >>> 24}.${(value >>> 16) & 0xff}.${(value >>> 8) & 0xff}.${value & 0xff}`;
}

/** Whether `text` is one of Java's IPv4 literal forms (`parseIpv4(text) !== undefined`), allocating nothing. */
export function isIpv4(text: string): boolean {
  return ipv4Value(text) >= 0;
}

/**
 * The 32-bit value of an IPv4 literal (see `parseIpv4`), or -1: one pass over the chars, no regex, split or
 * array (hosts are judged for every `/$/inet` leaf of a dtab). Parts are read as doubles, so a part of many
 * digits is simply too large, as `Number` would read it.
 */
function ipv4Value(text: string): number {
  const n = text.length;
  if (n === 0) return -1;
  let value = 0;
  let parts = 0;
  let part = 0;
  let digits = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0x2e;
    if (c >= 0x30 && c <= 0x39) {
      part = part * 10 + (c - 0x30);
      digits++;
      continue;
    }
    if (c !== 0x2e || digits === 0 || parts === 4) return -1;
    if (i < n) {
      // A leading part: one byte.
      if (part > 255) return -1;
      value = value * 256 + part;
    } else {
      // The last part fills the remaining bytes (`a.b` is a plus 24 bits of b).
      const tailBits = 8 * (4 - parts);
      if (part >= 2 ** tailBits) return -1;
      value = value * 2 ** tailBits + part;
    }
    parts++;
    part = 0;
    digits = 0;
  }
  return value;
}

/**
 * An IPv6 literal as Java's `Inet6Address.getHostAddress` prints it: eight groups of lower-case hex without
 * leading zeros and without `::` compression (`::1` is `0:0:0:0:0:0:0:1`). An IPv4-mapped address
 * (`::ffff:1.2.3.4`) is an IPv4 address in Java. Zone ids (`%eth0`) are not supported.
 */
export function parseIpv6(text: string): string | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/.test(piece) ? parseIpv4(piece) : undefined;
        if (!v4) return undefined;
        const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
        out.push(a * 256 + b, c * 256 + d);
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return groups.map((g) => g.toString(16)).join(':');
}

/**
 * `labelText` (a label's bytes decoded as UTF-8) without a decoder for a plain ASCII label, which is its own text:
 * the namers read the class and arguments of every `/$/` leaf.
 */
export function fastLabelText(label: string): string {
  for (let i = 0; i < label.length; i++) if (label.charCodeAt(i) >= 0x80) return labelText(label);
  return label;
}

/** Offline resolution: the wildcard address for an empty host, IP literals, `localhost`; nothing else. */
export const offlineResolver: HostResolver = (host, port) => {
  const ip = host === '' ? '0.0.0.0' : host === 'localhost' ? '127.0.0.1' : (parseIpv4(host) ?? parseIpv6(host));
  if (ip === undefined) {
    return {
      type: 'failed',
      cause: `cannot resolve host name '${host}' offline: only IP literals and localhost resolve without DNS`,
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
  const hostPort = path.length >= 4 ? javaParseInt(fastLabelText(path[3]!)) : undefined;
  if (hostPort !== undefined) return bindInet(path, 4, fastLabelText(path[2]!), hostPort, resolve);
  const portOnly = path.length >= 3 ? javaParseInt(fastLabelText(path[2]!)) : undefined;
  if (portOnly !== undefined) return bindInet(path, 3, '', portOnly, resolve);
  return undefined;
}

function bindInet(path: Path, idLength: number, host: string, port: number, resolve: HostResolver): LookupResult {
  const problem = portProblem(port);
  if (problem) return failed(problem);
  const addr: Addr = resolve(host, port);
  return ok(leaf({ kind: 'bound', id: path.slice(0, idLength), residual: path.slice(idLength), addr }));
}
