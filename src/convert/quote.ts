import {
  type Allowed,
  check,
  type NotKnown,
  type Refusal,
  readChannel,
  readRegion,
  refusal,
  rememberedCheck,
} from '../availability/check.js';
import type { PlanLine } from '../catalog/planner.js';
import { defined } from '../defined.js';
import { describeValue, EconomyError } from '../errors.js';
import { assertCurrency, minorUnits } from '../money/currency.js';
import { divideRoundedNumber } from '../money/integer.js';
import { Money } from '../money/money.js';
import { type Coins, wholeCount } from '../quantity/quantity.js';
import { remember } from '../remember.js';
import { assertRateTable, type OfferSet, type RateTable, type TableNames } from '../table/compile.js';
import type { Instant } from '../table/history.js';
import { joinProvenance, type Provenance, rememberProvenance } from '../table/provenance.js';
import type { PaymentMethodDocument } from '../table/schema.js';
import { type Breakdown, type BreakdownStep, counted, label, regionNotKnownStep, step } from './breakdown.js';

/**
 * Who is buying, where and when: the parts of a question that the regional rules judge.
 * @example
 * ```ts
 * import { type Buyer, quoteCoins } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const buyer: Buyer = { region: 'KR', age: 18 };
 * console.log(quoteCoins(tiktok, { ...buyer, coins: 70, channel: 'web' }).ok); // false
 * ```
 * @category Questions
 */
export interface Buyer {
  /** ISO 3166-1 alpha-2 region code. */
  readonly region: string;
  /** The buyer's age, checked against the table's minimum when given. */
  readonly age?: number;
  /** The instant for dated rules; defaults to the table's `effectiveFrom`. */
  readonly at?: Instant;
  /**
   * When the region's currency has no prices (or the table does not list the region, so its currency is not
   * known), answer with the default region's prices instead of refusing; the answer says so (`currencyFallback`).
   */
  readonly currencyFallback?: boolean;
}

/**
 * Why an answer is priced in another currency than the region's: no prices in that currency are known.
 * @example
 * ```ts
 * import { type CurrencyFallback, quoteCoins } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const quote = quoteCoins(tiktok, { coins: 70, channel: 'ios', region: 'DE', currencyFallback: true });
 * const fallback: CurrencyFallback | undefined = quote.ok ? quote.currencyFallback : undefined;
 * console.log(fallback?.used, fallback?.reason); // USD the table does not list DE, so no DE prices are known; USD prices of the default region
 * ```
 * @category Questions
 */
export interface CurrencyFallback {
  /** The region's currency, when the table knows it. */
  readonly wanted?: string;
  /** The currency the answer is priced in. */
  readonly used: string;
  readonly reason: string;
}

/**
 * The question for {@link quoteCoins}.
 * @example
 * ```ts
 * import { quoteCoins, type QuoteQuery } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const query: QuoteQuery = { coins: 65, channel: 'android', region: 'GB', currency: 'GBP' };
 * const quote = quoteCoins(tiktok, query);
 * if (quote.ok) console.log(quote.price.toString()); // 0.89 GBP
 * ```
 * @category Questions
 */
export interface QuoteQuery<Channel extends string = string> extends Buyer {
  /** How many coins the buyer wants at least. */
  readonly coins: number;
  /** Where the coins are bought (`ios`, `android`, `web`, …). */
  readonly channel: Channel;
  /** The currency to pay in; defaults to the region's currency. */
  readonly currency?: string;
}

/**
 * One line of a purchase, priced.
 * @example
 * ```ts
 * import { quoteCoins } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const quote = quoteCoins(tiktok, { coins: 40, channel: 'web', region: 'US' });
 * if (quote.ok) console.log(quote.lines.map((line) => `${line.kind} ${line.coins} ${line.total}`)); // [ 'custom 40 0.43 USD' ]
 * ```
 * @category Questions
 */
