// Dtabs embedded in a config (router `dtab:`, namerd `io.l5d.inMemory` namespaces): decoded from their YAML scalar
// with an offset map, parsed and checked by the dtab engine, and every engine diagnostic moved to YAML offsets.

import type { Diagnostic, Fix, TextEdit } from '../diagnostic.js';
import type { DtabDocument, Path, Span } from '../dtab/ast.js';
import { createDtabChecker } from '../dtab/checks.js';
import { FNV_OFFSET, fnvStep } from '../dtab/fnv.js';
import { detachedSlice, parseDtab } from '../dtab/parse.js';
import { Lru } from './lru.js';
import { scalarOffsetMap, type OffsetMap, type ScalarStyle } from './scalar-map.js';
import type { DtabSite, EmbeddedDtabKind } from './validate.js';

export interface EmbeddedDtab {
  /** The YAML scalar holding the dtab (for block scalars this includes the `|` header). */
  readonly valueSpan: Span;
  /** The decoded dtab text. */
  readonly text: string;
  /** Maps an offset in `text` to an offset in the YAML text. */
  toYamlOffset(dtabOffset: number): number;
  /** Maps a YAML offset inside the scalar back to the dtab offset, or -1 when it is not inside the dtab's text. */
  fromYamlOffset(yamlOffset: number): number;
  readonly kind: EmbeddedDtabKind;
  /** Router label, namespace name. */
  readonly name: string;
  /** The parsed dtab, so features need not parse again. */
  readonly document: DtabDocument;
  /** The scalar style, which decides how edits must be encoded. */
  readonly style: ScalarStyle;
  /** False when the offset map is approximate (our decoding disagreed with the YAML parser). */
  readonly exact: boolean;
}

// A cache, so that re-checking a config after an edit re-decodes and re-parses only the dtabs that changed (an
// editor re-checks on every keystroke, and most routers' dtabs are untouched). A bounded LRU by dtab text: keyed by
// a hash of the text's length and a sample of its chars (textKey), the texts themselves compared within a key.
// Hashing whole texts as Map keys cost as much as decoding them (8 KB each in the bench config), and a cold check
// only misses; comparing equal texts is a memory compare, and different ones of one length differ early, mostly.
interface CachedDtab {
  /** The dtab text. */
  readonly text: string;
  readonly key: number;
  /** What this entry counts toward the cache's bound: its text and its decodes' sources, in chars. */
  size: number;
  readonly document: DtabDocument;
  /** Engine diagnostics in dtab offsets, by the namer-prefix context they were checked with. */
  readonly checks: Map<string, Diagnostic[]>;
  /**
   * Offset maps of the scalars this dtab was read from, most recent first. A map depends on the scalar's source
   * (indentation, style), not only on the dtab text, and one source can give different texts (an indentation
   * indicator counts from the parent's indentation), so a map is looked up by dtab text, style and source together.
   * Sources are compared, never hashed: a cold check only builds maps.
   */
  readonly decodes: CachedDecode[];
}
/**
 * The offset map of one scalar: offsets relative to the scalar's start, so moving it is free. The decoded text
 * itself is the YAML parser's value; the map is built only when an offset is asked for.
 */
interface CachedDecode {
  readonly style: ScalarStyle;
  /** The scalar's YAML source: an own copy, so that the cache does not keep whole config texts alive. */
  readonly source: string;
  /** Offsets relative to the scalar's start, as runs (about one per line of a block scalar). */
  readonly relOffsets: OffsetMap;
  readonly exact: boolean;
}
/** Scalars remembered per dtab text (the same dtab written at several places or indentations). */
const MAX_DECODES = 4;
const dtabCache = new Lru<number, CachedDtab[]>(2048, 16_000_000);
/** Texts kept per key (texts of one length that agree at every sampled char), the least recently used dropped. */
const MAX_PER_KEY = 4;
/** The cache entry each embedded dtab was made from, so that checking it needs no second lookup. */
const entryOf = new WeakMap<EmbeddedDtab, CachedDtab>();
/** The dtab engine's memo of per-dentry checks, shared by every embedded dtab: an edited dtab re-checks only its changed dentries. */
let dtabChecker = createDtabChecker();
/**
 * The dtab last checked at each site (kind and name: a router label, a namespace). A site whose dtab changed is
 * being edited, and only its dentries are worth remembering in the checker's memo; a config read cold remembers
 * nothing (see CheckOptions.memoise). Weak: a dtab dropped from the cache is not kept alive for this.
 */
let lastChecked = new Map<string, WeakRef<CachedDtab>>();
const MAX_SITES = 4096;

