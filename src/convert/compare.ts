import { type Refusal, readRegion } from '../availability/check.js';
import { assertObject } from '../errors.js';
import type { Money } from '../money/money.js';
import { type Coins, wholeCount } from '../quantity/quantity.js';
import { remember } from '../remember.js';
import { assertRateTable, type RateTable } from '../table/compile.js';
import { type Breakdown, counted, label, step } from './breakdown.js';
import { type Buyer, type Quote, type QuoteQuery, quoteAsked } from './quote.js';

/**
 * The same coins priced on every channel, side by side.
 * @example
 * ```ts
 * import { type ChannelComparison, compareChannels } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const c: ChannelComparison = compareChannels(tiktok, { coins: 70, region: 'US' });
 * console.log(c.channels.length, c.saving?.toString()); // 3 0.25 USD
 * ```
 * @category Questions
 */
export interface ChannelComparison {
  readonly coins: number;
  /** Every channel's answer, in the table's channel order. */
  readonly channels: readonly { readonly channel: string; readonly answer: Quote | Refusal }[];
  /** The cheapest and the dearest priced channel (among those in the same currency as the cheapest). */
  readonly cheapest?: Quote;
  readonly dearest?: Quote;
  /** `dearest.price − cheapest.price`: what buying on the cheapest channel saves. */
  readonly saving?: Money;
  /** Each channel's quote is itemised in its own breakdown; this one says how the channels compare. */
  readonly breakdown: Breakdown;
}

const CHEAPEST_ON = new WeakMap<RateTable, ReadonlyMap<string, string>>();

/** A channel step's rule, written once per table and channel. */
function cheapestOn(table: RateTable, channel: string): string {
  const rules = remember(
    CHEAPEST_ON,
    table,
    () => new Map(table.document.channels.map((each) => [each.id, `the cheapest purchase of at least that many coins on ${each.id}`])),
  );
  return rules.get(channel) as string;
}

/**
 * The same N coins priced on every channel ("iOS costs X, web costs Y, you save Z").
 *
 * @example
 * ```ts
 * import { compareChannels } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const c = compareChannels(tiktok, { coins: 1000, region: 'US' });
 * console.log(c.cheapest?.channel, c.cheapest?.price.toString(), c.saving?.toString()); // web 10.58 USD 4.27 USD
 * ```
 * @category Questions
 */
export function compareChannels(
  table: RateTable,
  query: Buyer & { readonly coins: number; readonly currency?: string },
): ChannelComparison {
  const compiled = assertRateTable(table);
  assertObject(query, 'a question { coins, region, currency?, age?, at? }');
  const coins = wholeCount(query.coins, 'coins', ['coins']) as Coins;
  const region = readRegion(query.region);
  const { age, at, currency, currencyFallback } = query;
  // one question of one shape for every channel, the buyer's fields read once (an absent field is undefined, as
  // the quote's readers take it)
  const channels = compiled.document.channels.map((channel) => ({
    channel: channel.id,
    answer: quoteAsked(compiled, { coins, channel: channel.id, region, age, at, currency, currencyFallback } as QuoteQuery, coins),
  }));
  const priced = channels.map((entry) => entry.answer).filter((answer): answer is Quote => answer.ok);
  let cheapest: Quote | undefined;
  for (const quote of priced)
    if (!cheapest || (quote.price.currency === cheapest.price.currency && quote.price.compare(cheapest.price) < 0)) cheapest = quote;
  let dearest: Quote | undefined;
  for (const quote of priced) {
    if (cheapest && quote.price.currency === cheapest.price.currency && (!dearest || quote.price.compare(dearest.price) > 0))
      dearest = quote;
  }
  const saving = cheapest && dearest ? dearest.price.minus(cheapest.price) : undefined;
  const input = counted(coins, 'coin');
  const breakdown = channels.map(({ channel, answer }) =>
    step({
      step: 'channel',
      input,
      rule: answer.ok ? cheapestOn(compiled, channel) : `${channel}: refused: ${answer.reason}`,
      table: compiled.ref,
      output: answer.ok ? answer.price : label('refused'),
      also: answer.ok ? { coins: counted(answer.coinsReceived, 'coin') } : undefined,
    }),
  );
  if (cheapest && dearest && saving) {
    breakdown.push(
      step({
        step: 'saving',
        input: dearest.price,
        rule: `dearest (${dearest.channel}) − cheapest (${cheapest.channel})`,
        table: compiled.ref,
        output: saving,
        also: { cheapest: cheapest.price },
      }),
    );
  }
  const comparison: { -readonly [K in keyof ChannelComparison]: ChannelComparison[K] } = { coins, channels, breakdown };
  if (cheapest && dearest && saving) {
    comparison.cheapest = cheapest;
    comparison.dearest = dearest;
    comparison.saving = saving;
  }
  return comparison;
}
