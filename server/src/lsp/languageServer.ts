// Registers every LSP feature on a connection. Handlers are thin: find the document's cached analysis, find the
// dtab region under the cursor, call the feature module, and survive anything (a failing handler logs and answers
// with an empty result instead of taking the server down).

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  FileChangeType,
  ResponseError,
  ErrorCodes,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../core/diagnostic.js';
import { NAMER_DOCS } from '../core/dtab/namers.js';
import { showDtab, showDentry } from '../core/dtab/show.js';
import { readPath } from '../core/dtab/parse.js';
import {
  CanonicalDtabRequest,
  DelegateRequest,
  EmbeddedPathAtRequest,
  ServerStatusNotification,
  type CanonicalDtabResult,
  type DelegateResult,
} from '../protocol/requests.js';
import { DEFAULT_SETTINGS, resolveSettings, SETTINGS_SECTION, type DtabSettings } from '../protocol/settings.js';
import { AnalysisCache, regionAt, type Analysis } from './analysis.js';
import { extractNamers } from './configHost.js';
import { CheckWorker, WORKER_THRESHOLD } from './checkWorker.js';
import { DiagnosticsScheduler } from './diagnosticsScheduler.js';
import { DTAB_LANGUAGE_ID, hostKindOf } from './hostKind.js';
import { codeActions, FIX_ALL_KIND } from './features/codeActions.js';
import { completion } from './features/completion.js';
import { formatEmbeddedDtabAction, FORMAT_EMBEDDED_KIND } from './features/embeddedFormat.js';
import { embeddedPathAt } from './features/embeddedPathAt.js';
import { configCompletionItems, configHoverAt } from './features/configAssist.js';
import { delegationJson, delegationMarkdown } from './features/delegation.js';
import { toLspDiagnostics } from './features/diagnostics.js';
import { formatDocument, formatRange } from './features/formatting.js';
import { localHover, regionDtab } from './features/hover.js';
import { inlayHints } from './features/inlayHints.js';
import { definitions } from './features/definition.js';
import { documentHighlights } from './features/documentHighlight.js';
import { foldingRanges } from './features/folding.js';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './features/semanticTokens.js';
import { references } from './features/references.js';
import { prepareRename, renameSegment } from './features/rename.js';
import { selectionRanges } from './features/selectionRanges.js';
import { documentSymbols } from './features/symbols.js';
import { describeError, Logger } from './logger.js';
import { type DtabRegion, hostRange } from './regions.js';
import { WorkspaceNamers } from './workspaceNamers.js';
import { NamerdWorkspace } from './namerdWorkspace.js';

/** Above this many dentries, full semantic tokens (megabytes of JSON) are refused in favour of range requests. */
export const MAX_FULL_SEMANTIC_TOKENS_DENTRIES = 20_000;

export interface LanguageServerOptions {
  /** Checks large `.dtab` files off the main thread; without it every check runs on the main thread. */
  readonly checkWorker?: CheckWorker;
}

export interface LanguageServerHandle {
  readonly documents: TextDocuments<TextDocument>;
}

