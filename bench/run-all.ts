// `npm run bench`: runs every benchmark module in turn. Each module exports `run()` (sync or async) and prints its
// own table. Add yours to the list.
import { run as configCheck } from './config-check.js';
import { run as crossFile } from './cross-file.js';
import { run as dtabEval } from './dtab-eval.js';
import { run as dtabParse } from './dtab-parse.js';
import { run as liveHover } from './live-hover.js';
import { run as lsp } from './lsp.js';
import { run as namerd } from './namerd.js';
import { run as regionAt } from './region-at.js';
import { run as routing } from './routing.js';

const benches: [string, () => unknown][] = [['dtab-parse', dtabParse], ['dtab-eval', dtabEval], ['config-check', configCheck], ['cross-file', crossFile], ['namerd', namerd], ['live-hover', liveHover], ['region-at', regionAt], ['routing', routing], ['lsp', lsp]];

async function main(): Promise<void> {
  for (const [name, run] of benches) {
    console.log(`\n=== ${name} ===`);
    await run();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
