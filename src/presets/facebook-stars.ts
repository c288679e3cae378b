import { compileRateTable, type RateTable } from '../table/compile.js';
import type { RateTableDocument } from '../table/schema.js';

/**
 * Facebook Stars as publicly reported (../shared/data/other-economies.json, retrieved 2026-11-25): Stars
 * store (web) packs with the bonus Stars the sources report on each web price (`bonus`: 45 + 35, 530 + 420,
 * …), so a quote counts the Stars received; one in-app pack (no bonus), and
 * USD 0.01 to the creator per Star (Meta for Creators). Publicly reported figures, not official rates. Not
 * in the sources, so left neutral and marked derived: the app store commission, a payout minimum, ages.
 *
 * @example
 * ```ts
 * import { facebookStarsDocument } from 'gift-economy/presets/facebook-stars';
 * console.log(facebookStarsDocument.units.coin, facebookStarsDocument.diamondValue.perDiamond); // star 0.01
 * ```
 * @category Presets
 */
export const facebookStarsDocument: RateTableDocument = {
  id: 'facebook-stars',
  version: '2026-11-25',
  name: 'Facebook Stars (publicly reported figures)',
  effectiveFrom: '2026-11-25',
  units: { coin: 'star', diamond: 'star credit' },
  sources: [
    {
      key: 'meta-creators-stars',
      title: 'Facebook Stars (Meta for Creators)',
      url: 'https://creators.facebook.com/tools/stars',
      retrieved: '2026-11-25',
    },
    {
      key: 'creatororg-stars',
      title: 'Facebook announces Stars for creators (creator.org)',
      url: 'https://creator.org/2020/09/facebook-announces-stars-for-creators/',
      published: '2020-09',
    },
    {
      key: 'techcrunch-stars-store',
      title: "Facebook's new website lets fans buy 'Stars' without paying the app stores' commissions (TechCrunch)",
      url: 'https://techcrunch.com/2021/12/07/facebooks-new-website-lets-fans-buy-stars-without-paying-the-app-stores-commissions/',
      published: '2021-12-07',
    },
    {
      key: 'meta-newsroom-stars-fest',
      title: 'Support Creators With Stars Fest on Facebook (Meta newsroom)',
      url: 'https://about.fb.com/news/2021/12/support-creators-with-stars-fest-on-facebook/',
      published: '2021-12-07',
    },
    {
      key: 'voonze-stars-store',
      title: 'Facebook Stars Store: what are Stars and what are they for (Voonze)',
      url: 'https://voonze.com/facebook-stars-store-what-are-stars-and-what-are-they-for/',
      retrieved: '2026-11-25',
    },
  ],
  currencies: ['USD'],
  features: ['buy-coins', 'send-gifts', 'receive-gifts', 'cash-out'],
  channels: [
    {
      id: 'web',
      name: 'Stars store (website)',
      storeCommission: '0',
      source: 'techcrunch-stars-store',
      derived: 'the website avoids app-store commissions',
    },
    {
      id: 'app',
      name: 'Facebook app (in-app purchase)',
      storeCommission: '0.30',
      source: 'techcrunch-stars-store',
      derived: 'in-app purchases go through Apple or Google; the standard 30% as a neutral assumption',
    },
  ],
  bundles: [
    {
      id: 'web-45',
      coins: 45,
      prices: [
        {
          channel: 'web',
          currency: 'USD',
          amount: '0.99',
          bonus: 35,
          source: 'techcrunch-stars-store',
        },
      ],
    },
    {
      id: 'web-530',
      coins: 530,
      prices: [
        {
          channel: 'web',
          currency: 'USD',
          amount: '9.99',
          bonus: 420,
          source: 'techcrunch-stars-store',
        },
      ],
    },
    {
      id: 'app-530',
      coins: 530,
      prices: [
        {
          channel: 'app',
          currency: 'USD',
          amount: '9.99',
          source: 'techcrunch-stars-store',
        },
      ],
    },
    {
      id: 'web-6400',
      coins: 6400,
      prices: [
        {
          channel: 'web',
          currency: 'USD',
          amount: '99.99',
          bonus: 3600,
          source: 'techcrunch-stars-store',
        },
      ],
    },
    {
      id: 'web-145',
      coins: 145,
      prices: [
        {
          channel: 'web',
          currency: 'USD',
          amount: '2.99',
          bonus: 90,
          source: 'voonze-stars-store',
        },
      ],
    },
    {
      id: 'web-310',
      coins: 310,
      prices: [
        {
          channel: 'web',
          currency: 'USD',
          amount: '5.99',
          bonus: 180,
          source: 'voonze-stars-store',
        },
      ],
    },
    {
      id: 'web-1500',
      coins: 1500,
      prices: [
        {
          channel: 'web',
          currency: 'USD',
          amount: '24.99',
          bonus: 735,
          source: 'voonze-stars-store',
        },
      ],
    },
    {
      id: 'web-3000',
      coins: 3000,
      prices: [
        {
          channel: 'web',
          currency: 'USD',
          amount: '49.99',
          bonus: 1465,
          source: 'voonze-stars-store',
        },
      ],
    },
  ],
  customAmounts: [],
  gifts: [{ id: 'star', name: 'Star', coins: 1, derived: 'Stars are sent in any number; one unit is one Star' }],
  creatorShare: { diamondsPerCoin: '1', rounding: 'floor', scope: 'per-gift', source: 'meta-creators-stars' },
  diamondValue: {
    currency: 'USD',
    perDiamond: '0.01',
    rounding: 'half-even',
    source: 'meta-creators-stars',
    alsoReportedBy: ['creatororg-stars'],
  },
  payout: {
    currency: 'USD',
    derived: 'no payout minimum is published: withdrawals answer "minimum not known"; payment is Net30 (creatororg-stars)',
    methods: [
      { id: 'payout', name: 'Meta payout', percentFee: '0', fixedFee: '0', feeRounding: 'half-even', derived: 'no fee in the sources' },
    ],
  },
  regions: {
    unlisted: {
      answer: 'unknown',
      reason: 'the sources give no list of countries where Stars can be bought and sent',
      derived: 'no source lists countries',
    },
    default: {
      currency: 'USD',
      channels: ['web', 'app'],
      features: {
        'buy-coins': { available: true, source: 'meta-creators-stars', derived: 'the source describes it with no country or age rule' },
        'send-gifts': { available: true, source: 'meta-creators-stars', derived: 'the source describes it with no country or age rule' },
        'receive-gifts': { available: true, source: 'meta-creators-stars' },
        'cash-out': { available: true, source: 'meta-creators-stars', derived: 'the source describes it with no country or age rule' },
      },
    },
    rules: [
      {
        region: 'US',
        name: 'United States',
        features: {},
        source: 'techcrunch-stars-store',
        derived: 'the sources quote USD prices, as paid in the US, so the default rules apply there',
      },
    ],
  },
  // the Stars store website takes Facebook Pay; in-app purchases go through Apple or Google (techcrunch-stars-store)
  paymentMethods: [
    {
      id: 'facebook-pay',
      name: 'Facebook Pay (Stars store website)',
      channels: ['web'],
      source: 'techcrunch-stars-store',
      alsoReportedBy: ['meta-newsroom-stars-fest'],
    },
    { id: 'app-store-billing', name: 'Apple or Google in-app purchase', channels: ['app'], source: 'techcrunch-stars-store' },
  ],
};

/**
 * The names questions on this preset may use: its channels, and its gift by id or name (literal types).
 * @example
 * ```ts
 * import type { FacebookStarsNames } from 'gift-economy/presets/facebook-stars';
 * const channel: FacebookStarsNames['channel'] = 'web';
 * console.log(channel); // web
 * ```
 * @category Presets
 */
export interface FacebookStarsNames {
  readonly channel: 'web' | 'app';
  readonly gift: 'star' | 'Star';
}

/**
 * The Facebook Stars preset, compiled.
 *
 * @example
 * ```ts
 * import { facebookStars } from 'gift-economy/presets/facebook-stars';
 * console.log(facebookStars.offers('app', 'USD')?.planner.cheapestMinor(500)); // 999: one 530-Star pack
 * ```
 * @category Presets
 */
export const facebookStars: RateTable<FacebookStarsNames> = /* @__PURE__ */ compileRateTable<FacebookStarsNames>(facebookStarsDocument);
