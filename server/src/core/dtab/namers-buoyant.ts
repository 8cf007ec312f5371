// Linkerd 1.x's `/$/io.buoyant.*` utility namers (spec §7.2, Linkerd `namer/core/.../io/buoyant/*.scala`).
// Each takes the path after `/$/<class>` and answers like the Scala original: rewriting namers return a new path
// to look up again, `rinet` and `http.status` bind directly, and a shape mismatch gives Neg. Pure.

import type { Path } from './ast.js';
import { portProblem } from './namers-inet.js';
import { javaParseInt, labelText, textLabel } from './namers-text.js';
import type { HostResolver, LookupResult } from './namers-types.js';
import { failed, namePath, ok } from './namers-types.js';
import { leaf, Neg } from './tree.js';

const NEG_RESULT: LookupResult = ok(Neg);
/** Linkerd's coarse host regex (`Match.host`); Scala extractors match the whole element. */
export const HOST = /^[A-Za-z0-9.:_-]+$/;
/** An HTTP method element (`Match.method`). */
export const METHOD = /^[A-Z]+$/;
const DNS_LABEL = /^[a-z0-9][-a-z0-9]*[a-z0-9]?$/;

/** Java `String.split(regex)` for a literal one-char separator: trailing empty strings are removed. */
export function javaSplit(s: string, sep: string): string[] {
  const parts = s.split(sep);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.length === 0 && s === '' ? [''] : parts;
}

/** A rewritten path as Finagle builds it: `Path.Utf8(...)` requires non-empty elements. */
function rewritten(texts: readonly string[], rest: Path): LookupResult {
  if (texts.some((t) => t === '')) return failed('requirement failed');
  return ok(leaf(namePath([...texts.map(textLabel), ...rest])));
}

type Rewrite = (args: readonly string[], path: Path) => LookupResult;

/** `RewritingNamer`: Neg for the empty path; `take(n)` must give exactly n elements. */
function rewriting(arity: number, rewrite: Rewrite) {
  return (path: Path): LookupResult => {
    if (path.length < arity) return NEG_RESULT;
    return rewrite(path.slice(0, arity).map(labelText), path);
  };
}

/** `HostColonPort`: exactly `host:port`, the port a DNS label of at most 63 characters. */
export function hostColonPort(s: string): [string, string] | undefined {
  const parts = javaSplit(s, ':');
  if (parts.length !== 2) return undefined;
  const [host, port] = parts as [string, string];
  return DNS_LABEL.test(port) && port.length <= 63 ? [host, port] : undefined;
}

/** The subdomain of `hostname` (any `:port` dropped) under `domain`, if it is under it. */
export function subdomain(domain: string, hostname: string): string | undefined {
  const idx = hostname.indexOf(':');
  const host = idx > 0 ? hostname.slice(0, idx) : hostname;
  const sfx = '.' + domain;
  return host.endsWith(sfx) ? host.slice(0, host.length - sfx.length) : undefined;
}

const reversedLabels = (host: string) => javaSplit(host, '.').reverse();

export type ClassNamer = (path: Path, resolve: HostResolver) => LookupResult;

export const BUOYANT_NAMERS: ReadonlyMap<string, ClassNamer> = new Map<string, ClassNamer>([
  [
    'io.buoyant.rinet',
    (path, resolve) => {
      if (path.length < 2) return NEG_RESULT;
      const port = labelText(path[0]!);
      const host = labelText(path[1]!);
      const n = javaParseInt(port);
      const problem = n === undefined ? `For input string: "${port}"` : portProblem(n);
      const addr = problem ? ({ type: 'failed', cause: problem } as const) : resolve(host, n!);
      return ok(
        leaf({ kind: 'bound', id: ['$', 'io.buoyant.rinet', path[0]!, path[1]!], residual: path.slice(2), addr }),
      );
    },
  ],
  [
    'io.buoyant.hostportPfx',
    rewriting(2, ([pfx, hp], path) => {
      const m = hostColonPort(hp!);
      return m ? rewritten([pfx!, m[0], m[1]], path.slice(2)) : NEG_RESULT;
    }),
  ],
  [
    'io.buoyant.porthostPfx',
    rewriting(2, ([pfx, hp], path) => {
      const m = hostColonPort(hp!);
      return m ? rewritten([pfx!, m[1], m[0]], path.slice(2)) : NEG_RESULT;
    }),
  ],
  [
    'io.buoyant.http.anyMethod',
    rewriting(1, ([method], path) => (METHOD.test(method!) ? ok(leaf(namePath(path.slice(1)))) : NEG_RESULT)),
  ],
  [
    'io.buoyant.http.anyMethodPfx',
    rewriting(2, ([pfx, method], path) => (METHOD.test(method!) ? rewritten([pfx!], path.slice(2)) : NEG_RESULT)),
  ],
  [
    'io.buoyant.http.anyHost',
    rewriting(1, ([host], path) => (HOST.test(host!) ? ok(leaf(namePath(path.slice(1)))) : NEG_RESULT)),
  ],
  [
    'io.buoyant.http.anyHostPfx',
    rewriting(2, ([pfx, host], path) => (HOST.test(host!) ? rewritten([pfx!], path.slice(2)) : NEG_RESULT)),
  ],
  [
    'io.buoyant.http.subdomainOf',
    rewriting(2, ([domain, host], path) => {
      if (!HOST.test(domain!) || !HOST.test(host!)) return NEG_RESULT;
      const sub = subdomain(domain!, host!);
      return sub ? rewritten([sub], path.slice(2)) : NEG_RESULT;
    }),
  ],
  [
    'io.buoyant.http.subdomainOfPfx',
    rewriting(3, ([domain, pfx, host], path) => {
      if (!HOST.test(domain!) || !HOST.test(host!)) return NEG_RESULT;
      const sub = subdomain(domain!, host!);
      return sub ? rewritten([pfx!, sub], path.slice(3)) : NEG_RESULT;
    }),
  ],
  [
    'io.buoyant.http.domainToPath',
    rewriting(1, ([host], path) => (HOST.test(host!) ? rewritten(reversedLabels(host!), path.slice(1)) : NEG_RESULT)),
  ],
  [
    'io.buoyant.http.domainToPathPfx',
    rewriting(2, ([pfx, host], path) =>
      HOST.test(host!) ? rewritten([pfx!, ...reversedLabels(host!)], path.slice(2)) : NEG_RESULT,
    ),
  ],
  [
    'io.buoyant.http.status',
    (path) => {
      // A ServiceNamer: the bound id is a service, not a path, so JSON shows the looked-up path as the id; the
      // residual is the whole path given to the namer. The address is a local service (no socket address).
      const code = path.length > 0 ? javaParseInt(labelText(path[0]!)) : undefined;
      if (code === undefined || code < 100 || code >= 600) return NEG_RESULT;
      return ok(
        leaf({ kind: 'bound', id: ['$', 'io.buoyant.http.status', ...path], residual: path, addr: { type: 'bound', addrs: [] } }),
      );
    },
  ],
]);
