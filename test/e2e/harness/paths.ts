// Where the end-to-end harness keeps things. Everything lives in the project's own git-ignored folders.

import { join } from 'node:path';

// The project compiles to CommonJS (no "type": "module"), so __dirname is defined under tsx.
export const ROOT = join(__dirname, '..', '..', '..');
export const E2E_DIR = join(ROOT, '.e2e');
export const CODE_SERVER_BIN = join(E2E_DIR, 'code-server', 'node_modules', '.bin', 'code-server');
export const RUNS_DIR = join(E2E_DIR, 'runs');
/** One file per live process group started by the harness; scripts/e2e.mjs kills what is left after the run. */
export const PIDS_DIR = join(E2E_DIR, 'pids');
export const ARTIFACTS_DIR = join(ROOT, 'test-artifacts');
export const VSIX = join(ROOT, 'linkerd-dtab.vsix');
export const FIXTURE_WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_ID = 'linkerd-dtab.linkerd-dtab';
