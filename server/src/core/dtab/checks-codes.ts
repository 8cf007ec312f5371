// The stable diagnostic codes `checkDtab` reports, with what each means. Editors, the CLI and docs can rely on
// them; a test checks that every code the dtab engine emits is listed here and shown by a fixture.

export const DTAB_CODES: Readonly<Record<string, string>> = {
  // Syntax (from the parser; the first error of a document is at Finagle's offset with Finagle's wording).
  'dtab/syntax': "Text Finagle's parser rejects: the message names what was expected and what was found.",
  'dtab/missing-semicolon':
    "Two dentries separated only by a newline; ';' is required between dentries (fix: insert ';').",
  'dtab/bad-number': 'A weight written with non-ASCII digits, which Java accepts as digits and then fails to convert.',
  'dtab/too-deep': 'Parentheses nested deeper than the engine accepts (Finagle would overflow its stack).',
  // Namers.
  'dtab/unknown-namer':
    'A /$/ namer class Linkerd does not ship (error), or an unknown fully-qualified class that may be a plugin (warning).',
  'dtab/inet-address':
    '/$/inet or /$/fixedinet with a port that is not an integer or is out of range, or a host that cannot resolve.',
  'dtab/namer-argument': 'An argument an io.buoyant.* namer does not accept, so it answers Neg or fails.',
  'dtab/undefined-namer':
    'A /#/ path outside every namer the workspace config defines (only when the config is known).',
  // Weights.
  'dtab/ignored-weight':
    'A weight Finagle drops: on a lone tree, in parentheses inside a union, or on a parenthesised union.',
  'dtab/zero-weight': 'A union member with weight 0 (never receives traffic) or a negative weight.',
  'dtab/all-weights-zero': 'A union whose members all have weight 0, so the weights are ignored.',
  'dtab/fractional-weights':
    'Fractional weights with an exact small integer ratio (fix: normalise weights to integers).',
  // Dentries and alternatives.
  'dtab/duplicate-dentry': 'An exact copy of a later dentry, which takes priority (fix: remove).',
  'dtab/shadowed-dentry': 'A dentry that never takes effect: a later one matches all its paths and always answers.',
  'dtab/unreachable-alternative':
    'Alternatives after one that always answers (!, $, an address), which are never tried.',
  // Resolution.
  'dtab/resolution-loop': 'A prefix whose resolution goes round a cycle of dentries until the depth limit.',
  'dtab/resolution-too-deep': 'A prefix whose resolution needs more lookups than the depth limit (100).',
  'dtab/union-member-loop':
    'A union member whose resolution goes round a cycle back to its dentry: Finagle drops it at the depth limit, so its weight never takes effect.',
  // The checks themselves.
  'dtab/internal-error': 'One of the checks failed (a bug); its diagnostics are missing, the other checks ran.',
};
