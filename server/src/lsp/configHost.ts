// linkerd/namerd YAML configs as LSP hosts: the config module's analysis (diagnostics in YAML offsets, embedded
// dtabs with their offset maps, configured namers) adapted to the server's regions and namer catalog.

import type { Diagnostic } from '../core/diagnostic.js';
import { analyzeConfig } from '../core/config/analyze.js';
import type { Path } from '../core/dtab/ast.js';
import { showPath } from '../core/dtab/show.js';
import type { ConfiguredNamer } from './namerCatalog.js';
import { type DtabRegion, embeddedRegion } from './regions.js';

export interface ConfigHostAnalysis {
  /** One region per embedded dtab (router `dtab:`, namerd namespaces), in document order. */
  readonly regions: readonly DtabRegion[];
  readonly namers: readonly ConfiguredNamer[];
  /** Config and embedded-dtab diagnostics, in YAML offsets. */
  diagnostics(): readonly Diagnostic[];
}

export function analyzeConfigHost(text: string, fileName?: string): ConfigHostAnalysis {
  const analysis = analyzeConfig(text, { fileName });
  const regions = analysis.embeddedDtabs.map((e) =>
    embeddedRegion(
      e.document,
      (o) => e.toYamlOffset(o),
      (h) => {
        const o = e.fromYamlOffset(h);
        return o < 0 ? undefined : o;
      },
    ),
  );
  regions.sort((a, b) => a.toHost(0) - b.toHost(0));
  return { regions, namers: namersOf(analysis.namerPrefixes, fileName), diagnostics: () => analysis.diagnostics };
}

/** The namers a config file declares (for the workspace scan). */
export function extractNamers(text: string, fileName: string): ConfiguredNamer[] {
  return namersOf(analyzeConfig(text, { fileName }).namerPrefixes, fileName);
}

/** `/#/io.l5d.k8s` is shown as `io.l5d.k8s`, a custom `prefix: /disco` as `disco`. */
function namersOf(prefixes: readonly Path[], fileName: string | undefined): ConfiguredNamer[] {
  return prefixes.map((prefix) => ({
    prefix,
    kind: prefix.length > 1 ? prefix.slice(1).join('/') : showPath(prefix),
    source: fileName,
  }));
}
