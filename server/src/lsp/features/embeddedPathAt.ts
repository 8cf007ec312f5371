// `dtab/embeddedPathAt`: the path a live namerd hover is about inside a dtab embedded in a linkerd.yaml / namerd.yaml
// (a router's `dtab:`, an io.l5d.inMemory namespace's value), from the document's cached analysis. The client's live
// hover (client/src/namerd/liveHover.ts) asks for it instead of analysing the whole config a second time; it keeps
// the namerd request itself, whose header values must not travel through the LSP trace.

import type { Dtab } from '../../core/dtab/ast.js';
import { showDtab } from '../../core/dtab/show.js';
import type { EmbeddedPathAtResult } from '../../protocol/requests.js';
import { regionAt, type Analysis } from '../analysis.js';
import { hoveredPath } from '../live/hoveredPath.js';
import { hostRange } from '../regions.js';
import { regionDtab } from './hover.js';

/** Canonical form by dtab value (the values are cached per parse in hover.ts), so hovering along a dtab shows it once. */
const canonical = new WeakMap<Dtab, string>();

function canonicalOf(dtab: Dtab): string {
  let text = canonical.get(dtab);
  if (text === undefined) {
    text = showDtab(dtab);
    canonical.set(dtab, text);
  }
  return text;
}

/** The hovered path at `hostOffset` of a config, with the embedded dtab it is in; null outside embedded dtabs. */
export function embeddedPathAt(analysis: Analysis, hostOffset: number): EmbeddedPathAtResult | null {
  if (analysis.kind !== 'config' || !analysis.config) return null;
  const found = regionAt(analysis, hostOffset);
  if (!found) return null;
  const { region } = found;
  const hit = hoveredPath(region.parsed, found.offset);
  if (!hit) return null;
  const site = analysis.config.sites[analysis.regions.indexOf(region)]!;
  return {
    path: hit.path,
    range: hostRange(analysis.document, region, { start: hit.start, end: hit.end }),
    dtab: canonicalOf(regionDtab(region)),
    kind: site.kind,
    name: site.name,
  };
}
