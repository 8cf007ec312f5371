// Drives the bundled language server (dist/server.js) as a child process over stdio with a real JSON-RPC client
// connection. Builds the bundle first when it is missing or older than the sources.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  ConfigurationRequest,
  RegistrationRequest,
  type ClientCapabilities,
  type InitializeResult,
  type Registration,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

import { ServerStatusNotification, type ServerStatusParams } from '../../server/src/protocol/requests.js';

const root = join(__dirname, '..', '..');
const bundle = join(root, 'dist', 'server.js');

function newestSource(dir: string): number {
  let newest = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) stack.push(p);
      else newest = Math.max(newest, s.mtimeMs);
    }
  }
  return newest;
}

/** Rebuilds dist/ (scripts/build.mjs) when the server bundle is missing or stale. */
export function ensureBuilt(): void {
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource(join(root, 'server', 'src'))) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

export interface ServerSession {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  readonly initializeResult: InitializeResult;
  /** Diagnostics published so far, by URI (latest last). */
  readonly published: Map<string, PublishDiagnosticsParams[]>;
  /** Resolves with the first publication for `uri` that satisfies `accept` (also one already received). */
  waitForDiagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, languageId: string, text: string, version?: number): void;
  /** Server console output (window/logMessage). */
  readonly logs: string[];
  /** `dtab/status` notifications received (analysis cost per document version). */
  readonly statuses: ServerStatusParams[];
  /** Capabilities the server registered dynamically. */
  readonly registrations: Registration[];
  close(): Promise<number | null>;
}

export async function startServer(
  settings: Record<string, unknown> = { diagnostics: { debounceMs: 20 } },
  capabilities: ClientCapabilities = { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
  /** Workspace folder URIs the server is initialized with (it scans them for linkerd/namerd configs). */
  workspaceFolders: readonly string[] = [],
): Promise<ServerSession> {
  ensureBuilt();
  const child = spawn(process.execPath, [bundle, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr!.resume();
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published = new Map<string, PublishDiagnosticsParams[]>();
  const waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const logs: string[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const list = published.get(p.uri) ?? [];
    list.push(p);
    published.set(p.uri, list);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (w.uri === p.uri && w.accept(p)) {
        waiters.splice(i, 1);
        w.resolve(p);
      }
    }
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  const statuses: ServerStatusParams[] = [];
  connection.onNotification(ServerStatusNotification, (p) => {
    statuses.push(p);
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => settings));
  const registrations: Registration[] = [];
  connection.onRequest(RegistrationRequest.type, (params) => {
    registrations.push(...params.registrations);
  });
  connection.listen();
  const initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: workspaceFolders.length ? workspaceFolders.map((uri, i) => ({ uri, name: `folder${i}` })) : null,
    capabilities,
  });
  await connection.sendNotification(InitializedNotification.type, {});

  return {
    connection,
    child,
    initializeResult,
    published,
    logs,
    statuses,
    registrations,
    waitForDiagnostics(uri, accept = () => true, timeoutMs = 10_000) {
      const already = published.get(uri)?.find(accept);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          uri,
          accept,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
    open(uri, languageId, text, version = 1) {
      void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    },
    async close() {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      if (child.exitCode !== null) return child.exitCode;
      try {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
      } catch {
        child.kill();
      }
      const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
      if (code === null && child.exitCode === null) child.kill('SIGKILL');
      connection.dispose();
      return code;
    },
  };
}
