// What a user sees, in the real VS Code workbench (code-server 4.100.3) with the packaged .vsix installed, driven
// by Debian chromium through playwright-core. One session (local namerd, code-server, browser) serves all the
// steps; each step saves a screenshot in test-artifacts/ (and a -FAILED one when it fails).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startUiSession, type UiSession } from './harness/session.js';
import {
  activeEditor, completion, goTo, hoverAt, openFile, problems, problemsOf, renameAt, runCommand,
  waitForEditorText,
} from './harness/workbench.js';

let session: UiSession | undefined;
const page = () => session!.page;
const step = (name: string, body: () => Promise<void>) => session!.step(name, body);

before(async () => {
  session = await startUiSession({
    tag: 'ui',
    extraFiles: {
      'scratch.dtab': '/svc => /srv;\n',
      'format-me.dtab': '/a=>/b;/longer=>/c & /d;\n',
    },
  });
});

after(async () => {
  await session?.close();
});

test('a planted error in a .dtab file shows a squiggle and a Problems entry', { timeout: 90_000 }, () =>
  step('01-dtab-diagnostic', async () => {
    await openFile(page(), 'with-errors/broken.dtab');
    await activeEditor(page()).locator('.squiggly-error').first().waitFor();
    const rows = await problems(page(), (r) => r.some((row) => row.includes('dtab/syntax')));
    console.log('problems:', JSON.stringify(rows));
    await session!.shot('01-dtab-diagnostic');
  }));

test('completion after /$/ lists the namers', { timeout: 60_000 }, () =>
  step('02-completion', async () => {
    await openFile(page(), 'scratch.dtab');
    await goTo(page(), 2, 1);
    await page().keyboard.type('/x => /$/');
    const items = await completion(page(), 'inet');
    console.log('suggestions:', JSON.stringify(items));
    assert.ok(items.some((i) => i.includes('io.buoyant')), 'the io.buoyant namers are offered too');
    await session!.shot('02-completion');
    await page().keyboard.press('Escape');
  }));

test('hover on a path shows how it delegates', { timeout: 60_000 }, () =>
  step('03-hover', async () => {
    await openFile(page(), 'routing.dtab');
    const text = await hoverAt(page(), 4, 3, /Delegation of/); // on "svc" in "/svc/users"
    console.log('hover:', JSON.stringify(text.slice(0, 400)));
    assert.match(text, /\/srv\/users/);
    await session!.shot('03-hover');
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
    await session!.shot('04-format');
  }));

test('Rename Symbol on a prefix renames it everywhere', { timeout: 60_000 }, () =>
  step('05-rename', async () => {
    await openFile(page(), 'routing.dtab');
    await renameAt(page(), 2, 3, 'backend'); // on "srv" in the prefix "/srv"
    const lines = await waitForEditorText(page(), 'the renamed prefix', (l) => l.some((x) => x.startsWith('/backend ')));
    assert.ok(lines.some((l) => l.includes('/backend/users')), 'destinations under the prefix are renamed too');
    assert.ok(!lines.some((l) => /\/srv\b/.test(l)), 'no /srv is left');
    await session!.shot('05-rename');
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
    await session!.shot('06-config-diagnostics');
  }));

test('the language status item and the output channel show the server', { timeout: 60_000 }, () =>
  step('07-status-and-output', async () => {
    await openFile(page(), 'routing.dtab');
    // The {} entry of the status bar lists the language status items of the active editor's language.
    await page().locator('[id="status.languageStatus"]').click();
    const item = page().locator('.hover-language-status', { hasText: 'last check' }).first();
    await item.waitFor();
    const text = await item.innerText();
    console.log('language status:', JSON.stringify(text));
    assert.match(text, /Dtab/);
    assert.match(text, /\(dtab, /, 'the item describes the file in the active editor');
    await session!.shot('07a-language-status');
    await page().keyboard.press('Escape');
    await runCommand(page(), 'Dtab: Show Language Server Output');
    await page().locator('.part.panel .monaco-select-box', { hasText: 'Linkerd Dtab' }).first().waitFor();
    await page().locator('.part.panel .view-lines', { hasText: 'language server running' }).first().waitFor();
    await session!.shot('07b-output');
  }));

test('a dtab embedded in linkerd.yaml gets the dtab grammar (TextMate injection)', { timeout: 60_000 }, () =>
  step('08-yaml-injection', async () => {
    await openFile(page(), 'linkerd.yaml');
    await goTo(page(), 15, 6); // on "srv" in "    /srv => /#/io.l5d.fs;" of the router's dtab block
    await runCommand(page(), 'Developer: Inspect Editor Tokens and Scopes');
    const widget = page().locator('.token-inspect-widget', { hasText: /textmate scopes/i }).first();
    await widget.waitFor();
    const text = await widget.innerText();
    console.log('token scopes:', JSON.stringify(text.slice(0, 600)));
    assert.match(text, /entity\.name\.type\.prefix\.dtab/);
    assert.match(text, /meta\.embedded\.block\.dtab/);
    await session!.shot('08-yaml-injection');
    await page().keyboard.press('Escape');
  }));
