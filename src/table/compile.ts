import { type BundleOffer, type CustomOffer, PurchasePlanner } from '../catalog/planner.js';
import { describeValue, EconomyError } from '../errors.js';
import { minorUnits } from '../money/currency.js';
import { divideRoundedNumber, safeMultiply } from '../money/integer.js';
import { Money } from '../money/money.js';
import { type Ratio, ratioFromDecimal } from '../money/ratio.js';
import type { RoundingMode } from '../money/rounding.js';
import { wholeCount } from '../quantity/quantity.js';
import { type Confidence, type Figure, figuresKey, type Provenance, provenanceOf } from './provenance.js';
import type {
  ChannelDocument,
  CustomAmountDocument,
  GiftDocument,
  PaymentMethodDocument,
  RateTableDocument,
  RegionRuleDocument,
} from './schema.js';

type PayoutMethodDocument = RateTableDocument['payout']['methods'][number];

/**
 * The purchase options on one channel, in one currency and region, with their compiled planner.
 * @example
 * ```ts
 * import type { OfferSet } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const web: OfferSet | undefined = tiktok.offers('web', 'USD');
 * console.log(web?.bundles.length, web?.custom?.minCoins); // 1 30
 * ```
 * @category Rate tables
 */
export interface OfferSet {
  readonly channel: string;
  readonly currency: string;
  /** The region the prices apply to, or `'*'` for the table's general prices. */
  readonly region: string;
  readonly bundles: readonly BundleOffer[];
  readonly custom?: CustomAmountDocument;
  readonly planner: PurchasePlanner;
  /** Where each bundle's price here comes from, by bundle id. */
  readonly figures: ReadonlyMap<string, Figure>;
}

/**
 * The names a rate table's questions may use: its channel ids, and its gift ids and names. A preset's are
 * literal types (`'ios' | 'android' | 'web'`), so a misspelt channel or gift fails `tsc`; a table parsed at run
 * time uses `string`. Regions are not among them: any ISO region may be asked about (an unlisted one is
 * answered "not known").
 * @example
 * ```ts
 * import type { TableNames } from 'gift-economy';
 * import type { TikTokNames } from 'gift-economy/presets/tiktok';
 * const channel: TikTokNames['channel'] = 'web';
 * const names: TableNames = { channel, gift: 'Lion' };
 * console.log(names.channel); // web
 * ```
 * @category Rate tables
 */
export interface TableNames {
  readonly channel: string;
  readonly gift: string;
}

/**
 * A compiled, deeply frozen rate table: the document plus the lookups every question needs (gift by id or
 * name, purchase planners per channel × currency × region, exact integer rates). Make one with
 * `parseRateTable` (untrusted input) or use a preset; compiling happens once.
 *
 * @example
 * ```ts
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * console.log(tiktok.ref, tiktok.gift('lion')?.coins); // tiktok@2026-11-25 29999
 * ```
 * @category Rate tables
 */
export class RateTable<Names extends TableNames = TableNames> {
  /**
   * @internal The names the table's questions may use, for the type checker only (no value at run time):
   * a preset's are literal types, so `channel: 'iphone'` fails `tsc`; a table parsed at run time has `string`.
   */
  declare readonly names?: Names;
  /** The table's id, e.g. `"tiktok"`. */
  readonly id: string;
  /** The table's version. */
  readonly version: string;
  /** `id@version`, the reference every breakdown cites. */
  readonly ref: string;
  /** The validated document, deeply frozen. */
  readonly document: RateTableDocument;
  /** Start of the period this version is in force (ms since the epoch, inclusive). */
  readonly effectiveFrom: number;
  /** End of the period (ms since the epoch, exclusive), if the version has one. */
  readonly effectiveTo: number | undefined;
  /** Diamonds per coin of gift value, exactly. */
  readonly diamondsPerCoin: Ratio;
  /** Minor units of the diamond-value currency per diamond, exactly (USD 0.005 → 1/2 cent). */
  readonly diamondValueMinor: Ratio;
  /** The agency's share of a creator's value (`agencyShare`; 0 when the table sets none), exactly. */
  readonly agencyShare: Ratio;
  /** What a coin of gifts yields a creator before any rounding or fee: diamonds per coin × value per diamond, exactly. */
  readonly creatorYield: Money;
  readonly #gifts: ReadonlyMap<string, GiftDocument>;
  readonly #channels: ReadonlyMap<string, ChannelDocument>;
  /** Made on the first price question (a page or command that never prices pays nothing for planners). */
  #offers: OfferIndex | undefined;
  readonly #regions: ReadonlyMap<string, RegionRuleDocument>;
  readonly #provenance = new Map<string, Provenance>();
  readonly #payments = new Map<string, Map<string, readonly PaymentMethodDocument[]>>();
  readonly #commissions: ReadonlyMap<string, Ratio>;
  readonly #fees = new Map<string, { readonly percent: Ratio; readonly fixed: Ratio }>();
  #limits: { readonly minimum?: Money; readonly maximumPerDay?: Money } | undefined;

