// Which namerd namespace (and endpoint) a local dtab file belongs to. Pure: the caller passes the file's text,
// its workspace-relative path and the settings. Order: the file's own first line (`# namerd: <namespace>` pragma,
// or the header a pull wrote) wins over `dtab.namerd.namespaceMapping`, which wins over nothing; the endpoint
// falls back to `dtab.namerd.defaultEndpoint`. A file with no namespace is never compared with namerd.

import { minimatch } from 'minimatch';

export interface FirstLineTarget {
  readonly namespace?: string;
  /** A configured endpoint name (pragma `# namerd: <endpoint>/<namespace>`). */
  readonly endpointName?: string;
  /** The base URL a pull recorded (`# namerd: endpoint=<url> namespace=<ns> version=<v>`). */
  readonly endpointUrl?: string;
  readonly version?: string;
  readonly source: 'pragma' | 'header';
}

const NAME = /^[A-Za-z0-9._:-]+$/;

/** Reads the first non-blank line: `# namerd: ns`, `# namerd: endpoint/ns`, or a pull header with key=value pairs. */
export function parseFirstLine(text: string): FirstLineTarget | undefined {
  const firstLine = /^\s*([^\n]*)/.exec(text.replace(/^\uFEFF/, ''))?.[1]?.replace(/\r$/, '') ?? '';
  const m = /^#\s*namerd:\s*(.*)$/.exec(firstLine);
  if (!m) return undefined;
  const body = m[1]!.trim();
  if (body.includes('=')) {
    const fields: Record<string, string> = {};
    for (const pair of body.split(/\s+/)) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      fields[pair.slice(0, eq)] = safeDecode(pair.slice(eq + 1));
    }
    if (!fields.namespace) return undefined;
    return { namespace: fields.namespace, endpointUrl: fields.endpoint, version: fields.version, source: 'header' };
  }
  const parts = body.split('/');
  if (parts.length === 1 && NAME.test(parts[0]!)) return { namespace: parts[0]!, source: 'pragma' };
  if (parts.length === 2 && NAME.test(parts[0]!) && NAME.test(parts[1]!)) {
    return { endpointName: parts[0]!, namespace: parts[1]!, source: 'pragma' };
  }
  return undefined;
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

export interface MappingTarget {
  readonly namespace: string;
  readonly endpoint?: string;
}

/** The first mapping whose glob matches the workspace-relative path (globs without `/` match the file name). */
export function mapNamespace(relativePath: string, mapping: ReadonlyMap<string, MappingTarget>): (MappingTarget & { glob: string }) | undefined {
  const path = relativePath.replace(/\\/g, '/');
  for (const [glob, target] of mapping) {
    if (globMatches(path, glob)) return { ...target, glob };
  }
  return undefined;
}

/** minimatch refuses some patterns (e.g. over 64 KiB) by throwing; a glob from settings then matches nothing. */
function globMatches(path: string, glob: string): boolean {
  try {
    return minimatch(path, glob, { dot: true, matchBase: !glob.includes('/') });
  } catch {
    return false;
  }
}

export type FileTarget =
  | {
      readonly ok: true;
      readonly endpoint: string;
      readonly namespace: string;
      /** Why this namespace: `pragma`, `header`, or `mapping <glob>`. */
      readonly reason: string;
      /** The version a pulled file is based on (from its header). */
      readonly version?: string;
    }
  | { readonly ok: false; readonly message: string; readonly unmapped: boolean };

export interface TargetInputs {
  readonly text: string;
  /** Workspace-relative path, or undefined for files outside the workspace. */
  readonly relativePath?: string;
  readonly mapping: ReadonlyMap<string, MappingTarget>;
  /** Configured endpoint names → base URLs. */
  readonly endpoints: ReadonlyMap<string, string>;
  readonly defaultEndpoint?: string;
}

const trimSlash = (u: string): string => u.replace(/\/+$/, '');

/** Decides the file's namespace and endpoint name; every failure says what to configure. */
export function resolveFileTarget(input: TargetInputs): FileTarget {
  const first = parseFirstLine(input.text);
  const mapped = first || input.relativePath === undefined ? undefined : mapNamespace(input.relativePath, input.mapping);
  const namespace = first?.namespace ?? mapped?.namespace;
  if (!namespace) {
    return { ok: false, unmapped: true, message: 'This file is not linked to a namerd namespace: add a first line `# namerd: <namespace>` or an entry in dtab.namerd.namespaceMapping.' };
  }
  let endpoint = first?.endpointName ?? mapped?.endpoint;
  if (!endpoint && first?.endpointUrl) {
    endpoint = [...input.endpoints].find(([, url]) => trimSlash(url) === trimSlash(first.endpointUrl!))?.[0];
  }
  endpoint ??= input.defaultEndpoint;
  if (!endpoint) {
    return { ok: false, unmapped: false, message: `No namerd endpoint for namespace "${namespace}": set dtab.namerd.defaultEndpoint or name one in the mapping.` };
  }
  if (!input.endpoints.has(endpoint)) {
    return { ok: false, unmapped: false, message: `The namerd endpoint "${endpoint}" is not in dtab.namerd.endpoints (user settings only in an untrusted workspace).` };
  }
  const reason = first ? first.source : `mapping ${mapped!.glob}`;
  return { ok: true, endpoint, namespace, reason, version: first?.version };
}
