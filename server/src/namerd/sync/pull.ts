// Pulling a namespace into a file: namerd's dtab, pretty-formatted (one dentry per line, `=>` aligned), under the
// header (header.ts) that lets a later push do compare-and-set against the version pulled.

import { formatDtabDocument } from '../../core/dtab/format.js';
import { parseDtab } from '../../core/dtab/parse.js';
import type { CallOptions, NamerdApi } from '../client/types.js';
import { normaliseDentries, type CanonicalDentry } from './canonical.js';
import { formatHeader } from './header.js';

export interface PulledDtab {
  readonly namespace: string;
  readonly version: string;
  readonly dentries: readonly CanonicalDentry[];
  /** The file contents: header, then the formatted dtab. */
  readonly text: string;
}

/** The formatted text of canonical dentries (no header). */
export function formatDentries(dentries: readonly CanonicalDentry[]): string {
  if (dentries.length === 0) return '';
  const lines = dentries.map((d) => `${d.prefix} => ${d.dst};\n`).join('');
  // A dentry namerd sent that our parser cannot read (not expected from a real namerd) is kept unformatted.
  return formatDtabDocument(parseDtab(lines)) ?? lines;
}

/** Reads `namespace` (404 rejects with NamerdError `not-found`) and renders the file to write. */
export async function pullDtab(api: NamerdApi, namespace: string, opts: CallOptions = {}): Promise<PulledDtab> {
  const stored = await api.getDtab(namespace, opts);
  const dentries = normaliseDentries(stored.dentries);
  const header = formatHeader({ endpoint: api.baseUrl, namespace, version: stored.version, base: dentries });
  return { namespace, version: stored.version, dentries, text: header + formatDentries(dentries) };
}
