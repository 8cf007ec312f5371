import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlayHints } from '../../../server/src/lsp/features/inlayHints.js';
import { dtabFixture } from './fixture.js';

function hintsOf(text: string, from = 0, to = text.length): string {
  const f = dtabFixture(text);
  // Render the hints into the text, last first, to read them in place.
  let out = f.text;
  const hints = inlayHints(f.document, [f.region], from, to);
  for (const h of [...hints].reverse()) {
    const at = f.document.offsetAt(h.position);
    const label = `${h.paddingLeft ? ' ' : ''}‹${String(h.label)}›${h.paddingRight ? ' ' : ''}`;
    out = out.slice(0, at) + label + out.slice(at);
  }
  return out;
}

test('inlay hints: each union member’s share, after its weight or before an unweighted member', () => {
  assert.equal(hintsOf('/a => 9 * /blue & 1 * /green;'), '/a => 9 ‹90%› * /blue & 1 ‹10%› * /green;');
  assert.equal(hintsOf('/a => /x & 3*/y'), '/a => ‹25%:› /x & 3 ‹75%›*/y');
  assert.equal(hintsOf('/a => 2 * /lone | (/p & /q)'), '/a => 2 * /lone | (‹50%:› /p & ‹50%:› /q)');
  assert.equal(hintsOf('/a => /b;\n/c => /d & /e', 0, 5), '/a => /b;\n/c => /d & /e');
});
