// Entry point of the config checks: `analyzeConfig(text)` reads a linkerd.yaml or namerd.yaml (YAML or JSON),
// validates it against the model, checks the cross-section rules and every embedded dtab, and returns diagnostics
// in YAML offsets plus the embedded dtabs for the language server's dtab features. Pure; never throws on input.

import type { Diagnostic } from '../diagnostic.js';
import type { Path, Span } from '../dtab/ast.js';
import { mentionsNamerdInterpreter, namerdFactsOf, namerdInterpreters, type InterpreterFact, type NamerdFacts } from './cross-file.js';
import { checkDstPrefixCoverage, collectNamers, linkerdCrossChecks, namerdCrossChecks, usesRemoteNamers } from './cross-checks.js';
import { checkEmbeddedInto, embedDtab, namerContextKey, type EmbeddedDtab } from './embedded.js';
import { detectFlavour, type Flavour } from './flavour.js';
import { topShape, type Product } from './model.js';
import { validateConfig, type DtabSite } from './validate.js';
import { deref, getString, getValue, isMap, parseConfigText, scalarString, seqItems, spanOf, type Document, type YMap } from './yaml-doc.js';

export { detectFlavour, type Flavour } from './flavour.js';

export interface AnalyzeOptions {
  readonly fileName?: string;
  /** dtab.config.extraKinds: plugin kinds by block (`namers`, `identifier`, `responseClassifier`, ...). */
  readonly extraKinds?: Readonly<Record<string, readonly string[]>>;
}

export interface ConfiguredNamerKind {
  readonly kind: string;
  /** Effective prefix, starting with `#`. */
  readonly prefix: Path;
}

export interface ConfigAnalysis {
  readonly flavour: Flavour;
  readonly isJson: boolean;
  readonly diagnostics: Diagnostic[];
  readonly embeddedDtabs: EmbeddedDtab[];
  /** Effective `/#/...` prefixes of the configured namers. */
  readonly namerPrefixes: Path[];
  /** The configured namers in config order: each one's kind with its effective prefix. */
  readonly namers: ConfiguredNamerKind[];
  /**
   * Dtab files named by `io.l5d.fs` interpreters (`dtabFile`). Reading them is I/O, so the caller does it and checks
   * their text with these namer prefixes (spec §8.3 rule 1).
   */
  readonly dtabFiles: DtabFileRef[];
  /**
   * The routers whose interpreter asks namerd (io.l5d.namerd, io.l5d.namerd.http, io.l5d.mesh), read off the tree
   * for the cross-file rule (spec §8.3 rule 12), which the caller applies against the namerd configs it knows. Empty
   * for namerd configs, configs with YAML errors, and texts that do not name such an interpreter.
   */
  readonly interpreters: InterpreterFact[];
  /**
   * For a namerd config, what the cross-file rule needs to know about it, read off the tree this analysis has (`uri`
   * and `name` say which file it is and how messages name it); 'unreadable' when its YAML has errors; undefined for
   * other configs. The same answer as `extractNamerdFacts` on the text, without a second parse.
   */
  namerdFacts(uri: string, name: string): NamerdFacts | 'unreadable' | undefined;
}

export interface DtabFileRef {
  /** The router's label. */
  readonly router: string;
  /** The path as written (relative paths are relative to linkerd's working directory, not to the config). */
  readonly path: string;
  /** The `dtabFile` value in the config. */
  readonly span: Span;
  readonly knownNamerPrefixes: Path[];
}

