// Live namerd hover benchmark, in the parts the extension runs. Inside a linkerd.yaml / namerd.yaml, the hovered
// path comes from the language server: the `dtab/embeddedPathAt` request to the real server process (dist/server.js
// over JSON-RPC, as test/rpc starts it), answered from the server's analysis of the document version, then the
// client reads the answer's canonical dtab back into a Dtab value (once per distinct dtab). Figures: the request on
// the sample linkerd.yaml and on the 5,000-line config of bench/config-check.ts, right after opening the document,
// right after an edit (the request analyses the new version), after the edit's diagnostics (analysis cached), and
// repeated; the read-back. Then the editor-independent live part (LiveResolver: cache, budget, watches, rendering,
// over the real HTTP client) that client/src/namerd/liveHover.ts drives, against the local namerd-compatible server
// on 127.0.0.1 seeded with a namespace: hover latency cold (empty cache: a real delegate request with the file's
// dtab applied, plus opening the entry's watches) and cached, p50/p99 over bounded loops; the whole YAML hover (the
// request, the read-back and the resolver) cold and cached; then the hover against an endpoint that refuses
// connections and one that accepts and never answers, with the 1000 ms budget (the time the hover waits is printed
// next to the budget). The local server's own delegate throughput is bench/namerd.ts. The namerd server and the
// resolver share this process, the language server is a child process (and the machine has 2 cores): compare ratios.
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DidChangeTextDocumentNotification, type Position } from 'vscode-languageserver-protocol/node';
import type { Dtab, Path } from '../server/src/core/dtab/ast.js';
import { parseDtab, readDtab, readPath, toDtab } from '../server/src/core/dtab/parse.js';
import { createNamerdClient } from '../server/src/namerd/client/index.js';
import { parseNamerdConfig } from '../server/src/namerd/local-server/config.js';
import { startLocalNamerd } from '../server/src/namerd/local-server/server.js';
import { LiveResolver, type LiveHoverQuery } from '../server/src/lsp/live/resolver.js';
import { EmbeddedPathAtRequest, type EmbeddedPathAtResult } from '../server/src/protocol/requests.js';
import { startServer, type ServerSession } from '../test/rpc/harness.js';
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

/** A YAML document open in the language server, and the hover position the extension asks about. */
interface YamlHover {
  readonly session: ServerSession;
  readonly uri: string;
  readonly position: Position;
  /** The document's current text and version (edits append a comment line, so the hovered path does not move). */
  text: string;
  version: number;
}

/** The extension's request: which path, in which embedded dtab, is at the position. */
async function embeddedPathAt(h: YamlHover): Promise<EmbeddedPathAtResult> {
  const r = await h.session.connection.sendRequest(EmbeddedPathAtRequest, { textDocument: { uri: h.uri }, position: h.position });
  if (!r) throw new Error(`no embedded path at ${JSON.stringify(h.position)} of ${h.uri}`);
  return r;
}

/** The next version of the document: one comment line more at the end (what a keystroke makes the server analyse). */
async function edit(h: YamlHover): Promise<number> {
  const end = TextDocument.create(h.uri, 'yaml', h.version, h.text).positionAt(h.text.length);
  const line = `# edit ${h.version}\n`;
  h.text += line;
  h.version++;
  await h.session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: h.uri, version: h.version },
    contentChanges: [{ range: { start: end, end }, text: line }],
  });
  return h.version;
}

/** The client's read-back of the answer's canonical dtab into the value it sends to namerd (liveHover.ts keeps the last one). */
function readBack(canonical: string): Dtab {
  const r = readDtab(canonical);
  if (!r.ok) throw new Error(`the canonical dtab does not read back: ${r.message}`);
  return r.value;
}

