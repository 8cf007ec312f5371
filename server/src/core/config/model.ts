// The declarative linkerd/namerd config model. Its data is `model-data.json`, the machine-readable appendix of
// spec/linkerd-config.md §6 copied verbatim (regenerate with `npm run gen-schema -- --extract <spec>`); this module
// only types it and resolves the context-dependent references (protocol-specific routers, servers, clients,
// services and classifier families). Pure: no I/O.

import data from './model-data.json';

export type FieldType =
  | 'string' | 'string-template' | 'int' | 'long' | 'number' | 'bool' | 'duration-ms' | 'duration-s' | 'port' | 'ip'
  | 'path' | 'path-matcher' | 'dtab' | 'regex' | 'file' | 'directory' | 'enum' | 'list' | 'map' | 'object' | 'oneOrList';

export type EnforcedAt = 'parse' | 'mk' | 'runtime' | 'never';

export interface FieldSpec {
  readonly type: FieldType;
  readonly required: boolean;
  readonly default?: unknown;
  readonly enum?: readonly string[];
  /** Shape or family of an `object` field. */
  readonly ref?: string;
  /** Element type of a `list` / `oneOrList` field: a scalar type word, a shape or a family. */
  readonly items?: string;
  /** Value type of a `map` field. */
  readonly values?: string;
  readonly notes?: string;
  readonly enforcedAt?: EnforcedAt;
  readonly deprecated?: boolean;
  readonly pattern?: string;
}

export type Fields = Readonly<Record<string, FieldSpec>>;

export type Product = 'linkerd' | 'namerd';
export type Protocol = 'http' | 'h2' | 'thrift' | 'thriftmux' | 'mux';
export const PROTOCOLS: readonly Protocol[] = ['http', 'h2', 'thrift', 'thriftmux', 'mux'];

/** A kind of a polymorphic block, with its own keys (family `common` keys and the discriminator included). */
export interface KindSpec {
  readonly name: string;
  readonly fields: Fields;
  readonly experimentalRequired: boolean;
  readonly deprecated: boolean;
  readonly defaultPrefix?: string | null;
  readonly prefixRequired?: boolean;
  readonly usesLocalNamers?: boolean;
  readonly pathShape?: string;
  readonly defaultPort?: number;
  readonly notes?: string;
  readonly talksTo?: string;
  readonly availableIn?: readonly string[];
}

/** A polymorphic block: the discriminator picks one kind. */
export interface Family {
  readonly id: string;
  /** What the block is, for messages: "namer", "load balancer", ... */
  readonly title: string;
  readonly discriminator: 'kind' | 'protocol';
  /** The kind used when the discriminator is left out of a present block (only client/service). */
  readonly defaultKind: string | null;
  readonly kinds: ReadonlyMap<string, KindSpec>;
}

/** A fixed-shape object. */
export interface Shape {
  readonly id: string;
  readonly title: string;
  readonly fields: Fields;
}

/** What a YAML node is expected to hold: a fixed shape, a polymorphic family, or a scalar/collection type. */
export type Target =
  | { readonly t: 'shape'; readonly shape: Shape }
  | { readonly t: 'family'; readonly family: Family }
  | { readonly t: 'field'; readonly field: FieldSpec };

/** Where in the config a node sits; the protocol decides router, server, client and service keys. */
export interface ModelContext {
  readonly product: Product;
  readonly protocol?: Protocol;
}

// ------------------------------------------------------------------------------------------------------------
// Raw data access (the JSON is loosely typed; these accessors are the only place that looks at its structure).

interface RawKind {
  fields?: Record<string, FieldSpec>;
  experimentalRequired?: boolean;
  deprecated?: boolean;
  defaultPrefix?: string | null;
  prefixRequired?: boolean;
  usesLocalNamers?: boolean;
  pathShape?: string;
  defaultPort?: number;
  notes?: string;
  talksTo?: string;
  availableIn?: string[];
}
interface RawFamily {
  discriminator: 'kind';
  defaultKind?: string | null;
  common?: Record<string, FieldSpec>;
  kinds: Record<string, RawKind>;
  defaultWhenAbsent?: { kind: string };
}
interface RawProtocol {
  defaultServerPort: number;
  experimentalRequired: boolean;
  router: Record<string, FieldSpec>;
  server: Record<string, FieldSpec>;
  client: Record<string, FieldSpec>;
  service: Record<string, FieldSpec>;
}

