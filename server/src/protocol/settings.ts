// The `dtab.*` settings the language server reads (workspace/configuration section `dtab`).
// Declared once here; the client's package.json contributes the same keys with the same defaults.

export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface DtabSettings {
  readonly trace: { readonly server: TraceLevel };
  readonly diagnostics: {
    /** Milliseconds to wait after the last keystroke before analysing (a newer edit restarts the wait). */
    readonly debounceMs: number;
  };
  /** Globs of YAML files treated as linkerd/namerd configs even when their content does not say so. */
  readonly configFiles: readonly string[];
  readonly config: {
    /**
     * Plugin kinds the config checks accept: a list (accepted in every block that has kinds) or a map from block
     * (`namers`, `identifiers.http`, …) to kinds.
     */
    readonly extraKinds: readonly string[] | Readonly<Record<string, readonly string[]>>;
  };
}

export const SETTINGS_SECTION = 'dtab';

export const DEFAULT_SETTINGS: DtabSettings = {
  trace: { server: 'off' },
  diagnostics: { debounceMs: 150 },
  configFiles: ['**/linkerd*.y*ml', '**/namerd*.y*ml', '**/l5d*.y*ml'],
  config: { extraKinds: [] },
};

const TRACE_LEVELS: readonly TraceLevel[] = ['off', 'messages', 'verbose'];

/** Merges whatever the client sent (possibly partial or malformed) over the defaults; never throws. */
export function resolveSettings(raw: unknown): DtabSettings {
  const r = isRecord(raw) ? raw : {};
  const trace = isRecord(r.trace) ? r.trace : {};
  const diagnostics = isRecord(r.diagnostics) ? r.diagnostics : {};
  const config = isRecord(r.config) ? r.config : {};
  const debounce = diagnostics.debounceMs;
  return {
    trace: {
      server: TRACE_LEVELS.includes(trace.server as TraceLevel) ? (trace.server as TraceLevel) : DEFAULT_SETTINGS.trace.server,
    },
    diagnostics: {
      debounceMs: isNonNegativeNumber(debounce) ? Math.min(debounce, 10_000) : DEFAULT_SETTINGS.diagnostics.debounceMs,
    },
    configFiles:
      Array.isArray(r.configFiles) && r.configFiles.every((g) => typeof g === 'string')
        ? (r.configFiles as string[])
        : DEFAULT_SETTINGS.configFiles,
    config: { extraKinds: extraKindsOf(config.extraKinds) },
  };
}

function extraKindsOf(v: unknown): DtabSettings['config']['extraKinds'] {
  const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((k) => typeof k === 'string');
  if (isStrings(v)) return v;
  if (isRecord(v) && Object.values(v).every(isStrings)) return v as Record<string, string[]>;
  return DEFAULT_SETTINGS.config.extraKinds;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNonNegativeNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}
