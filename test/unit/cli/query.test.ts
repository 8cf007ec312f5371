// `dtab lookup`, `dtab bind` and `dtab delegate` through the bundled CLI.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dtab, ensureBuilt } from './run-cli.js';

before(ensureBuilt);

describe('dtab lookup / bind / delegate', () => {
  test('lookup prints the Finagle show of the lookup result (K2: last dentry first)', () => {
    const r = dtab(['lookup', '--dtab', '/foo=>/bar;/foo=>/baz', '/foo/x']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '/baz/x | /bar/x\n');
  });

  test('--dtab naming an existing file reads the file', () => {
    const r = dtab(['lookup', '--dtab', 'messy.dtab', '/svc/web/x']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '(/#/io.l5d.fs/web/x | /$/fail/x) | /#/io.l5d.k8s/default/http/web/x\n');
  });

  test('lookup with no match prints ~', () => {
    assert.equal(dtab(['lookup', '--dtab', '/foo=>/bar', '/foobar']).stdout, '~\n');
  });

  test('bind resolves through the /$/ namers', () => {
    const r = dtab(['bind', '--dtab', '/a=>/b;/b=>/$/inet/1.2.3.4/80', '/a/x']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^bound \/\$\/inet\/1\.2\.3\.4\/80 residual \/x -> 1\.2\.3\.4:80\n$/);
  });

  test("bind --json is namerd's bind JSON", () => {
    const r = dtab(['bind', '--json', '--dtab', '/a=>/$/nil', '/a']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '{"type":"empty"}\n');
  });

  test('bind that exceeds the depth limit fails with exit 1', () => {
    const r = dtab(['bind', '--dtab', '/a=>/a/a', '/a']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'dtab: bind failed: Max recursion level: 100 reached in Namer lookup\n');
  });

  test("delegate --json is exactly namerd's delegate JSON (J10, J11)", () => {
    const j10 = dtab(['delegate', '--json', '--dtab', '/yeezy => /yeezus', '/yeezy']);
    assert.equal(j10.status, 0, j10.stderr);
    assert.equal(
      j10.stdout,
      '{"type":"delegate","path":"/yeezy","delegate":{"type":"neg","path":"/yeezus","dentry":{"prefix":"/yeezy","dst":"/yeezus"}}}\n',
    );
    const j11 = dtab(['delegate', '--json', '--dtab', '/yeezy => /yeezus;/yeezy=>/bar', '/yeezy']);
    assert.equal(
      j11.stdout,
      '{"type":"alt","path":"/yeezy","alt":[{"type":"neg","path":"/bar","dentry":{"prefix":"/yeezy","dst":"/bar"}},{"type":"neg","path":"/yeezus","dentry":{"prefix":"/yeezy","dst":"/yeezus"}}]}\n',
    );
  });

  test('delegate prints a readable tree by default', () => {
    const r = dtab(['delegate', '--dtab', '/a=>/b;/b=>/$/inet/127.1/80', '/a/x']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 2, r.stdout);
    assert.match(lines[0]!, /^\/a\/x/);
    assert.match(r.stdout, /\/b\/x.*\(\/a=>\/b\)/);
    assert.match(r.stdout, /127\.0\.0\.1:80/);
  });

  test('delegate: /#/ names are left to their namer at runtime; --config names the namers of a config', () => {
    const text = '/srv=>/#/io.l5d.fs;/svc=>/srv | /#/io.l5d.k8s/prod/http';
    const bare = dtab(['delegate', '--dtab', text, '/svc/web']);
    assert.equal(bare.status, 0, bare.stderr);
    assert.match(bare.stdout, /\/#\/io\.l5d\.fs\/web {2}\(\/srv=>\/#\/io\.l5d\.fs\) {2}→ resolved by the io\.l5d\.fs namer at runtime\n/);
    assert.match(bare.stdout, /\/#\/io\.l5d\.k8s\/prod\/http\/web .*→ resolved by the io\.l5d\.k8s namer at runtime\n/);
    assert.match(bare.stdout, /note: no --config given, so the CLI has no configured namers.*--config FILE/);
    assert.doesNotMatch(bare.stdout, /~ neg/);
    // linkerd.yaml declares io.l5d.fs only: the k8s name is then a real dead end.
    const withConfig = dtab(['delegate', '--config', 'linkerd.yaml', '--dtab', text, '/svc/web']);
    assert.equal(withConfig.status, 0, withConfig.stderr);
    assert.match(withConfig.stdout, /\/#\/io\.l5d\.fs\/web .*→ resolved by the io\.l5d\.fs namer at runtime\n/);
    assert.match(withConfig.stdout, /\/#\/io\.l5d\.k8s\/prod\/http\/web .*~ neg: no dentry or namer matches\n/);
    assert.doesNotMatch(withConfig.stdout, /note:/);
    // --json stays namerd's JSON; a file that is not a config is a usage error.
    assert.doesNotMatch(dtab(['delegate', '--json', '--dtab', text, '/svc/web']).stdout, /runtime|note/);
    const notConfig = dtab(['delegate', '--config', 'messy.dtab', '--dtab', text, '/svc/web']);
    assert.equal(notConfig.status, 2);
    assert.match(notConfig.stderr, /messy\.dtab is not a linkerd or namerd config/);
  });

  test('delegate that fails outright (J18) exits 1 without JSON', () => {
    const r = dtab(['delegate', '--json', '--dtab', '/a=>/a/a', '/a']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Max recursion level reached\./);
  });

  test('a dtab with syntax errors: located errors on stderr, exit 1', () => {
    const r = dtab(['lookup', '--dtab', '/a => /b;\n/c = /d', '/a']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, "--dtab:2:5: '>' expected but ' ' found\n");
    const file = dtab(['delegate', '--dtab', 'errors.dtab', '/a']);
    assert.equal(file.status, 1);
    assert.match(file.stderr, /^errors\.dtab:1:9: .*\nerrors\.dtab:3:1: /);
  });

  test("an invalid PATH: exit 1 with Finagle's message", () => {
    const r = dtab(['lookup', '--dtab', '/a=>/b', 'a/b']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, "dtab: invalid path: '/' expected but 'a' found at '[a]/b'\n");
  });

  test('--dtab - reads the dtab from standard input', () => {
    const r = dtab(['lookup', '--dtab', '-', '/a'], { input: '/a => /b # c\n' });
    assert.equal(r.stdout, '/b\n');
  });

  test('usage errors exit 2', () => {
    for (const args of [['lookup', '/a'], ['bind', '--dtab', '/a=>/b'], ['delegate']]) {
      assert.equal(dtab(args).status, 2, args.join(' '));
    }
  });
});
