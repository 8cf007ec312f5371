// Benchmark: the complete config check (schema walk, cross-section rules, every embedded dtab parsed, checked and
// mapped) on a generated ~5,000-line linkerd config, against the peer baseline: yaml-language-server validating the
// same file against our generated JSON Schema (schema validation only, no dtab checks). Our code runs from an
// esbuild bundle, as it ships in dist/server.js. The three measurements are interleaved in one run; prints
// median and p90 of each and the ratios of the medians. Target: ours cold <= peer.
//   node --import tsx bench/config-check.ts [--lines 5000] [--runs 15]
//   node --cpu-prof --import tsx bench/config-check.ts --only cold      (profile our cold check alone)
// CONFIG_BENCH_BASELINE=DIR (e.g. a `git archive` of an older commit, with a node_modules link) adds that
// checkout's cold and after-edit checks to the same interleaved run, for before/after figures. --breakdown adds
// the two parts of the cold check that are not the config layer's own: the YAML parse alone, and the dtab engine
// alone (parse + check of every embedded dtab with a fresh checker). It also prints what a cold check allocates and
// retains (V8's sampling heap profiler), figures that do not move with machine load.
import { Session } from 'node:inspector';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import { loadBundle } from './bundle.js';

type Analyze = typeof import('../server/src/core/config/analyze.js');
type Embedded = typeof import('../server/src/core/config/embedded.js');
type JsonSchema = typeof import('../server/src/core/config/json-schema.js');
interface Ours {
  analyzeConfig: Analyze['analyzeConfig'];
  clearDtabCache: Embedded['clearDtabCache'];
  schemaText: JsonSchema['schemaText'];
  parseConfigText: typeof import('../server/src/core/config/yaml-doc.js').parseConfigText;
  parseDtab: typeof import('../server/src/core/dtab/parse.js').parseDtab;
  createDtabChecker: typeof import('../server/src/core/dtab/checks.js').createDtabChecker;
}

function loadOurs(root?: string): Ours {
  return loadBundle<Ours>(
    "export { analyzeConfig } from './server/src/core/config/analyze.ts';\n" +
      "export { clearDtabCache } from './server/src/core/config/embedded.ts';\n" +
      "export { schemaText } from './server/src/core/config/json-schema.ts';\n" +
      "export { parseConfigText } from './server/src/core/config/yaml-doc.ts';\n" +
      "export { parseDtab } from './server/src/core/dtab/parse.ts';\n" +
      "export { createDtabChecker } from './server/src/core/dtab/checks.ts';\n",
    root,
  );
}

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

const NAMERS = ['io.l5d.fs', 'io.l5d.k8s', 'io.l5d.consul', 'io.l5d.marathon'];

/** One router with a 100-dentry dtab and realistic client/service blocks (about 120 lines). */
function router(i: number): string {
  const dentries: string[] = [];
  for (let d = 0; d < 100; d++) {
    const ns = NAMERS[d % NAMERS.length];
    const leaf = ns === 'io.l5d.k8s' ? `/#/io.l5d.k8s/prod/http/svc${d}` : ns === 'io.l5d.consul' ? `/#/io.l5d.consul/dc1/svc${d}` : `/#/${ns}/svc${d}`;
    dentries.push(d % 10 === 0 ? `    /svc/team${i}/svc${d} => 0.9 * ${leaf} & 0.1 * /$/inet/10.0.${i % 250}.${d}/8080;` : `    /svc/team${i}/svc${d} => ${leaf} | /$/inet/svc${d}.example.com/80;`);
  }
  return [
    `- protocol: http`,
    `  label: router-${i}`,
    `  dstPrefix: /svc`,
    `  bindingTimeoutMs: 5000`,
    `  identifier:`,
    `    kind: io.l5d.path`,
    `    segments: 2`,
    `  dtab: |`,
    `    /svc => /#/io.l5d.fs;`,
    ...dentries,
    `  client:`,
    `    kind: io.l5d.static`,
    `    configs:`,
    `    - prefix: /#/io.l5d.fs/*`,
    `      loadBalancer:`,
    `        kind: ewma`,
    `        decayTimeMs: 5000`,
    `      failureAccrual:`,
    `        kind: io.l5d.consecutiveFailures`,
    `        failures: 5`,
    `  service:`,
    `    totalTimeoutMs: 3000`,
    `    retries:`,
    `      budget:`,
    `        percentCanRetry: 0.1`,
    `      backoff:`,
    `        kind: jittered`,
    `        minMs: 10`,
    `        maxMs: 1000`,
    `  servers:`,
    `  - port: ${4000 + i}`,
    `    ip: 0.0.0.0`,
  ].join('\n');
}

