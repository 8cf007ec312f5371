// linkerd/namerd config files for `dtab check`: recognised by extension and analysed by the config engine
// (schema, cross-section rules and every embedded dtab, in the file's own offsets), and the cross-file rule (spec
// §8.3 rule 12) between the linkerd and namerd configs given in one run.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Path } from '../core/dtab/ast.js';
import { analyzeConfig, type ConfiguredNamerKind } from '../core/config/analyze.js';
import { checkInterpreters, type InterpreterFact, type NamerdFacts } from '../core/config/cross-file.js';
import type { Input } from './input.js';

const CONFIG_EXTENSIONS = ['.yaml', '.yml', '.json'];

export function isConfigFile(path: string): boolean {
  const lower = path.toLowerCase();
  return CONFIG_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export interface ConfigFileCheck {
  /** The file's own diagnostics. */
  readonly diagnostics: Diagnostic[];
  /** For a linkerd config: its routers whose interpreter asks namerd (checked against the run's namerd configs). */
  readonly interpreters: readonly InterpreterFact[];
  /** For a readable namerd config: what the cross-file rule needs to know about it (messages name it as given). */
  readonly namerd?: NamerdFacts;
}

/** Analyses a config file given to `dtab check` (its path is set: configs are recognised by their extension). */
export function checkConfigFile(input: Input & { readonly path: string }): ConfigFileCheck {
  const analysis = analyzeConfig(input.text, { fileName: input.path });
  const namerd = analysis.namerdFacts(pathToFileURL(resolve(input.path)).href, input.name);
  return { diagnostics: analysis.diagnostics, interpreters: analysis.interpreters, ...(typeof namerd === 'object' ? { namerd } : {}) };
}

/**
 * The cross-file rule for the configs of one `dtab check` run: each linkerd config's namerd interpreters against the
 * namerd configs among the files (each file once). Parallel to `checks`; empty lists when no namerd config is given.
 */
export function crossFileFindings(checks: readonly (ConfigFileCheck | undefined)[]): Diagnostic[][] {
  const namerds = new Map<string, NamerdFacts>();
  for (const c of checks) if (c?.namerd && !namerds.has(c.namerd.uri)) namerds.set(c.namerd.uri, c.namerd);
  const facts = [...namerds.values()];
  return checks.map((c) => (c && c.interpreters.length > 0 ? checkInterpreters(c.interpreters, facts) : []));
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
