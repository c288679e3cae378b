import { type Refusal, refusal } from '../availability/check.js';
import { largestWithin } from '../catalog/budget.js';
import { describeValue, EconomyError } from '../errors.js';
import { Money } from '../money/money.js';
import type { Coins } from '../quantity/quantity.js';
import { assertRateTable, type RateTable, type TableNames } from '../table/compile.js';
import { allowBuying, type Buyer, findOffers, priceQuote, type Quote, readField } from './quote.js';

/**
 * The question for {@link budgetCoins}.
 * @example
 * ```ts
 * import { budgetCoins, type BudgetQuery, money } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const query: BudgetQuery = { budget: money('0.99', 'USD'), channel: 'ios', region: 'US' };
 * const answer = budgetCoins(tiktok, query);
 * if (answer.ok) console.log(answer.coinsReceived); // 70
 * ```
 * @category Questions
 */
export interface BudgetQuery<Channel extends string = string> extends Buyer {
  /** The money available; its currency is the currency paid in. */
  readonly budget: Money;
  readonly channel: Channel;
}

/**
 * How many coins a budget buys on a channel: the largest N whose cheapest plan fits the budget, with that plan.
 *
 * @example
 * ```ts
 * import { budgetCoins, money } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = budgetCoins(tiktok, { budget: money('25', 'USD'), channel: 'ios', region: 'US' });
 * if (answer.ok) console.log(answer.coinsReceived, answer.price.toString()); // 1750 24.75 USD
 * ```
 * @category Questions
 */
export function budgetCoins<Names extends TableNames>(table: RateTable<Names>, query: BudgetQuery<Names['channel']>): Quote | Refusal {
  const compiled = assertRateTable(table);
  const budget = readField(query, 'budget');
  if (!(budget instanceof Money))
    throw new EconomyError('INVALID_AMOUNT', `budget must be a Money value, got ${describeValue(budget)}`, { path: ['budget'] });
  if (budget.isNegative()) throw new EconomyError('INVALID_AMOUNT', 'budget must not be negative', { path: ['budget'] });
  const checked = allowBuying(compiled, query);
  const allowed = checked.status === 'unknown' ? checked.ifListed : checked;
  if (!allowed.ok) return allowed;
  const offers = findOffers(
    compiled,
    { channel: query.channel, region: query.region, currency: budget.currency },
    checked.status === 'unknown' ? checked : allowed,
  );
  if (!offers.ok) return offers;
  const low = largestWithin(offers.set.planner, budget.round('floor').toMinor());
  const plan = offers.set.planner.plan(low);
  if (!plan) return refusal('NO_PRICE', `no purchase on ${query.channel} fits ${budget.toString()}`, []);
  return priceQuote(compiled, offers, query.region, low as Coins, plan.coins, plan.lines, checked.status === 'unknown' ? checked : allowed);
}
