// Rules that relate different sections of one config (spec §8.3): unique router labels, unique server sockets
// (including the admin port), announcer prefixes, namerd namer-prefix overlap, `/#/` references from client static
// prefixes, prefix semantics, and dstPrefix coverage. linkerd only notices most of these at startup.

import type { Diagnostic } from '../diagnostic.js';
import { AnyElem, type DtabDocument, type Path, type Span } from '../dtab/ast.js';
import { defaultAdminPort, defaultServerPort, familyFor, isProtocol, type Family, type Product } from './model.js';
import { deref, getPair, getValue, isMap, isScalar, scalarString, seqItems, spanOf, type Document, type YMap } from './yaml-doc.js';

/** Splits a config path string (`/io.l5d.fs`, `/#/x`) into segments; no escapes are decoded here. */
export function pathSegments(s: string): string[] {
  return s.split('/').filter((x) => x !== '');
}

/** Is `prefix` a segment-wise prefix of `path`? `*` in the prefix matches any segment. */
export function segmentPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== '*' && prefix[i] !== path[i]) return false;
  return true;
}

export interface NamerInfo {
  readonly kind: string;
  /** Effective prefix segments, starting with `#`. */
  readonly prefix: Path;
  readonly node: YMap;
}

/** Effective `/#` prefixes of the configured namers (spec §3.1): `/#` + (prefix ?? kind default). */
export function collectNamers(root: unknown, product: Product, doc: Document.Parsed | undefined): NamerInfo[] {
  const fam = familyFor('namers', { product })!;
  const out: NamerInfo[] = [];
  for (const item of seqItems(deref(getValue(root, 'namers'), doc))) {
    const n = deref(item, doc);
    if (!isMap(n)) continue;
    const kind = scalarString(getValue(n, 'kind'));
    if (kind === undefined) continue;
    const explicit = scalarString(getValue(n, 'prefix'));
    const def = fam.kinds.get(kind)?.defaultPrefix ?? `/${kind}`;
    const prefix = explicit ?? def;
    if (prefix === null) continue;
    out.push({ kind, prefix: ['#', ...pathSegments(prefix)], node: n });
  }
  return out;
}

const showPathSegs = (p: readonly string[]): string => '/' + p.join('/');

const linkerdFamilies = new Map<string, Family>();
/** A linkerd family, looked up once (familyFor builds a key string per question). */
function linkerdFamily(id: 'announcers' | 'transformers'): Family {
  let fam = linkerdFamilies.get(id);
  if (!fam) linkerdFamilies.set(id, (fam = familyFor(id, { product: 'linkerd' })!));
  return fam;
}

function routersOf(root: unknown, doc: Document.Parsed | undefined): YMap[] {
  return seqItems(deref(getValue(root, 'routers'), doc))
    .map((r) => deref(r, doc))
    .filter((r): r is YMap => isMap(r));
}

export function routerLabel(r: YMap): string | undefined {
  return scalarString(getValue(r, 'label')) ?? scalarString(getValue(r, 'protocol'));
}

/** Interpreters whose names are resolved by namerd, not by this linkerd's `namers:` (spec §2.13). */
export function usesRemoteNamers(router: YMap): boolean {
  const kind = scalarString(getValue(getValue(router, 'interpreter'), 'kind'));
  return kind === 'io.l5d.namerd' || kind === 'io.l5d.namerd.http' || kind === 'io.l5d.mesh';
}

interface Socket {
  ip: string;
  port: number;
  span: Span;
  what: string;
}

function intValue(node: unknown): number | undefined {
  return isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) ? node.value : undefined;
}

