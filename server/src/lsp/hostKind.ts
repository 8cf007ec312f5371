// Which documents the server acts on: `.dtab` files, and YAML files that are linkerd/namerd configs
// (recognised by content, or by the `dtab.configFiles` globs). Other YAML is left alone.

import { minimatch } from 'minimatch';

export type HostKind = 'dtab' | 'config' | 'ignored';

export const DTAB_LANGUAGE_ID = 'linkerd-dtab';

/** Top-level keys only a linkerd config has (`routers:`), or that together say namerd (`storage:` + `interfaces:`/`namers:`). */
const LINKERD_KEY = /^routers\s*:/m;
const NAMERD_STORAGE_KEY = /^storage\s*:/m;
const NAMERD_OTHER_KEY = /^(interfaces|namers)\s*:/m;

export function looksLikeLinkerdConfig(text: string): boolean {
  return LINKERD_KEY.test(text) || (NAMERD_STORAGE_KEY.test(text) && NAMERD_OTHER_KEY.test(text));
}

export function matchesConfigGlobs(uri: string, globs: readonly string[]): boolean {
  let path: string;
  try {
    path = decodeURIComponent(new URL(uri).pathname);
  } catch {
    return false;
  }
  return globs.some((g) => minimatch(path, g, { dot: true, matchBase: !g.includes('/') }));
}

export function hostKindOf(languageId: string, uri: string, text: string, globs: readonly string[]): HostKind {
  if (languageId === DTAB_LANGUAGE_ID || (languageId !== 'yaml' && uri.endsWith('.dtab'))) return 'dtab';
  if (languageId === 'yaml' && (looksLikeLinkerdConfig(text) || matchesConfigGlobs(uri, globs))) return 'config';
  return 'ignored';
}
