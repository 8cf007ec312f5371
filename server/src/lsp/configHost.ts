// linkerd/namerd YAML configs as LSP hosts: the config module's analysis (diagnostics in YAML offsets, embedded
// dtabs with their offset maps, configured namers) adapted to the server's regions and namer catalog.

import type { Diagnostic } from '../core/diagnostic.js';
import { analyzeConfig, type ConfiguredNamerKind } from '../core/config/analyze.js';
import type { InterpreterFact, NamerdFacts } from '../core/config/cross-file.js';
import { FAMILY_IDS } from '../core/config/model.js';
import type { EmbeddedDtabKind } from '../core/config/validate.js';
import type { ConfiguredNamer } from './namerCatalog.js';
import { type DtabRegion, embeddedRegion } from './regions.js';

export interface ConfigHostAnalysis {
  /** One region per embedded dtab (router `dtab:`, namerd namespaces), in document order. */
  readonly regions: readonly DtabRegion[];
  /** Whose dtab each region is (router label, namespace key), parallel to `regions`. */
  readonly sites: readonly EmbeddedSite[];
  readonly namers: readonly ConfiguredNamer[];
  /** The routers whose interpreter asks namerd, for the cross-file rule (spec §8.3 rule 12), in YAML offsets. */
  readonly interpreters: readonly InterpreterFact[];
  /** For a namerd config: its facts for the cross-file rule (ConfigAnalysis.namerdFacts). */
  namerdFacts(uri: string, name: string): NamerdFacts | 'unreadable' | undefined;
  /** Config and embedded-dtab diagnostics, in YAML offsets. */
  diagnostics(): readonly Diagnostic[];
}

export interface EmbeddedSite {
  readonly kind: EmbeddedDtabKind;
  /** Router label, namespace name, or the interpreter's router label. */
  readonly name: string;
}

/** Plugin kinds by block, as the config checks take them; a plain list applies to every block that has kinds. */
export type ExtraKinds = readonly string[] | Readonly<Record<string, readonly string[]>>;

function extraKindsByBlock(extra: ExtraKinds): Readonly<Record<string, readonly string[]>> | undefined {
  if (!Array.isArray(extra)) return extra as Readonly<Record<string, readonly string[]>>;
  if (extra.length === 0) return undefined;
  return Object.fromEntries(FAMILY_IDS.map((block) => [block, extra]));
}

export function analyzeConfigHost(text: string, fileName?: string, extraKinds: ExtraKinds = []): ConfigHostAnalysis {
  const analysis = analyzeConfig(text, { fileName, extraKinds: extraKindsByBlock(extraKinds) });
  // Sorted by where each value starts in the file (the same order as by mapped offset): the document order.
  const ordered = [...analysis.embeddedDtabs].sort((a, b) => a.valueSpan.start - b.valueSpan.start);
  const regions = ordered.map((e) => {
    const { start, end } = e.valueSpan;
    return embeddedRegion(
      e.document,
      (o) => e.toYamlOffset(o),
      (h) => {
        // Every offset the map gives lies inside the scalar, so outside it nothing maps: answered without building
        // the offset map, which only the dtab under the cursor needs (regionAt asks each region in turn).
        if (h < start || h > end) return undefined;
        const o = e.fromYamlOffset(h);
        return o < 0 ? undefined : o;
      },
      e.style,
    );
  });
  // The embedded dtabs themselves serve as the sites (each has its kind and name): nothing more is allocated.
  return { regions, sites: ordered, namers: namersOf(analysis.namers, fileName), interpreters: analysis.interpreters, namerdFacts: analysis.namerdFacts, diagnostics: () => analysis.diagnostics };
}

/** The namers a config file declares (for the workspace scan). */
export function extractNamers(text: string, fileName: string): ConfiguredNamer[] {
  return namersOf(analyzeConfig(text, { fileName }).namers, fileName);
}

/** Each namer with its declared kind (`prefix: /disco` of kind io.l5d.consul is `io.l5d.consul`), for its docs. */
function namersOf(namers: readonly ConfiguredNamerKind[], fileName: string | undefined): ConfiguredNamer[] {
  return namers.map(({ prefix, kind }) => ({ prefix, kind, source: fileName }));
}
