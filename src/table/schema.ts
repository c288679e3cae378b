import { z } from 'zod';
import { ROUNDING_MODES } from '../money/rounding.js';

// Shapes of a rate table document (JSON). zod is the single source of truth: the TypeScript types are
// inferred from these schemas. Cross-field rules (references, duplicates, ranges) live in validate.ts.

const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const decimal = (what: string) =>
  z
    .string({ error: `${what} must be a decimal string such as "0.99" (JSON numbers are not accepted for money or rates)` })
    .regex(DECIMAL, { error: `${what} must be a plain decimal string such as "0.99": digits, an optional dot, no exponent` })
    .max(42, { error: `${what} may have at most 40 digits` });
const positiveDecimal = (what: string) =>
  decimal(what).refine((text) => /[1-9]/.test(text) && !text.startsWith('-'), { error: `${what} must be greater than 0` });
const nonNegativeDecimal = (what: string) =>
  decimal(what).refine((text) => !text.startsWith('-'), { error: `${what} must not be negative` });
const share = (what: string) =>
  decimal(what).refine((text) => !text.startsWith('-') && (/^0(\.\d+)?$/.test(text) || /^1(\.0+)?$/.test(text)), {
    error: `${what} must be a decimal from "0" to "1" (a share, "0.3" for 30%)`,
  });
const count = (what: string, min = 0) =>
  z
    .int({ error: `${what} must be a whole JSON number from ${min} to ${Number.MAX_SAFE_INTEGER}` })
    .min(min, { error: `${what} must be at least ${min}` });
const id = (what: string) =>
  z.string({ error: `${what} must be a string` }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    error: `${what} must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit`,
  });
const date = (what: string) =>
  z
    .string({ error: `${what} must be an ISO 8601 date such as "2026-11-25"` })
    .regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/, {
      error: `${what} must be an ISO 8601 date such as "2026-11-25" or a date-time with a zone such as "2026-11-25T00:00:00Z"`,
    })
    .refine((text) => !Number.isNaN(Date.parse(text)), { error: `${what} is not a real calendar date` });
