// "Format this dtab" for a dtab embedded in a YAML block literal (`dtab: |`): the engine's formatter with the
// block's indentation. Offered as a code action rather than as YAML formatting (YAML formatting belongs to the
// YAML tools), and only when the edited YAML still holds the very same dtab.

import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatDtabDocument } from '../../core/dtab/format.js';
import { toDtab } from '../../core/dtab/parse.js';
import { showDtab } from '../../core/dtab/show.js';
import { analyzeConfigHost } from '../configHost.js';
import type { DtabRegion } from '../regions.js';

export const FORMAT_EMBEDDED_KIND = `${CodeActionKind.RefactorRewrite}.formatDtab`;

export function formatEmbeddedDtabAction(document: TextDocument, region: DtabRegion): CodeAction | undefined {
  if (region.wholeDocument || region.scalarStyle !== 'BLOCK_LITERAL') return undefined;
  const { parsed } = region;
  const formatted = formatDtabDocument(parsed);
  if (formatted === undefined) return undefined;
  const text = parsed.text;
  const lastChar = text.trimEnd().length;
  if (lastChar === 0) return undefined;
  const host = document.getText();
  const start = region.toHost(0);
  const end = region.toHost(lastChar - 1) + 1;
  const indent = host.slice(host.lastIndexOf('\n', start - 1) + 1, start);
  if (!/^ *$/.test(indent)) return undefined;
  const newText = formatted
    .trimEnd()
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : indent + line))
    .join('\n');
  if (host.slice(start, end) === newText) return undefined;
  // Safety net: the edited YAML must hold the same dtab at the same place.
  const after = host.slice(0, start) + newText + host.slice(end);
  const again = analyzeConfigHost(after).regions.find((r) => r.toHost(0) === start);
  if (!again || again.parsed.errors.length > 0 || showDtab(toDtab(again.parsed)) !== showDtab(toDtab(parsed))) return undefined;
  return {
    title: 'Format this dtab',
    kind: FORMAT_EMBEDDED_KIND,
    edit: {
      changes: {
        [document.uri]: [{ range: { start: document.positionAt(start), end: document.positionAt(end) }, newText }],
      },
    },
  };
}