  /** @internal Use `parseRateTable` or `compileRateTable`. */
  constructor(document: RateTableDocument) {
    this.document = deepFreeze(structuredClone(document));
    this.id = document.id;
    this.version = document.version;
    this.ref = `${document.id}@${document.version}`;
    this.effectiveFrom = Date.parse(document.effectiveFrom);
    this.effectiveTo = document.effectiveTo === undefined ? undefined : Date.parse(document.effectiveTo);
    this.diamondsPerCoin = ratioFromDecimal(document.creatorShare.diamondsPerCoin);
    this.diamondValueMinor = ratioFromDecimal(document.diamondValue.perDiamond, minorUnits(document.diamondValue.currency));
    this.agencyShare = ratioFromDecimal(document.agencyShare ?? '0');
    // shared by every answer that states it, so frozen
    this.creatorYield = deepFreeze(
      Money.of(document.diamondValue.perDiamond, document.diamondValue.currency).times(document.creatorShare.diamondsPerCoin),
    );
    const gifts = new Map<string, GiftDocument>();
    for (const gift of this.document.gifts) {
      gifts.set(gift.id, gift);
      const byName = gift.name.toLowerCase();
      if (!gifts.has(byName)) gifts.set(byName, gift);
    }
    this.#gifts = gifts;
    this.#regions = new Map(this.document.regions.rules.map((rule) => [rule.region, rule]));
    this.#channels = new Map(this.document.channels.map((channel) => [channel.id, channel]));
    this.#commissions = new Map(this.document.channels.map((channel) => [channel.id, ratioFromDecimal(channel.storeCommission)]));
    Object.freeze(this);
  }

  /** The gifts, in the table's order. */
  get gifts(): readonly GiftDocument[] {
    return this.document.gifts;
  }

  /**
   * A gift by id, or by name (case-insensitive; the first gift of that name wins).
   *
   * @example
   * ```ts
   * import { tiktok } from 'gift-economy/presets/tiktok';
   * console.log(tiktok.gift('5655')?.name, tiktok.gift('Rose')?.id); // Rose 5655
   * ```
   */
  gift(idOrName: string | number): GiftDocument | undefined {
    // a numeric id as the live client emits it (TikTok's 6369 is the Lion)
    if (typeof idOrName === 'number')
      return Number.isSafeInteger(idOrName) && idOrName >= 0 ? this.#gifts.get(String(idOrName)) : undefined;
    if (typeof idOrName !== 'string') return undefined;
    return this.#gifts.get(idOrName) ?? this.#gifts.get(idOrName.toLowerCase());
  }

  /**
   * The purchase options on a channel in a currency; region-specific prices win over general ones.
   * `undefined` when the table sells nothing there.
   */
  offers(channel: string, currency: string, region?: string): OfferSet | undefined {
    name(channel, 'channel');
    name(currency, 'currency');
    if (region !== undefined) name(region, 'region');
    const byRegion = this.#offerSets().get(channel)?.get(currency);
    return (region !== undefined ? byRegion?.get(region) : undefined) ?? byRegion?.get('*');
  }

