import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localHover } from '../../../server/src/lsp/features/hover.js';
import { standardNamers } from '../../../server/src/lsp/namerCatalog.js';
import { cursor, dtabFixture, textOf } from './fixture.js';

function hoverAt(marked: string) {
  const f = dtabFixture(marked);
  const h = localHover(f.document, f.region, cursor(f), { namers: standardNamers() });
  return { f, h, markdown: h?.sections.join('\n\n') ?? '' };
}

test('hover: weights as their share of the union', () => {
  const cases: [string, RegExp][] = [
    ['/svc => <|>9 * /blue & 1 * /green', /\*\*90%\*\*.*weight 9 of 10/],
    ['/svc => 9 * /blue & <|>1 * /green', /\*\*10%\*\*/],
    ['/svc => /a & /b & <|>2 * /c', /\*\*50%\*\*.*Shares: 25% \/ 25% \/ 50%/],
    ['/svc => <|>0 * /a & /b', /never/],
    ['/svc => <|>0 * /a & 0 * /b', /equal share \(50%\)/],
    ['/svc => <|>2 * /a', /no effect/],
    ['/svc => /x | (<|>3 * /a & /b)', /\*\*75%\*\*/],
  ];
  for (const [marked, want] of cases) {
    const { markdown } = hoverAt(marked);
    assert.match(markdown, want, marked);
  }
});

test('hover: a /$/ namer shows what it does and its arguments', () => {
  const { markdown, h, f } = hoverAt('/svc => /$/ine<|>t/127.1/8080');
  assert.match(markdown, /\/\$\/inet/);
  assert.match(markdown, /<host>\/<port>/);
  assert.equal(textOf(f.document, h!.range), '/$/inet/127.1/8080');
  assert.match(hoverAt('/svc => /$/com.example.<|>Nope').markdown, /Unknown namer/);
});

test('hover: a configured namer prefix and the local delegation of a path', () => {
  const { markdown } = hoverAt('/svc => /#/io.l5d<|>.k8s/prod/http');
  assert.match(markdown, /configured namer `io.l5d.k8s`/);
  assert.match(markdown, /Names: `\/#\/<prefix>\/<namespace>\/<port-name\|port-number>\/<service>/);
  const d = hoverAt('/srv => /$/inet/127.1/8080;\n/svc => /sr<|>v');
  assert.match(d.markdown, /127\.0\.0\.1:8080|inet\/127\.1\/8080/);
  assert.equal(textOf(d.f.document, d.h!.range), '/srv');
});

test('hover: a name left to a configured namer is a terminal "resolved at runtime" step, not an error', () => {
  const { markdown } = hoverAt('/srv => /#/io.l5d.fs;\n/svc => 9 * /srv/users & 1 * /#/custom/x;\n/web => /s<|>vc');
  assert.match(markdown, /\/#\/io\.l5d\.fs\/users {2}\(\/srv=>\/#\/io\.l5d\.fs\) {2}→ resolved by the io\.l5d\.fs namer at runtime/);
  // No workspace config declares namers: any /#/<kind> is left to that namer.
  assert.match(markdown, /\/#\/custom\/x .*→ resolved by the custom namer at runtime/);
  assert.doesNotMatch(markdown, /error|not answered|Resolved at runtime, not here/);
  // A workspace config declares namers: an undeclared /#/ prefix is a real dead end; /$/ errors stay errors.
  const f = dtabFixture('/svc => /#/io.l5d.fs/a | /#/custom/x | /$/com.example.Nope;\n/web => /s<|>vc');
  const fs = [{ prefix: ['#', 'io.l5d.fs'], kind: 'io.l5d.fs', source: 'linkerd.yaml' }];
  const configured = localHover(f.document, f.region, cursor(f), { namers: fs, namersConfigured: true })!.sections.join('\n\n');
  assert.match(configured, /\/#\/io\.l5d\.fs\/a .*→ resolved by the io\.l5d\.fs namer at runtime/);
  assert.match(configured, /\/#\/custom\/x .*~ neg: no dentry or namer matches/);
  assert.match(configured, /\/\$\/com\.example\.Nope .*error: /);
});

test('hover: a prefix delegates itself; a wildcard prefix is explained instead', () => {
  const d = hoverAt('/s<|>vc => /$/fail');
  assert.match(d.markdown, /fail/i);
  const w = hoverAt('/s/<|>*/c => /d');
  assert.match(w.markdown, /exactly one element/);
  assert.equal(textOf(w.f.document, w.h!.range), '/s/*/c');
});

test('delegation hover: only the first alternatives of a huge Alt are shown, with a count of the rest', () => {
  const many = Array.from({ length: 30 }, (_, i) => `/a => /x${i};`).join('\n');
  const { markdown } = hoverAt(`${many}\n/q => 1 * /a & 3 * /b;\n/z => /<|>a`);
  assert.match(markdown, /22 lower-priority alternative\(s\) not shown/);
  assert.match(markdown, /1\. /);
  assert.doesNotMatch(markdown, /\n\s+9\. /);
  const u = hoverAt('/q => 1 * /a & 3 * /b;\n/z => /<|>q');
  assert.match(u.markdown, /25% \(weight 1\)/);
  assert.match(u.markdown, /75% \(weight 3\)/);
});

test('hover: ~, ! and $ explain themselves', () => {
  assert.match(hoverAt('/a => /b | <|>~').markdown, /neg/);
  assert.match(hoverAt('/a => /b | <|>!').markdown, /not\*\* tried/);
  assert.match(hoverAt('/a => <|>$').markdown, /no addresses/);
});

test('hover: the arguments after a namer prefix are named by its name shape', () => {
  const { markdown } = hoverAt('/svc => /#/io.l5d.k8s/pr<|>od/http/web/x');
  assert.match(markdown, /`prod` = `<namespace>`, `http` = `<port-name>`, `web` = `<service>`, `x` = residual/);
});
