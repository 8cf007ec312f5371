// The schema walk: every mapping is checked against the model (unknown, legacy and duplicate keys, missing required
// fields, wrong types, unknown kinds, family mismatches, experimental flags), and every dtab-typed value is recorded
// for the embedded-dtab pass. Iterative (explicit work list): the depth of user data never grows the JS stack.

import type { Diagnostic, Fix } from '../diagnostic.js';
import type { Span } from '../dtab/ast.js';
import { legacyKey, LEGACY_KINDS, type LegacyKey } from './legacy.js';
import * as msg from './messages.js';
import {
  familyFor, isProtocol, modelContext, PROTOCOLS, shapeFor, targetFor, withProtocol,
  type Family, type FieldSpec, type Fields, type KindSpec, type ModelContext, type Shape, type Target,
} from './model.js';
import { emptyListMessage, requiredMessage } from './required.js';
import { checkEnumItem, checkScalarValue, describeNode, expectedText } from './values.js';
import {
  deref, getPair, isAlias, isMap, isNullNode, isScalar, isSeq, keyString, scalarString, spanOf,
  type Document, type Scalar, type YMap, type YPair,
} from './yaml-doc.js';
import { experimentalFix } from './edits.js';
import { ruleFor, type Rule } from './rules.js';

export type EmbeddedDtabKind = 'router' | 'namespace' | 'interpreter';

/** A dtab-typed scalar found in the config. */
export interface DtabSite {
  readonly node: Scalar;
  readonly kind: EmbeddedDtabKind;
  /** Router label (label ?? protocol), namespace name, or the interpreter's router label. */
  readonly name: string;
}

export interface ValidateOptions {
  readonly text: string;
  readonly doc: Document.Parsed | undefined;
  /** User-declared plugin kinds by block (dtab.config.extraKinds). */
  readonly extraKinds?: Readonly<Record<string, readonly string[]>>;
}

interface Work {
  readonly node: unknown;
  readonly target: Target;
  readonly ctx: ModelContext;
  /** The key this value sits under (for messages). */
  readonly key: string;
  /** Where to report "missing" problems: the key node of the owning pair, when there is one (its span when reported). */
  readonly anchor: unknown;
  /** The label of the enclosing router, once known. */
  readonly router: string | undefined;
}

/** Mappings up to this many keys find duplicates by a scan of the keys before them; larger ones use a Map. */
const SMALL_MAPPING = 16;

/**
 * The keys of one mapping seen so far (duplicates, required fields): a scan of a few keys instead of a Map per
 * mapping. One per validation, reused by every mapping (checkMapping does not nest).
 */
class SeenKeys {
  private readonly keys: string[] = [];
  private readonly pairs: YPair[] = [];
  private n = 0;
  private map: Map<string, YPair> | undefined;
  reset(size: number): void {
    this.n = 0;
    this.map = size > SMALL_MAPPING ? new Map() : undefined;
  }
  get(key: string): YPair | undefined {
    if (this.map) return this.map.get(key);
    for (let i = 0; i < this.n; i++) if (this.keys[i] === key) return this.pairs[i];
    return undefined;
  }
  add(key: string, pair: YPair): void {
    if (this.map) this.map.set(key, pair);
    else {
      this.keys[this.n] = key;
      this.pairs[this.n++] = pair;
    }
  }
  /** Lets go of the last mapping's nodes. */
  release(): void {
    this.keys.length = 0;
    this.pairs.length = 0;
    this.n = 0;
    this.map = undefined;
  }
}

/** Normalises a block name so `namers`, `namer`, `identifiers.http`, `identifier`, `loadBalancer` compare equal. */
function blockKey(s: string): string {
  return s.toLowerCase().replace(/\.(http|h2)$/, '').replace(/[\s_-]/g, '').replace(/s$/, '');
}

const SIBLING_FAMILY: Record<string, string> = {
  'identifiers.http': 'identifiers.h2',
  'identifiers.h2': 'identifiers.http',
  'responseClassifiers.http': 'responseClassifiers.h2',
  'responseClassifiers.h2': 'responseClassifiers.http',
  'tracePropagators.http': 'tracePropagators.h2',
  'tracePropagators.h2': 'tracePropagators.http',
  'requestAuthorizers.http': 'requestAuthorizers.h2',
  'requestAuthorizers.h2': 'requestAuthorizers.http',
};

