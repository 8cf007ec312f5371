// The committed JSON Schemas are generated from the model and must be up to date; they accept every stock example
// and reject the same unknown keys, kinds and types our checks reject.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { schemaText } from '../../../server/src/core/config/json-schema.js';
import { loadBrokenFixtures } from './fixtures.js';

const ROOT = join(__dirname, '..', '..', '..');
const schemaFile = (p: string): string => join(ROOT, 'schemas', `${p}.schema.json`);

for (const product of ['linkerd', 'namerd'] as const) {
  test(`schemas/${product}.schema.json is up to date (run npm run gen-schema)`, () => {
    assert.equal(readFileSync(schemaFile(product), 'utf8'), schemaText(product));
  });

  test(`every ${product} example config validates against the generated schema`, () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(schemaText(product)));
    const dir = join(ROOT, 'test', 'fixtures', 'config', 'corpus', product);
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    assert.ok(files.length >= 13);
    for (const f of files) {
      const ok = validate(parse(readFileSync(join(dir, f), 'utf8')));
      assert.ok(ok, `${f}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
  });
}

test('the linkerd-examples configs validate against the generated schemas too', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = { linkerd: ajv.compile(JSON.parse(schemaText('linkerd'))), namerd: ajv.compile(JSON.parse(schemaText('namerd'))) };
  const dir = join(ROOT, 'test', 'fixtures', 'config', 'examples');
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));
  assert.equal(files.length, 55);
  for (const f of files) {
    const data = parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
    const validate = validators['routers' in data ? 'linkerd' : 'namerd'];
    assert.ok(validate(data), `${f}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
});

test('the schema rejects the broken configs whose error is a shape error', () => {
  const shapeCodes = new Set(['config/unknown-key', 'config/unknown-kind', 'config/legacy-key', 'config/legacy-kind', 'config/family-mismatch']);
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = { linkerd: ajv.compile(JSON.parse(schemaText('linkerd'))), namerd: ajv.compile(JSON.parse(schemaText('namerd'))) };
  let checked = 0;
  for (const fx of loadBrokenFixtures()) {
    if (!shapeCodes.has(fx.code) || fx.extraKinds) continue;
    const data = parse(fx.text) as Record<string, unknown>;
    const product = 'routers' in data ? 'linkerd' : 'namerd';
    assert.equal(validators[product](data), false, `${fx.file} should not validate`);
    checked++;
  }
  assert.ok(checked >= 10, `checked ${checked}`);
});