const raw = data as unknown as Record<string, unknown>;
const rawDefs = raw['defs'] as Record<string, { fields: Record<string, FieldSpec>; notes?: string }>;
const rawProtocols = raw['protocols'] as Record<Protocol, RawProtocol>;

function rawFields(id: string): Record<string, FieldSpec> {
  return (raw[id] as { fields: Record<string, FieldSpec> }).fields;
}

function rawFamily(id: string): RawFamily {
  const [head, sub] = id.split('.') as [string, string | undefined];
  const v = raw[head] as Record<string, unknown>;
  return (sub ? v[sub] : v) as RawFamily;
}

export const MODEL_META = raw['meta'] as { source: string; typeLegend: Record<string, string>; conventions: string[] };

// ------------------------------------------------------------------------------------------------------------
// Titles used in messages and hovers.

const FAMILY_TITLES: Record<string, string> = {
  router: 'router',
  namers: 'namer',
  interpreters: 'interpreter',
  transformers: 'transformer',
  announcers: 'announcer',
  telemetry: 'telemeter',
  storage: 'storage',
  interfaces: 'namerd interface',
  loadBalancers: 'load balancer',
  failureAccrual: 'failure accrual policy',
  backoffs: 'backoff',
  forwardedLabelers: 'forwarded-header labeler',
  'identifiers.http': 'http identifier',
  'identifiers.h2': 'h2 identifier',
  'requestAuthorizers.http': 'http request authorizer',
  'requestAuthorizers.h2': 'h2 request authorizer',
  'tracePropagators.http': 'http trace propagator',
  'tracePropagators.h2': 'h2 trace propagator',
  'responseClassifiers.http': 'http response classifier',
  'responseClassifiers.h2': 'h2 response classifier',
  clientKinds: 'client',
  serviceKinds: 'service',
};

const DEF_TITLES: Record<string, string> = {
  linkerdTop: 'linkerd config',
  namerdTop: 'namerd config',
  'defs.socketOptions': 'socket options',
  'defs.serverTls': 'server TLS',
  'defs.clientTls': 'client TLS',
  'defs.clientAuth': 'TLS client auth',
  'defs.admin': 'admin',
  'defs.adminSecurity': 'admin security',
  'defs.usage': 'usage',
  'defs.bindingCache': 'binding cache',
  'defs.session': 'session',
  'defs.hostConnectionPool': 'host connection pool',
  'defs.retryBudget': 'retry budget',
  'defs.retries': 'retries',
  'defs.hostAndPort': 'host and port',
  'defs.forwardedHeader': 'addForwardedHeader',
  'defs.namerdRetry': 'namerd interpreter retry',
  'defs.meshRetry': 'mesh interpreter retry',
  'defs.namerdClientTls': 'io.l5d.namerd TLS',
  'defs.failureThreshold': 'failure threshold',
  'defs.retryBufferSize': 'retry buffer size',
  'defs.consulTagWeight': 'consul tag weight',
  'defs.zkAuthInfo': 'zk auth info',
  'defs.zkAcl': 'zk ACL',
  'defs.thriftInterpreterCache': 'thrift interpreter cache',
};

// ------------------------------------------------------------------------------------------------------------
// Families.

const kindField: FieldSpec = { type: 'string', required: true };

function buildFamily(id: string, product: Product): Family {
  const f = rawFamily(id);
  const kinds = new Map<string, KindSpec>();
  for (const [name, k] of Object.entries(f.kinds)) {
    if (k.availableIn && k.availableIn.length > 0 && !k.availableIn.includes(product)) continue;
    const fields: Record<string, FieldSpec> = { kind: { ...kindField, required: f.defaultKind == null } };
    Object.assign(fields, f.common ?? {}, k.fields ?? {});
    kinds.set(name, {
      name,
      fields,
      experimentalRequired: k.experimentalRequired === true,
      deprecated: k.deprecated === true,
      defaultPrefix: k.defaultPrefix,
      prefixRequired: k.prefixRequired,
      usesLocalNamers: k.usesLocalNamers,
      pathShape: k.pathShape,
      defaultPort: k.defaultPort,
      notes: k.notes,
      talksTo: k.talksTo,
      availableIn: k.availableIn,
    });
  }
  return { id, title: FAMILY_TITLES[id] ?? id, discriminator: 'kind', defaultKind: f.defaultKind ?? null, kinds };
}

