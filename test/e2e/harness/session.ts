// One UI test session: the local namerd (seeded from the sample workspace's namerd.yaml), a code-server with the
// packaged extension and a user setting pointing at that namerd, and a browser on the workbench. A test file calls
// `startUiSession` in `before` and `session.close()` in `after`, then drives `session.page` with workbench.ts.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, type RunningBrowser } from './browser.js';
import { startCodeServer, type RunningCodeServer } from './codeServer.js';
import { startNamerd, type RunningNamerd } from './localNamerd.js';
import { FIXTURE_WORKSPACE } from './paths.js';
import { dismissWidgets, openWorkbench } from './workbench.js';

export interface UiSession {
  readonly page: Page;
  readonly namerd: RunningNamerd;
  readonly server: RunningCodeServer;
  readonly browser: RunningBrowser;
  /** Runs one step; on failure saves `<prefix>-<name>-FAILED.png` and prints the extension host log tail. */
  step(name: string, body: () => Promise<void>): Promise<void>;
  /** Saves `test-artifacts/<prefix>-<name>.png`. */
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface UiSessionOptions {
  /** Run folder name and screenshot prefix, e.g. `ui` or `namespaces`. */
  readonly tag: string;
  /** Files added to the copy of the sample workspace (relative path → content). */
  readonly extraFiles?: Readonly<Record<string, string>>;
  /** More user settings; the namerd endpoint `local` (the default endpoint) is always set. */
  readonly userSettings?: Readonly<Record<string, unknown>>;
  /** A file the explorer must list before the session counts as ready. */
  readonly expectFile?: string;
}

export async function startUiSession(opts: UiSessionOptions): Promise<UiSession> {
  const stops: Array<() => Promise<void>> = [];
  const close = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const namerd = await startNamerd(join(FIXTURE_WORKSPACE, 'namerd.yaml'), { cwd: FIXTURE_WORKSPACE });
    stops.push(() => namerd.stop());
    const server = await startCodeServer({
      tag: opts.tag,
      workspace: FIXTURE_WORKSPACE,
      extraFiles: opts.extraFiles,
      userSettings: {
        'dtab.namerd.endpoints': { local: { url: namerd.url } },
        'dtab.namerd.defaultEndpoint': 'local',
        ...opts.userSettings,
      },
    });
    stops.push(() => server.stop());
    const browser = await launchBrowser();
    stops.push(() => browser.close());
    const page = browser.page;
    await openWorkbench(page, server.url, server.workspaceDir, opts.expectFile ?? 'routing.dtab');
    const shot = (name: string): Promise<string> => screenshot(page, `${opts.tag}-${name}`);
    await shot('00-workbench');
    return {
      page,
      namerd,
      server,
      browser,
      shot,
      close,
      async step(name, body) {
        try {
          await dismissWidgets(page);
          await body();
        } catch (e) {
          await shot(`${name}-FAILED`).catch(() => undefined);
          console.log(server.extensionHostLogs().slice(-4000));
          throw e;
        }
      },
    };
  } catch (e) {
    await close();
    throw e;
  }
}
