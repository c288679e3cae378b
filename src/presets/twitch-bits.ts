import { compileRateTable, type RateTable } from '../table/compile.js';
import type { RateTableDocument } from '../table/schema.js';

/**
 * Twitch Bits as publicly reported (../shared/data/other-economies.json, retrieved 2026-11-25): web and
 * mobile-app bundles, and USD 0.01 to the streamer per Bit cheered. Publicly reported figures, not official
 * rates. The same model as TikTok with other names: a Bit is the "coin", the streamer's cent-per-Bit credit
 * is the "diamond". Not in the sources, so left neutral and marked derived: the app store commission, a
 * payout minimum, ages.
 *
 * @example
 * ```ts
 * import { twitchBitsDocument } from 'gift-economy/presets/twitch-bits';
 * console.log(twitchBitsDocument.units.coin, twitchBitsDocument.diamondValue.perDiamond); // bit 0.01
 * ```
 * @category Presets
 */
export const twitchBitsDocument: RateTableDocument = {
  id: 'twitch-bits',
  version: '2026-11-25',
  name: 'Twitch Bits (publicly reported figures)',
  effectiveFrom: '2026-11-25',
  units: { coin: 'bit', diamond: 'bit credit' },
  sources: [
    {
      key: 'streamlabs-bits',
      title: 'What are Twitch Bits Worth, and How do you Buy Them? (Streamlabs content hub)',
      url: 'https://streamlabs.com/pt-br/content-hub/post/what-are-twitch-bits-worth',
      retrieved: '2026-11-25',
    },
    {
      key: 'dexerto-bits',
      title: 'What are bits on Twitch and how much are they worth? (Dexerto, deploy-preview copy)',
      url: 'https://deploy-preview-727--dexerto-com.netlify.app/entertainment/what-are-bits-on-twitch-and-how-much-are-they-worth-1546972',
      retrieved: '2026-11-25',
    },
    {
      key: 'sportskeeda-bits',
      title: "How do 'Bits' work on Twitch? (Sportskeeda)",
      url: 'https://www.sportskeeda.com/esports/how-bits-work-twitch',
      published: '2020-07-03',
    },
    {
      key: 'vanpatten-bits',
      title: 'Avoid Using Twitch Bits to Support Streamers (Jason Van Patten blog)',
      url: 'https://www.jasonvanpatten.com/2017/02/11/avoid-using-twitch-bits-to-support-streamers/',
      published: '2017-02-11',
    },
    {
      key: 'richsigfrit-bits',
      title: "Twitch Bits (streamer page restating Twitch's revenue-share wording)",
      url: 'http://richsigfrit.com/twitch/twitch-bits/',
      retrieved: '2026-11-25',
    },
  ],
  currencies: ['USD'],
  features: ['buy-coins', 'send-gifts', 'receive-gifts', 'cash-out'],
  channels: [
    {
      id: 'web',
      name: 'Twitch website',
      storeCommission: '0',
      source: 'streamlabs-bits',
      derived: 'bought on the website, outside app-store billing',
    },
    {
      id: 'app',
      name: 'Twitch mobile app',
      storeCommission: '0.30',
      derived: 'not in the sources: the standard app-store commission (30%) as a neutral assumption',
    },
  ],
  bundles: [
    {
      id: 'web-100',
      coins: 100,
      prices: [
        {
          channel: 'web',
          currency: 'USD',
          amount: '1.40',
          source: 'streamlabs-bits',
          alsoReportedBy: ['dexerto-bits', 'sportskeeda-bits'],
        },
      ],
    },
    {
      id: 'web-500',
      coins: 500,
      prices: [
        {
          channel: 'web',
          currency: 'USD',
          amount: '7.00',
          source: 'streamlabs-bits',
          alsoReportedBy: ['dexerto-bits', 'sportskeeda-bits'],
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
          amount: '19.95',
          source: 'streamlabs-bits',
          alsoReportedBy: ['dexerto-bits', 'sportskeeda-bits'],
        },
      ],
    },
    {
      id: 'web-5000',
      coins: 5000,
      prices: [
        {
          channel: 'web',
          currency: 'USD',
          amount: '64.40',
          source: 'streamlabs-bits',
          alsoReportedBy: ['dexerto-bits', 'sportskeeda-bits'],
        },
      ],
    },
    {
      id: 'web-10000',
      coins: 10000,
      prices: [
        {
          channel: 'web',
          currency: 'USD',
          amount: '126.00',
          source: 'streamlabs-bits',
          alsoReportedBy: ['dexerto-bits', 'vanpatten-bits'],
        },
      ],
    },
    {
      id: 'web-25000',
      coins: 25000,
      prices: [
        {
          channel: 'web',
          currency: 'USD',
          amount: '308.00',
          source: 'streamlabs-bits',
          alsoReportedBy: ['dexerto-bits', 'sportskeeda-bits'],
        },
      ],
    },
    {
      id: 'app-95',
      coins: 95,
      prices: [
        {
          channel: 'app',
          currency: 'USD',
          amount: '1.99',
          source: 'streamlabs-bits',
        },
      ],
    },
    {
      id: 'app-245',
      coins: 245,
      prices: [
        {
          channel: 'app',
          currency: 'USD',
          amount: '4.99',
          source: 'streamlabs-bits',
        },
      ],
    },
    {
      id: 'app-510',
      coins: 510,
      prices: [
        {
          channel: 'app',
          currency: 'USD',
          amount: '9.99',
          source: 'streamlabs-bits',
        },
      ],
    },
    {
      id: 'app-1050',
      coins: 1050,
      prices: [
        {
          channel: 'app',
          currency: 'USD',
          amount: '19.99',
          source: 'streamlabs-bits',
        },
      ],
    },
    {
      id: 'app-2750',
      coins: 2750,
      prices: [
        {
          channel: 'app',
          currency: 'USD',
          amount: '49.99',
          source: 'streamlabs-bits',
        },
      ],
    },
    {
      id: 'app-5550',
      coins: 5550,
      prices: [
        {
          channel: 'app',
          currency: 'USD',
          amount: '99.99',
          source: 'streamlabs-bits',
        },
      ],
    },
    {
      id: 'app-11500',
      coins: 11500,
      prices: [
        {
          channel: 'app',
          currency: 'USD',
          amount: '199.99',
          source: 'streamlabs-bits',
        },
      ],
    },
  ],
  customAmounts: [],
  gifts: [{ id: 'cheer', name: 'Cheer (1 Bit)', coins: 1, derived: 'a Cheer spends any number of Bits; one unit is one Bit' }],
  creatorShare: {
    diamondsPerCoin: '1',
    rounding: 'floor',
    scope: 'per-gift',
    source: 'streamlabs-bits',
    alsoReportedBy: ['richsigfrit-bits', 'vanpatten-bits'],
  },
  diamondValue: { currency: 'USD', perDiamond: '0.01', rounding: 'half-even', source: 'streamlabs-bits' },
  payout: {
    currency: 'USD',
    derived: 'no payout minimum is published: withdrawals answer "minimum not known"',
    methods: [
      { id: 'payout', name: 'Twitch payout', percentFee: '0', fixedFee: '0', feeRounding: 'half-even', derived: 'no fee in the sources' },
    ],
  },
  regions: {
    unlisted: {
      answer: 'unknown',
      reason: 'the sources give no list of countries where Bits can be bought and cheered',
      derived: 'no source lists countries',
    },
    default: {
      currency: 'USD',
      channels: ['web', 'app'],
      features: {
        'buy-coins': { available: true, source: 'streamlabs-bits', derived: 'the source describes it with no country or age rule' },
        'send-gifts': { available: true, source: 'streamlabs-bits', derived: 'the source describes it with no country or age rule' },
        'receive-gifts': { available: true, reason: 'Partners and Affiliates receive Bits', source: 'streamlabs-bits' },
        'cash-out': {
          available: true,
          source: 'streamlabs-bits',
          derived: 'Partners and Affiliates are paid for their Bits; no country or age rule is given',
        },
      },
    },
    rules: [
      {
        region: 'US',
        name: 'United States',
        features: {},
        source: 'streamlabs-bits',
        derived: 'the sources quote USD prices, as paid in the US, so the default rules apply there',
      },
    ],
  },
  paymentMethods: [],
};

/**
 * The names questions on this preset may use: its channels, and its gift by id or name (literal types).
 * @example
 * ```ts
 * import type { TwitchBitsNames } from 'gift-economy/presets/twitch-bits';
 * const channel: TwitchBitsNames['channel'] = 'web';
 * console.log(channel); // web
 * ```
 * @category Presets
 */
export interface TwitchBitsNames {
  readonly channel: 'web' | 'app';
  readonly gift: 'cheer' | 'Cheer (1 Bit)';
}

/**
 * The Twitch Bits preset, compiled.
 *
 * @example
 * ```ts
 * import { twitchBits } from 'gift-economy/presets/twitch-bits';
 * console.log(twitchBits.offers('web', 'USD')?.planner.cheapestMinor(1000)); // 1400: two 500-Bit packs at 7.00
 * ```
 * @category Presets
 */
export const twitchBits: RateTable<TwitchBitsNames> = /* @__PURE__ */ compileRateTable<TwitchBitsNames>(twitchBitsDocument);
