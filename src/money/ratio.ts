import { EconomyError } from '../errors.js';
import { gcd } from './integer.js';

/**
 * An exact non-negative rational rate held as two safe integers, for integer-only hot paths: USD 0.005 per
 * diamond is `{ numerator: 1, denominator: 2 }` cents.
 *
 * @example
 * ```ts
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * console.log(tiktok.diamondValueMinor); // { numerator: 1, denominator: 2 } (USD 0.005 a diamond is half a cent)
 * ```
 * @category Money and counts
 */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

/**
 * Reads a non-negative plain decimal string as an exact ratio, scaled by 10^`shift` (the minor-unit places
 * when the decimal is an amount of money), in lowest terms.
 *
 * @throws EconomyError `INVALID_ARGUMENT` when the numbers do not fit in safe integers.
 * @internal
 */
export function ratioFromDecimal(text: string, shift = 0): Ratio {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new EconomyError('INVALID_ARGUMENT', `expected a non-negative decimal string, got ${JSON.stringify(text)}`);
  const fraction = match[2] ?? '';
  let numerator = BigInt((match[1] as string) + fraction);
  let denominator = 10n ** BigInt(fraction.length);
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  const divisor = BigInt(gcdBig(numerator, denominator));
  numerator /= divisor;
  denominator /= divisor;
  if (numerator > limit || denominator > limit) {
    throw new EconomyError('INVALID_ARGUMENT', `the rate ${text} has too many digits for exact integer arithmetic`);
  }
  return Object.freeze({ numerator: Number(numerator), denominator: Number(denominator) });
}

function gcdBig(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

/**
 * Multiplies two ratios exactly, in lowest terms.
 */
export function multiplyRatios(a: Ratio, b: Ratio): Ratio {
  const g1 = gcd(a.numerator, b.denominator) || 1;
  const g2 = gcd(b.numerator, a.denominator) || 1;
  const numerator = (a.numerator / g1) * (b.numerator / g2);
  const denominator = (a.denominator / g2) * (b.denominator / g1);
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new EconomyError('INVALID_ARGUMENT', 'the product of two rates has too many digits for exact integer arithmetic');
  }
  return Object.freeze({ numerator, denominator });
}
