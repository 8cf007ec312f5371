// Runs the mocha suite in test/e2e/exthost inside code-server's extension host, with the extension loaded from
// the working tree (extensionDevelopmentPath), and fails when any in-host test fails.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startCodeServer, type RunningCodeServer } from './harness/codeServer.js';
import { runExtensionHostTests } from './harness/extensionHost.js';
import { startNamerd, type RunningNamerd } from './harness/localNamerd.js';
import { E2E_DIR, FIXTURE_WORKSPACE, ROOT } from './harness/paths.js';

const TESTS_BUNDLE = join(E2E_DIR, 'exthost', 'index.js');

let namerd: RunningNamerd | undefined;
let server: RunningCodeServer | undefined;
let untrusted: RunningCodeServer | undefined;

before(async () => {
  assert.ok(existsSync(TESTS_BUNDLE), `${TESTS_BUNDLE} is missing: run the e2e tier through npm run test:e2e`);
  namerd = await startNamerd(join(FIXTURE_WORKSPACE, 'namerd.yaml'), { cwd: FIXTURE_WORKSPACE });
  server = await startCodeServer({
    tag: 'exthost',
    workspace: FIXTURE_WORKSPACE,
    vsix: false,
    userSettings: {
      'dtab.namerd.endpoints': { local: { url: namerd.url, headerNames: ['X-Test-Token'] } },
      'dtab.namerd.defaultEndpoint': 'local',
    },
  });
});

after(async () => {
  await untrusted?.stop();
  await server?.stop();
  await namerd?.stop();
});

test('extension host suite (mocha inside code-server)', { timeout: 180_000 }, async () => {
  const result = await runExtensionHostTests(server!, { extensionPath: ROOT, testsPath: TESTS_BUNDLE });
  console.log(result.output);
  if (result.exitCode !== 0) console.log(server!.extensionHostLogs());
  assert.equal(result.exitCode, 0, 'the in-host mocha suite failed (its output is above)');
});

test('extension host suite in an untrusted workspace', { timeout: 180_000 }, async () => {
  untrusted = await startCodeServer({
    tag: 'exthost-untrusted',
    workspace: FIXTURE_WORKSPACE,
    vsix: false,
    trust: true,
    env: { DTAB_E2E_SUITE: 'untrusted' },
    extraFiles: {
      '.vscode/settings.json': JSON.stringify({
        'dtab.namerd.endpoints': { evil: { url: 'http://127.0.0.1:9/' } },
        'dtab.namerd.defaultEndpoint': 'evil',
      }),
    },
  });
  const result = await runExtensionHostTests(untrusted, { extensionPath: ROOT, testsPath: TESTS_BUNDLE });
  console.log(result.output);
  if (result.exitCode !== 0) console.log(untrusted.extensionHostLogs());
  assert.equal(result.exitCode, 0, 'the in-host mocha suite failed (its output is above)');
});
