import { compileRateTable, type RateTable } from '../table/compile.js';
import type { FeatureRule as FeatureRuleDocument, GiftDocument, RateTableDocument } from '../table/schema.js';

const FEATURES = ['buy-coins', 'send-gifts', 'receive-gifts', 'go-live', 'cash-out', 'chests'] as const;

/** One rule for every feature: where the whole app is not available. */
function everyFeature(rule: FeatureRuleDocument): Record<string, FeatureRuleDocument> {
  return Object.fromEntries(FEATURES.map((feature) => [feature, rule]));
}

/** A gift whose id and name the type checker keeps as literals (for {@link TikTokNames}); the value is the gift itself. */
function gift<const Id extends string, const Name extends string>(
  document: GiftDocument & { id: Id; name: Name },
): GiftDocument & { id: Id; name: Name } {
  return document;
}

/** The 57 gifts of tiktok.json, each with its source. */
const TIKTOK_GIFTS = [
  gift({
    id: '5655',
    name: 'Rose',
    coins: 1,
    streakable: true,
    source: 'gg-2024',
    alsoReportedBy: ['ttlc-readme', 'synchra-gifts'],
  }),
  gift({
    id: '5269',
    name: 'TikTok',
    coins: 1,
    streakable: true,
    source: 'gg-2024',
  }),
  gift({
    id: '5827',
    name: 'Ice Cream Cone',
    coins: 1,
    streakable: true,
    source: 'gg-2024',
  }),
  gift({
    id: '6064',
    name: 'GG',
    coins: 1,
    streakable: true,
    source: 'gg-2024',
  }),
  gift({
    id: '6246',
    name: 'Thumbs Up',
    coins: 1,
    streakable: true,
    source: 'gg-2024',
  }),
  gift({
    id: '6247',
    name: 'Heart',
    coins: 1,
    streakable: true,
    source: 'gg-2024',
  }),
  gift({
    id: '6784',
    name: 'Cake Slice',
    coins: 1,
    streakable: true,
    source: 'gg-2024',
  }),
  gift({
    id: '7934',
    name: 'Heart Me',
    coins: 1,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '37',
    name: 'Panda',
    coins: 5,
    source: 'synchra-gifts',
  }),
  gift({
    id: '5487',
    name: 'Finger Heart',
    coins: 5,
    streakable: true,
    source: 'gg-2024',
  }),
  gift({
    id: '8913',
    name: 'Rosa',
    coins: 10,
    streakable: true,
    source: 'gg-2024',
  }),
  gift({
    id: '9947',
    name: 'Friendship Necklace',
    coins: 10,
    streakable: true,
    source: 'gg-2024',
  }),
  gift({
    id: '5658',
    name: 'Perfume',
    coins: 20,
    streakable: true,
    source: 'gg-2024',
  }),
  gift({
    id: '5879',
    name: 'Doughnut',
    coins: 30,
    streakable: true,
    source: 'gg-2024',
  }),
  gift({
    id: '6104',
    name: 'Cap',
    coins: 99,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '5659',
    name: 'Paper Crane',
    coins: 99,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '6427',
    name: 'Hat and Mustache',
    coins: 99,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '6432',
    name: 'Star',
    coins: 99,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '5585',
    name: 'Confetti',
    coins: 100,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '5660',
    name: 'Hand Hearts',
    coins: 100,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '6968',
    name: 'Hand Heart',
    coins: 100,
    source: 'synchra-gifts',
  }),
  gift({
    id: '5509',
    name: 'Sunglasses',
    coins: 199,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '6267',
    name: 'Corgi',
    coins: 299,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '6007',
    name: 'Boxing Gloves',
    coins: 299,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '7168',
    name: 'Money Gun',
    coins: 500,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '7122',
    name: 'Gem Gun',
    coins: 500,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '5897',
    name: 'Swan',
    coins: 699,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '5978',
    name: 'Train',
    coins: 899,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '5886',
    name: 'Galaxy',
    coins: 1000,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '5587',
    name: 'Gold Mine',
    coins: 1000,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '6820',
    name: 'Whale diving',
    coins: 2150,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '5765',
    name: 'Motorcycle',
    coins: 2988,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '5767',
    name: 'Private Jet',
    coins: 4888,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '6646',
    name: 'Leon the Kitten',
    coins: 4888,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '6089',
    name: 'Sports Car',
    coins: 7000,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '6149',
    name: 'Interstellar',
    coins: 10000,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '7627',
    name: 'Hawk',
    coins: 10999,
    source: 'synchra-gifts',
  }),
  gift({
    id: '5954',
    name: 'Planet',
    coins: 15000,
    source: 'synchra-gifts',
  }),
  gift({
    id: '9466',
    name: 'Amusement Park',
    coins: 17000,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '5930',
    name: 'Rocket',
    coins: 20000,
    source: 'synchra-gifts',
  }),
  gift({
    id: '6833',
    name: 'Fantasy Castle',
    coins: 20000,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '6751',
    name: 'TikTok Shuttle',
    coins: 20000,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '9501',
    name: 'Yacht',
    coins: 20000,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '7319',
    name: 'Phoenix',
    coins: 25999,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '7610',
    name: 'Dragon Flame',
    coins: 26999,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '6369',
    name: 'Lion',
    coins: 29999,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '8391',
    name: 'Sam the Whale',
    coins: 30000,
    source: 'synchra-gifts',
  }),
  gift({
    id: '8602',
    name: 'Gorilla',
    coins: 30000,
    source: 'synchra-gifts',
  }),
  gift({
    id: '7823',
    name: 'Leon and Lion',
    coins: 34000,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '8456',
    name: 'Zeus',
    coins: 34000,
    source: 'synchra-gifts',
  }),
  gift({
    id: '8381',
    name: 'Seal and Whale',
    coins: 34500,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '7312',
    name: 'TikTok Universe+',
    coins: 34999,
    streakable: false,
    source: 'gg-2024',
    alsoReportedBy: ['ttlj-2023'],
  }),
  gift({
    id: '8582',
    name: 'TikTok Stars',
    coins: 39999,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '8651',
    name: 'Thunder Falcon',
    coins: 39999,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '9092',
    name: 'Fire Phoenix',
    coins: 41999,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '9427',
    name: 'Pegasus',
    coins: 42999,
    streakable: false,
    source: 'gg-2024',
  }),
  gift({
    id: '9072',
    name: 'TikTok Universe',
    coins: 44999,
    streakable: false,
    source: 'gg-2024',
    alsoReportedBy: ['ttlj-2023'],
  }),
];

