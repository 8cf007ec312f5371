// `dtab check` through the bundled CLI: text and JSON output, exit codes, several files, namer prefixes.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { dtab, ensureBuilt, FIXTURES } from './run-cli.js';

before(ensureBuilt);

describe('dtab check', () => {
  test('text: FILE:LINE:COL: severity: message [code], exit 1 when there is an error', () => {
    const r = dtab(['check', 'errors.dtab']);
    assert.equal(r.status, 1);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      "errors.dtab:1:9: error: 'x' expected but 'X' found [dtab/syntax]",
      "errors.dtab:3:1: error: end of input expected but '/' found: dentries must be separated by ';' — a newline is not a separator [dtab/missing-semicolon]",
    ]);
  });

  test('warnings only: exit 0', () => {
    const r = dtab(['check', 'warnings.dtab']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(
      lines[0]!,
      /^warnings\.dtab:1:1: warning: This dentry never takes effect: .* \[dtab\/shadowed-dentry\]$/,
    );
    assert.match(lines[1]!, /^warnings\.dtab:2:9: warning: The weight 2 has no effect: .* \[dtab\/ignored-weight\]$/);
  });

  test('a clean file prints nothing and exits 0', () => {
    const r = dtab(['check', 'messy.dtab']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
  });

  test('json: one array over all files, 0-based UTF-16 ranges', () => {
    const r = dtab(['check', '--format', 'json', 'unknown-namer.dtab', 'messy.dtab', '-'], { input: '/é => /a' });
    assert.equal(r.status, 1);
    assert.deepEqual(JSON.parse(r.stdout), [
      {
        file: 'unknown-namer.dtab',
        range: { start: { line: 0, character: 11 }, end: { line: 0, character: 16 } },
        severity: 'error',
        code: 'dtab/unknown-namer',
        message:
          `Unknown namer '/$/inetx': Linkerd fails this lookup with "Unknown namer: inetx". Known /$/ namers are ` +
          `inet, fixedinet, nil, fail and the io.buoyant.* utility namers. Did you mean 'inet'?`,
      },
      {
        file: '<stdin>',
        range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } },
        severity: 'error',
        code: 'dtab/syntax',
        message: "'=' expected but 'é' found",
      },
    ]);
  });

  test('json with no diagnostics is an empty array', () => {
    const r = dtab(['check', '--format', 'json', 'messy.dtab']);
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  test('--namer names the configured namers; /#/ paths outside them are reported', () => {
    const input = '/svc => /#/io.l5d.k8z/default/http';
    const without = dtab(['check', '-'], { input });
    assert.equal(without.stdout, '');
    const r = dtab(['check', '--format', 'json', '--namer', '/#/io.l5d.k8s', '/#/io.l5d.fs', '--', '-'], { input });
    assert.equal(r.status, 0, r.stderr);
    const diags = JSON.parse(r.stdout) as { code: string; severity: string }[];
    assert.deepEqual(
      diags.map((d) => [d.code, d.severity]),
      [['dtab/undefined-namer', 'warning']],
    );
  });

  test('linkerd configs go through the config checks, embedded dtabs included, in YAML positions', () => {
    const r = dtab(['check', '--format', 'json', 'linkerd.yaml']);
    assert.equal(r.status, 1);
    const diags = JSON.parse(r.stdout) as { file: string; range: unknown; code: string; severity: string }[];
    assert.deepEqual(
      diags.map((d) => [d.file, d.code, d.severity, d.range]),
      [
        [
          'linkerd.yaml',
          'dtab/unknown-namer',
          'error',
          { start: { line: 7, character: 19 }, end: { line: 7, character: 24 } },
        ],
      ],
    );
  });

  test('a dtab file and a config in one run: text lines for both', () => {
    const r = dtab(['check', 'linkerd.yaml', 'warnings.dtab']);
    assert.equal(r.status, 1);
    const files = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(':')[0]);
    assert.deepEqual(files, ['linkerd.yaml', 'warnings.dtab', 'warnings.dtab']);
  });

  test('--config takes the configured namers from a linkerd config', () => {
    const r = dtab(['check', '--config', 'linkerd.yaml', 'fs-typo.dtab']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      "fs-typo.dtab:1:9: warning: No namer is configured at '/#/io.l5d.fz' (the config defines /#/io.l5d.fs), so " +
        "this path resolves to nothing (Neg). Fix the path, or add the namer to the config's 'namers' section. " +
        "Did you mean '/#/io.l5d.fs'? [dtab/undefined-namer]\n",
    );
    assert.equal(dtab(['check', 'fs-typo.dtab']).stdout, '');
  });

  // The cross-file rule (spec §8.3 rule 12) between the linkerd and namerd configs of one run: information only.
  const NAMESPACE =
    "linkerd.yaml:9:16: information: Router 'edge' reads namerd namespace 'prod' through io.l5d.namerd.http, but the " +
    'io.l5d.inMemory storage of namerd.yaml declares only default. Set `namespace` to one of them, or add ' +
    '`prod: <dtab>` under `storage.namespaces` in namerd.yaml. [config/namerd-namespace-unknown]';
  const MESH =
    "linkerd.yaml:15:11: information: Router 'mesh' uses the io.l5d.mesh interpreter, which talks to namerd's " +
    'io.l5d.mesh interface, but namerd.yaml serves no io.l5d.mesh interface (only io.l5d.httpController). Add ' +
    '`- kind: io.l5d.mesh` to the `interfaces:` of namerd.yaml, or switch this router to the io.l5d.namerd.http ' +
    'interpreter. [config/namerd-interface-missing]';
  const crossFileRuns: { what: string; args: string[]; status: number; lines: string[] }[] = [
    { what: 'linkerd.yaml with namerd.yaml: information, exit 0', args: ['linkerd.yaml', 'namerd.yaml'], status: 0, lines: [NAMESPACE, MESH] },
    { what: 'the namerd config first', args: ['namerd.yaml', 'linkerd.yaml'], status: 0, lines: [NAMESPACE, MESH] },
    { what: 'the same namerd config twice counts once', args: ['linkerd.yaml', 'namerd.yaml', './namerd.yaml'], status: 0, lines: [NAMESPACE, MESH] },
    { what: 'the linkerd config alone: no namerd config, nothing to say', args: ['linkerd.yaml'], status: 0, lines: [] },
    { what: 'the namerd config alone', args: ['namerd.yaml'], status: 0, lines: [] },
    {
      what: 'an error elsewhere still fails the run; the information is printed with it',
      args: ['linkerd.yaml', 'namerd.yaml', '../errors.dtab'],
      status: 1,
      lines: [NAMESPACE, MESH, "../errors.dtab:1:9: error: 'x' expected but 'X' found [dtab/syntax]", "../errors.dtab:3:1: error: end of input expected but '/' found: dentries must be separated by ';' — a newline is not a separator [dtab/missing-semicolon]"],
    },
  ];
  for (const run of crossFileRuns) {
    test(`cross-file: ${run.what}`, () => {
      const r = dtab(['check', ...run.args], { cwd: join(FIXTURES, 'cross-file') });
      assert.equal(r.status, run.status, r.stderr);
      assert.deepEqual(r.stdout.split('\n').filter(Boolean), run.lines);
    });
  }

  test('cross-file: json gives the information with its range and code', () => {
    const r = dtab(['check', '--format', 'json', 'cross-file/linkerd.yaml', 'cross-file/namerd.yaml']);
    assert.equal(r.status, 0, r.stderr);
    const diags = JSON.parse(r.stdout) as { file: string; range: unknown; code: string; severity: string; message: string }[];
    assert.deepEqual(
      diags.map((d) => [d.file, d.code, d.severity, d.range]),
      [
        ['cross-file/linkerd.yaml', 'config/namerd-namespace-unknown', 'information', { start: { line: 8, character: 15 }, end: { line: 8, character: 19 } }],
        ['cross-file/linkerd.yaml', 'config/namerd-interface-missing', 'information', { start: { line: 14, character: 10 }, end: { line: 14, character: 21 } }],
      ],
    );
    // Messages name the namerd config as it was given.
    assert.match(diags[0]!.message, /storage of cross-file\/namerd\.yaml declares only default\./);
  });

  test('usage errors exit 2', () => {
    for (const args of [
      ['check'],
      ['check', '--format', 'xml', 'messy.dtab'],
      ['check', 'missing.dtab'],
      ['check', '--namer', 'nope', '--', 'messy.dtab'],
      ['check', '--config', 'missing.yaml', 'messy.dtab'],
    ]) {
      const r = dtab(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    }
  });
});
