// Loader for the check fixtures in test/fixtures/checks/*.txt. A file holds cases:
//
//   === title
//   --- namers /#/io.l5d.k8s /#/io.l5d.fs      (optional: ctx.knownNamerPrefixes)
//   --- input
//   dtab text, with each expected diagnostic range marked ⟦like this⟧
//   --- diagnostics
//   code | severity | message                  (one line per marked range, in the order the ranges open)
//   --- fixed                                  (optional)
//   the text after applying the first fix of every diagnostic that has one
//
// Markers are removed before parsing; ranges may nest.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ExpectedDiagnostic {
  readonly start: number;
  readonly end: number;
  readonly code: string;
  readonly severity: string;
  readonly message: string;
}

export interface CheckCase {
  readonly file: string;
  readonly title: string;
  readonly text: string;
  readonly namers?: string[];
  readonly expected: ExpectedDiagnostic[];
  readonly fixed?: string;
}

const OPEN = '⟦';
const CLOSE = '⟧';

/** Strips the markers; returns the text and the marked ranges in the order they open. */
export function stripMarkers(marked: string): { text: string; ranges: { start: number; end: number }[] } {
  let text = '';
  const ranges: { start: number; end: number }[] = [];
  const open: number[] = [];
  for (const ch of marked) {
    if (ch === OPEN) {
      open.push(ranges.length);
      ranges.push({ start: text.length, end: -1 });
    } else if (ch === CLOSE) {
      const i = open.pop();
      if (i === undefined) throw new Error(`unbalanced ${CLOSE} in fixture`);
      ranges[i]!.end = text.length;
    } else {
      text += ch;
    }
  }
  if (open.length > 0) throw new Error(`unbalanced ${OPEN} in fixture`);
  return { text, ranges };
}

function parseCase(file: string, title: string, lines: string[]): CheckCase {
  const sections = new Map<string, string[]>();
  let namers: string[] | undefined;
  let current: string[] | undefined;
  for (const line of lines) {
    const m = /^--- (\w+)(?: (.*))?$/.exec(line);
    if (m) {
      if (m[1] === 'namers') {
        namers = (m[2] ?? '').split(/\s+/).filter(Boolean);
        current = undefined;
      } else {
        current = [];
        sections.set(m[1]!, current);
      }
    } else if (current) {
      current.push(line);
    }
  }
  const input = sections.get('input');
  if (!input) throw new Error(`${file}: case '${title}' has no input`);
  const { text, ranges } = stripMarkers(input.join('\n'));
  const rows = (sections.get('diagnostics') ?? []).filter((l) => l.trim() !== '');
  if (rows.length !== ranges.length) {
    throw new Error(`${file}: case '${title}': ${ranges.length} marked ranges but ${rows.length} diagnostics`);
  }
  const expected = rows.map((row, i) => {
    const [code, severity, ...message] = row.split(' | ');
    return { ...ranges[i]!, code: code!, severity: severity!, message: message.join(' | ') };
  });
  const fixed = sections.get('fixed');
  return { file, title, text, namers, expected, fixed: fixed?.join('\n') };
}

export function loadCheckCases(dir: string): CheckCase[] {
  const out: CheckCase[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    const lines = readFileSync(join(dir, name), 'utf8').replace(/\n$/, '').split('\n');
    let title: string | undefined;
    let body: string[] = [];
    for (const line of lines) {
      const m = /^=== (.*)$/.exec(line);
      if (m) {
        if (title !== undefined) out.push(parseCase(name, title, body));
        title = m[1]!;
        body = [];
      } else if (title !== undefined) {
        body.push(line);
      }
    }
    if (title !== undefined) out.push(parseCase(name, title, body));
  }
  return out;
}
