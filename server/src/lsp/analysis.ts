// The per-document analysis cache: one parse per (URI, version), diagnostics computed on first use.
// Features ask the cache, never the parser, so a hover, a completion and the diagnostics of one version share
// one parse.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Fix, TextEdit } from '../core/diagnostic.js';
import type { Path, Span } from '../core/dtab/ast.js';
import { parseDtab } from '../core/dtab/parse.js';
import { createDtabChecker } from '../core/dtab/checks.js';
import { WORKER_THRESHOLD } from './checkWorker.js';
import { type HostKind, hostKindOf } from './hostKind.js';
import { type DtabRegion, wholeDocumentRegion } from './regions.js';
import { analyzeConfigHost, type ConfigHostAnalysis, type ExtraKinds } from './configHost.js';
import type { InterpreterFact } from '../core/config/cross-file.js';

export interface Analysis {
  readonly kind: HostKind;
  readonly document: TextDocument;
  /** The dtabs of the document: one for a `.dtab` file, one per embedded dtab in a config, none otherwise. */
  readonly regions: readonly DtabRegion[];
  /** For configs: the config module's view (completion and hover on YAML keys). */
  readonly config?: ConfigHostAnalysis;
  /** Every diagnostic of the document, spans in host offsets. Computed once per version. */
  diagnostics(): readonly Diagnostic[];
  /** Takes diagnostics computed elsewhere (the check worker) for this very version, instead of computing them. */
  adoptDiagnostics(diagnostics: readonly Diagnostic[]): void;
}

export interface AnalysisContext {
  readonly configGlobs: () => readonly string[];
  readonly extraKinds: () => ExtraKinds;
  /** Namer prefixes (`/#/io.l5d.k8s`, …) known from the workspace's configs; undefined when none is known. */
  readonly knownNamerPrefixes: () => readonly Path[] | undefined;
  /**
   * Findings about a config that depend on other workspace files (namerd configs, spec §8.3 rule 12), on the namerd
   * interpreters its analysis found (never called when there are none).
   */
  readonly crossFileDiagnostics?: (uri: string, interpreters: readonly InterpreterFact[]) => readonly Diagnostic[];
}

export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; generation: number; analysis: Analysis }>();
  private readonly offered = new Map<string, { version: number; generation: number; diagnostics: readonly Diagnostic[] }>();
  /** Bumped when something every analysis depends on changes (settings, workspace namers). */
  private generation = 0;

  constructor(private readonly context: AnalysisContext) {}

  get(document: TextDocument): Analysis {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.generation === this.generation) return cached.analysis;
    // A document seen before is being edited: its dentries are worth remembering for the next keystroke.
    const analysis = analyze(document, this.context, cached !== undefined);
    this.entries.set(document.uri, { version: document.version, generation: this.generation, analysis });
    const offered = this.offered.get(document.uri);
    if (offered && offered.version === document.version && offered.generation === this.generation) {
      analysis.adoptDiagnostics(offered.diagnostics);
    }
    this.offered.delete(document.uri);
    return analysis;
  }

  /**
   * The last analysis of `uri` and the version it was made for, whatever the document's version now (for features
   * that can use a slightly stale parse). Note that `analysis.document` is the live document, which the editor's
   * edits mutate in place: only the returned `version` says what was parsed.
   */
  peek(uri: string): { version: number; analysis: Analysis } | undefined {
    const e = this.entries.get(uri);
    return e && { version: e.version, analysis: e.analysis };
  }

  /**
   * Diagnostics of `version` computed elsewhere (the check worker): given to that version's analysis now or when it
   * is made, so code actions need not check the document again.
   */
  offerDiagnostics(uri: string, version: number, diagnostics: readonly Diagnostic[]): void {
    const cached = this.entries.get(uri);
    if (cached && cached.version === version && cached.generation === this.generation) cached.analysis.adoptDiagnostics(diagnostics);
    else this.offered.set(uri, { version, generation: this.generation, diagnostics });
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.offered.delete(uri);
  }

  invalidateAll(): void {
    this.generation++;
  }
}

/** Remembers each dentry's own checks between versions, so a keystroke re-checks only the dentry it changed. */
const dtabChecker = createDtabChecker();

export function analyze(document: TextDocument, context: AnalysisContext, edited = false): Analysis {
  const text = document.getText();
  const kind = hostKindOf(document.languageId, document.uri, text, context.configGlobs());
  if (kind === 'dtab') {
    // A first version is checked at once and in full: its values are best built by the parse (ParseOptions.values);
    // not for a file the check worker takes, whose values the main thread would only keep.
    const region = wholeDocumentRegion(parseDtab(text, { values: !edited && text.length < WORKER_THRESHOLD }));
    return withLazyDiagnostics({ kind, document, regions: [region] }, () => {
      const known = context.knownNamerPrefixes();
      return dtabChecker.check(region.parsed, known ? { knownNamerPrefixes: known } : {}, { memoise: edited });
    });
  }
  if (kind === 'config') {
    const config = analyzeConfigHost(text, fileNameOf(document.uri), context.extraKinds());
    return withLazyDiagnostics({ kind, document, regions: config.regions, config }, () => {
      const cross = config.interpreters.length === 0 ? [] : (context.crossFileDiagnostics?.(document.uri, config.interpreters) ?? []);
      if (cross.length === 0) return config.diagnostics();
      return [...config.diagnostics(), ...cross].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    });
  }
  return { kind, document, regions: [], diagnostics: () => [], adoptDiagnostics: () => undefined };
}

function withLazyDiagnostics(base: Omit<Analysis, 'diagnostics' | 'adoptDiagnostics'>, compute: () => readonly Diagnostic[]): Analysis {
  let memo: readonly Diagnostic[] | undefined;
  return {
    ...base,
    diagnostics() {
      memo ??= compute();
      return memo;
    },
    adoptDiagnostics(diagnostics) {
      memo ??= diagnostics;
    },
  };
}

/** The region containing a host offset, if any. */
export function regionAt(analysis: Analysis, hostOffset: number): { region: DtabRegion; offset: number } | undefined {
  for (const region of analysis.regions) {
    const offset = region.fromHost(hostOffset);
    if (offset !== undefined) return { region, offset };
  }
  return undefined;
}

/** Moves a diagnostic found in a region to host offsets (spans, related spans and fix edits). */
export function diagnosticToHost(d: Diagnostic, region: DtabRegion): Diagnostic {
  if (region.wholeDocument) return d;
  const span = (s: Span): Span => ({
    start: region.toHost(s.start),
    end: s.end > s.start ? region.toHost(s.end - 1) + 1 : region.toHost(s.start),
  });
  const edit = (e: TextEdit): TextEdit => ({ span: span(e.span), newText: e.newText });
  const fix = (f: Fix): Fix => ({ ...f, edits: f.edits.map(edit) });
  return {
    ...d,
    span: span(d.span),
    related: d.related?.map((r) => ({ ...r, span: span(r.span) })),
    fixes: d.fixes?.map(fix),
  };
}

function fileNameOf(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
