// Language-server benchmark over JSON-RPC (the bundled server as a child process) with the 10,000-dentry dtab of
// the engine benchmark: time from `didChange` (one character typed) to `publishDiagnostics` for that version,
// completion latency and hover latency (p50 / p99). For comparison, the engine's own parse + check time of the
// same text in this process. Targets: diagnostics within 16 ms beyond the engine's time; completion and hover
// under 16 ms at p50. The debounce is set to 0 here so that the figures measure work, not waiting.
import {
  CompletionRequest,
  DidChangeTextDocumentNotification,
  HoverRequest,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { parseDtab } from '../server/src/core/dtab/parse.js';
import { checkDtab } from '../server/src/core/dtab/checks.js';
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
  const engine: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now();
    checkDtab(parseDtab(text));
    if (i >= WARMUP) engine.push(performance.now() - t0);
  }

  console.log(`lsp: JSON-RPC to dist/server.js, ${DENTRIES} dentries (${text.length} bytes), ${RUNS} runs after ${WARMUP} warm-up`);
  console.log(row('engine parse + checks (in-process)', engine));
  const uri = 'file:///bench/bench.dtab';

  // Phase 1, debounce 0 so the figure is work, not waiting: type one character, wait for that version's diagnostics.
  const typed = await withServer(0, uri, text, async (s) => {
    const out: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const v = i + 2;
      const t0 = performance.now();
      const published = s.waitForDiagnostics(uri, (p) => p.version === v, 60_000);
      await s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [typing(lines, i)] });
      await published;
      if (i >= WARMUP) out.push(performance.now() - t0);
    }
    return out;
  });
  console.log(row('didChange → publishDiagnostics', typed));
  console.log(`${'  beyond the engine (p50)'.padEnd(34)} ${(percentile(typed, 50) - percentile(engine, 50)).toFixed(2).padStart(7)} ms (target ≤ 16 ms)`);

  // Phase 2, the default debounce: completion right after a keystroke, then completion and hover on a quiet document.
  const target = 7001; // shape 1: `/host/svcN => 9 * /srv/svcN-blue & 1 * /srv/svcN-green;`
  const dstCol = lines[target]!.indexOf('/srv/') + 5;
  const { afterTyping, completion, hover } = await withServer(150, uri, text, async (s) => {
    const r = { afterTyping: [] as number[], completion: [] as number[], hover: [] as number[] };
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
      t0 = performance.now();
      await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: target, character: dstCol + 2 } });
      if (i >= WARMUP) r.hover.push(performance.now() - t0);
    }
    return r;
  });
  console.log(row('completion right after a keystroke', afterTyping) + '   (target p50 < 16 ms)');
  console.log(row('completion (quiet document)', completion) + '   (target p50 < 16 ms)');
  console.log(row('hover (quiet document)', hover) + '   (target p50 < 16 ms)');
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