const MAX_NODES = 2_000_000;

export function validateConfig(root: unknown, top: Target, ctx: ModelContext, opts: ValidateOptions): { diagnostics: Diagnostic[]; dtabSites: DtabSite[] } {
  const out: Diagnostic[] = [];
  const dtabSites: DtabSite[] = [];
  const extra = new Map<string, Set<string>>();
  for (const [block, kinds] of Object.entries(opts.extraKinds ?? {})) {
    const k = blockKey(block);
    const set = extra.get(k) ?? new Set<string>();
    for (const kind of kinds) set.add(kind);
    extra.set(k, set);
  }
  const extraConfigured = extra.size > 0;
  const visited = new Set<unknown>();
  const stack: Work[] = [{ node: root, target: top, ctx: modelContext(ctx), key: '', anchor: undefined, router: undefined }];
  const seenKeys = new SeenKeys();
  let budget = MAX_NODES;

  while (stack.length > 0 && budget-- > 0) {
    const w = stack.pop()!;
    let node = w.node;
    if (isAlias(node)) {
      // Check an anchored node once, however many aliases point at it (alias bombs stay linear).
      node = deref(node, opts.doc);
      if (visited.has(node)) continue;
      visited.add(node);
    }
    if (isNullNode(node)) continue;
    if (w.target.t === 'field') {
      pushValue(node, w.key, w.target.field, w.ctx, w.router, w.anchor);
      continue;
    }
    if (!isMap(node)) {
      out.push({
        code: 'config/type',
        severity: 'error',
        span: isSeq(node) && w.anchor ? spanOf(w.anchor) : spanOf(node),
        message: msg.typeMismatch(w.key || 'the file', 'a mapping', describeNode(node), 'Write `key: value` entries here.'),
      });
      continue;
    }
    if (w.target.t === 'shape') {
      const shape = w.target.shape;
      checkMapping(node, shape.fields, w, shape, undefined, undefined);
      shapeRule(shape)?.(node, out, w.router);
      continue;
    }
    checkFamily(node, w.target.family, w);
  }
  seenKeys.release();

  function checkFamily(map: YMap, fam: Family, w: Work): void {
    const discPair = getPair(map, fam.discriminator);
    let kindName: string | undefined = discPair ? scalarString(deref(discPair.value, opts.doc)) : undefined;
    if (kindName === undefined) {
      if (fam.defaultKind === null) {
        out.push({ code: 'config/missing-required', severity: 'error', span: anchorSpan(w, map), message: msg.missingTypeId(fam.title, fam.discriminator, knownKinds(fam)) });
        return;
      }
      kindName = fam.defaultKind;
    }
    const kind = fam.kinds.get(kindName);
    if (!kind) {
      reportUnknownKind(fam, kindName, discPair!, knownKinds(fam));
      return;
    }
    const ctx: ModelContext = fam.id === 'router' && isProtocol(kindName) ? withProtocol(w.ctx, kindName) : w.ctx;
    const router = fam.id === 'router' ? (scalarString(getPair(map, 'label')?.value) ?? kindName) : w.router;
    // namerd never checks the flag on namers (spec §3.1); linkerd checks it everywhere.
    const enforced = !(fam.id === 'namers' && ctx.product === 'namerd');
    if (kind.experimentalRequired && enforced && scalarString(getPair(map, 'experimental')?.value) !== 'true') {
      out.push({
        code: 'config/experimental',
        severity: 'error',
        span: discPair ? spanOf(discPair.value) : anchorSpan(w, map),
        message: msg.experimental(fam.id, experimentalName(fam, kind, map)),
        fixes: [experimentalFix(opts.text, map, discPair)],
      });
    }
    if (kind.deprecated && discPair) {
      const why = kindName.includes('istio') ? 'Istio support was deprecated in linkerd 1.5.0' : 'it is deprecated since linkerd 1.2.0; io.l5d.prometheus or io.l5d.influxdb replace it';
      out.push({
        code: 'config/deprecated',
        // linkerd logs a warning for the Istio components; statsd is only documented as deprecated.
        severity: kindName.includes('istio') ? 'warning' : 'information',
        span: spanOf(discPair.value),
        message: `The ${kindName} ${fam.title} is deprecated: ${why}.`,
      });
    }
    checkMapping(map, kind.fields, { node: w.node, target: w.target, ctx, key: w.key, anchor: w.anchor, router }, undefined, fam, kind);
    kindRule(fam, kind)?.(map, out, router);
  }

  function reportUnknownKind(fam: Family, kindName: string, discPair: YPair, known: string[]): void {
    const valueNode = discPair.value;
    const span = spanOf(valueNode);
    const renamed = LEGACY_KINDS[fam.id]?.[kindName];
    if (renamed && fam.kinds.has(renamed)) {
      out.push({
        code: 'config/legacy-kind',
        severity: 'error',
        span,
        message: `Could not resolve type id '${kindName}' as a subtype of [${fam.title}]: '${kindName}' was renamed '${renamed}'.`,
        fixes: [{ title: `Rename to ${renamed}`, edits: [{ span, newText: renamed }], preferred: true }],
      });
      return;
    }
    const sibling = SIBLING_FAMILY[fam.id];
    const siblingFam = sibling ? familyFor(sibling, { product: 'linkerd' }) : undefined;
    if (siblingFam?.kinds.has(kindName)) {
      out.push({
        code: 'config/family-mismatch',
        severity: 'error',
        span,
        message: `'${kindName}' is an ${siblingFam.title}, but this router needs an ${fam.title}: known type ids = [${known.join(', ')}].`,
      });
      return;
    }
    const declared = extra.get(blockKey(fam.id))?.has(kindName) || extra.get(blockKey(fam.title))?.has(kindName);
    if (declared) return; // a plugin kind: its keys are unknown to us
    const suggestion = msg.didYouMean(kindName, known);
    out.push({
      code: 'config/unknown-kind',
      severity: extraConfigured ? 'warning' : 'error',
      span,
      message: msg.unknownKind(kindName, fam.title, fam.discriminator, known, suggestion),
      ...(suggestion ? { fixes: [{ title: `Change to ${suggestion}`, edits: [{ span, newText: suggestion }], preferred: true }] } : {}),
    });
  }

  /** The keys of a block: a fixed shape, or a family's kind (`fam` and `kind`). */
  function checkMapping(map: YMap, fields: Fields, w: Work, shape: Shape | undefined, fam: Family | undefined, kind: KindSpec | undefined): void {
    const discriminator = fam?.discriminator;
    const seen = seenKeys;
    seen.reset(map.items.length);
    for (const item of map.items) {
      const pair = item as YPair;
      const key = keyString(pair);
      if (key === undefined) {
        out.push({ code: 'config/type', severity: 'error', span: spanOf(pair.key), message: 'Keys must be plain strings; complex keys are not valid in a linkerd config.' });
        continue;
      }
      const first = seen.get(key);
      if (first) {
        out.push({
          code: 'config/duplicate-key',
          severity: 'error',
          span: spanOf(pair.key),
          message: msg.duplicateKey(key),
          related: [{ span: spanOf(first.key), message: `first '${key}' is here` }],
        });
        continue;
      }
      seen.add(key, pair);
      const spec = fields[key];
      if (!spec) {
        reportUnknownKey(key, spanOf(pair.key), blockTitle(shape, fam, kind), Object.keys(fields), blockWhere(shape, fam, kind), w, fam);
        continue;
      }
      if (key === discriminator) continue;
      const value = pair.value;
      if (value == null || isNullNode(deref(value, opts.doc))) continue;
      pushValue(value, key, spec, w.ctx, w.router, pair.key);
    }
    // Required fields.
    for (const [key, spec] of requiredFields(fields)) {
      if (key === discriminator) continue;
      const pair = seen.get(key);
      const value = pair ? deref(pair.value, opts.doc) : undefined;
      if (!pair || isNullNode(value)) {
        const anchor = anchorSpan(w, map);
        const owner = blockOwner(shape, fam, kind, w.router);
        const title = blockTitle(shape, fam, kind);
        if (owner.startsWith('router:') && key === 'servers') {
          out.push({ code: 'config/missing-required', severity: 'error', span: pair ? spanOf(pair.key) : anchor, message: msg.sentences(emptyListMessage(owner, key, w.router)!, 'Add a `servers:` list with at least one server (e.g. `- port: 4140`).') });
          continue;
        }
        const own = requiredMessage(kindOwner(fam, kind, owner), key);
        const severity = spec.enforcedAt === 'never' ? 'warning' : 'error';
        out.push({
          code: 'config/missing-required',
          severity,
          span: pair ? spanOf(pair.key) : anchor,
          message: own ? msg.sentences(own, `Add \`${key}:\` to this ${title}.`) : msg.missingField(key, title, spec.enforcedAt),
        });
        continue;
      }
      if (isSeq(value) && value.items.length === 0) {
        const empty = emptyListMessage(blockOwner(shape, fam, kind, w.router), key, w.router);
        if (empty) out.push({ code: 'config/missing-required', severity: 'error', span: spanOf(value), message: msg.sentences(empty, 'Add at least one entry.') });
      }
    }
    // The prefix of an io.l5d.rewrite namer has no default (spec §3.2).
    if (fam?.id === 'namers' && kind?.prefixRequired && !seen.get('prefix')) {
      out.push({
        code: 'config/missing-required',
        severity: 'error',
        span: anchorSpan(w, map),
        message: `The 'prefix' property is required for the ${kind.name} namer. Add \`prefix: /<name>\`.`,
      });
    }
  }

  function kindOwner(fam: Family | undefined, kind: KindSpec | undefined, owner: string): string {
    return fam && kind ? `${fam.id}:${kind.name}` : owner;
  }

  function reportUnknownKey(
    key: string, keySpan: Span, title: string, knownKeys: string[], where: LegacyKey['where'] | undefined, w: Work, fam?: Family,
  ): void {
    const legacy = where ? legacyKey(where, key) : undefined;
    if (legacy) {
      const fixes: Fix[] = legacy.renameTo ? [{ title: `Rename to ${legacy.renameTo}`, edits: [{ span: keySpan, newText: legacy.renameTo }], preferred: true }] : [];
      out.push({
        code: 'config/legacy-key',
        severity: 'error',
        span: keySpan,
        message: `Unrecognized field "${key}" (${title}): ${legacy.hint}.`,
        ...(fixes.length ? { fixes } : {}),
      });
      return;
    }
    // Keys of another protocol's routers/servers/clients: say where they belong.
    const p = w.ctx.protocol;
    if (p && (fam?.id === 'router' || fam?.id === 'clientKinds' || fam?.id === 'serviceKinds' || title.endsWith('server'))) {
      const block = fam?.id === 'router' ? 'router' : fam?.id === 'clientKinds' ? 'clientKinds' : fam?.id === 'serviceKinds' ? 'serviceKinds' : 'server';
      const owners = PROTOCOLS.filter((q) => q !== p && protocolHasKey(block, q, key));
      if (owners.length > 0) {
        const what = key === 'identifier' ? `${p} routers have no identifier (names are built from dstPrefix by the protocol)` : `"${key}" is only valid on ${owners.join('/')} routers`;
        out.push({
          code: key === 'identifier' ? 'config/family-mismatch' : 'config/unknown-key',
          severity: 'error',
          span: keySpan,
          message: `${msg.unknownKey(key, title, knownKeys)} (${what}).`.replace(/\. Remove it: linkerd rejects unknown keys\. \(/, '. ('),
        });
        return;
      }
    }
    const suggestion = msg.didYouMean(key, knownKeys);
    // A server, client or service key written on the router itself: say where it goes.
    const home = fam?.id === 'router' && p && !suggestion ? routerChildHome(p, key) : undefined;
    out.push({
      code: 'config/unknown-key',
      severity: 'error',
      span: keySpan,
      message: home
        ? msg.unknownKey(key, title, knownKeys).replace(/ Remove it: linkerd rejects unknown keys\.$/, ` "${key}" belongs under \`${home}\`.`)
        : msg.unknownKey(key, title, knownKeys, suggestion),
      ...(suggestion ? { fixes: [{ title: `Rename to ${suggestion}`, edits: [{ span: keySpan, newText: suggestion }], preferred: true }] } : {}),
    });
  }

  /** Checks a value or queues it for the main loop; `anchor` is where "missing" problems inside it are reported. */
  function pushValue(value: unknown, key: string, spec: FieldSpec, ctx: ModelContext, router: string | undefined, anchor: unknown): void {
    const node = deref(value, opts.doc);
    switch (spec.type) {
      case 'object': {
        const t = spec.ref ? targetFor(spec.ref, ctx) : undefined;
        if (t) stack.push({ node: value, target: t, ctx, key, anchor, router });
        else if (!isMap(node)) typeError(node, key, 'a mapping', anchor);
        return;
      }
      case 'list':
      case 'oneOrList': {
        if (spec.type === 'oneOrList' && isMap(node)) {
          pushItem(node, key, spec, ctx, router, anchor);
          return;
        }
        if (!isSeq(node)) {
          typeError(node, key, spec.type === 'oneOrList' ? 'a mapping or a list of mappings' : 'a list', anchor);
          return;
        }
        for (const item of node.items) pushItem(item, key, spec, ctx, router, undefined);
        return;
      }
      case 'map': {
        if (!isMap(node)) {
          typeError(node, key, 'a mapping', anchor);
          return;
        }
        const seen = new Map<string, YPair>();
        for (const item of node.items) {
          const pair = item as YPair;
          const k = keyString(pair) ?? '';
          const prev = seen.get(k);
          if (prev) {
            out.push({ code: 'config/duplicate-key', severity: 'error', span: spanOf(pair.key), message: msg.duplicateKey(k), related: [{ span: spanOf(prev.key), message: `first '${k}' is here` }] });
            continue;
          }
          seen.set(k, pair);
          const v = deref(pair.value, opts.doc);
          if (isNullNode(v)) continue;
          if (spec.values === 'dtab') recordDtab(v, k, 'namespace');
          else checkScalarValue(v, `${key}.${k}`, { type: (spec.values ?? 'string') as FieldSpec['type'], required: false }, opts.text, out);
        }
        return;
      }
      case 'dtab':
        recordDtab(node, router ?? key, 'router');
        return;
      default:
        checkScalarValue(node, key, spec, opts.text, out, anchor);
    }
  }

  function pushItem(item: unknown, key: string, spec: FieldSpec, ctx: ModelContext, router: string | undefined, anchor: unknown): void {
    const word = spec.items ?? 'string';
    const t = targetFor(word, ctx);
    if (t) {
      stack.push({ node: item, target: t, ctx, key, anchor, router }); // the main loop resolves aliases, once per anchor
      return;
    }
    item = deref(item, opts.doc);
    if (isNullNode(item)) return;
    if (word === 'enum') checkEnumItem(item, key, spec.enum ?? [], out);
    else checkScalarValue(item, key, { type: word as FieldSpec['type'], required: false }, opts.text, out);
  }

  function recordDtab(node: unknown, name: string, kind: EmbeddedDtabKind): void {
    if (isScalar(node) && node.value != null) {
      if (typeof node.value !== 'string') {
        out.push({ code: 'config/type', severity: 'error', span: spanOf(node), message: msg.typeMismatch(name, 'a dtab string', describeNode(node), 'Write the dtab as a string, e.g. `dtab: /svc => /#/io.l5d.fs;`.') });
        return;
      }
      dtabSites.push({ node, kind, name });
    } else typeError(node, name, expectedText('dtab'));
  }

  function typeError(node: unknown, key: string, expected: string, anchor?: unknown): void {
    const span = anchor && (isMap(node) || isSeq(node)) ? spanOf(anchor) : spanOf(node);
    out.push({ code: 'config/type', severity: 'error', span, message: msg.typeMismatch(key, expected, describeNode(node), `Write ${expected} here.`) });
  }

  return { diagnostics: out, dtabSites };
}

const knownKindsCache = new WeakMap<Family, string[]>();
/** The kind names of a family, for messages. */
function knownKinds(fam: Family): string[] {
  let r = knownKindsCache.get(fam);
  if (!r) {
    r = [...fam.kinds.keys()];
    knownKindsCache.set(fam, r);
  }
  return r;
}

const requiredCache = new WeakMap<Fields, [string, FieldSpec][]>();
function requiredFields(fields: Fields): [string, FieldSpec][] {
  let r = requiredCache.get(fields);
  if (!r) {
    r = Object.entries(fields).filter(([, spec]) => spec.required);
    requiredCache.set(fields, r);
  }
  return r;
}

/** What a block is called in messages: the shape's title, or `<kind> <family title>`. */
function blockTitle(shape: Shape | undefined, fam: Family | undefined, kind: KindSpec | undefined): string {
  return fam && kind ? `${kind.name} ${fam.title}` : shape!.title;
}

/** Who owns a block's keys (required and empty-list messages): `router:<label>`, `<family id>:<kind>`, or the shape id. */
function blockOwner(shape: Shape | undefined, fam: Family | undefined, kind: KindSpec | undefined, router: string | undefined): string {
  if (fam && kind) return fam.id === 'router' ? `router:${router}` : `${fam.id}:${kind.name}`;
  return shape!.id;
}

/** Which legacy keys a block may hold. */
function blockWhere(shape: Shape | undefined, fam: Family | undefined, kind: KindSpec | undefined): LegacyKey['where'] | undefined {
  if (fam && kind) return fam.id === 'router' ? 'router' : fam.id === 'clientKinds' && kind.name === 'io.l5d.global' ? 'client' : undefined;
  return shape!.id === 'defs.clientTls' ? 'clientTls' : undefined;
}

// The value rule of each block (rules.ts), looked up once per shape and kind rather than by a new id string per block.
const shapeRules = new WeakMap<Shape, Rule | null>();
function shapeRule(shape: Shape): Rule | undefined {
  let r = shapeRules.get(shape);
  if (r === undefined) shapeRules.set(shape, (r = ruleFor(shape.id) ?? null));
  return r ?? undefined;
}
const kindRules = new WeakMap<KindSpec, Rule | null>();
function kindRule(fam: Family, kind: KindSpec): Rule | undefined {
  let r = kindRules.get(kind);
  if (r === undefined) kindRules.set(kind, (r = ruleFor(fam.id === 'router' ? `router:${kind.name}` : `${fam.id}:${kind.name}`) ?? null));
  return r ?? undefined;
}

/** Where "missing" problems of a block are reported: the key it sits under, else its first key. */
function anchorSpan(w: Work, map: YMap): Span {
  if (w.anchor) return spanOf(w.anchor);
  const first = map.items[0] as YPair | undefined;
  return first ? spanOf(first.key) : spanOf(map);
}

/** The name linkerd prints for an experimental component (spec §8.2): the protocol, the namer's effective prefix, or the kind. */
function experimentalName(fam: Family, kind: KindSpec, map: YMap): string {
  if (fam.id === 'namers') {
    const prefix = scalarString(getPair(map, 'prefix')?.value) ?? kind.defaultPrefix ?? `/${kind.name}`;
    return `/#${prefix}`;
  }
  return kind.name;
}

/** Where a key that is not a router key lives instead: `servers[]`, `client` or `service`. */
function routerChildHome(protocol: (typeof PROTOCOLS)[number], key: string): string | undefined {
  const ctx: ModelContext = { product: 'linkerd', protocol };
  if (key in shapeFor('server', ctx)!.fields) return 'servers: - ...';
  if (key in familyFor('clientKinds', ctx)!.kinds.get('io.l5d.global')!.fields) return 'client';
  if (key in familyFor('serviceKinds', ctx)!.kinds.get('io.l5d.global')!.fields) return 'service';
  return undefined;
}

function protocolHasKey(block: 'router' | 'server' | 'clientKinds' | 'serviceKinds', protocol: (typeof PROTOCOLS)[number], key: string): boolean {
  const ctx: ModelContext = { product: 'linkerd', protocol };
  if (block === 'router') return key in (familyFor('router', ctx)!.kinds.get(protocol)!.fields);
  if (block === 'server') return key in shapeFor('server', ctx)!.fields;
  return key in (familyFor(block, ctx)!.kinds.get('io.l5d.global')!.fields);
}
