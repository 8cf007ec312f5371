// The offset → line/character conversion behind every position the CLI prints (core/text-position.ts):
// 0-based lines, UTF-16 characters, LF, CR LF and lone CR all end a line (as LSP counts them).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, positionAt } from '../../../server/src/core/text-position.js';

describe('LineIndex', () => {
  const cases: [string, number, number, number][] = [
    ['', 0, 0, 0],
    ['abc', 2, 0, 2],
    ['abc', 3, 0, 3],
    ['a\nb', 2, 1, 0],
    ['a\r\nb', 2, 0, 2], // between CR and LF: still the first line
    ['a\r\nb', 3, 1, 0],
    ['a\rb', 2, 1, 0],
    ['a\n\nb', 3, 2, 0],
    ['😀x\n😀y', 6, 1, 2], // an astral character is two UTF-16 units
    ['ab', 99, 0, 2], // clamped to the end
    ['ab', -5, 0, 0],
  ];
  for (const [text, offset, line, character] of cases) {
    test(`${JSON.stringify(text)} @ ${offset} → ${line}:${character}`, () => {
      assert.deepEqual(positionAt(text, offset), { line, character });
    });
  }

  test('offsetAt inverts positionAt and clamps to the line', () => {
    const text = 'ab\r\ncd\nef';
    const index = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      if (offset === 3) continue; // inside CR LF: not a position of its own
      assert.equal(index.offsetAt(index.positionAt(offset)), offset);
    }
    assert.equal(index.offsetAt({ line: 0, character: 50 }), 2);
    assert.equal(index.offsetAt({ line: 9, character: 0 }), text.length);
    assert.equal(index.lineCount, 3);
  });

  test('rangeOf converts a span', () => {
    assert.deepEqual(new LineIndex('x\n/a => /b').rangeOf({ start: 2, end: 4 }), {
      start: { line: 1, character: 0 },
      end: { line: 1, character: 2 },
    });
  });
});
