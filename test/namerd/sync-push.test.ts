// push / pull / diff against the local namerd on 127.0.0.1: round trips, compare-and-set conflicts from a second
// writer (at plan time and between plan and apply), comment warnings, create, and 20 parallel pushers.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createNamerdClient, type NamerdClient } from '../../server/src/namerd/client/index.js';
import { startLocalNamerd, type LocalNamerd } from '../../server/src/namerd/local-server/server.js';
import { parseNamerdConfig } from '../../server/src/namerd/local-server/config.js';
import { pullDtab } from '../../server/src/namerd/sync/pull.js';
import { applyPush, planPush, type PushPlan } from '../../server/src/namerd/sync/push.js';
import { readCanonical } from '../../server/src/namerd/sync/cas.js';
import { dtabText } from '../../server/src/namerd/sync/canonical.js';
import { editBody } from './cli-helpers.js';
import { formatHeader } from '../../server/src/namerd/sync/header.js';

const CONFIG = `
storage:
  kind: io.l5d.inMemory
  namespaces:
    web: |
      /svc => /#/io.l5d.fs;
      /svc/web => /srv/web-v1;
      /host => /svc & 9 * /srv/other
`;

/** namerd's in-memory versions are base64 big-endian int64 counters (namerd-http-api.md §2.1). */
const versionNumber = (etag: string): number => Number(Buffer.from(etag, 'base64').readBigInt64BE());

function expectKind<K extends PushPlan['kind']>(plan: PushPlan, kind: K): Extract<PushPlan, { kind: K }> {
  assert.equal(plan.kind, kind, JSON.stringify(plan));
  return plan as Extract<PushPlan, { kind: K }>;
}

