// The global namer (Finagle `Namer.global`, spec/dtab-language.md §5.3): `/$/inet`, `/$/fixedinet`,
// `/$/fail`, `/$/nil` and `/$/<class>` for the classes a Linkerd 1.x classpath has (§7.1–7.2). Pure.

import type { Path } from './ast.js';
import { BUOYANT_NAMERS, type ClassNamer } from './namers-buoyant.js';
import { fastLabelText, lookupInet, offlineResolver } from './namers-inet.js';
import type { HostResolver, LookupFn, LookupResult } from './namers-types.js';
import { ok } from './namers-types.js';
import { Empty, Fail, Neg } from './tree.js';

export * from './namers-types.js';
export { NAMER_DOCS, namerDoc, type NamerDoc, type NamerArgProblem } from './namers-docs.js';
export { fastLabelText, isIpv4, offlineResolver, parseIpv4, parseIpv6 } from './namers-inet.js';
export { labelText, textLabel, javaParseInt } from './namers-text.js';

/**
 * ZooKeeper-backed namers: known classes, but nothing answers offline, so (like a linkerd that cannot reach
 * ZooKeeper) their lookups stay pending.
 */
const ZOOKEEPER_NAMERS: ReadonlyMap<string, ClassNamer> = new Map<string, ClassNamer>([
  ['com.twitter.serverset', () => ({ state: 'pending' })],
  ['io.buoyant.namer.zk.leader', () => ({ state: 'pending' })],
]);

/** `/$/<class>` names this tool knows how to evaluate (the rest are unknown classes: ClassNotFoundException). */
export const KNOWN_NAMER_CLASSES: ReadonlySet<string> = new Set([...BUOYANT_NAMERS.keys(), ...ZOOKEEPER_NAMERS.keys()]);

export interface GlobalNamerOptions {
  /** Resolves inet host names; default: IPv4 literals and localhost only. */
  readonly resolveHost?: HostResolver;
  /** Extra `/$/<class>` namers (e.g. a plugin), consulted before the built-in classes. */
  readonly classes?: ReadonlyMap<string, ClassNamer>;
}

/** Finagle's `Namer.global` as a lookup function (rules tried in the order of §5.3). */
export function createGlobalNamer(options: GlobalNamerOptions = {}): LookupFn {
  const resolve = options.resolveHost ?? offlineResolver;
  return (path: Path): LookupResult => {
    if (path.length < 2 || path[0] !== '$') return ok(Neg);
    const kind = fastLabelText(path[1]!);
    if (kind === 'inet' || kind === 'fixedinet') {
      const r = lookupInet(path, resolve);
      if (r) return r;
    }
    if (kind === 'fail') return ok(Fail);
    if (kind === 'nil') return ok(Empty);
    const namer = options.classes?.get(kind) ?? BUOYANT_NAMERS.get(kind) ?? ZOOKEEPER_NAMERS.get(kind);
    if (!namer) return { state: 'failed', message: kind, classNotFound: true };
    return namer(path.slice(2), resolve);
  };
}

/** The global namer with the offline resolver. */
export const globalNamer: LookupFn = createGlobalNamer();

export type { ClassNamer };
