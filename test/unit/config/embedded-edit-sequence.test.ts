// A router's dtab edited again and again: the first check of each dtab remembers nothing, the edits after it use the
// checker's memo (a site whose dtab changed). Every analysis must equal a cold one, whatever was remembered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeConfig } from '../../../server/src/core/config/analyze.js';
import { clearDtabCache } from '../../../server/src/core/config/embedded.js';

const router = (label: string, dtab: string, port: number): string =>
  `- protocol: http\n  label: ${label}\n  dtab: |\n${dtab.split('\n').map((l) => `    ${l}`).join('\n')}\n  servers:\n  - port: ${port}\n`;

const config = (a: string, b: string): string =>
  `namers:\n- kind: io.l5d.fs\n  rootDir: d\nrouters:\n${router('a', a, 4140)}${router('b', b, 4141)}`;

const B = '/svc => /#/io.l5d.fs;\n/host => 0.5 * /svc/x & 0.5 * /$/inet/127.1/80;\n/bad => /#/io.l5d.nope;';
// Each step changes router a's dtab: dentries added, broken, duplicated, moved, fixed again.
const steps = [
  '/svc => /#/io.l5d.fs;\n/loop/a => /loop/b;',
  '/svc => /#/io.l5d.fs;\n/loop/a => /loop/b;\n/loop/b => /loop/a;',
  '/svc => /#/io.l5d.fs;\n/loop/a => /loop/b;\n/loop/b => /loop/a;\n/svc => /#/io.l5d.fs;',
  '/loop/b => /loop/a;\n/svc => /#/io.l5d.fs;\n/x => 2 * /y;\n/loop/a => /loop/b;',
  '/loop/b => /loop/a;\n/svc => /#/io.l5d.fs;\n/x => 2 * /y;\n/loop/a => /loop/b;\n/z => (/a',
  '/loop/b => /loop/c;\n/svc => /#/io.l5d.fs;\n/x => 0.9 * /y & 0.1 * /z;',
];

test('editing one router dtab step by step gives, at every step, the diagnostics of a cold analysis', () => {
  clearDtabCache();
  const warm = steps.map((a) => analyzeConfig(config(a, B)).diagnostics);
  const cold = steps.map((a) => {
    clearDtabCache();
    return analyzeConfig(config(a, B)).diagnostics;
  });
  assert.deepEqual(warm, cold);
  // The steps really are different findings (a loop, a duplicate, a syntax error, weights), not one repeated result.
  assert.equal(new Set(cold.map((d) => JSON.stringify(d.map((x) => x.code)))).size, steps.length);
});
