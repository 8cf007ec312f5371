// Java's double-to-decimal conversions, as Finagle and Linkerd print weights (spec §2.3, gotcha G11):
//   - `javaDoubleToString(d)`: `java.lang.Double.toString(d)` as on JDK 8–17 (`1.0`, `0.5`, `1.0E-4`,
//     `9.999999999999999E22`), used for the weights of namerd's JSON;
//   - `javaFormatFixed(d, 2)`: `String.format("%.2f", d)` (HALF_UP on the decimal digits Java generates, never an
//     exponent), used by `NameTree.show` for union weights.
//
// The digits are NOT always the shortest round-trip digits that JavaScript prints: the JDK's digit generator
// (FloatingDecimal's `dtoa`, a Steele & White / dtoa-style generator with a symmetric stopping test, an estimated
// decimal exponent and fixed-width int/long arithmetic on the fast paths) sometimes emits other digits (spec G11: 7e22 prints
// `70000000000000004000000.00`, 1e23 prints as 9.999999999999999E22). This module re-states that algorithm with BigInt arithmetic, wrapping to 32 or 64
// bits exactly where the JDK's int/long arithmetic does, so that the digits agree with the JVM's.

/** The decimal digits of |d| (no leading zero unless d is 0) and the exponent: value = 0.DIGITS × 10^decExp. */
export interface JavaDigits {
  readonly negative: boolean;
  readonly digits: string;
  /** Java's `decExponent`: the value is 0.d1d2d3… × 10^decExp. */
  readonly decExp: number;
}

