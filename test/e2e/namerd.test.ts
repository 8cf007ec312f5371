// Live namerd in the editor, in the real workbench: the namespaces view, a namerd:// document saved with
// compare-and-set, a push that meets a concurrent change (conflict diff), a blue-green shift through two steps and a
// rollback (progress notification), and the live section of a hover. Talks to the session's local namerd only.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FIXTURE_WORKSPACE } from './harness/paths.js';
import { delay, waitUntil } from './harness/processes.js';
import { startUiSession, type UiSession } from './harness/session.js';
import {
  activeEditor, dialogButton, goTo, hoverAt, inputBox, notification, openFile, openView, quickPick, runCommand, treeRows,
  waitForEditorText,
} from './harness/workbench.js';

const VIEW = 'Namerd Namespaces';
let session: UiSession | undefined;
const page = () => session!.page;
const step = (name: string, body: () => Promise<void>) => session!.step(name, body);

/** namerd's stored dtab (text codec) and version, read directly over HTTP. */
async function stored(namespace: string): Promise<{ text: string; version: string }> {
  const res = await fetch(`${session!.namerd.url}/api/1/dtabs/${namespace}`, { headers: { Accept: 'application/dtab' } });
  assert.equal(res.status, 200);
  return { text: (await res.text()).trimEnd(), version: res.headers.get('etag') ?? '' };
}

/** Answers the input box titled `title` (waiting for it: the previous box may still be closing). */
async function answer(title: string, text: string): Promise<void> {
  await page().locator('.quick-input-widget', { hasText: title }).first().waitFor();
  await inputBox(page(), text);
}

async function put(namespace: string, text: string): Promise<void> {
  const res = await fetch(`${session!.namerd.url}/api/1/dtabs/${namespace}`, { method: 'PUT', headers: { 'Content-Type': 'application/dtab' }, body: text });
  assert.equal(res.status, 204);
}

before(async () => {
  session = await startUiSession({
    tag: 'namerd',
    userSettings: { 'dtab.namerd.namespaceMapping': { 'routing.dtab': 'default' }, 'dtab.namerd.hoverBudgetMs': 3000 },
  });
});

after(async () => {
  await session?.close();
});

test('the namespaces view lists the seeded namespaces', { timeout: 90_000 }, () =>
  step('01-view', async () => {
    await openView(page(), VIEW);
    const rows = await waitUntil('the namespaces', 30_000, async () => {
      const r = await treeRows(page(), VIEW);
      return r.some((x) => x.includes('default')) && r.some((x) => x.includes('staging')) ? r : undefined;
    });
    console.log('view:', JSON.stringify(rows));
    assert.ok(rows.some((r) => r.includes('local')), 'the endpoint is the top row');
    await session!.shot('01-view');
  }));

test('open a namespace, edit, save: namerd has the new version', { timeout: 90_000 }, () =>
  step('02-save', async () => {
    const before = await stored('staging');
    const pane = page().locator('.pane', { has: page().locator('.pane-header', { hasText: VIEW }) }).first();
    await pane.locator('.monaco-list-row', { hasText: 'staging' }).first().click();
    await page().waitForSelector('.tabs-container .tab.active >> text=staging');
    await activeEditor(page()).locator('.view-lines', { hasText: '/svc/users' }).first().waitFor();
    await goTo(page(), 1, 1);
    await page().keyboard.press('Control+End');
    await page().keyboard.press('Enter');
    await page().keyboard.type('/svc/api => /#/io.l5d.fs/api;');
    await page().keyboard.press('Control+S');
    const after = await waitUntil('the saved dtab on namerd', 20_000, async () => {
      const s = await stored('staging');
      return s.text.includes('/svc/api=>/#/io.l5d.fs/api') ? s : undefined;
    });
    console.log('namerd versions:', before.version, '→', after.version);
    assert.notEqual(after.version, before.version);
    assert.ok(after.text.includes('/svc/users=>'), 'the other dentries are kept');
    await session!.shot('02-save');
  }));

test('an open namerd:// document without edits follows namerd (namespace watch)', { timeout: 60_000 }, () =>
  step('02a-follow', async () => {
    const current = await stored('staging');
    await put('staging', current.text + ';/svc/watched=>/#/io.l5d.fs/watched');
    await waitForEditorText(page(), 'the change from namerd', (lines) => lines.some((l) => l.includes('/svc/watched')));
    await session!.shot('02a-follow');
  }));

