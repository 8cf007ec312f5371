// The committed JSON Schemas as the Red Hat YAML extension uses them (contributes.yamlValidation): validated by its
// own language server, yaml-language-server, not only by Ajv. Its schema engine is vscode-json-languageservice's,
// which may read a schema differently: every stock example must pass it, and the mistakes users make must show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';

const ROOT = join(__dirname, '..', '..', '..');
const CORPUS = join(ROOT, 'test', 'fixtures', 'config', 'corpus');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { yamlValidation: { fileMatch: string[]; url: string }[] };
};

/** A yaml-language-server configured as the extension's yamlValidation entries configure the YAML extension. */
function yamlService() {
  const schemas = PACKAGE.contributes.yamlValidation.map((v) => {
    const uri = 'file://' + join(ROOT, v.url);
    return { uri, fileMatch: v.fileMatch, schema: JSON.parse(readFileSync(join(ROOT, v.url), 'utf8')) as object };
  });
  const ls = getLanguageService({
    schemaRequestService: (uri: string) => Promise.resolve(readFileSync(new URL(uri), 'utf8')),
    workspaceContext: { resolveRelativePath: (rel: string) => rel },
  });
  ls.configure({ validate: true, completion: false, hover: false, schemas });
  return ls;
}

// A new version each time: the server caches a parsed document by URI and version.
let version = 0;
const problems = async (ls: ReturnType<typeof yamlService>, name: string, text: string) =>
  (await ls.doValidation(TextDocument.create(`file:///ws/${name}`, 'yaml', ++version, text), false)).map((d) => d.message);

test('yamlValidation: every stock example passes yaml-language-server with the schema its file name selects', async () => {
  const ls = yamlService();
  let checked = 0;
  for (const product of ['linkerd', 'namerd'] as const) {
    for (const f of readdirSync(join(CORPUS, product)).filter((x) => x.endsWith('.yaml'))) {
      // Named as the fileMatch patterns expect (linkerd*.yaml, namerd*.yaml).
      const found = await problems(ls, `${product}-${f}`, readFileSync(join(CORPUS, product, f), 'utf8'));
      assert.deepEqual(found, [], `${product}/${f}`);
      checked++;
    }
  }
  assert.ok(checked >= 40, `only ${checked} configs`);
});

test('yamlValidation: yaml-language-server reports an unknown key, a wrong type and an unknown kind', async () => {
  const ls = yamlService();
  const base = 'routers:\n- protocol: http\n  dtab: /svc => /$/inet/127.1/8080\n  servers:\n  - port: 4140\n';
  assert.deepEqual(await problems(ls, 'linkerd.yaml', base), []);
  const cases: [string, RegExp][] = [
    [base.replace('  dtab:', '  dtabb:'), /^Property dtabb is not allowed/],
    [base.replace('port: 4140', 'port: "4140"'), /^Incorrect type\. Expected "integer"/],
    [base.replace('protocol: http', 'protocol: htp'), /^Value is not accepted\. Valid values: "http", "h2"/],
  ];
  for (const [text, expected] of cases) {
    const found = await problems(ls, 'linkerd.yaml', text);
    assert.ok(found.some((m) => expected.test(m)), `${JSON.stringify(text)}: ${JSON.stringify(found)}`);
  }
  // A namerd config is read with the namerd schema (by its file name).
  const namerd = 'storage:\n  kind: io.l5d.inMemory\n  namespaces: {}\ninterfaces:\n- kind: io.l5d.httpController\nnamers: []\n';
  assert.deepEqual(await problems(ls, 'namerd.yaml', namerd), []);
  assert.deepEqual(await problems(ls, 'namerd.yaml', namerd + 'routers: []\n'), ['Property routers is not allowed.']);
});
