// Inlay hints: the share of traffic each member of a weighted union receives, shown after the member's tree
// (`9 * /blue ‹90%› & 1 * /green ‹10%›`), weighted or not, so a split reads as percentages without hovering and the
// weight stays next to its `*`.

import { InlayHintKind, type InlayHint } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TreeNode, WeightedNode } from '../../core/dtab/ast.js';
import type { DtabRegion } from '../regions.js';
import { weightShares } from './hover.js';

/** Hints for the unions of the dentries that overlap [from, to] (host offsets). */
export function inlayHints(document: TextDocument, regions: readonly DtabRegion[], from: number, to: number): InlayHint[] {
  const out: InlayHint[] = [];
  for (const region of regions) {
    for (const d of region.parsed.dentries) {
      if (region.toHost(d.span.end) < from) continue;
      if (region.toHost(d.span.start) > to) break;
      const stack: TreeNode[] = [d.dst];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (node.kind === 'group') stack.push(node.inner);
        else if (node.kind === 'alt') stack.push(...node.members);
        else if (node.kind === 'union') {
          if (node.members.length >= 2) out.push(...unionHints(document, region, node.members));
          for (const m of node.members) stack.push(m.tree);
        }
      }
    }
  }
  return out.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

function unionHints(document: TextDocument, region: DtabRegion, members: readonly WeightedNode[]): InlayHint[] {
  const shares = weightShares(members);
  const weights = members.map((m) => m.weight?.value ?? 1);
  const total = weights.reduce((a, w) => a + w, 0);
  const text = document.getText();
  return members.map((m, i) => {
    const at = region.toHost(m.tree.span.end);
    return {
      position: document.positionAt(at),
      label: shares[i]!,
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
      // Keep the hint off a following `&` or member written without spaces (`/x&/y`).
      paddingRight: at < text.length && !/[\s;)]/.test(text[at]!),
      tooltip:
        total > 0
          ? `share of the requests through this union: weight ${String(weights[i])} of ${String(total)}`
          : 'share of the requests through this union: every weight is 0, so the members share equally',
    };
  });
}