function checkSockets(sockets: Socket[], admin: Socket | undefined, out: Diagnostic[], conflictMessage: (s: Socket) => string): void {
  const byKey = new Map<string, Socket>();
  const byPort = new Map<number, Socket[]>();
  for (const s of sockets) {
    const key = `${s.ip}:${s.port}`;
    const first = byKey.get(key);
    if (first) {
      out.push({
        code: 'config/port-conflict',
        severity: 'error',
        span: s.span,
        message: conflictMessage(s),
        related: [{ span: first.span, message: `${first.what} already uses ${key}` }],
      });
      continue;
    }
    byKey.set(key, s);
    const same = byPort.get(s.port) ?? [];
    const wildcard = same.find((o) => o.ip !== s.ip && (o.ip === '0.0.0.0' || s.ip === '0.0.0.0'));
    if (wildcard) {
      out.push({
        code: 'config/port-conflict',
        severity: 'warning',
        span: s.span,
        message: `Port ${s.port} is also used by ${wildcard.what} on ${wildcard.ip}; with 0.0.0.0 on one side the second bind fails. Use different ports.`,
        related: [{ span: wildcard.span, message: `${wildcard.what} listens on ${wildcard.ip}:${s.port}` }],
      });
    }
    same.push(s);
    byPort.set(s.port, same);
    if (admin && admin.port === s.port && (admin.ip === s.ip || admin.ip === '0.0.0.0' || s.ip === '0.0.0.0')) {
      out.push({
        code: 'config/port-conflict',
        severity: 'warning',
        span: s.span,
        message: `${s.what} uses the admin port ${s.port}${admin.span.end > 0 ? '' : ' (the default admin port)'}; one of them will fail to bind. Pick another port.`,
        ...(admin.span.end > 0 ? { related: [{ span: admin.span, message: 'the admin server listens here' }] } : {}),
      });
    }
  }
}

function adminSocket(root: unknown, product: Product, doc: Document.Parsed | undefined): Socket {
  const admin = deref(getValue(root, 'admin'), doc);
  const portNode = getValue(admin, 'port');
  return {
    ip: scalarString(getValue(admin, 'ip')) ?? '127.0.0.1',
    port: intValue(portNode) ?? defaultAdminPort(product),
    span: portNode ? spanOf(portNode) : { start: 0, end: 0 },
    what: 'the admin server',
  };
}

export function linkerdCrossChecks(root: unknown, doc: Document.Parsed | undefined, namers: readonly NamerInfo[], out: Diagnostic[]): void {
  const routers = routersOf(root, doc);
  // 5. Unique labels.
  const labels = new Map<string, YMap>();
  for (const r of routers) {
    const label = routerLabel(r);
    if (label === undefined) continue;
    const first = labels.get(label);
    if (first) {
      const at = getPair(r, 'label') ?? getPair(r, 'protocol')!;
      out.push({
        code: 'config/duplicate-label',
        severity: 'error',
        span: spanOf(at.value),
        message: `Multiple routers with the label ${label}. Give each router a unique \`label\` (an unlabeled router is labeled by its protocol).`,
        related: [{ span: spanOf((getPair(first, 'label') ?? getPair(first, 'protocol')!).value), message: `the other router labeled ${label}` }],
      });
    } else labels.set(label, r);
  }
  // 6. Unique sockets.
  const sockets: Socket[] = [];
  for (const r of routers) {
    const protocol = scalarString(getValue(r, 'protocol'));
    if (!isProtocol(protocol)) continue;
    for (const s of seqItems(deref(getValue(r, 'servers'), doc))) {
      const server = deref(s, doc);
      if (!isMap(server) && !(isScalar(server) && server.value == null)) continue;
      const portNode = getValue(server, 'port');
      const port = portNode === undefined ? defaultServerPort(protocol) : intValue(portNode);
      if (port === undefined) continue;
      const span = portNode ? spanOf(portNode) : spanOf(server);
      sockets.push({ ip: scalarString(getValue(server, 'ip')) ?? '127.0.0.1', port, span, what: `router '${routerLabel(r)}'` });
    }
  }
  checkSockets(sockets, adminSocket(root, 'linkerd', doc), out, (s) => `Server conflict on port ${s.port}. Another server already listens on ${s.ip}:${s.port}; change one \`port\` (or \`ip\`).`);
  // The namers' transformer prefixes, the same for every router: read once, when a router needs them.
  let namersOwn: string[][] | undefined;
  const namerTransformers = (): string[][] => (namersOwn ??= namers.flatMap((n) => transformerPrefixes(getValue(n.node, 'transformers'), doc)));
  for (const r of routers) {
    const interpreter = scalarString(getValue(deref(getValue(r, 'interpreter'), doc), 'kind')) ?? 'default';
    const protocolPair = getPair(r, 'protocol');
    // (A legacy `baseDtab` is reported on its own; an unknown protocol has no router to speak of.)
    if (interpreter === 'default' && !getPair(r, 'dtab') && !getPair(r, 'baseDtab') && protocolPair && isProtocol(scalarString(protocolPair.value))) {
      out.push({
        code: 'config/dst-prefix-unrouted',
        severity: 'information',
        span: spanOf(protocolPair.value),
        message: `Router '${routerLabel(r)}' has no \`dtab\` and uses the default interpreter, so every name resolves negatively. Add a \`dtab:\` (e.g. \`/svc => /#/io.l5d.fs;\`).`,
      });
    }
    checkAnnounce(r, doc, out);
    checkStaticPrefixes(r, doc, namers, namerTransformers, out);
    checkInterpreterPort(r, doc, out);
  }
}

