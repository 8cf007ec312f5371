import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDtab } from '../../../server/src/core/dtab/parse.js';
import { showPath } from '../../../server/src/core/dtab/show.js';
import { hoveredPath } from '../../../server/src/lsp/live/hoveredPath.js';

/** `<|>` marks the cursor; the answer is the path a live hover would ask namerd about, and its span's text. */
function at(marked: string): [string, string] | undefined {
  const offset = marked.indexOf('<|>');
  const text = marked.replace('<|>', '');
  const r = hoveredPath(parseDtab(text), offset);
  return r && [showPath(r.path), text.slice(r.start, r.end)];
}

test('live hover target: destination paths and wildcard-free prefixes; nothing elsewhere', () => {
  const cases: [string, [string, string] | undefined][] = [
    ['/svc => /s<|>rv/web;', ['/srv/web', '/srv/web']],
    ['/s<|>vc/web => /srv;', ['/svc/web', '/svc/web']],
    ['/svc => 9 * /a & 1 * /b<|>/c;', ['/b/c', '/b/c']],
    ['/svc => /a | (/b | /$/inet/<|>127.1/80);', ['/$/inet/127.1/80', '/$/inet/127.1/80']],
    ['/svc/*/x<|> => /a;', undefined],
    ['/svc => <|>~;', undefined],
    ['/svc => 9<|> * /a & /b;', undefined],
    ['# com<|>ment\n/a => /b;', undefined],
    ['<|>', undefined],
  ];
  for (const [marked, want] of cases) assert.deepEqual(at(marked), want, marked);
});

test('live hover target: nested parentheses; input nested past the parser\'s limit neither crashes nor hangs', () => {
  const nested = (depth: number) => '/a => ' + '('.repeat(depth) + '/b' + ')'.repeat(depth) + ';';
  const t50 = nested(50);
  assert.equal(showPath(hoveredPath(parseDtab(t50), t50.indexOf('/b') + 1)!.path), '/b');
  const deep = nested(20_000);
  const t0 = Date.now();
  const r = hoveredPath(parseDtab(deep), deep.indexOf('/b') + 1);
  assert.ok(r === undefined || showPath(r.path) === '/b');
  assert.ok(Date.now() - t0 < 5_000);
});
