// npm start: builds and packages the extension, starts the local namerd-compatible server (`dtab serve`) seeded
// from the sample workspace's namerd.yaml, and opens code-server (VS Code in the browser) on 127.0.0.1 with the
// extension installed and the sample workspace. Everything it installs or writes stays in .e2e/ (git-ignored).
// Ctrl-C stops all of it.
//
//   npm start                 # http://127.0.0.1:8080, namerd on 4180 (or free ports when those are taken)
//   npm start -- --fresh      # start again from a clean copy of the sample workspace and a clean editor profile
//   PORT=9000 NAMERD_PORT=4181 npm start
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const home = join(root, '.e2e', 'start');
const workspace = join(home, 'workspace');
const fixture = join(root, 'test', 'fixtures', 'workspace');
const codeServer = join(root, '.e2e', 'code-server', 'node_modules', '.bin', 'code-server');
const children = [];

function run(cmd, args, what, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`npm start: ${what} failed`);
    process.exit(1);
  }
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function choosePort(wanted, name) {
  if (await portFree(wanted)) return wanted;
  for (let p = wanted + 1; p < wanted + 50; p++) {
    if (await portFree(p)) {
      console.log(`npm start: port ${wanted} is taken; ${name} uses ${p}`);
      return p;
    }
  }
  throw new Error(`no free port near ${wanted} for ${name}`);
}

/** Starts a child in its own process group (so that stopping it stops its children too). */
function startGroup(cmd, args, opts, name) {
  const child = spawn(cmd, args, { ...opts, detached: true });
  children.push({ child, name });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`npm start: ${name} exited (${signal ?? code}); stopping everything`);
      stop(1);
    }
  });
  return child;
}

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const { child } of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  setTimeout(() => {
    for (const { child } of children) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    process.exit(code);
  }, 1500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

if (process.argv.includes('--fresh')) rmSync(home, { recursive: true, force: true });
run('bash', [join(root, 'scripts/install-code-server.sh')], 'installing code-server');
run('npm', ['run', '--silent', 'package'], 'building and packaging the extension');
if (!existsSync(workspace)) cpSync(fixture, workspace, { recursive: true });

const namerdPort = await choosePort(Number(process.env.NAMERD_PORT ?? 4180), 'the local namerd');
const namerd = startGroup(process.execPath, [join(root, 'dist/cli.js'), 'serve', '--config', join(workspace, 'namerd.yaml'),
  '--host', '127.0.0.1', '--port', String(namerdPort)], { cwd: workspace, stdio: ['ignore', 'pipe', 'inherit'] }, 'dtab serve');
const namerdUrl = await new Promise((resolve) => {
  let out = '';
  namerd.stdout.on('data', (d) => {
    out += d.toString();
    const m = /^(https?:\/\/\S+)\s*$/m.exec(out);
    if (m) resolve(m[1].replace(/\/$/, ''));
  });
});

const userData = join(home, 'user-data');
const extensions = join(home, 'extensions');
mkdirSync(join(userData, 'User'), { recursive: true });
const settingsFile = join(userData, 'User', 'settings.json');
writeFileSync(settingsFile, JSON.stringify({
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'dtab.namerd.endpoints': { local: { url: namerdUrl } },
  'dtab.namerd.defaultEndpoint': 'local',
  'dtab.namerd.namespaceMapping': { 'routing.dtab': 'default' },
}, null, 2));
const env = {
  ...process.env,
  XDG_CONFIG_HOME: join(home, 'xdg', 'config'),
  XDG_DATA_HOME: join(home, 'xdg', 'data'),
  XDG_CACHE_HOME: join(home, 'xdg', 'cache'),
};
const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
run(codeServer, [...common, '--install-extension', join(root, 'linkerd-dtab.vsix'), '--force'], 'installing the extension', env);

const port = await choosePort(Number(process.env.PORT ?? 8080), 'code-server');
startGroup(codeServer, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
  ...common, workspace], { env, stdio: ['ignore', 'ignore', 'inherit'] }, 'code-server');
for (let i = 0; i < 300; i++) {
  const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
  if (ok) break;
  await new Promise((r) => setTimeout(r, 100));
}
console.log(`
Linkerd Dtab is running:
  editor:        http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}
  local namerd:  ${namerdUrl}   (namespaces default and staging; try: node dist/cli.js namespaces --namerd ${namerdUrl})
  workspace:     ${workspace}
  editor settings: ${settingsFile}
Press Ctrl-C to stop.`);
