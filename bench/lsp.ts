// Language-server benchmark over JSON-RPC (the bundled server as a child process) with the 10,000-dentry dtab of
// the engine benchmark: time from `didChange` (one character typed) to `publishDiagnostics` for that version,
// completion latency and hover latency (p50 / p99). The server reports its own parse + check time per version
// (dtab/status), so the overhead of the language server itself is measured, not guessed. Targets: diagnostics
// within 16 ms beyond the engine's time; completion and hover under 16 ms at p50. The debounce is set to 0 here so that the figures measure work, not waiting.
import {
  CompletionRequest,
  DidChangeTextDocumentNotification,
  HoverRequest,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { startServer, type ServerSession } from '../test/rpc/harness.js';
import { benchDtab } from './dtab-parse.js';

const DENTRIES = 10_000;
const RUNS = 41;
const WARMUP = 8;

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

function row(name: string, xs: readonly number[]): string {
  return `${name.padEnd(34)} p50 ${percentile(xs, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(xs, 99).toFixed(2).padStart(7)} ms`;
}

export async function run(): Promise<void> {
  const { text } = benchDtab(DENTRIES);
  const lines = text.split('\n');
  console.log(`lsp: JSON-RPC to dist/server.js, ${DENTRIES} dentries (${text.length} bytes), ${RUNS} runs after ${WARMUP} warm-up`);
  const uri = 'file:///bench/bench.dtab';

  // Phase 1, debounce 0 so the figure is work, not waiting: type one character, wait for that version's diagnostics.
  // The server reports its own analysis time per version (dtab/status); the rest of the end-to-end time is the
  // language server's overhead (document update, scheduling, LSP conversion, JSON-RPC both ways).
  const { typed, analysis, overhead } = await withServer(0, uri, text, async (s) => {
    const r = { typed: [] as number[], analysis: [] as number[], overhead: [] as number[] };
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const v = i + 2;
      const t0 = performance.now();
      const published = s.waitForDiagnostics(uri, (p) => p.version === v, 60_000);
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [typing(lines, i)] });
      await published;
      const total = performance.now() - t0;
      // The status notification follows the diagnostics on the wire; let it arrive.
      let status = s.statuses.find((x) => x.uri === uri && x.version === v);
      for (let spins = 0; !status && spins < 1000; spins++) {
        await new Promise((resolve) => setImmediate(resolve));
        status = s.statuses.find((x) => x.uri === uri && x.version === v);
      }
      if (i >= WARMUP && status) {
        r.typed.push(total);
        r.analysis.push(status.durationMs);
        r.overhead.push(total - status.durationMs);
      }
    }
    return r;
  });
  console.log(row('didChange → publishDiagnostics', typed));
  console.log(row('  of which parse + checks in server', analysis));
  console.log(row('  beyond the engine', overhead) + '   (target ≤ 16 ms)');

  // Phase 2, the default debounce: completion right after a keystroke, then completion and hover on a quiet document.
  const target = 7001; // shape 1: `/host/svcN => 9 * /srv/svcN-blue & 1 * /srv/svcN-green;`
  const dstCol = lines[target]!.indexOf('/srv/') + 5;
  // The dst of line 7001 matches the 2,500 `/srv/*` dentries (a 2,500-way Alt); the prefix of line 7000 one dentry.
  const { afterTyping, completion, hover, hoverOne } = await withServer(150, uri, text, async (s) => {
    const r = { afterTyping: [] as number[], completion: [] as number[], hover: [] as number[], hoverOne: [] as number[] };
    for (let i = 0; i < WARMUP + RUNS; i++) {
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: i + 2 }, contentChanges: [typing(lines, i)] });
      const t0 = performance.now();
      await s.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: target, character: dstCol } });
      if (i >= WARMUP) r.afterTyping.push(performance.now() - t0);
    }
    await s.waitForDiagnostics(uri, (p) => p.version === WARMUP + RUNS + 1, 60_000);
    for (let i = 0; i < WARMUP + RUNS; i++) {
      let t0 = performance.now();
      await s.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: target, character: dstCol } });
      if (i >= WARMUP) r.completion.push(performance.now() - t0);
      // A different path every time (hovers are memoised per dtab and path): lines of the same shape, 4 apart.
      const line = target + 4 * i;
      t0 = performance.now();
      await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: dstCol + 2 } });
      if (i >= WARMUP) r.hover.push(performance.now() - t0);
      t0 = performance.now();
      await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: line - 1, character: 3 } });
      if (i >= WARMUP) r.hoverOne.push(performance.now() - t0);
    }
    return r;
  });
  console.log(row('completion right after a keystroke', afterTyping) + '   (target p50 < 16 ms)');
  console.log(row('completion (quiet document)', completion) + '   (target p50 < 16 ms)');
  console.log(row('hover, 2,500 matching dentries', hover) + '   (target p50 < 16 ms)');
  console.log(row('hover, one matching dentry', hoverOne) + '   (target p50 < 16 ms)');
}

/** One keystroke: a space typed at the end of line 5000, then deleted, alternately (the dtab stays valid). */
function typing(lines: readonly string[], i: number): { range: { start: Position; end: Position }; text: string } {
  const line = 5000;
  const end: Position = { line, character: lines[line]!.length };
  return i % 2 === 0
    ? { range: { start: end, end }, text: ' ' }
    : { range: { start: end, end: { line, character: end.character + 1 } }, text: '' };
}

async function withServer<T>(debounceMs: number, uri: string, text: string, body: (s: ServerSession) => Promise<T>): Promise<T> {
  const s = await startServer({ diagnostics: { debounceMs } });
  try {
    s.open(uri, 'linkerd-dtab', text);
    await s.waitForDiagnostics(uri, () => true, 60_000);
    return await body(s);
  } finally {
    await s.close();
  }
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
