#!/usr/bin/env node
// Extracts the test-vector tables of spec/dtab-language.md §8 (8.1 … 8.11) into test/fixtures/vectors/<section>.json,
// so the tests never read ../shared at run time.
//
// Usage: node scripts/extract-vectors.mjs [path/to/dtab-language.md]
//   The spec path is, in order: the first argument, $DTAB_SPEC, then ../shared/spec/dtab-language.md (relative to the
//   repository root).
//
// Output format (one file per subsection, e.g. test/fixtures/vectors/8.2.json):
//   [{ "id": "N6", "cells": [...], "code": [[...], ...] }, ...]
//   - `cells` are ALL the cells of the table row in column order, so cells[0] is the id and the indices match the
//     table's header columns. Each cell is the raw markdown text, trimmed, with the table escape `\|` turned into `|`.
//     Surrounding backticks are KEPT (cells often mix code and prose, e.g. "`/foo` (one label `foo`)").
//   - `code[i]` lists the contents of the backtick code spans of cells[i], in order, backticks stripped, `\|` already
//     unescaped. Nothing else is decoded: the spec writes inputs with TS-style escapes (`\n`, `\t`, `\r`, `\uXXXX`)
//     while `\xHH` is the dtab escape itself; test/fixtures/vectors.ts has `decodeInput` for that.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const candidates = [process.argv[2], process.env.DTAB_SPEC, join(root, '..', 'shared', 'spec', 'dtab-language.md')];
const specPath = candidates.find((p) => p && existsSync(p));
if (!specPath) {
  console.error('extract-vectors: spec not found; tried ' + candidates.filter(Boolean).join(', '));
  process.exit(1);
}
const lines = readFileSync(specPath, 'utf8').split('\n');
const outDir = join(root, 'test', 'fixtures', 'vectors');
mkdirSync(outDir, { recursive: true });

/** Splits a markdown table row on unescaped `|`; `\|` becomes `|`. */
function splitRow(line) {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && s[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (c === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

function codeSpans(cell) {
  const out = [];
  const re = /`([^`]*)`/g;
  let m;
  while ((m = re.exec(cell))) out.push(m[1]);
  return out;
}

const sections = new Map();
let section = null;
for (const line of lines) {
  const h = /^###\s+(8\.\d+)\b/.exec(line);
  if (h) {
    section = h[1];
    sections.set(section, []);
    continue;
  }
  if (/^##\s/.test(line) || (/^###\s/.test(line) && !h)) {
    section = null;
    continue;
  }
  if (!section || !line.trim().startsWith('|')) continue;
  const cells = splitRow(line);
  if (!/^[A-Z]+\d+$/.test(cells[0])) continue; // the header row ("#") and the --- separator row
  sections.get(section).push({ id: cells[0], cells, code: cells.map(codeSpans) });
}

let total = 0;
for (const [sec, rows] of sections) {
  writeFileSync(join(outDir, `${sec}.json`), '[\n' + rows.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n');
  total += rows.length;
  console.log(`${sec}: ${rows.length} vectors`);
}
console.log(`${total} vectors from ${specPath} into ${outDir}`);