function cachedDtab(text: string): CachedDtab {
  const key = textKey(text);
  const bucket = dtabCache.get(key);
  if (bucket) {
    for (let i = 0; i < bucket.length; i++) {
      const hit = bucket[i]!;
      if (hit.text !== text) continue;
      // Most recently used last.
      if (i < bucket.length - 1) bucket.push(bucket.splice(i, 1)[0]!);
      return hit;
    }
  }
  const entry: CachedDtab = { text, key, size: text.length, document: safeParse(text), checks: new Map(), decodes: [] };
  if (!bucket) dtabCache.set(key, [entry], entry.size);
  else {
    const dropped = bucket.push(entry) > MAX_PER_KEY ? bucket.shift()! : undefined;
    dtabCache.grow(key, entry.size - (dropped?.size ?? 0));
  }
  return entry;
}

/** Chars sampled at each end of a long text, and between them. */
const KEY_ENDS = 64;
const KEY_MIDDLE = 128;

/** The cache key of a dtab text: FNV-1a over its length and its chars, at most 2 * KEY_ENDS + KEY_MIDDLE of them. */
export function textKey(text: string): number {
  const n = text.length;
  let h = fnvStep(FNV_OFFSET, n);
  if (n <= 2 * KEY_ENDS + KEY_MIDDLE) {
    for (let i = 0; i < n; i++) h = fnvStep(h, text.charCodeAt(i));
    return h;
  }
  for (let i = 0; i < KEY_ENDS; i++) h = fnvStep(h, text.charCodeAt(i));
  const step = (n - 2 * KEY_ENDS) / KEY_MIDDLE;
  for (let k = 0; k < KEY_MIDDLE; k++) h = fnvStep(h, text.charCodeAt(KEY_ENDS + Math.floor(k * step)));
  for (let i = n - KEY_ENDS; i < n; i++) h = fnvStep(h, text.charCodeAt(i));
  return h;
}

/** The engine must not throw, but a bug there must not take the whole config check down with it. */
function safeParse(text: string): DtabDocument {
  try {
    // Checked right after (analyzeConfig checks each dtab as it embeds it): values in the same pass.
    return parseDtab(text, { values: true });
  } catch (e) {
    return { text, dentries: [], comments: [], errors: [{ code: INTERNAL_ERROR, span: { start: 0, end: text.length }, message: internalMessage('parser', e) }] };
  }
}

const INTERNAL_ERROR = 'config/internal-error';
function internalMessage(what: string, e: unknown): string {
  return `The dtab ${what} failed on this dtab (${e instanceof Error ? e.message : String(e)}); it could not be checked. Please report this.`;
}

function cachedDecode(entry: CachedDtab, yamlText: string, start: number, end: number, style: ScalarStyle, value: string): CachedDecode {
  const source = yamlText.slice(start, end);
  for (const d of entry.decodes) if (d.style === style && d.source === source) return d;
  const { map, exact } = scalarOffsetMap(yamlText, start, end, style, value, start);
  const hit: CachedDecode = { style, source: detachedSlice(yamlText, start, end), relOffsets: map, exact };
  const dropped = entry.decodes.unshift(hit) > MAX_DECODES ? entry.decodes.pop()! : undefined;
  const delta = source.length - (dropped?.source.length ?? 0);
  entry.size += delta;
  // Counted only while the entry is cached (it may have been dropped since the dtab was embedded).
  if (dtabCache.peek(entry.key)?.includes(entry)) dtabCache.grow(entry.key, delta);
  return hit;
}

/** Forget every cached dtab (benchmarks measure the cold path with this). */
export function clearDtabCache(): void {
  dtabCache.clear();
  dtabChecker = createDtabChecker();
  lastChecked = new Map();
}

export function embedDtab(yamlText: string, site: DtabSite): EmbeddedDtab {
  const [start, end] = site.node.range ?? [0, 0, 0];
  const style = (site.node.type ?? 'PLAIN') as ScalarStyle;
  // The parser's value is the decoded text (decodeScalar returns it verbatim, exact or not).
  const text = String(site.node.value);
  const valueSpan = { start, end };
  const entry = cachedDtab(text);
  // A clean dtab needs no offset map: decode the scalar only when some offset is mapped.
  let decoded: CachedDecode | undefined;
  const map = (): CachedDecode => (decoded ??= cachedDecode(entry, yamlText, start, end, style, text));
  const embedded: EmbeddedDtab = {
    valueSpan,
    text,
    kind: site.kind,
    name: site.name,
    style,
    get exact(): boolean {
      return map().exact;
    },
    document: entry.document,
    toYamlOffset(o: number): number {
      return start + map().relOffsets.at(Math.max(0, Math.min(o, text.length)));
    },
    fromYamlOffset(y: number): number {
      const { relOffsets } = map();
      const hit = relOffsets.indexOf(y - start);
      if (hit >= 0) return hit;
      // Between two mapped chars (e.g. indentation of a block scalar): the next decoded char.
      if (y < start || y > end) return -1;
      return relOffsets.firstAtOrAfter(y - start);
    },
  };
  entryOf.set(embedded, entry);
  return embedded;
}

