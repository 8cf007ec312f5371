// Documentation text for keys and kinds, derived from the model (type, default, required, notes) so hover,
// completion and the generated JSON Schemas say the same thing.

import { MODEL_META, type FieldSpec, type Family, type KindSpec } from './model.js';
import { expectedText } from './values.js';

/** Short descriptions of what the main keys do (spec §1-5); everything else is described from its type and notes. */
const KEY_PURPOSE: Readonly<Record<string, string>> = {
  admin: 'The admin HTTP server (dashboard, metrics, /config.json).',
  routers: 'The routers: each listens on its servers, names requests, resolves the name with its dtab and namers, and load-balances to the result.',
  namers: 'Service-discovery plugins. A namer with prefix /p serves the names /#/p/... in dtabs.',
  telemetry: 'Metrics and tracing exporters.',
  usage: 'Anonymous usage reporting to Buoyant.',
  storage: 'Where namerd keeps its dtabs (one per namespace).',
  interfaces: 'The APIs namerd serves to linkerd and tools (thrift, HTTP, mesh).',
  protocol: 'The router protocol: http, h2, thrift, thriftmux or mux.',
  label: 'A unique name for the router (default: the protocol name).',
  dtab: 'The delegation table: rules that rewrite the logical name (/svc/...) step by step into a concrete one (/#/..., /$/inet/...). Entries are separated by `;`.',
  dstPrefix: 'The first segment(s) of every name the identifier produces (default /svc).',
  identifier: 'How a request is turned into a logical name, e.g. from the Host header.',
  interpreter: 'How names are resolved: locally with the dtab and namers (default), or by namerd.',
  servers: 'The ports this router listens on.',
  client: 'Settings for connections to the destinations (TLS, load balancing, failure accrual).',
  service: 'Settings per logical service (retries, timeouts, response classification).',
  announcers: 'Service-registry announcers for the names in servers[].announce.',
  transformers: 'Rewrites of the resolved addresses (e.g. send to the node-local linkerd).',
  kind: 'Which implementation this block uses.',
  prefix: 'The path this component is mounted at.',
  experimental: 'Must be true to enable a component linkerd marks experimental.',
  port: 'TCP port.',
  ip: 'IP address to bind to (a literal, not a hostname).',
  tls: 'TLS settings.',
  namespaces: 'Dtabs by namespace name (in-memory storage; not for production).',
};

function showDefault(v: unknown): string {
  if (typeof v === 'string') return v === '' ? '""' : v;
  return JSON.stringify(v);
}

/** One-paragraph markdown for a key. */
export function fieldDoc(key: string, spec: FieldSpec, ownerTitle?: string): string {
  const parts: string[] = [];
  const purpose = KEY_PURPOSE[key];
  if (purpose) parts.push(purpose);
  const type = spec.type === 'enum' && spec.enum ? `one of ${spec.enum.map((e) => `\`${e}\``).join(', ')}` : typeText(spec);
  parts.push(`Type: ${type}.`);
  if (spec.required) parts.push(spec.enforcedAt === 'never' ? 'Required (linkerd silently uses 0/null without it).' : 'Required.');
  if (spec.default !== undefined) parts.push(`Default: \`${showDefault(spec.default)}\`.`);
  if (spec.deprecated) parts.push('Deprecated.');
  if (spec.notes) parts.push(capitalise(spec.notes) + (/[.)]$/.test(spec.notes) ? '' : '.'));
  const head = ownerTitle ? `**${key}** (${ownerTitle})` : `**${key}**`;
  return `${head}\n\n${parts.join(' ')}`;
}

function typeText(spec: FieldSpec): string {
  if (spec.type === 'list') return `list of ${spec.items ?? 'values'}`;
  if (spec.type === 'oneOrList') return `${spec.items ?? 'object'} or a list of them`;
  if (spec.type === 'map') return `mapping of names to ${spec.values ?? 'values'}`;
  if (spec.type === 'object') return `object (${spec.ref ?? 'mapping'})`;
  return MODEL_META.typeLegend[spec.type] ?? expectedText(spec.type);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Markdown for a kind of a family. */
export function kindDoc(fam: Family, kind: KindSpec): string {
  const parts = [`**${kind.name}** (${fam.title})`];
  const facts: string[] = [];
  if (kind.experimentalRequired) facts.push('Experimental: requires `experimental: true`.');
  if (kind.deprecated) facts.push('Deprecated.');
  if (kind.defaultPrefix) facts.push(`Default prefix: \`${kind.defaultPrefix}\`.`);
  if (kind.defaultPort !== undefined) facts.push(`Default port: ${kind.defaultPort}.`);
  if (kind.pathShape) facts.push(`Names: \`${kind.pathShape}\`.`);
  if (kind.talksTo) facts.push(`Talks to ${kind.talksTo}.`);
  if (kind.usesLocalNamers === false) facts.push("Names are resolved by namerd; this linkerd's `namers` are not used.");
  if (kind.notes) facts.push(capitalise(kind.notes) + '.');
  const keys = Object.keys(kind.fields).filter((k) => k !== 'kind' && k !== 'protocol');
  facts.push(keys.length ? `Keys: ${keys.map((k) => `\`${k}\``).join(', ')}.` : 'No other keys.');
  parts.push(facts.join(' '));
  return parts.join('\n\n');
}
