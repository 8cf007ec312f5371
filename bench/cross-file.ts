// Benchmark: a keystroke in a linkerd config whose router asks namerd, while the workspace has a namerd config (the
// cross-file rule of spec §8.3 rule 12 runs on every version). Each run is a new document version analysed through
// the server's AnalysisCache wired to a NamerdWorkspace as the language server wires them, then its diagnostics
// (config checks + the rule): the time of both, and the YAML parse of the same text alone for reference (what a
// second parse of the text costs). Configs: the linkerd.yaml of a unit case of the rule, and the ~5,000-line config of
// bench/config-check.ts with such a router added. Our code runs from an esbuild bundle; CROSS_FILE_BENCH_BASELINE=DIR
// (a checkout of an older commit, with a node_modules link) adds that checkout to the same interleaved run, for
// before/after figures, and checks that both give the same diagnostics.
//   node --import tsx bench/cross-file.ts [--runs 41]
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadBundle } from './bundle.js';
import { CROSS_FILE_CASES, unmark } from '../test/unit/config/cross-file-cases.js';
import { generateConfig } from './config-check.js';

type AnalysisModule = typeof import('../server/src/lsp/analysis.js');
interface Ours {
  AnalysisCache: AnalysisModule['AnalysisCache'];
  NamerdWorkspace: typeof import('../server/src/lsp/namerdWorkspace.js').NamerdWorkspace;
  parseConfigText: typeof import('../server/src/core/config/yaml-doc.js').parseConfigText;
}

/** Where each export of Ours lives under server/src. */
const MODULES: Record<keyof Ours, string> = { AnalysisCache: 'lsp/analysis', NamerdWorkspace: 'lsp/namerdWorkspace', parseConfigText: 'core/config/yaml-doc' };

function loadOurs(root?: string): Ours {
  const entry = Object.entries(MODULES).map(([name, mod]) => `export { ${name} } from './server/src/${mod}.ts';\n`);
  return loadBundle<Ours>(entry.join(''), root);
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

// The unit case whose router reads namespace `prod` through io.l5d.namerd.http, which the namerd config lacks: the
// rule has one message for it on every version.
const CASE = CROSS_FILE_CASES.find((c) => c.code === 'config/namerd-namespace-unknown')!;
const NAMERD = unmark(CASE.namerds[0]!.text, '‹', '›').text;
const SMALL = unmark(CASE.linkerd, '«', '»').text;

const CONFIGS: readonly { name: string; text: string }[] = [
  { name: 'small linkerd.yaml (unit case)', text: SMALL },
  // Its router appended to the routers of the large config.
  { name: '5,000-line linkerd.yaml', text: generateConfig(5000) + SMALL.slice(SMALL.indexOf('\n') + 1) },
];

const LINKERD_URI = 'file:///ws/linkerd.yaml';

/** One version: a new text (a comment at the end changes), analysed, then its diagnostics. */
function runner(ours: Ours, base: string): (version: number) => { ms: number; diagnostics: string } {
  const namerd = new ours.NamerdWorkspace(() => ['file:///ws']);
  namerd.update('file:///ws/namerd.yaml', NAMERD);
  // As languageServer.ts wires it: the second argument is handed through as the analysis gives it.
  const cache = new ours.AnalysisCache({
    configGlobs: () => [],
    extraKinds: () => [],
    knownNamerPrefixes: () => undefined,
    crossFileDiagnostics: (uri, x) => namerd.diagnosticsFor(uri, x),
  });
  return (version) => {
    const doc = TextDocument.create(LINKERD_URI, 'yaml', version, `${base}# edit ${version}\n`);
    const t0 = performance.now();
    const found = cache.get(doc).diagnostics();
    const ms = performance.now() - t0;
    return { ms, diagnostics: JSON.stringify(found) };
  };
}

export function run(): void {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 41;
  const warmup = 8;
  const baselineDir = process.env.CROSS_FILE_BENCH_BASELINE;
  const impls: { name: string; ours: Ours }[] = [{ name: 'ours', ours: loadOurs() }];
  if (baselineDir) impls.push({ name: 'baseline', ours: loadOurs(baselineDir) });
  console.log(`cross-file: keystroke in a linkerd config using io.l5d.namerd.http, one namerd config in the workspace; ${runs} runs after ${warmup} warm-up, interleaved`);
  for (const config of CONFIGS) {
    const runners = impls.map((impl) => ({ ...impl, next: runner(impl.ours, config.text), ms: [] as number[] }));
    const parse: number[] = [];
    let version = 1;
    for (let i = 0; i < warmup + runs; i++) {
      version++;
      // Alternate which implementation goes first, so neither always runs on a warmer cache.
      const order = i % 2 === 0 ? runners : [...runners].reverse();
      const answers = new Map<string, string>();
      for (const r of order) {
        const { ms, diagnostics } = r.next(version);
        if (i >= warmup) r.ms.push(ms);
        answers.set(r.name, diagnostics);
      }
      if (new Set(answers.values()).size > 1) throw new Error(`${config.name}: the implementations disagree at version ${version}`);
      if (i === 0 && !answers.get('ours')!.includes('config/namerd-namespace-unknown')) throw new Error(`${config.name}: the rule said nothing`);
      const t0 = performance.now();
      impls[0]!.ours.parseConfigText(`${config.text}# edit ${version}\n`);
      if (i >= warmup) parse.push(performance.now() - t0);
    }
    console.log(`  ${config.name} (${config.text.split('\n').length} lines)`);
    for (const r of runners) {
      console.log(`    ${`${r.name}: analysis + diagnostics`.padEnd(40)} median ${quantile(r.ms, 0.5).toFixed(3).padStart(8)} ms   p90 ${quantile(r.ms, 0.9).toFixed(3).padStart(8)} ms`);
    }
    console.log(`    ${'the YAML parse alone, for reference'.padEnd(40)} median ${quantile(parse, 0.5).toFixed(3).padStart(8)} ms   p90 ${quantile(parse, 0.9).toFixed(3).padStart(8)} ms`);
  }
}

if (require.main === module) run();