/**
 * Which namerd interface each remote interpreter talks to, with its default port (spec §2.13, §4.2, §8.3 rule 12).
 * Also the table of the cross-file rule (cross-file.ts).
 */
export const INTERFACE_OF: Readonly<Record<string, { readonly iface: string; readonly port: number }>> = {
  'io.l5d.namerd': { iface: 'io.l5d.thriftNameInterpreter', port: 4100 },
  'io.l5d.namerd.http': { iface: 'io.l5d.httpController', port: 4180 },
  'io.l5d.mesh': { iface: 'io.l5d.mesh', port: 4321 },
};

// 12. A `dst` on another interface's default port is almost always the wrong interpreter or the wrong port.
function checkInterpreterPort(r: YMap, doc: Document.Parsed | undefined, out: Diagnostic[]): void {
  const interp = deref(getValue(r, 'interpreter'), doc);
  const kind = scalarString(getValue(interp, 'kind'));
  const mine = kind ? INTERFACE_OF[kind] : undefined;
  const dstNode = getValue(interp, 'dst');
  const segs = pathSegments(scalarString(dstNode) ?? '');
  if (!mine || segs[0] !== '$' || segs[1] !== 'inet' || segs.length < 4) return;
  const port = Number(segs[3]);
  const other = Object.entries(INTERFACE_OF).find(([k, v]) => k !== kind && v.port === port);
  if (!other || port === mine.port) return;
  out.push({
    code: 'config/interpreter-port',
    severity: 'information',
    span: spanOf(dstNode),
    message: `${kind} talks to namerd's ${mine.iface} interface (default port ${mine.port}), but dst uses port ${port}, the default port of ${other[1].iface} (which ${other[0]} uses). Check the port or the interpreter kind.`,
  });
}

// 7. servers[].announce entries need an announcer whose effective prefix they start with.
function checkAnnounce(r: YMap, doc: Document.Parsed | undefined, out: Diagnostic[]): void {
  const prefixes: string[][] = [];
  for (const a of seqItems(deref(getValue(r, 'announcers'), doc))) {
    const ann = deref(a, doc);
    const kind = scalarString(getValue(ann, 'kind'));
    const def = kind ? linkerdFamily('announcers').kinds.get(kind)?.defaultPrefix : undefined;
    const p = scalarString(getValue(ann, 'prefix')) ?? def ?? (kind ? `/${kind}` : undefined);
    if (p) prefixes.push(['#', ...pathSegments(p)]);
  }
  for (const s of seqItems(deref(getValue(r, 'servers'), doc))) {
    for (const a of seqItems(deref(getValue(deref(s, doc), 'announce'), doc))) {
      const name = scalarString(a);
      if (name === undefined) continue;
      if (prefixes.some((p) => segmentPrefix(p, pathSegments(name)))) continue;
      const known = prefixes.map(showPathSegs);
      out.push({
        code: 'config/announcer-prefix',
        severity: 'warning',
        span: spanOf(a),
        message: `no announcer found for ${name}. ${known.length ? `Start it with an announcer prefix (${known.join(', ')}).` : 'Add an `announcers:` entry to this router (e.g. kind: io.l5d.serversets).'}`,
      });
    }
  }
}

