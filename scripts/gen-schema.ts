// Writes schemas/linkerd.schema.json and schemas/namerd.schema.json from the config model.
//   npm run gen-schema                       regenerate the schemas
//   npm run gen-schema -- --extract SPEC.md  first re-extract the model data (the §6 JSON appendix of
//                                            spec/linkerd-config.md) into server/src/core/config/model-data.json
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

function extractAppendix(specPath: string): void {
  const md = readFileSync(specPath, 'utf8');
  const start = md.indexOf('## 6. Machine-readable appendix');
  const open = md.indexOf('```json\n', start);
  const close = md.indexOf('\n```', open + 8);
  if (start < 0 || open < 0 || close < 0) throw new Error(`no JSON appendix found in ${specPath}`);
  const json = md.slice(open + 8, close + 1);
  JSON.parse(json); // must be valid
  writeFileSync(join(root, 'server/src/core/config/model-data.json'), json);
  console.log('extracted the model from', specPath);
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--extract');
  if (i >= 0) extractAppendix(process.argv[i + 1] ?? '');
  // Imported after a possible extraction so the fresh data is used.
  const { schemaText } = await import('../server/src/core/config/json-schema.js');
  for (const product of ['linkerd', 'namerd'] as const) {
    const file = join(root, 'schemas', `${product}.schema.json`);
    writeFileSync(file, schemaText(product));
    console.log('wrote', file);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
