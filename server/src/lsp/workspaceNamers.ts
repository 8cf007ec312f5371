// The namers the workspace's linkerd/namerd configs declare (`/#/<prefix>`), for completion, hover and the
// unknown-namer check. Open config documents are authoritative; other config files are found by a bounded scan
// of the workspace folders (the editor tells us about changes through didChangeWatchedFiles).

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Path } from '../core/dtab/ast.js';
import { type ConfiguredNamer, standardNamers } from './namerCatalog.js';
import { looksLikeLinkerdConfig, matchesConfigGlobs } from './hostKind.js';

/** Limits of the workspace scan, so a huge monorepo cannot stall the server. */
const SCAN_LIMITS = { maxEntries: 20_000, maxDepth: 8, maxFileBytes: 1_000_000, maxYamlReads: 500 };
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'out', 'target', '.vscode-test']);

export type NamerExtractor = (text: string, fileName: string) => readonly ConfiguredNamer[];
/** Also sees every config text read from disk (undefined when the file is gone or no config); true when that changed something. */
export type ConfigTextObserver = (uri: string, text: string | undefined) => boolean;

export class WorkspaceNamers {
  private readonly byUri = new Map<string, readonly ConfiguredNamer[]>();

  constructor(
    private readonly extract: NamerExtractor,
    private readonly observe: ConfigTextObserver = () => false,
  ) {}

  /** Records what a config (open or on disk) declares; returns true when the set changed. */
  set(uri: string, namers: readonly ConfiguredNamer[]): boolean {
    const before = this.byUri.get(uri);
    if (before && sameNamers(before, namers)) return false;
    if (!before && namers.length === 0) return false;
    if (namers.length === 0) this.byUri.delete(uri);
    else this.byUri.set(uri, namers);
    return true;
  }

  delete(uri: string): boolean {
    const observed = this.observe(uri, undefined);
    return this.byUri.delete(uri) || observed;
  }

  /** True when some workspace config declares namers. */
  get configured(): boolean {
    return this.byUri.size > 0;
  }

  /** The declared namers (deduplicated by prefix), or the standard kinds when no config declares any. */
  all(): ConfiguredNamer[] {
    if (!this.configured) return standardNamers();
    const seen = new Map<string, ConfiguredNamer>();
    for (const list of this.byUri.values()) for (const n of list) if (!seen.has(n.prefix.join('/'))) seen.set(n.prefix.join('/'), n);
    return [...seen.values()];
  }

  /** Prefixes for the unknown-namer check; undefined when nothing is known (the check then stays quiet). */
  knownPrefixes(): Path[] | undefined {
    return this.configured ? this.all().map((n) => n.prefix) : undefined;
  }

  /**
   * Reads one YAML file from disk and records its namers if it is a linkerd/namerd config (by the globs or by its
   * content), showing its text to the observer; returns true when the set (or what the observer keeps) changed.
   */
  async refreshFile(uri: string, globs: readonly string[]): Promise<boolean> {
    let text: string;
    try {
      const path = fileURLToPath(uri);
      if ((await stat(path)).size > SCAN_LIMITS.maxFileBytes) return false;
      text = await readFile(path, 'utf8');
    } catch {
      return this.delete(uri);
    }
    if (!matchesConfigGlobs(uri, globs) && !looksLikeLinkerdConfig(text)) return this.delete(uri);
    const observed = this.observe(uri, text);
    return this.set(uri, this.extract(text, uri.slice(uri.lastIndexOf('/') + 1))) || observed;
  }

  /**
   * Scans the workspace folders for linkerd/namerd configs (at most `maxYamlReads` YAML files are read); `isOpen`
   * files are skipped (their open text wins). Returns how many configs with namers were found.
   */
  async scan(folders: readonly string[], globs: readonly string[], isOpen: (uri: string) => boolean): Promise<number> {
    let entries = 0;
    let reads = 0;
    let found = 0;
    for (const folderUri of folders) {
      let root: string;
      try {
        root = fileURLToPath(folderUri);
      } catch {
        continue;
      }
      const stack: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
      while (stack.length > 0 && entries < SCAN_LIMITS.maxEntries) {
        const { dir, depth } = stack.pop()!;
        let names;
        try {
          names = await readdir(dir, { withFileTypes: true });
        } catch {
          continue;
        }
        for (const entry of names) {
          if (++entries > SCAN_LIMITS.maxEntries) break;
          const full = join(dir, entry.name);
          if (entry.isDirectory()) {
            if (depth < SCAN_LIMITS.maxDepth && !SKIPPED_DIRS.has(entry.name)) stack.push({ dir: full, depth: depth + 1 });
          } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) {
            const uri = pathToFileURL(full).toString();
            if (isOpen(uri) || ++reads > SCAN_LIMITS.maxYamlReads) continue;
            await this.refreshFile(uri, globs);
            if (this.byUri.has(uri)) found++;
          }
        }
      }
    }
    return found;
  }
}

function sameNamers(a: readonly ConfiguredNamer[], b: readonly ConfiguredNamer[]): boolean {
  return a.length === b.length && a.every((n, i) => n.kind === b[i]!.kind && n.prefix.join('/') === b[i]!.prefix.join('/'));
}
