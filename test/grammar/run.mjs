// Grammar tests: runs vscode-tmgrammar-test over the sample files in this folder. The extension's grammars come
// from package.json; the YAML grammar the injection is tested against is the one VS Code itself ships (taken from
// the code-server install in .e2e/, installed by scripts/install-code-server.sh when missing).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const yamlSyntaxes = join(root, '.e2e/code-server/node_modules/code-server/lib/vscode/extensions/yaml/syntaxes');

if (!existsSync(yamlSyntaxes)) {
  console.log('VS Code\'s YAML grammar is not here yet: installing code-server (scripts/install-code-server.sh)');
  const r = spawnSync('bash', [join(root, 'scripts/install-code-server.sh')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const grammarArgs = readdirSync(yamlSyntaxes)
  .filter((f) => f.endsWith('.tmLanguage.json'))
  .flatMap((f) => ['-g', relative(root, join(yamlSyntaxes, f))]);
const bin = join(root, 'node_modules/vscode-tmgrammar-test/dist/unit.js');
const cases = readdirSync(join(root, 'test/grammar')).filter((f) => /\.(dtab|yaml)$/.test(f));
const r = spawnSync(process.execPath, [bin, ...grammarArgs, ...cases.map((f) => `test/grammar/${f}`)], {
  cwd: root,
  encoding: 'utf8',
});
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
// vscode-tmgrammar-test prints one line per file; close with the plain summary line CI understands.
const failed = (r.stdout.match(/^\s*✖/gm) ?? []).length;
const passed = (r.stdout.match(/^\s*✓/gm) ?? []).length;
console.log(`grammar: ${passed} passed, ${failed} failed`);
process.exit(r.status === 0 && failed === 0 && passed === cases.length ? 0 : 1);
