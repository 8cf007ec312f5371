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

test('inlay hints: each union member’s share, after the member (weighted or not)', () => {
  assert.equal(hintsOf('/a => 9 * /blue & 1 * /green;'), '/a => 9 * /blue ‹90%› & 1 * /green ‹10%›;');
  assert.equal(hintsOf('/a => /x & 3*/y'), '/a => /x ‹25%› & 3*/y ‹75%›');
  assert.equal(hintsOf('/a => /x&/y'), '/a => /x ‹50%› &/y ‹50%›');
  assert.equal(hintsOf('/a => 2 * /lone | (/p & /q)'), '/a => 2 * /lone | (/p ‹50%› & /q ‹50%›)');
  assert.equal(hintsOf('/a => 1 * (/p & 3 * /q) & 3 * /r'), '/a => 1 * (/p ‹25%› & 3 * /q ‹75%›) ‹25%› & 3 * /r ‹75%›');
  assert.equal(hintsOf('/a => /b;\n/c => /d & /e', 0, 5), '/a => /b;\n/c => /d & /e');
});

test('inlay hints: the tooltip gives the weight and the sum', () => {
  const f = dtabFixture('/a => 9 * /blue & /green');
  const tips = inlayHints(f.document, [f.region], 0, f.text.length).map((h) => h.tooltip);
  assert.deepEqual(tips, [
    'share of the requests through this union: weight 9 of 10',
    'share of the requests through this union: weight 1 of 10',
  ]);
});
