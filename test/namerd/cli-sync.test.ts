// `dtab namespaces | pull | diff | push | delete` as a user runs them, against the local namerd on 127.0.0.1:
// exit codes (0 done, 1 error, 2 usage, 3 conflict, 4 not found, 5 refused), plan-only without --yes and a terminal,
// the header round trip, and a conflict from a second writer.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createNamerdClient, type NamerdClient } from '../../server/src/namerd/client/index.js';
import { parseNamerdConfig } from '../../server/src/namerd/local-server/config.js';
import { startLocalNamerd, type LocalNamerd } from '../../server/src/namerd/local-server/server.js';
import { readCanonical } from '../../server/src/namerd/sync/cas.js';
import { dtabText } from '../../server/src/namerd/sync/canonical.js';
import { editBody, runCli } from './cli-helpers.js';

const CONFIG = `
storage:
  kind: io.l5d.inMemory
  namespaces:
    web: "/svc => /#/io.l5d.fs; /svc/web => /srv/web-v1"
    doomed: "/a => /b"
`;

describe('dtab namespaces / pull / diff / push / delete', () => {
  let server: LocalNamerd;
  let api: NamerdClient;
  let dir: string;
  let url: string;
  before(async () => {
    server = await startLocalNamerd({ config: parseNamerdConfig(CONFIG), host: '127.0.0.1', port: 0, dns: false });
    url = server.url;
    api = createNamerdClient({ baseUrl: url, timeoutMs: 5000 });
    dir = mkdtempSync(join(tmpdir(), 'dtab-cli-'));
  });
  after(async () => {
    api.dispose();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('namespaces: text and JSON; the URL from --namerd or DTAB_NAMERD_URL; none given is a usage error', async () => {
    const text = await runCli(['namespaces', '--namerd', url]);
    assert.equal(text.code, 0, text.stderr);
    assert.equal(text.stdout, 'doomed\nweb\n');
    const json = await runCli(['namespaces', '--json'], { DTAB_NAMERD_URL: url });
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), { ok: true, namespaces: ['doomed', 'web'] });
    const none = await runCli(['namespaces']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--namerd .* DTAB_NAMERD_URL/);
  });

  test('pull → edit → diff → push (plan only without --yes) → push --yes updates the header; a second writer makes the next push a conflict', async () => {
    const file = join(dir, 'web.dtab');
    const pulled = await runCli(['pull', 'web', '-o', file, '--namerd', url]);
    assert.equal(pulled.code, 0, pulled.stderr);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^# namerd: endpoint=http:\/\/127\.0\.0\.1:\d+\/? namespace=web version=AAAAAAAAAAE=\n/);

    const same = await runCli(['diff', 'web', file, '--namerd', url]);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /No differences/);

    writeFileSync(file, editBody(text, '/srv/web-v1', '/srv/web-v2') + '# why: web v2 rollout\n');
    const diff = await runCli(['diff', 'web', file, '--namerd', url]);
    assert.equal(diff.code, 0, diff.stderr);
    assert.match(diff.stdout, /^- \/svc\/web\s+=> \/srv\/web-v1$/m);
    assert.match(diff.stdout, /^\+ \/svc\/web\s+=> \/srv\/web-v2$/m);

    const planOnly = await runCli(['push', 'web', file, '--namerd', url]);
    assert.equal(planOnly.code, 0, planOnly.stderr);
    assert.match(planOnly.stdout, /Nothing was written/);
    assert.match(planOnly.stderr, /warning: namerd does not keep comments/);
    assert.equal((await readCanonical(api, 'web')).version, 'AAAAAAAAAAE=');

    const pushed = await runCli(['push', 'web', file, '--yes', '--json', '--namerd', url]);
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.deepEqual(JSON.parse(pushed.stdout), { ok: true, result: 'pushed', version: 'AAAAAAAAAAI=', verified: true });
    assert.equal(dtabText((await readCanonical(api, 'web')).dentries), '/svc=>/#/io.l5d.fs;/svc/web=>/srv/web-v2');
    const rewritten = readFileSync(file, 'utf8');
    assert.match(rewritten, /version=AAAAAAAAAAI=\n# namerd-base: \/svc=>\/#\/io.l5d.fs;\/svc\/web=>\/srv\/web-v2\n/);
    assert.match(rewritten, /# why: web v2 rollout/, 'the user\'s comments stay in the file');

    const cur = await readCanonical(api, 'web');
    await api.updateDtab('web', { format: 'text', text: '/svc=>/#/io.l5d.fs;/svc/web=>/srv/web-v2;/svc/api=>/srv/api' }, { ifMatch: cur.version });
    writeFileSync(file, editBody(rewritten, '/srv/web-v2', '/srv/web-v3'));
    const conflict = await runCli(['push', 'web', file, '--yes', '--namerd', url]);
    assert.equal(conflict.code, 3, conflict.stderr);
    assert.match(conflict.stdout, /Changed on namerd since version AAAAAAAAAAI= \(now AAAAAAAAAAM=\)/);
    assert.match(conflict.stdout, /\+ \/svc\/api\s+=> \/srv\/api/);
    assert.equal((await readCanonical(api, 'web')).dentries.length, 3, 'the second writer was not overwritten');
  });

  test('push refusals: syntax errors exit 5, a missing namespace exits 4, --create creates', async () => {
    const bad = join(dir, 'bad.dtab');
    writeFileSync(bad, '/a => /b;\n/c => ;\n');
    const refused = await runCli(['push', 'web', bad, '--yes', '--namerd', url]);
    assert.equal(refused.code, 5);
    assert.match(refused.stderr, /bad\.dtab:2:\d+: error: /);

    const good = join(dir, 'new.dtab');
    writeFileSync(good, '/svc => /srv;\n');
    const missing = await runCli(['push', 'fresh', good, '--yes', '--namerd', url]);
    assert.equal(missing.code, 4);
    assert.match(missing.stderr, /--create/);
    const created = await runCli(['push', 'fresh', good, '--yes', '--create', '--namerd', url]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created fresh: version AAAAAAAAAAE=/);
  });

  test('delete: plan only without --yes, then deleted; a missing namespace exits 4', async () => {
    const planOnly = await runCli(['delete', 'doomed', '--namerd', url]);
    assert.equal(planOnly.code, 0);
    assert.match(planOnly.stdout, /- \/a=>\/b/);
    assert.deepEqual((await api.listNamespaces()).includes('doomed'), true);
    const deleted = await runCli(['delete', 'doomed', '--yes', '--namerd', url]);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal((await api.listNamespaces()).includes('doomed'), false);
    const again = await runCli(['delete', 'doomed', '--yes', '--namerd', url]);
    assert.equal(again.code, 4);
  });

  test('an unreachable namerd exits 1 with a message', async () => {
    const r = await runCli(['namespaces', '--namerd', 'http://127.0.0.1:1', '--timeout', '2000']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Cannot reach namerd/);
  });
});