test('saving a namerd:// document after a concurrent change refuses, then offers the merge diff', { timeout: 90_000 }, () =>
  step('02b-save-conflict', async () => {
    await openView(page(), VIEW);
    const pane = page().locator('.pane', { has: page().locator('.pane-header', { hasText: VIEW }) }).first();
    await pane.locator('.monaco-list-row', { hasText: 'staging' }).first().click();
    await page().waitForSelector('.tabs-container .tab.active >> text=staging');
    await goTo(page(), 1, 1);
    await page().keyboard.press('Control+End');
    await page().keyboard.type('/svc/mine => /#/io.l5d.fs/mine;');
    const theirs = '/svc=>/#/io.l5d.fs;/svc/theirs=>/#/io.l5d.fs/theirs';
    await put('staging', theirs);
    await delay(500); // let the namespace watch deliver the change while the document is dirty
    await page().keyboard.press('Control+S');
    await notification(page(), /changed since you opened it/);
    assert.equal((await stored('staging')).text, theirs, 'their version was not overwritten');
    await session!.shot('02b-save-conflict');
    await page().locator('.notifications-toasts .monaco-button', { hasText: 'Compare and Merge' }).first().click();
    await page().waitForSelector('.tabs-container .tab.active >> text=/staging: namerd \\(theirs/');
    await session!.shot('02c-merge-diff');
    // Having seen theirs, the user saves the merged result (here: theirs plus the new line).
    await page().keyboard.press('Control+S');
    await waitUntil('the merged save', 20_000, async () => ((await stored('staging')).text.includes('/svc/mine=>') ? true : undefined));
  }));

test('a push that meets a concurrent change shows the conflict diff and writes nothing', { timeout: 120_000 }, () =>
  step('03-push-conflict', async () => {
    await runCommand(page(), 'Dtab: Pull Dtab from Namerd');
    await quickPick(page(), 'default');
    await activeEditor(page()).locator('.view-lines', { hasText: 'namerd: endpoint=' }).first().waitFor();
    // The pulled file is based on the current version; someone else changes the namespace now.
    const theirs = '/svc=>/#/io.l5d.fs;/svc/web=>/#/io.l5d.fs/web-fallback';
    await put('default', theirs);
    await page().keyboard.press('Control+End');
    await page().keyboard.press('Enter');
    await page().keyboard.type('/svc/api => /#/io.l5d.fs/api;');
    await runCommand(page(), 'Dtab: Push Dtab to Namerd');
    await page().waitForSelector('.tabs-container .tab.active >> text=/Conflict: namerd/');
    await notification(page(), /changed on namerd since the file was pulled/);
    assert.equal((await stored('default')).text, theirs, 'namerd still has their version');
    await session!.shot('03-push-conflict');
  }));

test('a blue-green shift through two steps, then a rollback, with the progress notification', { timeout: 180_000 }, () =>
  step('04-shift', async () => {
    const original = '/#/io.l5d.fs/web-fallback';
    await runCommand(page(), 'Dtab: Start Blue-Green Shift');
    await quickPick(page(), 'default');
    await quickPick(page(), '/svc/web');
    await answer('Blue', ''); // the current destination, prefilled
    await answer('Green', '/#/io.l5d.fs/web');
    await answer('Steps', '50,100'); // replaces the prefilled (selected) default
    await answer('Between steps', '3s');
    await quickPick(page(), 'green');
    await dialogButton(page(), 'Start Shift');
    const progress = await notification(page(), /50% green/);
    console.log('progress:', JSON.stringify(progress));
    await session!.shot('04a-shift-progress');
    await waitUntil('the first step on namerd', 20_000, async () => ((await stored('default')).text.includes('/#/io.l5d.fs/web & /#/io.l5d.fs/web-fallback') ? true : undefined));
    await waitUntil('the shift to complete', 30_000, async () => ((await stored('default')).text.endsWith('/svc/web=>/#/io.l5d.fs/web') ? true : undefined));
    await notification(page(), /100% green.*completed/);
    await session!.shot('04b-shift-completed');
    await runCommand(page(), 'Dtab: Roll Back Blue-Green Shift');
    await quickPick(page(), 'default');
    await waitUntil('the rollback on namerd', 20_000, async () => ((await stored('default')).text.endsWith(`/svc/web=>${original}`) ? true : undefined));
    await notification(page(), /rolled-back/);
    await session!.shot('04c-shift-rolled-back');
  }));

