// Entry point the extension host loads (extensionTestsPath): runs the mocha suites in this folder.
// Bundled by scripts/e2e.mjs into .e2e/exthost/index.js; mocha itself is resolved from the project's node_modules.

import Mocha from 'mocha';
import { suites, untrustedSuites } from './suite.js';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'extension-host', mocha);
  // code-server's environment reaches the extension host: the runner picks the suite per workspace it opened.
  if (process.env.DTAB_E2E_SUITE === 'untrusted') untrustedSuites();
  else suites();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension host test(s) failed`)) : resolve()));
  });
}
