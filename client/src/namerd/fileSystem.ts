// `namerd://<endpoint>/<namespace>` as an editable document. Reading remembers namerd's version; saving writes
// with compare-and-set (If-Match: that version). A 412 never overwrites: the save fails, and the user is offered a
// diff of namerd's current dtab (theirs) against the unsaved document (yours) to merge, or a reload. namerd keeps
// no comments or layout, so a saved document reads back in canonical, pretty-printed form.

import * as vscode from 'vscode';
import { parseDtab } from '../../../server/src/core/dtab/parse.js';
import { canonicalFromDocument, normaliseDentries, type CanonicalDentry } from '../../../server/src/namerd/sync/canonical.js';
import { casWrite } from '../../../server/src/namerd/sync/cas.js';
import { formatDentries } from '../../../server/src/namerd/sync/pull.js';
import { isNamerdError } from '../../../server/src/namerd/client/errors.js';
import { errorMessage, type NamerdConnections } from './connections.js';
import { showDiff, type SnapshotDocuments } from './snapshots.js';
import { isEndpointRoot, NAMERD_SCHEME, parseNamespaceLocation, type NamespaceLocation } from './uri.js';

interface Known {
  /** The version the document was read at: the If-Match of the next save. */
  version: string;
  /** The latest version this provider has seen; `mtime` moves only when it changes, so VS Code sees one change per version. */
  seen: string;
  mtime: number;
  size: number;
}

export function namespaceUri(endpoint: string, namespace: string): vscode.Uri {
  return vscode.Uri.from({ scheme: NAMERD_SCHEME, authority: endpoint, path: `/${namespace}` });
}

export function locationOf(uri: vscode.Uri): NamespaceLocation | undefined {
  return uri.scheme === NAMERD_SCHEME ? parseNamespaceLocation(uri.authority, uri.path) : undefined;
}