// 1 (client prefixes) and 10: client static prefixes are bound names, service static prefixes logical names.
function checkStaticPrefixes(
  r: YMap, doc: Document.Parsed | undefined, namers: readonly NamerInfo[], namerTransformers: () => string[][], out: Diagnostic[],
): void {
  let interp: string[][] | undefined;
  const interpTransformers = (): string[][] => (interp ??= transformerPrefixes(getValue(deref(getValue(r, 'interpreter'), doc), 'transformers'), doc));
  const allTransformers = (): string[][] => [...interpTransformers(), ...namerTransformers()];
  for (const which of ['client', 'service'] as const) {
    const block = deref(getValue(r, which), doc);
    if (scalarString(getValue(block, 'kind')) !== 'io.l5d.static') continue;
    for (const c of seqItems(deref(getValue(block, 'configs'), doc))) {
      const prefixNode = getValue(deref(c, doc), 'prefix');
      const prefix = scalarString(prefixNode);
      if (prefix === undefined) continue;
      const segs = pathSegments(prefix);
      if (which === 'client' && segs[0] === 'svc') {
        out.push({ code: 'config/prefix-semantics', severity: 'information', span: spanOf(prefixNode), message: `Client prefixes match bound client names (/#/..., /$/..., /%/...), not logical names like ${prefix}; this entry probably never applies. Did you mean to put it under \`service\`?` });
      } else if (which === 'service' && segs[0] === '#') {
        out.push({ code: 'config/prefix-semantics', severity: 'information', span: spanOf(prefixNode), message: `Service prefixes match logical names (such as /svc/foo), not bound names like ${prefix}; this entry probably never applies. Did you mean to put it under \`client\`?` });
      } else if (which === 'client' && segs[0] === '#' && interpTransformers().length > 0) {
        out.push({
          code: 'config/prefix-semantics',
          severity: 'information',
          span: spanOf(prefixNode),
          message: `This router's interpreter has transformers, so client names start with ${interpTransformers().map(showPathSegs).join(' or ')}/... instead of /#/...; ${prefix} probably never matches. Start the prefix with the transformer prefix.`,
        });
      } else if (which === 'client' && segs[0] === '%' && !allTransformers().some((t) => segmentPrefix(t, segs.map(wild)) || segmentPrefix(segs.map(wild), t))) {
        const all = allTransformers();
        out.push({
          code: 'config/prefix-semantics',
          severity: 'information',
          span: spanOf(prefixNode),
          message: `No transformer produces names under ${prefix}: ${all.length ? `configured transformer prefixes are ${all.map(showPathSegs).join(', ')}` : 'no transformers are configured'}.`,
        });
      } else if (which === 'client' && segs[0] === '#' && segs.length > 1 && !usesRemoteNamers(r)) {
        // A capture or wildcard segment matches any namer prefix segment.
        const pattern = segs.map((x) => (x.includes('{') || x === '*' ? '*' : x));
        const ok = namers.some((n) => segmentPrefix(pattern.slice(0, n.prefix.length), n.prefix) || segmentPrefix(n.prefix, pattern));
        if (!ok) {
          out.push({
            code: 'config/unknown-namer',
            severity: 'warning',
            span: spanOf(prefixNode),
            message: `No namer serves ${prefix}: configured namer prefixes are ${namers.length ? namers.map((n) => showPathSegs(n.prefix)).join(', ') : 'none'}. Add a \`namers:\` entry for it or fix the prefix.`,
          });
        }
      }
    }
  }
}

/** Capture and wildcard segments of a prefix pattern match any segment. */
const wild = (seg: string): string => (seg === '*' || seg.includes('{') || seg.startsWith('<') ? '*' : seg);

/** Effective `/%` prefixes of a transformers list (spec §2.14); `<placeholders>` of default prefixes match anything. */
function transformerPrefixes(list: unknown, doc: Document.Parsed | undefined): string[][] {
  const out: string[][] = [];
  const items = seqItems(deref(list, doc));
  if (items.length === 0) return out;
  const fam = linkerdFamily('transformers');
  for (const t of items) {
    const tr = deref(t, doc);
    const kind = scalarString(getValue(tr, 'kind'));
    const p = scalarString(getValue(tr, 'prefix')) ?? (kind ? (fam.kinds.get(kind)?.defaultPrefix ?? undefined) : undefined);
    if (p) out.push(['%', ...pathSegments(p).map(wild)]);
  }
  return out;
}