function buildSchemas() {
  const currency = z.string({ error: 'currency must be an ISO 4217 code such as "USD"' }).regex(/^[A-Z]{3}$/, {
    error: 'currency must be an ISO 4217 code of three capital letters such as "USD"',
  });
  const region = z.string({ error: 'region must be an ISO 3166-1 alpha-2 code such as "US"' }).regex(/^[A-Z]{2}$/, {
    error: 'region must be an ISO 3166-1 alpha-2 code of two capital letters such as "US"',
  });
  // a literal union end to end: a table's rounding is a RoundingMode, not a string
  const rounding = z.enum(ROUNDING_MODES, { error: `rounding must be one of ${ROUNDING_MODES.join(', ')}` });
  const sourceKey = z.string({ error: 'source must name a key of the table\'s "sources"' }).min(1);
  const text = (what: string) => z.string({ error: `${what} must be a string` }).min(1, { error: `${what} must not be empty` });

  /** Where a figure comes from, and — when it is not sourced directly — the rule that derived it. */
  const provenance = {
    /** Key of an entry in the table's `sources`. */
    source: sourceKey.optional(),
    /** Present when the figure is derived rather than sourced: the rule, in words. */
    derived: text('derived').optional(),
    /** Other sources that report the same figure (keys of the table's `sources`). */
    alsoReportedBy: z.array(sourceKey).min(1).optional(),
  };

  /** A source of figures: a page or document, with the date it was read or published. */
  const sourceSchema = z.strictObject({
    key: id('source key'),
    title: text('title'),
    url: z.url({ error: 'url must be an absolute URL' }).optional(),
    retrieved: date('retrieved').optional(),
    published: text('published').optional(),
  });

  /** A channel where coins are bought, with the store's commission on each purchase. */
  const channelSchema = z.strictObject({
    id: id('channel id'),
    name: text('name'),
    storeCommission: share('storeCommission'),
    ...provenance,
  });

  /** One price of a bundle: on a channel, in a currency, optionally only in some regions. */
  const bundlePriceSchema = z.strictObject({
    channel: id('channel'),
    currency,
    amount: positiveDecimal('amount'),
    /** Units given on top of the bundle's coins when bought at this price (a store's bonus). */
    bonus: count('bonus').optional(),
    regions: z.array(region).min(1).optional(),
    ...provenance,
  });

  /** A fixed pack of coins and its prices. */
  const bundleSchema = z.strictObject({
    id: id('bundle id'),
    coins: count('coins', 1),
    prices: z.array(bundlePriceSchema).min(1, { error: 'a bundle needs at least one price' }),
    ...provenance,
  });

  /** Any number of coins between a minimum and a maximum, at a per-coin price rounded once per purchase. */
  const customAmountSchema = z.strictObject({
    channel: id('channel'),
    currency,
    pricePerCoin: positiveDecimal('pricePerCoin'),
    minCoins: count('minCoins', 1),
    maxCoins: count('maxCoins', 1),
    step: count('step', 1).default(1),
    rounding,
    regions: z.array(region).min(1).optional(),
    ...provenance,
  });

  /** A virtual gift and its price in coins. */
  const giftSchema = z.strictObject({
    id: id('gift id'),
    name: text('name'),
    coins: count('coins', 1),
    /** Streakable gifts (TikTok's giftType 1) are sent in runs counted once at the end. */
    streakable: z.boolean().optional(),
    tags: z.array(text('tag')).optional(),
    availableFrom: date('availableFrom').optional(),
    availableTo: date('availableTo').optional(),
    ...provenance,
  });

  /** How gift coins become diamonds: the share, its rounding, and where the rounding happens. */
  const creatorShareSchema = z.strictObject({
    diamondsPerCoin: share('diamondsPerCoin'),
    rounding,
    /**
     * Where the rounding happens: `per-gift` rounds each single gift (a streak of 5 Roses is 5 gifts:
     * round(price × share) × 5); `per-event` rounds each event or streak message (round(price × 5 × share));
     * `per-settlement` rounds each creator's total once.
     */
    scope: z.enum(['per-gift', 'per-event', 'per-settlement'], { error: 'scope must be "per-gift", "per-event" or "per-settlement"' }),
    ...provenance,
  });

  /** What a diamond is worth in money before payout fees. */
  const diamondValueSchema = z.strictObject({
    currency,
    perDiamond: positiveDecimal('perDiamond'),
    rounding,
    ...provenance,
  });

  /** A way to cash out, with its fees. */
  /** A waiting time in whole days, with its own source. */
  const delaySchema = z.strictObject({ days: count('days'), ...provenance });

  const payoutMethodSchema = z.strictObject({
    id: id('payout method id'),
    name: text('name'),
    percentFee: share('percentFee'),
    fixedFee: nonNegativeDecimal('fixedFee'),
    feeRounding: rounding.default('half-even'),
    /** Days the method adds before the money arrives (e.g. a PayPal hold), when a source gives them. */
    delay: delaySchema.optional(),
    ...provenance,
  });

  /** Cashing diamonds out: currency, minimum, optional daily maximum, methods. */
  const payoutSchema = z.strictObject({
    currency,
    /** The smallest withdrawal; absent when no source publishes one (answers then say "not known"). */
    minimum: nonNegativeDecimal('minimum').optional(),
    maximumPerDay: positiveDecimal('maximumPerDay').optional(),
    /** Days the platform takes to review and process a withdrawal, when a source gives them. */
    processing: delaySchema.optional(),
    methods: z.array(payoutMethodSchema).min(1, { error: 'payout needs at least one method' }),
    ...provenance,
  });

  /** What a region allows for one feature. */
  const featureRuleSchema = z.strictObject({
    available: z.boolean().default(true),
    minAge: count('minAge').optional(),
    channels: z.array(id('channel')).min(1).optional(),
    from: date('from').optional(),
    to: date('to').optional(),
    reason: text('reason').optional(),
    ...provenance,
  });

  const featureRules = z.record(id('feature'), featureRuleSchema);

  /** The rules everywhere unless a region says otherwise. */
  const defaultRegionSchema = z.strictObject({
    currency,
    channels: z.array(id('channel')).min(1),
    features: featureRules,
  });

  /** One region's differences from the default rules. */
  const regionRuleSchema = z.strictObject({
    region,
    name: text('name').optional(),
    currency: currency.optional(),
    channels: z.array(id('channel')).min(1).optional(),
    features: featureRules.default({}),
    ...provenance,
  });

  /**
   * How a region the rules do not list is answered: with the default rules (`allow`), refused, or "not
   * known" (`unknown`: e.g. a platform that publishes no list of countries).
   */
  const unlistedSchema = z.strictObject({
    answer: z.enum(['allow', 'refuse', 'unknown'], { error: 'answer must be "allow", "refuse" or "unknown"' }),
    reason: text('reason').optional(),
    ...provenance,
  });

  /** Treasure chests: limits a viewer must respect when dropping coins for others to claim. */
  const chestsSchema = z.strictObject({
    minCoins: count('minCoins', 1).optional(),
    maxCoins: count('maxCoins', 1).optional(),
    maxClaimants: count('maxClaimants', 1).optional(),
    minCountdownSeconds: count('minCountdownSeconds').optional(),
    maxCountdownSeconds: count('maxCountdownSeconds').optional(),
    /** How coins are shared among claimants: evenly, or at random (seeded). */
    split: z.enum(['even', 'random'], { error: 'split must be "even" or "random"' }).default('random'),
    ...provenance,
  });

  /**
   * A way to pay for coins (card, PayPal, carrier billing, a virtual prepaid card, a reseller, a store's
   * billing) on some channels, in some regions (all when absent), with its own commission when one is known.
   */
  const paymentMethodSchema = z.strictObject({
    id: id('payment method id'),
    name: text('name'),
    channels: z.array(id('channel')).min(1),
    regions: z.array(region).min(1).optional(),
    /** The share of the price the method keeps, beyond the channel's store commission. */
    commission: share('commission').optional(),
    ...provenance,
  });

  /** Whether bought coins can be refunded, as a sourced figure (absent: no published rule, so no refunds are modelled). */
  const refundsSchema = z.strictObject({ allowed: z.boolean(), ...provenance });

  /** A whole economy as one document. */
  const rateTableSchema = z.strictObject({
    id: id('id'),
    version: text('version'),
    name: text('name'),
    description: text('description').optional(),
    effectiveFrom: date('effectiveFrom'),
    effectiveTo: date('effectiveTo').optional(),
    units: z.strictObject({ coin: text('coin'), diamond: text('diamond') }).default({ coin: 'coin', diamond: 'diamond' }),
    sources: z.array(sourceSchema).default([]),
    currencies: z.array(currency).min(1, { error: 'list at least one currency' }),
    features: z.array(id('feature')).min(1, { error: 'list at least one feature' }),
    channels: z.array(channelSchema).min(1, { error: 'list at least one channel' }),
    bundles: z.array(bundleSchema).default([]),
    customAmounts: z.array(customAmountSchema).default([]),
    gifts: z.array(giftSchema).default([]),
    creatorShare: creatorShareSchema,
    diamondValue: diamondValueSchema,
    agencyShare: share('agencyShare').optional(),
    payout: payoutSchema,
    regions: z.strictObject({
      default: defaultRegionSchema,
      rules: z.array(regionRuleSchema).default([]),
      unlisted: unlistedSchema.default({ answer: 'allow' }),
    }),
    chests: chestsSchema.optional(),
    refunds: refundsSchema.optional(),
    paymentMethods: z.array(paymentMethodSchema).default([]),
  });

  return {
    source: sourceSchema,
    channel: channelSchema,
    bundlePrice: bundlePriceSchema,
    bundle: bundleSchema,
    customAmount: customAmountSchema,
    gift: giftSchema,
    creatorShare: creatorShareSchema,
    diamondValue: diamondValueSchema,
    payoutMethod: payoutMethodSchema,
    payout: payoutSchema,
    featureRule: featureRuleSchema,
    defaultRegion: defaultRegionSchema,
    regionRule: regionRuleSchema,
    chests: chestsSchema,
    paymentMethod: paymentMethodSchema,
    refunds: refundsSchema,
    rateTable: rateTableSchema,
  };
}