export function analyzeConfig(text: string, opts: AnalyzeOptions = {}): ConfigAnalysis {
  const parsed = parseConfigText(text);
  const { root, doc } = parsed;
  const flavour = detectFlavour(root, opts.fileName);
  const diagnostics = parsed.diagnostics.slice();
  // Read now (a small walk, namerd configs only), so that the analysis does not keep the YAML tree alive for it.
  const facts = flavour !== 'namerd' ? undefined : parsed.diagnostics.length > 0 || !isMap(root) ? 'unreadable' : namerdFactsOf(root, doc, '', '');
  const namerdFacts = (uri: string, name: string): NamerdFacts | 'unreadable' | undefined =>
    typeof facts === 'object' ? { ...facts, uri, name } : facts;
  // After a syntax error the tree is a guess: checking it would only add noise.
  if (flavour === 'unknown' || root === null || parsed.diagnostics.length > 0) {
    return { flavour, isJson: parsed.isJson, diagnostics, embeddedDtabs: [], namerPrefixes: [], namers: [], dtabFiles: [], interpreters: [], namerdFacts };
  }
  const product: Product = flavour;
  const walked = validateConfig(root, { t: 'shape', shape: topShape(product) }, { product }, { text, doc, extraKinds: opts.extraKinds });
  // Appended one by one: a spread of a huge array overflows the stack.
  for (const d of walked.diagnostics) diagnostics.push(d);
  const namers = collectNamers(root, product, doc);
  if (product === 'linkerd') linkerdCrossChecks(root, doc, namers, diagnostics);
  else namerdCrossChecks(root, doc, namers, diagnostics);

  const embeddedDtabs: EmbeddedDtab[] = [];
  const routerBySite = routerDtabOwners(root, doc);
  // Routers whose names namerd resolves get no namer-reference check (spec §8.3 rule 1); the others share one context.
  const namerPrefixes = namers.map((n) => n.prefix);
  const localKey = namerContextKey(namerPrefixes);
  for (const site of walked.dtabSites) {
    const e = embedDtab(text, site);
    embeddedDtabs.push(e);
    const router = routerBySite.get(site.node);
    if (router && usesRemoteNamers(router)) checkEmbeddedInto(e, undefined, namerContextKey(undefined), diagnostics);
    else checkEmbeddedInto(e, namerPrefixes, localKey, diagnostics);
    if (router) checkDstPrefixCoverage(router, e.document, e.valueSpan, diagnostics);
  }
  if (!sortedBySpan(diagnostics)) diagnostics.sort(bySpan);
  // The same text test as the rule's own extraction (extractInterpreterFacts), so both find the same interpreters.
  const interpreters = product === 'linkerd' && mentionsNamerdInterpreter(text) ? namerdInterpreters(root, doc) : [];
  return {
    flavour,
    isJson: parsed.isJson,
    diagnostics,
    embeddedDtabs,
    namerPrefixes,
    namers: namers.map(({ kind, prefix }) => ({ kind, prefix })),
    dtabFiles: product === 'linkerd' ? dtabFilesOf(root, doc, namerPrefixes) : [],
    interpreters,
    namerdFacts,
  };
}

function dtabFilesOf(root: unknown, doc: Document.Parsed | undefined, namerPrefixes: Path[]): DtabFileRef[] {
  const out: DtabFileRef[] = [];
  for (const r of seqItems(deref(getValue(root, 'routers'), doc))) {
    const router = deref(r, doc);
    const interp = deref(getValue(router, 'interpreter'), doc);
    if (getString(interp, 'kind') !== 'io.l5d.fs') continue;
    const fileNode = getValue(interp, 'dtabFile');
    const path = scalarString(fileNode);
    if (path === undefined) continue;
    out.push({ router: getString(router, 'label') ?? getString(router, 'protocol') ?? '', path, span: spanOf(fileNode), knownNamerPrefixes: namerPrefixes });
  }
  return out;
}

const bySpan = (a: Diagnostic, b: Diagnostic): number => a.span.start - b.span.start || a.span.end - b.span.end;

/** Already in order (the sort is stable, so sorting would change nothing). */
function sortedBySpan(ds: readonly Diagnostic[]): boolean {
  for (let i = 1; i < ds.length; i++) if (bySpan(ds[i - 1]!, ds[i]!) > 0) return false;
  return true;
}

function routerDtabOwners(root: unknown, doc: Document.Parsed | undefined): Map<DtabSite['node'], YMap> {
  const m = new Map<DtabSite['node'], YMap>();
  for (const r of seqItems(deref(getValue(root, 'routers'), doc))) {
    const router = deref(r, doc);
    if (!isMap(router)) continue;
    const dtab = deref(getValue(router, 'dtab'), doc);
    if (dtab && typeof dtab === 'object') m.set(dtab as DtabSite['node'], router);
  }
  return m;
}

