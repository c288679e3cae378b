import type { Refusal } from '../availability/check.js';
import { EconomyError } from '../errors.js';
import { divideRoundedNumber } from '../money/integer.js';
import { Money } from '../money/money.js';
import { divideRounded } from '../money/rounding.js';
import { remember } from '../remember.js';
import { assertRateTable, type RateTable, type TableNames } from '../table/compile.js';
import { joinProvenance, type Provenance, rememberProvenance } from '../table/provenance.js';
import type { ChannelDocument } from '../table/schema.js';
import { type Breakdown, type BreakdownStep, counted, step } from './breakdown.js';
import { type GiftQuery, sendGifts } from './gift.js';
import { type FxRate, payoutProvenance, readFx, withdraw } from './payout.js';
import { type QuoteQuery, quoteAsked } from './quote.js';

/**
 * The question for {@link moneyFlow}: gifts, and the channel the viewer buys their coins on.
 * @example
 * ```ts
 * import { type FlowQuery, moneyFlow } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const query: FlowQuery = { gift: 'Rose', count: 70, channel: 'web', region: 'US' };
 * const flow = moneyFlow(tiktok, query);
 * if (flow.ok) console.log(flow.paid.toString(), flow.parts.storeCommission.toString()); // 0.74 USD 0.00 USD
 * ```
 * @category Questions
 */
export interface FlowQuery<Names extends TableNames = TableNames> extends GiftQuery<Names['gift']> {
  readonly channel: Names['channel'];
  readonly region: string;
  /** The payout method the creator uses (default: the table's first). */
  readonly method?: string;
  /**
   * Needed when the purchase currency differs from the payout currency (GBP purchases, USD diamonds): units of
   * the purchase currency per unit of the payout currency, with its source.
   */
  readonly fx?: FxRate;
  /** The currency the viewer pays in; defaults to the region's. */
  readonly currency?: string;
  /** As in {@link QuoteQuery}: the default region's prices when the region's currency has none. */
  readonly currencyFallback?: boolean;
}

/**
 * Where the viewer's money goes, in parts that sum exactly to what the viewer paid.
 * @example
 * ```ts
 * import { moneyFlow } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const flow = moneyFlow(tiktok, { gift: 'Rose', count: 70, channel: 'android', region: 'US' });
 * if (flow.ok) console.log(Object.values(flow.parts).reduce((a, b) => a.plus(b)).equals(flow.paid)); // true
 * ```
 * @category Questions
 */
export interface MoneyFlow extends Provenance {
  readonly ok: true;
  /** What the viewer paid for the cheapest purchase of the coins the gifts need. */
  readonly paid: Money;
  readonly parts: {
    /** The app store's commission on the purchase (0 on the web). */
    readonly storeCommission: Money;
    /** Coins bought but not spent on these gifts, at the purchase's average price per coin (rounded down). */
    readonly unspentCoins: Money;
    /** The creator's money after the agency's share and the payout fee. */
    readonly creator: Money;
    /** The agency's share of the creator's value, where the table sets `agencyShare` (half-even). */
    readonly agency: Money;
    readonly payoutFee: Money;
    /** Value lost to rounding diamonds and money (rounded half-even to the minor unit). */
    readonly residue: Money;
    /** The rest: the platform's share. */
    readonly platform: Money;
  };
  readonly breakdown: Breakdown;
}

/**
 * For a purchase and the gifts it pays for: the viewer's money split into store commission, unspent coins,
 * creator, agency, payout fee, rounding residue and platform. The parts sum exactly to what the viewer paid, to the
 * minor unit; the platform's part is what remains after the others, each computed by a named rule.
 *
 * @throws EconomyError `CURRENCY_MISMATCH` when the purchase currency differs from the payout currency and no
 * FX rate into the purchase currency is given.
 * @example
 * ```ts
 * import { moneyFlow } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const flow = moneyFlow(tiktok, { gift: 'Rose', count: 70, channel: 'ios', region: 'US' });
 * if (flow.ok) console.log(flow.paid.toString(), flow.parts.storeCommission.toString(), flow.parts.creator.toString()); // 0.99 USD 0.30 USD 0.35 USD
 * ```
 * @category Questions
 */
