// Spec §8.3 rule 12 across files: a linkerd router whose interpreter asks namerd (io.l5d.namerd, io.l5d.namerd.http,
// io.l5d.mesh) against the namerd config(s) of the same workspace. The interpreter needs namerd to serve the matching
// interface on the port its `dst` uses, and its namespace (`namespace`, or the one segment of a mesh `root`) to exist
// when namerd keeps its dtabs in memory. Only information: a namerd config in the workspace may not be the one that
// runs in production. Pure: the caller finds the namerd configs and extracts their facts with `extractNamerdFacts`;
// a linkerd config's interpreters come with its analysis (`analyzeConfig(...).interpreters`, read off the tree it
// already has), or from its text with `extractInterpreterFacts`.

import type { Diagnostic, RelatedInfo } from '../diagnostic.js';
import type { Span } from '../dtab/ast.js';
import { INTERFACE_OF, pathSegments, routerLabel } from './cross-checks.js';
import { detectFlavour } from './flavour.js';
import { familyFor } from './model.js';
import { deref, getPair, getValue, isMap, isPair, isScalar, keyString, looksLikeJson, parseConfigText, scalarString, seqItems, spanOf, type Document } from './yaml-doc.js';

/** One `interfaces[]` entry of a namerd config. */
export interface NamerdInterfaceFact {
  readonly kind: string;
  /** The effective port (`port`, or the kind's default); undefined when `port` is not an integer. */
  readonly port: number | undefined;
  readonly explicitPort: boolean;
  /** The `port` value, or the `kind` value when the port is the default. */
  readonly span: Span;
}

export interface NamerdNamespaceFact {
  readonly name: string;
  /** The namespace's key in `storage.namespaces`. */
  readonly span: Span;
}

/** What the cross-file rule needs to know about one namerd config (spans are offsets into its text). */
export interface NamerdFacts {
  readonly uri: string;
  /** How messages name the file (a workspace-relative path, or its base name). */
  readonly name: string;
  readonly interfaces: readonly NamerdInterfaceFact[];
  /** The `interfaces` key (where an interface would be added); undefined when the key is absent. */
  readonly interfacesSpan: Span | undefined;
  /** `storage.kind`; undefined when absent. */
  readonly storageKind: string | undefined;
  /** The namespaces of an `io.l5d.inMemory` storage (empty for other kinds). */
  readonly namespaces: readonly NamerdNamespaceFact[];
  /** The `namespaces` key of the storage, else its `kind` value, else the `storage` key. */
  readonly namespacesSpan: Span | undefined;
}

const interpreterFor = (iface: string): string | undefined => Object.keys(INTERFACE_OF).find((k) => INTERFACE_OF[k]!.iface === iface);

/** The base name of a URI or path, decoded. */
export function baseNameOf(uri: string): string {
  const base = uri.slice(uri.replace(/[\\/]+$/, '').search(/[^\\/]*$/));
  try {
    return decodeURIComponent(base);
  } catch {
    return base;
  }
}

/**
 * The facts of a namerd config: undefined when the text is not a namerd config (a linkerd config, other YAML),
 * 'unreadable' when it is one with YAML errors (the caller keeps what it knew before).
 */
export function extractNamerdFacts(uri: string, text: string, name = baseNameOf(uri)): NamerdFacts | 'unreadable' | undefined {
  // A top-level `routers:` makes it a linkerd config: no need to parse it.
  if (!looksLikeJson(text) && /^routers\s*:/m.test(text)) return undefined;
  const parsed = parseConfigText(text);
  const { root, doc } = parsed;
  if (detectFlavour(root, baseNameOf(uri)) !== 'namerd') return undefined;
  if (parsed.diagnostics.length > 0 || !isMap(root)) return 'unreadable';
  return namerdFactsOf(root, doc, uri, name);
}

