// Live namerd hover benchmark: the editor-independent part of the live hover (LiveResolver: cache, budget, watches,
// rendering, over the real HTTP client) that client/src/namerd/liveHover.ts drives, against the local
// namerd-compatible server on 127.0.0.1 seeded with a namespace. Figures: hover latency cold (empty cache: a real
// delegate request with the file's dtab applied, plus opening the entry's watches) and cached, p50/p99 over bounded
// loops; the lookup of the hovered path in a YAML config; then the hover against an endpoint that refuses
// connections and one that accepts and never answers, with the 1000 ms budget (the time the hover waits is printed
// next to the budget). The local server's own delegate throughput is bench/namerd.ts. Server and resolver share
// one process (and a 2-core machine): compare ratios.
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { analyzeConfig } from '../server/src/core/config/analyze.js';
import { clearDtabCache } from '../server/src/core/config/embedded.js';
import type { Path } from '../server/src/core/dtab/ast.js';
import { parseDtab, readPath, toDtab } from '../server/src/core/dtab/parse.js';
import { createNamerdClient } from '../server/src/namerd/client/index.js';
import { parseNamerdConfig } from '../server/src/namerd/local-server/config.js';
import { startLocalNamerd } from '../server/src/namerd/local-server/server.js';
import { hoveredEmbeddedPath } from '../server/src/lsp/live/embeddedPath.js';
import { LiveResolver, type LiveHoverQuery } from '../server/src/lsp/live/resolver.js';
import { generateConfig } from './config-check.js';

const NAMESPACE = 'bench';
const BUDGET_MS = 1000;

/** The stored namespace: service dentries in the usual linkerd style over the fs namer. */
function storedNamespace(n: number): string {
  const lines = ['/srv => /#/io.l5d.fs', '/host => /srv', '/svc => /host'];
  for (let i = 0; i < n; i++) lines.push(`/svc/svc${i} => /$/inet/10.0.${(i >> 8) & 255}.${i & 255}/8080 | /srv/api`);
  return lines.join(';\n');
}

/** The editor's (unsaved) dtab sent with every hover: a split and an override on top of the stored one. */
const FILE_DTAB = toDtab(parseDtab('/svc/web => 9 * /srv/web & 1 * /srv/api;\n/svc/users => /srv/users | /srv/web;\n'));
const PATHS: Path[] = ['/svc/web', '/svc/users', '/svc/svc42', '/svc/nothing/here'].map((p) => {
  const r = readPath(p);
  if (!r.ok) throw new Error(r.message);
  return r.value;
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(runs: number, f: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1]! };
}

const ms = (x: number): string => `${x.toFixed(3)} ms`;

/** The last line of the hover section (the answer or the failure), for the printout. */
function outcomeLine(markdown: string | undefined): string {
  if (!markdown) return '(no section)';
  const lines = markdown.split('\n').filter((l) => l.trim() && !l.startsWith('```'));
  return (lines.length > 1 ? lines[1]! : lines[0]!).slice(0, 110);
}

/** A TCP server that accepts connections and never answers. */
async function silentServer(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, sockets };
}

/** A port nothing listens on: bound once to get a free number, then closed. */
async function refusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Hovers against an unhealthy endpoint: each run a fresh resolver (empty cache), then one hover on the warm one. */
async function unhealthy(label: string, baseUrl: string, runs: number): Promise<void> {
  const client = createNamerdClient({ baseUrl, timeoutMs: 10_000 });
  const results: string[] = [];
  const cold = await timed(runs, async (i) => {
    const resolver = new LiveResolver();
    try {
      results.push(outcomeLine(await resolver.section(query(client, PATHS[i % PATHS.length]!))));
    } finally {
      resolver.clear();
    }
  });
  const warm = new LiveResolver();
  await warm.section(query(client, PATHS[0]!));
  const again = await timed(1, () => warm.section(query(client, PATHS[0]!)));
  warm.clear();
  client.dispose();
  console.log(`${label}: hover waits p50 ${ms(cold.p50)}, max ${ms(cold.max)} (budget ${BUDGET_MS} ms, ${runs} cold hovers); repeated hover ${ms(again.max)}`);
  console.log(`  shows: ${[...new Set(results)].join(' / ')}`);
}

