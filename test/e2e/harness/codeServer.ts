// A throw-away code-server (VS Code 1.100 in the browser, real Node extension host) for one test run:
// fresh user-data, extensions and XDG folders, a fresh copy of the workspace, loopback only, no auth.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CODE_SERVER_BIN, RUNS_DIR, VSIX } from './paths.js';
import { spawnGroup, waitUntil, type GroupProcess } from './processes.js';

/** Settings that make the web workbench quiet and deterministic (see shared spec vscode-e2e.md §3). */
export const BASE_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'git.enabled': false,
  'editor.hover.delay': 100,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // The web workbench autosaves by default, which would rewrite the workspace copy while a test types.
  'files.autoSave': 'off',
  'extensions.ignoreRecommendations': true,
  'editor.minimap.enabled': false,
};

export interface CodeServerOptions {
  /** Run name: the folder under .e2e/runs (wiped first). */
  readonly tag: string;
  /** Folder copied into the run as the workspace. */
  readonly workspace: string;
  /** Extra files written into the workspace copy (relative path → content). */
  readonly extraFiles?: Readonly<Record<string, string>>;
  /** User settings on top of BASE_USER_SETTINGS. */
  readonly userSettings?: Readonly<Record<string, unknown>>;
  /** Install this .vsix (Mode A). Omit for extension-development runs (Mode B). */
  readonly vsix?: string | false;
  readonly env?: Readonly<Record<string, string>>;
  readonly port?: number;
  /** Keep workspace trust on (the workspace opens untrusted). Off by default, as in the spec's recipe. */
  readonly trust?: boolean;
}

export interface RunningCodeServer {
  readonly url: string;
  readonly runDir: string;
  readonly workspaceDir: string;
  readonly process: GroupProcess;
  /** The extension host's log files (for failure reports). */
  extensionHostLogs(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function assertCodeServerInstalled(): void {
  if (!existsSync(CODE_SERVER_BIN)) {
    throw new Error(`code-server is not installed at ${CODE_SERVER_BIN}: run npm run e2e:install`);
  }
}

export async function startCodeServer(opts: CodeServerOptions): Promise<RunningCodeServer> {
  assertCodeServerInstalled();
  const runDir = join(RUNS_DIR, opts.tag);
  rmSync(runDir, { recursive: true, force: true });
  const userData = join(runDir, 'user-data');
  const extensions = join(runDir, 'extensions');
  const workspaceDir = join(runDir, 'workspace');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  cpSync(opts.workspace, workspaceDir, { recursive: true });
  for (const [rel, content] of Object.entries(opts.extraFiles ?? {})) {
    mkdirSync(join(workspaceDir, rel, '..'), { recursive: true });
    writeFileSync(join(workspaceDir, rel), content);
  }
  const trustSettings = opts.trust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...BASE_USER_SETTINGS, ...trustSettings, ...opts.userSettings }, null, 2));
  // Without these, code-server writes ~/.config/code-server and ~/.local/share/code-server.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: join(runDir, 'xdg', 'config'),
    XDG_DATA_HOME: join(runDir, 'xdg', 'data'),
    XDG_CACHE_HOME: join(runDir, 'xdg', 'cache'),
    ...opts.env,
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  const vsix = opts.vsix === false ? undefined : (opts.vsix ?? VSIX);
  if (vsix) {
    if (!existsSync(vsix)) throw new Error(`${vsix} does not exist: run npm run package`);
    execFileSync(CODE_SERVER_BIN, [...common, '--install-extension', vsix], { env, stdio: 'pipe', timeout: 60_000 });
  }
  const port = opts.port ?? (await freePort());
  const proc = spawnGroup(
    CODE_SERVER_BIN,
    ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      ...(opts.trust ? [] : ['--disable-workspace-trust']), ...common, workspaceDir],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
    'code-server',
  );
  let log = '';
  const append = (d: Buffer): void => {
    log += d.toString();
  };
  proc.child.stdout?.on('data', append);
  proc.child.stderr?.on('data', append);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil('code-server /healthz', 30_000, async () => {
      if (proc.child.exitCode !== null) throw new Error(`code-server exited early:\n${log}`);
      const res = await fetch(`${url}/healthz`);
      return res.ok ? true : undefined;
    });
  } catch (e) {
    await proc.stop();
    throw new Error(`${(e as Error).message}\ncode-server log:\n${log}`);
  }
  return {
    url,
    runDir,
    workspaceDir,
    process: proc,
    extensionHostLogs: () => readExtensionHostLogs(userData),
    async stop() {
      writeFileSync(join(runDir, 'code-server.log'), log);
      await proc.stop();
    },
  };
}

function readExtensionHostLogs(userData: string): string {
  try {
    const out = execFileSync('find', [join(userData, 'logs'), '-name', '*.log', '-path', '*exthost*'], { encoding: 'utf8' });
    return out
      .split('\n')
      .filter(Boolean)
      .map((f) => `== ${f}\n${readFileSync(f, 'utf8').slice(-8000)}`)
      .join('\n');
  } catch {
    return '(no extension host logs)';
  }
}
