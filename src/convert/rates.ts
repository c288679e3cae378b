import { describeValue, EconomyError } from '../errors.js';
import { type Exact, readExact } from '../money/decimal.js';
import { Money } from '../money/money.js';
import type { Coins, Diamonds } from '../quantity/quantity.js';
import { remember } from '../remember.js';
import { assertRateTable, type RateTable } from '../table/compile.js';

// The table's exact rates applied with integers. These are the hot-path building blocks every question uses.

/**
 * Diamonds for a number of coins of gift value, rounded once with the table's creator-share rounding (the
 * rule for one gift, or for one settlement total).
 *
 * @example
 * ```ts
 * import { coins, diamondsForCoins } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * console.log(diamondsForCoins(tiktok, coins(29_999))); // 29999 (1 diamond per coin)
 * ```
 * @category Questions
 */
export function diamondsForCoins(table: RateTable, coins: Coins | number): Diamonds {
  return assertRateTable(table).diamondsForCoins(coins) as Diamonds;
}

/**
 * Diamonds for `count` gifts of `giftCoins` coins each sent in one event (a streak or combo), under the
 * table's rounding scope: `per-gift` rounds each single gift, round(giftCoins × share) × count; `per-event`
 * and `per-settlement` round the event's coins once, round(giftCoins × count × share) (a settlement then
 * rounds a creator's total instead, see `settle`).
 *
 * @example
 * ```ts
 * import { applyOverlay, diamondsForGifts } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const half = (scope: 'per-gift' | 'per-event') => applyOverlay(tiktok, { creatorShare: { diamondsPerCoin: '0.5', scope } });
 * // 0.5 diamond per coin, floored: a streak of 5 Roses per gift is 5 × floor(0.5) = 0, per event floor(2.5) = 2
 * console.log(diamondsForGifts(half('per-gift'), 1, 5), diamondsForGifts(half('per-event'), 1, 5)); // 0 2
 * ```
 * @category Questions
 */
export function diamondsForGifts(table: RateTable, giftCoins: number, count: number): Diamonds {
  return assertRateTable(table).diamondsForGifts(giftCoins, count) as Diamonds;
}

/**
 * The money value of diamonds in minor units of the diamond-value currency, rounded with the table's
 * diamond-value rounding: integers only, for calculators and settlement.
 *
 * @internal
 */
export function diamondsValueMinor(table: RateTable, diamonds: Diamonds | number): number {
  return assertRateTable(table).diamondsValueMinor(diamonds);
}

/**
 * The fewest diamonds whose value (rounded by the table's rule) reaches `goalMinor` minor units of the
 * diamond-value currency: integers only.
 *
 * @internal
 */
export function diamondsForMinor(table: RateTable, goalMinor: number): number {
  const { numerator, denominator } = assertRateTable(table).diamondValueMinor;
  if (typeof goalMinor !== 'number' || !Number.isSafeInteger(goalMinor)) {
    throw new EconomyError('INVALID_AMOUNT', `goalMinor must be whole minor units, got ${describeValue(goalMinor)}`, {
      path: ['goalMinor'],
    });
  }
  if (goalMinor <= 0) return 0;
  // value(d) never decreases as d grows; value(high) ≥ goal because high × rate ≥ goal before rounding
  let high = Math.ceil((goalMinor * denominator) / numerator) + 1;
  let low = Math.max(-1, Math.floor(((goalMinor - 1) * denominator) / numerator) - 2);
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (table.diamondsValueMinor(middle) >= goalMinor) high = middle;
    else low = middle;
  }
  return high;
}

interface ExactRates {
  readonly diamondsPerCoin: Exact;
  /** The value of one diamond, exactly. */
  readonly valuePerDiamond: Money;
}

const EXACT = new WeakMap<RateTable, ExactRates>();

/**
 * @internal The table's share and diamond value as exact decimals (parsed once per table), for the residues the
 * breakdowns state.
 */
export function exactRates(table: RateTable): ExactRates {
  return remember(EXACT, table, () => {
    const { perDiamond, currency } = table.document.diamondValue;
    return {
      diamondsPerCoin: readExact(table.document.creatorShare.diamondsPerCoin, 'diamondsPerCoin'),
      valuePerDiamond: Money.of(perDiamond, currency),
    };
  });
}
