// Keys and kinds that older linkerd releases accepted and 1.7.5 rejects (spec §2.1, §2.11, §8.3 rule 14), with the
// replacement to suggest. A rename is offered as a quick fix; a removal only as a hint.

export interface LegacyKey {
  /** Where the key is legacy: router (any protocol), client (global), or any TLS block. */
  readonly where: 'router' | 'client' | 'clientTls';
  readonly key: string;
  /** The key to rename it to, when it is a plain rename at the same place. */
  readonly renameTo?: string;
  /** What to do instead (shown in the message). */
  readonly hint: string;
}

export const LEGACY_KEYS: readonly LegacyKey[] = [
  { where: 'router', key: 'baseDtab', renameTo: 'dtab', hint: '`baseDtab` was renamed `dtab` in linkerd 0.9' },
  { where: 'router', key: 'loggers', hint: '`loggers` became `requestAuthorizers` (1.4.0) and moved under `client` (1.6.0): use `client.requestAuthorizers`' },
  { where: 'router', key: 'maxRequestKB', hint: '`maxRequestKB` was removed in 1.7.0: requests are streamed; use `streamAfterContentLengthKB`' },
  { where: 'router', key: 'maxResponseKB', hint: '`maxResponseKB` was removed in 1.7.0: responses are streamed; use `streamAfterContentLengthKB`' },
  { where: 'router', key: 'maxChunkKB', hint: '`maxChunkKB` was removed in 1.6.0; use `streamAfterContentLengthKB`' },
  { where: 'router', key: 'engine', hint: '`engine` was removed in 1.3.0 (netty4 is the only engine): delete it' },
  { where: 'router', key: 'thriftFramed', hint: '`thriftFramed` moved to `servers[].thriftFramed` and `client.thriftFramed`' },
  { where: 'router', key: 'timeoutMs', hint: 'router-level `timeoutMs` is gone: use `service.totalTimeoutMs` (or `client.requestAttemptTimeoutMs`)' },
  { where: 'router', key: 'responseClassifier', hint: '`responseClassifier` moved to `service.responseClassifier`' },
  { where: 'router', key: 'retries', hint: '`retries` moved to `service.retries`' },
  { where: 'router', key: 'loadBalancer', hint: '`loadBalancer` moved to `client.loadBalancer`' },
  { where: 'router', key: 'failureAccrual', hint: '`failureAccrual` moved to `client.failureAccrual`' },
  { where: 'client', key: 'prefix', hint: 'a global client has no `prefix`: use `kind: io.l5d.static` with `configs: [{prefix: ..., ...}]`' },
  { where: 'clientTls', key: 'kind', hint: 'client TLS has no `kind` any more (io.l5d.noValidation / io.l5d.boundPath are gone): set `commonName`, or `disableValidation: true`' },
  { where: 'clientTls', key: 'caCertPath', hint: 'client TLS has no `caCertPath`: use `trustCertsBundle`' },
];

/** Renamed kinds, by family id (spec §2.11 and §8.3 rule 14). */
export const LEGACY_KINDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'identifiers.http': {
    'io.l5d.headerToken': 'io.l5d.header.token',
    'io.l5d.headerPath': 'io.l5d.header.path',
    'io.l5d.http.ingress': 'io.l5d.ingress',
    'io.l5d.h2.ingress': 'io.l5d.ingress',
  },
  'identifiers.h2': {
    'io.l5d.headerToken': 'io.l5d.header.token',
    'io.l5d.headerPath': 'io.l5d.header.path',
    'io.l5d.http.ingress': 'io.l5d.ingress',
    'io.l5d.h2.ingress': 'io.l5d.ingress',
  },
  'responseClassifiers.http': {
    'io.l5d.nonRetryable5XX': 'io.l5d.http.nonRetryable5XX',
    'io.l5d.retryableRead5XX': 'io.l5d.http.retryableRead5XX',
    'io.l5d.retryableIdempotent5XX': 'io.l5d.http.retryableIdempotent5XX',
  },
  'responseClassifiers.h2': {
    'io.l5d.nonRetryable5XX': 'io.l5d.h2.nonRetryable5XX',
    'io.l5d.retryableRead5XX': 'io.l5d.h2.retryableRead5XX',
    'io.l5d.retryableIdempotent5XX': 'io.l5d.h2.retryableIdempotent5XX',
  },
};

export function legacyKey(where: LegacyKey['where'], key: string): LegacyKey | undefined {
  return LEGACY_KEYS.find((l) => l.where === where && l.key === key);
}
