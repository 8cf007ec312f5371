// API-level checks inside the real extension host: the extension activates, its commands are registered, settings
// are read, and the language client runs and publishes diagnostics.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DtabExtensionApi } from '../../../client/src/extension.js';

const EXTENSION_ID = 'linkerd-dtab.linkerd-dtab';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function workspaceUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

async function activatedApi(): Promise<DtabExtensionApi> {
  const ext = vscode.extensions.getExtension<DtabExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

export function suites(): void {
  suite('activation and language client', () => {
    let api: DtabExtensionApi;
    suiteSetup(async () => {
      const doc = await vscode.workspace.openTextDocument(workspaceUri('routing.dtab'));
      await vscode.window.showTextDocument(doc);
      api = await activatedApi();
    });

    test('.dtab files get the linkerd-dtab language', async () => {
      const doc = await vscode.workspace.openTextDocument(workspaceUri('routing.dtab'));
      assert.equal(doc.languageId, 'linkerd-dtab');
    });

    test('the language client reaches the running state', async () => {
      await waitFor('a running server', () => (api.serverState() === 'running' ? true : undefined));
      assert.equal(api.client.isRunning(), true);
    });

    test('a planted syntax error is published as a diagnostic with a stable code', async () => {
      const uri = workspaceUri('with-errors/broken.dtab');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const diags = await waitFor('diagnostics for broken.dtab', () => {
        const d = vscode.languages.getDiagnostics(uri);
        return d.length ? d : undefined;
      });
      const codes = diags.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));
      assert.ok(codes.includes('dtab/syntax'), `codes: ${codes.join(', ')}`);
      assert.ok(diags.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
    });

    test('a clean dtab has no errors', async () => {
      const uri = workspaceUri('routing.dtab');
      await sleep(500);
      const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(errors.map((d) => d.message), []);
    });

    test('Dtab: Restart Language Server brings the server back', async () => {
      await vscode.commands.executeCommand('dtab.restartServer');
      await waitFor('the restarted server', () => (api.client.isRunning() && api.serverState() === 'running' ? true : undefined));
    });
  });

  suite('contributions', () => {
    test('every Dtab command in package.json is registered', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      const declared = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
      assert.ok(declared.includes('dtab.restartServer') && declared.includes('dtab.showOutput'));
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(declared.filter((c) => !registered.has(c)), []);
    });

    test('settings have their declared defaults', () => {
      const c = vscode.workspace.getConfiguration('dtab');
      assert.equal(c.get('namerd.hoverBudgetMs'), 1000);
      assert.equal(c.get('trace.server'), 'off');
      assert.deepEqual(c.get('config.extraKinds'), []);
      assert.ok((c.get<string[]>('configFiles') ?? []).includes('**/linkerd*.y*ml'));
    });

    test('a namerd endpoint from user settings resolves, with header values from secret storage', async () => {
      const api = await activatedApi();
      const none = await api.namerdEndpoints.resolve('nope');
      assert.equal(none.ok, false);
      const local = await api.namerdEndpoints.resolve();
      assert.ok(local.ok, 'the default endpoint is set in the run\'s user settings');
      assert.match(local.settings.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.deepEqual(local.missingHeaders, ['X-Test-Token']);
      await api.namerdEndpoints.setHeaderValue(local.name, 'X-Test-Token', 's3cret');
      const withHeader = await api.namerdEndpoints.resolve();
      assert.ok(withHeader.ok);
      assert.equal(withHeader.settings.headers?.['X-Test-Token'], 's3cret');
      await api.namerdEndpoints.clearHeaderValue(local.name, 'X-Test-Token');
    });
  });
}

/** Run in a workspace that is not trusted, whose .vscode/settings.json points at a namerd. */
export function untrustedSuites(): void {
  suite('untrusted workspace', () => {
    test('the workspace is not trusted', () => {
      assert.equal(vscode.workspace.isTrusted, false);
    });

    test('editing features still work: the extension activates and checks a dtab', async () => {
      const uri = workspaceUri('with-errors/broken.dtab');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const api = await activatedApi();
      await waitFor('a running server', () => (api.serverState() === 'running' ? true : undefined));
      await waitFor('diagnostics', () => (vscode.languages.getDiagnostics(uri).length > 0 ? true : undefined));
    });

    test('workspace settings cannot choose a namerd endpoint', async () => {
      const file = await vscode.workspace.fs.readFile(workspaceUri('.vscode/settings.json'));
      assert.match(Buffer.from(file).toString('utf8'), /"evil"/, 'the workspace settings do name an endpoint (the fixture)');
      // package.json lists the namerd settings under restrictedConfigurations, so VS Code itself hides them...
      const info = vscode.workspace.getConfiguration('dtab').inspect<Record<string, unknown>>('namerd.endpoints');
      assert.equal(info?.workspaceValue, undefined);
      // ...and the extension, which reads only user values when untrusted, finds no endpoint.
      const api = await activatedApi();
      const resolved = await api.namerdEndpoints.resolve('evil');
      assert.equal(resolved.ok, false, 'an endpoint defined only in workspace settings is ignored');
      const byDefault = await api.namerdEndpoints.resolve();
      assert.equal(byDefault.ok, false, 'dtab.namerd.defaultEndpoint from the workspace is ignored');
    });
  });
}