/**
 * The names TikTok questions may use: its channels, and its gifts by id or name (literal types, so
 * `quoteCoins(tiktok, { channel: 'iphone', … })` fails `tsc`). Names are also matched without case at run time.
 * @example
 * ```ts
 * import type { TikTokNames } from 'gift-economy/presets/tiktok';
 * const lion: TikTokNames['gift'] = 'Lion';
 * const byId: TikTokNames['gift'] = '6369';
 * console.log(lion, byId); // Lion 6369
 * ```
 * @category Presets
 */
export interface TikTokNames {
  readonly channel: 'ios' | 'android' | 'web';
  readonly gift: (typeof TIKTOK_GIFTS)[number]['id' | 'name'];
}

/**
 * TikTok LIVE as publicly reported, read from the sources listed in the document (retrieved 2026-11-25).
 * These are publicly reported figures, not official TikTok rates: TikTok publishes no rate card. Every
 * figure names its source; figures the sources leave open are either left out or derived by a stated rule
 * and marked `derived`:
 *
 * - iOS and Android: no source separates them, so both app channels carry the same sourced app ladder.
 * - Web: the one sourced web pack (70 coins for USD 0.74) and a custom amount of 30–2,500,000 coins (a
 *   Japanese source) at a derived per-coin price: 0.74 / 70 = 0.0105714…, rounded up to USD 0.0106.
 * - Coins to diamonds: 1 diamond per coin of gift value, a diamond worth USD 0.005 (the better-sourced
 *   reading); the "0.5 diamond per coin" reading is the overlay `tiktokHalfDiamondOverlay`.
 * - Payout minimum USD 100 is from a 2019 TikTok page; today's page says only "certain thresholds".
 * - Two app ladders are reported in USD. The 70-coin ladder (70 … 17,500 coins; backtofront, businesshab,
 *   techtoday-2025 of June 2025) is the preset's; the 65-coin ladder (65 … 6,607; bloc4you, tiktokcoins-ai,
 *   apps-uk) is the overlay `tiktokAppLadder65Overlay`. The choice is not settled: TechCrunch (2024) puts
 *   in-app packs at 20–16,500 coins, which fits the 65-coin ladder and the GBP one; the 70-coin ladder has the
 *   most and the most recent sources, and matches the web pack's size. Apply the overlay to use the other.
 * - Left out: the 5-coin pack (low confidence), the US "Scaled LIVE rewards" (performance-based, up to 53%).
 *
 * @example
 * ```ts
 * import { tiktokDocument } from 'gift-economy/presets/tiktok';
 * console.log(tiktokDocument.gifts.length, tiktokDocument.diamondValue.perDiamond); // 57 0.005
 * ```
 * @category Presets
 */
