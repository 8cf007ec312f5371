// Entry point of the bundled language server (dist/server.js). Only wiring: the transport (IPC, stdio or socket,
// whatever the client passes on the command line) is chosen by vscode-languageserver's createConnection. The same
// bundle, started as a worker thread, serves the checks of large files (lsp/checkWorker.ts).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { CHECK_WORKER_ROLE, CheckWorker, serveChecks } from './lsp/checkWorker.js';
import { startLanguageServer } from './lsp/languageServer.js';

if (!isMainThread && parentPort && (workerData as { role?: unknown } | undefined)?.role === CHECK_WORKER_ROLE) {
  serveChecks(parentPort);
} else {
  const connection = createConnection(ProposedFeatures.all);
  const checkWorker = new CheckWorker(__filename, (message) => connection.console.error(message));
  startLanguageServer(connection, { checkWorker });
}