export class NamerdFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly known = new Map<string, Known>();
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  constructor(
    private readonly connections: NamerdConnections,
    private readonly snapshots: SnapshotDocuments,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  watch(uri: vscode.Uri): vscode.Disposable {
    const loc = locationOf(uri);
    if (!loc) return new vscode.Disposable(() => undefined);
    let handle: { close(): void } | undefined;
    let disposed = false;
    this.connections.get(loc.endpoint).then(
      ({ client }) => {
        if (disposed) return;
        handle = client.watchDtab(loc.namespace, {
          // A frame carries no version: ask for it, and report a change only for a version not seen yet (the first
          // frame, and the frame of our own save, are versions we already know).
          onValue: () => void this.noticeChange(client, uri, loc.namespace),
        });
      },
      () => undefined,
    );
    return new vscode.Disposable(() => {
      disposed = true;
      handle?.close();
    });
  }

  private async noticeChange(client: { getVersion(ns: string): Promise<string> }, uri: vscode.Uri, namespace: string): Promise<void> {
    const k = this.known.get(uri.toString());
    if (!k) return;
    // An unsaved edit keeps its base and reports nothing: its save then meets the 412 and our merge/reload offer,
    // instead of VS Code's generic "file is newer" dialog, whose Overwrite would bypass the comparison.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) return;
    let version: string;
    try {
      version = await client.getVersion(namespace);
    } catch {
      return; // deleted or unreachable: nothing to reload now
    }
    if (version === k.seen) return;
    k.seen = version;
    k.mtime = Date.now();
    this.emitter.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (uri.scheme === NAMERD_SCHEME && isEndpointRoot(uri.path)) {
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    }
    const loc = this.location(uri);
    const k = this.known.get(uri.toString());
    if (k) return { type: vscode.FileType.File, ctime: 0, mtime: k.mtime, size: k.size };
    const { client } = await this.connection(loc);
    try {
      await client.getVersion(loc.namespace);
    } catch (e) {
      throw this.fsError(e, uri);
    }
    return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size: 0 };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    if (!isEndpointRoot(uri.path)) throw vscode.FileSystemError.FileNotADirectory(uri);
    const { client } = await this.connection({ endpoint: uri.authority, namespace: '' });
    try {
      return (await client.listNamespaces()).map((ns) => [ns, vscode.FileType.File]);
    } catch (e) {
      throw this.fsError(e, uri);
    }
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const loc = this.location(uri);
    const { client } = await this.connection(loc);
    let stored;
    try {
      stored = await client.getDtab(loc.namespace);
    } catch (e) {
      throw this.fsError(e, uri);
    }
    const text = formatDentries(normaliseDentries(stored.dentries));
    const bytes = new TextEncoder().encode(text);
    const prev = this.known.get(uri.toString());
    this.known.set(uri.toString(), {
      version: stored.version,
      seen: stored.version,
      mtime: prev && prev.seen === stored.version ? prev.mtime : Date.now(),
      size: bytes.length,
    });
    return bytes;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    const loc = this.location(uri);
    const text = new TextDecoder().decode(content);
    const doc = parseDtab(text);
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      throw vscode.FileSystemError.NoPermissions(`Not saved to namerd: the dtab has ${doc.errors.length} syntax error(s), first: ${e.message}. Fix them and save again.`);
    }
    const next = canonicalFromDocument(doc);
    const { client, name } = await this.connection(loc);
    const known = this.known.get(uri.toString());
    try {
      if (!known) {
        if (!options.create) throw vscode.FileSystemError.FileNotFound(uri);
        await client.createDtab(loc.namespace, { format: 'json', dentries: next }, { learnVersion: false });
        await this.readFile(uri);
        this.log.info(`[namerd] created namespace ${loc.namespace} on ${name}`);
        return;
      }
      const r = await casWrite(client, loc.namespace, next, known.version);
      if (r.kind === 'not-found') {
        throw vscode.FileSystemError.FileNotFound(`Namespace ${loc.namespace} no longer exists on namerd "${name}"; nothing was written.`);
      }
      if (r.kind === 'conflict') {
        this.log.warn(`[namerd] save of ${loc.namespace} on ${name} refused: namerd is at ${r.version}, the document was opened at ${known.version}`);
        void this.offerConflictResolution(uri, loc, known.version, r.version, r.current);
        throw vscode.FileSystemError.Unavailable(
          `Not saved: namespace ${loc.namespace} changed on namerd since you opened it (version ${known.version} → ${r.version}). Compare and merge, or reload.`,
        );
      }
      const bytes = new TextEncoder().encode(formatDentries(r.dentries));
      this.known.set(uri.toString(), { version: r.version, seen: r.version, mtime: Date.now(), size: bytes.length });
      this.log.info(`[namerd] saved ${loc.namespace} on ${name}: version ${known.version} → ${r.version}${r.verified ? '' : ' (someone wrote again right after)'}`);
    } catch (e) {
      if (e instanceof vscode.FileSystemError) throw e;
      throw this.fsError(e, uri);
    }
  }

  /** After a 412: diff theirs (read-only) with yours (the unsaved document), or reload theirs. */
  private async offerConflictResolution(uri: vscode.Uri, loc: NamespaceLocation, mine: string, theirs: string, current: readonly CanonicalDentry[]): Promise<void> {
    const compare = 'Compare and Merge';
    const reload = 'Reload from namerd';
    const pick = await vscode.window.showWarningMessage(
      `Namespace ${loc.namespace} on ${loc.endpoint} changed since you opened it (version ${mine} → ${theirs}). Your save was not written.`,
      compare,
      reload,
    );
    if (pick === compare) {
      const left = this.snapshots.create(`${loc.namespace} (namerd ${theirs})`, formatDentries(current));
      // The user now sees theirs: the next save is based on it (and still fails if namerd moves again).
      const k = this.known.get(uri.toString());
      if (k) k.version = theirs;
      await showDiff(left, uri, `${loc.namespace}: namerd (theirs, ${theirs}) ↔ yours`);
      void vscode.window.showInformationMessage('Bring the changes you want from namerd (left) into your version (right), then save again.');
    } else if (pick === reload) {
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
      if (editor) await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      else await vscode.window.showTextDocument(uri);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }

  async delete(uri: vscode.Uri): Promise<void> {
    const loc = this.location(uri);
    const { client } = await this.connection(loc);
    try {
      await client.deleteDtab(loc.namespace);
    } catch (e) {
      throw this.fsError(e, uri);
    }
    this.known.delete(uri.toString());
    this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('namerd has no folders: namespaces are flat');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('namerd cannot rename a namespace: create a new one and delete the old one');
  }

  private location(uri: vscode.Uri): NamespaceLocation {
    const loc = locationOf(uri);
    if (!loc) throw vscode.FileSystemError.FileNotFound(uri);
    return loc;
  }

  private async connection(loc: NamespaceLocation) {
    try {
      return await this.connections.get(loc.endpoint);
    } catch (e) {
      throw vscode.FileSystemError.Unavailable(errorMessage(e));
    }
  }

  private fsError(e: unknown, uri: vscode.Uri): vscode.FileSystemError {
    if (isNamerdError(e) && e.kind === 'not-found') return vscode.FileSystemError.FileNotFound(uri);
    if (isNamerdError(e) && e.kind === 'already-exists') return vscode.FileSystemError.FileExists(uri);
    return vscode.FileSystemError.Unavailable(`namerd: ${errorMessage(e)}`);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
