// The blue-green shift engine against the local namerd on 127.0.0.1, with an injected clock so dwells take no time:
// a full run, pause/resume, abort, rollback after step 3, a concurrent edit between steps, an edit of the shifted
// dentry itself, a failing preflight, and a namerd restart mid-shift (--data persistence). In every case the final
// dtab is what the plan says and every other dentry is byte-for-byte unchanged (canonical form).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createNamerdClient, type NamerdClient } from '../../server/src/namerd/client/index.js';
import { parseNamerdConfig } from '../../server/src/namerd/local-server/config.js';
import { startLocalNamerd, type LocalNamerd } from '../../server/src/namerd/local-server/server.js';
import type { Clock } from '../../server/src/namerd/shift/clock.js';
import { ShiftController, type ShiftOutcome } from '../../server/src/namerd/shift/engine.js';
import { buildShiftPlan, type ShiftPlan } from '../../server/src/namerd/shift/plan.js';
import type { ShiftState } from '../../server/src/namerd/shift/state.js';
import { FileShiftStore, MemoryShiftStore, type ShiftStore } from '../../server/src/namerd/shift/store.js';
import { readCanonical } from '../../server/src/namerd/sync/cas.js';
import { withTargetDst } from '../../server/src/namerd/shift/target.js';
import { applyFailover, planFailover } from '../../server/src/namerd/shift/failover.js';
import { dtabText, type CanonicalDentry } from '../../server/src/namerd/sync/canonical.js';

const DTAB = [
  '/svc/web => /srv/web-v0',
  '/srv/web-v1 => /$/inet/127.0.0.1/9001',
  '/srv/web-v2 => /$/inet/127.0.0.1/9002',
  '/svc => /srv',
  '/svc/web => /srv/web-v1',
  '/z => /svc/web & 3 * /srv/web-v1 | ~',
].join(';\n');
const CONFIG = `storage:\n  kind: io.l5d.inMemory\n  namespaces:\n    web: |\n${DTAB.split('\n').map((l) => `      ${l}`).join('\n')}\n`;
const TARGET = 4;
const STEP_DSTS = ['/srv/web-v2 & 9.00*/srv/web-v1', '/srv/web-v2 & 3.00*/srv/web-v1', '/srv/web-v2 & /srv/web-v1', '/srv/web-v2'];

const versionNumber = (etag: string): number => Number(Buffer.from(etag, 'base64').readBigInt64BE());

function makePlan(over: Partial<Parameters<typeof buildShiftPlan>[0]> = {}): ShiftPlan {
  const r = buildShiftPlan({ namespace: 'web', prefix: '/svc/web', from: '/srv/web-v1', to: '/srv/web-v2', gate: { kind: 'dwell', ms: 30_000 }, ...over });
  assert.ok(r.ok);
  return r.plan;
}

/** A clock whose sleeps take no time and run a hook first: the place where tests act "between steps". */
class TestClock implements Clock {
  t = Date.parse('2026-01-01T00:00:00Z');
  sleeps: number[] = [];
  onSleep: (n: number) => Promise<void> | void = () => undefined;
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    await this.onSleep(this.sleeps.length);
    this.t += ms;
  }
}

function expectState(o: ShiftOutcome): ShiftState {
  assert.equal(o.kind, 'state', JSON.stringify(o));
  return (o as { state: ShiftState }).state;
}

/** Every dentry but the target, as namerd printed it at the start. */
function assertOthersUnchanged(before: readonly CanonicalDentry[], after: readonly CanonicalDentry[], targetDst: string, extra: CanonicalDentry[] = []): void {
  const expected = before.map((d, i) => (i === TARGET ? { ...d, dst: targetDst } : d)).concat(extra);
  assert.equal(dtabText(after), dtabText(expected));
}