export function generateConfig(targetLines: number): string {
  const head = [
    'admin:',
    '  port: 9990',
    'namers:',
    '- kind: io.l5d.fs',
    '  rootDir: disco',
    '- kind: io.l5d.k8s',
    '  host: localhost',
    '  port: 8001',
    '- kind: io.l5d.consul',
    '  host: 127.0.0.1',
    '- kind: io.l5d.marathon',
    '  host: marathon.mesos',
    'telemetry:',
    '- kind: io.l5d.prometheus',
    'routers:',
  ];
  const routers: string[] = [];
  let lines = head.length;
  for (let i = 0; lines < targetLines; i++) {
    const r = router(i);
    routers.push(r);
    lines += r.split('\n').length;
  }
  return head.join('\n') + '\n' + routers.join('\n') + '\n';
}

/** The value below which `q` of the samples fall (nearest rank). */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

export interface Stat {
  readonly median: number;
  readonly p90: number;
}
const stat = (xs: number[]): Stat => ({ median: quantile(xs, 0.5), p90: quantile(xs, 0.9) });

export interface ConfigBenchResult {
  readonly cold: Stat;
  readonly edit: Stat;
  readonly peer: Stat;
  /** Ratios of the medians, ours / peer. */
  readonly coldRatio: number;
  readonly editRatio: number;
  readonly lines: number;
  readonly dentries: number;
}

type Which = 'cold' | 'edit' | 'peer' | 'baseline cold' | 'baseline edit' | 'yaml' | 'engine';

/** Our cold and after-edit checks of `text` with one bundle of our code. */
function ourRuns(ours: Ours, text: string): { cold: (i: number) => void; edit: (i: number) => void } {
  // After an edit: one router's dtab changed since the previous check (what an editor re-checks per keystroke).
  const marker = '    /svc => /#/io.l5d.fs;';
  const routerStarts: number[] = [];
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) routerStarts.push(at);
  return {
    // Cold: nothing cached, every dtab decoded, parsed and checked.
    cold: () => {
      ours.clearDtabCache();
      ours.analyzeConfig(text);
    },
    edit: (i) => {
      const at = routerStarts[i % routerStarts.length]!;
      ours.analyzeConfig(text.slice(0, at) + `    /edit${i} => /svc;\n` + text.slice(at));
    },
  };
}

