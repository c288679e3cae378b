import { check, type Refusal, readRegion, refusal } from '../availability/check.js';
import { defined } from '../defined.js';
import { assertObject } from '../errors.js';
import { assertCurrency } from '../money/currency.js';
import { Money } from '../money/money.js';
import { remember } from '../remember.js';
import { assertRateTable, deepFreeze, type OfferSet, type RateTable } from '../table/compile.js';
import { type Provenance, rememberProvenance } from '../table/provenance.js';
import { type Breakdown, type BreakdownStep, counted, label, perCoin, step } from './breakdown.js';
import { findOffers, readFallback } from './quote.js';

const PER_COIN_PLACES = 6;

/**
 * One coin, both ways: what it costs a viewer on each channel, and what it yields a creator.
 * @example
 * ```ts
 * import { type CoinValue, coinValue } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const value: CoinValue = coinValue(tiktok, { region: 'GB' });
 * console.log(value.viewerCost[0]?.answer.ok && value.viewerCost[0].answer.via); // 40-coin bundle (GBP 0.49 for 40 beats 0.89 for 65)
 * ```
 * @category Questions
 */
export interface CoinValue extends Provenance {
  readonly ok: true;
  /** Per channel: the lowest price per coin among its bundles and custom amount (half-even, 6 places). */
  readonly viewerCost: readonly {
    readonly channel: string;
    readonly answer: { readonly ok: true; readonly perCoin: Money; readonly via: string; readonly highestPerCoin: Money } | Refusal;
  }[];
  /** Money per coin of gifts to the creator before payout fees, exactly (share × value per diamond). */
  readonly creatorYield: Money;
  readonly breakdown: Breakdown;
}

/** A channel's price per coin, cheapest and dearest. */
type ViewerCost = { readonly ok: true; readonly perCoin: Money; readonly via: string; readonly highestPerCoin: Money };

const RANGES = new WeakMap<OfferSet, ViewerCost | undefined>();
/** What a coin of gifts yields a creator: share × value per diamond, once per table. */
const YIELDS = new WeakMap<RateTable, { readonly creatorYield: Money; readonly step: BreakdownStep }>();

/** The lowest and highest price per coin of an offer set's bundles and custom amount (the same for every question). */
function perCoinRange(set: OfferSet): ViewerCost | undefined {
  return remember(RANGES, set, () => {
    const currency = set.currency;
    // a price per coin is `total / coins`; they are ordered exactly by cross-multiplying, then rounded for display
    type Price = { total: Money; coins: number; via: string };
    const prices: Price[] = set.bundles.map((bundle) => ({
      total: Money.fromMinor(bundle.priceMinor, currency),
      coins: bundle.coins,
      via: `${bundle.coins}-coin bundle`,
    }));
    if (set.custom) prices.push({ total: Money.of(set.custom.pricePerCoin, currency), coins: 1, via: 'custom amount' });
    prices.sort((a, b) => a.total.times(b.coins).compare(b.total.times(a.coins)));
    const best = prices[0];
    const worst = prices.at(-1);
    const range =
      best && worst
        ? Object.freeze({
            ok: true as const,
            perCoin: best.total.dividedBy(best.coins, 'half-even', PER_COIN_PLACES),
            via: best.via,
            highestPerCoin: worst.total.dividedBy(worst.coins, 'half-even', PER_COIN_PLACES),
          })
        : undefined;
    return range;
  });
}

/**
 * "What is one coin worth?" has two honest answers, given side by side: what it costs a viewer (cheapest and
 * dearest per coin, by channel) and what it yields a creator (before payout fees).
 *
 * @example
 * ```ts
 * import { coinValue } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const v = coinValue(tiktok, { region: 'US' });
 * console.log(v.creatorYield.toString(), v.viewerCost.map((c) => c.answer.ok && c.answer.perCoin.toString())); // 0.005 USD [ '0.014143 USD', '0.014143 USD', '0.010571 USD' ]
 * ```
 * @category Questions
 */