function query(api: LiveHoverQuery['api'], path: Path): LiveHoverQuery {
  return { api, endpointName: 'bench', namespace: NAMESPACE, dtab: FILE_DTAB, path, budgetMs: BUDGET_MS };
}

/**
 * Finding the hovered path in a YAML config: the extension host analyses the config (its own caches, apart from
 * the language server's; once per document version) and maps the offset into the embedded dtab. "first" is the
 * analysis with empty dtab caches, "then" a re-analysis with warm ones (the first hover after an edit).
 */
function embeddedTargetLookup(): void {
  const configs: [string, string][] = [
    ['sample linkerd.yaml', readFileSync(join(__dirname, '..', 'test', 'fixtures', 'workspace', 'linkerd.yaml'), 'utf8')],
    ['generated linkerd.yaml, 5,000 lines', generateConfig(5000)],
  ];
  for (const [label, yaml] of configs) {
    // The last router's dtab: its last destination path.
    const offset = yaml.lastIndexOf('=> /') + 4;
    const find = (): string => {
      const r = hoveredEmbeddedPath(analyzeConfig(yaml, { fileName: 'linkerd.yaml' }).embeddedDtabs, offset);
      if (!r) throw new Error(`no embedded path at ${offset} in the ${label}`);
      return r.name;
    };
    clearDtabCache();
    const t0 = performance.now();
    find();
    const cold = performance.now() - t0;
    const runs = yaml.length > 10_000 ? 50 : 500;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      find();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`embedded hover target, ${label}: first ${ms(cold)}, then p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))} (${runs} hovers)`);
  }
}

export async function run(): Promise<void> {
  embeddedTargetLookup();
  const yaml = `storage:\n  kind: io.l5d.inMemory\n  namespaces:\n    ${NAMESPACE}: ${JSON.stringify(storedNamespace(100))}\nnamers:\n- kind: io.l5d.fs\n  rootDir: ${JSON.stringify(join(__dirname, '..', 'test', 'fixtures', 'namerd', 'disco'))}\n`;
  const namerd = await startLocalNamerd({ config: parseNamerdConfig(yaml), port: 0, dns: false });
  const client = createNamerdClient({ baseUrl: namerd.url });
  try {
    console.log(`live hover: LiveResolver + HTTP client against the local server (same process) on 127.0.0.1, namespace of 103 dentries, file dtab of 2 dentries, budget ${BUDGET_MS} ms`);
    const probe = new LiveResolver();
    const first = await probe.section(query(client, PATHS[0]!));
    probe.clear();
    if (!first?.includes('```text')) throw new Error(`the live hover did not resolve: ${first}`);
    // Cold: a fresh resolver per hover, so each one sends the delegate request and opens the entry's watches;
    // clearing it afterwards closes them (as the LRU does).
    for (let i = 0; i < 20; i++) {
      const r = new LiveResolver();
      await r.section(query(client, PATHS[i % PATHS.length]!));
      r.clear();
    }
    const coldRuns = 300;
    const cold = await timed(coldRuns, async (i) => {
      const r = new LiveResolver();
      const md = await r.section(query(client, PATHS[i % PATHS.length]!));
      r.clear();
      if (!md?.includes('```text')) throw new Error(`cold hover did not resolve: ${md}`);
    });
    console.log(`hover, cold (delegate request + watches): p50 ${ms(cold.p50)}, p99 ${ms(cold.p99)} (${coldRuns} hovers, ${PATHS.length} paths)`);
    const warm = new LiveResolver();
    for (const p of PATHS) await warm.section(query(client, p));
    const cachedRuns = 5000;
    const cached = await timed(cachedRuns, (i) => warm.section(query(client, PATHS[i % PATHS.length]!)));
    warm.clear();
    console.log(`hover, cached (render + local comparison): p50 ${ms(cached.p50)}, p99 ${ms(cached.p99)} (${cachedRuns} hovers)`);
  } finally {
    client.dispose();
    await namerd.close();
  }

  await unhealthy('endpoint refusing connections', `http://127.0.0.1:${await refusedPort()}`, 5);
  const silent = await silentServer();
  try {
    await unhealthy('endpoint that never answers', `http://127.0.0.1:${silent.port}`, 3);
  } finally {
    for (const s of silent.sockets) s.destroy();
    await new Promise<void>((resolve) => silent.server.close(() => resolve()));
  }
}

if (require.main === module) {
  run().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
