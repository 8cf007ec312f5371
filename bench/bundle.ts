// Loads project modules the way they ship: bundled by esbuild like dist/server.js. Under tsx every cross-module
// reference is a getter call, which would measure tsx rather than our code.
import { buildSync } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs module without type declarations
import { yamlAlias } from '../scripts/bundle-options.mjs';

/**
 * Bundles `entry` (TypeScript source whose imports are relative to `root`, e.g.
 * `export { parseDtab } from './server/src/core/dtab/parse.ts';`) into one CommonJS file and requires it.
 * `root` defaults to this checkout; dependencies always come from this checkout's node_modules.
 */
export function loadBundle<T>(entry: string, root: string = join(__dirname, '..')): T {
  const dir = join(__dirname, '..', 'node_modules', '.cache', 'dtab-bench');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `bundle-${process.pid}-${Date.now()}.cjs`);
  buildSync({
    stdin: { contents: entry, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    logLevel: 'error',
    nodePaths: [join(__dirname, '..', 'node_modules')],
    alias: yamlAlias(join(__dirname, '..')) as Record<string, string>,
  });
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(out) as T;
  } finally {
    rmSync(out, { force: true });
  }
}
