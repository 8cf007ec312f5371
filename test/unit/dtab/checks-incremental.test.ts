// The memoising checker (createDtabChecker) must give exactly checkDtab's diagnostics whatever it checked before:
// every fixture case after all the others, long runs of one-character edits (dentries that move, break, come
// back, change what they mean to the rest of the dtab), and with a memo too small to hold a document.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkDtab, createDtabChecker, type CheckContext, type CheckOptions, type DtabChecker } from '../../../server/src/core/dtab/checks.js';
import { parseDtab, readPath } from '../../../server/src/core/dtab/parse.js';
import type { Path } from '../../../server/src/core/dtab/ast.js';
import { loadCheckCases } from './checks-fixtures.js';

const cases = loadCheckCases(join(__dirname, '../../fixtures/checks'));

function contextOf(namers: readonly string[] | undefined): CheckContext {
  if (!namers) return {};
  const knownNamerPrefixes = namers.map((n): Path => {
    const r = readPath(n);
    assert.ok(r.ok, `bad namer prefix ${n}`);
    return r.value;
  });
  return { knownNamerPrefixes };
}

/** Checks `text` with `checker` and asserts the result equals a cold checkDtab, diagnostic for diagnostic. */
function assertSameAsCold(checker: DtabChecker, text: string, ctx: CheckContext = {}, options: CheckOptions = {}): void {
  const warm = checker.check(parseDtab(text), ctx, options);
  const cold = checkDtab(parseDtab(text), ctx);
  assert.deepEqual(warm, cold, `for ${JSON.stringify(text)}`);
}

/** A dtab whose dentries interact: duplicates, shadowing, loops, rewritten system paths, weights, alternatives. */
const BASE = [
  '/svc => /#/io.l5d.k8s/default/http;',
  '/svc/a => /$/inet/127.1/8080 | /$/inet/127.1/8081;',
  '/svc/a => /$/inet/127.1/8080 | /$/inet/127.1/8081;',
  '/host => 0.5 * /svc/a & 0.25 * /svc/b & 0 * /svc/c;',
  '/loop/a => /loop/b;',
  '/loop/b => /loop/a;',
  '/srv/* => /$/inett/1.2.3.4/80 | /#/io.l5d.fz/x;',
  '/x => 2 * /y;',
].join('\n');

describe('createDtabChecker', () => {
  test('every fixture case, checked after all the others, equals a cold check', () => {
    const checker = createDtabChecker();
    for (const c of cases) checker.check(parseDtab(c.text), contextOf(c.namers));
    for (const c of cases) assertSameAsCold(checker, c.text, contextOf(c.namers));
  });

  test('dentries that move keep their diagnostics at their new place', () => {
    const checker = createDtabChecker();
    assertSameAsCold(checker, BASE);
    assertSameAsCold(checker, '# a new first line\n' + BASE);
    assertSameAsCold(checker, BASE.split('\n').reverse().join('\n'));
    assertSameAsCold(checker, BASE.replace(/\n/g, '\n\n  '));
  });

  test('a dentry that changes what the others mean changes their diagnostics', () => {
    const checker = createDtabChecker();
    const ctx = contextOf(['/#/io.l5d.k8s']);
    assertSameAsCold(checker, BASE, ctx);
    // Rewriting `/$` paths makes the inet alternatives reachable and the unknown namer unreachable.
    assertSameAsCold(checker, BASE + '\n/$ => /#/io.l5d.k8s;', ctx);
    assertSameAsCold(checker, BASE, ctx);
    // The configured namers change: the /#/ findings follow.
    assertSameAsCold(checker, BASE, contextOf(['/#/io.l5d.fz']));
    assertSameAsCold(checker, BASE, {});
  });

  test('one-character edits anywhere, one after the other, equal cold checks', () => {
    const alphabet = ['/', ';', '\n', '*', '|', '&', '!', '~', '$', '#', 'a', '1', '.', ' ', '=', '>', '(', ')'];
    fc.assert(
      fc.property(
        fc.array(
          // `memoise: false` is how a caller checks a document it has not checked before (nothing remembered).
          fc.record({ at: fc.nat(), del: fc.boolean(), ch: fc.constantFrom(...alphabet), memoise: fc.boolean() }),
          { minLength: 1, maxLength: 25 },
        ),
        fc.constantFrom(0, 1, 3, 1000),
        (edits, maxEntries) => {
          const checker = createDtabChecker({ maxEntries });
          let text = BASE;
          assertSameAsCold(checker, text, {}, { memoise: false });
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = e.del ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + e.ch + text.slice(at);
            assertSameAsCold(checker, text, {}, { memoise: e.memoise });
          }
        },
      ),
      { numRuns: 60, seed: 20261126 },
    );
  });
});
