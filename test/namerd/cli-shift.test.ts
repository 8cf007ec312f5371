// `dtab shift` as a user runs it against the local namerd on 127.0.0.1: plan only without --yes, a full run, a
// refused preflight, status/history, rollback and abort from a second invocation, and a shift whose process is
// killed with SIGKILL mid-shift and then resumed from its persisted state to exactly the planned final dtab.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createNamerdClient, type NamerdClient } from '../../server/src/namerd/client/index.js';
import { parseNamerdConfig } from '../../server/src/namerd/local-server/config.js';
import { startLocalNamerd, type LocalNamerd } from '../../server/src/namerd/local-server/server.js';
import { FileShiftStore } from '../../server/src/namerd/shift/store.js';
import { readCanonical } from '../../server/src/namerd/sync/cas.js';
import { dtabText } from '../../server/src/namerd/sync/canonical.js';
import { runCli, spawnCli } from './cli-helpers.js';

const CONFIG = `
storage:
  kind: io.l5d.inMemory
  namespaces:
    web: "/srv/web-v1 => /$/inet/127.0.0.1/9001; /srv/web-v2 => /$/inet/127.0.0.1/9002; /svc/web => /srv/web-v1; /other => /svc/web"
`;
const BEFORE = '/srv/web-v1=>/$/inet/127.0.0.1/9001;/srv/web-v2=>/$/inet/127.0.0.1/9002;/svc/web=>/srv/web-v1;/other=>/svc/web';
const AFTER = BEFORE.replace('/svc/web=>/srv/web-v1', '/svc/web=>/srv/web-v2');
const SHIFT = ['shift', 'web', '--prefix', '/svc/web', '--from', '/srv/web-v1', '--to', '/srv/web-v2'];

describe('dtab shift', () => {
  let server: LocalNamerd;
  let api: NamerdClient;
  let stateDir: string;
  let common: string[];
  beforeEach(async () => {
    server = await startLocalNamerd({ config: parseNamerdConfig(CONFIG), host: '127.0.0.1', port: 0, dns: false });
    api = createNamerdClient({ baseUrl: server.url, timeoutMs: 5000 });
    stateDir = mkdtempSync(join(tmpdir(), 'dtab-shift-cli-'));
    common = ['--namerd', server.url, '--state-dir', stateDir];
  });
  afterEach(async () => {
    api.dispose();
    await server.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const dtabNow = async (): Promise<string> => dtabText((await readCanonical(api, 'web')).dentries);

  test('without --yes and a terminal: the plan is printed and nothing is written', async () => {
    const r = await runCli([...SHIFT, ...common]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /now:\s+\/svc\/web => \/srv\/web-v1/);
    assert.match(r.stdout, /10%\s+\/svc\/web => \/srv\/web-v2 & 9\.00\*\/srv\/web-v1/);
    assert.match(r.stdout, /100%\s+\/svc\/web => \/srv\/web-v2\n/);
    assert.match(r.stdout, /Nothing was written/);
    assert.equal(await dtabNow(), BEFORE);
  });

  test('a full run with --yes completes; status and history report it', async () => {
    const r = await runCli([...SHIFT, '--steps', '10,50,100', '--interval', '0', '--final', 'fallback', '--yes', ...common]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /step 3 written/);
    assert.equal(await dtabNow(), BEFORE.replace('/svc/web=>/srv/web-v1', '/svc/web=>/srv/web-v2 | /srv/web-v1'));
    const status = await runCli(['shift', 'web', '--status', '--json', ...common]);
    assert.equal(status.code, 0, status.stderr);
    assert.equal(JSON.parse(status.stdout).state.status, 'completed');
    const history = await runCli(['shift', 'web', '--history', '--json', ...common]);
    const entries = JSON.parse(history.stdout).history;
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0].versions.length, 4);
  });

  test('a green destination without addresses is refused by preflight (exit 5); bad options are usage errors (exit 2)', async () => {
    const r = await runCli(['shift', 'web', '--prefix', '/svc/web', '--from', '/srv/web-v1', '--to', '/srv/none', '--interval', '0', '--yes', ...common]);
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /does not resolve on namerd/);
    assert.equal(await dtabNow(), BEFORE);
    const bad = await runCli([...SHIFT, '--steps', '10,5', '--yes', ...common]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /steps must increase/);
    const both = await runCli(['shift', 'web', '--resume', '--abort', ...common]);
    assert.equal(both.code, 2);
  });

  test('killed with SIGKILL mid-shift, then resumed from the persisted state: exactly the planned final dtab', async () => {
    const child = spawnCli([...SHIFT, '--interval', '1500ms', '--yes', ...common]);
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const store = new FileShiftStore(stateDir);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const s = await store.load(api.baseUrl, 'web');
      if (s && s.stepCount >= 2) break;
      assert.ok(Date.now() < deadline, `the shift did not reach step 2: ${stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    const killed = await store.load(api.baseUrl, 'web');
    assert.equal(killed!.status, 'running', 'the dead driver left a running state behind');
    const midway = await dtabNow();
    assert.ok(midway.includes('/svc/web=>/srv/web-v2 & 3.00*/srv/web-v1') || midway.includes('/svc/web=>/srv/web-v2 & /srv/web-v1'), midway);

    const resumed = await runCli(['shift', 'web', '--resume', ...common]);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(await dtabNow(), AFTER);
    const v = Number(Buffer.from((await readCanonical(api, 'web')).version, 'base64').readBigInt64BE());
    assert.equal(v, 5, 'one write per step, none repeated');
  });

  test('a concurrent edit between steps pauses the shift with exit 3 and shows what changed; --resume finishes it', async () => {
    const child = spawnCli([...SHIFT, '--interval', '1s', '--yes', ...common]);
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    const store = new FileShiftStore(stateDir);
    const deadline = Date.now() + 30_000;
    while (!((await store.load(api.baseUrl, 'web'))?.stepCount === 1)) {
      assert.ok(Date.now() < deadline);
      await new Promise((r) => setTimeout(r, 25));
    }
    const cur = await readCanonical(api, 'web');
    await api.updateDtab('web', { format: 'json', dentries: [...cur.dentries, { prefix: '/svc/api', dst: '/srv/api' }] }, { ifMatch: cur.version });
    const code = await new Promise<number | null>((r) => child.once('close', r));
    assert.equal(code, 3);
    assert.match(stdout, /paused \(conflict: namerd's dtab changed since the shift last wrote it/);
    assert.match(stdout, /\+ \/svc\/api\s+=> \/srv\/api/);
    const resumed = await runCli(['shift', 'web', '--resume', ...common]);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(await dtabNow(), `${AFTER};/svc/api=>/srv/api`);
  });

  test('pause via SIGINT, then rollback from another invocation restores the original dentry', async () => {
    const child = spawnCli([...SHIFT, '--interval', '20s', '--yes', ...common]);
    const store = new FileShiftStore(stateDir);
    const deadline = Date.now() + 30_000;
    while (!((await store.load(api.baseUrl, 'web'))?.stepCount === 1)) {
      assert.ok(Date.now() < deadline);
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.once('close', r));
    assert.equal(code, 1, 'paused, not done');
    assert.equal((await store.load(api.baseUrl, 'web'))!.status, 'paused');
    const rolled = await runCli(['shift', 'web', '--rollback', ...common]);
    assert.equal(rolled.code, 0, rolled.stderr);
    assert.equal(await dtabNow(), BEFORE);
    const again = await runCli(['shift', 'web', '--abort', ...common]);
    assert.equal(again.code, 5, 'a rolled-back shift cannot be aborted');
  });
});
