// linkerd/namerd config files for `dtab check`: recognised by extension and analysed by the config engine
// (schema, cross-section rules and every embedded dtab, in the file's own offsets).

import type { Diagnostic } from '../core/diagnostic.js';
import type { Path } from '../core/dtab/ast.js';
import { analyzeConfig, type ConfiguredNamerKind } from '../core/config/analyze.js';
import type { Input } from './input.js';

const CONFIG_EXTENSIONS = ['.yaml', '.yml', '.json'];

export function isConfigFile(path: string): boolean {
  const lower = path.toLowerCase();
  return CONFIG_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function checkConfigFile(input: Input): Diagnostic[] {
  return analyzeConfig(input.text, { fileName: input.path }).diagnostics;
}

/** The `/#/...` prefixes of the namers a config defines (for checking `.dtab` files against it). */
export function configNamerPrefixes(input: Input): Path[] {
  return analyzeConfig(input.text, { fileName: input.path }).namerPrefixes;
}

/**
 * The namers (kind and prefix) a linkerd or namerd config declares, for `dtab delegate --config`; undefined when the
 * text is neither config.
 */
export function configNamers(input: Input): ConfiguredNamerKind[] | undefined {
  const analysis = analyzeConfig(input.text, { fileName: input.path });
  return analysis.flavour === 'unknown' ? undefined : analysis.namers;
}
