import type { Refusal } from '../availability/check.js';
import { assertObject } from '../errors.js';
import type { Money } from '../money/money.js';
import { assertRateTable, type RateTable, type TableNames } from '../table/compile.js';
import { type Breakdown, counted, ruleCoins, step } from './breakdown.js';
import { budgetCoins } from './budget-coins.js';
import { findGift } from './gift.js';
import { type Buyer, quoteCoins } from './quote.js';

/**
 * How many of one gift a budget buys, and the purchase behind it.
 * @example
 * ```ts
 * import { type GiftBudget, giftsWithinBudget, money } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = giftsWithinBudget(tiktok, { gift: 'Rose', budget: money('1', 'USD'), channel: 'ios', region: 'US' });
 * if (answer.ok) console.log((answer as GiftBudget).count); // 70
 * ```
 * @category Questions
 */
export interface GiftBudget {
  readonly ok: true;
  readonly gift: string;
  readonly count: number;
  readonly coinsBought: number;
  readonly price: Money;
  readonly breakdown: Breakdown;
}

/**
 * The gift count a budget allows on a channel: the most gifts whose coins the cheapest purchase within the
 * budget covers.
 *
 * @example
 * ```ts
 * import { giftsWithinBudget, money } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const r = giftsWithinBudget(tiktok, { gift: 'Galaxy', budget: money('50', 'USD'), channel: 'web', region: 'US' });
 * if (r.ok) console.log(r.count, r.price.toString()); // 4 42.29 USD (56 packs of 70 and a custom 80)
 * ```
 * @category Questions
 */
export function giftsWithinBudget<Names extends TableNames>(
  table: RateTable<Names>,
  query: Buyer & { readonly gift: Names['gift']; readonly budget: Money; readonly channel: Names['channel'] },
): GiftBudget | Refusal {
  const compiled = assertRateTable(table);
  assertObject(query, 'a question { gift, budget, channel, region }');
  const gift = findGift(compiled, query.gift);
  const bought = budgetCoins(compiled, query);
  if (!bought.ok) return bought;
  const count = Math.floor(bought.coinsReceived / gift.coins);
  // the cheapest purchase of exactly the gifts' coins may cost less than the whole budget's purchase
  const purchase = quoteCoins(compiled, { ...query, coins: count * gift.coins });
  if (!purchase.ok) return purchase;
  const countStep = step({
    step: 'gift-count',
    input: counted(bought.coinsReceived, 'coin'),
    rule: `the coins the budget buys ÷ ${ruleCoins(gift.coins)} per ${gift.name}, rounded down; then the cheapest purchase of ${ruleCoins(count * gift.coins)}`,
    table: compiled.ref,
    rounding: 'floor',
    output: counted(count, gift.name),
  });
  return {
    ok: true as const,
    gift: gift.id,
    count,
    coinsBought: purchase.coinsReceived,
    price: purchase.price,
    breakdown: [countStep, ...purchase.breakdown],
  };
}
