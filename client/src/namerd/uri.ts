// `namerd://<endpoint>/<namespace>`: the address of one namespace of a named endpoint (dtab.namerd.endpoints).
// Pure string handling so it can be tested without VS Code; the VS Code side wraps it in vscode.Uri.

export const NAMERD_SCHEME = 'namerd';
/** Read-only snapshots (theirs side of a conflict, namerd side of a diff): `namerd-snapshot://<id>/<label>`. */
export const SNAPSHOT_SCHEME = 'namerd-snapshot';

export interface NamespaceLocation {
  readonly endpoint: string;
  readonly namespace: string;
}

/** The parts of a namerd URI, or undefined when it does not name exactly one namespace. */
export function parseNamespaceLocation(authority: string, path: string): NamespaceLocation | undefined {
  const endpoint = authority.trim();
  const namespace = path.replace(/^\/+/, '');
  if (!endpoint || !namespace || namespace.includes('/')) return undefined;
  return { endpoint, namespace };
}

/** The endpoint part alone (`namerd://local/` lists its namespaces). */
export function isEndpointRoot(path: string): boolean {
  return path === '' || path === '/';
}

/**
 * Endpoint names are keys of a settings object and so case-sensitive, but URI authorities may come back
 * lower-cased; an exact match wins, else a unique case-insensitive one.
 */
export function findEndpointName(wanted: string, names: Iterable<string>): string | undefined {
  const all = [...names];
  if (all.includes(wanted)) return wanted;
  const folded = all.filter((n) => n.toLowerCase() === wanted.toLowerCase());
  return folded.length === 1 ? folded[0] : undefined;
}