export interface QuoteLine {
  readonly kind: 'bundle' | 'custom';
  readonly bundleId?: string;
  /** Units per bundle received, bonus included. */
  readonly coins: number;
  /** Of `coins`, the bonus units per bundle, when the price gives one. */
  readonly bonus?: number;
  readonly count: number;
  readonly unitPrice: Money;
  readonly total: Money;
}

/**
 * The cheapest purchase of at least the asked coins.
 * @example
 * ```ts
 * import { quoteCoins } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const quote = quoteCoins(tiktok, { coins: 1, channel: 'ios', region: 'US' });
 * if (quote.ok) console.log(quote.coinsReceived, quote.pricePerCoin?.toString()); // 70 0.014143 USD
 * ```
 * @category Questions
 */
export interface Quote extends Provenance {
  readonly ok: true;
  readonly channel: string;
  readonly region: string;
  /** The coins asked for. */
  readonly coins: Coins;
  /** The coins the plan delivers (at least `coins`). */
  readonly coinsReceived: Coins;
  readonly price: Money;
  /** `price / coinsReceived`, rounded half-even to 6 decimal places (shown in the breakdown). */
  readonly pricePerCoin: Money | undefined;
  readonly lines: readonly QuoteLine[];
  readonly breakdown: Breakdown;
  /**
   * Present when the table does not list the region and says unlisted regions are not known: the quote
   * uses the default rules and prices, and this says so (also the first breakdown step).
   */
  readonly regionNotKnown?: string;
  /** Present when the region's currency has no prices and the question allowed a fallback. */
  readonly currencyFallback?: CurrencyFallback;
  /** The ways to pay on this channel in this region that the table lists (none listed: not known, not none). */
  readonly paymentMethods: readonly PaymentMethodDocument[];
}

const PER_COIN_PLACES = 6;
const TOTAL_RULE = `sum of the lines; price per coin = total ÷ coins received, rounded to ${PER_COIN_PLACES} places (the residue is over all coins)`;

/**
 * The cheapest way to get at least N coins on a channel in a region: which bundles, how many of each, a
 * custom amount where the table offers one, the total and the effective price per coin. A question the
 * region's rules forbid answers with a {@link Refusal}.
 *
 * @throws EconomyError for malformed input (`INVALID_QUANTITY`, `UNKNOWN_CHANNEL`, `INVALID_ARGUMENT`, …).
 * @example
 * ```ts
 * import { quoteCoins } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const quote = quoteCoins(tiktok, { coins: 5000, channel: 'web', region: 'US' });
 * if (quote.ok) console.log(quote.price.toString(), quote.lines.map((l) => `${l.count}×${l.coins}`)); // 52.86 USD [ '71×70', '1×30' ]
 * ```
 * @category Questions
 */
export function quoteCoins<Names extends TableNames>(table: RateTable<Names>, query: QuoteQuery<Names['channel']>): Quote | Refusal {
  const compiled = assertRateTable(table);
  return quoteAsked(compiled, query, wholeCount(readField(query, 'coins'), 'coins', ['coins']) as Coins);
}

/** @internal {@link quoteCoins} for a checked table and count of coins (compareChannels asks it once per channel). */
export function quoteAsked(compiled: RateTable, query: QuoteQuery, coins: Coins): Quote | Refusal {
  const checked = allowBuying(compiled, query);
  const allowed = checked.status === 'unknown' ? checked.ifListed : checked;
  if (!allowed.ok) return allowed;
  const offers = findOffers(compiled, query, checked.status === 'unknown' ? checked : allowed);
  if (!offers.ok) return offers;
  const plan = offers.set.planner.plan(coins);
  if (!plan) {
    return refusal('NO_PRICE', `no combination of purchases on ${query.channel} reaches ${coins} coins`, []);
  }
  return priceQuote(compiled, offers, query.region, coins, plan.coins, plan.lines, checked.status === 'unknown' ? checked : allowed);
}

