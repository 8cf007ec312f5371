// Every config diagnostic code is documented, and every documented code is exercised by a broken-config fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_CODES } from '../../../server/src/core/config/codes.js';
import { loadBrokenFixtures } from './fixtures.js';
import { CROSS_FILE_CASES } from './cross-file-cases.js';

test('codes used in the config checks are all in the catalogue', () => {
  const dir = join(__dirname, '..', '..', '..', 'server', 'src', 'core', 'config');
  const used = new Set<string>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'codes.ts')) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/'(config\/[a-z-]+)'/g)) used.add(m[1]!);
  }
  for (const c of used) assert.ok(c in CONFIG_CODES, `${c} is not in codes.ts`);
});

test('every catalogued code has a broken-config fixture', () => {
  const covered = new Set(loadBrokenFixtures().map((f) => f.code));
  covered.add('config/internal-error'); // only raised when the dtab engine itself throws (a bug), so no fixture can show it
  // The cross-file rule needs a namerd config beside the linkerd one: its cases are in cross-file-cases.ts.
  for (const c of CROSS_FILE_CASES) if (c.code) covered.add(c.code);
  for (const c of Object.keys(CONFIG_CODES)) assert.ok(covered.has(c), `no fixture for ${c}`);
});