export function coinValue(
  table: RateTable,
  query: { readonly region: string; readonly currency?: string; readonly currencyFallback?: boolean },
): CoinValue {
  const compiled = assertRateTable(table);
  assertObject(query, 'a question { region, currency? }');
  const region = readRegion(query.region);
  // read before any channel is judged, so that every answer (and the provenance remembered for it) is keyed by checked values
  const currency = query.currency === undefined ? undefined : assertCurrency(query.currency, ['currency']);
  const fallback = readFallback(query.currencyFallback);
  const sets: OfferSet[] = [];
  const viewerCost: CoinValue['viewerCost'][number][] = [];
  const breakdown: BreakdownStep[] = [];
  for (const channel of compiled.document.channels) {
    const checked = check(compiled, { region, feature: 'buy-coins', channel: channel.id });
    const allowed = checked.status === 'unknown' ? checked.ifListed : checked;
    const offers = allowed.ok
      ? findOffers(
          compiled,
          { channel: channel.id, region, ...defined({ currency, currencyFallback: fallback }) },
          checked.status === 'unknown' ? checked : allowed,
        )
      : allowed;
    if (offers.ok) sets.push(offers.set);
    const row = offers.ok ? channelRow(compiled, offers.set, region) : { cost: { channel: channel.id, answer: offers }, step: undefined };
    viewerCost.push(row.cost);
    breakdown.push(row.step ?? viewerCostStep(compiled, row.cost));
  }
  const { creatorYield, step: yieldStep } = yieldOf(compiled);
  breakdown.push(yieldStep);
  return {
    ok: true as const,
    viewerCost,
    creatorYield,
    breakdown,
    ...rememberProvenance(compiled, [region, currency ?? '', String(fallback)], () =>
      compiled.provenance([
        compiled.document.creatorShare,
        compiled.document.diamondValue,
        ...sets.flatMap((set) => [...set.figures.values(), set.custom]),
      ]),
    ),
  };
}

type Row = { readonly cost: CoinValue['viewerCost'][number]; readonly step: BreakdownStep | undefined };
const ROWS = new WeakMap<OfferSet, Map<string, Row>>();

/** A channel's row and breakdown step for one offer set (the same for every question that reads the set). */
function channelRow(compiled: RateTable, set: OfferSet, region: string): Row {
  const rows = remember(ROWS, set, () => new Map<string, Row>());
  // a set of general prices answers many regions; only a missing price names the region
  const key = perCoinRange(set) === undefined ? region : '';
  let row = rows.get(key);
  if (row === undefined) {
    const range = perCoinRange(set);
    const answer = range ?? refusal('NO_PRICE', `no ${set.currency} prices on ${set.channel} in ${region}`, []);
    const cost = { channel: set.channel, answer };
    // shared by every answer that reads this set: frozen all the way down
    row = deepFreeze({ cost, step: viewerCostStep(compiled, cost) });
    if (rows.size < 1024) rows.set(key, row);
  }
  return row;
}

function viewerCostStep(compiled: RateTable, { channel, answer }: CoinValue['viewerCost'][number]): BreakdownStep {
  return step({
    step: 'viewer-cost',
    input: label(channel),
    rule: answer.ok
      ? `the lowest price per coin among the bundles and custom amount (${answer.via}): price ÷ coins, to ${PER_COIN_PLACES} places`
      : answer.reason,
    table: compiled.ref,
    rounding: 'half-even',
    output: answer.ok ? answer.perCoin : label('refused'),
  });
}

/** Money per coin of gifts to the creator, with its step: one per table. */
function yieldOf(compiled: RateTable): { readonly creatorYield: Money; readonly step: BreakdownStep } {
  return remember(YIELDS, compiled, () => {
    const { currency: valueCurrency, perDiamond } = compiled.document.diamondValue;
    const share = compiled.document.creatorShare.diamondsPerCoin;
    const creatorYield = compiled.creatorYield;
    return {
      creatorYield,
      step: step({
        step: 'creator-yield',
        input: counted(1, 'coin'),
        rule: `× ${perCoin(share, compiled.document.units.diamond)} × ${perDiamond} ${valueCurrency} each, before payout fees`,
        rate: perDiamond,
        table: compiled.ref,
        output: creatorYield,
      }),
    };
  });
}