const EXP_SHIFT = 52;
const MAX_SMALL_BIN_EXP = 62;
const MIN_SMALL_BIN_EXP = -21;
/** Approximately ceil(log2(5^i)), as the JDK's table (27 entries). */
const N_5_BITS = [0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42, 45, 47, 49, 52, 54, 56, 59, 61];
/** insignificantDigits(2^i): the number of decimal digits of 2^i, minus one, as the JDK tabulates it. */
const INSIGNIFICANT_DIGITS_POW2 = [
  0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 11,
  11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19,
];

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function pow5(n: number): bigint {
  return 5n ** BigInt(n);
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

function trailingZeros(x: bigint): number {
  let n = 0;
  while ((x & 1n) === 0n) {
    x >>= 1n;
    n++;
  }
  return n;
}

/** Java's estimateDecExp: floor of an estimate of log10(d), computed in double arithmetic exactly as the JDK does. */
function estimateDecExp(fractBits: bigint, binExp: number): number {
  // d2 = the double with exponent 0 and the same significand, 1 <= d2 < 2.
  const significand = fractBits & ((1n << 52n) - 1n);
  const hi = Number(significand >> 32n) | (1023 << 20);
  const lo = Number(significand & 0xffffffffn);
  u32[LITTLE_ENDIAN ? 1 : 0] = hi;
  u32[LITTLE_ENDIAN ? 0 : 1] = lo;
  const d2 = f64[0]!;
  const d = (d2 - 1.5) * 0.289529654 + 0.176091259 + binExp * 0.301029995663981;
  return Math.floor(d);
}

/** Integral values below 2^63: the digits of the integer, low insignificant digits rounded away (JDK `developLongDigits`). */
function developLongDigits(negative: boolean, lvalue: bigint, insignificant: number): JavaDigits {
  let decExp = 0;
  if (insignificant !== 0) {
    const pow10 = 10n ** BigInt(insignificant);
    const residue = lvalue % pow10;
    lvalue /= pow10;
    decExp += insignificant;
    if (residue >= pow10 >> 1n) lvalue++;
  }
  const s = lvalue.toString();
  return { negative, digits: s.replace(/0+$/, ''), decExp: decExp + s.length };
}

const wrap32 = (x: bigint): bigint => BigInt.asIntN(32, x);
const wrap64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const noWrap = (x: bigint): bigint => x;

/**
 * The JDK's binary-to-decimal digit generation (`FloatingDecimal.getBinaryToASCIIConverter(d, isCompatibleFormat)`).
 * `compatible` is true for Double.toString and false for the Formatter (%.Nf), where at least two digits are
 * always generated. Returns undefined for NaN and infinities.
 */
export function javaDigits(d: number, compatible: boolean): JavaDigits | undefined {
  if (!Number.isFinite(d)) return undefined;
  f64[0] = d;
  const hi = u32[LITTLE_ENDIAN ? 1 : 0]!;
  const lo = u32[LITTLE_ENDIAN ? 0 : 1]!;
  const negative = hi >>> 31 === 1;
  let binExp = (hi >>> 20) & 0x7ff;
  let fractBits = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let nSignificantBits: number;
  if (binExp === 0) {
    if (fractBits === 0n) return { negative, digits: '0', decExp: 0 };
    const leadingZeros = 64 - bitLength(fractBits);
    const shift = leadingZeros - (63 - EXP_SHIFT);
    fractBits <<= BigInt(shift);
    binExp = 1 - shift;
    nSignificantBits = 64 - leadingZeros;
  } else {
    fractBits |= 1n << 52n;
    nSignificantBits = EXP_SHIFT + 1;
  }
  binExp -= 1023;

  const tailZeros = trailingZeros(fractBits);
  const nFractBits = EXP_SHIFT + 1 - tailZeros;
  const nTinyBits = Math.max(0, nFractBits - binExp - 1);
  if (binExp <= MAX_SMALL_BIN_EXP && binExp >= MIN_SMALL_BIN_EXP && nTinyBits === 0) {
    // An integer that fits in a long.
    const p2 = binExp - nSignificantBits - 1;
    const insignificant =
      binExp > nSignificantBits && p2 > 1 && p2 < INSIGNIFICANT_DIGITS_POW2.length ? INSIGNIFICANT_DIGITS_POW2[p2]! : 0;
    const lvalue = binExp >= EXP_SHIFT ? fractBits << BigInt(binExp - EXP_SHIFT) : fractBits >> BigInt(EXP_SHIFT - binExp);
    return developLongDigits(negative, lvalue, insignificant);
  }

  let decExp = estimateDecExp(fractBits, binExp);
  const B5 = Math.max(0, -decExp);
  let B2 = B5 + nTinyBits + binExp;
  const S5 = Math.max(0, decExp);
  let S2 = S5 + nTinyBits;
  const M5 = B5;
  let M2 = B2 - nSignificantBits;
  fractBits >>= BigInt(tailZeros);
  B2 -= nFractBits - 1;
  const common2 = Math.min(B2, S2);
  B2 -= common2;
  S2 -= common2;
  M2 -= common2;
  if (nFractBits === 1) M2 -= 1; // exact powers of two
  if (M2 < 0) {
    B2 -= M2;
    S2 -= M2;
    M2 = 0;
  }
  const Bbits = nFractBits + B2 + (B5 < N_5_BITS.length ? N_5_BITS[B5]! : B5 * 3);
  const tenSbits = S2 + 1 + (S5 + 1 < N_5_BITS.length ? N_5_BITS[S5 + 1]! : (S5 + 1) * 3);

  let b = (fractBits * pow5(B5)) << BigInt(B2);
  const s = pow5(S5) << BigInt(S2);
  let m = pow5(M5) << BigInt(M2);
  const tens = s * 10n;
  const digits: number[] = [];

  // The JDK runs this loop three times over: in int arithmetic (all < 32 bits) or long arithmetic, with their
  // overflow behaviour, else in FDBigInteger arithmetic, where `high` is `b + m >= 10s`, not `>`.
  const machine = Bbits < 64 && tenSbits < 64;
  const wrap = !machine ? noWrap : Bbits < 32 && tenSbits < 32 ? wrap32 : wrap64;
  const isHigh = machine ? (): boolean => wrap(b + m) > tens : (): boolean => b + m >= tens;
  let q = Number(b / s);
  b = 10n * (b % s);
  m = wrap(m * 10n);
  let low = b < m;
  let high = isHigh();
  if (q === 0 && !high) decExp--;
  else digits.push(q);
  if (!compatible || decExp < -3 || decExp >= 8) high = low = false;
  while (!low && !high) {
    q = Number(b / s);
    b = 10n * (b % s);
    m = wrap(m * 10n);
    if (m > 0n) {
      low = b < m;
      high = isHigh();
    } else {
      low = high = true; // m overflowed (int/long only: m starts positive and never wraps otherwise)
    }
    digits.push(q);
  }
  const lowDigitDifference = machine ? wrap(wrap(b << 1n) - tens) : high && low ? (b << 1n) - tens : 0n;
  let decExponent = decExp + 1;
  // The last digit is rounded according to the stopping condition.
  if (high) {
    let roundUp: boolean;
    if (low) {
      if (lowDigitDifference === 0n) roundUp = (digits[digits.length - 1]! & 1) !== 0;
      else roundUp = lowDigitDifference > 0n;
    } else roundUp = true;
    if (roundUp) {
      let i = digits.length - 1;
      while (digits[i] === 9 && i > 0) digits[i--] = 0;
      if (digits[i] === 9) {
        decExponent += 1;
        digits[0] = 1;
      } else digits[i]!++;
    }
  }
  return { negative, digits: digits.join(''), decExp: decExponent };
}

/** `java.lang.Double.toString(d)` (JDK 8–17): `1.0`, `0.5`, `100.0`, `1.0E-4`, `1.2345678901234568E29`, `NaN`. */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  // Fast path for the common small integral weights.
  if (Number.isInteger(d) && d !== 0 && Math.abs(d) < 1e7) return `${d}.0`;
  const { negative, digits, decExp } = javaDigits(d, true)!;
  const sign = negative ? '-' : '';
  const n = digits.length;
  if (decExp > 0 && decExp < 8) {
    if (n <= decExp) return sign + digits + '0'.repeat(decExp - n) + '.0';
    return sign + digits.slice(0, decExp) + '.' + digits.slice(decExp);
  }
  if (decExp <= 0 && decExp > -3) return sign + '0.' + '0'.repeat(-decExp) + digits;
  const e = decExp - 1;
  return sign + digits[0] + '.' + (n > 1 ? digits.slice(1) : '0') + 'E' + e;
}

