// Typed access to the extension's `dtab.*` settings, in one place (keys match package.json `contributes.configuration`).
// The namerd settings are trust-sensitive: in an untrusted workspace only the user's own settings may point the
// extension at a namerd (package.json also lists them under `restrictedConfigurations`; this re-checks it).

import * as vscode from 'vscode';

export const SECTION = 'dtab';

export interface EndpointConfig {
  readonly url: string;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly serverName?: string;
  readonly insecureSkipVerify?: boolean;
  readonly headerNames: readonly string[];
  readonly timeoutMs?: number;
}

export interface NamespaceTarget {
  readonly namespace: string;
  readonly endpoint?: string;
}

export interface NamerdConfig {
  readonly endpoints: ReadonlyMap<string, EndpointConfig>;
  readonly defaultEndpoint?: string;
  /** Workspace-relative glob → namespace (and optional endpoint name). */
  readonly namespaceMapping: ReadonlyMap<string, NamespaceTarget>;
  readonly hoverBudgetMs: number;
  /** Problems found while reading the settings, phrased for the user. */
  readonly problems: readonly string[];
}

/** The value of a trust-sensitive setting: workspace levels only count in a trusted workspace. */
function trustedValue<T>(config: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const info = config.inspect<T>(key);
  if (!info) return fallback;
  if (vscode.workspace.isTrusted) {
    return info.workspaceFolderValue ?? info.workspaceValue ?? info.globalValue ?? info.defaultValue ?? fallback;
  }
  return info.globalValue ?? info.defaultValue ?? fallback;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function readNamerdConfig(scope?: vscode.ConfigurationScope): NamerdConfig {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const problems: string[] = [];
  const endpoints = new Map<string, EndpointConfig>();
  const rawEndpoints = trustedValue<unknown>(config, 'namerd.endpoints', {});
  if (isRecord(rawEndpoints)) {
    for (const [name, raw] of Object.entries(rawEndpoints)) {
      if (!isRecord(raw) || typeof raw.url !== 'string' || !/^https?:\/\//.test(raw.url)) {
        problems.push(`dtab.namerd.endpoints.${name}: "url" must be an http:// or https:// URL`);
        continue;
      }
      endpoints.set(name, {
        url: raw.url,
        caFile: optString(raw.caFile),
        certFile: optString(raw.certFile),
        keyFile: optString(raw.keyFile),
        serverName: optString(raw.serverName),
        insecureSkipVerify: raw.insecureSkipVerify === true,
        headerNames: Array.isArray(raw.headerNames) ? raw.headerNames.filter((h): h is string => typeof h === 'string') : [],
        timeoutMs: typeof raw.timeoutMs === 'number' ? raw.timeoutMs : undefined,
      });
    }
  }
  const defaultEndpoint = optString(trustedValue<unknown>(config, 'namerd.defaultEndpoint', ''));
  if (defaultEndpoint && !endpoints.has(defaultEndpoint)) {
    problems.push(`dtab.namerd.defaultEndpoint names "${defaultEndpoint}", which is not in dtab.namerd.endpoints`);
  }
  const namespaceMapping = new Map<string, NamespaceTarget>();
  const rawMapping = trustedValue<unknown>(config, 'namerd.namespaceMapping', {});
  if (isRecord(rawMapping)) {
    for (const [glob, target] of Object.entries(rawMapping)) {
      if (typeof target === 'string' && target !== '') namespaceMapping.set(glob, { namespace: target });
      else if (isRecord(target) && typeof target.namespace === 'string' && target.namespace !== '') {
        namespaceMapping.set(glob, { namespace: target.namespace, endpoint: optString(target.endpoint) });
      } else problems.push(`dtab.namerd.namespaceMapping["${glob}"] must be a namespace name or {"namespace", "endpoint"}`);
    }
  }
  const budget = config.get<number>('namerd.hoverBudgetMs', 1000);
  return {
    endpoints,
    defaultEndpoint,
    namespaceMapping,
    hoverBudgetMs: typeof budget === 'number' && budget >= 0 ? Math.min(budget, 10_000) : 1000,
    problems,
  };
}

/** The `dtab` section as the language server reads it (workspace/configuration and initializationOptions). */
export function serverSettings(scope?: vscode.ConfigurationScope): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    trace: { server: c.get('trace.server', 'off') },
    diagnostics: { debounceMs: c.get('diagnostics.debounceMs', 150) },
    configFiles: c.get('configFiles', []),
    config: { extraKinds: c.get('config.extraKinds', []) },
  };
}

export function configFileGlobs(): readonly string[] {
  const globs = vscode.workspace.getConfiguration(SECTION).get<unknown>('configFiles', []);
  return Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string') : [];
}