  #offerSets(): OfferIndex {
    this.#offers ??= compileOffers(this.document);
    return this.#offers;
  }

  /**
   * @internal Compiles every offer's purchase planner now, so that a table past a planner limit is refused when
   * it is parsed rather than at its first quote.
   */
  compilePlanners(): void {
    for (const currencies of this.#offerSets().values())
      for (const regions of currencies.values()) for (const set of regions.values()) void set.planner;
  }

  /**
   * A payout method by id (the first when no id is given): the one lookup every payout question and the ledger use.
   * @throws EconomyError `INVALID_ARGUMENT` naming the methods the table has.
   */
  payoutMethod(id?: unknown): PayoutMethodDocument {
    const methods = this.document.payout.methods;
    const method = id === undefined ? methods[0] : methods.find((candidate) => candidate.id === id);
    if (!method) {
      throw new EconomyError(
        'INVALID_ARGUMENT',
        `payout method must be one of ${methods.map((m) => m.id).join(', ')}, got ${describeValue(id)}`,
        {
          path: ['method'],
        },
      );
    }
    return method;
  }

  /**
   * The store's commission on a purchase of `paidMinor` minor units through a channel, in minor units, rounded
   * half-even: the one commission rule of money flows and the ledger.
   *
   * @example
   * ```ts
   * import { tiktok } from 'gift-economy/presets/tiktok';
   * console.log(tiktok.storeCommissionMinor('ios', 99)); // 30 (30% of 99 cents = 29.7, half-even)
   * ```
   */
  storeCommissionMinor(channel: string, paidMinor: number): number {
    wholeCount(paidMinor, 'paidMinor', ['paidMinor']);
    const rate = this.#commissions.get(channel);
    if (rate === undefined) {
      throw new EconomyError(
        'UNKNOWN_CHANNEL',
        `channel must be one of ${[...this.#commissions.keys()].join(', ')}, got ${describeValue(channel)}`,
        {
          path: ['channel'],
        },
      );
    }
    return divideRoundedNumber(safeMultiply(paidMinor, rate.numerator), rate.denominator, 'half-even');
  }

  /**
   * The agency's share of a creator's value in whole minor units, rounded half-even (0 when the table sets no
   * `agencyShare`). The one agency rule of every question.
   *
   * @example
   * ```ts
   * import { tiktok } from 'gift-economy/presets/tiktok';
   * console.log(tiktok.agencyMinor(15_000)); // 0 (tiktok.json sets no agency share)
   * ```
   */
  agencyMinor(valueMinor: number): number {
    wholeCount(valueMinor, 'valueMinor', ['valueMinor']);
    return divideRoundedNumber(safeMultiply(valueMinor, this.agencyShare.numerator), this.agencyShare.denominator, 'half-even');
  }

  /**
   * A channel of the table by id, or `undefined`.
   *
   * @example
   * ```ts
   * import { tiktok } from 'gift-economy/presets/tiktok';
   * console.log(tiktok.channel('ios')?.storeCommission); // 0.30
   * ```
   */
  channel(id: string): ChannelDocument | undefined {
    return this.#channels.get(id);
  }

  /**
   * Diamonds for coins of gifts under the creator-share rule: coins × diamonds per coin, rounded once with the
   * rule's mode. The one share rule of every question, settlement, the ledger and the live adapter.
   *
   * @throws EconomyError `INVALID_QUANTITY` for what is not a whole count.
   * @example
   * ```ts
   * import { tiktok } from 'gift-economy/presets/tiktok';
   * console.log(tiktok.diamondsForCoins(29_999)); // 29999 (1 diamond per coin, tiktok.json)
   * ```
   */
  diamondsForCoins(coins: number): number {
    return applyRate(coins, 'coins', this.diamondsPerCoin, this.document.creatorShare.rounding);
  }

  /**
   * Diamonds for `count` gifts of `giftCoins` coins each, by the share rule's scope: `per-gift` rounds each
   * single gift (then × count), otherwise the event is rounded once.
   *
   * @example
   * ```ts
   * import { applyOverlay } from 'gift-economy';
   * import { tiktok } from 'gift-economy/presets/tiktok';
   * const half = applyOverlay(tiktok, { creatorShare: { diamondsPerCoin: '0.5' } });
   * console.log(half.diamondsForGifts(1, 3)); // 0 (each Rose: floor(0.5) = 0, per-gift scope)
   * ```
   */
  diamondsForGifts(giftCoins: number, count: number): number {
    const each = wholeCount(giftCoins, 'giftCoins', ['giftCoins']);
    const times = wholeCount(count, 'count', ['count']);
    if (this.document.creatorShare.scope === 'per-gift') return safeMultiply(this.diamondsForCoins(each), times);
    return this.diamondsForCoins(safeMultiply(each, times));
  }

  /**
   * The money value of diamonds in minor units of the diamond-value currency, rounded once with the rule's mode:
   * the one value rule.
   *
   * @example
   * ```ts
   * import { tiktok } from 'gift-economy/presets/tiktok';
   * console.log(tiktok.diamondsValueMinor(29_999)); // 15000 (149.995 USD, half-even to cents)
   * ```
   */
  diamondsValueMinor(diamonds: number): number {
    return applyRate(diamonds, 'diamonds', this.diamondValueMinor, this.document.diamondValue.rounding);
  }

  /**
   * A payout method's fee on a withdrawal of `withdrawalMinor` minor units of the payout currency: percent ×
   * withdrawal + fixed fee, rounded once with the method's rounding, nothing on a zero withdrawal. The one fee
   * rule of cash-outs, payout targets, timelines and the ledger.
   *
   * @throws EconomyError `INVALID_AMOUNT` for a withdrawal that is not whole minor units ≥ 0, `INVALID_ARGUMENT`
   *   for a method the table does not have.
   * @example
   * ```ts
   * import { tiktok } from 'gift-economy/presets/tiktok';
   * console.log(tiktok.payoutFeeMinor(25_000, 'paypal')); // 0 (TikTok's own fee on PayPal is 0, tiktok.json)
   * ```
   */
  payoutFeeMinor(withdrawalMinor: number, methodId?: unknown): number {
    if (typeof withdrawalMinor !== 'number' || !Number.isSafeInteger(withdrawalMinor) || withdrawalMinor < 0) {
      throw new EconomyError('INVALID_AMOUNT', `withdrawalMinor must be whole minor units ≥ 0, got ${describeValue(withdrawalMinor)}`, {
        path: ['withdrawalMinor'],
      });
    }
    const method = this.payoutMethod(methodId);
    if (withdrawalMinor === 0) return 0;
    let fee = this.#fees.get(method.id);
    if (fee === undefined) {
      fee = {
        percent: ratioFromDecimal(method.percentFee),
        fixed: ratioFromDecimal(method.fixedFee, minorUnits(this.document.payout.currency)),
      };
      this.#fees.set(method.id, fee);
    }
    const { percent, fixed } = fee;
    // (withdrawal × p/q) + f/g = (withdrawal × p × g + f × q) / (q × g), rounded once
    const numerator =
      safeMultiply(safeMultiply(withdrawalMinor, percent.numerator), fixed.denominator) +
      safeMultiply(fixed.numerator, percent.denominator);
    return divideRoundedNumber(numerator, safeMultiply(percent.denominator, fixed.denominator), method.feeRounding);
  }

  /**
   * The payout limits as money in the payout currency: the minimum withdrawal (absent when no source publishes
   * one: then whether a small withdrawal is allowed is not known) and the daily maximum.
   *
   * @example
   * ```ts
   * import { tiktok } from 'gift-economy/presets/tiktok';
   * const { minimum, maximumPerDay } = tiktok.payoutLimits();
   * console.log(String(minimum), String(maximumPerDay)); // 100.00 USD 1000.00 USD
   * ```
   */
  payoutLimits(): { readonly minimum?: Money; readonly maximumPerDay?: Money } {
    if (this.#limits === undefined) {
      const { minimum, maximumPerDay, currency } = this.document.payout;
      this.#limits = deepFreeze({
        ...(minimum === undefined ? {} : { minimum: Money.of(minimum, currency) }),
        ...(maximumPerDay === undefined ? {} : { maximumPerDay: Money.of(maximumPerDay, currency) }),
      });
    }
    return this.#limits;
  }

  /**
   * The ways to pay for coins on a channel in a region, as the table lists them (an empty list when it lists
   * none: not "none accepted", only none known).
   *
   * @example
   * ```ts
   * import { tiktok } from 'gift-economy/presets/tiktok';
   * console.log(tiktok.paymentMethods('ios', 'US').map((method) => method.id)); // [ 'app-store' ]
   * ```
   */
  paymentMethods(channel: string, region: string): readonly PaymentMethodDocument[] {
    name(channel, 'channel');
    name(region, 'region');
    let byRegion = this.#payments.get(channel);
    if (byRegion === undefined) {
      byRegion = new Map();
      if (this.#payments.size < 64) this.#payments.set(channel, byRegion);
    }
    let found = byRegion.get(region);
    if (found === undefined) {
      found = Object.freeze(
        this.document.paymentMethods.filter(
          (method) => method.channels.includes(channel) && (method.regions === undefined || method.regions.includes(region)),
        ),
      );
      if (byRegion.size < 4096) byRegion.set(region, found);
    }
    return found;
  }

  /**
   * The currency a region pays in: its own rule's, else the default region's; `undefined` for a region the
   * table does not list when it says unlisted regions are not known (their currency is not known either).
   */
  regionCurrency(region: string): string | undefined {
    const rule = this.#regions.get(region);
    if (rule === undefined && this.document.regions.unlisted.answer === 'unknown') return undefined;
    return rule?.currency ?? this.document.regions.default.currency;
  }

  /**
   * The currencies with prices on some channel in a region, the region's own currency first: what a
   * currency picker may offer.
   *
   * @example
   * ```ts
   * import { tiktok } from 'gift-economy/presets/tiktok';
   * console.log(tiktok.currenciesIn('GB'), tiktok.currenciesIn('US')); // [ 'GBP', 'USD' ] [ 'USD', 'GBP' ]
   * ```
   */
  currenciesIn(region: string): readonly string[] {
    name(region, 'region');
    const own = this.regionCurrency(region);
    const priced = this.document.currencies.filter((currency) =>
      this.document.channels.some((channel) => this.offers(channel.id, currency, region) !== undefined),
    );
    return priced.sort((a, b) => (a === own ? -1 : b === own ? 1 : 0));
  }

  /** The rule a region has beyond the default, if any. */
  regionRule(region: string): RegionRuleDocument | undefined {
    return this.#regions.get(region);
  }

  /**
   * The sources behind some of this table's figures and the weakest confidence among them (memoised: an
   * answer pays one lookup). `floor` is the confidence of what else the answer used: `user-supplied` for a
   * figure the caller passed with the question (an FX rate), or the confidence of a rule already judged.
   */
  provenance(figures: readonly (Figure | undefined)[], floor: Confidence = 'sourced'): Provenance {
    if (!Array.isArray(figures) || !(floor === 'sourced' || floor === 'derived' || floor === 'user-supplied')) {
      throw new EconomyError('INVALID_ARGUMENT', 'provenance needs an array of figures { source?, derived? } and a confidence');
    }
    let key: string;
    try {
      key = figuresKey(figures, floor);
    } catch {
      throw new EconomyError('INVALID_ARGUMENT', 'a figure could not be read: figures are { source?, derived? } objects');
    }
    let found = this.#provenance.get(key);
    if (found === undefined) {
      found = provenanceOf(this.document, figures, floor);
      if (this.#provenance.size < 4096) this.#provenance.set(key, found);
    }
    return found;
  }

  /** True when `at` (ms since the epoch) falls in this version's period. */
  isInForce(at: number): boolean {
    if (typeof at !== 'number' || !Number.isFinite(at)) {
      throw new EconomyError('INVALID_ARGUMENT', `at must be milliseconds since the epoch, got ${describeValue(at)}`, { path: ['at'] });
    }
    return at >= this.effectiveFrom && (this.effectiveTo === undefined || at < this.effectiveTo);
  }

  /** The document, so `JSON.stringify(table)` writes a table that parses back to the same table. */
  toJSON(): RateTableDocument {
    return this.document;
  }
}

/**
 * Compiles an already-validated document without zod (what presets use, so a browser bundle that only uses
 * a preset carries no schema code). For untrusted input use `parseRateTable`, which validates first.
 *
 * @example
 * ```ts
 * import { compileRateTable } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * console.log(compileRateTable(tiktok.document).ref); // tiktok@2026-11-25
 * ```
 * @category Rate tables
 */
export function compileRateTable<Names extends TableNames = TableNames>(document: RateTableDocument): RateTable<Names> {
  if (document instanceof RateTable) throw new EconomyError('INVALID_TABLE', 'compileRateTable takes a document, not a compiled RateTable');
  try {
    return new RateTable<Names>(document);
  } catch (error) {
    if (error instanceof EconomyError) throw error;
    // a document that did not come through validateRateTable can be anything: say so instead of a TypeError
    throw new EconomyError(
      'INVALID_TABLE',
      `compileRateTable needs a validated document (from validateRateTable), got ${describeValue(document)}`,
    );
  }
}

/** Checks that a lookup argument is a name (a string), so a hostile value is an error, never a raw one. */
function name(value: unknown, what: string): string {
  if (typeof value !== 'string')
    throw new EconomyError('INVALID_ARGUMENT', `${what} must be a string, got ${describeValue(value)}`, { path: [what] });
  return value;
}

/** A whole count × an exact rate, rounded once with a named mode (integers only). */
function applyRate(count: number, what: string, rate: Ratio, rounding: RoundingMode): number {
  return divideRoundedNumber(safeMultiply(wholeCount(count, what, [what]), rate.numerator), rate.denominator, rounding);
}

/** Offer sets by channel, currency and region (`*` for the general prices). */
type OfferIndex = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, OfferSet>>>;

function compileOffers(document: RateTableDocument): OfferIndex {
  const regionsUsed = new Set<string>(['*']);
  for (const bundle of document.bundles)
    for (const price of bundle.prices) for (const region of price.regions ?? []) regionsUsed.add(region);
  for (const custom of document.customAmounts) for (const region of custom.regions ?? []) regionsUsed.add(region);
  const offers = new Map<string, Map<string, Map<string, OfferSet>>>();
  for (const channel of document.channels) {
    const byCurrency = new Map<string, Map<string, OfferSet>>();
    offers.set(channel.id, byCurrency);
    for (const currency of document.currencies) {
      const places = minorUnits(currency);
      const byRegion = new Map<string, OfferSet>();
      byCurrency.set(currency, byRegion);
      for (const region of regionsUsed) {
        const applies = (regions: readonly string[] | undefined) =>
          region === '*' ? regions === undefined : regions?.includes(region) === true;
        const appliesOrGeneral = (regions: readonly string[] | undefined) => applies(regions) || (region !== '*' && regions === undefined);
        const bundles: BundleOffer[] = [];
        const figures = new Map<string, Figure>();
        let specific = false;
        for (const bundle of document.bundles) {
          const candidates = bundle.prices.filter(
            (price) => price.channel === channel.id && price.currency === currency && appliesOrGeneral(price.regions),
          );
          const price = candidates.find((candidate) => applies(candidate.regions)) ?? candidates[0];
          if (!price) continue;
          specific ||= region !== '*' && price.regions !== undefined;
          const minor = ratioFromDecimal(price.amount, places);
          figures.set(bundle.id, { source: price.source ?? bundle.source, derived: price.derived ?? bundle.derived });
          // the planner optimises on units received: the bundle's coins plus this price's bonus
          bundles.push(
            Object.freeze({
              id: bundle.id,
              coins: bundle.coins + (price.bonus ?? 0),
              priceMinor: minor.numerator,
              ...(price.bonus ? { bonus: price.bonus } : {}),
            }),
          );
        }
        const customs = document.customAmounts.filter(
          (custom) => custom.channel === channel.id && custom.currency === currency && appliesOrGeneral(custom.regions),
        );
        const custom = customs.find((candidate) => applies(candidate.regions)) ?? customs[0];
        specific ||= region !== '*' && custom?.regions !== undefined;
        if (region !== '*' && !specific) continue;
        if (bundles.length === 0 && !custom) continue;
        const perCoin = custom ? ratioFromDecimal(custom.pricePerCoin, places) : undefined;
        const customOffer: CustomOffer | undefined =
          custom && perCoin
            ? {
                minCoins: custom.minCoins,
                maxCoins: custom.maxCoins,
                step: custom.step,
                perCoinNumerator: perCoin.numerator,
                perCoinDenominator: perCoin.denominator,
                rounding: custom.rounding,
              }
            : undefined;
        let planner: PurchasePlanner | undefined;
        byRegion.set(
          region,
          Object.freeze({
            channel: channel.id,
            currency,
            region,
            bundles: Object.freeze(bundles),
            ...(custom ? { custom } : {}),
            // compiled on first use: a table's pages and commands rarely need every channel's planner
            get planner() {
              planner ??= PurchasePlanner.compile(bundles, customOffer);
              return planner;
            },
            figures,
          }),
        );
      }
    }
  }
  return offers;
}

/**
 * Freezes an object graph (plain data, `Money`, and the values of maps, which stay usable as maps) in place.
 */
export function deepFreeze<T>(value: T, seen = new Set<object>()): T {
  // an object frozen on its own may still hold parts that are not (a frozen answer's Money): walk it too
  // typed arrays (a planner's tables) cannot be frozen and are never handed out
  if (typeof value === 'object' && value !== null && !seen.has(value) && !ArrayBuffer.isView(value)) {
    seen.add(value);
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key], seen);
    if (value instanceof Map) for (const inner of value.values()) deepFreeze(inner, seen);
  }
  return value;
}

/**
 * Asserts that a value is a compiled {@link RateTable}.
 */
export function assertRateTable(value: unknown): RateTable {
  if (value instanceof RateTable) return value;
  throw new EconomyError(
    'INVALID_ARGUMENT',
    `expected a compiled RateTable (from parseRateTable or a preset), got ${describeValue(value)}`,
  );
}