export function moneyFlow<Names extends TableNames>(table: RateTable<Names>, query: FlowQuery<Names>): MoneyFlow | Refusal {
  const compiled = assertRateTable(table);
  const gifts = sendGifts(compiled, query);
  if (!gifts.ok) return gifts;
  // the buyer's fields as the question gave them (an absent one is undefined, as the quote's readers take it)
  const { channel: channelId, region, age, at, currency: asked, currencyFallback, method } = query;
  const quote = quoteAsked(
    compiled,
    { coins: gifts.coins, channel: channelId, region, age, at, currency: asked, currencyFallback } as QuoteQuery,
    gifts.coins,
  );
  if (!quote.ok) return quote;
  // the payout the creator would make of this value, as cashOut computes it (its limits and fee)
  const payoutMethod = compiled.payoutMethod(method);
  const payout = withdraw(compiled, gifts.value, payoutMethod);
  const payoutSources = payoutProvenance(compiled, undefined, payoutMethod, false);
  const paid = quote.price;
  const currency = paid.currency;
  const payoutCurrency = gifts.value.currency;
  let fx: ReturnType<typeof readFx> | undefined;
  if (payoutCurrency !== currency) {
    if (query.fx === undefined) {
      throw new EconomyError(
        'CURRENCY_MISMATCH',
        `the purchase is in ${currency} but ${compiled.ref} values diamonds in ${payoutCurrency}; give an FX rate into ${currency} (the fx option, --fx on the command line)`,
        { details: { purchase: currency, payout: payoutCurrency } },
      );
    }
    fx = readFx(query.fx);
    if (fx.target !== currency) {
      throw new EconomyError('CURRENCY_MISMATCH', `fx must convert into the purchase currency ${currency}, not ${fx.target}`, {
        path: ['fx', 'currency'],
      });
    }
  }
  // payout-side amounts in the purchase currency: exactly, then rounded with the FX rule
  const exactly = (amount: Money) => (fx ? amount.convert(currency, fx.rate) : amount);
  const converted = (amount: Money) => (fx ? exactly(amount).round(fx.rounding) : amount);
  const channel = compiled.channel(query.channel);
  const commissionRate = channel?.storeCommission ?? '0';
  // every part below but the exact creator value is whole minor units of the purchase currency, each a safe
  // integer (a quote's price is one, and every part is a share of it or of the creator's value)
  const paidMinor = Number(paid.toMinor());
  const storeMinor = compiled.storeCommissionMinor(query.channel, paidMinor);
  const unspentMinorUnits = unspentMinor(paidMinor, quote.coinsReceived - gifts.coins, quote.coinsReceived);
  // the creator's value without any rounding: coins × share × value per diamond
  const exactCreator = exactly(compiled.creatorYield.times(gifts.coins));
  const creatorGross = converted(gifts.value);
  const grossMinor = Number(creatorGross.toMinor());
  // the fee the creator would pay on cashing this value out (nothing below the withdrawal minimum)
  const payoutFee = converted(payout.fee);
  const feeMinor = Number(payoutFee.toMinor());
  const agencyShare = compiled.document.agencyShare ?? '0';
  const agencyMinor = compiled.agencyMinor(grossMinor);
  const creatorMinor = grossMinor - agencyMinor - feeMinor;
  const residue = exactCreator.minus(creatorGross).round('half-even');
  const platformMinor = paidMinor - storeMinor - unspentMinorUnits - creatorMinor - agencyMinor - feeMinor - Number(residue.toMinor());
  const storeCommission = Money.fromMinor(storeMinor, currency);
  const unspent = Money.fromMinor(unspentMinorUnits, currency);
  const agency = Money.fromMinor(agencyMinor, currency);
  const creator = Money.fromMinor(creatorMinor, currency);
  const platform = Money.fromMinor(platformMinor, currency);
  const parts = { storeCommission, unspentCoins: unspent, creator, agency, payoutFee, residue, platform };
  // the quote is this answer's own (fresh on every call): its breakdown array is extended in place
  const breakdown = quote.breakdown as BreakdownStep[];
  for (const each of gifts.breakdown) breakdown.push(each);
  if (fx) {
    breakdown.push(
      step({
        step: 'fx',
        input: gifts.value,
        rule: `× ${fx.rate} ${currency} per ${payoutCurrency} (${fx.source})`,
        rate: fx.rate,
        table: fx.source,
        rounding: fx.rounding,
        output: creatorGross,
      }),
    );
  }
  breakdown.push(
    step({
      step: 'store-commission',
      input: paid,
      rule: channel ? commissionRule(channel) : `${query.channel} keeps ${commissionRate} of the purchase`,
      rate: commissionRate,
      table: compiled.ref,
      rounding: 'half-even',
      output: storeCommission,
    }),
    step({
      step: 'unspent-coins',
      input: counted(quote.coinsReceived - gifts.coins, 'coin'),
      rule: 'coins bought but not spent on these gifts: paid × unspent ÷ coins received',
      also: { received: counted(quote.coinsReceived, 'coin') },
      table: compiled.ref,
      rounding: 'floor',
      output: unspent,
    }),
    step({
      step: 'payout-fee',
      input: creatorGross,
      rule: remember(
        FEE_RULES,
        payoutMethod,
        () => `fee of payout method ${payoutMethod.id} (as if cashed out); the creator keeps the rest after the agency`,
      ),
      table: compiled.ref,
      output: payoutFee,
      also: { creator },
    }),
    step({
      step: 'agency',
      input: creatorGross,
      rule: remember(AGENCY_RULES, compiled, () => `the agency keeps ${agencyShare} of the creator's value`),
      rate: agencyShare,
      table: compiled.ref,
      rounding: 'half-even',
      output: agency,
    }),
    step({
      step: 'residue',
      input: exactCreator,
      rule: "the creator's exact value − its rounded value (diamond and money rounding)",
      table: compiled.ref,
      rounding: 'half-even',
      output: residue,
    }),
    step({
      step: 'platform',
      input: paid,
      rule: 'paid − store commission − unspent coins − creator − agency − payout fee − residue',
      table: compiled.ref,
      output: platform,
    }),
  );
  // the parts' provenance is remembered, so theirs joined is too
  const { sources, confidence } = rememberProvenance(
    compiled,
    [quote.sources, gifts.sources, payoutSources.sources, query.channel, fx === undefined ? 0 : 1],
    () => joinProvenance(compiled, [quote, gifts, payoutSources], [channel], fx === undefined ? 'sourced' : 'user-supplied'),
  );
  return { ok: true as const, paid, parts, breakdown, sources, confidence };
}

const COMMISSION_RULES = new WeakMap<ChannelDocument, string>();
const AGENCY_RULES = new WeakMap<RateTable, string>();
const FEE_RULES = new WeakMap<object, string>();

/** A store-commission step's rule, written once per channel. */
function commissionRule(channel: ChannelDocument): string {
  return remember(COMMISSION_RULES, channel, () => `${channel.name ?? channel.id} keeps ${channel.storeCommission ?? '0'} of the purchase`);
}

/** Coins bought but not spent, valued at the purchase's average price per coin, rounded down: paid × unspent ÷ received. */
function unspentMinor(paidMinor: number, unspent: number, received: number): number {
  if (unspent === 0) return 0;
  const product = paidMinor * unspent;
  return Number.isSafeInteger(product)
    ? divideRoundedNumber(product, received, 'floor')
    : Number(divideRounded(BigInt(paidMinor) * BigInt(unspent), BigInt(received), 'floor'));
}
