// Plain-text renderings of dentry differences, shared by the CLI and the editor's previews. Unchanged dentries far
// from any change are folded, so a one-line change in a 500-entry dtab stays readable.

import type { CanonicalDentry } from './canonical.js';
import type { DentryChange, ThreeWayDiff } from './diff.js';

const CONTEXT = 2;

function line(mark: ' ' | '-' | '+', d: CanonicalDentry, width: number): string {
  return `${mark} ${d.prefix.padEnd(width)} => ${d.dst}`;
}

/** `- /svc/web => /old` / `+ /svc/web => /new` lines, with up to two unchanged dentries of context around changes. */
export function renderChanges(changes: readonly DentryChange[]): string[] {
  const width = Math.min(40, Math.max(0, ...changes.map((c) => (c.kind === 'added' ? c.after : c.before).prefix.length)));
  const near = changes.map(() => false);
  changes.forEach((c, i) => {
    if (c.kind === 'unchanged') return;
    for (let k = Math.max(0, i - CONTEXT); k <= Math.min(changes.length - 1, i + CONTEXT); k++) near[k] = true;
  });
  const out: string[] = [];
  let folded = 0;
  const flush = (): void => {
    if (folded > 0) out.push(`  … ${folded} unchanged dentr${folded === 1 ? 'y' : 'ies'}`);
    folded = 0;
  };
  changes.forEach((c, i) => {
    if (c.kind === 'unchanged' && !near[i]) {
      folded++;
      return;
    }
    flush();
    if (c.kind === 'unchanged') out.push(line(' ', c.before, width));
    if (c.kind === 'removed' || c.kind === 'changed') out.push(line('-', c.before, width));
    if (c.kind === 'added' || c.kind === 'changed') out.push(line('+', c.after, width));
  });
  flush();
  return out;
}

/** A conflict report: what namerd's other writer changed, what the file changes, and where both touched. */
export function renderThreeWay(tw: ThreeWayDiff): string[] {
  const out: string[] = [];
  if (tw.theirChanges) {
    out.push(`Changed on namerd since version ${tw.baseVersion ?? '?'} (now ${tw.theirVersion}):`, ...indent(renderChanges(tw.theirChanges)));
    out.push(`Changed in the file since version ${tw.baseVersion ?? '?'}:`, ...indent(renderChanges(tw.yourChanges)));
    if (tw.overlapping.length > 0) out.push(`Both sides changed: ${tw.overlapping.join(', ')}`);
  } else {
    out.push(`The file's base is unknown; difference from namerd's version ${tw.theirVersion} to the file:`, ...indent(renderChanges(tw.yourChanges)));
  }
  return out;
}

function indent(lines: readonly string[]): string[] {
  return lines.length === 0 ? ['    (none)'] : lines.map((l) => `    ${l}`);
}
