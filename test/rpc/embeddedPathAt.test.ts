// JSON-RPC tier: `dtab/embeddedPathAt`, the path a live namerd hover is about inside a dtab embedded in a
// linkerd.yaml / namerd.yaml, answered from the server's cached analysis (the client no longer analyses the config).
// The expected answers are the ones the client's former computation gave (checked case by case when the request
// replaced it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readDtab } from '../../server/src/core/dtab/parse.js';
import { showDtab, showPath } from '../../server/src/core/dtab/show.js';
import { EmbeddedPathAtRequest, type EmbeddedPathAtResult } from '../../server/src/protocol/requests.js';
import { startServer, type ServerSession } from './harness.js';

let s: ServerSession;
before(async () => {
  s = await startServer();
});
after(async () => {
  if (s) await s.close();
});

const linkerd = (dtab: string, label = '  label: edge\n') =>
  `namers:\n- kind: io.l5d.fs\n  rootDir: disco\nrouters:\n- protocol: http\n${label}  dtab: ${dtab}\n  servers:\n  - port: 4140\n`;
const namerd = (value: string) =>
  `storage:\n  kind: io.l5d.inMemory\n  namespaces:\n    default: /svc => /a;\n    staging: ${value}\nnamers:\n- kind: io.l5d.fs\n  rootDir: disco\ninterfaces:\n- kind: io.l5d.httpController\n`;

/** What the answer says, readably: the path, the YAML text of its range, kind, name, and the canonical dtab. */
type Seen = [path: string, rangeText: string, kind: string, name: string, dtab: string];

let n = 0;
async function ask(marked: string, fileName: string, languageId = 'yaml'): Promise<{ seen: Seen | null; raw: EmbeddedPathAtResult | null; text: string; offset: number }> {
  const offset = marked.indexOf('<|>');
  assert.ok(offset >= 0, marked);
  const text = marked.replace('<|>', '');
  const uri = `file:///work/case${n++}/${fileName}`;
  const doc = TextDocument.create(uri, languageId, 1, text);
  s.open(uri, languageId, text);
  const raw = await s.connection.sendRequest(EmbeddedPathAtRequest, { textDocument: { uri }, position: doc.positionAt(offset) });
  const seen: Seen | null = raw && [showPath(raw.path), doc.getText(raw.range), raw.kind, raw.name, raw.dtab];
  return { seen, raw, text, offset };
}