function routerFamily(): Family {
  const kinds = new Map<string, KindSpec>();
  for (const p of PROTOCOLS) {
    const rp = rawProtocols[p];
    kinds.set(p, {
      name: p,
      fields: { ...rawFields('routerCommon'), ...rp.router },
      experimentalRequired: rp.experimentalRequired,
      deprecated: false,
      defaultPort: rp.defaultServerPort,
    });
  }
  return { id: 'router', title: 'router', discriminator: 'protocol', defaultKind: null, kinds };
}

/** client/service blocks: `io.l5d.global` carries the parameters inline, `io.l5d.static` a `configs` list. */
function clientOrServiceFamily(which: 'client' | 'service', protocol: Protocol | undefined): Family {
  const id = which === 'client' ? 'clientKinds' : 'serviceKinds';
  const common = rawFields(which === 'client' ? 'clientCommon' : 'serviceCommon');
  const perProtocol = protocol ? rawProtocols[protocol][which] : {};
  const rawKinds = rawFamily(id).kinds;
  const kinds = new Map<string, KindSpec>();
  kinds.set('io.l5d.global', {
    name: 'io.l5d.global',
    fields: { kind: { type: 'string', required: false }, ...common, ...perProtocol },
    experimentalRequired: false,
    deprecated: false,
    notes: (rawKinds['io.l5d.global'] as RawKind).notes,
  });
  kinds.set('io.l5d.static', {
    name: 'io.l5d.static',
    fields: {
      kind: { type: 'string', required: true },
      configs: { type: 'list', required: true, items: which === 'client' ? 'clientPrefixConfig' : 'servicePrefixConfig', enforcedAt: 'parse' },
    },
    experimentalRequired: false,
    deprecated: false,
  });
  return { id, title: FAMILY_TITLES[id]!, discriminator: 'kind', defaultKind: 'io.l5d.global', kinds };
}

/** Per-protocol response-classifier family: h2 ids on h2 routers, http ids everywhere else (spec §2.11). */
export function classifierFamilyId(protocol: Protocol | undefined): string {
  return protocol === 'h2' ? 'responseClassifiers.h2' : 'responseClassifiers.http';
}

const familyCache = new Map<string, Family>();

/** The family a `ref`/`items` word names in this context, or undefined when the word is not a family. */
export function familyFor(ref: string, ctx: ModelContext): Family | undefined {
  let id = ref;
  if (ref === 'responseClassifiers') id = classifierFamilyId(ctx.protocol);
  const cacheKey = `${ctx.product}|${ctx.protocol ?? ''}|${id}`;
  const cached = familyCache.get(cacheKey);
  if (cached) return cached;
  let fam: Family | undefined;
  if (id === 'router') fam = routerFamily();
  else if (id === 'clientKinds') fam = clientOrServiceFamily('client', ctx.protocol);
  else if (id === 'serviceKinds') fam = clientOrServiceFamily('service', ctx.protocol);
  else if (FAMILY_TITLES[id] !== undefined) fam = buildFamily(id, ctx.product);
  if (fam) familyCache.set(cacheKey, fam);
  return fam;
}

/**
 * Memo by product, protocol and word (the model's own words, a bounded set): the validator asks for the target of
 * every value it walks, and a shape merges several field tables.
 */
const targetCache = new Map<string, Map<string, Target | null>>();
const shapeCache = new Map<string, Map<string, Shape | null>>();

function memo<T>(
  cache: Map<string, Map<string, T | null>>, ctxKey: string, word: string, ctx: ModelContext, build: (word: string, ctx: ModelContext) => T | undefined,
): T | undefined {
  let byWord = cache.get(ctxKey);
  if (!byWord) cache.set(ctxKey, (byWord = new Map()));
  let hit = byWord.get(word);
  if (hit === undefined) byWord.set(word, (hit = build(word, ctx) ?? null));
  return hit ?? undefined;
}

