// Parser benchmark (the engine issue's benchmark): dtabs of 100, 1,000, 10,000 and 100,000 dentries cycling four
// shapes, one per line. For each size, medians after warm-up: JSON.parse on the same dentries in namerd's JSON
// form; parseDtab; parse + all diagnostics from scratch (cold); and, after a one-character edit, the re-parse and
// the re-check by a checker kept between versions (what the language server does), each with its ratio to
// JSON.parse. Targets: parse + diagnostics ≤ 5× JSON.parse at 10,000 dentries, linear growth to 100,000, and a
// re-check within one 16 ms frame beyond the parse.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBundle } from './bundle.js';

export function benchDentry(i: number): { line: string; prefix: string; dst: string } {
  switch (i % 4) {
    case 0:
      return { line: `/svc/svc${i} => /#/io.l5d.fs/svc${i};`, prefix: `/svc/svc${i}`, dst: `/#/io.l5d.fs/svc${i}` };
    case 1:
      return {
        line: `/host/svc${i} => 9 * /srv/svc${i}-blue & 1 * /srv/svc${i}-green;`,
        prefix: `/host/svc${i}`,
        dst: `9.00*/srv/svc${i}-blue & /srv/svc${i}-green`,
      };
    case 2:
      return {
        line: `/srv/* => /#/io.l5d.k8s/prod/http | /#/io.l5d.k8s/staging/http; # fallback ${i}`,
        prefix: '/srv/*',
        dst: '/#/io.l5d.k8s/prod/http | /#/io.l5d.k8s/staging/http',
      };
    default:
      return {
        line: `/http/1.1/*/svc${i}.example.com => /$/inet/127.1/${8000 + (i % 1000)};`,
        prefix: `/http/1.1/*/svc${i}.example.com`,
        dst: `/$/inet/127.1/${8000 + (i % 1000)}`,
      };
  }
}

