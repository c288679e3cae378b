import type { Refusal } from '../availability/check.js';
import { defined } from '../defined.js';
import { assertObject } from '../errors.js';
import { wholeCount } from '../quantity/quantity.js';
import { assertRateTable, type RateTable } from '../table/compile.js';
import { type Breakdown, type BreakdownStep, counted, ruleCoins, step } from './breakdown.js';
import { findGift } from './gift.js';
import { type Buyer, type Quote, quoteCoins } from './quote.js';

/**
 * The question for {@link viewerBalance}.
 * @example
 * ```ts
 * import { viewerBalance, type ViewerBalanceQuery } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const query: ViewerBalanceQuery = { coins: 0, channel: 'web', region: 'US', target: { gift: 'Rose', count: 70 } };
 * console.log(viewerBalance(tiktok, query).target?.coinsMissing); // 70
 * ```
 * @category Questions
 */
export interface ViewerBalanceQuery extends Buyer {
  readonly coins: number;
  /** Where a top-up would be bought. */
  readonly channel: string;
  /** A gift (and count) the viewer wants to send. */
  readonly target?: { readonly gift: string; readonly count?: number };
  readonly currency?: string;
}

/**
 * What a coin balance affords, and the top-up a target still needs.
 * @example
 * ```ts
 * import { viewerBalance } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const balance = viewerBalance(tiktok, { coins: 100, channel: 'web', region: 'US' });
 * console.log(balance.affords.find((a) => a.name === 'Doughnut')?.count); // 3
 * ```
 * @category Questions
 */
export interface ViewerBalance {
  readonly ok: true;
  readonly coins: number;
  /** How many of each gift the balance buys, in the table's order. */
  readonly affords: readonly { readonly gift: string; readonly name: string; readonly count: number }[];
  readonly target?: {
    readonly gift: string;
    readonly count: number;
    readonly coinsNeeded: number;
    /** Coins still missing (0 when the balance covers the target). */
    readonly coinsMissing: number;
    /** The cheapest top-up for the missing coins, or why it cannot be bought here. */
    readonly topUp?: Quote | Refusal;
  };
  readonly breakdown: Breakdown;
}

/**
 * The balance screen a viewer checks before topping up: what the coins afford, and for a target gift the
 * coins still missing and the cheapest top-up for them.
 *
 * @example
 * ```ts
 * import { viewerBalance } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const b = viewerBalance(tiktok, { coins: 1234, channel: 'web', region: 'US', target: { gift: 'Lion' } });
 * console.log(b.target?.coinsMissing, b.target?.topUp?.ok && b.target.topUp.price.toString()); // 28765 304.09 USD
 * ```
 * @category Questions
 */
export function viewerBalance(table: RateTable, query: ViewerBalanceQuery): ViewerBalance {
  const compiled = assertRateTable(table);
  assertObject(query, 'a question { coins, channel, region, target? }');
  const balance = wholeCount(query.coins, 'coins', ['coins']);
  const affords = compiled.gifts.map((gift) => ({ gift: gift.id, name: gift.name, count: Math.floor(balance / gift.coins) }));
  const steps: BreakdownStep[] = [
    step({
      step: 'affords',
      input: counted(balance, 'coin'),
      rule: "÷ each gift's price in coins, rounded down: how many kinds of gift the balance affords",
      table: compiled.ref,
      rounding: 'floor',
      output: counted(affords.filter((a) => a.count > 0).length, 'kind'),
    }),
  ];
  let target: ViewerBalance['target'];
  if (query.target !== undefined) {
    const gift = findGift(compiled, query.target.gift);
    const count = query.target.count === undefined ? 1 : wholeCount(query.target.count, 'target.count', ['target', 'count']);
    const coinsNeeded = gift.coins * count;
    const coinsMissing = Math.max(0, coinsNeeded - balance);
    const topUp = coinsMissing > 0 ? quoteCoins(compiled, { ...query, coins: coinsMissing }) : undefined;
    target = { gift: gift.id, count, coinsNeeded, coinsMissing, ...defined({ topUp }) };
    steps.push(
      step({
        step: 'target',
        input: counted(count, gift.name),
        rule: `${ruleCoins(gift.coins)} each; coins needed − balance, at least 0; the top-up is the cheapest purchase of the rest`,
        table: compiled.ref,
        output: counted(coinsMissing, 'coin'),
      }),
    );
  }
  return {
    ok: true as const,
    coins: balance,
    affords,
    ...defined({ target }),
    breakdown: steps,
  };
}
