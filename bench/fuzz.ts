// `npm run fuzz`: at least 100,000 random inputs through the dtab parser, printer and formatter.
// Each input must: never throw; parseDtab must agree with Finagle's Dtab.read (same validity, the first error at the
// same offset with the same wording, the same dtab); every syntax node must build; a valid document must format
// idempotently without changing its meaning. Inputs: random grammar-character strings, mutations of valid dtabs,
// and valid dtabs with random whitespace and comments. FUZZ_RUNS overrides the count, FUZZ_SEED the seed.
import fc from 'fast-check';
import { destinationShape, parseDtab, readDtab, toDtab } from '../server/src/core/dtab/parse.js';
import { showDtab } from '../server/src/core/dtab/show.js';
import { formatDtabDocument } from '../server/src/core/dtab/format.js';
import { dtabArb, dtabishStringArb, noiseArb, noisyDtab } from '../test/unit/dtab/gen.js';

function check(text: string): { valid: boolean } {
  const doc = parseDtab(text);
  const r = readDtab(text);
  for (const d of doc.dentries) void [d.prefix, d.dst, d.arrow, d.value];
  // Values built in the parse (a config's embedded dtabs, the CLI) must give the very same document.
  const eager = parseDtab(text, { values: true });
  if (JSON.stringify(eager) !== JSON.stringify(doc)) throw new Error('parsing with values gives another document');
  if (eager.dentries.some((d, i) => destinationShape(d) !== destinationShape(doc.dentries[i]!))) throw new Error('shapes differ');
  if (r.ok !== (doc.errors.length === 0)) throw new Error(`validity differs (Finagle ${r.ok ? 'accepts' : 'rejects'})`);
  if (!r.ok) {
    const e = doc.errors[0]!;
    if (e.span.start !== r.offset) throw new Error(`first error at ${e.span.start}, Finagle at ${r.offset}: ${r.message}`);
    if (!r.message.startsWith(e.message.split(': dentries must')[0]!)) throw new Error(`message ${e.message} vs ${r.message}`);
    return { valid: false };
  }
  if (showDtab(toDtab(doc)) !== showDtab(r.value)) throw new Error('different dtab');
  const once = formatDtabDocument(doc);
  if (once === undefined) throw new Error('formatter refused a valid document');
  const doc2 = parseDtab(once);
  if (doc2.errors.length > 0) throw new Error('formatted text does not parse: ' + JSON.stringify(once));
  if (showDtab(toDtab(doc2)) !== showDtab(r.value)) throw new Error('formatting changed the meaning');
  if (formatDtabDocument(doc2) !== once) throw new Error('formatting is not idempotent');
  return { valid: true };
}

const mutated = fc
  .tuple(dtabArb, fc.nat(), fc.nat(), dtabishStringArb)
  .map(([d, a, b, ins]) => {
    const text = showDtab(d).replace(/;/g, ';\n');
    const i = text.length ? a % text.length : 0;
    return text.slice(0, i) + ins + text.slice(Math.min(text.length, i + (b % 4)));
  });
const noisy = fc
  .tuple(dtabArb, fc.array(noiseArb, { minLength: 64, maxLength: 64 }))
  .map(([d, noise]) => {
    let k = 0;
    return noisyDtab(d, () => noise[k++ % noise.length]!);
  });
const inputArb = fc.oneof(dtabishStringArb, mutated, noisy);

export function run(): boolean {
  const runs = Number(process.env.FUZZ_RUNS ?? 100_000);
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  let valid = 0;
  let invalid = 0;
  const t0 = performance.now();
  const result = fc.check(
    fc.property(inputArb, (text) => {
      if (check(text).valid) valid++;
      else invalid++;
    }),
    { numRuns: runs, seed },
  );
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  if (result.failed) {
    console.error(`fuzz: FAILED after ${result.numRuns} inputs (seed ${seed}, ${s} s)`);
    console.error('counterexample: ' + JSON.stringify(result.counterexample?.[0]));
    console.error(String(result.errorInstance ?? ''));
    return false;
  }
  console.log(`fuzz: ${result.numRuns} inputs (${valid} valid, ${invalid} invalid), seed ${seed}, ${s} s: no failure`);
  return true;
}

if (require.main === module) process.exit(run() ? 0 : 1);