/**
 * The purchase options for a buyer: in the currency asked, else the region's; when that has no prices (or the
 * region is not listed, so its currency is not known), the default region's prices if the question allows a
 * fallback, else a refusal naming the currencies that have prices. The one currency rule of every price question.
 */
export function findOffers(
  table: RateTable,
  query: { readonly channel: string; readonly region: string; readonly currency?: string; readonly currencyFallback?: boolean },
  checked: Allowed | NotKnown,
): { ok: true; set: OfferSet; fallback?: CurrencyFallback } | Refusal {
  const allowed = checked.status === 'unknown' ? (checked.ifListed as Allowed) : checked;
  const fallbackAllowed = readFallback(query.currencyFallback);
  const { channel, region } = query;
  // an unlisted region's currency is not known: only an explicit currency or a fallback prices it
  const wanted =
    query.currency !== undefined
      ? assertCurrency(query.currency, ['currency'])
      : checked.status === 'unknown'
        ? undefined
        : allowed.currency;
  const set = wanted === undefined ? undefined : table.offers(channel, wanted, region);
  if (set) return { ok: true, set };
  const base = table.document.regions.default.currency;
  const why =
    wanted === undefined
      ? `the table does not list ${region}, so no ${region} prices are known`
      : `no ${wanted} prices on ${channel} are known`;
  const fallback = fallbackAllowed === true && wanted !== base ? table.offers(channel, base, region) : undefined;
  if (fallback) {
    const note = Object.freeze({ ...defined({ wanted }), used: base, reason: `${why}; ${base} prices of the default region` });
    return { ok: true, set: fallback, fallback: note };
  }
  const others = table.document.currencies.filter((code) => code !== wanted && table.offers(channel, code, region));
  const hint =
    others.length > 0 && wanted !== base
      ? `; name a currency (${others.join(', ')}) or allow the default region's prices (currencyFallback)`
      : '';
  return refusal(
    'NO_PRICE',
    `${table.ref}: ${why}${hint}`,
    others.map((code) => ({ text: `prices on ${channel} exist in ${code}` })),
  );
}

/** @internal A question's `currencyFallback`: absent, true or false. */
export function readFallback(value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new EconomyError('INVALID_ARGUMENT', `currencyFallback must be true or false, got ${describeValue(value)}`, {
      path: ['currencyFallback'],
    });
  }
  return value;
}

/**
 * Checks the buy-coins rule for a buyer on a channel.
 */
export function allowBuying(table: RateTable, query: Buyer & { readonly channel: string }): Allowed | Refusal | NotKnown {
  const region = readField(query, 'region');
  if (query.age === undefined && query.at === undefined) {
    const known = rememberedCheck(table, 'buy-coins', region, query.channel);
    if (known) return known;
  }
  readRegion(region);
  readChannel(table, readField(query, 'channel'));
  return check(table, {
    region: query.region,
    feature: 'buy-coins',
    channel: query.channel,
    ...(query.age === undefined ? {} : { age: query.age }),
    ...(query.at === undefined ? {} : { at: query.at }),
  });
}

