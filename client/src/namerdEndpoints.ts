// Turns a named endpoint from the settings into what the namerd client needs, with header values taken from
// VS Code's SecretStorage (settings hold header names only). Commands to set and clear those values.

import * as vscode from 'vscode';
import type { NamerdEndpointSettings } from '../../server/src/namerd/client/types.js';
import { readNamerdConfig, type EndpointConfig } from './settings.js';

const secretKey = (endpoint: string, header: string): string => `dtab.namerd.header:${endpoint}:${header.toLowerCase()}`;

export type EndpointResolution =
  | { readonly ok: true; readonly name: string; readonly settings: NamerdEndpointSettings; readonly missingHeaders: readonly string[] }
  | { readonly ok: false; readonly message: string };

export class NamerdEndpoints {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** The endpoint called `name`, or the default endpoint when `name` is omitted. Never throws. */
  async resolve(name?: string, scope?: vscode.ConfigurationScope): Promise<EndpointResolution> {
    const config = readNamerdConfig(scope);
    const wanted = name ?? config.defaultEndpoint;
    if (!wanted) {
      return { ok: false, message: 'No namerd endpoint is configured: add one to dtab.namerd.endpoints and set dtab.namerd.defaultEndpoint.' };
    }
    const endpoint = config.endpoints.get(wanted);
    if (!endpoint) {
      const hint = vscode.workspace.isTrusted ? '' : ' (this workspace is not trusted, so only user settings count)';
      return { ok: false, message: `There is no namerd endpoint "${wanted}" in dtab.namerd.endpoints${hint}.` };
    }
    const headers: Record<string, string> = {};
    const missingHeaders: string[] = [];
    for (const header of endpoint.headerNames) {
      const value = await this.secrets.get(secretKey(wanted, header));
      if (value === undefined) missingHeaders.push(header);
      else headers[header] = value;
    }
    return { ok: true, name: wanted, settings: toClientSettings(endpoint, headers), missingHeaders };
  }

  async setHeaderValue(endpoint: string, header: string, value: string): Promise<void> {
    await this.secrets.store(secretKey(endpoint, header), value);
  }

  async clearHeaderValue(endpoint: string, header: string): Promise<void> {
    await this.secrets.delete(secretKey(endpoint, header));
  }

  /** Command: pick an endpoint and one of its header names, then ask for the value (masked input). */
  async promptSetHeaderValue(): Promise<void> {
    const picked = await pickEndpointHeader('Set the value of which header?');
    if (!picked) return;
    const value = await vscode.window.showInputBox({
      title: `Value of ${picked.header} for namerd endpoint "${picked.endpoint}"`,
      prompt: 'Stored in VS Code secret storage, never in settings or logs.',
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) return;
    await this.setHeaderValue(picked.endpoint, picked.header, value);
    void vscode.window.showInformationMessage(`Saved the ${picked.header} header for namerd endpoint "${picked.endpoint}".`);
  }

  async promptClearHeaderValue(): Promise<void> {
    const picked = await pickEndpointHeader('Forget the value of which header?');
    if (!picked) return;
    await this.clearHeaderValue(picked.endpoint, picked.header);
    void vscode.window.showInformationMessage(`Forgot the ${picked.header} header for namerd endpoint "${picked.endpoint}".`);
  }
}

function toClientSettings(e: EndpointConfig, headers: Record<string, string>): NamerdEndpointSettings {
  const tls = e.caFile || e.certFile || e.keyFile || e.serverName || e.insecureSkipVerify
    ? { caFile: e.caFile, certFile: e.certFile, keyFile: e.keyFile, serverName: e.serverName, insecureSkipVerify: e.insecureSkipVerify }
    : undefined;
  return { baseUrl: e.url, timeoutMs: e.timeoutMs, tls, headers };
}

async function pickEndpointHeader(title: string): Promise<{ endpoint: string; header: string } | undefined> {
  const config = readNamerdConfig();
  const withHeaders = [...config.endpoints].filter(([, e]) => e.headerNames.length > 0);
  if (withHeaders.length === 0) {
    void vscode.window.showWarningMessage('No namerd endpoint in dtab.namerd.endpoints lists headerNames.');
    return undefined;
  }
  const items = withHeaders.flatMap(([name, e]) =>
    e.headerNames.map((header) => ({ label: header, description: `${name} (${e.url})`, endpoint: name, header })),
  );
  const item = await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true });
  return item ? { endpoint: item.endpoint, header: item.header } : undefined;
}
