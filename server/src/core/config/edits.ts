// Text edits behind the config quick fixes, written so that they keep the surrounding YAML style (block or flow).

import type { Fix } from '../diagnostic.js';
import { getPair, spanOf, type YMap, type YPair } from './yaml-doc.js';

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Insert `key: value` as a sibling right after `after` (or as the first entry of the mapping). */
export function insertKeyAfter(text: string, map: YMap, after: YPair | undefined, key: string, value: string): { span: { start: number; end: number }; newText: string } {
  const anchor = after ?? (map.items[0] as YPair | undefined);
  const flow = (map as { flow?: boolean }).flow === true || text[spanOf(map).start] === '{';
  if (!anchor) {
    const s = spanOf(map);
    return { span: { start: s.start, end: s.end }, newText: `{${key}: ${value}}` };
  }
  const anchorEnd = spanOf(anchor.value ?? anchor.key).end;
  if (flow) return { span: { start: anchorEnd, end: anchorEnd }, newText: `, ${key}: ${value}` };
  const keyStart = spanOf(anchor.key).start;
  const ls = lineStart(text, keyStart);
  // Column of the key; a `- ` list marker in front of the first key counts as indentation for its siblings.
  const indent = ' '.repeat(keyStart - ls);
  if (!after) return { span: { start: keyStart, end: keyStart }, newText: `${key}: ${value}\n${indent}` };
  // Insert at the end of the anchor's last line so comments after it stay where they are.
  let end = text.indexOf('\n', Math.max(anchorEnd - 1, 0));
  if (end < 0) end = text.length;
  if (anchorEnd > 0 && text[anchorEnd - 1] === '\n') end = anchorEnd - 1;
  return { span: { start: end, end }, newText: `\n${indent}${key}: ${value}` };
}

/** The `experimental: true` fix: flip an existing value, or add the key next to the discriminator. */
export function experimentalFix(text: string, map: YMap, discPair: YPair | undefined): Fix {
  const existing = getPair(map, 'experimental');
  if (existing && existing.value) {
    return { title: 'Set experimental: true', edits: [{ span: spanOf(existing.value), newText: 'true' }], preferred: true };
  }
  return { title: 'Add experimental: true', edits: [insertKeyAfter(text, map, discPair, 'experimental', 'true')], preferred: true };
}
