// Reads the broken-config fixtures: a YAML/JSON file whose leading `# key: value` comment lines state the expected
// diagnostic (code, severity, message) and options, and whose text marks the expected range with « and ».
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface BrokenFixture {
  readonly file: string;
  /** The config text with the markers removed. */
  readonly text: string;
  readonly code: string;
  readonly severity: string;
  readonly message: string | undefined;
  readonly span: { start: number; end: number };
  readonly fileName?: string;
  readonly extraKinds?: Record<string, string[]>;
  /** Codes of other diagnostics the fixture is allowed to produce besides the expected one. */
  readonly also: readonly string[];
}

// The project compiles to CommonJS, so __dirname is defined under tsx.
export const BROKEN_DIR = join(__dirname, '..', '..', 'fixtures', 'config', 'broken');

export function parseFixture(file: string, raw: string): BrokenFixture {
  // The header lines are removed before the markers are located, so a JSON fixture still starts with `{`.
  const header: Record<string, string> = {};
  const lines = raw.split('\n');
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^# (code|severity|message|fileName|extraKinds|also): (.*)$/.exec(lines[i]!);
    if (!m) break;
    header[m[1]!] = m[2]!;
  }
  raw = lines.slice(i).join('\n');
  const start = raw.indexOf('«');
  const end = raw.indexOf('»');
  if (start < 0 || end < start || !header['code'] || !header['severity']) throw new Error(`${file}: needs « », # code: and # severity:`);
  const text = raw.slice(0, start) + raw.slice(start + 1, end) + raw.slice(end + 1);
  return {
    file,
    text,
    code: header['code'],
    severity: header['severity'],
    message: header['message'],
    span: { start, end: end - 1 },
    also: header['also'] ? header['also'].split(/[ ,]+/) : [],
    ...(header['fileName'] ? { fileName: header['fileName'] } : {}),
    ...(header['extraKinds'] ? { extraKinds: JSON.parse(header['extraKinds']) as Record<string, string[]> } : {}),
  };
}

export function loadBrokenFixtures(): BrokenFixture[] {
  return readdirSync(BROKEN_DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => parseFixture(f, readFileSync(join(BROKEN_DIR, f), 'utf8')));
}