/** The facts of a namerd config already parsed without YAML errors (`root` and `doc` of parseConfigText). */
export function namerdFactsOf(root: unknown, doc: Document.Parsed | undefined, uri: string, name: string): NamerdFacts {
  const defaults = familyFor('interfaces', { product: 'namerd' })!;
  const interfaces: NamerdInterfaceFact[] = [];
  const interfacesPair = getPair(root, 'interfaces');
  for (const item of seqItems(deref(interfacesPair?.value, doc))) {
    const iface = deref(item, doc);
    const kindNode = getValue(iface, 'kind');
    const kind = scalarString(kindNode);
    if (kind === undefined) continue;
    const portNode = getValue(iface, 'port');
    const explicitPort = portNode !== undefined;
    const port = explicitPort ? integer(portNode) : defaults.kinds.get(kind)?.defaultPort;
    interfaces.push({ kind, port, explicitPort, span: spanOf(explicitPort ? portNode : kindNode) });
  }
  const storagePair = getPair(root, 'storage');
  const storage = deref(storagePair?.value, doc);
  const storageKindNode = getValue(storage, 'kind');
  const storageKind = scalarString(storageKindNode);
  const namespacesPair = getPair(storage, 'namespaces');
  const namespaces: NamerdNamespaceFact[] = [];
  if (storageKind === 'io.l5d.inMemory') {
    const map = deref(namespacesPair?.value, doc);
    if (isMap(map)) {
      for (const p of map.items) {
        const key = isPair(p) ? keyString(p) : undefined;
        if (key !== undefined) namespaces.push({ name: key, span: spanOf(p.key) });
      }
    }
  }
  return {
    uri,
    name,
    interfaces,
    interfacesSpan: interfacesPair ? spanOf(interfacesPair.key) : undefined,
    storageKind,
    namespaces,
    namespacesSpan: namespacesPair ? spanOf(namespacesPair.key) : storageKindNode ? spanOf(storageKindNode) : storagePair ? spanOf(storagePair.key) : undefined,
  };
}

function integer(node: unknown): number | undefined {
  return isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) ? node.value : undefined;
}

/** The port a `dst` connects to: `/$/inet/<host>/<port>` or `/$/io.buoyant.rinet/<port>/<host>`; else undefined. */
function dstPort(dst: string): number | undefined {
  const segs = pathSegments(dst);
  if (segs[0] !== '$') return undefined;
  const port = segs[1] === 'inet' ? segs[3] : segs[1] === 'io.buoyant.rinet' ? segs[2] : undefined;
  return port !== undefined && /^\d{1,5}$/.test(port) ? Number(port) : undefined;
}

/** "namerd.yaml" for one config, "the workspace's namerd configs (a.yaml, b.yaml)" for several. */
function whichConfigs(namerds: readonly NamerdFacts[]): string {
  return namerds.length === 1 ? namerds[0]!.name : `the workspace's namerd configs (${namerds.map((n) => n.name).join(', ')})`;
}

const list = (xs: readonly string[]): string => [...new Set(xs)].join(', ');

/** Cheap test: can the rule have anything to say about this config text (does it name a namerd interpreter)? */
export function mentionsNamerdInterpreter(text: string): boolean {
  return /io\.l5d\.(namerd|mesh)/.test(text);
}

/** A linkerd router whose interpreter asks namerd, as the rule needs it (spans are offsets into the linkerd text). */
export interface InterpreterFact {
  readonly router: string;
  /** io.l5d.namerd, io.l5d.namerd.http or io.l5d.mesh. */
  readonly kind: string;
  readonly kindSpan: Span;
  /** The port `dst` connects to (undefined when it is no `/$/inet` or rinet address) and the `dst` value. */
  readonly dst?: { readonly port: number | undefined; readonly span: Span };
  /** The namerd namespace it reads; undefined when it cannot be told (a mesh root of several segments, a non-scalar). */
  readonly namespace?: { readonly name: string; readonly given: boolean; readonly written?: string; readonly span?: Span };
}