// 11. namerd: namer prefixes must not be empty or overlap.
export function namerdCrossChecks(root: unknown, doc: Document.Parsed | undefined, namers: readonly NamerInfo[], out: Diagnostic[]): void {
  for (let i = 0; i < namers.length; i++) {
    const n = namers[i]!;
    const at = spanOf((getPair(n.node, 'prefix') ?? getPair(n.node, 'kind'))!.value);
    if (n.prefix.length <= 1) {
      out.push({ code: 'config/namer-prefix-overlap', severity: 'error', span: at, message: 'Namers must not have an empty prefix. Give this namer a `prefix` such as /disco.' });
      continue;
    }
    for (let j = 0; j < i; j++) {
      const m = namers[j]!;
      if (m.prefix.length <= 1) continue;
      if (segmentPrefix(m.prefix, n.prefix) || segmentPrefix(n.prefix, m.prefix)) {
        out.push({
          code: 'config/namer-prefix-overlap',
          severity: 'error',
          span: at,
          message: `Namers must not have overlapping prefixes: ${showPathSegs(m.prefix)} & ${showPathSegs(n.prefix)}. Give one of them a distinct \`prefix\`.`,
          related: [{ span: spanOf((getPair(m.node, 'prefix') ?? getPair(m.node, 'kind'))!.value), message: `the namer serving ${showPathSegs(m.prefix)}` }],
        });
      }
    }
  }
  // Interfaces bind sockets too; two on one ip:port cannot both start.
  const fam = familyFor('interfaces', { product: 'namerd' })!;
  const sockets: Socket[] = [];
  for (const item of seqItems(deref(getValue(root, 'interfaces'), doc))) {
    const iface = deref(item, doc);
    const kind = scalarString(getValue(iface, 'kind'));
    const portNode = getValue(iface, 'port');
    const port = portNode === undefined ? (kind ? fam.kinds.get(kind)?.defaultPort : undefined) : intValue(portNode);
    if (port === undefined) continue;
    sockets.push({ ip: scalarString(getValue(iface, 'ip')) ?? '127.0.0.1', port, span: portNode ? spanOf(portNode) : spanOf(getPair(iface, 'kind')!.value), what: `interface ${kind}` });
  }
  checkSockets(sockets, adminSocket(root, 'namerd', doc), out, (s) => `Two namerd interfaces listen on ${s.ip}:${s.port}; the second cannot bind. Change one \`port\`.`);
}

/** 4. dstPrefix coverage (info): with the default interpreter, some dentry must match names under dstPrefix. */
export function checkDstPrefixCoverage(router: YMap, dtab: DtabDocument, span: Span, out: Diagnostic[]): void {
  const kind = scalarString(getValue(getValue(router, 'interpreter'), 'kind')) ?? 'default';
  if (kind !== 'default' || dtab.errors.length > 0) return;
  const dstPrefix = pathSegments(scalarString(getValue(router, 'dstPrefix')) ?? '/svc');
  // The dentries' values, not their syntax trees: the dtab checks have built the values already.
  const covered = dtab.dentries.some((d) => d.value !== undefined && compatible(d.value.prefix.map((e) => (e === AnyElem ? '*' : e)), dstPrefix));
  if (!covered) {
    out.push({
      code: 'config/dst-prefix-unrouted',
      severity: 'information',
      span,
      message: `No dentry matches names under the router's dstPrefix ${showPathSegs(dstPrefix)}: every request would resolve negatively. Add a dentry such as \`${showPathSegs(dstPrefix)} => /#/...;\`.`,
    });
  }
}

/** True when the dentry prefix and dstPrefix can match the same name (one extends the other, `*` matching any). */
function compatible(p: readonly string[], dst: readonly string[]): boolean {
  const n = Math.min(p.length, dst.length);
  for (let i = 0; i < n; i++) if (p[i] !== '*' && p[i] !== dst[i]) return false;
  return true;
}
