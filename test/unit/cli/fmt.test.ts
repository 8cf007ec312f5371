// `dtab fmt` through the bundled CLI: pretty and canonical output, stdin, --check, --write, --json, errors.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDtabDocument } from '../../../server/src/core/dtab/format.js';
import { parseDtab } from '../../../server/src/core/dtab/parse.js';
import { dtab, ensureBuilt, FIXTURES } from './run-cli.js';

before(ensureBuilt);

const messy = readFileSync(join(FIXTURES, 'messy.dtab'), 'utf8');
/** The engine's pretty form of an error-free text. */
function pretty(text: string): string {
  const out = formatDtabDocument(parseDtab(text));
  assert.ok(out !== undefined, 'the formatter refused the fixture');
  return out;
}
const tmp = () => mkdtempSync(join(tmpdir(), 'dtab-fmt-'));

describe('dtab fmt', () => {
  test('prints the pretty form of a file (the engine formatter, comments kept)', () => {
    const r = dtab(['fmt', 'messy.dtab']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, pretty(messy));
    assert.match(r.stdout, /# pinned/);
  });

  test("--canonical prints exactly Finagle's Dtab.show on one line", () => {
    const r = dtab(['fmt', '--canonical', 'messy.dtab']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '/svc=>/#/io.l5d.k8s/default/http;/svc/web=>/#/io.l5d.fs/web | /$/fail\n');
  });

  test('reads standard input for -', () => {
    const r = dtab(['fmt', '--canonical', '-'], { input: '/a => 2*/b & /c ;\n# done\n' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '/a=>2.00*/b & /c\n');
  });

  test('syntax errors: FILE:LINE:COL: message per error on stderr, exit 1, nothing on stdout', () => {
    const r = dtab(['fmt', 'errors.dtab']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.deepEqual(r.stderr.trimEnd().split('\n'), [
      "errors.dtab:1:9: 'x' expected but 'X' found",
      "errors.dtab:3:1: end of input expected but '/' found: dentries must be separated by ';' — a newline is not a separator",
    ]);
  });

  test('errors on standard input are reported as <stdin>, columns counted in UTF-16 units', () => {
    const r = dtab(['fmt', '-'], { input: '/a => /b; # ✓ 😀\n/c => /d & /é' });
    assert.equal(r.status, 1);
    assert.equal(r.stderr, "<stdin>:2:13: end of input expected but 'é' found\n");
  });

  test('--check: exit 0 for a formatted file, 1 (and a note on stderr) for an unformatted one', () => {
    const dir = tmp();
    const formatted = join(dir, 'pretty.dtab');
    writeFileSync(formatted, pretty(messy));
    const ok = dtab(['fmt', '--check', formatted]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.stdout, '');
    const bad = dtab(['fmt', '--check', 'messy.dtab', formatted]);
    assert.equal(bad.status, 1);
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr, 'messy.dtab: not formatted (run: dtab fmt --write messy.dtab)\n');
  });

  test('--canonical --check compares with the one-line form', () => {
    const r = dtab(['fmt', '--canonical', '--check', '-'], { input: '/a=>/b;/c=>/d\n' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(dtab(['fmt', '--canonical', '--check', '-'], { input: '/a => /b\n' }).status, 1);
  });

  test('--write rewrites files in place, and a second run changes nothing', () => {
    const dir = tmp();
    const file = join(dir, 'messy.dtab');
    copyFileSync(join(FIXTURES, 'messy.dtab'), file);
    const r = dtab(['fmt', '--write', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const once = readFileSync(file, 'utf8');
    assert.equal(once, pretty(messy));
    assert.equal(dtab(['fmt', '--check', file]).status, 0);
  });

  test('--write leaves a file with syntax errors untouched', () => {
    const dir = tmp();
    const file = join(dir, 'errors.dtab');
    copyFileSync(join(FIXTURES, 'errors.dtab'), file);
    const r = dtab(['fmt', '--write', file]);
    assert.equal(r.status, 1);
    assert.equal(readFileSync(file, 'utf8'), readFileSync(join(FIXTURES, 'errors.dtab'), 'utf8'));
  });

  test("--canonical --json: one element per file, in order; Finagle full message first, then the parser's", () => {
    const r = dtab(['fmt', '--canonical', '--json', 'messy.dtab', 'errors.dtab', '-'], { input: '' });
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out, [
      { file: 'messy.dtab', ok: true, output: '/svc=>/#/io.l5d.k8s/default/http;/svc/web=>/#/io.l5d.fs/web | /$/fail' },
      {
        file: 'errors.dtab',
        ok: false,
        errors: [
          {
            offset: 8,
            line: 0,
            character: 8,
            message: "'x' expected but 'X' found at '/a => /\\[X]41;\n/b => /c\n/d => /e;\n'",
          },
          {
            offset: 22,
            line: 2,
            character: 0,
            message: "end of input expected but '/' found: dentries must be separated by ';' — a newline is not a separator",
          },
        ],
      },
      { file: '<stdin>', ok: true, output: '' },
    ]);
  });

  test('--json exits 0 when every file is fine', () => {
    const r = dtab(['fmt', '--canonical', '--json', '-'], { input: '/a=>/b' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [{ file: '<stdin>', ok: true, output: '/a=>/b' }]);
  });

  test('usage errors exit 2', () => {
    for (const args of [
      ['fmt'],
      ['fmt', '--bogus', 'messy.dtab'],
      ['fmt', '--write', '-'],
      ['fmt', '--check', '--write', 'messy.dtab'],
      ['fmt', 'no-such-file.dtab'],
      ['fmt', '-', '-'],
      ['no-such-command'],
    ]) {
      const r = dtab(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.notEqual(r.stderr, '', args.join(' '));
    }
  });

  test('--help and --version exit 0', () => {
    assert.equal(dtab(['--help']).status, 0);
    assert.equal(dtab(['fmt', '--help']).status, 0);
    assert.equal(dtab(['--version']).status, 0);
  });
});