/**
 * The namerd interpreters of a linkerd config: none for other configs and for a text with YAML errors (its own
 * checks report them first). Parses the text only when it names such an interpreter. `analyzeConfig` gives the
 * same facts as `interpreters` without a parse of its own.
 */
export function extractInterpreterFacts(linkerdText: string, fileName?: string): InterpreterFact[] {
  if (!mentionsNamerdInterpreter(linkerdText)) return [];
  const parsed = parseConfigText(linkerdText);
  const { root, doc } = parsed;
  if (parsed.diagnostics.length > 0 || detectFlavour(root, fileName) !== 'linkerd') return [];
  return namerdInterpreters(root, doc);
}

/** The routers of a parsed linkerd config (no YAML errors) whose interpreter asks namerd, in config order. */
export function namerdInterpreters(root: unknown, doc: Document.Parsed | undefined): InterpreterFact[] {
  const out: InterpreterFact[] = [];
  for (const item of seqItems(deref(getValue(root, 'routers'), doc))) {
    const router = deref(item, doc);
    if (!isMap(router)) continue;
    const interp = deref(getValue(router, 'interpreter'), doc);
    const kindNode = getValue(interp, 'kind');
    const kind = scalarString(kindNode);
    if (kind === undefined || INTERFACE_OF[kind] === undefined) continue;
    const dstNode = getValue(interp, 'dst');
    const namespace = namespaceOf(kind, interp);
    out.push({
      router: routerLabel(router) ?? '?',
      kind,
      kindSpan: spanOf(kindNode),
      ...(dstNode !== undefined ? { dst: { port: dstPort(scalarString(dstNode) ?? ''), span: spanOf(dstNode) } } : {}),
      ...(namespace ? { namespace } : {}),
    });
  }
  return out;
}

/** Rule 12 for one linkerd config (its text) against the workspace's namerd configs. */
export function crossFileDiagnostics(linkerdText: string, namerds: readonly NamerdFacts[], fileName?: string): Diagnostic[] {
  return namerds.length === 0 ? [] : checkInterpreters(extractInterpreterFacts(linkerdText, fileName), namerds);
}

