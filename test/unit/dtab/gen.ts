// fast-check generators for dtabs, shared by the property tests and the fuzzer (bench/fuzz.ts).
import fc from 'fast-check';
import { AnyElem, type Dentry, type Dtab, type NameTree, type Path, type Prefix } from '../../../server/src/core/dtab/ast.js';
import { showPath, showPrefix, showWeight } from '../../../server/src/core/dtab/show.js';

const SHOWABLE = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_:.#$%-';

/** A label: usually showable text, sometimes arbitrary bytes (printed escaped). */
export const labelArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: fc.constantFrom(...SHOWABLE.split('')), minLength: 1, maxLength: 8 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 })
      .map((bs) => String.fromCharCode(...bs)),
  },
);

export const pathArb: fc.Arbitrary<Path> = fc.array(labelArb, { maxLength: 4 });

export const prefixArb: fc.Arbitrary<Prefix> = fc.array(
  fc.oneof({ weight: 4, arbitrary: labelArb }, { weight: 1, arbitrary: fc.constant(AnyElem) }),
  { maxLength: 4 },
);

/** Weights exactly representable with two decimals (so that show/read round-trips). */
export const weightArb: fc.Arbitrary<number> = fc.oneof(
  fc.constant(1),
  fc.integer({ min: 0, max: 20 }),
  fc.integer({ min: 0, max: 999 }).map((k) => k / 100),
);

/** Name trees as the parser produces them: no single-child Alt/Union. */
export const treeArb: fc.Arbitrary<NameTree<Path>> = fc.letrec<{ tree: NameTree<Path> }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: pathArb.map((value): NameTree<Path> => ({ kind: 'leaf', value })) },
    { weight: 1, arbitrary: fc.constantFrom<NameTree<Path>>({ kind: 'neg' }, { kind: 'fail' }, { kind: 'empty' }) },
    {
      weight: 2,
      arbitrary: fc
        .array(tie('tree'), { minLength: 2, maxLength: 4 })
        .map((trees): NameTree<Path> => ({ kind: 'alt', trees })),
    },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.record({ weight: weightArb, tree: tie('tree') }).map((w) => ({ ...w })), { minLength: 2, maxLength: 4 })
        .map((weighted): NameTree<Path> => ({ kind: 'union', weighted })),
    },
  ),
})).tree;

// fc.record makes prototype-less objects: spread them into plain ones (assert.deepEqual compares prototypes).
export const dentryArb: fc.Arbitrary<Dentry> = fc.record({ prefix: prefixArb, dst: treeArb }).map((d) => ({ ...d }));
export const dtabArb: fc.Arbitrary<Dtab> = fc.array(dentryArb, { maxLength: 6 });

/** Whitespace and comments that may stand wherever Finagle skips ws (a comment is always preceded by a space). */
export const noiseArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('', ' ', '  ', '\n', '\t', '\r\n', '\u2003') },
  { weight: 1, arbitrary: fc.constantFrom(' # c\n', '\n# own line\n', ' #x;|&=>(\n', '\n\n') },
);

/**
 * Prints a dtab with random whitespace and comments, following the same precedence rules as `show` (so it denotes
 * the same dtab), with weights in varied spellings. `noise()` supplies each gap.
 */
export function noisyDtab(dtab: Dtab, noise: () => string): string {
  const tree = (t: NameTree<Path>, level: 0 | 1 | 2): string => {
    if (t.kind === 'alt') {
      const s = t.trees.map((c) => tree(c, 1)).join(noise() + '|' + noise());
      return level === 0 ? s : '(' + noise() + s + noise() + ')';
    }
    if (t.kind === 'union') {
      const s = t.weighted
        .map((w) => (w.weight === 1 && noise() === '' ? '' : showWeight(w.weight) + noise() + '*' + noise()) + tree(w.tree, 2))
        .join(noise() + '&' + noise());
      return level <= 1 ? s : '(' + noise() + s + noise() + ')';
    }
    if (t.kind === 'leaf') return showPath(t.value);
    return t.kind === 'neg' ? '~' : t.kind === 'fail' ? '!' : '$';
  };
  const parts = dtab.map((d) => showPrefix(d.prefix) + noise() + '=>' + noise() + tree(d.dst, 0));
  return noise() + parts.join(noise() + ';' + noise()) + noise() + (dtab.length > 0 && noise() === '' ? ';' : '') + noise();
}

/** Strings over the characters that matter to the grammar, plus a few that Java and JS disagree on. */
export const dtabishStringArb: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(
    ...'/ab*=>|&()!~$;#.0123456789\\x2fF \n\t\r'.split(''),
    '\u00a0',
    '\u2003',
    '\u0663',
    '\uffff',
    'é',
    '=>',
    '/a',
    ' # c\n',
    '\\x41',
  ),
  maxLength: 40,
});