/** The fixed shape a `ref`/`items` word names in this context, or undefined. The same object for the same question. */
export function shapeFor(ref: string, ctx: ModelContext): Shape | undefined {
  return memo(shapeCache, ctx.protocol ?? '', ref, ctx, buildShape);
}

function buildShape(ref: string, ctx: ModelContext): Shape | undefined {
  if (ref.startsWith('defs.')) {
    const d = rawDefs[ref.slice(5)];
    return d ? { id: ref, title: DEF_TITLES[ref] ?? ref.slice(5), fields: d.fields } : undefined;
  }
  if (ref === 'linkerdTop' || ref === 'namerdTop') return { id: ref, title: DEF_TITLES[ref]!, fields: rawFields(ref) };
  const p = ctx.protocol;
  if (ref === 'server') {
    return { id: ref, title: `${p ?? ''} server`.trim(), fields: { ...rawFields('serverCommon'), ...(p ? rawProtocols[p].server : {}) } };
  }
  if (ref === 'clientPrefixConfig' || ref === 'servicePrefixConfig') {
    const which = ref === 'clientPrefixConfig' ? 'client' : 'service';
    const prefixSpec = (rawFamily(`${which}Kinds`).kinds['io.l5d.static'] as RawKind & { itemFields: Record<string, FieldSpec> })
      .itemFields;
    return {
      id: ref,
      title: `${which} io.l5d.static config`,
      fields: { ...prefixSpec, ...rawFields(`${which}Common`), ...(p ? rawProtocols[p][which] : {}) },
    };
  }
  return undefined;
}

/** Resolve a `ref` (object fields) or `items` word (list elements) to what the node must hold. */
export function targetFor(word: string, ctx: ModelContext): Target | undefined {
  // By the context object first: the schema walk asks with the few contexts of modelContext / withProtocol.
  let byWord = targetsByContext.get(ctx);
  if (!byWord) targetsByContext.set(ctx, (byWord = new Map()));
  let hit = byWord.get(word);
  if (hit === undefined) byWord.set(word, (hit = memo(targetCache, `${ctx.product}|${ctx.protocol ?? ''}`, word, ctx, buildTarget) ?? null));
  return hit ?? undefined;
}
const targetsByContext = new WeakMap<ModelContext, Map<string, Target | null>>();

const contexts = new Map<string, ModelContext>();
/** The one context object with `ctx`'s product and protocol. */
export function modelContext(ctx: ModelContext): ModelContext {
  const key = `${ctx.product}|${ctx.protocol ?? ''}`;
  let c = contexts.get(key);
  if (!c) contexts.set(key, (c = ctx.protocol ? { product: ctx.product, protocol: ctx.protocol } : { product: ctx.product }));
  return c;
}

function buildTarget(word: string, ctx: ModelContext): Target | undefined {
  const fam = familyFor(word, ctx);
  if (fam) return { t: 'family', family: fam };
  const shape = shapeFor(word, ctx);
  if (shape) return { t: 'shape', shape };
  return undefined;
}

export function topShape(product: Product): Shape {
  return shapeFor(product === 'linkerd' ? 'linkerdTop' : 'namerdTop', { product })!;
}

export function defaultServerPort(protocol: Protocol): number {
  return rawProtocols[protocol].defaultServerPort;
}

const protocolContexts = new WeakMap<ModelContext, Map<Protocol, ModelContext>>();
/** `ctx` with this protocol: the same object each time, so that what is looked up by context stays cached. */
export function withProtocol(ctx: ModelContext, protocol: Protocol): ModelContext {
  let byProtocol = protocolContexts.get(ctx);
  if (!byProtocol) protocolContexts.set(ctx, (byProtocol = new Map()));
  let c = byProtocol.get(protocol);
  if (!c) byProtocol.set(protocol, (c = { ...ctx, protocol }));
  return c;
}

export function isProtocol(s: unknown): s is Protocol {
  return typeof s === 'string' && (PROTOCOLS as readonly string[]).includes(s);
}

/** Every family id in the model (block names for dtab.config.extraKinds). */
export const FAMILY_IDS: readonly string[] = Object.keys(FAMILY_TITLES);

/** The admin default port per product (spec §5.2; namerd's code says 9991). */
export function defaultAdminPort(product: Product): number {
  const d = rawDefs['admin']!.fields['port']!.default as Record<Product, number>;
  return d[product];
}

