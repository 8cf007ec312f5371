// esbuild options shared by the product build (scripts/build.mjs) and the benchmarks' bundles (bench/bundle.ts),
// so that the benchmarks measure the code as it ships.
import { join } from 'node:path';

/**
 * The `yaml` package's platform-neutral build (its `default` export condition) instead of its Node build: the same
 * code and version, but the Node build reads `process.env.LOG_TOKENS` for every lexeme, and each `process.env` read
 * is a call into the C++ runtime. That alone is about a fifth of parsing a 5,000-line config.
 */
export function yamlAlias(root) {
  return { yaml: join(root, 'node_modules', 'yaml', 'browser', 'index.js') };
}
