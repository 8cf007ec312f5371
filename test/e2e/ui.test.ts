// What a user sees, in the real VS Code workbench (code-server 4.100.3) with the packaged .vsix installed, driven
// by Debian chromium through playwright-core. One code-server, browser and local namerd serve all the steps; each
// step saves a screenshot in test-artifacts/ (and a -FAILED one when it fails).

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, screenshot, type RunningBrowser } from './harness/browser.js';
import { startCodeServer, type RunningCodeServer } from './harness/codeServer.js';
import { startNamerd, type RunningNamerd } from './harness/localNamerd.js';
import { FIXTURE_WORKSPACE } from './harness/paths.js';
import {
  activeEditor, completion, dismissWidgets, goTo, hoverAt, openFile, openWorkbench, problems, problemsOf, renameAt, runCommand,
  waitForEditorText,
} from './harness/workbench.js';

let namerd: RunningNamerd | undefined;
let server: RunningCodeServer | undefined;
let browser: RunningBrowser | undefined;

const page = () => browser!.page;

/** Runs one UI step; on failure saves a screenshot and the extension host log tail before rethrowing. */
async function step(name: string, body: () => Promise<void>): Promise<void> {
  try {
    if (browser) await dismissWidgets(page());
    await body();
  } catch (e) {
    if (browser) await screenshot(page(), `ui-${name}-FAILED`).catch(() => undefined);
    if (server) console.log(server.extensionHostLogs().slice(-4000));
    throw e;
  }
}

before(async () => {
  namerd = await startNamerd(join(FIXTURE_WORKSPACE, 'namerd.yaml'), { cwd: FIXTURE_WORKSPACE });
  server = await startCodeServer({
    tag: 'ui',
    workspace: FIXTURE_WORKSPACE,
    extraFiles: {
      'scratch.dtab': '/svc => /srv;\n',
      'format-me.dtab': '/a=>/b;/longer=>/c & /d;\n',
    },
    userSettings: {
      'dtab.namerd.endpoints': { local: { url: namerd.url } },
      'dtab.namerd.defaultEndpoint': 'local',
    },
  });
  browser = await launchBrowser();
  await openWorkbench(page(), server.url, server.workspaceDir, 'routing.dtab');
  await screenshot(page(), 'ui-00-workbench');
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await namerd?.stop();
});

test('a planted error in a .dtab file shows a squiggle and a Problems entry', { timeout: 90_000 }, () =>
  step('01-dtab-diagnostic', async () => {
    await openFile(page(), 'with-errors/broken.dtab');
    await activeEditor(page()).locator('.squiggly-error').first().waitFor();
    const rows = await problems(page(), (r) => r.some((row) => row.includes('dtab/syntax')));
    console.log('problems:', JSON.stringify(rows));
    await screenshot(page(), 'ui-01-dtab-diagnostic');
  }));

test('completion after /$/ lists the namers', { timeout: 60_000 }, () =>
  step('02-completion', async () => {
    await openFile(page(), 'scratch.dtab');
    await goTo(page(), 2, 1);
    await page().keyboard.type('/x => /$/');
    const items = await completion(page(), 'inet');
    console.log('suggestions:', JSON.stringify(items));
    assert.ok(items.some((i) => i.includes('io.buoyant')), 'the io.buoyant namers are offered too');
    await screenshot(page(), 'ui-02-completion');
    await page().keyboard.press('Escape');
  }));

test('hover on a path shows how it delegates', { timeout: 60_000 }, () =>
  step('03-hover', async () => {
    await openFile(page(), 'routing.dtab');
    const text = await hoverAt(page(), 4, 3, /Delegation of/); // on "svc" in "/svc/users"
    console.log('hover:', JSON.stringify(text.slice(0, 400)));
    assert.match(text, /\/srv\/users/);
    await screenshot(page(), 'ui-03-hover');
    await page().mouse.move(5, 5);
  }));

test('Format Document puts one dentry per line with aligned arrows', { timeout: 60_000 }, () =>
  step('04-format', async () => {
    await openFile(page(), 'format-me.dtab');
    await runCommand(page(), 'Format Document');
    const lines = await waitForEditorText(page(), 'the formatted dtab', (l) => l.filter((x) => x.includes('=>')).length === 2);
    console.log('formatted:', JSON.stringify(lines));
    const dentries = lines.filter((l) => l.includes('=>'));
    assert.equal(dentries[0]!.indexOf('=>'), dentries[1]!.indexOf('=>'), 'the arrows are aligned');
    await screenshot(page(), 'ui-04-format');
  }));

test('Rename Symbol on a prefix renames it everywhere', { timeout: 60_000 }, () =>
  step('05-rename', async () => {
    await openFile(page(), 'routing.dtab');
    await renameAt(page(), 2, 3, 'backend'); // on "srv" in the prefix "/srv"
    const lines = await waitForEditorText(page(), 'the renamed prefix', (l) => l.some((x) => x.startsWith('/backend ')));
    assert.ok(lines.some((l) => l.includes('/backend/users')), 'destinations under the prefix are renamed too');
    assert.ok(!lines.some((l) => /\/srv\b/.test(l)), 'no /srv is left');
    await screenshot(page(), 'ui-05-rename');
  }));

test('a linkerd.yaml with an unknown key and a bad embedded dtab gets both diagnostics', { timeout: 60_000 }, () =>
  step('06-config-diagnostics', async () => {
    await openFile(page(), 'with-errors/linkerd-broken.yaml');
    await activeEditor(page()).locator('.squiggly-error, .squiggly-warning').first().waitFor();
    const rows = await problems(page(), (r) => {
      const markers = problemsOf(r, 'linkerd-broken.yaml');
      return markers.some((m) => m.includes('config/unknown-key')) && markers.some((m) => m.includes('dtab/syntax'));
    });
    console.log('problems:', JSON.stringify(problemsOf(rows, 'linkerd-broken.yaml')));
    await screenshot(page(), 'ui-06-config-diagnostics');
  }));
