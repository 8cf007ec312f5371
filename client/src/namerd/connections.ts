// One namerd client per configured endpoint name, built from the settings and the header values in secret
// storage (NamerdEndpoints). Rebuilt when the settings or workspace trust change. Nothing is contacted until the
// user has configured an endpoint; in an untrusted workspace only user settings count (settings.ts).

import * as vscode from 'vscode';
import { createNamerdClient, type NamerdClient } from '../../../server/src/namerd/client/index.js';
import type { NamerdEndpoints } from '../namerdEndpoints.js';
import { readNamerdConfig, SECTION } from '../settings.js';
import { findEndpointName } from './uri.js';

export interface Connection {
  readonly name: string;
  readonly client: NamerdClient;
  /** The base URL (credentials removed by the client). */
  readonly url: string;
}

export class NamerdConnections implements vscode.Disposable {
  private readonly clients = new Map<string, Promise<Connection>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when endpoints may have changed: views refresh, caches drop. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly endpoints: NamerdEndpoints, private readonly log: vscode.LogOutputChannel) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.namerd`)) this.reset();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reset()),
      this.changed,
    );
  }

  /** Endpoint names in settings order (empty when nothing is configured). */
  names(): string[] {
    return [...readNamerdConfig().endpoints.keys()];
  }

  defaultName(): string | undefined {
    return readNamerdConfig().defaultEndpoint;
  }

  /** Endpoint name → base URL, for matching a pulled file's recorded URL. */
  urls(): Map<string, string> {
    return new Map([...readNamerdConfig().endpoints].map(([n, e]) => [n, e.url]));
  }

  /** The client of an endpoint; rejects with a message saying what to configure. */
  get(name: string): Promise<Connection> {
    const resolvedName = findEndpointName(name, this.names()) ?? name;
    let c = this.clients.get(resolvedName);
    if (!c) {
      c = this.create(resolvedName);
      this.clients.set(resolvedName, c);
      c.catch(() => this.clients.delete(resolvedName));
    }
    return c;
  }

  private async create(name: string): Promise<Connection> {
    const r = await this.endpoints.resolve(name);
    if (!r.ok) throw new Error(r.message);
    if (r.missingHeaders.length > 0) {
      this.log.warn(`[namerd] endpoint ${name}: no value set for header(s) ${r.missingHeaders.join(', ')} (run "Dtab: Set Namerd Header Value")`);
    }
    const client = createNamerdClient({
      ...r.settings,
      logger: { debug: (m) => this.log.debug(`[namerd ${name}] ${m}`), warn: (m) => this.log.warn(`[namerd ${name}] ${m}`) },
    });
    return { name, client, url: client.baseUrl };
  }

  /** Drops every client (open watches belong to their owners, who listen to onDidChange). */
  reset(): void {
    const old = [...this.clients.values()];
    this.clients.clear();
    for (const c of old) c.then((x) => x.client.dispose(), () => undefined);
    this.changed.fire();
  }

  dispose(): void {
    this.reset();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** A message for the user from anything a namerd call rejected with. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