test('dtab/embeddedPathAt: the hovered path, its YAML range, the router or namespace, and the canonical dtab', async () => {
  const cases: [marked: string, fileName: string, want: Seen | null][] = [
    // linkerd.yaml: a router's block scalar; the dentry with a syntax error is left out of the dtab
    [linkerd('|\n    /srv => /#/io.l5d.fs;\n    /svc => /s<|>rv;\n    /bad => ;\n'), 'linkerd.yaml', ['/srv', '/srv', 'router', 'edge', '/srv=>/#/io.l5d.fs;/svc=>/srv']],
    [linkerd('|\n    /srv => /#/io.l5d.fs;\n    /s<|>vc/web => /srv;\n'), 'linkerd.yaml', ['/svc/web', '/svc/web', 'router', 'edge', '/srv=>/#/io.l5d.fs;/svc/web=>/srv']],
    [linkerd('|\n    /svc/* => /s<|>rv;\n'), 'linkerd.yaml', ['/srv', '/srv', 'router', 'edge', '/svc/*=>/srv']],
    // a router without a label is named by its protocol
    [linkerd('|\n    /svc => /s<|>rv;\n', ''), 'linkerd.yaml', ['/srv', '/srv', 'router', 'http', '/svc=>/srv']],
    // folded block scalar across lines
    [linkerd('>-\n    /svc => /a |\n      /b<|>/c;\n'), 'linkerd.yaml', ['/b/c', '/b/c', 'router', 'edge', '/svc=>/a | /b/c']],
    // plain, single- and double-quoted scalars (an escape: the range is the path's YAML text)
    [linkerd('/svc => /#/io.l5d.fs/w<|>eb'), 'linkerd.yaml', ['/#/io.l5d.fs/web', '/#/io.l5d.fs/web', 'router', 'edge', '/svc=>/#/io.l5d.fs/web']],
    [linkerd("'/svc => 0.333 * /a & /b<|>'"), 'linkerd.yaml', ['/b', '/b', 'router', 'edge', '/svc=>0.33*/a & /b']],
    [linkerd('"/svc => /a\\x2fb | /c<|>/d"'), 'linkerd.yaml', ['/c/d', '/c/d', 'router', 'edge', '/svc=>/a/b | /c/d']],
    [linkerd('"/svc => /a\\x2fb<|> | /c/d"'), 'linkerd.yaml', ['/a/b', '/a\\x2fb', 'router', 'edge', '/svc=>/a/b | /c/d']],
    // two routers: the second one's dtab
    [linkerd('/svc => /a').replace('  servers:\n  - port: 4140\n', '  servers:\n  - port: 4140\n- protocol: thrift\n  dtab: |\n    /svc => /b<|>/c;\n  servers:\n  - port: 4141\n'), 'linkerd.yaml',
      ['/b/c', '/b/c', 'router', 'thrift', '/svc=>/b/c']],
    // namerd.yaml: the namespace is the key
    [namerd('|\n      /svc => /#/io.l5d.fs;\n      /svc/users => 9 * /#/io.l5d.fs/us<|>ers & 1 * /b;\n'), 'namerd.yaml',
      ['/#/io.l5d.fs/users', '/#/io.l5d.fs/users', 'namespace', 'staging', '/svc=>/#/io.l5d.fs;/svc/users=>9.00*/#/io.l5d.fs/users & /b']],
    [namerd('/x => /y').replace('/svc => /a', '/svc => /<|>a'), 'namerd.yaml', ['/a', '/a', 'namespace', 'default', '/svc=>/a']],
    [namerd('"/x => /<|>y"'), 'namerd.yaml', ['/y', '/y', 'namespace', 'staging', '/x=>/y']],
    // no single path: a wildcard prefix, a weight
    [linkerd('|\n    /svc/*<|> => /srv;\n'), 'linkerd.yaml', null],
    [linkerd('|\n    /svc => 9<|> * /a & /b;\n'), 'linkerd.yaml', null],
    // outside any dtab
    [linkerd('/svc => /a').replace('label: edge', 'label: ed<|>ge'), 'linkerd.yaml', null],
    [linkerd('/svc => /a').replace('rootDir', 'root<|>Dir'), 'linkerd.yaml', null],
    [namerd('/x => /y').replace('kind: io.l5d.inMemory', 'kind: io.l5d.in<|>Memory'), 'namerd.yaml', null],
    ['services:\n  web:\n    image: <|>/svc/nginx\n', 'docker-compose.yaml', null],
    ['not: a config <|>/svc', 'other.yaml', null],
    // a name tree nested too deep: the dentry is left out of the dtab (its prefix is still a path), nothing hangs
    [linkerd('"/a => ' + '('.repeat(20_000) + '/<|>b' + ')'.repeat(20_000) + '"'), 'linkerd.yaml', null],
    [linkerd('"/<|>a => ' + '('.repeat(20_000) + '/b' + ')'.repeat(20_000) + '"'), 'linkerd.yaml', ['/a', '/a', 'router', 'edge', '']],
  ];
  for (const [marked, fileName, want] of cases) {
    const t0 = Date.now();
    const { seen, raw, text, offset } = await ask(marked, fileName);
    assert.ok(Date.now() - t0 < 10_000, `slow: ${Date.now() - t0} ms`);
    assert.deepEqual(seen, want, marked.slice(0, 300));
    if (!raw) continue;
    // The range is the path's own text around the cursor.
    const doc = TextDocument.create('file:///x', 'yaml', 1, text);
    assert.ok(doc.offsetAt(raw.range.start) <= offset && offset <= doc.offsetAt(raw.range.end), marked);
    // The client reads the canonical form back into the dtab value it sends and delegates locally.
    const read = readDtab(raw.dtab);
    assert.ok(read.ok, raw.dtab);
    assert.equal(showDtab(read.value), raw.dtab, marked);
  }
});

test('dtab/embeddedPathAt: a .dtab file, an unknown document and a malformed position answer null', async () => {
  const { seen } = await ask('/svc => /s<|>rv;\n', 'routing.dtab', 'linkerd-dtab');
  assert.equal(seen, null);
  assert.equal(await s.connection.sendRequest(EmbeddedPathAtRequest, { textDocument: { uri: 'file:///work/never-opened.yaml' }, position: { line: 0, character: 0 } }), null);
  const uri = 'file:///work/malformed/linkerd.yaml';
  s.open(uri, 'yaml', linkerd('/svc => /a'));
  const bad: unknown = { textDocument: { uri }, position: { line: -1, character: 'x' } };
  assert.equal(await s.connection.sendRequest(EmbeddedPathAtRequest, bad as never), null);
  // Far past the end of the document: clamped by the document, no answer, no crash.
  assert.equal(await s.connection.sendRequest(EmbeddedPathAtRequest, { textDocument: { uri }, position: { line: 999, character: 999 } }), null);
});