/** @internal Prices a plan as a {@link Quote} with its breakdown. */
export function priceQuote(
  table: RateTable,
  offers: { readonly set: OfferSet; readonly fallback?: CurrencyFallback },
  region: string,
  coins: Coins,
  received: number,
  planLines: readonly PlanLine[],
  checked: Allowed | NotKnown,
): Quote {
  const { set, fallback } = offers;
  const currency = set.currency;
  const words = wordsOf(set);
  let priceMinor = 0;
  // the kinds of line used (which bundles, whether a custom amount) as bits, the provenance's key; -1: in text
  let kinds = 0;
  const breakdown: BreakdownStep[] = [];
  const lines = planLines.map((line): QuoteLine => {
    const bundle = line.bundleId === undefined ? undefined : words.bundles.get(line.bundleId);
    const bit = line.bundleId === undefined ? 1 : (bundle?.bit ?? 0);
    kinds = kinds < 0 || bit === 0 ? -1 : kinds + bit;
    priceMinor += line.totalMinor;
    const made: { -readonly [K in keyof QuoteLine]: QuoteLine[K] } = {
      kind: line.kind,
      coins: line.coins,
      count: line.count,
      unitPrice: bundle?.unitPrice ?? Money.ofUnits(line.unitPriceMinor, words.minor, currency, words.minor),
      total: Money.ofUnits(line.totalMinor, words.minor, currency, words.minor),
    };
    if (line.bundleId !== undefined) {
      made.bundleId = line.bundleId;
      if (bundle?.bonus !== undefined) made.bonus = bundle.bonus;
    }
    breakdown.push(
      bundle && line.kind === 'bundle'
        ? step({
            step: 'bundle',
            input: counted(line.count, bundle.unit),
            rule: bundle.rule,
            rate: bundle.rate,
            table: table.ref,
            output: made.total,
            also: { coins: counted(line.count * line.coins, 'coin') },
          })
        : customStep(table, set, words, line, made.total),
    );
    return made;
  });
  // the plan's lines are whole minor units: their sum is exact as a safe integer (the planner checks it)
  // one line's total is the price: the same value, made once
  const price = lines.length === 1 ? (lines[0] as QuoteLine).total : Money.ofUnits(priceMinor, words.minor, currency, words.minor);
  const { perCoin: pricePerCoin, residue: perCoinResidue } = perCoinOf(price, priceMinor, received, words);
  const totalStep = step({
    step: 'total',
    input: counted(received, 'coin'),
    rule: TOTAL_RULE,
    table: table.ref,
    rounding: 'half-even',
    output: price,
    also: pricePerCoin ? { perCoin: pricePerCoin } : undefined,
    residue: perCoinResidue,
  });
  const notKnown = checked.status === 'unknown' ? checked : undefined;
  const regionStep = notKnown ? [regionNotKnownStep(table, region, notKnown)] : [];
  const fallbackStep = fallback
    ? [step({ step: 'currency-fallback', input: label(region), rule: fallback.reason, table: table.ref, output: label(fallback.used) })]
    : [];
  const allowed = notKnown ? (notKnown.ifListed as Allowed) : (checked as Allowed);
  const paymentMethods = table.paymentMethods(set.channel, region);
  // where the figures come from: the region's rules, the prices of the kinds of line used, the payment methods
  const provenance = rememberProvenance(checked, [region, set, kinds < 0 ? planKey(planLines) : kinds], () =>
    joinProvenance(table, notKnown ? [notKnown, allowed] : [allowed], [
      ...planLines.map((line) => (line.bundleId === undefined ? set.custom : set.figures.get(line.bundleId))),
      ...paymentMethods,
    ]),
  );
  breakdown.push(totalStep);
  // one shape for every quote (the rare notes added last), written out rather than spread
  const quote: { -readonly [K in keyof Quote]: Quote[K] } = {
    ok: true as const,
    channel: set.channel,
    region,
    coins,
    coinsReceived: received as Coins,
    price,
    pricePerCoin,
    lines,
    paymentMethods,
    breakdown: notKnown || fallback ? [...regionStep, ...fallbackStep, ...breakdown] : breakdown,
    sources: provenance.sources,
    confidence: provenance.confidence,
  };
  if (notKnown) quote.regionNotKnown = notKnown.reason;
  if (fallback) quote.currencyFallback = fallback;
  return quote;
}

/** What a quote says about an offer set whatever the coins asked: each bundle's price and rule, the custom per-coin price. */
interface SetWords {
  readonly bundles: ReadonlyMap<
    string,
    {
      readonly unitPrice: Money;
      readonly rule: string;
      readonly rate: string;
      /** What the line's count counts ("70-coin bundle"). */
      readonly unit: string;
      readonly bonus?: number;
      readonly bit: number;
    }
  >;
  /** The custom line's rule. */
  readonly customRule: string;
  /** The currency's minor-unit places. */
  readonly minor: number;
  /** 10^(price-per-coin places − minor places), or NaN for a currency with more minor places than that. */
  readonly toPerCoinPlaces: number;
  /** The custom amount's exact price per coin. */
  readonly perCoin: Money | undefined;
}

