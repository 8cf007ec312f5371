// Data-driven tests of checkDtab: every case of test/fixtures/checks/*.txt (see checks-fixtures.ts for the
// format) asserts the exact code, severity, message and range of every diagnostic, and the text its fixes give.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkDtab } from '../../../server/src/core/dtab/checks.js';
import { parseDtab, readPath } from '../../../server/src/core/dtab/parse.js';
import type { Diagnostic, TextEdit } from '../../../server/src/core/diagnostic.js';
import type { Path } from '../../../server/src/core/dtab/ast.js';
import { loadCheckCases } from './checks-fixtures.js';

// The project compiles to CommonJS, so __dirname is defined under tsx.
const cases = loadCheckCases(join(__dirname, '../../fixtures/checks'));

function applyFirstFixes(text: string, diags: readonly Diagnostic[]): string {
  const edits: TextEdit[] = diags.flatMap((d) => d.fixes?.[0]?.edits ?? []);
  edits.sort((a, b) => b.span.start - a.span.start);
  let out = text;
  let limit = Infinity;
  for (const e of edits) {
    assert.ok(e.span.end <= limit, `fix edits overlap at ${e.span.start}`);
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
    limit = e.span.start;
  }
  return out;
}

const key = (d: { start: number; end: number; code: string }) => `${d.start}:${d.end}:${d.code}`;

describe('checkDtab fixtures', () => {
  for (const c of cases) {
    test(`${c.file}: ${c.title}`, () => {
      const knownNamerPrefixes = c.namers?.map((n): Path => {
        const r = readPath(n);
        assert.ok(r.ok, `bad namer prefix ${n}`);
        return r.value;
      });
      const ctx = knownNamerPrefixes ? { knownNamerPrefixes } : {};
      const diags = checkDtab(parseDtab(c.text), ctx);
      // Values built in the parse (how configs and the CLI parse) change nothing, the document nor its diagnostics.
      const withValues = parseDtab(c.text, { values: true });
      assert.equal(JSON.stringify(withValues), JSON.stringify(parseDtab(c.text)));
      assert.deepEqual(checkDtab(withValues, ctx), diags);
      const actual = diags
        .map((d) => ({ start: d.span.start, end: d.span.end, code: d.code, severity: d.severity, message: d.message }))
        .sort((a, b) => key(a).localeCompare(key(b)));
      const expected = [...c.expected].sort((a, b) => key(a).localeCompare(key(b)));
      assert.deepEqual(actual, expected);
      if (c.fixed !== undefined) assert.equal(applyFirstFixes(c.text, diags), c.fixed);
    });
  }
});