describe('push, pull and diff against the local namerd', () => {
  let server: LocalNamerd;
  let api: NamerdClient;
  let other: NamerdClient;
  beforeEach(async () => {
    server = await startLocalNamerd({ config: parseNamerdConfig(CONFIG), host: '127.0.0.1', port: 0, dns: false });
    api = createNamerdClient({ baseUrl: server.url, timeoutMs: 5000 });
    other = createNamerdClient({ baseUrl: server.url, timeoutMs: 5000 });
  });
  afterEach(async () => {
    api.dispose();
    other.dispose();
    await server.close();
  });

  const push = (text: string, create = false) => planPush(api, { namespace: 'web', text, endpoint: api.baseUrl, create });

  test('pull gives a formatted dtab under a header; pushing it unchanged is a no-op', async () => {
    const pulled = await pullDtab(api, 'web');
    assert.match(pulled.text, /^# namerd: endpoint=\S+ namespace=web version=AAAAAAAAAAE=\n# namerd-base: \/svc=>\/#\/io.l5d.fs;/);
    assert.match(pulled.text, /\/svc\/web\s+=> \/srv\/web-v1;/);
    assert.deepEqual(pulled.dentries.map((d) => d.dst), ['/#/io.l5d.fs', '/srv/web-v1', '/svc & 9.00*/srv/other']);
    const plan = await push(pulled.text);
    expectKind(plan, 'up-to-date');
    assert.deepEqual(plan.warnings, []);
  });

  test('edit, push with If-Match, read back: only the edited dentry changes; comments are warned about', async () => {
    const pulled = await pullDtab(api, 'web');
    const edited = editBody(pulled.text, '/srv/web-v1', '/srv/web-v2') + '# a note namerd will not keep\n';
    const plan = expectKind(await push(edited), 'update');
    assert.equal(plan.baseVersion, pulled.version);
    assert.deepEqual(plan.changes.filter((c) => c.kind !== 'unchanged'), [
      { kind: 'changed', before: { prefix: '/svc/web', dst: '/srv/web-v1' }, after: { prefix: '/svc/web', dst: '/srv/web-v2' } },
    ]);
    assert.equal(plan.warnings.length, 1);
    assert.match(plan.warnings[0]!, /namerd does not keep comments/);
    const result = await applyPush(api, plan);
    assert.equal(result.kind, 'written');
    assert.ok(result.kind === 'written' && result.verified);
    const now = await readCanonical(api, 'web');
    assert.equal(versionNumber(now.version), 2);
    assert.equal(dtabText(now.dentries), '/svc=>/#/io.l5d.fs;/svc/web=>/srv/web-v2;/host=>/svc & 9.00*/srv/other');
  });

  test('a stale file (second writer since the pull) is a conflict with the three-way difference; nothing is written', async () => {
    const pulled = await pullDtab(api, 'web');
    await other.updateDtab('web', { format: 'text', text: '/svc=>/#/io.l5d.fs;/svc/web=>/srv/web-v1;/host=>/svc' }, { ifMatch: pulled.version });
    const mine = editBody(pulled.text, '/srv/web-v1', '/srv/web-v3');
    const plan = expectKind(await push(mine), 'conflict');
    const tw = plan.conflict;
    assert.equal(tw.baseVersion, pulled.version);
    assert.deepEqual(tw.theirChanges!.filter((c) => c.kind !== 'unchanged').map((c) => c.kind === 'changed' && c.after.dst), ['/svc']);
    assert.deepEqual(tw.yourChanges.filter((c) => c.kind !== 'unchanged').map((c) => c.kind === 'changed' && c.after.dst), ['/srv/web-v3']);
    assert.deepEqual(tw.overlapping, []);
    const now = await readCanonical(api, 'web');
    assert.equal(versionNumber(now.version), 2);
    assert.equal(now.dentries[1]!.dst, '/srv/web-v1');
  });

  test('a write between plan and apply is a 412 conflict; the second writer is not overwritten', async () => {
    const plan = expectKind(await push('/svc => /#/io.l5d.fs; /svc/web => /srv/web-v2; /host => /svc & 9 * /srv/other'), 'update');
    await other.updateDtab('web', { format: 'text', text: '/svc=>/theirs' }, { ifMatch: plan.baseVersion });
    const result = await applyPush(api, plan);
    assert.equal(result.kind, 'conflict');
    assert.ok(result.kind === 'conflict');
    assert.deepEqual(result.conflict.theirs, [{ prefix: '/svc', dst: '/theirs' }]);
    assert.deepEqual((await readCanonical(api, 'web')).dentries, [{ prefix: '/svc', dst: '/theirs' }]);
  });

  test('a version bump with unchanged content does not block a push from an older pull', async () => {
    const pulled = await pullDtab(api, 'web');
    const same = await readCanonical(other, 'web');
    await other.updateDtab('web', { format: 'json', dentries: same.dentries }, { ifMatch: same.version });
    const plan = expectKind(await push(editBody(pulled.text, '/srv/web-v1', '/srv/web-v2')), 'update');
    assert.notEqual(plan.baseVersion, pulled.version);
    assert.match(plan.warnings.join('\n'), /content is what the file was based on/);
    assert.equal((await applyPush(api, plan)).kind, 'written');
  });

  test('a file with syntax errors is refused before namerd is touched', async () => {
    const plan = expectKind(await push('/svc => /a;\n/svc/web => ;\n'), 'refused');
    assert.ok(plan.errors.length > 0);
    assert.equal(versionNumber((await readCanonical(api, 'web')).version), 1);
  });

  test('a header for another namespace is not trusted', async () => {
    const pulled = await pullDtab(api, 'web');
    const plan = await planPush(api, { namespace: 'web', text: editBody(pulled.text.replace('namespace=web', 'namespace=prod'), 'web-v1', 'web-v9'), endpoint: api.baseUrl });
    expectKind(plan, 'update');
    assert.match(plan.warnings.join('\n'), /pulled from namespace prod/);
  });

  test('missing namespace: not-found, or an explicit create (POST) with --create', async () => {
    const missing = await planPush(api, { namespace: 'fresh', text: '/a => /b', endpoint: api.baseUrl });
    expectKind(missing, 'not-found');
    const create = expectKind(await planPush(api, { namespace: 'fresh', text: '/a => /b', endpoint: api.baseUrl, create: true }), 'create');
    const result = await applyPush(api, create);
    assert.ok(result.kind === 'written' && result.created && result.verified);
    assert.deepEqual((await readCanonical(api, 'fresh')).dentries, [{ prefix: '/a', dst: '/b' }]);
    // A create that loses the race to another creator is a conflict, not an overwrite.
    const late = expectKind(await planPush(api, { namespace: 'fresh2', text: '/a => /mine', endpoint: api.baseUrl, create: true }), 'create');
    await other.createDtab('fresh2', { format: 'text', text: '/a=>/theirs' });
    assert.equal((await applyPush(api, late)).kind, 'conflict');
    assert.deepEqual((await readCanonical(api, 'fresh2')).dentries, [{ prefix: '/a', dst: '/theirs' }]);
  });

  test('20 parallel pushers with If-Match: exactly one wins per version and no update is lost', async () => {
    const workers = 20;
    const wins = new Map<string, number>();
    const attempts = new Map<string, number>();
    await Promise.all(
      Array.from({ length: workers }, async (_, i) => {
        const client = createNamerdClient({ baseUrl: server.url, timeoutMs: 10_000 });
        try {
          for (let round = 0; round < 200; round++) {
            const cur = await readCanonical(client, 'web');
            // Like an edited pulled file: the header pins the version the edit is based on.
            const header = formatHeader({ endpoint: client.baseUrl, namespace: 'web', version: cur.version, base: cur.dentries });
            const text = `${header}${dtabText(cur.dentries)};/w${i}=>/srv/w${i}`;
            const plan = await planPush(client, { namespace: 'web', text, endpoint: client.baseUrl });
            if (plan.kind === 'conflict') continue; // namerd moved between the read and the plan: start over
            assert.equal(plan.kind, 'update');
            if (plan.kind !== 'update') return;
            attempts.set(plan.baseVersion, (attempts.get(plan.baseVersion) ?? 0) + 1);
            const r = await applyPush(client, plan);
            if (r.kind === 'written') {
              wins.set(plan.baseVersion, (wins.get(plan.baseVersion) ?? 0) + 1);
              return;
            }
            assert.equal(r.kind, 'conflict');
          }
          assert.fail(`pusher ${i} never won`);
        } finally {
          client.dispose();
        }
      }),
    );
    const final = await readCanonical(api, 'web');
    assert.equal(versionNumber(final.version), 1 + workers, 'one version per successful push');
    for (const [version, n] of wins) assert.equal(n, 1, `version ${version} had ${n} winners`);
    assert.equal(wins.size, workers);
    for (let i = 0; i < workers; i++) assert.ok(final.dentries.some((d) => d.prefix === `/w${i}`), `the push of /w${i} was lost`);
    assert.ok([...attempts.values()].some((n) => n > 1), 'the pushers really raced');
  });
});
