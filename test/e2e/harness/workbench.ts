// Helpers that drive the VS Code workbench UI like a user (keys, clicks) and read what it shows.
// Selectors are the ones verified on VS Code 1.100 (shared spec vscode-e2e.md §4). Every wait is on a selector or
// a condition, never a fixed sleep.

import type { Locator, Page } from 'playwright-core';
import { delay } from './processes.js';

export function workbenchUrl(base: string, folder: string, payload?: ReadonlyArray<readonly [string, string]>): string {
  let url = `${base}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Opens the workbench on `folder` and waits until the explorer lists `expectFile`. */
export async function openWorkbench(page: Page, base: string, folder: string, expectFile: string): Promise<void> {
  await page.goto(workbenchUrl(base, folder));
  await page.waitForSelector('.monaco-workbench');
  await page.waitForSelector(`.explorer-folders-view .monaco-list-row >> text=${expectFile}`);
}

/** Opens a workspace file through Quick Open (clicking the result row: pressing Enter too early is flaky). */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const name = relativePath.split('/').pop()!;
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(relativePath);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
  await row.waitFor();
  await row.click();
  await page.waitForSelector(`.tabs-container .tab.active >> text=${name}`);
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
}

export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** The text of the active editor's rendered lines, top to bottom (enough for the small files the tests use). */
export async function editorLines(page: Page): Promise<string[]> {
  return activeEditor(page).locator('.view-lines .view-line').evaluateAll((nodes) =>
    nodes
      .map((n) => ({ top: parseFloat((n as unknown as { style: { top: string } }).style.top || '0'), text: (n.textContent ?? '').replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text),
  );
}

export async function waitForEditorText(page: Page, what: string, check: (lines: string[]) => boolean, timeoutMs = 20_000): Promise<string[]> {
  const start = Date.now();
  let lines: string[] = [];
  while (Date.now() - start < timeoutMs) {
    lines = await editorLines(page);
    if (check(lines)) return lines;
    await delay(100);
  }
  throw new Error(`timed out waiting for ${what}; the editor shows:\n${lines.join('\n')}`);
}

/** Moves the cursor with Go to Line (Ctrl+G), 1-based like the status bar. */
export async function goTo(page: Page, line: number, column = 1): Promise<void> {
  await activeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden' });
}

/** Runs a command from the Command Palette by its title (e.g. "Dtab: Restart Language Server"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(title);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens the Problems panel and returns its rows once `check` accepts them. */
export async function problems(page: Page, check: (rows: string[]) => boolean, timeoutMs = 30_000): Promise<string[]> {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel');
  const start = Date.now();
  let rows: string[] = [];
  while (Date.now() - start < timeoutMs) {
    rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    if (check(rows)) return rows;
    await delay(150);
  }
  throw new Error(`timed out waiting for the Problems panel; it shows:\n${rows.join('\n---\n')}`);
}

/** The markers the Problems panel lists under the file `fileName` (its rows are file headers, then markers). */
export function problemsOf(rows: readonly string[], fileName: string): string[] {
  const out: string[] = [];
  let inFile = false;
  for (const row of rows) {
    // A header row reads "<name><folder>\n<count>"; a marker row ends with its position.
    if (/\[Ln \d+, Col \d+\]/.test(row)) {
      if (inFile) out.push(row);
    } else inFile = row.startsWith(fileName);
  }
  return out;
}

/** Renames the symbol at a position (1-based) with F2, typing `newName` into the rename box. */
export async function renameAt(page: Page, line: number, column: number, newName: string): Promise<void> {
  await goTo(page, line, column);
  await page.keyboard.press('F2');
  await page.locator('.rename-box input').first().waitFor();
  // The box opens with the old name selected; wait until it has the keyboard, or the typing goes to the editor.
  await page.waitForFunction("document.activeElement?.closest('.rename-box') != null");
  await page.keyboard.type(newName);
  await page.keyboard.press('Enter');
  await page.waitForFunction("document.activeElement?.closest('.rename-box') == null");
}

/** Triggers suggestions at the cursor and returns the rows once one contains `expect`. */
export async function completion(page: Page, expect: string): Promise<string[]> {
  await page.keyboard.press('Control+Space');
  await page.locator('.suggest-widget.visible .monaco-list-row', { hasText: expect }).first().waitFor();
  return page.locator('.suggest-widget.visible .monaco-list-row').allInnerTexts();
}

/**
 * Shows the hover at a position (1-based) with the keyboard (Ctrl+K Ctrl+I, "Show or Focus Hover"), which asks the
 * same hover provider as the mouse but does not depend on how the line is split into coloured tokens.
 * Returns the hover's text once it matches `expect`.
 */
export async function hoverAt(page: Page, line: number, column: number, expect: string | RegExp): Promise<string> {
  await goTo(page, line, column);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const content = page.locator('.monaco-hover-content', { hasText: expect }).first();
  await content.waitFor();
  return content.innerText();
}

/** Closes whatever widget, menu or palette a previous step left open. */
export async function dismissWidgets(page: Page): Promise<void> {
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
}

/** Waits for a notification toast containing `text` and returns its text. */
export async function notification(page: Page, text: string | RegExp): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor();
  await delay(400); // the slide-in animation, so that a screenshot shows it
  return toast.innerText();
}

export async function closeAllEditors(page: Page): Promise<void> {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+W');
}

/** Picks the Quick Pick row whose text contains `label` (commands that ask for a choice). */
export async function quickPick(page: Page, label: string | RegExp): Promise<void> {
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor();
  await row.click();
}

/** Answers an input box (e.g. a namespace name) and confirms it with Enter. */
export async function inputBox(page: Page, text: string): Promise<void> {
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Clicks a button of a modal dialog (e.g. a confirmation before a push) and waits until the dialog is gone. */
export async function dialogButton(page: Page, label: string): Promise<void> {
  const button = page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).first();
  await button.waitFor();
  await button.click();
  await page.locator('.monaco-dialog-box').waitFor({ state: 'hidden' });
}

/** Opens a view by its name through "View: Open View" (e.g. a tree view an extension contributes). */
export async function openView(page: Page, name: string): Promise<void> {
  await runCommand(page, 'View: Open View');
  await quickPick(page, name);
  await page.locator('.pane-header', { hasText: name }).first().waitFor();
}

/** The text of the rows of the tree view titled `name` (the view must be open). */
export async function treeRows(page: Page, name: string): Promise<string[]> {
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: name }) }).first();
  return pane.locator('.monaco-list-row').allInnerTexts();
}
