// Which path a live hover is about inside a dtab embedded in a linkerd.yaml or namerd.yaml (a router's `dtab:`, an
// io.l5d.inMemory namespace's value): the YAML offset is mapped into the decoded dtab text, the dtab-file rule
// (hoveredPath) picks the path, and its span is mapped back to YAML offsets for the hover's range.

import type { Dtab, Path } from '../../core/dtab/ast.js';
import { toDtab } from '../../core/dtab/parse.js';
import { mapSpan, type EmbeddedDtab } from '../../core/config/embedded.js';
import type { EmbeddedDtabKind } from '../../core/config/validate.js';
import { hoveredPath } from './hoveredPath.js';

export interface EmbeddedHoveredPath {
  readonly path: Path;
  /** The path's span in YAML offsets. */
  readonly start: number;
  readonly end: number;
  /** The semantic dtab of the embedded dtab the path is in (sent to namerd as the hover's `dtab=`). */
  readonly dtab: Dtab;
  readonly kind: EmbeddedDtabKind;
  /** Router label or namespace name (the key under `namespaces:`). */
  readonly name: string;
}

/** The hovered path at `yamlOffset`, when it is inside one of the config's embedded dtabs. */
export function hoveredEmbeddedPath(embedded: readonly EmbeddedDtab[], yamlOffset: number): EmbeddedHoveredPath | undefined {
  for (const e of embedded) {
    if (yamlOffset < e.valueSpan.start || yamlOffset > e.valueSpan.end) continue;
    const dtabOffset = e.fromYamlOffset(yamlOffset);
    if (dtabOffset < 0) continue;
    const hit = hoveredPath(e.document, dtabOffset);
    if (!hit) return undefined;
    const span = mapSpan(e, { start: hit.start, end: hit.end });
    return { path: hit.path, start: span.start, end: span.end, dtab: toDtab(e.document), kind: e.kind, name: e.name };
  }
  return undefined;
}