test('hover shows the live namerd resolution next to the local one', { timeout: 90_000 }, () =>
  step('05-live-hover', async () => {
    await openFile(page(), 'routing.dtab');
    await delay(500);
    // The language server's local section and this live one come from two hover providers, shown together. A hover
    // shown while the language server is still starting has only the live part and never gains the local one, so
    // hover again until both are there.
    const text = await waitUntil('the local section next to the live one', 45_000, async () => {
      await page().keyboard.press('Escape');
      const live = await hoverAt(page(), 5, 3, /namerd `?local`? \/ `?default/); // on "svc" in "/svc/web"
      const local = await waitUntil('the local section', 3_000, async () =>
        (await page().locator('.monaco-hover-content').allInnerTexts()).some((t) => t.includes('Delegation of')) ? true : undefined,
      ).catch(() => undefined);
      return local ? live : undefined;
    });
    console.log('hover:', JSON.stringify(text.slice(0, 600)));
    assert.match(text, /127\.0\.0\.1:80[0-9]{2}/, 'leaf addresses from namerd');
    await page().locator('.monaco-hover-content p', { hasText: /namerd local/ }).first().scrollIntoViewIfNeeded();
    await session!.shot('05-live-hover');
    await page().keyboard.press('Escape');
    // The namerd status item: the file is mapped to local/default, whose dtab differs from the file's.
    await page().locator('[id="status.languageStatus"]').click();
    const item = page().locator('.hover-language-status', { hasText: 'namerd: local/default' }).first();
    await item.waitFor();
    await page().locator('.hover-language-status', { hasText: /differs from namerd version/ }).first().waitFor();
    console.log('namerd status:', JSON.stringify(await item.innerText()));
    await session!.shot('05b-namerd-status');
    await page().keyboard.press('Escape');
  }));

test('hover inside namerd.yaml: a namespace value shows the live section of the namespace named by its key', { timeout: 90_000 }, () =>
  step('05c-live-hover-yaml', async () => {
    // On "users" in `9 * /#/io.l5d.fs/users` under `staging:` (1-based line and column, from the fixture itself).
    const lines = readFileSync(join(FIXTURE_WORKSPACE, 'namerd.yaml'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('/svc/users => 9 * /#/io.l5d.fs/users'));
    assert.ok(line >= 0, 'the fixture has the staging split');
    await openFile(page(), 'namerd.yaml');
    await delay(500);
    const text = await hoverAt(page(), line + 1, lines[line]!.indexOf('/users &') + 3, /namerd `?local`? \/ `?staging/);
    console.log('yaml hover:', JSON.stringify(text.slice(0, 600)));
    assert.match(text, /\/#\/io\.l5d\.fs\/users/, 'the hovered path');
    assert.match(text, /127\.0\.0\.1:808[12]/, 'leaf addresses from namerd');
    await page().locator('.monaco-hover-content p', { hasText: /namerd local/ }).first().scrollIntoViewIfNeeded();
    await session!.shot('05c-live-hover-yaml');
    await page().keyboard.press('Escape');
  }));

test('a shift interrupted by a window reload is offered for resumption and completes', { timeout: 180_000 }, () =>
  step('06-shift-resume', async () => {
    await runCommand(page(), 'Dtab: Start Blue-Green Shift');
    await quickPick(page(), 'default');
    await quickPick(page(), '/svc/web');
    await answer('Blue', '');
    await answer('Green', '/#/io.l5d.fs/web');
    await answer('Steps', '50,100');
    await answer('Between steps', '10s');
    await quickPick(page(), 'green');
    await dialogButton(page(), 'Start Shift');
    await notification(page(), /50% green/);
    await runCommand(page(), 'Developer: Reload Window');
    await page().waitForSelector('.monaco-workbench');
    const offer = await notification(page(), /was interrupted at step 1\/2/);
    console.log('offer:', JSON.stringify(offer));
    await session!.shot('06a-resume-offer');
    await page().locator('.notifications-toasts .monaco-button', { hasText: 'Resume' }).first().click();
    await waitUntil('the resumed shift to complete', 60_000, async () => ((await stored('default')).text.endsWith('/svc/web=>/#/io.l5d.fs/web') ? true : undefined));
    await notification(page(), /100% green.*completed/);
    await session!.shot('06b-resumed-completed');
  }));

test('create a namespace, see it in the view, delete it from the context menu with confirmation', { timeout: 90_000 }, () =>
  step('07-create-delete', async () => {
    await runCommand(page(), 'Dtab: Create Namerd Namespace');
    await answer('New namespace', 'canary');
    await answer('Initial dtab', ''); // accept the prefilled initial dtab
    await page().waitForSelector('.tabs-container .tab.active >> text=canary');
    assert.equal((await stored('canary')).text, '/svc=>/#/io.l5d.fs');
    await openView(page(), VIEW);
    const pane = page().locator('.pane', { has: page().locator('.pane-header', { hasText: VIEW }) }).first();
    const row = pane.locator('.monaco-list-row', { hasText: 'canary' }).first();
    await row.waitFor();
    await session!.shot('07a-created');
    await row.click({ button: 'right' });
    // The context menu acts on a fresh mouse-up over its item; hovering it and pressing Enter is reliable.
    await page().locator('.context-view .action-label', { hasText: 'Delete Namerd Namespace' }).first().hover();
    await page().keyboard.press('Enter');
    await dialogButton(page(), 'Delete');
    await waitUntil('the namespace to be gone', 20_000, async () => {
      const res = await fetch(`${session!.namerd.url}/api/1/dtabs/canary`);
      return res.status === 404 ? true : undefined;
    });
    await waitUntil('the view to drop it', 20_000, async () => ((await treeRows(page(), VIEW)).some((r) => r.includes('canary')) ? undefined : true));
    await session!.shot('07b-deleted');
  }));

test('cross-service failover turns a dentry into primary | fallback', { timeout: 90_000 }, () =>
  step('08-failover', async () => {
    await runCommand(page(), 'Dtab: Add Cross-Service Failover');
    await quickPick(page(), 'default');
    await quickPick(page(), '/svc/web');
    await answer('Fallback destination', '/$/inet/127.1/9990');
    await dialogButton(page(), 'Apply');
    await waitUntil('the failover on namerd', 20_000, async () =>
      ((await stored('default')).text.endsWith('/svc/web=>/#/io.l5d.fs/web | /$/inet/127.1/9990') ? true : undefined));
    await notification(page(), /now falls back to/);
    await session!.shot('08-failover');
  }));

test('cancelling the progress notification pauses a shift; Roll Back from the pause notice restores blue', { timeout: 120_000 }, () =>
  step('09-pause-rollback', async () => {
    const before = await stored('default');
    await runCommand(page(), 'Dtab: Start Blue-Green Shift');
    await quickPick(page(), 'default');
    await quickPick(page(), '/svc/web');
    await answer('Blue', '');
    await answer('Green', '/#/io.l5d.fs/web-fallback');
    await answer('Steps', '25,100');
    await answer('Between steps', '5m');
    await quickPick(page(), 'green');
    await dialogButton(page(), 'Start Shift');
    const toast = page().locator('.notifications-toasts .notification-toast', { hasText: /25% green/ }).first();
    await toast.waitFor();
    await toast.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
    await notification(page(), /paused: paused on request/);
    assert.match((await stored('default')).text, /\/svc\/web=>\/#\/io\.l5d\.fs\/web-fallback & 3\.00\*/, 'the first step stays while paused');
    await session!.shot('09a-paused');
    await page().locator('.notifications-toasts .monaco-button', { hasText: 'Roll Back' }).first().click();
    await waitUntil('the rollback', 20_000, async () => ((await stored('default')).text === before.text ? true : undefined));
    await notification(page(), /rolled-back/);
    // The namespace's shift history is in the view, under the namespace.
    await openView(page(), VIEW);
    const pane = page().locator('.pane', { has: page().locator('.pane-header', { hasText: VIEW }) }).first();
    await pane.locator('.monaco-list-row', { hasText: 'default' }).first().locator('.monaco-tl-twistie').click();
    await pane.locator('.monaco-list-row', { hasText: 'Shift history' }).first().locator('.monaco-tl-twistie').click();
    await pane.locator('.monaco-list-row', { hasText: /\/svc\/web: rolled-back/ }).first().waitFor();
    await session!.shot('09b-rolled-back');
  }));
