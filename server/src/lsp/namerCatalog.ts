// The namers completion and hover know about: configured namer kinds (`/#/<kind>`, from the workspace's
// linkerd/namerd configs, else the standard kinds) and the `/$/` system and utility namers.

import type { Path } from '../core/dtab/ast.js';

/** Namer kinds Linkerd 1.x ships (spec §7.3); used when no workspace config declares namers. */
export const STANDARD_NAMER_KINDS: readonly string[] = [
  'io.l5d.fs',
  'io.l5d.k8s',
  'io.l5d.k8s.external',
  'io.l5d.k8s.ns',
  'io.l5d.k8s.istio',
  'io.l5d.consul',
  'io.l5d.marathon',
  'io.l5d.serversets',
  'io.l5d.zkLeader',
  'io.l5d.curator',
  'io.l5d.dnssrv',
  'io.l5d.rancher',
];

export interface ConfiguredNamer {
  /** The full prefix, e.g. `/#/io.l5d.k8s` (labels `#`, `io.l5d.k8s`). */
  readonly prefix: Path;
  readonly kind: string;
  /** Where it was declared (a config file name), or undefined for the standard kinds. */
  readonly source?: string;
}

export function standardNamers(): ConfiguredNamer[] {
  return STANDARD_NAMER_KINDS.map((kind) => ({ prefix: ['#', kind], kind }));
}

