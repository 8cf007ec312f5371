// Routing-change benchmark (push, diff, shift) against an in-process local namerd on 127.0.0.1: one push of a
// 500-dentry dtab (plan: read + canonical diff; apply: CAS PUT + read-back), the per-dentry diff on 5 000 dentries
// (few changes, and the bounded worst case), a 4-step shift with no dwell (each step: read, preflight bind/addr/
// delegate, write-ahead, CAS, read-back), and 20 read-modify-write pushers racing with If-Match.
// Figures are for a shared 2-core machine; compare them between runs rather than reading them as absolutes.
import { performance } from 'node:perf_hooks';
import { createNamerdClient } from '../server/src/namerd/client/index.js';
import { parseNamerdConfig } from '../server/src/namerd/local-server/config.js';
import { startLocalNamerd } from '../server/src/namerd/local-server/server.js';
import { ShiftController } from '../server/src/namerd/shift/engine.js';
import { buildShiftPlan } from '../server/src/namerd/shift/plan.js';
import { MemoryShiftStore } from '../server/src/namerd/shift/store.js';
import { readCanonical } from '../server/src/namerd/sync/cas.js';
import { dtabText } from '../server/src/namerd/sync/canonical.js';
import { diffDentries } from '../server/src/namerd/sync/diff.js';
import { formatHeader } from '../server/src/namerd/sync/header.js';
import { applyPush, planPush } from '../server/src/namerd/sync/push.js';

const SERVICES = 500;

function bigDtab(): string {
  const lines = Array.from({ length: SERVICES }, (_, i) => `/svc/s${i} => /srv/s${i} & 3 * /srv/t${i}`);
  lines.push('/srv/web-v1 => /$/inet/127.0.0.1/9001', '/srv/web-v2 => /$/inet/127.0.0.1/9002', '/svc/web => /srv/web-v1');
  return lines.join(';\n');
}

function ms(t0: number, n = 1): string {
  return ((performance.now() - t0) / n).toFixed(1);
}

export async function run(): Promise<void> {
  const text = bigDtab();
  const yaml = `storage:\n  kind: io.l5d.inMemory\n  namespaces:\n    big: ${JSON.stringify(text)}\n    race: "/a => /b"\n`;
  const server = await startLocalNamerd({ config: parseNamerdConfig(yaml), host: '127.0.0.1', port: 0, dns: false });
  const api = createNamerdClient({ baseUrl: server.url, timeoutMs: 10_000 });
  try {
    const rounds = 20;
    let t0 = performance.now();
    for (let i = 0; i < rounds; i++) {
      const plan = await planPush(api, { namespace: 'big', text: text.replace('/srv/s7 ', `/srv/s7v${i} `), endpoint: api.baseUrl });
      if (plan.kind !== 'update') throw new Error(`push plan: ${plan.kind}`);
      if ((await applyPush(api, plan)).kind !== 'written') throw new Error('push did not land');
    }
    console.log(`push of ${SERVICES + 3} dentries (plan + CAS + read-back): ${ms(t0, rounds)} ms/push`);

    const a = Array.from({ length: 5000 }, (_, i) => ({ prefix: `/p${i}`, dst: `/d${i}` }));
    const few = a.map((d, i) => (i % 500 === 0 ? { ...d, dst: `${d.dst}x` } : d));
    t0 = performance.now();
    for (let i = 0; i < 10; i++) diffDentries(a, few);
    console.log(`diff of 5000 dentries, 10 changed: ${ms(t0, 10)} ms`);
    t0 = performance.now();
    diffDentries(a, [...a].reverse());
    console.log(`diff of 5000 dentries, all reordered (bounded fallback): ${ms(t0)} ms`);

    const plan = buildShiftPlan({ namespace: 'big', prefix: '/svc/web', from: '/srv/web-v1', to: '/srv/web-v2', gate: { kind: 'dwell', ms: 0 } });
    if (!plan.ok) throw new Error(plan.message);
    const shifts = new ShiftController({ api, store: new MemoryShiftStore(), endpoint: api.baseUrl, clock: { now: () => Date.now(), sleep: async () => undefined } });
    t0 = performance.now();
    const o = await shifts.start(plan.plan);
    if (o.kind !== 'state' || o.state.status !== 'completed') throw new Error(`shift: ${JSON.stringify(o)}`);
    console.log(`shift of a ${SERVICES + 3}-dentry dtab, 4 steps: ${ms(t0)} ms (${ms(t0, 4)} ms/step)`);

    let conflicts = 0;
    t0 = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const c = createNamerdClient({ baseUrl: server.url, timeoutMs: 10_000 });
        try {
          for (;;) {
            const cur = await readCanonical(c, 'race');
            const header = formatHeader({ endpoint: c.baseUrl, namespace: 'race', version: cur.version, base: cur.dentries });
            const p = await planPush(c, { namespace: 'race', text: `${header}${dtabText(cur.dentries)};/w${i}=>/x`, endpoint: c.baseUrl });
            if (p.kind === 'update' && (await applyPush(c, p)).kind === 'written') return;
            conflicts++;
          }
        } finally {
          c.dispose();
        }
      }),
    );
    console.log(`20 racing read-modify-write pushers: all landed in ${ms(t0)} ms after ${conflicts} conflicts (retried)`);
  } finally {
    api.dispose();
    await server.close();
  }
}

if (require.main === module) void run();