export async function runConfigBench(opts: { lines?: number; runs?: number; print?: boolean; only?: Which; baseline?: string; breakdown?: boolean } = {}): Promise<ConfigBenchResult> {
  const ours = loadOurs();
  const text = generateConfig(opts.lines ?? 5000);
  const runs = opts.runs ?? 15;
  const lineCount = text.split('\n').length - 1;

  const sanity = ours.analyzeConfig(text);
  const serious = sanity.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (serious.length) throw new Error(`generated config is not clean: ${JSON.stringify(serious.slice(0, 3))}`);
  const dentries = sanity.embeddedDtabs.reduce((n, e) => n + e.document.dentries.length, 0);

  const schema = ours.schemaText('linkerd');
  const ls = getLanguageService({
    schemaRequestService: async () => schema,
    workspaceContext: { resolveRelativePath: (rel: string) => rel },
  });
  ls.configure({ validate: true, completion: false, hover: false, schemas: [{ uri: 'file:///linkerd.schema.json', fileMatch: ['*.yaml'], schema: JSON.parse(schema) }] });
  // A new version each run so the peer re-parses instead of answering from its per-version cache.
  const doc = (i: number): TextDocument => TextDocument.create(`file:///bench/linkerd-${i}.yaml`, 'yaml', i, text);
  const peerDiags = await ls.doValidation(doc(-1), false);
  if (peerDiags.length) throw new Error(`yaml-language-server reports ${peerDiags.length} problems, e.g. ${peerDiags[0]!.message}`);
  const peerRun = async (i: number): Promise<void> => {
    await ls.doValidation(doc(i), false);
  };

  const mine = ourRuns(ours, text);
  const steps: [Which, (i: number) => void | Promise<void>][] = [['cold', mine.cold], ['edit', mine.edit], ['peer', peerRun]];
  const baselineOurs = opts.baseline ? loadOurs(opts.baseline) : undefined;
  if (baselineOurs) {
    const before = ourRuns(baselineOurs, text);
    steps.push(['baseline cold', before.cold], ['baseline edit', before.edit]);
  }
  if (opts.breakdown) {
    const dtabs = sanity.embeddedDtabs.map((e) => e.text);
    const ctx = { knownNamerPrefixes: sanity.namerPrefixes };
    steps.push(['yaml', () => void ours.parseConfigText(text)], ['engine', () => {
      const checker = ours.createDtabChecker();
      // As a cold config check runs it: nothing is remembered for a dtab seen for the first time.
      for (const d of dtabs) checker.check(ours.parseDtab(d), ctx, { memoise: false });
    }]);
  }
  const active = steps.filter(([w]) => !opts.only || w === opts.only);
  // Interleaved, so that load from other processes hits all alike (the machine is shared).
  const warmEnd = performance.now() + 3000;
  for (let i = 0; performance.now() < warmEnd; i++) for (const [, f] of active) await f(i);
  const times = new Map<Which, number[]>(active.map(([w]) => [w, []]));
  for (let r = 0; r < runs; r++) {
    for (const [w, f] of active) {
      const t0 = performance.now();
      await f(1000 + r);
      times.get(w)!.push(performance.now() - t0);
    }
  }

  const statOf = (w: Which): Stat => (times.get(w)?.length ? stat(times.get(w)!) : { median: NaN, p90: NaN });
  const [cold, edit, peer] = [statOf('cold'), statOf('edit'), statOf('peer')];
  const result: ConfigBenchResult = { cold, edit, peer, coldRatio: cold.median / peer.median, editRatio: edit.median / peer.median, lines: lineCount, dentries };
  if (opts.print !== false) {
    const row = (what: string, s: Stat): string => `  ${what.padEnd(84)} ${s.median.toFixed(1).padStart(7)} ${s.p90.toFixed(1).padStart(7)}`;
    console.log(`config check: ${lineCount} lines, ${sanity.embeddedDtabs.length} routers, ${dentries} dentries, ${runs} interleaved runs, ours bundled by esbuild; Node ${process.version}`);
    console.log(`  ${''.padEnd(84)} ${'median'.padStart(7)} ${'p90'.padStart(7)} (ms)`);
    console.log(row('ours, cold (schema + cross-section + every dtab decoded, parsed, checked, mapped)', cold));
    console.log(row('ours, after a one-router edit (unchanged dtabs come from the cache)', edit));
    console.log(row('peer: yaml-language-server doValidation with our schema (schema only)', peer));
    if (opts.baseline) {
      console.log(row(`baseline ${opts.baseline}, cold`, statOf('baseline cold')));
      console.log(row(`baseline ${opts.baseline}, after a one-router edit`, statOf('baseline edit')));
    }
    if (opts.breakdown) {
      console.log(row('  part of ours cold: the YAML parse alone (yaml parseDocument)', statOf('yaml')));
      console.log(row('  part of ours cold: the dtab engine alone (parse + check every embedded dtab)', statOf('engine')));
    }
    console.log(`  ratio of medians ours/peer: cold ${result.coldRatio.toFixed(2)}, after an edit ${result.editRatio.toFixed(2)} (target: cold <= 1.00)`);
    // Load-independent figures: a third of a cold check's time is the garbage collector, driven by these.
    const memory = await coldCheckMemory(ours, text);
    console.log(`  ours, cold: ${memory.allocatedMb.toFixed(1)} MB allocated per check, ${memory.retainedMb.toFixed(1)} MB still held by its result and caches`);
    if (baselineOurs) {
      const before = await coldCheckMemory(baselineOurs, text);
      console.log(`  baseline, cold: ${before.allocatedMb.toFixed(1)} MB allocated per check, ${before.retainedMb.toFixed(1)} MB still held`);
    }
  }
  return result;
}

/**
 * What one cold check allocates (sampled by V8's heap profiler, including what the collector has freed) and what
 * remains reachable after it (the result and the dtab caches): unlike times, these do not depend on machine load.
 */
async function coldCheckMemory(ours: Ours, text: string): Promise<{ allocatedMb: number; retainedMb: number }> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));
  interface SampleNode { selfSize: number; children: SampleNode[] }
  const total = (n: SampleNode): number => n.children.reduce((sum, c) => sum + total(c), n.selfSize);
  const sample = async (includeFreed: boolean, checks: number): Promise<number> => {
    await post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: includeFreed, includeObjectsCollectedByMinorGC: includeFreed });
    const kept: unknown[] = [];
    for (let i = 0; i < checks; i++) {
      ours.clearDtabCache();
      kept.push(ours.analyzeConfig(text));
    }
    const { profile } = await post<{ profile: { head: SampleNode } }>('HeapProfiler.stopSampling');
    return total(profile.head) / checks / 1e6;
  };
  try {
    const allocatedMb = await sample(true, 10);
    const retainedMb = await sample(false, 1);
    return { allocatedMb, retainedMb };
  } finally {
    session.disconnect();
  }
}

/** Entry point for bench/run-all.ts. */
export async function run(): Promise<void> {
  await runConfigBench({ lines: 5000, runs: 21 });
}

if (require.main === module) {
  const i = process.argv.indexOf('--only');
  const only = i >= 0 ? (process.argv[i + 1] as Which) : undefined;
  if (only !== undefined && !['cold', 'edit', 'peer'].includes(only)) throw new Error('--only takes cold, edit or peer');
  runConfigBench({ lines: arg('lines', 5000), runs: arg('runs', 15), only, baseline: process.env.CONFIG_BENCH_BASELINE, breakdown: process.argv.includes('--breakdown') }).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