export const tiktokDocument: RateTableDocument = {
  id: 'tiktok',
  version: '2026-11-25',
  name: 'TikTok LIVE (publicly reported figures)',
  description: 'Publicly reported figures from secondary and official pages, each with its source; not an official rate card.',
  effectiveFrom: '2026-11-25',
  units: { coin: 'coin', diamond: 'diamond' },
  sources: [
    {
      key: 'gg-2024',
      title:
        "TikTok-LIVE-Private/GiftsGenerator gifts.json (TikTok webcast /gift/list payload merged with a streamdps.com scrape; 'combo' flag copied from TikTok's payload)",
      url: 'https://github.com/TikTok-LIVE-Private/GiftsGenerator/blob/4e2c65d23bd35a4d2582e7f66734bfbcfcafd981/gifts.json',
      published: '2024-02-21',
    },
    {
      key: 'synchra-gifts',
      title:
        "Bluscream/synchra-api data/tiktok_gifts.json (289 gifts; ids and diamond_count from TikTok's webcast payload via the alberand gist)",
      url: 'https://github.com/Bluscream/synchra-api/blob/0a093833c06c3364ea782e6d614ae161315dd127/data/tiktok_gifts.json',
      retrieved: '2026-11-25',
    },
    {
      key: 'ttlc-readme',
      title:
        'zerodytrash/TikTok-Live-Connector README (gift event example: Rose id 5655, diamond_count 1, type 1; streaks only for gift_type 1)',
      url: 'https://github.com/zerodytrash/TikTok-Live-Connector/blob/00062d3aeb15799bb20cb3863bb69cf598a5ed7e/README.md',
      retrieved: '2026-11-25',
    },
    {
      key: 'backtofront',
      title: 'How Much Are TikTok Gifts Worth? [ANSWERED] (backtofrontshow.com)',
      url: 'https://backtofrontshow.com/how-much-are-tiktok-gifts-worth/',
      retrieved: '2026-11-25',
    },
    {
      key: 'businesshab',
      title: 'TikTok Coins: A Comprehensive Guide (businesshab.com)',
      url: 'https://businesshab.com/comprehensive-guides-about-tiktok-coins/',
      retrieved: '2026-11-25',
    },
    {
      key: 'techtoday-2025',
      title:
        "Complete Guide to TikTok Coins Buying Gifting and Earnings - 'TikTok Coin Price Chart (Updated for June 2025)' (techtoday.gitlab.io)",
      url: 'https://techtoday.gitlab.io/post/complete-guide-to-tiktok-coins-buying-gifting-and-earning',
      published: '2025-06',
    },
    {
      key: 'bloc4you',
      title: 'TikTok Coins guide (bloc4you.com)',
      url: 'https://bloc4you.com/?p=8857',
      retrieved: '2026-11-25',
    },
    {
      key: 'apps-uk',
      title: 'How Much Are TikTok Gifts Worth? - The Figures (apps.uk)',
      url: 'https://apps.uk/how-much-are-tiktok-gifts-worth/',
      retrieved: '2026-11-25',
    },
    {
      key: 'tiktokcoins-ai',
      title: 'Understanding TikTok Coins: A Guide to Safe Purchases with Apple Pay (blog.tiktokcoins.ai)',
      url: 'https://blog.tiktokcoins.ai/understanding-tiktok-coins-a-guide-to-safe-purchases-with-apple-pay',
      retrieved: '2026-11-25',
    },
    {
      key: 'hiwildflower',
      title: 'How to buy TikTok recharge coins (hiwildflower.com)',
      url: 'https://hiwildflower.com/how-to-buy-tiktok-recharge-coins',
      retrieved: '2026-11-25',
    },
    {
      key: 'techcrunch-2024',
      title:
        "Screenshots suggest TikTok is circumventing Apple's App Store commissions (TechCrunch report, read via republished copies on ironbladeonline.com and techbrunch.co)",
      url: 'https://ironbladeonline.com/screenshots-suggest-that-tiktok-is-circumventing-apples-app-store-commissions/',
      published: '2024-04-30',
    },
    {
      key: 'assist-all-jp-2025',
      title: 'tiktokチャージの方法徹底解説 (lifestyle.assist-all.co.jp, Japan)',
      url: 'https://lifestyle.assist-all.co.jp/?p=45489',
      published: '2025',
    },
    {
      key: 'apple-finops',
      title: 'api-evangelist/ios ios-finops.yml (Apple revenue share summary)',
      url: 'https://raw.githubusercontent.com/api-evangelist/ios/main/finops/ios-finops.yml',
      published: '2026-05-22',
    },
    {
      key: 'play-15-skill',
      title: 'google-play-15-percent-tier SKILL.md (khadinakbarlabs/expo-mobile-app-builder)',
      url: 'https://raw.githubusercontent.com/khadinakbarlabs/expo-mobile-app-builder/3b1834833207216d8b15f98cbc04b47b3a2a2981/skills/google-play-15-percent-tier/SKILL.md',
      retrieved: '2026-11-25',
    },
    {
      key: 'tiktok-gifts-hr',
      title: 'TikTok Support (Croatian): Gifts / how to buy Coins - 18+ (19 in South Korea); App Store, Google Play, website',
      url: 'https://support.tiktok.com/hr/live-gifts-wallet/gifts/gifts',
      retrieved: '2026-11-25',
    },
    {
      key: 'tiktok-send-gift-cs',
      title: 'TikTok Support (Czech): Send a gift during a LIVE - 18+ (19 in South Korea); gifts only in selected countries',
      url: 'https://support.tiktok.com/cs/live-gifts-wallet/gifts/send-a-gift-during-a-live-on-tiktok',
      retrieved: '2026-11-25',
    },
    {
      key: 'tiktok-live-gifts',
      title: 'TikTok Support: LIVE Gifts on TikTok (eligibility)',
      url: 'https://support.tiktok.com/en/live-gifts-wallet/tiktok-live/live-gifts-on-tiktok',
      retrieved: '2026-11-25',
    },
    {
      key: 'tiktok-newsroom-gifting',
      title: 'TikTok Newsroom: Updating our gifting policies (Eric Han)',
      url: 'https://newsroom.tiktok.com/en-gb/updating-our-gifting-policies',
      retrieved: '2026-11-25',
    },
    {
      key: 'live-success-2025',
      title: 'Live Success newsletter: TikTok Changes The Gift System (Scaled LIVE Rewards)',
      url: 'https://live-success.beehiiv.com/p/tiktok-changes-the-gift-system',
      published: '2025-02',
    },
    {
      key: 'collectiv',
      title: 'How to Determine the Value of Diamonds on TikTok (collectivadvertising.com)',
      url: 'https://collectivadvertising.com/how-much-are-diamonds-worth-on-tiktok/',
      retrieved: '2026-11-25',
    },
    {
      key: 'simpliconvert',
      title: 'TikTok Diamond Calculator (simpliconvert.com)',
      url: 'https://simpliconvert.com/tiktok-diamond-calculator',
      retrieved: '2026-11-25',
    },
    {
      key: 'calculatecreator-2025',
      title: 'TikTok Gift Value Calculator (calculatecreator.com)',
      url: 'https://calculatecreator.com/calculators/coins-gifts-diamonds/gift',
      published: '2025-12-05',
    },
    {
      key: 'tiktok-scaled-rewards',
      title: 'TikTok Creator Academy: Scaled LIVE rewards: Supercharging your LIVE journey (stored copy came through a mirror host)',
      url: 'https://www.tiktok.com/creator-academy/en/article/scaled-live-rewards',
      published: '2025-02-06',
    },
    {
      key: 'tiktok-withdrawal-2019',
      title: 'TikTok Support: Withdrawal Instructions',
      url: 'http://support.tiktok.com/knowledge-base/withdrawal-instructions',
      published: '2019-02-19',
    },
    {
      key: 'tiktok-wallet',
      title: 'TikTok Support: LIVE Gifts & Wallet - requirements to cashing out virtual gifts',
      url: 'https://support.tiktok.com/en/live-gifts-wallet/wallet',
      retrieved: '2026-11-25',
    },
    {
      key: 'allaccess-2022',
      title: 'TikTok suspends some services in Russia (allaccess.com, quoting @TikTokComms)',
      url: 'https://www.allaccess.com/net-news/archive/story/216236/tiktok-suspends-some-services-in-russia-to-protest',
      published: '2022-03-06',
    },
    {
      key: 'cna-india-2020',
      title: "India bans 59 Chinese mobile apps over 'security' concerns, TikTok among them (CNA)",
      url: 'https://www.channelnewsasia.com/news/business/india-bans-59-chinese-mobile-apps-over-security-concerns-12882644',
      published: '2020-06-29',
    },
    {
      key: 'quint-douyin',
      title:
        'Why is Chinese app TikTok inaccessible in China? (thequintnewstoday.com: mainland China uses Douyin, a separate ByteDance app)',
      url: 'https://www.thequintnewstoday.com/why-is-chinese-app-tiktok-inaccessible-in-china/',
      retrieved: '2026-11-25',
    },
    {
      key: '1xcoins-2023',
      title: 'Understanding TikTok LIVE Gifts: How They Function (EEA/CH/UK Coins Policy and Rewards Policy, June 2022)',
      url: 'https://www.1xcoins.xyz/2023/01/understanding-tiktok-live-gifts-how.html',
      published: '2023-01',
    },
    {
      key: 'imanokoto',
      title: 'TikTokライブ 宝箱機能の詳細解説 (imanokoto.com)',
      url: 'https://imanokoto.com/1762.html',
      retrieved: '2026-11-25',
    },
    {
      key: 'yabuinu-2022',
      title: "【TikTok】宝箱ギフトとは?使い方・仕組み・コイン (yabuinunngogo.com, '2022年8月最新')",
      url: 'https://yabuinunngogo.com/tiktok%E3%81%AE%E5%AE%9D%E7%AE%B1%E3%82%AE%E3%83%95%E3%83%88%E3%81%A8%E3%81%AF%EF%BC%9F%E4%BD%BF%E3%81%84%E6%96%B9%E3%82%84%E4%BB%95%E7%B5%84%E3%81%BF%E3%81%AF%EF%BC%9F%E3%82%B3%E3%82%A4%E3%83%B3/',
      published: '2022-08',
    },
    {
      key: 'ttlj-2023',
      title:
        'jwdeveloper/TikTokLiveJava generated Gift enum (lists TikTok Universe ids 6038/6039/6041 at 34999 and 9072 at 44999, TikTok Universe+ 7312 at 34999)',
      url: 'https://github.com/jwdeveloper/TikTokLiveJava/blob/2d6111e/API/src/main/java/io/github/jwdeveloper/tiktok/data/models/gifts/Gift.java',
      published: '2023-10-12',
    },
  ],
  currencies: ['USD', 'GBP'],
  features: [...FEATURES],
  channels: [
    { id: 'ios', name: 'iOS app (App Store)', storeCommission: '0.30', source: 'apple-finops' },
    {
      id: 'android',
      name: 'Android app (Google Play)',
      storeCommission: '0.30',
      source: 'play-15-skill',
      derived: 'Google Play takes 15% of the first USD 1M a year and 30% above; a large app pays 30% on the margin',
    },
    {
      id: 'web',
      name: 'Web top-up',
      storeCommission: '0',
      source: 'tiktok-gifts-hr',
      derived: 'web purchases avoid App Store and Google Play billing, so no store commission applies',
    },
  ],
  bundles: [
    {
      id: 'usd-70',
      coins: 70,
      prices: [
        {
          channel: 'ios',
          currency: 'USD',
          amount: '0.99',
          source: 'backtofront',
          alsoReportedBy: ['businesshab', 'techtoday-2025'],
        },
        {
          channel: 'android',
          currency: 'USD',
          amount: '0.99',
          source: 'backtofront',
          alsoReportedBy: ['businesshab', 'techtoday-2025'],
        },
        {
          channel: 'web',
          currency: 'USD',
          amount: '0.74',
          source: 'hiwildflower',
        },
      ],
    },
    {
      id: 'usd-350',
      coins: 350,
      prices: [
        {
          channel: 'ios',
          currency: 'USD',
          amount: '4.99',
          source: 'backtofront',
        },
        {
          channel: 'android',
          currency: 'USD',
          amount: '4.99',
          source: 'backtofront',
        },
      ],
    },
    {
      id: 'usd-700',
      coins: 700,
      prices: [
        {
          channel: 'ios',
          currency: 'USD',
          amount: '9.99',
          source: 'backtofront',
        },
        {
          channel: 'android',
          currency: 'USD',
          amount: '9.99',
          source: 'backtofront',
        },
      ],
    },
    {
      id: 'usd-1400',
      coins: 1400,
      prices: [
        {
          channel: 'ios',
          currency: 'USD',
          amount: '19.99',
          source: 'backtofront',
        },
        {
          channel: 'android',
          currency: 'USD',
          amount: '19.99',
          source: 'backtofront',
        },
      ],
    },
    {
      id: 'usd-3500',
      coins: 3500,
      prices: [
        {
          channel: 'ios',
          currency: 'USD',
          amount: '49.99',
          source: 'backtofront',
        },
        {
          channel: 'android',
          currency: 'USD',
          amount: '49.99',
          source: 'backtofront',
        },
      ],
    },
    {
      id: 'usd-7000',
      coins: 7000,
      prices: [
        {
          channel: 'ios',
          currency: 'USD',
          amount: '99.99',
          source: 'backtofront',
        },
        {
          channel: 'android',
          currency: 'USD',
          amount: '99.99',
          source: 'backtofront',
        },
      ],
    },
    {
      id: 'usd-17500',
      coins: 17500,
      prices: [
        {
          channel: 'ios',
          currency: 'USD',
          amount: '249.99',
          source: 'backtofront',
        },
        {
          channel: 'android',
          currency: 'USD',
          amount: '249.99',
          source: 'backtofront',
        },
      ],
    },
    {
      id: 'gbp-40',
      coins: 40,
      prices: [
        {
          channel: 'ios',
          currency: 'GBP',
          amount: '0.49',
          source: 'apps-uk',
        },
        {
          channel: 'android',
          currency: 'GBP',
          amount: '0.49',
          source: 'apps-uk',
        },
      ],
    },
    {
      id: 'gbp-65',
      coins: 65,
      prices: [
        {
          channel: 'ios',
          currency: 'GBP',
          amount: '0.89',
          source: 'apps-uk',
        },
        {
          channel: 'android',
          currency: 'GBP',
          amount: '0.89',
          source: 'apps-uk',
        },
      ],
    },
    {
      id: 'gbp-330',
      coins: 330,
      prices: [
        {
          channel: 'ios',
          currency: 'GBP',
          amount: '4.49',
          source: 'apps-uk',
        },
        {
          channel: 'android',
          currency: 'GBP',
          amount: '4.49',
          source: 'apps-uk',
        },
      ],
    },
    {
      id: 'gbp-660',
      coins: 660,
      prices: [
        {
          channel: 'ios',
          currency: 'GBP',
          amount: '8.99',
          source: 'apps-uk',
        },
        {
          channel: 'android',
          currency: 'GBP',
          amount: '8.99',
          source: 'apps-uk',
        },
      ],
    },
    {
      id: 'gbp-1321',
      coins: 1321,
      prices: [
        {
          channel: 'ios',
          currency: 'GBP',
          amount: '17.99',
          source: 'apps-uk',
        },
        {
          channel: 'android',
          currency: 'GBP',
          amount: '17.99',
          source: 'apps-uk',
        },
      ],
    },
    {
      id: 'gbp-3303',
      coins: 3303,
      prices: [
        {
          channel: 'ios',
          currency: 'GBP',
          amount: '44.99',
          source: 'apps-uk',
        },
        {
          channel: 'android',
          currency: 'GBP',
          amount: '44.99',
          source: 'apps-uk',
        },
      ],
    },
    {
      id: 'gbp-6607',
      coins: 6607,
      prices: [
        {
          channel: 'ios',
          currency: 'GBP',
          amount: '89.99',
          source: 'apps-uk',
        },
        {
          channel: 'android',
          currency: 'GBP',
          amount: '89.99',
          source: 'apps-uk',
        },
      ],
    },
    {
      id: 'gbp-16500',
      coins: 16500,
      prices: [
        {
          channel: 'ios',
          currency: 'GBP',
          amount: '219.99',
          source: 'apps-uk',
        },
        {
          channel: 'android',
          currency: 'GBP',
          amount: '219.99',
          source: 'apps-uk',
        },
      ],
    },
  ],
  customAmounts: [
    {
      channel: 'web',
      currency: 'USD',
      pricePerCoin: '0.0106',
      minCoins: 30,
      maxCoins: 2500000,
      step: 1,
      rounding: 'ceil',
      source: 'assist-all-jp-2025',
      alsoReportedBy: ['techcrunch-2024'],
      derived:
        'limits 30–2,500,000 coins from a Japanese source; the per-coin price is not public: the sourced web pack 0.74 / 70 = 0.0105714… rounded up to 4 places',
    },
  ],
  gifts: TIKTOK_GIFTS,
  creatorShare: {
    diamondsPerCoin: '1',
    rounding: 'floor',
    scope: 'per-gift',
    source: 'live-success-2025',
    derived:
      "inferred by the source: creators get '50% of the value of their LIVE diamonds, typically 0.5 cents per diamond', and TikTok's payload names a gift's coin price diamond_count",
  },
  diamondValue: {
    currency: 'USD',
    perDiamond: '0.005',
    rounding: 'half-even',
    source: 'live-success-2025',
    alsoReportedBy: ['collectiv', 'simpliconvert', 'calculatecreator-2025'],
  },
  payout: {
    currency: 'USD',
    minimum: '100',
    maximumPerDay: '1000',
    source: 'tiktok-withdrawal-2019',
    derived:
      "minimum USD 100 as of 2019-02-19 on TikTok's withdrawal page, which also gives the USD 1,000 daily maximum that tiktok-wallet states today; today's page says only 'certain thresholds' for the minimum",
    processing: { days: 15, source: 'tiktok-wallet' },
    methods: [
      {
        id: 'paypal',
        name: 'PayPal',
        percentFee: '0',
        fixedFee: '0',
        feeRounding: 'half-even',
        delay: { days: 21, source: 'tiktok-withdrawal-2019' },
        source: 'tiktok-wallet',
        derived: "TikTok's own fee is 0; PayPal may charge its own fee, which no source gives and this table leaves out",
      },
      {
        id: 'bank',
        name: 'Bank account',
        percentFee: '0',
        fixedFee: '0',
        feeRounding: 'half-even',
        source: 'tiktok-wallet',
        derived: "TikTok's own fee is 0; a bank may charge its own fee, which no source gives and this table leaves out",
      },
    ],
  },
  regions: {
    default: {
      currency: 'USD',
      channels: ['ios', 'android', 'web'],
      features: {
        'buy-coins': { available: true, minAge: 18, source: 'tiktok-gifts-hr' },
        'send-gifts': { available: true, minAge: 18, source: 'tiktok-send-gift-cs' },
        'receive-gifts': { available: true, minAge: 18, source: 'tiktok-live-gifts' },
        'go-live': { available: true, minAge: 16, source: 'tiktok-newsroom-gifting' },
        'cash-out': {
          available: true,
          minAge: 18,
          source: 'tiktok-live-gifts',
          derived: 'cashing out needs a gift balance, which needs the age to receive gifts (18)',
        },
        chests: {
          available: true,
          minAge: 18,
          source: 'imanokoto',
          derived: 'dropping a chest spends coins as sending a gift does: the same minimum age (18)',
        },
      },
    },
    unlisted: {
      answer: 'unknown',
      reason: 'TikTok says gifts are available only in selected countries and publishes no list',
      source: 'tiktok-send-gift-cs',
    },
    rules: [
      {
        region: 'US',
        name: 'United States',
        features: {},
        source: 'tiktok-scaled-rewards',
        derived: 'the USD prices and US LIVE rewards the sources report are for the US, so the default rules apply there',
      },
      {
        region: 'KR',
        name: 'South Korea',
        features: {
          'buy-coins': { available: true, minAge: 19, source: 'tiktok-gifts-hr' },
          'send-gifts': { available: true, minAge: 19, source: 'tiktok-send-gift-cs' },
        },
      },
      {
        region: 'RU',
        name: 'Russia',
        features: {
          'go-live': {
            available: false,
            from: '2022-03-06',
            reason: 'TikTok suspended livestreaming in Russia on 2022-03-06',
            source: 'allaccess-2022',
          },
          'send-gifts': {
            available: false,
            from: '2022-03-06',
            reason: 'gifts are sent on LIVE, which TikTok suspended in Russia on 2022-03-06',
            source: 'allaccess-2022',
            derived: 'gifts exist only on LIVE',
          },
          'receive-gifts': {
            available: false,
            from: '2022-03-06',
            reason: 'gifts are received on LIVE, which TikTok suspended in Russia on 2022-03-06',
            source: 'allaccess-2022',
            derived: 'gifts exist only on LIVE',
          },
          chests: {
            available: false,
            from: '2022-03-06',
            reason: 'chests are dropped on LIVE, which TikTok suspended in Russia on 2022-03-06',
            source: 'allaccess-2022',
            derived: 'chests exist only on LIVE',
          },
        },
      },
      {
        region: 'GB',
        name: 'United Kingdom',
        currency: 'GBP',
        features: {},
        source: 'apps-uk',
        derived: 'app prices are reported in GBP for the UK; own Coins and Rewards policies since 2022-06 (1xcoins-2023)',
        alsoReportedBy: ['1xcoins-2023'],
      },
      {
        region: 'IN',
        name: 'India',
        features: everyFeature({
          available: false,
          from: '2020-06-29',
          reason: "India's government blocked the TikTok app on 2020-06-29",
          source: 'cna-india-2020',
          derived: 'the whole app is blocked, so every feature in it is',
        }),
      },
      {
        region: 'CN',
        name: 'China (mainland)',
        features: everyFeature({
          available: false,
          reason: 'TikTok is not offered in mainland China, which is served by Douyin, a separate app with its own coins',
          source: 'quint-douyin',
          derived: 'TikTok is not offered there, so none of its features are',
        }),
      },
    ],
  },
  chests: { split: 'random', source: 'imanokoto', alsoReportedBy: ['yabuinu-2022'] },
  // in-app coins are billed by the stores (tiktok-gifts-hr: App Store, Google Play, website); the sources name no
  // payment methods of the web top-up, so none are listed for it
  paymentMethods: [
    {
      id: 'app-store',
      name: 'App Store billing',
      channels: ['ios'],
      source: 'tiktok-gifts-hr',
      alsoReportedBy: ['tiktokcoins-ai'],
    },
    { id: 'google-play', name: 'Google Play billing', channels: ['android'], source: 'tiktok-gifts-hr' },
  ],
};

