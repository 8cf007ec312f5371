// Local namerd benchmark: delegate throughput of the local server at concurrency 1 and 16 (bounded request counts
// over keep-alive connections on 127.0.0.1), and the HTTP client's round-trip latency (p50/p99) for getDtab and
// delegate. The server runs in a child process (this file with --serve) so that it and the load generator each get
// a core; figures are still for a shared 2-core machine, so compare ratios rather than absolute numbers.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createNamerdClient } from '../server/src/namerd/client/index.js';
import { startLocalNamerd } from '../server/src/namerd/local-server/server.js';
import { parseNamerdConfig } from '../server/src/namerd/local-server/config.js';
import { join } from 'node:path';

/** A namespace of `n` service dentries in the usual linkerd style, plus a 1:9 split and an fs-namer fallback. */
function benchNamespace(n: number): string {
  const lines = ['/srv => /#/io.l5d.fs', '/host => /srv', '/svc => /host', '/svc/web => 1 * /srv/web & 9 * /srv/api'];
  for (let i = 0; i < n; i++) lines.push(`/svc/svc${i} => /$/inet/10.0.${(i >> 8) & 255}.${i & 255}/8080 | /srv/api`);
  return lines.join(';\n');
}

const PATHS = ['/svc/web/x', '/svc/svc42', '/svc/api', '/svc/nothing/here'];

async function serve(): Promise<void> {
  const yaml = `storage:\n  kind: io.l5d.inMemory\n  namespaces:\n    bench: ${JSON.stringify(benchNamespace(100))}\nnamers:\n- kind: io.l5d.fs\n  rootDir: ${JSON.stringify(join(__dirname, '..', 'test', 'fixtures', 'namerd', 'disco'))}\n`;
  const s = await startLocalNamerd({ config: parseNamerdConfig(yaml), port: 0, dns: false });
  process.stdout.write(`${s.url}\n`);
  process.on('SIGTERM', () => void s.close().then(() => process.exit(0)));
}

function get(agent: Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Requests per second for `total` delegate requests spread over `concurrency` keep-alive connections. */
async function delegateThroughput(base: string, concurrency: number, total: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const status = await get(agent, `${base}/api/1/delegate/bench?path=${encodeURIComponent(PATHS[i % PATHS.length]!)}`);
      if (status !== 200) throw new Error(`delegate answered ${status}`);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  return total / secs;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function latency(calls: number, f: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(200, calls); i++) await f();
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

export async function run(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.once('data', (d: string) => resolve(d.trim()));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  try {
    console.log('namerd: local server (child process) on 127.0.0.1, namespace of 104 dentries, io.l5d.fs namer');
    await delegateThroughput(base, 4, 500); // warm-up
    for (const c of [1, 16]) {
      const rps = await delegateThroughput(base, c, 4000);
      console.log(`delegate throughput, concurrency ${String(c).padStart(2)}: ${rps.toFixed(0).padStart(6)} req/s (4,000 requests, ${PATHS.length} paths)`);
    }
    const client = createNamerdClient({ baseUrl: base });
    const g = await latency(2000, () => client.getDtab('bench'));
    console.log(`client getDtab round trip:   p50 ${g.p50.toFixed(3)} ms, p99 ${g.p99.toFixed(3)} ms (2,000 calls)`);
    let i = 0;
    const d = await latency(2000, () => client.delegate({ namespace: 'bench', path: PATHS[i++ % PATHS.length]! }));
    console.log(`client delegate round trip:  p50 ${d.p50.toFixed(3)} ms, p99 ${d.p99.toFixed(3)} ms (2,000 calls)`);
    client.dispose();
  } finally {
    child.kill('SIGTERM');
  }
}

if (require.main === module) {
  if (process.argv.includes('--serve')) void serve();
  else void run();
}
