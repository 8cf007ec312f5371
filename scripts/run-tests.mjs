// Runs the test tiers with node's own test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [tier...]   tiers: unit, rpc, namerd (default: all of them, in that order).
// The real-VS-Code tier has its own runner (npm run test:e2e).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const allTiers = ['unit', 'rpc', 'namerd'];
const tiers = process.argv.slice(2).length ? process.argv.slice(2) : allTiers;

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

// A hung test fails with a message after this long instead of stalling the whole run (and CI's budget).
const TEST_TIMEOUT_MS = 180_000;

const files = tiers.flatMap((t) => findTests(join('test', t)));
if (files.length === 0) {
  console.error('no test files found for tiers: ' + tiers.join(', '));
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', `--test-timeout=${TEST_TIMEOUT_MS}`, ...files], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
