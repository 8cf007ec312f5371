// The README packaged in the .vsix (client/README.md) stays in step with package.json: every contributed command
// is listed with its id and title, and the settings table names exactly the contributed settings.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string }[]; configuration: { properties: Record<string, unknown> } };
};
const readme = readFileSync(join(root, 'client', 'README.md'), 'utf8');

/** The rows of the Markdown table that follows `heading`, as cells. */
function tableAfter(heading: string): string[][] {
  const lines = readme.slice(readme.indexOf(heading)).split('\n');
  const end = lines.findIndex((l, i) => i > 0 && l.startsWith('## '));
  const rows = lines.slice(0, end < 0 ? undefined : end).filter((l) => l.startsWith('|'));
  assert.ok(rows.length > 2, `no table after ${heading}`);
  // Skip the header and the --- row; a `\|` inside a cell is not a separator.
  return rows.slice(2).map((l) => l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim()));
}

test('client README: every contributed command has a row with its id, title and a description', () => {
  const rows = tableAfter('## Commands');
  const byId = new Map(rows.map((r) => [r[0]!.replace(/`/g, ''), r]));
  for (const c of pkg.contributes.commands) {
    const row = byId.get(c.command);
    assert.ok(row, `${c.command} is missing from the README's command table`);
    assert.equal(row[1], c.title, c.command);
    assert.ok((row[2] ?? '').length > 10, `${c.command} has no description`);
  }
  assert.equal(rows.length, pkg.contributes.commands.length, 'the table lists a command package.json does not contribute');
});

test('client README: the settings table names exactly the contributed settings', () => {
  const listed = tableAfter('## Settings').map((r) => r[0]!.replace(/`/g, ''));
  assert.deepEqual([...listed].sort(), Object.keys(pkg.contributes.configuration.properties).sort());
});