/** Rule 12 on extracted facts. No namerd config, no diagnostics. */
export function checkInterpreters(interpreters: readonly InterpreterFact[], namerds: readonly NamerdFacts[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (namerds.length === 0) return out;
  for (const f of interpreters) checkInterpreter(f, namerds, out);
  return out;
}

function checkInterpreter(f: InterpreterFact, namerds: readonly NamerdFacts[], out: Diagnostic[]): void {
  const { kind, kindSpan } = f;
  const iface = INTERFACE_OF[kind]!.iface;
  const who = `Router '${f.router}'`;

  // The interface, then its port.
  const served = namerds.flatMap((n) => n.interfaces.filter((i) => i.kind === iface).map((i) => ({ n, i })));
  if (served.length === 0) {
    const others = list(namerds.flatMap((n) => n.interfaces.map((i) => i.kind)));
    const alternative = namerds.flatMap((n) => n.interfaces.map((i) => interpreterFor(i.kind))).find((k) => k !== undefined);
    const related: RelatedInfo[] = namerds.flatMap((n) => (n.interfacesSpan ? [{ uri: n.uri, span: n.interfacesSpan, message: `the interfaces ${n.name} serves` }] : []));
    out.push({
      code: 'config/namerd-interface-missing',
      severity: 'information',
      span: kindSpan,
      message:
        `${who} uses the ${kind} interpreter, which talks to namerd's ${iface} interface, but ${whichConfigs(namerds)} ` +
        `${namerds.length === 1 ? 'serves' : 'serve'} no ${iface} interface${others ? ` (only ${others})` : ''}. ` +
        `Add \`- kind: ${iface}\` to the \`interfaces:\` of ${namerds.length === 1 ? namerds[0]!.name : 'the namerd config this router uses'}` +
        `${alternative ? `, or switch this router to the ${alternative} interpreter` : ''}.`,
      ...(related.length ? { related } : {}),
    });
  } else {
    const port = f.dst?.port;
    if (f.dst && port !== undefined && !served.some(({ i }) => i.port === undefined || i.port === port)) {
      const ports = served.map(({ n, i }) => `${i.port}${namerds.length > 1 ? ` (${n.name})` : ''}`);
      const where = namerds.length === 1 ? namerds[0]!.name : 'that namerd config';
      out.push({
        code: 'config/namerd-interface-port',
        severity: 'information',
        span: f.dst.span,
        message:
          `The ${kind} interpreter of router '${f.router}' connects to port ${port}, but ${whichConfigs(namerds)} ${namerds.length === 1 ? 'serves' : 'serve'} ` +
          `${iface} on port ${list(ports)}. Change the port in \`dst\` to ${served[0]!.i.port}, or the interface's \`port\` in ${where}.`,
        related: served.map(({ n, i }) => ({ uri: n.uri, span: i.span, message: `${iface} listens on port ${i.port}${i.explicitPort ? '' : ' (its default)'}` })),
      });
    }
  }

  // The namespace, only when every namerd config keeps its dtabs in memory (elsewhere they live in the store).
  if (!namerds.every((n) => n.storageKind === 'io.l5d.inMemory')) return;
  const ns = f.namespace;
  if (!ns) return;
  const declared = namerds.flatMap((n) => n.namespaces.map((x) => x.name));
  if (declared.includes(ns.name)) return;
  const what = ns.given
    ? kind === 'io.l5d.mesh'
      ? `reads namerd namespace '${ns.name}' (its io.l5d.mesh \`root\` is ${ns.written})`
      : `reads namerd namespace '${ns.name}' through ${kind}`
    : `reads namerd namespace '${ns.name}' through ${kind} (the default when \`${kind === 'io.l5d.mesh' ? 'root' : 'namespace'}\` is not set)`;
  const known = list(declared);
  const use = kind === 'io.l5d.mesh' ? 'Point `root` at one of them (`/<namespace>`)' : 'Set `namespace` to one of them';
  out.push({
    code: 'config/namerd-namespace-unknown',
    severity: 'information',
    span: ns.span ?? kindSpan,
    message:
      `${who} ${what}, but the io.l5d.inMemory storage of ${whichConfigs(namerds)} ` +
      `${known ? `declares only ${known}` : 'declares no namespaces'}. ` +
      `${known ? `${use}, or add` : 'Add'} \`${ns.name}: <dtab>\` under \`storage.namespaces\` in ${namerds.length === 1 ? namerds[0]!.name : 'the namerd config this router uses'}.`,
    related: namerds.flatMap((n) => (n.namespacesSpan ? [{ uri: n.uri, span: n.namespacesSpan, message: `the namespaces ${n.name} declares` }] : [])),
  });
}

/** The namerd namespace an interpreter reads: `namespace` (default `default`) or the one segment of `root` (`/default`). */
function namespaceOf(kind: string, interp: unknown): { name: string; given: boolean; written?: string; span?: Span } | undefined {
  const key = kind === 'io.l5d.mesh' ? 'root' : 'namespace';
  const node = getValue(interp, key);
  if (node === undefined || (isScalar(node) && node.value == null)) return { name: 'default', given: false };
  const value = scalarString(node);
  if (value === undefined) return undefined;
  if (kind !== 'io.l5d.mesh') return { name: value, given: true, span: spanOf(node) };
  // A root of several segments is an error reported by the config checks; nothing to compare then.
  const segs = pathSegments(value);
  return value.startsWith('/') && segs.length === 1 ? { name: segs[0]!, given: true, written: value, span: spanOf(node) } : undefined;
}
