import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeConfig } from '../../../server/src/core/config/analyze.js';
import { showDtab, showPath } from '../../../server/src/core/dtab/show.js';
import { hoveredEmbeddedPath } from '../../../server/src/lsp/live/embeddedPath.js';

/** `<|>` marks the cursor in a config; the answer is the hovered path, the YAML text of its range, and whose dtab it is. */
function at(marked: string, fileName: string): [string, string, string, string] | undefined {
  const offset = marked.indexOf('<|>');
  const yaml = marked.replace('<|>', '');
  const r = hoveredEmbeddedPath(analyzeConfig(yaml, { fileName }).embeddedDtabs, offset);
  return r && [showPath(r.path), yaml.slice(r.start, r.end), r.kind, r.name];
}

const linkerd = (dtab: string) => `namers:\n- kind: io.l5d.fs\n  rootDir: disco\nrouters:\n- protocol: http\n  label: edge\n  dtab: ${dtab}\n  servers:\n  - port: 4140\n`;
const namerd = (value: string) => `storage:\n  kind: io.l5d.inMemory\n  namespaces:\n    default: /svc => /a;\n    staging: ${value}\nnamers:\n- kind: io.l5d.fs\n  rootDir: disco\ninterfaces:\n- kind: io.l5d.httpController\n`;

test('live hover inside embedded dtabs: the path under the cursor, its YAML range, the router or namespace', () => {
  const cases: [string, string, [string, string, string, string] | undefined][] = [
    // block scalar of a router
    [linkerd('|\n    /srv => /#/io.l5d.fs;\n    /svc => /s<|>rv;\n'), 'linkerd.yaml', ['/srv', '/srv', 'router', 'edge']],
    [linkerd('|\n    /srv => /#/io.l5d.fs;\n    /s<|>vc/web => /srv;\n'), 'linkerd.yaml', ['/svc/web', '/svc/web', 'router', 'edge']],
    [linkerd('|\n    /srv => /#/io.l5d.fs;\n    /svc/* => /s<|>rv;\n'), 'linkerd.yaml', ['/srv', '/srv', 'router', 'edge']],
    [linkerd('|\n    /svc/*<|> => /srv;\n'), 'linkerd.yaml', undefined],
    [linkerd('|\n    /svc => 9<|> * /a & /b;\n'), 'linkerd.yaml', undefined],
    // plain and double-quoted (escaped) scalars: the range is the path's YAML text
    [linkerd('/svc => /#/io.l5d.fs/w<|>eb'), 'linkerd.yaml', ['/#/io.l5d.fs/web', '/#/io.l5d.fs/web', 'router', 'edge']],
    [linkerd('"/svc => /a\\x2fb | /c<|>/d"'), 'linkerd.yaml', ['/c/d', '/c/d', 'router', 'edge']],
    [linkerd('"/svc => /a\\x2fb<|> | /c/d"'), 'linkerd.yaml', ['/a/b', '/a\\x2fb', 'router', 'edge']],
    // namerd.yaml: the namespace is the key
    [namerd('|\n      /svc => /#/io.l5d.fs;\n      /svc/users => 9 * /#/io.l5d.fs/us<|>ers & 1 * /b;\n'), 'namerd.yaml', ['/#/io.l5d.fs/users', '/#/io.l5d.fs/users', 'namespace', 'staging']],
    [namerd('/x => /y').replace('/svc => /a', '/svc => /<|>a'), 'namerd.yaml', ['/a', '/a', 'namespace', 'default']],
    // outside any dtab
    [linkerd('/svc => /a').replace('label: edge', 'label: ed<|>ge'), 'linkerd.yaml', undefined],
    [namerd('/x => /y').replace('kind: io.l5d.inMemory', 'kind: io.l5d.in<|>Memory'), 'namerd.yaml', undefined],
    ['not: a config <|>/svc', 'other.yaml', undefined],
  ];
  for (const [marked, file, want] of cases) assert.deepEqual(at(marked, file), want, marked);
});

test('live hover inside embedded dtabs: the dtab sent to namerd is the embedded one', () => {
  const yaml = linkerd('|\n    /srv => /#/io.l5d.fs;\n    /svc => /srv;\n    /bad => ;\n');
  const r = hoveredEmbeddedPath(analyzeConfig(yaml, { fileName: 'linkerd.yaml' }).embeddedDtabs, yaml.indexOf('/srv;') + 1);
  assert.equal(showDtab(r!.dtab), '/srv=>/#/io.l5d.fs;/svc=>/srv');
});

test('live hover inside embedded dtabs: a huge or deeply nested embedded dtab neither crashes nor hangs', () => {
  const deep = linkerd('"/a => ' + '('.repeat(20_000) + '/b' + ')'.repeat(20_000) + '"');
  const t0 = Date.now();
  const r = hoveredEmbeddedPath(analyzeConfig(deep, { fileName: 'linkerd.yaml' }).embeddedDtabs, deep.indexOf('/b') + 1);
  assert.ok(r === undefined || showPath(r.path) === '/b');
  assert.ok(Date.now() - t0 < 10_000);
});
