// JSON-RPC tier: formatting is registered for `.dtab` files only when the client can register dynamically, so that
// YAML keeps its own formatter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.js';

test('dynamic registration: formatting for linkerd-dtab only; not advertised statically', async () => {
  const s = await startServer(undefined, {
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
    textDocument: { formatting: { dynamicRegistration: true }, rangeFormatting: { dynamicRegistration: true } },
  });
  try {
    assert.equal(s.initializeResult.capabilities.documentFormattingProvider, false);
    const deadline = Date.now() + 5000;
    while (s.registrations.filter((r) => r.method.includes('ormatting')).length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const formatting = s.registrations.filter((r) => r.method === 'textDocument/formatting' || r.method === 'textDocument/rangeFormatting');
    assert.equal(formatting.length, 2);
    for (const r of formatting) {
      assert.deepEqual((r.registerOptions as { documentSelector: unknown }).documentSelector, [{ language: 'linkerd-dtab' }]);
    }
  } finally {
    await s.close();
  }
});