describe('blue-green shift engine against the local namerd', () => {
  let server: LocalNamerd;
  let api: NamerdClient;
  let other: NamerdClient;
  let clock: TestClock;
  let store: ShiftStore;
  let initial: { version: string; dentries: CanonicalDentry[] };
  let controller: ShiftController;
  let seen: string[];

  async function boot(extra: { dataFile?: string; port?: number } = {}): Promise<void> {
    server = await startLocalNamerd({ config: parseNamerdConfig(CONFIG), host: '127.0.0.1', port: extra.port ?? 0, dns: false, dataFile: extra.dataFile });
  }

  function makeController(): ShiftController {
    return new ShiftController({
      api,
      store,
      endpoint: api.baseUrl,
      clock,
      onChange: (s) => {
        const e = s.events[s.events.length - 1]!;
        if (/^step \d written$/.test(e.event)) seen.push(e.detail!);
      },
    });
  }

  beforeEach(async () => {
    await boot();
    api = createNamerdClient({ baseUrl: server.url, timeoutMs: 5000 });
    other = createNamerdClient({ baseUrl: server.url, timeoutMs: 5000 });
    clock = new TestClock();
    store = new MemoryShiftStore();
    seen = [];
    initial = await readCanonical(api, 'web');
    assert.equal(initial.dentries[TARGET]!.dst, '/srv/web-v1');
    controller = makeController();
  });
  afterEach(async () => {
    api.dispose();
    other.dispose();
    await server.close();
  });

  test('a full run writes each step with If-Match, dwells between steps and completes on green', async () => {
    const state = expectState(await controller.start(makePlan()));
    assert.equal(state.status, 'completed');
    assert.deepEqual(seen, STEP_DSTS.map((d, i) => `${[10, 25, 50, 100][i]}% green: /svc/web=>${d}`));
    assert.deepEqual(clock.sleeps, [30_000, 30_000, 30_000], 'a dwell between steps, none after the last');
    const now = await readCanonical(api, 'web');
    assert.equal(versionNumber(now.version), versionNumber(initial.version) + 4, 'exactly one write per step');
    assertOthersUnchanged(initial.dentries, now.dentries, '/srv/web-v2');
    const history = await store.history(api.baseUrl, 'web');
    assert.equal(history.length, 1);
    assert.equal(history[0]!.status, 'completed');
    assert.equal(history[0]!.versions.length, 5);
  });

  test('final state fallback: green | blue', async () => {
    expectState(await controller.start(makePlan({ final: 'fallback', steps: [50, 100] })));
    const now = await readCanonical(api, 'web');
    assertOthersUnchanged(initial.dentries, now.dentries, '/srv/web-v2 | /srv/web-v1');
  });

  test('pause between steps, then resume to completion', async () => {
    clock.onSleep = (n) => {
      if (n === 2) controller.requestPause();
    };
    const paused = expectState(await controller.start(makePlan()));
    assert.equal(paused.status, 'paused');
    assert.equal(paused.pause?.kind, 'user');
    assert.equal(paused.stepCount, 2);
    assertOthersUnchanged(initial.dentries, (await readCanonical(api, 'web')).dentries, STEP_DSTS[1]!);
    clock.onSleep = () => undefined;
    const done = expectState(await makeController().resume('web'));
    assert.equal(done.status, 'completed');
    assertOthersUnchanged(initial.dentries, (await readCanonical(api, 'web')).dentries, '/srv/web-v2');
  });

  test('abort leaves the current weights in place', async () => {
    clock.onSleep = (n) => {
      if (n === 2) controller.requestPause();
    };
    expectState(await controller.start(makePlan()));
    const aborted = expectState(await controller.abort('web'));
    assert.equal(aborted.status, 'aborted');
    const now = await readCanonical(api, 'web');
    assertOthersUnchanged(initial.dentries, now.dentries, STEP_DSTS[1]!);
    assert.equal((await controller.resume('web')).kind, 'refused', 'an aborted shift cannot be resumed');
  });

  test('rollback after step 3 restores the exact original dentry with CAS', async () => {
    clock.onSleep = (n) => {
      if (n === 3) controller.requestPause();
    };
    const paused = expectState(await controller.start(makePlan()));
    assert.equal(paused.stepCount, 3);
    assertOthersUnchanged(initial.dentries, (await readCanonical(api, 'web')).dentries, STEP_DSTS[2]!);
    const rolled = expectState(await controller.rollback('web'));
    assert.equal(rolled.status, 'rolled-back');
    const now = await readCanonical(api, 'web');
    assert.equal(dtabText(now.dentries), dtabText(initial.dentries));
    assert.equal(versionNumber(now.version), versionNumber(initial.version) + 4);
  });

  test('a concurrent edit between steps pauses the shift with what changed; resume rebases and keeps the edit', async () => {
    clock.onSleep = async (n) => {
      if (n !== 1) return;
      const cur = await readCanonical(other, 'web');
      await other.updateDtab('web', { format: 'json', dentries: [...cur.dentries, { prefix: '/new', dst: '/x' }] }, { ifMatch: cur.version });
    };
    const paused = expectState(await controller.start(makePlan()));
    assert.equal(paused.status, 'paused');
    assert.equal(paused.pause?.kind, 'conflict');
    assert.equal(paused.stepCount, 1);
    const changes = paused.pause?.kind === 'conflict' ? paused.pause.changes : undefined;
    assert.deepEqual(changes?.filter((c) => c.kind !== 'unchanged'), [{ kind: 'added', after: { prefix: '/new', dst: '/x' } }]);
    clock.onSleep = () => undefined;
    const done = expectState(await makeController().resume('web'));
    assert.equal(done.status, 'completed');
    assertOthersUnchanged(initial.dentries, (await readCanonical(api, 'web')).dentries, '/srv/web-v2', [{ prefix: '/new', dst: '/x' }]);
  });

  test('someone else rewriting the shifted dentry blocks resume and rollback', async () => {
    clock.onSleep = async (n) => {
      if (n !== 1) return;
      const cur = await readCanonical(other, 'web');
      const mine = cur.dentries.map((d, i) => (i === TARGET ? { ...d, dst: '/srv/hotfix' } : d));
      await other.updateDtab('web', { format: 'json', dentries: mine }, { ifMatch: cur.version });
    };
    const paused = expectState(await controller.start(makePlan()));
    assert.equal(paused.pause?.kind, 'conflict');
    const resumed = await makeController().resume('web');
    assert.equal(resumed.kind, 'conflict');
    assert.match((resumed as { message: string }).message, /\/srv\/hotfix, which is no state of this shift/);
    assert.equal((await makeController().rollback('web')).kind, 'conflict');
    assert.equal((await readCanonical(api, 'web')).dentries[TARGET]!.dst, '/srv/hotfix', 'the other writer was not overwritten');
  });

  test('preflight: a green destination without addresses is refused before anything is written', async () => {
    const r = await controller.start(makePlan({ to: '/srv/nowhere' }));
    assert.equal(r.kind, 'refused');
    assert.match(((r as { problems?: readonly string[] }).problems ?? []).join('\n'), /green destination \/srv\/nowhere does not resolve/);
    assert.equal((await readCanonical(api, 'web')).version, initial.version);
    assert.equal(await store.load(api.baseUrl, 'web'), undefined);
  });

  test('preflight before every step: green losing its addresses mid-shift pauses it', async () => {
    clock.onSleep = async (n) => {
      if (n !== 2) return;
      const cur = await readCanonical(other, 'web');
      const dead = cur.dentries.map((d) => (d.prefix === '/srv/web-v2' ? { ...d, dst: '~' } : d));
      await other.updateDtab('web', { format: 'json', dentries: dead }, { ifMatch: cur.version });
    };
    const paused = expectState(await controller.start(makePlan()));
    // The edit is noticed first as a conflict; after a resume the failing preflight pauses again.
    assert.equal(paused.pause?.kind, 'conflict');
    const again = expectState(await makeController().resume('web'));
    assert.equal(again.status, 'paused');
    assert.equal(again.pause?.kind, 'preflight');
    assert.equal(again.stepCount, 2);
  });

  test('the start refuses a dentry that does not route to --from, and a missing prefix', async () => {
    const wrongFrom = await controller.start(makePlan({ from: '/srv/web-v0' }));
    assert.equal(wrongFrom.kind, 'refused');
    assert.match((wrongFrom as { message: string }).message, /routes to \/srv\/web-v1, not to \/srv\/web-v0/);
    assert.equal((await controller.start(makePlan({ prefix: '/svc/nope' }))).kind, 'refused');
  });

  for (const landed of [false, true]) {
    test(`a crash after the write-ahead record (write ${landed ? 'landed' : 'not sent'}): resume settles it without a second write`, async () => {
      clock.onSleep = (n) => {
        if (n === 1) controller.requestPause();
      };
      const paused = expectState(await controller.start(makePlan()));
      assert.equal(paused.stepCount, 1);
      const cur = await readCanonical(api, 'web');
      const next = withTargetDst(cur.dentries, '/svc/web', STEP_DSTS[1]!)!;
      // What a process killed right after saving its intent leaves behind.
      await store.save({ ...paused, status: 'running', pause: undefined, pendingWrite: { kind: 'step', stepCount: 2, ifMatch: cur.version, expected: next } });
      if (landed) await other.updateDtab('web', { format: 'json', dentries: next }, { ifMatch: cur.version });
      clock.onSleep = () => undefined;
      const done = expectState(await makeController().resume('web'));
      assert.equal(done.status, 'completed');
      assert.ok(done.events.some((e) => e.event === `recovered: the interrupted write ${landed ? 'landed' : 'did not land'}`));
      const now = await readCanonical(api, 'web');
      assert.equal(versionNumber(now.version), versionNumber(initial.version) + 4, 'one write per step');
      assertOthersUnchanged(initial.dentries, now.dentries, '/srv/web-v2');
    });
  }

  test('a confirmation gate asks before each later step; a "no" pauses the shift', async () => {
    const asked: number[] = [];
    const answers = [true, false];
    const gated = new ShiftController({
      api,
      store,
      endpoint: api.baseUrl,
      clock,
      confirm: async (_s, percent) => {
        asked.push(percent);
        return answers.shift() ?? true;
      },
    });
    const paused = expectState(await gated.start(makePlan({ gate: { kind: 'confirm' } })));
    assert.deepEqual(asked, [25, 50]);
    assert.equal(paused.status, 'paused');
    assert.equal(paused.stepCount, 2);
    assert.deepEqual(clock.sleeps, [], 'a confirmation gate does not dwell');
    const done = expectState(await gated.resume('web'));
    assert.equal(done.status, 'completed');
    assert.deepEqual(asked, [25, 50, 50, 100]);
  });

  test('only one driver at a time: a second start or rollback while a shift runs is refused as busy', async () => {
    let inner: ShiftOutcome | undefined;
    clock.onSleep = async (n) => {
      if (n === 1) inner = await makeController().rollback('web');
    };
    expectState(await controller.start(makePlan()));
    assert.equal(inner?.kind, 'busy');
  });

  test('failover helper: the last /svc/web dentry becomes `primary | fallback` with CAS; a stale plan is a conflict', async () => {
    const plan = await planFailover(api, 'web', '/svc/web', '/srv/web-v2');
    assert.equal(plan.kind, 'failover');
    assert.ok(plan.kind === 'failover');
    assert.equal(plan.after, '/srv/web-v1 | /srv/web-v2');
    const stale = await planFailover(api, 'web', '/svc/web', '/srv/web-v0');
    const r = await applyFailover(api, plan);
    assert.ok(r.kind === 'written' && r.verified);
    assertOthersUnchanged(initial.dentries, (await readCanonical(api, 'web')).dentries, '/srv/web-v1 | /srv/web-v2');
    assert.ok(stale.kind === 'failover');
    assert.equal((await applyFailover(api, stale)).kind, 'conflict');
    const again = await planFailover(api, 'web', '/svc/web', '/srv/web-v2');
    assert.equal(again.kind, 'refused');
  });

  test('namerd restarted mid-shift (data file): the shift continues on the persisted versions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtab-shift-'));
    try {
      api.dispose();
      other.dispose();
      await server.close();
      const dataFile = join(dir, 'namerd.json');
      await boot({ dataFile });
      const port = server.port;
      api = createNamerdClient({ baseUrl: server.url, timeoutMs: 5000 });
      other = createNamerdClient({ baseUrl: server.url, timeoutMs: 5000 });
      store = new FileShiftStore(join(dir, 'state'));
      initial = await readCanonical(api, 'web');
      controller = makeController();
      clock.onSleep = async (n) => {
        if (n !== 2) return;
        await server.close();
        await boot({ dataFile, port });
      };
      let state = expectState(await controller.start(makePlan()));
      if (state.status === 'paused') {
        // A request that hit the restart window pauses the shift as interrupted; resuming settles and continues.
        assert.equal(state.pause?.kind, 'interrupted');
        state = expectState(await makeController().resume('web'));
      }
      assert.equal(state.status, 'completed');
      const now = await readCanonical(api, 'web');
      assert.equal(versionNumber(now.version), versionNumber(initial.version) + 4);
      assertOthersUnchanged(initial.dentries, now.dentries, '/srv/web-v2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
