import { EconomyError } from '../errors.js';
import { movesAwayFromZero, type RoundingMode } from './rounding.js';

/**
 * Divides two safe integers and rounds the quotient with a named mode, exactly. The quotient estimate comes
 * from one division and is then corrected with the exact integer remainder, so no float error survives; numbers past
 * 2^53 − 1 are refused (use `divideRounded` with bigints).
 *
 * @internal
 */
export function divideRoundedNumber(numerator: number, denominator: number, mode: RoundingMode): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new EconomyError(
      'QUANTITY_OVERFLOW',
      'integer division needs safe integers and a positive denominator; use divideRounded with bigints',
    );
  }
  let quotient = Math.trunc(numerator / denominator);
  let remainder = numerator - quotient * denominator;
  // The float quotient can be one off near 2^53; the exact remainder corrects it.
  if (remainder >= denominator || (remainder > 0 && numerator < 0)) {
    quotient += 1;
    remainder -= denominator;
  } else if (remainder <= -denominator || (remainder < 0 && numerator > 0)) {
    quotient -= 1;
    remainder += denominator;
  }
  if (remainder === 0) return quotient;
  const negative = numerator < 0;
  const twice = Math.abs(remainder) * 2;
  const half = twice === denominator ? 0 : twice > denominator ? 1 : -1;
  if (!movesAwayFromZero(mode, negative, half, quotient % 2 !== 0)) return quotient;
  return negative ? quotient - 1 : quotient + 1;
}

/**
 * Greatest common divisor of two non-negative safe integers.
 */
export function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/**
 * Least common multiple of two positive safe integers.
 */
export function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}

/**
 * Multiplies two safe integers, refusing a product past 2^53 − 1.
 */
export function safeMultiply(a: number, b: number): number {
  const product = a * b;
  if (!Number.isSafeInteger(product)) throw new EconomyError('QUANTITY_OVERFLOW', `${a} × ${b} passes ${Number.MAX_SAFE_INTEGER}`);
  return product;
}
