import { describeValue, EconomyError } from '../errors.js';

declare const unit: unique symbol;
/**
 * A whole, non-negative, safe-integer count of some unit. The brand keeps units apart at compile time.
 * @example
 * ```ts
 * import { type Coins, coins, type Quantity } from 'gift-economy';
 * const balance: Quantity<'coin'> = coins(10);
 * const same: Coins = balance;
 * console.log(same); // 10
 * ```
 * @category Money and counts
 */
export type Quantity<Unit extends string> = number & { readonly [unit]: Unit };

/**
 * Whole coins, the in-app currency a viewer buys. Made only by {@link coins}.
 *
 * @example
 * ```ts
 * import { coins, type Coins } from 'gift-economy';
 * const balance: Coins = coins(1000);
 * console.log(balance); // 1000
 * ```
 * @category Money and counts
 */
export type Coins = Quantity<'coin'>;
/**
 * Whole diamonds, the creator-side unit that gifts turn into. Made only by {@link diamonds}.
 *
 * @example
 * ```ts
 * import { diamonds, type Diamonds } from 'gift-economy';
 * const earned: Diamonds = diamonds(50_000);
 * console.log(earned); // 50000
 * ```
 * @category Money and counts
 */
export type Diamonds = Quantity<'diamond'>;

/**
 * Checks a whole count: a safe integer ≥ 0 (a bigint or an integer string is read exactly).
 * @internal
 */
export function wholeCount(value: unknown, what: string, path: readonly (string | number)[] = []): number {
  let n: unknown = value;
  if (typeof value === 'bigint') n = value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= 0n ? Number(value) : Number.NaN;
  else if (typeof value === 'string' && /^(?:0|[1-9]\d{0,15})$/.test(value)) n = Number(value);
  if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n === 0 ? 0 : n;
  throw new EconomyError(
    'INVALID_QUANTITY',
    `${typeof what === 'string' ? what : 'the value'} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${describeValue(value)}`,
    { path },
  );
}

/**
 * Makes a {@link Coins} count from a safe integer ≥ 0, a bigint, or a string of digits.
 *
 * @throws EconomyError `INVALID_QUANTITY` for fractions, negatives, NaN, ±Infinity or values past 2^53 − 1.
 * @example
 * ```ts
 * import { coins } from 'gift-economy';
 * console.log(coins('5000') + 0); // 5000
 * ```
 * @category Money and counts
 */
export function coins(value: number | bigint | string): Coins {
  return wholeCount(value, 'coins') as Coins;
}

/**
 * Makes a {@link Diamonds} count from a safe integer ≥ 0, a bigint, or a string of digits.
 *
 * @throws EconomyError `INVALID_QUANTITY` for fractions, negatives, NaN, ±Infinity or values past 2^53 − 1.
 * @example
 * ```ts
 * import { diamonds } from 'gift-economy';
 * console.log(diamonds(20_000) + 0); // 20000
 * ```
 * @category Money and counts
 */
export function diamonds(value: number | bigint | string): Diamonds {
  return wholeCount(value, 'diamonds') as Diamonds;
}

/**
 * Adds counts of the same unit; a sum past `Number.MAX_SAFE_INTEGER` is an error, never a silent loss.
 *
 * @throws EconomyError `QUANTITY_OVERFLOW`
 * @internal
 */
export function addQuantities<Q extends Quantity<string>>(first: Q, ...rest: NoInfer<Q>[]): Q {
  let sum: number = wholeCount(first, 'a count', [0]);
  rest.forEach((count, index) => {
    sum += wholeCount(count, 'a count', [index + 1]);
  });
  if (!Number.isSafeInteger(sum)) {
    throw new EconomyError('QUANTITY_OVERFLOW', `the sum passes ${Number.MAX_SAFE_INTEGER}; split the work or use BigInt totals`);
  }
  return sum as Q;
}

/**
 * Multiplies a count by a whole factor (a gift price by a repeat count), refusing results past 2^53 − 1.
 *
 * @throws EconomyError `QUANTITY_OVERFLOW`, `INVALID_QUANTITY`
 * @internal
 */
export function multiplyQuantity<Q extends Quantity<string>>(count: Q, factor: number): Q {
  const product = count * wholeCount(factor, 'factor');
  if (!Number.isSafeInteger(product)) {
    throw new EconomyError('QUANTITY_OVERFLOW', `${count} × ${factor} passes ${Number.MAX_SAFE_INTEGER}`);
  }
  return product as Q;
}
