import { test } from 'node:test';
import assert from 'node:assert/strict';
import { embeddedDtabTarget } from '../../../client/src/namerd/embeddedTarget.js';
import type { FileTarget, MappingTarget, TargetInputs } from '../../../client/src/namerd/target.js';

const endpoints = new Map([
  ['local', 'http://127.0.0.1:4180'],
  ['prod', 'https://namerd.example:4180'],
]);
const inputs = (over: Partial<TargetInputs>): TargetInputs => ({ text: 'routers: []\n', relativePath: 'config/linkerd.yaml', mapping: new Map<string, MappingTarget>(), endpoints, ...over });

test('embedded dtab target: a router dtab follows the file rules; a namerd.yaml namespace value is its key', () => {
  const router = { kind: 'router' as const, name: 'edge' };
  const ns = { kind: 'namespace' as const, name: 'staging' };
  const cases: [string, FileTarget][] = [];
  const check = (what: string, got: FileTarget, want: FileTarget | { ok: false; unmapped: boolean }) => {
    if (want.ok) assert.deepEqual(got, want, what);
    else assert.deepEqual({ ok: got.ok, unmapped: !got.ok && got.unmapped }, want, what);
    cases.push([what, got]);
  };
  // router: pragma, then mapping, else unlinked
  check('router, pragma', embeddedDtabTarget(router, inputs({ text: '# namerd: prod/default\nrouters: []\n' })), { ok: true, endpoint: 'prod', namespace: 'default', reason: 'pragma', version: undefined });
  check('router, mapping', embeddedDtabTarget(router, inputs({ mapping: new Map([['linkerd.yaml', { namespace: 'default' }]]), defaultEndpoint: 'local' })), {
    ok: true, endpoint: 'local', namespace: 'default', reason: 'mapping linkerd.yaml', version: undefined,
  });
  check('router, unmapped', embeddedDtabTarget(router, inputs({ defaultEndpoint: 'local' })), { ok: false, unmapped: true });
  // namespace: the key wins over the pragma's or mapping's namespace; their endpoint is kept
  check('namespace, pragma endpoint', embeddedDtabTarget(ns, inputs({ text: '# namerd: prod/default\n' })), { ok: true, endpoint: 'prod', namespace: 'staging', reason: 'namespace key' });
  check('namespace, mapping endpoint', embeddedDtabTarget(ns, inputs({ mapping: new Map([['*.yaml', { namespace: 'x', endpoint: 'prod' }]]), defaultEndpoint: 'local' })), {
    ok: true, endpoint: 'prod', namespace: 'staging', reason: 'namespace key',
  });
  check('namespace, unmapped file: default endpoint', embeddedDtabTarget(ns, inputs({ defaultEndpoint: 'local' })), { ok: true, endpoint: 'local', namespace: 'staging', reason: 'namespace key' });
  check('namespace, no default endpoint', embeddedDtabTarget(ns, inputs({})), { ok: false, unmapped: false });
  check('namespace, unknown default endpoint', embeddedDtabTarget(ns, inputs({ defaultEndpoint: 'gone' })), { ok: false, unmapped: false });
  check('namespace, pragma names an unknown endpoint', embeddedDtabTarget(ns, inputs({ text: '# namerd: gone/default\n' })), { ok: false, unmapped: false });
  // the failures say what to configure
  for (const [what, got] of cases) if (!got.ok) assert.match(got.message, /dtab\.namerd\.|# namerd:/, what);
});
