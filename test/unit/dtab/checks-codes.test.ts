// Every diagnostic code the dtab engine emits is in the catalogue (checks-codes.ts), and every catalogued code is
// shown by a check fixture or by one of the generated inputs below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DTAB_CODES } from '../../../server/src/core/dtab/checks-codes.js';
import { checkDtab } from '../../../server/src/core/dtab/checks.js';
import { parseDtab } from '../../../server/src/core/dtab/parse.js';
import { loadCheckCases } from './checks-fixtures.js';

// The project compiles to CommonJS, so __dirname is defined under tsx.
const engineDir = join(__dirname, '..', '..', '..', 'server', 'src', 'core', 'dtab');

test('codes used by the dtab engine are all in the catalogue', () => {
  const used = new Set<string>();
  for (const f of readdirSync(engineDir).filter((f) => f.endsWith('.ts') && f !== 'checks-codes.ts')) {
    for (const m of readFileSync(join(engineDir, f), 'utf8').matchAll(/'(dtab\/[a-z-]+)'/g)) used.add(m[1]!);
  }
  for (const c of used) assert.ok(c in DTAB_CODES, `${c} is not in checks-codes.ts`);
});

test('every catalogued code is shown by a fixture or a generated input', () => {
  const covered = new Set(
    loadCheckCases(join(__dirname, '../../fixtures/checks')).flatMap((c) => c.expected.map((e) => e.code)),
  );
  // A chain longer than the depth limit is too long to write in a fixture.
  const chain = Array.from({ length: 120 }, (_, i) => `/p${i} => /p${i + 1}`).join(';');
  for (const d of checkDtab(parseDtab(chain))) covered.add(d.code);
  covered.add('dtab/internal-error'); // only raised when a check itself throws (a bug), so no input can show it
  for (const c of Object.keys(DTAB_CODES)) assert.ok(covered.has(c), `no fixture shows ${c}`);
});
