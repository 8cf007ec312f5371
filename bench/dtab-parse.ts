// Parser benchmark (the engine issue's benchmark): dtabs of 100, 1,000, 10,000 and 100,000 dentries cycling four
// shapes, one per line. For each size: the median ms of parse + all diagnostics after warm-up, MB/s, the median ms
// of JSON.parse on the same dentries in namerd's JSON form, and the ratio. Target: ≤ 5× JSON.parse at 10,000
// dentries, and linear growth to 100,000.
import { buildSync } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

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
}

/**
 * The engine as it ships: bundled by esbuild like dist/server.js (under tsx every cross-module reference is a
 * getter call, which would measure tsx rather than the parser).
 */
function loadEngine(): Engine {
  const dir = join(__dirname, '..', 'node_modules', '.cache', 'dtab-bench');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'engine.cjs');
  const checks = existsSync(join(__dirname, '..', 'server', 'src', 'core', 'dtab', 'checks.ts'));
  buildSync({
    stdin: {
      contents:
        "export { parseDtab } from './server/src/core/dtab/parse.ts';\n" +
        (checks ? "export { checkDtab } from './server/src/core/dtab/checks.ts';\n" : ''),
      resolveDir: join(__dirname, '..'),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    logLevel: 'error',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(out) as Engine;
}

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => String(c).padStart(widths[i]!)).join(' | ');
}

export function run(): void {
  const engine = loadEngine();
  const withChecks = typeof engine.checkDtab === 'function';
  console.log('dtab-parse: the engine bundled as it ships; medians after warm-up; Node ' + process.version);
  console.log(
    withChecks
      ? 'parse+diag = parseDtab + checkDtab (all diagnostics); parse = parseDtab alone'
      : 'checkDtab does not exist yet: parse only',
  );
  const widths = [8, 8, 10, 7, 13, 6, 10, 6];
  console.log(row(['dentries', 'bytes', 'parse ms', 'MB/s', 'JSON.parse ms', 'ratio', 'parse+diag', 'ratio'], widths));
  const parseMs = new Map<number, number>();
  for (const n of [100, 1_000, 10_000, 100_000]) {
    const { text, json } = benchDtab(n);
    const big = n >= 100_000;
    const runs = big ? 5 : 11;
    const warm = big ? 1000 : 1500;
    const jms = measure(() => JSON.parse(json), runs, warm);
    const pms = measure(() => {
      const doc = engine.parseDtab(text);
      if (doc.errors.length) throw new Error('benchmark dtab has errors: ' + doc.errors[0]!.message);
    }, runs, warm);
    parseMs.set(n, pms);
    let dms: number | undefined;
    if (withChecks) {
      // Diagnostics may be much slower than parsing: bound the time spent on them.
      const t0 = performance.now();
      engine.checkDtab!(engine.parseDtab(text));
      const once = performance.now() - t0;
      dms = measure(() => engine.checkDtab!(engine.parseDtab(text)), once > 2000 ? 1 : once > 200 ? 3 : runs, once > 200 ? 0 : warm);
    }
    const mbs = text.length / 1e6 / (pms / 1000);
    console.log(
      row(
        [
          n,
          text.length,
          pms.toFixed(2),
          mbs.toFixed(1),
          jms.toFixed(2),
          (pms / jms).toFixed(1) + '×',
          dms === undefined ? '-' : dms.toFixed(1),
          dms === undefined ? '-' : (dms / jms).toFixed(0) + '×',
        ],
        widths,
      ),
    );
  }
  const g = parseMs.get(100_000)! / parseMs.get(10_000)!;
  console.log(`parse growth 10,000 → 100,000 dentries: ${g.toFixed(1)}× (linear = 10×); target ≤ 5× JSON.parse at 10,000`);
}

if (require.main === module) run();
