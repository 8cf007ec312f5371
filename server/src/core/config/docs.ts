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
  originator: 'Marks the router as the originator of requests (affects stats only).',
  bindingTimeoutMs: 'How long a request may wait for its name to be bound before it fails.',
  bindingCache: 'Sizes and idle TTL of the caches of bound paths, trees and clients.',
  loadBalancer: 'How requests are spread over the replicas of a destination.',
  failureAccrual: 'When a replica is marked dead after failures, and how long it stays out.',
  hostConnectionPool: 'Connection pool limits per replica.',
  failFast: 'Mark a host unavailable as soon as a connection to it fails.',
  requestAttemptTimeoutMs: 'Timeout of one attempt of a request (retries get their own).',
  requeueBudget: 'Budget for requeueing requests that failed before reaching the replica (connection errors).',
  totalTimeoutMs: 'Timeout of a request including all its retries.',
  retries: 'Retry budget and backoff for requests the response classifier calls retryable.',
  responseClassifier: 'Which responses count as failures and which may be retried.',
  socketOptions: 'TCP socket options.',
  maxConcurrentRequests: 'Requests beyond this many in flight are rejected.',
  announce: 'Concrete names under which this server is announced to service registries.',
  clearContext: 'Strip incoming l5d-ctx-* / l5d-dtab headers (for untrusted edges).',
  commonName: 'The name expected in the server certificate; may use {vars} from an io.l5d.static prefix.',
  trustCertsBundle: 'File with the CA certificates used to verify the server.',
  disableValidation: 'Skip certificate validation (insecure; incompatible with clientAuth).',
  clientAuth: 'Client certificate and key for mutual TLS.',
  rootDir: 'Directory whose files each list the addresses of one service.',
  zkAddrs: 'The ZooKeeper ensemble.',
  dst: 'Where namerd is, as a Finagle name such as /$/inet/namerd.example.com/4100.',
  namespace: 'The namerd namespace (dtab) to use.',
  root: 'The namerd namespace to use, as a one-segment path such as /default.',
  dtabFile: 'A file holding the dtab; it is watched for changes.',
  configs: 'Prefix-specific settings: every item whose prefix matches applies, later ones win.',
  streamingEnabled: 'Stream request and response bodies instead of buffering them.',
  streamAfterContentLengthKB: 'Bodies larger than this are streamed.',
  httpAccessLog: 'File to write an access log to.',
  addForwardedHeader: 'Add a Forwarded header (RFC 7239) to requests.',
  thriftFramed: 'Use the framed thrift transport.',
  thriftMethodInDst: 'Append the thrift method name to the logical name.',
  thriftProtocol: 'The thrift protocol: binary or compact.',
  tracePropagator: 'How trace context is read from and written to requests.',
  classificationTimeoutMs: 'How long to wait for the end of a stream to classify it.',
  retryBufferSize: 'How much of a request/response is buffered so it can be retried.',
  backoff: 'How long to wait between attempts.',
  budget: 'How many retries may be made relative to requests.',
  sampleRate: 'Fraction of requests sampled (0.0 to 1.0).',
  shutdownGraceMs: 'How long to wait for requests to finish when shutting down.',
  security: 'Which admin endpoints are enabled.',
  workerThreads: 'Threads serving the admin API.',
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
