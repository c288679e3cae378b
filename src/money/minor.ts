import { describeValue, EconomyError } from '../errors.js';
import { minorUnits } from './currency.js';
import { exactText } from './decimal.js';

/**
 * Writes a whole count of minor units as a decimal string in the currency's unit, with integer arithmetic
 * only (no Decimal, no float): the formatting half of a per-keystroke conversion.
 *
 * @example
 * ```ts
 * import { minorToDecimalString } from 'gift-economy/money';
 * console.log(minorToDecimalString(250, 'USD'), minorToDecimalString(-5, 'USD'), minorToDecimalString(500, 'JPY')); // 2.50 -0.05 500
 * ```
 * @category Money and counts
 */
export function minorToDecimalString(minor: number | bigint, currency: string): string {
  if (typeof minor === 'number' ? !Number.isSafeInteger(minor) : typeof minor !== 'bigint') {
    throw new EconomyError('INVALID_AMOUNT', `minor units must be a bigint or a safe integer, got ${describeValue(minor)}`);
  }
  const places = minorUnits(currency);
  return exactText({ units: BigInt(minor), scale: places }, places);
}
