// Diagnostic texts. Where linkerd/namerd (Jackson, ConfigError.scala, the initializers) have a message we keep its
// wording (spec §8.2) and add what to do about it; Jackson's `(class <ScalaClass>)` is replaced by the block's name
// from our model, because the Scala class names are not part of the spec.

import { distance } from 'fastest-levenshtein';

/** The closest candidate, if it is close enough to be a plausible misspelling. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lw = word.toLowerCase();
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (lc === lw) return c;
    const d = distance(lw, lc);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  // A truncated word (`smoothWin` for `smoothWindowMs`) is far in edit distance but an obvious match.
  if (lw.length >= 4) {
    const extended = [...candidates].filter((c) => c.toLowerCase().startsWith(lw));
    if (extended.length === 1) return extended[0];
  }
  const limit = Math.max(2, Math.floor(Math.max(word.length, best.length) / 3));
  return bestD <= limit ? best : undefined;
}

const quoteList = (xs: readonly string[]): string => xs.map((x) => `"${x}"`).join(', ');

export function unknownKey(key: string, blockTitle: string, known: readonly string[], suggestion?: string): string {
  const base = `Unrecognized field "${key}" (${blockTitle}), not marked as ignorable (${known.length} known properties: ${quoteList(known)}])`;
  return suggestion ? `${base}. Did you mean "${suggestion}"?` : `${base}. Remove it: linkerd rejects unknown keys.`;
}

export function duplicateKey(key: string): string {
  return `Duplicate field '${key}': linkerd rejects a key given twice in one mapping; remove one of them.`;
}

export function unknownKind(id: string, blockTitle: string, discriminator: string, known: readonly string[], suggestion?: string): string {
  const base = `Could not resolve type id '${id}' as a subtype of [${blockTitle}]: known type ids = [${known.join(', ')}]`;
  if (suggestion) return `${base}. Did you mean '${suggestion}'?`;
  return `${base}. Use one of them for \`${discriminator}\`, or declare plugin kinds in the dtab.config.extraKinds setting.`;
}

export function missingTypeId(blockTitle: string, discriminator: string, known: readonly string[]): string {
  return `Missing type id when trying to resolve subtype of [${blockTitle}]: missing type id property '${discriminator}'. Add \`${discriminator}:\` with one of: ${known.join(', ')}.`;
}

export function missingField(key: string, blockTitle: string, enforcedAt: string | undefined): string {
  const when =
    enforcedAt === 'never'
      ? 'linkerd silently uses 0/null when it is absent'
      : enforcedAt === 'mk' || enforcedAt === 'runtime'
        ? 'linkerd fails at startup without it'
        : 'linkerd rejects the file without it';
  return `Missing required field "${key}" in ${blockTitle}: ${when}. Add \`${key}:\`.`;
}

export function experimental(family: string, what: string): string {
  switch (family) {
    case 'router':
      return `The ${what} protocol is experimental and must be explicitly enabled by setting the \`experimental' parameter to \`true' on each router.`;
    case 'namers':
      return `The ${what} namer is experimental and must be explicitly enabled by setting the \`experimental' parameter to \`true'.`;
    case 'storage':
      return `The ${what} storage is experimental and must be explicitly enabled by setting the \`experimental' parameter to true.`;
    case 'telemetry':
      return `The ${what} telemeter is experimental and must be explicitly enabled by setting the \`experimental' parameter to \`true'.`;
    default:
      return `The ${what} interpreter is experimental and must be explicitly enabled by setting the \`experimental' parameter to \`true'.`;
  }
}

/** Joins two sentences, adding a full stop only when the first lacks one. */
export function sentences(first: string, second: string): string {
  return /[.!?]$/.test(first) ? `${first} ${second}` : `${first}. ${second}`;
}

export function typeMismatch(key: string, expected: string, found: string, fix: string): string {
  return `"${key}" must be ${expected}, but it is ${found}. ${fix}`;
}