/** A dtab span in YAML offsets: the start char's offset to just past the last char's offset. */
export function mapSpan(e: EmbeddedDtab, s: Span): Span {
  const start = e.toYamlOffset(s.start);
  const end = s.end > s.start ? e.toYamlOffset(s.end - 1) + 1 : start;
  return { start, end: Math.max(start, end) };
}

/** An edit can be carried over only when its span is contiguous in the YAML and its text needs no re-encoding. */
function mapEdit(e: EmbeddedDtab, edit: TextEdit): TextEdit | undefined {
  if (!e.exact) return undefined;
  const { start, end } = edit.span;
  const ys = e.toYamlOffset(start);
  const ye = end > start ? e.toYamlOffset(end - 1) + 1 : ys;
  if (ye - ys !== end - start) return undefined; // a folded line break or escape sits inside the span
  const t = edit.newText;
  if (t.includes('\n')) return undefined;
  if (e.style === 'QUOTE_DOUBLE' && /["\\]/.test(t)) return undefined;
  if (e.style === 'QUOTE_SINGLE' && t.includes("'")) return undefined;
  if (e.style === 'PLAIN' && /(: |\s#)/.test(t)) return undefined;
  return { span: { start: ys, end: ye }, newText: t };
}

export function mapDiagnostic(e: EmbeddedDtab, d: Diagnostic): Diagnostic {
  // One copy in the diagnostic's own key order, the span mapped in its place (an object rest followed by a spread
  // copied it twice, the first time through the runtime); related and fixes, when kept, come last as before.
  const mapped: Record<string, unknown> = {};
  for (const k in d) if (k !== 'related' && k !== 'fixes') mapped[k] = k === 'span' ? mapSpan(e, d.span) : d[k as keyof Diagnostic];
  const { related, fixes } = d;
  if (related?.length) mapped.related = related.map((r) => ({ ...r, span: mapSpan(e, r.span) }));
  if (fixes?.length) {
    const kept: Fix[] = [];
    for (const f of fixes) {
      const edits = f.edits.map((x) => mapEdit(e, x));
      if (edits.every((x): x is TextEdit => x !== undefined)) kept.push({ ...f, edits });
    }
    if (kept.length) mapped.fixes = kept;
  }
  return mapped as unknown as Diagnostic;
}

/** The cache key of a namer-prefix context (checks of one dtab differ by it). */
export function namerContextKey(knownNamerPrefixes: readonly Path[] | undefined): string {
  return knownNamerPrefixes ? JSON.stringify(knownNamerPrefixes) : '';
}

/**
 * Run the dtab checks on one embedded dtab and append its diagnostics, in YAML offsets, to `out`.
 * `knownNamerPrefixes` undefined means "namers resolved elsewhere"; `key` is its `namerContextKey`.
 */
export function checkEmbeddedInto(e: EmbeddedDtab, knownNamerPrefixes: readonly Path[] | undefined, key: string, out: Diagnostic[]): void {
  const entry = entryOf.get(e) ?? cachedDtab(e.text);
  let diags = entry.checks.get(key);
  if (!diags) {
    const parseFailure = entry.document.errors.find((x) => x.code === INTERNAL_ERROR);
    if (parseFailure) diags = [{ code: INTERNAL_ERROR, severity: 'warning', span: parseFailure.span, message: parseFailure.message }];
    else {
      const site = `${e.kind}\u0000${e.name}`;
      const before = lastChecked.get(site);
      const memoise = before !== undefined && before.deref() !== entry;
      if (lastChecked.size >= MAX_SITES && before === undefined) lastChecked.clear();
      lastChecked.set(site, new WeakRef(entry));
      try {
        diags = dtabChecker.check(entry.document, knownNamerPrefixes ? { knownNamerPrefixes } : {}, { memoise });
      } catch (err) {
        diags = [{ code: INTERNAL_ERROR, severity: 'warning', span: { start: 0, end: e.text.length }, message: internalMessage('checks', err) }];
      }
    }
    entry.checks.set(key, diags);
  }
  for (const d of diags) out.push(mapDiagnostic(e, d));
}