/**
 * The zod schemas of a rate table, one per part.
 * @example
 * ```ts
 * import { type RateTableSchemas, rateTableSchemas } from 'gift-economy';
 * const schemas: RateTableSchemas = rateTableSchemas();
 * console.log(schemas.creatorShare.safeParse({ diamondsPerCoin: '2', rounding: 'floor', scope: 'per-gift' }).success); // false
 * ```
 * @category Rate tables
 */
export type RateTableSchemas = ReturnType<typeof buildSchemas>;

let built: RateTableSchemas | undefined;

/**
 * The zod schemas of a rate table (`rateTable` for the whole document, and one per part), built on first use
 * so that code which never validates a table never constructs them (and a bundler can leave zod out).
 *
 * @example
 * ```ts
 * import { rateTableSchemas } from 'gift-economy';
 * console.log(rateTableSchemas().gift.safeParse({ id: 'rose', name: 'Rose', coins: 1 }).success); // true
 * ```
 * @category Rate tables
 */
export function rateTableSchemas(): RateTableSchemas {
  built ??= buildSchemas();
  return built;
}

/**
 * A validated rate table document, as JSON-ready data (amounts are decimal strings).
 *
 * @example
 * ```ts
 * import type { RateTableDocument } from 'gift-economy';
 * const label = (table: RateTableDocument) => `${table.id}@${table.version}`;
 * ```
 * @category Rate tables
 */
