import { minorToDecimalString } from '../money/minor.js';
import type { Coins } from '../quantity/quantity.js';
import type { RateTable } from '../table/compile.js';
import { diamondsForCoins, diamondsValueMinor } from './rates.js';

/**
 * What coins of gifts yield a creator, as a decimal string in the diamond-value currency: the per-keystroke
 * path of a calculator. Integers only (no Decimal is built): coins → diamonds with the share rule, then
 * diamonds → minor units with the value rule, each rounded with the table's named mode.
 *
 * @example
 * ```ts
 * import { creatorValueText } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * console.log(creatorValueText(tiktok, 1000)); // 5.00
 * ```
 */
export function creatorValueText(table: RateTable, coins: Coins | number): string {
  return minorToDecimalString(diamondsValueMinor(table, diamondsForCoins(table, coins)), table.document.diamondValue.currency);
}