/** The benchmark dtab of `n` dentries and the same dentries as namerd's JSON. */
export function benchDtab(n: number): { text: string; json: string } {
  const lines: string[] = [];
  const json: { prefix: string; dst: string }[] = [];
  for (let i = 0; i < n; i++) {
    const d = benchDentry(i);
    lines.push(d.line);
    json.push({ prefix: d.prefix, dst: d.dst });
  }
  return { text: lines.join('\n') + '\n', json: JSON.stringify(json) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Median ms of `runs` calls after `warmMs` of warm-up (at least one warm-up call). */
function measure(f: () => unknown, runs: number, warmMs: number): number {
  const warmEnd = performance.now() + warmMs;
  do f();
  while (performance.now() < warmEnd);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

interface Engine {
  parseDtab: typeof import('../server/src/core/dtab/parse.js').parseDtab;
  checkDtab?: typeof import('../server/src/core/dtab/checks.js').checkDtab;
  createDtabChecker?: typeof import('../server/src/core/dtab/checks.js').createDtabChecker;
}

/**
 * The engine as it ships: bundled by esbuild like dist/server.js (under tsx every cross-module reference is a
 * getter call, which would measure tsx rather than the parser). DTAB_BENCH_ROOT may point at another checkout
 * (e.g. `git archive` of an older commit) to compare engines in one run of this script.
 */
function loadEngine(): Engine {
  const root = process.env.DTAB_BENCH_ROOT ?? join(__dirname, '..');
  const checksFile = join(root, 'server', 'src', 'core', 'dtab', 'checks.ts');
  const checks = existsSync(checksFile);
  const checker = checks && readFileSync(checksFile, 'utf8').includes('export function createDtabChecker');
  return loadBundle<Engine>(
    "export { parseDtab } from './server/src/core/dtab/parse.ts';\n" +
      (checks ? `export { checkDtab${checker ? ', createDtabChecker' : ''} } from './server/src/core/dtab/checks.ts';\n` : ''),
    root,
  );
}

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => String(c).padStart(widths[i]!)).join(' | ');
}

/** The bench dtab with one character typed into dentry `k` (its first label gets one letter longer). */
function editedText(text: string, n: number, k: number): string {
  let at = 0;
  for (let line = 0; line < k % n; line++) at = text.indexOf('\n', at) + 1;
  return text.slice(0, at + 1) + 'q' + text.slice(at + 1);
}

interface Figures {
  json: number;
  parse: number;
  cold?: number;
  editParse?: number;
  editCheck?: number;
}

function measureSize(engine: Engine, n: number): Figures {
  const { text, json } = benchDtab(n);
  const big = n >= 100_000;
  const runs = big ? 5 : 11;
  const warm = big ? 1000 : 1500;
  const figures: Figures = {
    json: measure(() => JSON.parse(json), runs, warm),
    parse: measure(() => {
      const doc = engine.parseDtab(text);
      if (doc.errors.length) throw new Error('benchmark dtab has errors: ' + doc.errors[0]!.message);
    }, runs, warm),
  };
  const checkDtab = engine.checkDtab;
  if (!checkDtab) return figures;
  // Diagnostics may be much slower than parsing: bound the time spent on them.
  const t0 = performance.now();
  checkDtab(engine.parseDtab(text));
  const once = performance.now() - t0;
  const coldRuns = once > 2000 ? 1 : once > 200 ? 3 : runs;
  figures.cold = measure(() => checkDtab(engine.parseDtab(text)), coldRuns, once > 200 ? 0 : warm);

  // A one-character edit: the editor re-parses, then re-checks with the checker it kept (without one, the
  // old engine checks from scratch). Each version types into another dentry (the previous one is restored).
  const checker = engine.createDtabChecker?.() ?? { check: checkDtab };
  checker.check(engine.parseDtab(text));
  const parses: number[] = [];
  const checks: number[] = [];
  const editRuns = once > 2000 ? 3 : runs;
  for (let k = 0; k < editRuns + 2; k++) {
    const edited = editedText(text, n, 7919 * (k + 1));
    const p0 = performance.now();
    const doc = engine.parseDtab(edited);
    const p1 = performance.now();
    checker.check(doc);
    const p2 = performance.now();
    if (k < 2) continue; // warm-up
    parses.push(p1 - p0);
    checks.push(p2 - p1);
  }
  figures.editParse = median(parses);
  figures.editCheck = median(checks);
  return figures;
}

export function run(): void {
  const engine = loadEngine();
  console.log('dtab-parse: the engine bundled as it ships; medians after warm-up; Node ' + process.version);
  if (process.env.DTAB_BENCH_ROOT) console.log(`engine from ${process.env.DTAB_BENCH_ROOT}`);
  console.log(
    engine.checkDtab
      ? 'cold = parseDtab + checkDtab (all diagnostics, nothing remembered); edit = after a one-character edit: ' +
          're-parse, then re-check with the checker kept between versions (check column = the re-check alone)'
      : 'checkDtab does not exist yet: parse only',
  );
  const widths = [8, 8, 8, 8, 6, 8, 6, 10, 10, 6];
  console.log(
    row(['dentries', 'bytes', 'JSON ms', 'parse', '×JSON', 'cold', '×JSON', 'edit parse', 'edit check', '×JSON'], widths),
  );
  const parseMs = new Map<number, number>();
  const coldMs = new Map<number, number>();
  for (const n of [100, 1_000, 10_000, 100_000]) {
    const f = measureSize(engine, n);
    parseMs.set(n, f.parse);
    if (f.cold !== undefined) coldMs.set(n, f.cold);
    const ratio = (ms: number | undefined) => (ms === undefined ? '-' : (ms / f.json).toFixed(1) + '×');
    const ms = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(2));
    const edit = f.editParse === undefined ? undefined : f.editParse + f.editCheck!;
    console.log(
      row(
        [n, benchDtab(n).text.length, ms(f.json), ms(f.parse), ratio(f.parse), ms(f.cold), ratio(f.cold), ms(f.editParse), ms(f.editCheck), ratio(edit)],
        widths,
      ),
    );
  }
  const growth = (m: Map<number, number>) => (m.get(100_000)! / m.get(10_000)!).toFixed(1) + '×';
  console.log(
    `growth 10,000 → 100,000 dentries (linear = 10×): parse ${growth(parseMs)}` +
      (coldMs.size ? `, cold ${growth(coldMs)}` : '') +
      '. Targets: parse + all diagnostics ≤ 5× JSON.parse at 10,000; a re-check within 16 ms beyond the parse.',
  );
  if (engine.checkDtab) plainGrowth(engine.checkDtab, engine.parseDtab);
}

/**
 * Cold check of a dtab of `prefix => path` dentries only (no `*`, no `|`): the text tests of the weights and
 * alternatives checks then find nothing, which once made them scan the rest of the document per dentry.
 */
function plainGrowth(checkDtab: NonNullable<Engine['checkDtab']>, parseDtab: Engine['parseDtab']): void {
  const ms = new Map<number, number>();
  for (const n of [10_000, 100_000]) {
    let text = '';
    for (let i = 0; i < n; i++) text += `/svc/svc${i} => /#/io.l5d.fs/svc${i};\n`;
    ms.set(n, measure(() => checkDtab(parseDtab(text)), n >= 100_000 ? 3 : 7, n >= 100_000 ? 0 : 500));
  }
  const [small, big] = [ms.get(10_000)!, ms.get(100_000)!];
  console.log(
    `plain dtab (prefix => path only): cold ${small.toFixed(2)} ms at 10,000, ${big.toFixed(2)} ms at 100,000 ` +
      `(growth ${(big / small).toFixed(1)}×, linear = 10×)`,
  );
}

if (require.main === module) run();
