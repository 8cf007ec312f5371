// The language server's store of the workspace's namerd configs: which texts count as namerd configs, what an edit
// changes, how files are named in messages, and the findings a linkerd config gets from them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeConfig } from '../../../server/src/core/config/analyze.js';
import { NamerdWorkspace } from '../../../server/src/lsp/namerdWorkspace.js';

const NAMERD = 'storage:\n  kind: io.l5d.inMemory\n  namespaces:\n    default: /svc => /#/io.l5d.fs;\ninterfaces:\n- kind: io.l5d.httpController\n';
const LINKERD = 'routers:\n- protocol: http\n  interpreter:\n    kind: io.l5d.namerd.http\n    experimental: true\n    dst: /$/inet/127.1/4180\n    namespace: prod\n  servers:\n  - port: 4140\n';
// The interpreters a linkerd config's analysis finds are what the workspace checks.
const interpreters = (text: string) => analyzeConfig(text).interpreters;
const NS_UNKNOWN = "Router 'http' reads namerd namespace 'prod' through io.l5d.namerd.http, but the io.l5d.inMemory storage of";

// Each step: the text given for a URI (undefined: the file is gone), whether the namerd facts changed, and the
// message the linkerd config then gets (undefined: none).
const steps: { what: string; uri: string; text: string | undefined; changed: boolean; message?: string }[] = [
  { what: 'a linkerd config is no namerd config', uri: 'file:///ws/linkerd.yaml', text: LINKERD, changed: false },
  { what: 'a namerd config in a folder', uri: 'file:///ws/deploy/namerd.yaml', text: NAMERD, changed: true, message: `${NS_UNKNOWN} deploy/namerd.yaml declares only default.` },
  { what: 'the same text again', uri: 'file:///ws/deploy/namerd.yaml', text: NAMERD, changed: false, message: `${NS_UNKNOWN} deploy/namerd.yaml declares only default.` },
  { what: 'a YAML error while typing keeps what was known', uri: 'file:///ws/deploy/namerd.yaml', text: NAMERD + 'namers: [\n', changed: false, message: `${NS_UNKNOWN} deploy/namerd.yaml declares only default.` },
  { what: 'the namespace is declared', uri: 'file:///ws/deploy/namerd.yaml', text: NAMERD.replace('    default:', '    prod:'), changed: true },
  { what: 'a second namerd config outside the workspace folder', uri: 'file:///elsewhere/namerd.yaml', text: NAMERD, changed: true },
  { what: 'the first one is deleted', uri: 'file:///ws/deploy/namerd.yaml', text: undefined, changed: true, message: `${NS_UNKNOWN} namerd.yaml declares only default.` },
];

test('namerd workspace: facts follow the texts, and the linkerd config its findings', () => {
  const ws = new NamerdWorkspace(() => ['file:///ws']);
  for (const step of steps) {
    assert.equal(ws.update(step.uri, step.text), step.changed, step.what);
    const got = ws.diagnosticsFor('file:///ws/linkerd.yaml', interpreters(LINKERD)).map((d) => d.message.slice(0, d.message.indexOf('. ', NS_UNKNOWN.length) + 1));
    assert.deepEqual(got, step.message ? [step.message] : [], step.what);
  }
  assert.equal(ws.diagnosticsFor('file:///elsewhere/namerd.yaml', interpreters(NAMERD)).length, 0, 'a namerd config gets no findings');
});
