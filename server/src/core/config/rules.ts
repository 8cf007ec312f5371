// Value rules that belong to one block (spec §8.2 parse/mk checks that are not plain types): client TLS
// combinations, retry bounds, the mesh root, sample rates, ACL permissions, streaming options. The walker calls the
// rule registered for a shape id or `<family id>:<kind>` after checking the block's keys.

import type { Diagnostic } from '../diagnostic.js';
import { getPair, getValue, isMap, isScalar, scalarString, seqItems, spanOf, type YMap } from './yaml-doc.js';

export type Rule = (map: YMap, out: Diagnostic[], router: string | undefined) => void;

const num = (node: unknown): number | undefined => (isScalar(node) && typeof node.value === 'number' ? node.value : undefined);

function err(out: Diagnostic[], node: unknown, message: string, code = 'config/invalid-value', severity: Diagnostic['severity'] = 'error'): void {
  out.push({ code, severity, span: spanOf(node), message });
}

const clientTls: Rule = (map, out) => {
  const enabled = scalarString(getValue(map, 'enabled')) !== 'false';
  const disableValidation = scalarString(getValue(map, 'disableValidation')) === 'true';
  const clientAuth = getPair(map, 'clientAuth');
  if (disableValidation && clientAuth) {
    err(out, clientAuth.key, 'requirement failed: disableValidation: true is incompatible with clientAuth. Remove `clientAuth` or turn validation back on.');
  }
  const trustCerts = getPair(map, 'trustCerts');
  if (trustCerts && getPair(map, 'trustCertsBundle')) {
    err(out, trustCerts.key, 'Both trustCerts and trustCertsBundle have been set. Please use only trustCertsBundle.');
  } else if (trustCerts) {
    err(out, trustCerts.key, 'trustCerts configuration option is deprecated, please consider using trustCertsBundle', 'config/deprecated', 'warning');
  }
  if (enabled && !disableValidation && !getPair(map, 'commonName')) {
    const first = map.items[0] as { key: unknown } | undefined;
    err(out, first ? first.key : map, 'tls is configured with validation but `commonName` is not set. Add `commonName:` (the name in the server certificate), or `disableValidation: true`.', 'config/missing-required');
  }
};

const namerdRetry: Rule = (map, out) => {
  const b = num(getValue(map, 'baseSeconds'));
  const m = num(getValue(map, 'maxSeconds'));
  if (b !== undefined && m !== undefined && !(b > 0 && b <= m)) {
    err(out, getPair(map, 'baseSeconds')!.value, `illegal retry values: baseSeconds=${b} maxSeconds=${m}. Both must be positive and baseSeconds <= maxSeconds.`);
  }
};

const meshInterpreter: Rule = (map, out) => {
  const root = getValue(map, 'root');
  const s = scalarString(root);
  if (s !== undefined && s.startsWith('/') && s.split('/').filter((x) => x !== '').length !== 1) {
    err(out, root, `io.l5d.mesh: \`root\` may only contain a single path element (for now): ${s}. Use the namerd namespace, e.g. /default.`);
  }
};

const recentRequests: Rule = (map, out) => {
  const v = getValue(map, 'sampleRate');
  const r = num(v);
  if (r !== undefined && (r < 0 || r > 1)) err(out, v, 'sampleRate must be between 0.0 and 1.0');
};

const zkAcl: Rule = (map, out) => {
  const v = getValue(map, 'perms');
  const p = scalarString(v);
  if (p !== undefined && !(/^[crwda]+$/.test(p) && new Set(p).size === p.length)) {
    err(out, v, `${p} is not a valid permission string. Use letters from crwda, each at most once.`);
  }
};

const headerPath: Rule = (map, out) => {
  const v = getValue(map, 'segments');
  const n = num(v);
  if (n !== undefined && n < 1) err(out, v, '`segments` must be >= 1');
};

const httpRouter: Rule = (map, out, router) => {
  const streaming = getValue(map, 'streamingEnabled');
  const after = getPair(map, 'streamAfterContentLengthKB');
  if (scalarString(streaming) === 'false' && after) {
    err(out, after.key, `Conflicting streaming options set. Can't disable streaming and set streamAfterContentLengthKB in ${router ?? 'http'}. Remove one of them.`);
  }
};

/** zkLeader, zk storage and the serversets announcer have no default ZooKeeper port (spec §6 defs.hostAndPort). */
const zkAddrsNeedPort: Rule = (map, out) => {
  for (const item of seqItems(getValue(map, 'zkAddrs'))) {
    if (isMap(item) && getPair(item, 'host') && !getPair(item, 'port')) {
      err(out, getPair(item, 'host')!.key, 'port must be specified. Add `port:` (ZooKeeper usually listens on 2181).', 'config/missing-required');
    }
  }
};

const RULES: Readonly<Record<string, Rule>> = {
  'defs.clientTls': clientTls,
  'defs.namerdRetry': namerdRetry,
  'defs.zkAcl': zkAcl,
  'interpreters:io.l5d.mesh': meshInterpreter,
  'telemetry:io.l5d.recentRequests': recentRequests,
  'identifiers.h2:io.l5d.header.path': headerPath,
  'router:http': httpRouter,
  'namers:io.l5d.zkLeader': zkAddrsNeedPort,
  'storage:io.l5d.zk': zkAddrsNeedPort,
  'announcers:io.l5d.serversets': zkAddrsNeedPort,
};

/** The rule of a block: a shape id, `router:<protocol>` or `<family id>:<kind>`. */
export function ruleFor(owner: string): Rule | undefined {
  return Object.prototype.hasOwnProperty.call(RULES, owner) ? RULES[owner] : undefined;
}

export function applyBlockRule(owner: string, map: YMap, out: Diagnostic[], router: string | undefined): void {
  ruleFor(owner)?.(map, out, router);
}
