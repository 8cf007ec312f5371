import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapNamespace, parseFirstLine, resolveFileTarget, type MappingTarget } from '../../../client/src/namerd/target.js';
import { findEndpointName, isEndpointRoot, parseNamespaceLocation } from '../../../client/src/namerd/uri.js';

test('first-line pragma and pull header', () => {
  const cases: [string, ReturnType<typeof parseFirstLine>][] = [
    ['# namerd: default\n/svc => /a;', { namespace: 'default', source: 'pragma' }],
    ['#namerd:staging', { namespace: 'staging', source: 'pragma' }],
    ['\n\n  # namerd: prod/default\r\n', { endpointName: 'prod', namespace: 'default', source: 'pragma' }],
    ['\uFEFF# namerd: default', { namespace: 'default', source: 'pragma' }],
    [
      '# namerd: endpoint=http://127.0.0.1:4180/ namespace=default version=AAAAAAAAAAE=\n# namerd-base: /a=>/b\n',
      { namespace: 'default', endpointUrl: 'http://127.0.0.1:4180/', version: 'AAAAAAAAAAE=', source: 'header' },
    ],
    ['# namerd: endpoint=http://x namespace=my%20ns version=1', { namespace: 'my ns', endpointUrl: 'http://x', version: '1', source: 'header' }],
    // Not a pragma: not on the first line, no namespace, bad names, a plain comment.
    ['/svc => /a;\n# namerd: default', undefined],
    ['# namerd:', undefined],
    ['# namerd: a b', undefined],
    ['# namerd: a/b/c', undefined],
    ['# namerd: endpoint=http://x version=1', undefined],
    ['# routing for namerd', undefined],
    ['', undefined],
  ];
  for (const [text, want] of cases) assert.deepEqual(parseFirstLine(text), want, JSON.stringify(text));
});

test('namespace mapping: first matching glob wins; globs without a slash match the file name', () => {
  const mapping = new Map<string, MappingTarget>([
    ['dtabs/prod/*.dtab', { namespace: 'default', endpoint: 'prod' }],
    ['dev.dtab', { namespace: 'dev' }],
    ['**/*.dtab', { namespace: 'catch-all' }],
  ]);
  const cases: [string, string | undefined][] = [
    ['dtabs/prod/web.dtab', 'default'],
    ['dtabs\\prod\\web.dtab', 'default'],
    ['nested/dir/dev.dtab', 'dev'],
    ['other/x.dtab', 'catch-all'],
    ['README.md', undefined],
  ];
  for (const [path, want] of cases) assert.equal(mapNamespace(path, mapping)?.namespace, want, path);
  assert.equal(mapNamespace('dtabs/prod/web.dtab', mapping)?.endpoint, 'prod');
  // A glob minimatch refuses (too long) matches nothing instead of throwing.
  assert.equal(mapNamespace('a.dtab', new Map([['*'.repeat(70_000), { namespace: 'x' }]])), undefined);
});

test('file target: pragma over mapping over nothing; endpoint from pragma, mapping, recorded URL, default', () => {
  const endpoints = new Map([['local', 'http://127.0.0.1:4180'], ['prod', 'https://namerd.prod:4180']]);
  const mapping = new Map<string, MappingTarget>([['web.dtab', { namespace: 'mapped', endpoint: 'prod' }]]);
  const base = { endpoints, mapping, defaultEndpoint: 'local' };
  const ok = (text: string, relativePath?: string) => {
    const r = resolveFileTarget({ ...base, text, relativePath });
    assert.ok(r.ok, JSON.stringify(r));
    return [r.endpoint, r.namespace, r.reason];
  };
  assert.deepEqual(ok('# namerd: staging\n', 'web.dtab'), ['local', 'staging', 'pragma']);
  assert.deepEqual(ok('# namerd: prod/staging\n', 'web.dtab'), ['prod', 'staging', 'pragma']);
  assert.deepEqual(ok('/a => /b;', 'web.dtab'), ['prod', 'mapped', 'mapping web.dtab']);
  assert.deepEqual(ok('# namerd: endpoint=https://namerd.prod:4180/ namespace=default version=1\n'), ['prod', 'default', 'header']);
  assert.deepEqual(ok('# namerd: endpoint=http://elsewhere namespace=default version=1\n'), ['local', 'default', 'header']);

  const unmapped = resolveFileTarget({ ...base, text: '/a => /b;', relativePath: 'other.dtab' });
  assert.ok(!unmapped.ok && unmapped.unmapped && /# namerd: <namespace>/.test(unmapped.message));
  const noEndpoint = resolveFileTarget({ ...base, defaultEndpoint: undefined, text: '# namerd: x' });
  assert.ok(!noEndpoint.ok && !noEndpoint.unmapped && /defaultEndpoint/.test(noEndpoint.message));
  const unknown = resolveFileTarget({ ...base, text: '# namerd: nowhere/x' });
  assert.ok(!unknown.ok && /"nowhere" is not in dtab.namerd.endpoints/.test(unknown.message));
  // Nothing configured (e.g. an untrusted workspace that only had workspace settings): never a target.
  const nothing = resolveFileTarget({ text: '# namerd: default', endpoints: new Map(), mapping: new Map() });
  assert.equal(nothing.ok, false);
});

test('namerd:// locations', () => {
  assert.deepEqual(parseNamespaceLocation('local', '/default'), { endpoint: 'local', namespace: 'default' });
  assert.equal(parseNamespaceLocation('local', '/'), undefined);
  assert.equal(parseNamespaceLocation('', '/default'), undefined);
  assert.equal(parseNamespaceLocation('local', '/a/b'), undefined);
  assert.ok(isEndpointRoot('/') && isEndpointRoot('') && !isEndpointRoot('/x'));
  assert.equal(findEndpointName('Prod', ['local', 'Prod']), 'Prod');
  assert.equal(findEndpointName('prod', ['local', 'Prod']), 'Prod');
  assert.equal(findEndpointName('prod', ['PROD', 'Prod']), undefined);
  assert.equal(findEndpointName('x', []), undefined);
});