export type RateTableDocument = z.output<RateTableSchemas['rateTable']>;
/**
 * What a rate table document may look like before defaults are applied (the JSON a user writes).
 * @example
 * ```ts
 * import { parseRateTable, type RateTableInput } from 'gift-economy';
 * import { twitchBitsDocument } from 'gift-economy/presets/twitch-bits';
 * const input: RateTableInput = { ...twitchBitsDocument, version: 'mine' };
 * console.log(parseRateTable(input).ref); // twitch-bits@mine
 * ```
 * @category Rate tables
 */
export type RateTableInput = z.input<RateTableSchemas['rateTable']>;
/**
 * One region's rule for one feature.
 * @example
 * ```ts
 * import type { FeatureRule } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const rule: FeatureRule | undefined = tiktok.regionRule('RU')?.features['go-live'];
 * console.log(rule?.available, rule?.from); // false 2022-03-06
 * ```
 * @category Rate tables
 */
export type FeatureRule = z.output<RateTableSchemas['featureRule']>;
/**
 * A gift as the table describes it.
 * @example
 * ```ts
 * import type { GiftDocument } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const rose: GiftDocument | undefined = tiktok.gift('Rose');
 * console.log(rose?.id, rose?.streakable); // 5655 true
 * ```
 * @category Rate tables
 */
export type GiftDocument = z.output<RateTableSchemas['gift']>;
/**
 * A coin bundle as the table describes it.
 * @example
 * ```ts
 * import type { BundleDocument } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const pack: BundleDocument | undefined = tiktok.document.bundles[0];
 * console.log(pack?.coins, pack?.prices.length); // 70 3
 * ```
 * @category Rate tables
 */
export type BundleDocument = z.output<RateTableSchemas['bundle']>;
/**
 * A custom amount as the table describes it.
 * @example
 * ```ts
 * import type { CustomAmountDocument } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const custom: CustomAmountDocument | undefined = tiktok.document.customAmounts[0];
 * console.log(custom?.pricePerCoin, custom?.maxCoins); // 0.0106 2500000
 * ```
 * @category Rate tables
 */
export type CustomAmountDocument = z.output<RateTableSchemas['customAmount']>;
/**
 * One region's differences from the default.
 * @example
 * ```ts
 * import type { RegionRuleDocument } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const kr: RegionRuleDocument | undefined = tiktok.regionRule('KR');
 * console.log(kr?.name, Object.keys(kr?.features ?? {})); // South Korea [ 'buy-coins', 'send-gifts' ]
 * ```
 * @category Rate tables
 */
export type RegionRuleDocument = z.output<RateTableSchemas['regionRule']>;

/**
 * A channel where coins are bought, with the store's commission on each purchase.
 * @example
 * ```ts
 * import type { ChannelDocument } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const ios: ChannelDocument | undefined = tiktok.channel('ios');
 * console.log(ios?.storeCommission); // 0.30
 * ```
 * @category Rate tables
 */
export type ChannelDocument = z.output<RateTableSchemas['channel']>;

/**
 * A way to pay for coins on some channels and regions.
 * @example
 * ```ts
 * import type { PaymentMethodDocument } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const [store]: readonly PaymentMethodDocument[] = tiktok.paymentMethods('android', 'US');
 * console.log(store?.name); // Google Play billing
 * ```
 * @category Rate tables
 */
export type PaymentMethodDocument = z.output<RateTableSchemas['paymentMethod']>;
