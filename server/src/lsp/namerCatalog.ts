// The namers completion and hover know about: configured namers (`/#/<prefix>`, from the workspace's
// linkerd/namerd configs, else every standard Linkerd kind at its default prefix), with the config model's docs
// (what the namer is, the shape of the names it serves).

import type { Path } from '../core/dtab/ast.js';
import { kindDoc } from '../core/config/docs.js';
import { familyFor } from '../core/config/model.js';

export interface ConfiguredNamer {
  /** The full prefix, e.g. `/#/io.l5d.k8s` (labels `#`, `io.l5d.k8s`). */
  readonly prefix: Path;
  /** The namer's kind (`io.l5d.k8s`; also for a custom `prefix: /disco`), as the config declares it. */
  readonly kind: string;
  /** Where it was declared (a config file name), or undefined for the standard kinds. */
  readonly source?: string;
}

const namerFamily = familyFor('namers', { product: 'linkerd' });

/** Every Linkerd namer kind that has a default prefix, at that prefix (used when no workspace config is known). */
export function standardNamers(): ConfiguredNamer[] {
  const out: ConfiguredNamer[] = [];
  for (const kind of namerFamily?.kinds.values() ?? []) {
    if (typeof kind.defaultPrefix !== 'string') continue;
    out.push({ prefix: ['#', ...kind.defaultPrefix.split('/').filter((l) => l !== '')], kind: kind.name });
  }
  return out;
}

/** The model's Markdown documentation of a namer kind (what it is, its name shape, its keys). */
export function namerKindDoc(kind: string): string | undefined {
  const spec = namerFamily?.kinds.get(kind);
  return namerFamily && spec ? kindDoc(namerFamily, spec) : undefined;
}

/**
 * The argument names a namer kind expects after its prefix, from the model's name shape: for io.l5d.k8s
 * `/#/<prefix>/<namespace>/<port-name|port-number>/<service>[...]` gives `namespace`, `port-name`, `service`.
 * Stops at the first optional or variable-length part.
 */
export function namerShapeArgs(kind: string): string[] {
  const shape = namerFamily?.kinds.get(kind)?.pathShape;
  if (!shape) return [];
  const parts = shape.split(/[\s;(]/, 1)[0]!.split('/');
  const out: string[] = [];
  for (const part of parts.slice(3)) {
    const m = /^<([^<>]+)>(\[.*)?$/.exec(part);
    if (!m || m[1]!.includes('...')) break;
    out.push(m[1]!.split('|')[0]!);
    if (m[2]) break; // an optional part follows
  }
  return out;
}
