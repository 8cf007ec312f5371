// Evaluator benchmark: bind and delegate throughput on the engine benchmark's 10,000-dentry dtab (the four shapes
// of bench/dtab-parse.ts), one path per shape, with stand-in `/#/io.l5d.fs` and `/#/io.l5d.k8s` namers that bind
// every name. Prints the one-off cost of indexing the dtab and, per shape, the median µs per bind, per delegate
// and per delegate + namerd JSON, and the size of the delegation.
import type { Path } from '../server/src/core/dtab/ast.js';
import { bind } from '../server/src/core/dtab/bind.js';
import { delegate, foldDelegateTree } from '../server/src/core/dtab/delegate.js';
import { delegateToJson } from '../server/src/core/dtab/delegate-json.js';
import { linkerdLookup } from '../server/src/core/dtab/interpreter.js';
import { matchingDentries } from '../server/src/core/dtab/lookup.js';
import type { LookupResult, Namer } from '../server/src/core/dtab/namers.js';
import { readDtab, readPath } from '../server/src/core/dtab/parse.js';
import { benchDtab } from './dtab-parse.js';

function namer(prefix: Path, port: number): Namer {
  return {
    prefix,
    lookup: (residual): LookupResult => ({
      state: 'ok',
      tree: {
        kind: 'leaf',
        value: { kind: 'bound', id: [...prefix, ...residual.slice(0, 1)], residual: residual.slice(1), addr: { type: 'bound', addrs: [{ ip: '127.0.0.1', port }] } },
      },
    }),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Median µs per call over batches, after warm-up. */
function microsPerCall(f: () => unknown, warmMs = 500, batches = 11): number {
  const warmEnd = performance.now() + warmMs;
  let calls = 0;
  while (performance.now() < warmEnd) {
    f();
    calls++;
  }
  const perBatch = Math.max(1, Math.round(calls / 5));
  const times: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < perBatch; i++) f();
    times.push(((performance.now() - t0) * 1000) / perBatch);
  }
  return median(times);
}

export function run(): void {
  const r = readDtab(benchDtab(10_000).text);
  if (!r.ok) throw new Error('benchmark dtab does not parse: ' + r.message);
  const fresh = () => r.value.slice();
  const t0 = performance.now();
  matchingDentries(fresh(), ['svc', 'x']);
  const indexMs = performance.now() - t0;

  const dtab = r.value;
  const namers = [namer(['#', 'io.l5d.fs'], 8080), namer(['#', 'io.l5d.k8s'], 8081)];
  const lookupFn = linkerdLookup(dtab, namers);
  const path = (s: string) => {
    const p = readPath(s);
    if (!p.ok) throw new Error(p.message);
    return p.value;
  };
  const shapes: [string, Path][] = [
    ['/svc/svc4000/x (fs namer)', path('/svc/svc4000/x')],
    ['/host/svc4001 (9:1 union over /srv/*)', path('/host/svc4001')],
    ['/srv/api (2,500 matching /srv/* dentries)', path('/srv/api')],
    ['/http/1.1/GET/svc4003.example.com (inet)', path('/http/1.1/GET/svc4003.example.com')],
  ];

  console.log('dtab-eval: bind and delegate on the 10,000-dentry benchmark dtab (linkerd interpreter, 2 namers)');
  console.log(`index build (first lookup on a fresh dtab): ${indexMs.toFixed(2)} ms`);
  console.log('path                                          |  bind µs | delegate µs | +JSON µs | delegate nodes | JSON bytes');
  for (const [label, p] of shapes) {
    const b = bind(lookupFn, p);
    if (b.state !== 'ok') throw new Error(`bind ${label}: ${b.state}`);
    const d = delegate(dtab, p, { namers });
    if (!d.ok) throw new Error(`delegate ${label}: ${d.message}`);
    const nodes = foldDelegateTree<number>(d.tree, (_t, kids) => kids.reduce((a, k) => a + k, 1));
    const json = delegateToJson(d.tree);
    const bindUs = microsPerCall(() => bind(lookupFn, p));
    const delUs = microsPerCall(() => delegate(dtab, p, { namers }));
    const jsonUs = microsPerCall(() => {
      const x = delegate(dtab, p, { namers });
      return x.ok && delegateToJson(x.tree);
    });
    console.log(
      `${label.padEnd(45)} | ${bindUs.toFixed(1).padStart(8)} | ${delUs.toFixed(1).padStart(11)} | ${jsonUs.toFixed(1).padStart(8)} | ${String(nodes).padStart(14)} | ${String(json.length).padStart(10)}`,
    );
  }
}

if (require.main === module) run();
