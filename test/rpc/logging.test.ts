// JSON-RPC tier: server logging honours dtab.trace.server and never logs document text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.js';

const SECRET_LOOKING = '/svc => /$/inet/10.9.8.7/4242';

for (const [level, expectLogs] of [['verbose', true], ['off', false]] as const) {
  test(`trace ${level}: ${expectLogs ? 'timings are logged' : 'nothing but problems is logged'}`, async () => {
    const s = await startServer({ trace: { server: level }, diagnostics: { debounceMs: 0 } });
    try {
      const uri = 'file:///work/log.dtab';
      s.open(uri, 'linkerd-dtab', SECRET_LOOKING);
      await s.waitForDiagnostics(uri);
      await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
      // Settings arrive asynchronously after `initialized` (the server then re-checks open documents): give it time.
      const deadline = Date.now() + (expectLogs ? 5000 : 300);
      while (!s.logs.some((l) => l.startsWith('diagnostics ')) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
      }
      const diagnosticsLogged = s.logs.some((l) => l.startsWith('diagnostics '));
      assert.equal(diagnosticsLogged, expectLogs, s.logs.join('\n'));
      assert.ok(!s.logs.some((l) => l.includes('10.9.8.7')), 'document text leaked into the log');
    } finally {
      await s.close();
    }
  });
}
