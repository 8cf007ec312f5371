// The real-VS-Code test tier (npm run test:e2e): code-server 4.100.3 + Debian chromium + playwright-core.
// Installs code-server into .e2e/ when missing, packages the .vsix, bundles the extension-host suite, runs
// test/e2e/*.test.ts with node's test runner, and always stops every browser and server it started, even when a
// test crashes or the run times out. Closes with the plain line `N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pidsDir = join(root, '.e2e', 'pids');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUN_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 15 * 60_000);

function step(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`e2e: ${what} failed`);
    finish(0, 1);
  }
}

/** Stops every process group a test run recorded and did not stop itself. */
function killLeftovers() {
  if (!existsSync(pidsDir)) return;
  for (const name of readdirSync(pidsDir)) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 1) continue;
    const label = readFileSync(join(pidsDir, name), 'utf8').trim();
    try {
      process.kill(-pid, 'SIGKILL');
      console.log(`e2e: stopped leftover ${label} (process group ${pid})`);
    } catch {
      // already gone
    }
    rmSync(join(pidsDir, name), { force: true });
  }
}

function finish(passed, failed) {
  killLeftovers();
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

if (!existsSync(chromium)) {
  console.error(`e2e: ${chromium} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  finish(0, 1);
}
killLeftovers();
step('bash', [join(root, 'scripts/install-code-server.sh')], 'installing code-server');
step('npm', ['run', '--silent', 'package'], 'packaging the .vsix');
await build({
  entryPoints: [join(root, 'test/e2e/exthost/index.ts')],
  outfile: join(root, '.e2e/exthost/index.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

const files = readdirSync(join(root, 'test/e2e')).filter((f) => f.endsWith('.test.ts')).sort().map((f) => `test/e2e/${f}`);
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});
let out = '';
child.stdout.on('data', (d) => {
  out += d.toString();
  process.stdout.write(d);
});
const timer = setTimeout(() => {
  console.error(`e2e: the run took longer than ${RUN_TIMEOUT_MS} ms; stopping it`);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}, RUN_TIMEOUT_MS);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    finish(0, 1);
  });
}
child.on('exit', (code) => {
  clearTimeout(timer);
  const count = (word) => Number(new RegExp(`^\\S*\\s*${word} (\\d+)\\s*$`, 'm').exec(out)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + (code !== 0 && count('fail') === 0 ? 1 : 0);
  finish(passed, failed);
});
