// Debian chromium driven by playwright-core (which downloads no browser of its own). Playwright starts chromium in
// its own process group; the harness finds that group through the profile folder on its command line and records
// it like the servers', so a crashed test run cannot leave a browser behind.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ARTIFACTS_DIR, CHROMIUM, E2E_DIR } from './paths.js';
import { delay, forgetGroup, killGroup, recordGroup } from './processes.js';

// Flags that stop Chromium's own network chatter (nothing but 127.0.0.1 is reachable anyway).
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

export interface RunningBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors the page logged (for failure reports). */
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

/** The process group leader whose command line names `profileDir` (chromium's main process). */
function findBrowserGroup(profileDir: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes(`--user-data-dir=${profileDir}`)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pgid = Number(fields[2]);
      if (pgid === Number(entry)) return pgid;
    } catch {
      // the process went away while we looked
    }
  }
  return undefined;
}

export async function launchBrowser(opts: { viewport?: { width: number; height: number } } = {}): Promise<RunningBrowser> {
  mkdirSync(join(E2E_DIR, 'chromium'), { recursive: true });
  const profileDir = mkdtempSync(join(E2E_DIR, 'chromium', 'profile-'));
  let context: BrowserContext | undefined;
  let group: number | undefined;
  const close = async (): Promise<void> => {
    // Closing the browser properly lets code-server drop the window's extension host at once (a vanished browser
    // makes it wait hours for a reconnection); the group kill is the backstop when that hangs.
    if (context) await Promise.race([context.close().catch(() => undefined), delay(10_000)]);
    if (group !== undefined) {
      killGroup(group, 'SIGKILL');
      forgetGroup(group);
    }
    rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: opts.viewport ?? { width: 1400, height: 900 },
    });
    group = findBrowserGroup(profileDir);
    if (group !== undefined) recordGroup(group, 'chromium');
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    return { context, page, consoleErrors, close };
  } catch (e) {
    await close();
    throw e;
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
