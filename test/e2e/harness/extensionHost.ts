// Mode B of the shared spec (vscode-e2e.md §5): mocha tests inside code-server's real Node extension host. The web
// workbench takes `extensionDevelopmentPath` + `extensionTestsPath` from its `payload` URL parameter, runs the tests
// module's `run()` in the extension host, and reports the exit code through `window.codeAutomationExit`.

import { format } from 'node:util';
import { launchBrowser } from './browser.js';
import type { RunningCodeServer } from './codeServer.js';
import { workbenchUrl } from './workbench.js';

/** Log lines of the workbench itself that say nothing about the tests. */
const WORKBENCH_NOISE =
  /open-vsx|ENOTFOUND|CodeExpectedError|^\s+at |^(Resolving|Resolved) connection token|^Creat(ing a socket|ion of workbench)|^Updating additional|^\[Service Worker\]|^ChatSessionStore/;

export interface ExtensionHostRun {
  readonly exitCode: number;
  readonly output: string;
}

export async function runExtensionHostTests(server: RunningCodeServer, opts: {
  extensionPath: string;
  testsPath: string;
  timeoutMs?: number;
}): Promise<ExtensionHostRun> {
  const run = await launchBrowser();
  const lines: string[] = [];
  try {
    const { page } = run;
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      // Drop the workbench's own noise (gallery lookups, stack frames of harmless errors).
      if (!WORKBENCH_NOISE.test(line)) lines.push(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    // VS Code builds newer than 1.100 honour the payload only with the smoke-test driver enabled; code-server has no
    // flag for it, so patch the configuration the page reads (harmless on 1.100).
    // (A string, because it runs in the page, not in Node.)
    await page.addInitScript(`{
      const original = Element.prototype.getAttribute;
      Element.prototype.getAttribute = function (name) {
        const value = original.call(this, name);
        if (name === 'data-settings' && this.id === 'vscode-workbench-web-configuration' && value) {
          const config = JSON.parse(value);
          config.developmentOptions = Object.assign({}, config.developmentOptions, { enableSmokeTestDriver: true });
          return JSON.stringify(config);
        }
        return value;
      };
    }`);
    const authority = new URL(server.url).host;
    await page.goto(workbenchUrl(server.url, server.workspaceDir, [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${opts.extensionPath}`],
      ['extensionTestsPath', `vscode-remote://${authority}${opts.testsPath}`],
    ]));
    const timeoutMs = opts.timeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const exitCode = await Promise.race([
      exited,
      new Promise<number>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the extension host tests did not finish within ${timeoutMs} ms:\n${lines.join('\n')}`)), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
    return { exitCode, output: lines.join('\n') };
  } finally {
    await run.close();
  }
}