/** Opens `text` in the server and measures `dtab/embeddedPathAt` at the last occurrence of `marker` (+ `shift`). */
async function embeddedPathAtFigures(session: ServerSession, label: string, text: string, marker: string, shift: number, runs: number): Promise<YamlHover> {
  const uri = `file:///bench/${label.replace(/[^a-z0-9]+/gi, '-')}/linkerd.yaml`;
  const offset = text.lastIndexOf(marker) + shift;
  const h: YamlHover = { session, uri, position: TextDocument.create(uri, 'yaml', 1, text).positionAt(offset), text, version: 1 };
  let t0 = performance.now();
  session.open(uri, 'yaml', text, 1);
  const opened = await embeddedPathAt(h);
  const cold = performance.now() - t0;
  await session.waitForDiagnostics(uri, (p) => p.version === 1, 60_000);
  // Right after an edit: the request comes before the debounced diagnostics, so it analyses the new version.
  const afterEdit: number[] = [];
  // After the edit's diagnostics: the version's analysis is cached; the first request of that version.
  const analysed: number[] = [];
  const repeated: number[] = [];
  for (let i = 0; i < runs; i++) {
    let v = await edit(h);
    t0 = performance.now();
    await embeddedPathAt(h);
    afterEdit.push(performance.now() - t0);
    await session.waitForDiagnostics(uri, (p) => p.version === v, 60_000);
    v = await edit(h);
    await session.waitForDiagnostics(uri, (p) => p.version === v, 60_000);
    t0 = performance.now();
    await embeddedPathAt(h);
    analysed.push(performance.now() - t0);
    t0 = performance.now();
    await embeddedPathAt(h);
    repeated.push(performance.now() - t0);
  }
  const reads: number[] = [];
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    readBack(opened.dtab);
    reads.push(performance.now() - t0);
  }
  const p = (xs: number[]): string => {
    xs.sort((a, b) => a - b);
    return `p50 ${ms(percentile(xs, 50))}, p99 ${ms(percentile(xs, 99))}`;
  };
  const lines = text.split('\n').length - 1;
  console.log(`dtab/embeddedPathAt, ${label} (${lines} lines; answer: ${opened.path.length}-label path in ${opened.kind} ${opened.name}, dtab of ${opened.dtab.length} chars):`);
  console.log(`  right after opening ${ms(cold)}; right after an edit ${p(afterEdit)}; after the edit's diagnostics ${p(analysed)}; repeated ${p(repeated)} (${runs} edits)`);
  console.log(`  client read-back of the canonical dtab (once per distinct dtab): ${p(reads)}`);
  return h;
}

/** The YAML live hover as the extension runs it: the request, the read-back (kept while the dtab is the same), the resolver. */
async function yamlLiveHover(h: YamlHover, api: LiveHoverQuery['api'], resolver: LiveResolver, last: { canonical?: string; dtab?: Dtab }): Promise<string | undefined> {
  const hovered = await embeddedPathAt(h);
  if (last.canonical !== hovered.dtab) {
    last.dtab = readBack(hovered.dtab);
    last.canonical = hovered.dtab;
  }
  return resolver.section({ api, endpointName: 'bench', namespace: NAMESPACE, dtab: last.dtab!, path: hovered.path, budgetMs: BUDGET_MS });
}

/** The resolver against the local namerd-compatible server, alone and behind the YAML request (`yaml`: an open config). */
async function liveHoverFigures(yaml: YamlHover): Promise<void> {
  const config = `storage:\n  kind: io.l5d.inMemory\n  namespaces:\n    ${NAMESPACE}: ${JSON.stringify(storedNamespace(100))}\nnamers:\n- kind: io.l5d.fs\n  rootDir: ${JSON.stringify(join(__dirname, '..', 'test', 'fixtures', 'namerd', 'disco'))}\n`;
  const namerd = await startLocalNamerd({ config: parseNamerdConfig(config), port: 0, dns: false });
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

    // The whole hover inside the sample linkerd.yaml (its router's dtab is sent with the delegate request).
    const yamlCold = await timed(100, async () => {
      const r = new LiveResolver();
      const md = await yamlLiveHover(yaml, client, r, {});
      r.clear();
      if (!md?.includes('```text')) throw new Error(`YAML hover did not resolve: ${md}`);
    });
    const yamlResolver = new LiveResolver();
    const last = {};
    await yamlLiveHover(yaml, client, yamlResolver, last);
    const yamlCached = await timed(1000, () => yamlLiveHover(yaml, client, yamlResolver, last));
    yamlResolver.clear();
    console.log(`hover in the sample linkerd.yaml (dtab/embeddedPathAt + read-back + resolver): cold p50 ${ms(yamlCold.p50)}, p99 ${ms(yamlCold.p99)} (100 hovers); cached p50 ${ms(yamlCached.p50)}, p99 ${ms(yamlCached.p99)} (1000 hovers)`);
  } finally {
    client.dispose();
    await namerd.close();
  }
}

export async function run(): Promise<void> {
  const session = await startServer();
  try {
    const sample = readFileSync(join(__dirname, '..', 'test', 'fixtures', 'workspace', 'linkerd.yaml'), 'utf8');
    const sampleHover = await embeddedPathAtFigures(session, 'sample linkerd.yaml', sample, '/srv/web |', 1, 100);
    // The last router's dtab: its last destination path.
    await embeddedPathAtFigures(session, 'generated linkerd.yaml', generateConfig(5000), '=> /', 4, 30);
    await liveHoverFigures(sampleHover);
  } finally {
    await session.close();
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