/**
 * The "0.5 diamond per coin" reading of the coins → diamonds rule (simpliconvert, calculatecreator-2025,
 * yandex summary), as an overlay on {@link tiktokDocument}. Apply with `applyOverlay`.
 *
 * @example
 * ```ts
 * import { applyOverlay } from 'gift-economy';
 * import { tiktok, tiktokHalfDiamondOverlay } from 'gift-economy/presets/tiktok';
 * console.log(applyOverlay(tiktok, tiktokHalfDiamondOverlay).document.creatorShare.diamondsPerCoin); // 0.5
 * ```
 * @category Presets
 */
export const tiktokHalfDiamondOverlay = {
  version: '2026-11-25+half-diamond',
  creatorShare: {
    diamondsPerCoin: '0.5',
    rounding: 'floor',
    scope: 'per-settlement',
    source: 'simpliconvert',
    derived: "'1 Diamond = 2 Coins' (also calculatecreator-2025); rounding and scope are not public: floor once per settlement",
  },
} as const;

/**
 * The other reported app ladder (65 coins for USD 0.99 …; bloc4you, tiktokcoins-ai, apps-uk) in place of
 * the 70-coin ladder, as an overlay on {@link tiktokDocument}.
 *
 * @example
 * ```ts
 * import { applyOverlay } from 'gift-economy';
 * import { tiktok, tiktokAppLadder65Overlay } from 'gift-economy/presets/tiktok';
 * console.log(applyOverlay(tiktok, tiktokAppLadder65Overlay).offers('ios', 'USD')?.bundles[0]?.coins); // 65
 * ```
 * @category Presets
 */
export const tiktokAppLadder65Overlay = {
  version: '2026-11-25+ladder-65',
  bundles: [
    ...[
      [65, '0.99'],
      [330, '4.99'],
      [1321, '19.99'],
      [6607, '99.99'],
    ].map(([coins, amount]) => ({
      id: `usd-${coins}`,
      coins: coins as number,
      prices: (['ios', 'android'] as const).map((channel) => ({ channel, currency: 'USD', amount: amount as string, source: 'bloc4you' })),
    })),
    { id: 'web-70', coins: 70, prices: [{ channel: 'web', currency: 'USD', amount: '0.74', source: 'hiwildflower' }] },
    ...tiktokDocument.bundles.filter((bundle) => bundle.id.startsWith('gbp-')),
  ],
};

/**
 * The TikTok preset, compiled. See {@link tiktokDocument} for its figures and sources.
 *
 * @example
 * ```ts
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * console.log(tiktok.ref, tiktok.gift('Lion')?.coins); // tiktok@2026-11-25 29999
 * ```
 * @category Presets
 */
export const tiktok: RateTable<TikTokNames> = /* @__PURE__ */ compileRateTable<TikTokNames>(tiktokDocument);