export function startLanguageServer(connection: Connection, options: LanguageServerOptions = {}): LanguageServerHandle {
  const documents = new TextDocuments(TextDocument);
  let settings: DtabSettings = DEFAULT_SETTINGS;
  let pullConfiguration = false;
  let registerConfiguration = false;
  let registerFormatting = false;
  let workspaceFolders: string[] = [];
  const log = new Logger(connection.console, () => settings.trace.server);
  // The workspace's namerd configs, for the cross-file interpreter rule; disk files reach it through the namer scan.
  const namerd = new NamerdWorkspace(() => workspaceFolders);
  const namers = new WorkspaceNamers(extractNamers, (uri, text) => namerd.update(uri, text));
  const cache = new AnalysisCache({
    configGlobs: () => settings.configFiles,
    extraKinds: () => settings.config.extraKinds,
    knownNamerPrefixes: () => namers.knownPrefixes(),
    crossFileDiagnostics: (uri, interpreters) => namerd.diagnosticsFor(uri, interpreters),
  });

  const scheduler = new DiagnosticsScheduler({
    delayMs: () => settings.diagnostics.debounceMs,
    run: (job, isCurrent) => publishDiagnostics(job.uri, isCurrent),
    onError: (job, error) => log.error(`diagnostics of ${job.uri} failed: ${describeError(error)}`),
  });

  function publishDiagnostics(uri: string, isCurrent: () => boolean): void {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    if (options.checkWorker && isLargeDtab(document)) {
      options.checkWorker
        .check(uri, document.getText(), namers.knownPrefixes())
        .then((result) => {
          if (!result || !isCurrent()) return; // cancelled, or a newer version is on its way
          cache.offerDiagnostics(uri, version, result.diagnostics);
          publish(document, 'dtab', result.diagnostics, result.durationMs);
        })
        .catch((error: unknown) => {
          log.warn(`check worker: ${describeError(error)}; checking on the main thread`);
          if (isCurrent()) publishLocally(document, isCurrent);
        });
      return;
    }
    publishLocally(document, isCurrent);
  }

  function publishLocally(document: TextDocument, isCurrent: () => boolean): void {
    const started = performance.now();
    const analysis = cache.get(document);
    noteNamers(analysis);
    const found = analysis.diagnostics();
    const durationMs = performance.now() - started;
    if (!isCurrent()) return; // a newer version arrived while we worked; its own run will publish
    publish(document, analysis.kind, found, durationMs);
  }

  function publish(document: TextDocument, kind: Analysis['kind'], found: readonly Diagnostic[], durationMs: number): void {
    const { uri, version } = document;
    void connection.sendDiagnostics({ uri, version, diagnostics: toLspDiagnostics(document, found, undefined, (u) => namerd.document(u)) });
    const errors = found.filter((d) => d.severity === 'error').length;
    const warnings = found.filter((d) => d.severity === 'warning').length;
    void connection.sendNotification(ServerStatusNotification, { uri, version, kind, durationMs, errors, warnings });
    log.verbose(() => `diagnostics ${uri} v${version}: ${found.length} in ${durationMs.toFixed(1)} ms`);
  }

  function isLargeDtab(document: TextDocument): boolean {
    if (document.getText().length < WORKER_THRESHOLD) return false;
    return hostKindOf(document.languageId, document.uri, '', []) === 'dtab';
  }

  /** An open config's namers feed completion and the unknown-namer check of every dtab; a namerd config's facts the cross-file rule. */
  function noteNamers(analysis: Analysis): void {
    if (analysis.kind !== 'config' || !analysis.config) return;
    const namerdChanged = namerd.update(analysis.document.uri, analysis.document.getText(), analysis.config.namerdFacts);
    if (namers.set(analysis.document.uri, analysis.config.namers)) namersChanged();
    else if (namerdChanged) namerdConfigChanged(analysis.document.uri);
  }

  /** Typing in a namerd config re-checks only the linkerd configs that use a namerd interpreter. */
  function namerdConfigChanged(changed: string): void {
    for (const d of documents.all()) {
      if (d.uri === changed || !namerd.affects(d.getText())) continue;
      cache.delete(d.uri);
      scheduler.schedule(d.uri, d.version);
    }
  }

  function namersChanged(): void {
    cache.invalidateAll();
    for (const d of documents.all()) scheduler.schedule(d.uri, d.version);
  }

  /** Runs a handler; on failure logs and returns `fallback`, so one bad request never kills the server. */
  function guard<T>(name: string, fallback: T, fn: () => T): T {
    const started = performance.now();
    try {
      const result = fn();
      log.verbose(() => `${name} in ${(performance.now() - started).toFixed(1)} ms`);
      return result;
    } catch (error) {
      log.error(`${name} failed: ${describeError(error)}`);
      return fallback;
    }
  }

  /** The analysis and the dtab region at a position, for the features that work inside dtabs. */
  function at(uri: unknown, position: unknown): { document: TextDocument; analysis: Analysis; region: DtabRegion; offset: number; hostOffset: number } | undefined {
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!document || !isPosition(position)) return undefined;
    const analysis = cache.get(document);
    const hostOffset = document.offsetAt(position);
    const found = regionAt(analysis, hostOffset);
    return found ? { document, analysis, hostOffset, ...found } : undefined;
  }

  /** A `.dtab` document whose cached parse is older than its text (the user is typing), with that parse. */
  function staleDtabAnalysis(uri: unknown): { document: TextDocument; analysis: Analysis } | undefined {
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    const last = document ? cache.peek(document.uri) : undefined;
    if (!document || !last || last.analysis.kind !== 'dtab' || last.version === document.version) return undefined;
    return { document, analysis: last.analysis };
  }

  function analysisOf(uri: unknown): Analysis | undefined {
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    return document ? cache.get(document) : undefined;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pullConfiguration = caps.workspace?.configuration === true;
    registerConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    // Formatting is offered for `.dtab` files only: registered statically it would also claim YAML, and the editor
    // would ask users to pick between us and their YAML formatter.
    registerFormatting =
      caps.textDocument?.formatting?.dynamicRegistration === true &&
      caps.textDocument?.rangeFormatting?.dynamicRegistration === true;
    const initial = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    if (initial !== undefined) settings = resolveSettings(initial);
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['/', '.'], resolveProvider: false },
        hoverProvider: true,
        documentFormattingProvider: !registerFormatting,
        documentRangeFormattingProvider: !registerFormatting,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, FORMAT_EMBEDDED_KIND] },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
        inlayHintProvider: true,
      },
      serverInfo: { name: 'linkerd-dtab-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration && registerConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    }
    if (registerFormatting) {
      const documentSelector = [{ language: DTAB_LANGUAGE_ID }];
      void connection.client.register(DocumentFormattingRequest.type, { documentSelector }).catch(() => undefined);
      void connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector }).catch(() => undefined);
    }
    void (async () => {
      await refreshSettings();
      const found = await namers.scan(workspaceFolders, settings.configFiles, (uri) => documents.get(uri) !== undefined);
      log.info(`workspace scan: ${found} linkerd/namerd config file(s)`);
      if (namers.configured || namerd.size > 0) namersChanged();
    })().catch((error: unknown) => log.error(`start-up failed: ${describeError(error)}`));
  });

  async function refreshSettings(pushed?: unknown): Promise<void> {
    let raw: unknown = pushed;
    if (pullConfiguration) {
      try {
        raw = await connection.workspace.getConfiguration(SETTINGS_SECTION);
      } catch (error) {
        log.warn(`could not read the dtab settings: ${describeError(error)}`);
      }
    }
    if (raw === undefined) return;
    const next = resolveSettings(raw);
    if (JSON.stringify(next) === JSON.stringify(settings)) return; // nothing changed: keep every analysis
    settings = next;
    cache.invalidateAll();
    for (const d of documents.all()) scheduler.schedule(d.uri, d.version, true);
  }

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    void refreshSettings(pushed);
  });

  connection.onDidChangeWatchedFiles((change) => {
    void (async () => {
      let changed = false;
      for (const event of change.changes) {
        if (documents.get(event.uri) || !/\.ya?ml$/i.test(event.uri)) continue; // the open text wins; only configs matter
        if (event.type === FileChangeType.Deleted) changed = namers.delete(event.uri) || changed;
        else changed = (await namers.refreshFile(event.uri, settings.configFiles)) || changed;
      }
      if (changed) namersChanged();
    })().catch((error: unknown) => log.error(`watched files: ${describeError(error)}`));
  });

  documents.onDidOpen((e) => scheduler.schedule(e.document.uri, e.document.version, true));
  documents.onDidChangeContent((e) => {
    options.checkWorker?.cancel(e.document.uri); // a check of an older version is wasted work now
    scheduler.schedule(e.document.uri, e.document.version);
  });
  documents.onDidClose((e) => {
    options.checkWorker?.cancel(e.document.uri);
    scheduler.cancel(e.document.uri);
    cache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    // A closed namerd config counts as it is on disk again (its unsaved text no longer does).
    if (namerd.has(e.document.uri)) {
      void namers
        .refreshFile(e.document.uri, settings.configFiles)
        .then((changed) => changed && namersChanged())
        .catch((error: unknown) => log.error(`closed ${e.document.uri}: ${describeError(error)}`));
    }
  });

  connection.onCompletion((params) =>
    guard('completion', null, () => {
      const sources = { namers: namers.all(), namersConfigured: namers.configured, dollarNamers: NAMER_DOCS };
      const stale = staleDtabAnalysis(params.textDocument?.uri);
      if (stale && isPosition(params.position)) {
        const offset = stale.document.offsetAt(params.position);
        return completion(stale.document, stale.analysis.regions[0]!, offset, sources, stale.document.getText());
      }
      const ctx = at(params.textDocument?.uri, params.position);
      if (!ctx) {
        const analysis = analysisOf(params.textDocument?.uri);
        if (analysis?.kind !== 'config' || !isPosition(params.position)) return null;
        return { isIncomplete: false, items: configCompletionItems(analysis.document, analysis.document.offsetAt(params.position)) };
      }
      return completion(ctx.document, ctx.region, ctx.offset, sources);
    }),
  );

  connection.onHover((params) =>
    guard('hover', null, () => {
      const ctx = at(params.textDocument?.uri, params.position);
      if (!ctx) {
        const analysis = analysisOf(params.textDocument?.uri);
        if (analysis?.kind !== 'config' || !isPosition(params.position)) return null;
        return configHoverAt(analysis.document, analysis.document.offsetAt(params.position)) ?? null;
      }
      const hover = localHover(ctx.document, ctx.region, ctx.offset, { namers: namers.all(), namersConfigured: namers.configured });
      if (!hover) return null;
      return { range: hover.range, contents: { kind: 'markdown' as const, value: hover.sections.join('\n\n---\n\n') } };
    }),
  );

  connection.onDocumentFormatting((params) =>
    guard('formatting', [], () => {
      const analysis = analysisOf(params.textDocument?.uri);
      if (analysis?.kind !== 'dtab') return [];
      return formatDocument(analysis.document, analysis.regions[0]!.parsed);
    }),
  );

  connection.onDocumentRangeFormatting((params) =>
    guard('rangeFormatting', [], () => {
      const analysis = analysisOf(params.textDocument?.uri);
      if (analysis?.kind !== 'dtab' || !isRange(params.range)) return [];
      return formatRange(analysis.document, analysis.regions[0]!.parsed, params.range);
    }),
  );

  connection.onDocumentSymbol((params) =>
    guard('documentSymbol', [], () => {
      const analysis = analysisOf(params.textDocument?.uri);
      if (analysis?.kind !== 'dtab') return [];
      return documentSymbols(analysis.document, analysis.regions[0]!);
    }),
  );

  connection.onFoldingRanges((params) =>
    guard('foldingRanges', [], () => {
      const analysis = analysisOf(params.textDocument?.uri);
      if (!analysis) return [];
      return analysis.regions.flatMap((r) => foldingRanges(analysis.document, r));
    }),
  );

  connection.onSelectionRanges((params) =>
    guard('selectionRanges', [], () => {
      const analysis = analysisOf(params.textDocument?.uri);
      if (!analysis || !Array.isArray(params.positions) || !params.positions.every(isPosition)) return [];
      return params.positions.map((p) => {
        const found = regionAt(analysis, analysis.document.offsetAt(p));
        return found ? selectionRanges(analysis.document, found.region, [p])[0]! : { range: { start: p, end: p } };
      });
    }),
  );

  connection.onDefinition((params) =>
    guard('definition', [], () => {
      const ctx = at(params.textDocument?.uri, params.position);
      return ctx ? definitions(ctx.document, ctx.region, ctx.offset) : [];
    }),
  );

  connection.onReferences((params) =>
    guard('references', [], () => {
      const ctx = at(params.textDocument?.uri, params.position);
      return ctx ? references(ctx.document, ctx.region, ctx.offset, params.context?.includeDeclaration === true) : [];
    }),
  );

  connection.onDocumentHighlight((params) =>
    guard('documentHighlight', [], () => {
      const ctx = at(params.textDocument?.uri, params.position);
      return ctx ? documentHighlights(ctx.document, ctx.region, ctx.offset) : [];
    }),
  );

  connection.onPrepareRename((params) =>
    guard('prepareRename', null, () => {
      const ctx = at(params.textDocument?.uri, params.position);
      return (ctx && prepareRename(ctx.document, ctx.region, ctx.offset)) ?? null;
    }),
  );

  connection.onRenameRequest((params) => {
    const result = guard('rename', undefined, () => {
      const ctx = at(params.textDocument?.uri, params.position);
      if (!ctx || typeof params.newName !== 'string') return undefined;
      return { uri: ctx.document.uri, outcome: renameSegment(ctx.document, ctx.region, ctx.offset, params.newName) };
    });
    if (!result) return null;
    if (!result.outcome.ok) return new ResponseError(ErrorCodes.InvalidParams, result.outcome.message);
    return { changes: { [result.uri]: result.outcome.edits } };
  });

  connection.onCodeAction((params) =>
    guard('codeAction', [], () => {
      const analysis = analysisOf(params.textDocument?.uri);
      if (!analysis || !isRange(params.range)) return [];
      const only = params.context?.only;
      const actions = codeActions(analysis.document, analysis.diagnostics(), params.range, only);
      const inRegion = regionAt(analysis, analysis.document.offsetAt(params.range.start));
      if (inRegion && (!only || only.some((k) => FORMAT_EMBEDDED_KIND.startsWith(k)))) {
        const format = formatEmbeddedDtabAction(analysis.document, inRegion.region);
        if (format) actions.push(format);
      }
      return actions;
    }),
  );

  connection.languages.semanticTokens.on((params) =>
    guard('semanticTokens', { data: [] }, () => {
      const analysis = analysisOf(params.textDocument?.uri);
      if (!analysis) return { data: [] };
      // A huge file gets no full tokens: the editor then asks for the visible range only (and TextMate colours it).
      const dentries = analysis.regions.reduce((n, r) => n + r.parsed.dentries.length, 0);
      if (dentries > MAX_FULL_SEMANTIC_TOKENS_DENTRIES) return null as unknown as { data: number[] };
      return semanticTokens(analysis.document, analysis.regions);
    }),
  );

  connection.languages.semanticTokens.onRange((params) =>
    guard('semanticTokensRange', { data: [] }, () => {
      const analysis = analysisOf(params.textDocument?.uri);
      if (!analysis || !isRange(params.range)) return { data: [] };
      const doc = analysis.document;
      return semanticTokens(doc, analysis.regions, { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) });
    }),
  );

  connection.languages.inlayHint.on((params) =>
    guard('inlayHint', [], () => {
      const analysis = analysisOf(params.textDocument?.uri);
      if (!analysis || !isRange(params.range)) return [];
      const doc = analysis.document;
      return inlayHints(doc, analysis.regions, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end));
    }),
  );

  connection.onRequest(DelegateRequest, (params) =>
    guard<DelegateResult>('dtab/delegate', { ok: false, message: 'Internal error while delegating; see the server log.' }, () => {
      const found = regionFor(params.textDocument?.uri, params.position);
      if (!found.ok) return found;
      const path = readPath(typeof params.path === 'string' ? params.path : '');
      if (!path.ok) return { ok: false, message: `Invalid path: ${path.message}` };
      const dtab = regionDtab(found.region);
      return {
        ok: true,
        json: delegationJson(dtab, path.value),
        markdown: delegationMarkdown(dtab, path.value, namers.all(), namers.configured),
        dtab: showDtab(dtab),
      };
    }),
  );

  connection.onRequest(CanonicalDtabRequest, (params) =>
    guard<CanonicalDtabResult>('dtab/canonicalDtab', { ok: false, message: 'Internal error; see the server log.' }, () => {
      const found = regionFor(params.textDocument?.uri, params.position);
      if (!found.ok) return found;
      const { region, document } = found;
      const errors = region.parsed.errors;
      if (errors.length > 0) {
        const at = document.positionAt(region.toHost(errors[0]!.span.start));
        return { ok: false, message: `The dtab has ${errors.length} syntax error(s); the first, line ${at.line + 1}: ${errors[0]!.message}` };
      }
      const dtab = regionDtab(region);
      return {
        ok: true,
        canonical: showDtab(dtab),
        lines: dtab.map((d) => showDentry(d) + ';'),
        range: hostRange(document, region, { start: 0, end: region.parsed.text.length }),
      };
    }),
  );

  connection.onRequest(EmbeddedPathAtRequest, (params) =>
    guard('dtab/embeddedPathAt', null, () => {
      const analysis = analysisOf(params.textDocument?.uri);
      if (!analysis || !isPosition(params.position)) return null;
      return embeddedPathAt(analysis, analysis.document.offsetAt(params.position));
    }),
  );

  /** The dtab region a custom request is about: the whole `.dtab`, or the embedded dtab at `position`. */
  function regionFor(uri: unknown, position: unknown): { ok: true; region: DtabRegion; document: TextDocument } | { ok: false; message: string } {
    const analysis = analysisOf(uri);
    if (!analysis) return { ok: false, message: 'The document is not open in the language server.' };
    if (analysis.kind === 'dtab') return { ok: true, region: analysis.regions[0]!, document: analysis.document };
    if (analysis.regions.length === 0) return { ok: false, message: 'This document has no dtab.' };
    if (isPosition(position)) {
      const found = regionAt(analysis, analysis.document.offsetAt(position));
      if (found) return { ok: true, region: found.region, document: analysis.document };
    }
    if (analysis.regions.length === 1) return { ok: true, region: analysis.regions[0]!, document: analysis.document };
    return { ok: false, message: 'This config has several dtabs: put the cursor inside the one you mean.' };
  }

  connection.onShutdown(() => {
    scheduler.dispose();
    options.checkWorker?.dispose();
  });

  documents.listen(connection);
  connection.listen();
  return { documents };
}

function isPosition(p: unknown): p is { line: number; character: number } {
  if (typeof p !== 'object' || p === null) return false;
  const { line, character } = p as { line: unknown; character: unknown };
  return Number.isInteger(line) && Number.isInteger(character) && (line as number) >= 0 && (character as number) >= 0;
}

function isRange(r: unknown): r is { start: { line: number; character: number }; end: { line: number; character: number } } {
  if (typeof r !== 'object' || r === null) return false;
  const { start, end } = r as { start: unknown; end: unknown };
  return isPosition(start) && isPosition(end);
}
