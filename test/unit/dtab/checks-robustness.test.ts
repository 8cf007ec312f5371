// checkDtab on hostile and large input: deep nesting, long rewrite chains, wide unions, many dentries. It must
// return diagnostics (never throw, never overflow the stack) and report chains past Finagle's depth limit.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDtab, RESOLUTION_TOO_DEEP, RESOLUTION_LOOP } from '../../../server/src/core/dtab/checks.js';
import { MAX_NESTING, parseDtab } from '../../../server/src/core/dtab/parse.js';

const codes = (text: string) => checkDtab(parseDtab(text)).map((d) => d.code);

describe('checkDtab robustness', () => {
  test('a chain of 150 rewrites: the prefixes needing more than 100 lookups are reported', () => {
    const lines = Array.from({ length: 150 }, (_, i) => `/p${i} => /p${i + 1};`);
    lines.push('/p150 => /$/inet/127.1/80');
    const diags = checkDtab(parseDtab(lines.join('\n')));
    // Resolving /pk looks up /pk … /p150 in the dtab (151 - k lookups), then /$/inet in the namer: 152 - k
    // lookups, more than 100 for k <= 51.
    assert.equal(diags.length, 52);
    assert.ok(diags.every((d) => d.code === RESOLUTION_TOO_DEEP && d.severity === 'error'));
    assert.equal(
      diags[0]!.message,
      "Resolving /p0 takes more than 100 lookups (a chain through '/p0=>/p1' → '/p1=>/p2' → '/p2=>/p3' → ...), " +
        'so Linkerd fails with "Max recursion level: 100 reached in Namer lookup". Shorten the chain of rewrites.',
    );
  });

  test('a chain of 90 rewrites is within the limit', () => {
    const lines = Array.from({ length: 90 }, (_, i) => `/p${i} => /p${i + 1};`);
    assert.deepEqual(codes(lines.join('\n')), []);
  });

  test('deeply nested parentheses and alternatives do not overflow the stack', () => {
    // As deep as the parser accepts (deeper nesting is its own error, dtab/too-deep).
    const depth = Math.min(300, MAX_NESTING);
    const parens = `/a => ${'('.repeat(depth)}2 * /b & /c${')'.repeat(depth)}`;
    assert.deepEqual(codes(parens), []);
    let alt = '/z';
    for (let i = 0; i < depth; i++) alt = `/x${i} | (${alt})`;
    assert.deepEqual(codes(`/a => ${alt}`), []);
    const tooDeep = `/a => ${'('.repeat(5000)}/b${')'.repeat(5000)}`;
    assert.ok(codes(tooDeep).length > 0);
  });

  test('a union that refers back to itself many times stays bounded', () => {
    const members = Array.from({ length: 50 }, () => '/a').join(' & ');
    const diags = codes(`/a => ${members}`);
    assert.ok(diags.every((c) => c === RESOLUTION_LOOP || c === 'dtab/duplicate-dentry'));
  });

  test('10,000 dentries, many duplicates and shadowed ones: one diagnostic each, no crash', () => {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) lines.push(`/svc/s${i} => /srv/s${i};`);
    for (let i = 0; i < 5000; i++) lines.push(`/svc/s${i} => /srv/s${i};`);
    lines.push('/svc => !;');
    const diags = checkDtab(parseDtab(lines.join('\n')));
    assert.equal(diags.filter((d) => d.code === 'dtab/duplicate-dentry').length, 5000);
    assert.equal(diags.filter((d) => d.code === 'dtab/shadowed-dentry').length, 5000);
    assert.equal(diags.length, 10000);
  });

  test('200,000 copies of one dentry: every copy but the last reported, none lost to an internal error', () => {
    const diags = checkDtab(parseDtab('/a => /b;\n'.repeat(200_000)));
    assert.deepEqual(diags.filter((d) => d.code !== 'dtab/duplicate-dentry'), []);
    assert.equal(diags.length, 199_999);
  });

  test('200,000 broken lines: every syntax error reported', () => {
    const diags = checkDtab(parseDtab('/a = /b;\n'.repeat(200_000)));
    assert.equal(diags.filter((d) => d.code === 'dtab/syntax').length, 200_000);
    assert.equal(diags.length, 200_000);
  });

  test('an alternative and a union of 150,000 members are checked without an internal error', () => {
    const members = Array.from({ length: 150_000 }, (_, i) => `/b${i}`);
    const alt = checkDtab(parseDtab(`/a => /$/nil | ${members.join(' | ')};`));
    assert.deepEqual(alt.map((d) => d.code), ['dtab/unreachable-alternative']);
    const union = checkDtab(parseDtab(`/c => 1 * /x & ${members.map((m) => `0 * ${m}`).join(' & ')};`));
    assert.equal(union.filter((d) => d.code === 'dtab/zero-weight').length, 150_000);
    assert.equal(union.length, 150_000);
  });

  test('garbage input gives syntax errors, not exceptions', () => {
    for (const text of [
      '=>=>=>;;;',
      '/a=>' + '&'.repeat(1000),
      '\u0000\uFFFF\uD800',
      '((((((((((',
      '/a=>/b;'.repeat(3) + '\\',
    ]) {
      const diags = checkDtab(parseDtab(text));
      assert.ok(
        diags.some((d) => d.severity === 'error'),
        JSON.stringify(text),
      );
    }
  });

  test('a check that throws is reported as dtab/internal-error; the other checks still run', () => {
    const parsed = parseDtab('/a => /b;\n/c => ');
    const broken = {
      span: { start: 0, end: 8 },
      prefix: parsed.dentries[0]!.prefix,
      arrow: parsed.dentries[0]!.arrow,
      dst: parsed.dentries[0]!.dst,
      get value(): never {
        throw new Error('simulated engine bug');
      },
    };
    const doc = { ...parsed, dentries: [broken, ...parsed.dentries.slice(1)] };
    const diags = checkDtab(doc);
    assert.ok(diags.some((d) => d.code === 'dtab/syntax'));
    const internal = diags.filter((d) => d.code === 'dtab/internal-error');
    assert.ok(internal.length > 0);
    assert.match(internal[0]!.message, /check failed on this dtab .*simulated engine bug\. The other checks ran\.$/);
  });
});
