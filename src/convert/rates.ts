import { Decimal } from '../money/decimal.js';
import { divideRoundedNumber, safeMultiply } from '../money/integer.js';
import { Money } from '../money/money.js';
import type { RoundingMode } from '../money/rounding.js';
import type { Coins, Diamonds } from '../quantity/quantity.js';
import type { RateTable } from '../table/compile.js';
import { type BreakdownStep, step } from './breakdown.js';

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
 */
export function diamondsForCoins(table: RateTable, coins: Coins | number): Diamonds {
  const share = table.diamondsPerCoin;
  return divideRoundedNumber(
    safeMultiply(coins, share.numerator),
    share.denominator,
    table.document.creatorShare.rounding as RoundingMode,
  ) as Diamonds;
}

/**
 * The money value of diamonds in minor units of the diamond-value currency, rounded with the table's
 * diamond-value rounding: integers only, for calculators and settlement.
 *
 * @example
 * ```ts
 * import { diamonds, diamondsValueMinor } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * console.log(diamondsValueMinor(tiktok, diamonds(50_000))); // 25000 (cents: 50,000 × USD 0.005 = USD 250.00)
 * ```
 */
export function diamondsValueMinor(table: RateTable, diamonds: Diamonds | number): number {
  const value = table.diamondValueMinor;
  return divideRoundedNumber(
    safeMultiply(diamonds, value.numerator),
    value.denominator,
    table.document.diamondValue.rounding as RoundingMode,
  );
}

/** The diamond value as Money, with its breakdown step. */
export function diamondValueStep(table: RateTable, diamonds: number): { value: Money; step: BreakdownStep } {
  const { currency, perDiamond, rounding } = table.document.diamondValue;
  const exact = new Decimal(diamonds).times(perDiamond);
  const value = Money.fromMinor(diamondsValueMinor(table, diamonds), currency);
  const residue = exact.minus(value.amount);
  return {
    value,
    step: step({
      step: 'diamond-value',
      input: `${diamonds} ${table.document.units.diamond}s`,
      rule: `× ${perDiamond} ${currency} per ${table.document.units.diamond}, rounded to the ${currency} minor unit`,
      rate: perDiamond,
      table: table.ref,
      rounding: rounding as RoundingMode,
      output: value.toString(),
      residue: residue.isZero() ? undefined : `${residue.toFixed()} ${currency}`,
    }),
  };
}