/**
 * `String.format("%.<prec>f", d)` in a locale whose decimal separator is `.` (FormattedFloatingDecimal DECIMAL_FLOAT
 * plus Formatter.addZeros): HALF_UP rounding of Java's digits, zero padding, never an exponent.
 */
export function javaFormatFixed(d: number, prec: number): string {
  if (Number.isNaN(d)) return 'NaN';
  // Formatter: the sign is Double.compare(d, 0.0) < 0, so -0.0 prints "-0.00".
  const neg = d < 0 || Object.is(d, -0);
  if (!Number.isFinite(d)) return neg ? '-Infinity' : 'Infinity';
  const r = javaDigits(Math.abs(d), false)!;
  const digits = r.digits.split('');
  let exp = r.decExp;
  const nDigits = digits.length;
  // applyPrecision(decExp, digits, nDigits, decExp + prec)
  const p = exp + prec;
  if (!(p >= nDigits || p < 0)) {
    if (p === 0) {
      if (digits[0]! >= '5') {
        digits[0] = '1';
        digits.fill('0', 1);
        exp += 1;
      } else digits.fill('0');
    } else if (digits[p]! >= '5') {
      let i = p - 1;
      let q = digits[i]!;
      while (q === '9' && i > 0) q = digits[--i]!;
      if (q === '9') {
        digits[0] = '1';
        digits.fill('0', 1);
        exp += 1;
      } else {
        digits[i] = String.fromCharCode(q.charCodeAt(0) + 1);
        digits.fill('0', i + 1);
      }
    } else digits.fill('0', p);
  }
  // fillDecimal
  let mant: string;
  if (exp > 0) {
    if (nDigits < exp) mant = digits.join('') + '0'.repeat(exp - nDigits);
    else {
      const t = Math.min(nDigits - exp, prec);
      mant = digits.slice(0, exp).join('') + (t > 0 ? '.' + digits.slice(exp, exp + t).join('') : '');
    }
  } else {
    const zeros = Math.max(0, Math.min(-exp, prec));
    const t = Math.max(0, Math.min(nDigits, prec + exp));
    if (zeros > 0) mant = '0.' + '0'.repeat(zeros) + digits.slice(0, t).join('');
    else if (t > 0) mant = '0.' + digits.slice(0, t).join('');
    else mant = '0';
  }
  // addZeros
  const dot = mant.indexOf('.');
  const outPrec = dot < 0 ? 0 : mant.length - dot - 1;
  if (outPrec < prec) mant += (dot < 0 ? '.' : '') + '0'.repeat(prec - outPrec);
  return (neg ? '-' : '') + mant;
}

/** Java `%.2f` (the weight format of `NameTree.show`). */
export function javaFormat2f(d: number): string {
  return javaFormatFixed(d, 2);
}