const WORDS = new WeakMap<OfferSet, SetWords>();

function wordsOf(set: OfferSet): SetWords {
  return remember(WORDS, set, () => {
    const bundles = new Map(
      set.bundles.map((bundle, index) => {
        const unitPrice = Money.fromMinor(bundle.priceMinor, set.currency);
        const bonus = bundle.bonus ? `, ${bundle.bonus} bonus coins in each` : '';
        const rule = `bundle ${bundle.id}, ${unitPrice.toString()} each on ${set.channel}${bonus}`;
        // bit 0 is the custom amount; a set of more than 30 bundles names its kinds of line in text instead
        const bit = index < 30 ? 2 ** (index + 1) : 0;
        const unit = `${bundle.coins}-coin bundle`;
        return [bundle.id, { unitPrice, rule, rate: unitPrice.toDecimalString(), unit, bit, ...defined({ bonus: bundle.bonus }) }] as const;
      }),
    );
    const customRule = `custom amount: × ${set.custom?.pricePerCoin} ${set.currency} per coin, rounded to the minor unit`;
    const perCoin = set.custom ? Money.of(set.custom.pricePerCoin, set.currency) : undefined;
    const minor = minorUnits(set.currency);
    const toPerCoinPlaces = minor <= PER_COIN_PLACES ? 10 ** (PER_COIN_PLACES - minor) : Number.NaN;
    return { bundles, customRule, minor, toPerCoinPlaces, perCoin };
  });
}

/** The kinds of line of a plan in text, for a set of more than 30 bundles (whose bits would not fit). */
function planKey(lines: readonly PlanLine[]): string {
  return lines.map((each) => each.bundleId ?? '').join('|');
}

/**
 * A quote's price per coin, half-even to {@link PER_COIN_PLACES} places, and what that rounding leaves over all the
 * coins received (`price − perCoin × received`, absent when nothing): in safe integers when they fit, else in Money.
 */
function perCoinOf(price: Money, priceMinor: number, received: number, words: SetWords): { perCoin?: Money; residue?: Money } {
  if (received <= 0) return {};
  const scaled = priceMinor * words.toPerCoinPlaces;
  if (Number.isSafeInteger(scaled)) {
    const units = divideRoundedNumber(scaled, received, 'half-even');
    const left = scaled - units * received;
    const perCoin = Money.ofUnits(units, PER_COIN_PLACES, price.currency, words.minor);
    return left === 0 ? { perCoin } : { perCoin, residue: Money.ofUnits(left, PER_COIN_PLACES, price.currency, words.minor) };
  }
  const perCoin = price.dividedBy(received, 'half-even', PER_COIN_PLACES);
  const residue = price.minus(perCoin.times(received));
  return residue.isZero() ? { perCoin } : { perCoin, residue };
}

function customStep(table: RateTable, set: OfferSet, words: SetWords, line: PlanLine, total: Money) {
  const custom = set.custom;
  // what rounding the custom price left: per-coin price × coins − total
  const residue = words.perCoin && Money.leftOver(words.perCoin, line.coins, total);
  return step({
    step: 'custom-amount',
    input: counted(line.coins, 'coin'),
    rule: words.customRule,
    rate: custom?.pricePerCoin,
    table: table.ref,
    rounding: custom?.rounding as never,
    output: total,
    residue: residue?.isZero() ? undefined : residue,
  });
}

/**
 * Reads a field of a question object, refusing a non-object question.
 */
export function readField<T extends object, K extends keyof T>(query: T, key: K): T[K] {
  if (typeof query !== 'object' || query === null) {
    throw new EconomyError('INVALID_ARGUMENT', `expected a question object, got ${describeValue(query)}`);
  }
  return query[key];
}
