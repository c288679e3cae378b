import { describeValue, EconomyError } from '../errors.js';
import { type DecimalInput, exactText, readExact, unitsAt } from './decimal.js';
import { Money } from './money.js';

/**
 * Splits money by ratios into parts that sum exactly to the whole, each within one minor unit of its exact
 * share. Rule: every part gets the floor of its exact share; the minor units left over go one each to the
 * parts with the largest remainders, ties to the earlier part (largest remainder, Hamilton's method).
 *
 * This differs from dinero.js, which gives leftovers to the largest ratios first: 7 cents split 2:3 is
 * 3 and 4 here (exact shares 2.8 and 4.2) but 2 and 5 there. Largest remainder keeps every part closest to
 * its exact share, which is what a breakdown promises.
 *
 * @param whole an amount in whole minor units (round it first)
 * @param ratios non-negative decimals (strings, bigints, safe integers) with a positive sum
 * @throws EconomyError `INVALID_RATIOS`, `INVALID_AMOUNT`
 * @example
 * ```ts
 * import { allocate, money } from 'gift-economy';
 * console.log(allocate(money('0.07', 'USD'), [2, 3]).map(String)); // [ '0.03 USD', '0.04 USD' ]
 * ```
 * @category Money and counts
 */
export function allocate(whole: Money, ratios: readonly DecimalInput[]): Money[] {
  if (!(whole instanceof Money)) throw new EconomyError('INVALID_AMOUNT', `expected a Money value, got ${describeValue(whole)}`);
  if (!Array.isArray(ratios) || ratios.length === 0) {
    throw new EconomyError('INVALID_RATIOS', 'ratios must be a non-empty array of non-negative decimals');
  }
  const exact = ratios.map((ratio, index) => {
    const value = readExact(ratio, `ratio ${index}`, 'INVALID_ARGUMENT', [index]);
    if (value.units < 0n) {
      throw new EconomyError('INVALID_RATIOS', `ratio ${index} must not be negative, got ${exactText(value)}`, { path: [index] });
    }
    return value;
  });
  const places = Math.max(...exact.map((value) => value.scale));
  const weights = exact.map((value) => unitsAt(value, places));
  const parts = allocateMinor(whole.toMinor(), weights);
  return parts.map((minor) => Money.fromMinor(minor, whole.currency));
}

/**
 * Largest-remainder allocation of a whole number of minor units by integer weights (the integer core of
 * {@link allocate}, used on hot paths).
 *
 * @example
 * ```ts
 * import { allocateMinor } from 'gift-economy/money';
 * console.log(allocateMinor(7n, [2n, 3n])); // [ 3n, 4n ]
 * ```
 * @category Money and counts
 */
export function allocateMinor(total: bigint, weights: readonly bigint[]): bigint[] {
  if (typeof total !== 'bigint' || !Array.isArray(weights) || weights.some((weight) => typeof weight !== 'bigint')) {
    throw new EconomyError('INVALID_RATIOS', 'allocateMinor needs a bigint total and an array of bigint weights');
  }
  let weightSum = 0n;
  for (const weight of weights) {
    if (weight < 0n) throw new EconomyError('INVALID_RATIOS', 'ratios must not be negative');
    weightSum += weight;
  }
  if (weightSum === 0n) throw new EconomyError('INVALID_RATIOS', 'ratios must not all be zero');
  const negative = total < 0n;
  const magnitude = negative ? -total : total;
  const parts = weights.map((weight) => (magnitude * weight) / weightSum);
  const remainders = weights.map((weight, index) => ({ index, remainder: (magnitude * weight) % weightSum }));
  let left = magnitude - parts.reduce((sum, part) => sum + part, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] as bigint) + 1n;
    left -= 1n;
  }
  return negative ? parts.map((part) => -part) : parts;
}
