// Entry point of the bundled language server (dist/server.js). Only wiring: the transport (IPC, stdio or socket,
// whatever the client passes on the command line) is chosen by vscode-languageserver's createConnection.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './lsp/languageServer.js';

const connection = createConnection(ProposedFeatures.all);
startLanguageServer(connection);
