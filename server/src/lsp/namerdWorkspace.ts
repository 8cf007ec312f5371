// The namerd configs of the workspace, as facts for the cross-file interpreter rule (spec §8.3 rule 12): open
// documents are authoritative, other files come from the workspace scan and didChangeWatchedFiles (through
// WorkspaceNamers, which reads them anyway). A linkerd config's diagnostics include the rule's findings against them,
// on the interpreters its cached analysis read off its tree (no second parse of its text).

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../core/diagnostic.js';
import { baseNameOf, checkInterpreters, extractNamerdFacts, mentionsNamerdInterpreter, type InterpreterFact, type NamerdFacts } from '../core/config/cross-file.js';

export class NamerdWorkspace {
  private readonly byUri = new Map<string, { facts: NamerdFacts; document: TextDocument; key: string }>();

  /** Messages name a namerd file by its path relative to the workspace folder holding it (else its base name). */
  constructor(private readonly folders: () => readonly string[] = () => []) {}

  private nameOf(uri: string): string {
    for (const folder of this.folders()) {
      const base = folder.endsWith('/') ? folder : folder + '/';
      if (uri.startsWith(base)) {
        try {
          return decodeURIComponent(uri.slice(base.length));
        } catch {
          return uri.slice(base.length);
        }
      }
    }
    return baseNameOf(uri);
  }

  /**
   * Records the text of a config (open or on disk; undefined when it is gone or no config); returns true when the
   * namerd facts of the workspace changed. A namerd config with YAML errors keeps its last readable facts.
   * `analysed`: the facts of this very text from its analysis (an open document's), so it is not parsed again.
   */
  update(uri: string, text: string | undefined, analysed?: (uri: string, name: string) => NamerdFacts | 'unreadable' | undefined): boolean {
    const name = this.nameOf(uri);
    const facts = text === undefined ? undefined : analysed ? analysed(uri, name) : extractNamerdFacts(uri, text, name);
    if (facts === 'unreadable') return false;
    if (facts === undefined) return this.byUri.delete(uri);
    // Spans count too: related information points into the namerd text.
    const key = JSON.stringify(facts);
    if (this.byUri.get(uri)?.key === key) return false;
    this.byUri.set(uri, { facts, document: TextDocument.create(uri, 'yaml', 0, text!), key });
    return true;
  }

  has(uri: string): boolean {
    return this.byUri.has(uri);
  }

  get size(): number {
    return this.byUri.size;
  }

  /**
   * The rule's findings for a linkerd config, given the namerd interpreters of its analysis (`interpreters` of the
   * config analysis); none when the workspace has no namerd config.
   */
  diagnosticsFor(uri: string, interpreters: readonly InterpreterFact[]): Diagnostic[] {
    // (A namerd config is no linkerd config: nothing to check.)
    if (interpreters.length === 0 || this.byUri.size === 0 || this.byUri.has(uri)) return [];
    return checkInterpreters(interpreters, [...this.byUri.values()].map((e) => e.facts));
  }

  /** Whether a config's diagnostics can depend on the namerd facts (so it is re-checked when they change). */
  affects(text: string): boolean {
    return mentionsNamerdInterpreter(text);
  }

  /** The namerd text the facts of `uri` were read from, to place related information. */
  document(uri: string): TextDocument | undefined {
    return this.byUri.get(uri)?.document;
  }
}
