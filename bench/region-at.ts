// Benchmark: finding the embedded dtab under the cursor in a large config (`regionAt`, which hover, completion,
// definition, references, highlights, rename, selection ranges, code actions and the custom requests go through),
// on the ~5,000-line linkerd config of bench/config-check.ts (39 routers of 100 dentries). Each run is a new
// document version (a fresh analysis, as after a keystroke; the dtab caches stay warm): the analysis itself, then
// the first lookup of that version at a position, then the same lookup again. Positions: in the first router's
// dtab, in the last router's dtab, and on a YAML key of the last router (outside every dtab). Our code runs from an
// esbuild bundle; REGION_BENCH_BASELINE=DIR (a `git archive` of an older commit, with a node_modules link) adds
// that checkout to the same interleaved run, for before/after figures.
//   node --import tsx bench/region-at.ts [--runs 41]
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadBundle } from './bundle.js';
import { generateConfig } from './config-check.js';

type AnalysisModule = typeof import('../server/src/lsp/analysis.js');
interface Ours {
  AnalysisCache: AnalysisModule['AnalysisCache'];
  regionAt: AnalysisModule['regionAt'];
}

function loadOurs(root?: string): Ours {
  return loadBundle<Ours>("export { AnalysisCache, regionAt } from './server/src/lsp/analysis.ts';\n", root);
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

const POSITIONS = ['first router dtab', 'last router dtab', 'last router YAML key'] as const;
type Where = (typeof POSITIONS)[number];

interface Figures {
  analysis: number[];
  first: Map<Where, number[]>;
  again: Map<Where, number[]>;
}

/** One run: a new version of the document, analysed, then each position looked up twice. */
function runner(ours: Ours, text: string, at: Record<Where, number>): { figures: Figures; run: (version: number, record: boolean) => void } {
  const cache = new ours.AnalysisCache({ configGlobs: () => [], extraKinds: () => [], knownNamerPrefixes: () => undefined });
  const figures: Figures = { analysis: [], first: new Map(POSITIONS.map((w) => [w, []])), again: new Map(POSITIONS.map((w) => [w, []])) };
  // Each position gets its own version, so that every "first" is the first lookup of its analysis.
  const run = (version: number, record: boolean): void => {
    for (const [k, where] of POSITIONS.entries()) {
      const doc = TextDocument.create('file:///bench/linkerd.yaml', 'yaml', version * POSITIONS.length + k, text);
      let t0 = performance.now();
      const analysis = cache.get(doc);
      const analysed = performance.now() - t0;
      t0 = performance.now();
      const found = ours.regionAt(analysis, at[where]);
      const first = performance.now() - t0;
      t0 = performance.now();
      const again = ours.regionAt(analysis, at[where]);
      const repeated = performance.now() - t0;
      if ((found === undefined) !== (where === 'last router YAML key') || (found && found.offset !== again?.offset)) {
        throw new Error(`unexpected lookup at the ${where}`);
      }
      if (!record) continue;
      figures.analysis.push(analysed);
      figures.first.get(where)!.push(first);
      figures.again.get(where)!.push(repeated);
    }
  };
  return { figures, run };
}

export function runRegionAtBench(opts: { runs?: number; baseline?: string } = {}): void {
  const text = generateConfig(5000);
  const runs = opts.runs ?? 41;
  const lastRouter = text.lastIndexOf('- protocol: http');
  const at: Record<Where, number> = {
    'first router dtab': text.indexOf('=> /#/') + 4,
    'last router dtab': text.lastIndexOf('=> /#/') + 4,
    'last router YAML key': text.indexOf('decayTimeMs', lastRouter) + 3,
  };
  const sides: [string, ReturnType<typeof runner>][] = [['ours', runner(loadOurs(), text, at)]];
  if (opts.baseline) sides.push([`baseline ${opts.baseline}`, runner(loadOurs(opts.baseline), text, at)]);
  // Interleaved, so that load from other processes hits both alike (the machine is shared).
  const warmEnd = performance.now() + 2000;
  for (let i = 0; performance.now() < warmEnd; i++) for (const [, s] of sides) s.run(i, false);
  for (let r = 0; r < runs; r++) for (const [, s] of sides) s.run(100_000 + r, true);

  const lines = text.split('\n').length - 1;
  console.log(`regionAt: ${lines}-line linkerd config, 39 routers of 100 dentries, ${runs} interleaved runs (a new document version each, dtab caches warm)`);
  const row = (what: string, xs: readonly number[]): string =>
    `  ${what.padEnd(64)} ${quantile(xs, 0.5).toFixed(3).padStart(8)} ${quantile(xs, 0.9).toFixed(3).padStart(8)}`;
  console.log(`  ${''.padEnd(64)} ${'median'.padStart(8)} ${'p90'.padStart(8)} (ms)`);
  for (const [name, { figures }] of sides) {
    console.log(`  ${name}`);
    console.log(row('analysis of the new version (YAML, schema, every dtab from cache)', figures.analysis));
    for (const where of POSITIONS) {
      console.log(row(`first lookup of the version, ${where}`, figures.first.get(where)!));
      console.log(row(`same lookup again, ${where}`, figures.again.get(where)!));
    }
  }
}

/** Entry point for bench/run-all.ts. */
export function run(): void {
  runRegionAtBench({ runs: 21 });
}

if (require.main === module) {
  const i = process.argv.indexOf('--runs');
  runRegionAtBench({ runs: i >= 0 ? Number(process.argv[i + 1]) : 41, baseline: process.env.REGION_BENCH_BASELINE });
}
