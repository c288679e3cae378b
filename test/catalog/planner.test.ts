import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BundleOffer, type CustomOffer, PLANNER_LIMITS, PurchasePlanner } from '../../src/index.js';
import { facebookStars } from '../../src/presets/facebook-stars.js';
import { tiktok } from '../../src/presets/tiktok.js';
import { twitchBits } from '../../src/presets/twitch-bits.js';
import { expectEconomyError } from '../helpers.js';

/** The price of exactly k custom coins, by long division with each rounding mode spelled out. */
function priceOfCustom(c: CustomOffer, k: number): number {
  const x = k * c.perCoinNumerator;
  const d = c.perCoinDenominator;
  const floor = Math.floor(x / d);
  const rem = x - floor * d;
  if (rem === 0) return floor;
  if (c.rounding === 'ceil' || c.rounding === 'away-from-zero') return floor + 1;
  if (c.rounding === 'floor' || c.rounding === 'toward-zero') return floor;
  if (2 * rem > d) return floor + 1;
  if (2 * rem < d) return floor;
  return c.rounding === 'half-up' ? floor + 1 : c.rounding === 'half-down' ? floor : floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Brute-force reference, written independently of the planner: the cheapest exact coin count by an
 * unbounded-knapsack DP, then "at least N" as the cheapest exact count from N to N + the largest bundle,
 * then every allowed custom size up to the one that covers N on its own.
 */
function reference(bundles: BundleOffer[], custom: CustomOffer | undefined, upTo: number) {
  const largest = Math.max(0, ...bundles.map((b) => b.coins));
  const size = upTo + largest + 1;
  const exact = new Array<number>(size).fill(Number.POSITIVE_INFINITY);
  exact[0] = 0;
  for (let n = 1; n < size; n++) {
    for (const b of bundles) if (b.coins <= n) exact[n] = Math.min(exact[n] as number, (exact[n - b.coins] as number) + b.priceMinor);
  }
  // at least n coins: the cheapest exact count from n up (a suffix minimum)
  const atLeast = exact.slice();
  for (let n = size - 2; n >= 0; n--) atLeast[n] = Math.min(atLeast[n] as number, atLeast[n + 1] as number);
  const price = (k: number) => priceOfCustom(custom as CustomOffer, k);
  return (n: number) => {
    let best = atLeast[n] as number;
    if (custom) {
      for (let k = custom.minCoins; k <= custom.maxCoins; k += custom.step) {
        best = Math.min(best, price(k) + (atLeast[Math.max(0, n - k)] as number));
        if (k >= n) break;
      }
    }
    return best === Number.POSITIVE_INFINITY ? undefined : best;
  };
}

function checkPlan(planner: PurchasePlanner, n: number, expected: number | undefined) {
  expect(planner.cheapestMinor(n), `N = ${n}`).toBe(expected);
  const plan = planner.plan(n);
  if (expected === undefined) return expect(plan).toBeUndefined();
  // the plan's lines add up to its price and hold at least N coins
  expect(plan?.priceMinor).toBe(expected);
  expect(plan?.lines.reduce((sum, line) => sum + line.totalMinor, 0)).toBe(expected);
  expect(plan?.lines.reduce((sum, line) => sum + line.coins * line.count, 0)).toBe(plan?.coins);
  expect(plan?.coins).toBeGreaterThanOrEqual(n);
}

// The app ladder reported by backtofront / businesshab / techtoday-2025 (../shared/data/tiktok.json).
const APP_LADDER: BundleOffer[] = [
  [70, 99],
  [350, 499],
  [700, 999],
  [1400, 1999],
  [3500, 4999],
  [7000, 9999],
  [17500, 24999],
].map(([coins, priceMinor]) => ({ id: `p${coins}`, coins: coins as number, priceMinor: priceMinor as number }));

describe('purchase planner', () => {
  it('hand-checked: 350 coins cost 4.95 as five 70-packs, not 4.99 as one 350-pack', () => {
    // 5 × 0.99 = 4.95 < 4.99
    const planner = PurchasePlanner.compile(APP_LADDER);
    expect(planner.cheapestMinor(350)).toBe(495);
    expect(planner.plan(350)?.lines).toEqual([
      { kind: 'bundle', bundleId: 'p70', coins: 70, count: 5, unitPriceMinor: 99, totalMinor: 495 },
    ]);
    // 5,000 coins: ceil(5000 / 70) = 72 packs × 0.99 = 71.28
    expect(planner.cheapestMinor(5000)).toBe(7128);
  });

  it('hand-checked: where greedy by unit price fails', () => {
    // 6 coins for 5, 4 coins for 4 (unit prices 0.83 and 1). For 8 coins greedy takes 6+6 = 10,
    // but 4+4 = 8 is cheaper.
    const planner = PurchasePlanner.compile([
      { id: 'six', coins: 6, priceMinor: 5 },
      { id: 'four', coins: 4, priceMinor: 4 },
    ]);
    expect(planner.cheapestMinor(8)).toBe(8);
    expect(planner.cheapestMinor(9)).toBe(9); // 6 + 4 = 10 coins for 9; 6+6 costs 10
  });

  it('hand-checked: custom amount mixed with a cheaper bundle (web: 70 for 0.74, custom 1.06 cents per coin, rounded up)', () => {
    const planner = PurchasePlanner.compile([{ id: 'web70', coins: 70, priceMinor: 74 }], {
      minCoins: 30,
      maxCoins: 2_500_000,
      step: 1,
      perCoinNumerator: 53,
      perCoinDenominator: 50,
      rounding: 'ceil',
    });
    // 40 coins: custom 40 × 1.06 = 42.4 -> 43 cents, cheaper than a 74-cent pack
    expect(planner.cheapestMinor(40)).toBe(43);
    // 100 coins: 70-pack + custom 30 (31.8 -> 32) = 106; two packs = 148; custom 100 = 106 (ties)
    expect(planner.cheapestMinor(100)).toBe(106);
    // 140 coins: two packs 148 beat custom 140 × 1.06 = 148.4 -> 149
    expect(planner.cheapestMinor(140)).toBe(148);
  });

  it('refuses what no plan reaches and bad counts', () => {
    const planner = PurchasePlanner.compile([], {
      minCoins: 30,
      maxCoins: 100,
      step: 10,
      perCoinNumerator: 1,
      perCoinDenominator: 1,
      rounding: 'ceil',
    });
    expect(planner.cheapestMinor(101)).toBeUndefined();
    expect(planner.cheapestMinor(31)).toBe(40);
    expect(() => planner.cheapestMinor(1.5)).toThrow(/whole number/);
  });

  it('matches the brute force for every N up to 100,000 on every bundle-only offer of the presets', () => {
    for (const table of [tiktok, twitchBits, facebookStars]) {
      for (const channel of table.document.channels) {
        for (const currency of table.document.currencies) {
          const set = table.offers(channel.id, currency);
          if (!set || set.custom) continue;
          const expected = reference([...set.bundles], undefined, 100_000);
          for (let n = 0; n <= 100_000; n++) {
            if (set.planner.cheapestMinor(n) !== expected(n))
              expect(set.planner.cheapestMinor(n), `${table.ref} ${channel.id} ${currency} N = ${n}`).toBe(expected(n));
          }
        }
      }
    }
  });

  it('matches an exhaustive search for every N up to 100,000 on the TikTok web offer (a pack and a custom amount)', () => {
    // j packs of 70 at 74 cents, the rest as one custom amount of 30..2,500,000 coins at 1.06 cents, rounded up
    const customCents = (k: number) => (k <= 0 ? 0 : Math.ceil((Math.max(30, k) * 106) / 100));
    const planner = tiktok.offers('web', 'USD')?.planner as PurchasePlanner;
    for (let n = 0; n <= 100_000; n++) {
      let best = Number.POSITIVE_INFINITY;
      for (let j = 0; j <= Math.ceil(n / 70); j++) best = Math.min(best, 74 * j + customCents(n - 70 * j));
      if (planner.cheapestMinor(n) !== best) expect(planner.cheapestMinor(n), `N = ${n}`).toBe(best);
    }
  });

  it('matches the brute force for every N up to 100,000 on the app ladder', () => {
    const planner = PurchasePlanner.compile(APP_LADDER);
    const expected = reference(APP_LADDER, undefined, 100_000);
    for (let n = 0; n <= 100_000; n++) {
      if (planner.cheapestMinor(n) !== expected(n)) checkPlan(planner, n, expected(n));
    }
    for (const n of [0, 1, 69, 70, 71, 99_999, 100_000]) checkPlan(planner, n, expected(n));
  });

  const bundle = fc.record({ coins: fc.integer({ min: 1, max: 60 }), priceMinor: fc.integer({ min: 1, max: 120 }) });
  const custom = fc.option(
    fc.record({
      minCoins: fc.integer({ min: 1, max: 40 }),
      span: fc.integer({ min: 0, max: 300 }),
      step: fc.integer({ min: 1, max: 7 }),
      perCoinNumerator: fc.integer({ min: 1, max: 60 }),
      perCoinDenominator: fc.integer({ min: 1, max: 30 }),
      rounding: fc.constantFrom('half-even', 'half-up', 'half-down', 'floor', 'ceil', 'toward-zero', 'away-from-zero' as const),
    }),
    { nil: undefined },
  );

  it('is optimal on generated tables with awkward bundles and custom amounts', () => {
    fc.assert(
      fc.property(fc.array(bundle, { minLength: 0, maxLength: 5 }), custom, (raw, c) => {
        const bundles = raw.map((b, i) => ({ ...b, id: `b${i}` }));
        const offer = c && { ...c, maxCoins: c.minCoins + c.span - (c.span % c.step) };
        const planner = PurchasePlanner.compile(bundles, offer);
        const expected = reference(bundles, offer, 1500);
        for (let n = 0; n <= 1500; n++) checkPlan(planner, n, expected(n));
      }),
      { numRuns: Number(process.env.PLANNER_RUNS ?? 150) },
    );
  });

  // Exact reference for big N without the O(N²) custom loop: bundles-only "at least x" by DP, then every custom
  // size up to the one covering n with the bundles for the rest. Written apart from the planner.
  function bigReference(bundles: BundleOffer[], custom: CustomOffer | undefined, upTo: number) {
    const atLeast = new Float64Array(upTo + 1).fill(Number.POSITIVE_INFINITY);
    atLeast[0] = 0;
    for (let n = 1; n <= upTo; n++) {
      for (const b of bundles) atLeast[n] = Math.min(atLeast[n] as number, b.priceMinor + (atLeast[Math.max(0, n - b.coins)] as number));
    }
    return (n: number) => {
      let best = atLeast[n] as number;
      if (custom) {
        const top = custom.minCoins + Math.floor((custom.maxCoins - custom.minCoins) / custom.step) * custom.step;
        for (let k = custom.minCoins; k <= top; k += custom.step) {
          best = Math.min(best, priceOfCustom(custom, k) + (atLeast[Math.max(0, n - k)] as number));
          if (k >= n) break;
        }
      }
      return best === Number.POSITIVE_INFINITY ? undefined : best;
    };
  }

  const offers = (rows: [number, number][]) => rows.map(([coins, priceMinor], i) => ({ id: `b${i}`, coins, priceMinor }));
  // The three tables 0.1.0 refused or took seconds on (issue 14), prices in cents.
  const ISSUE_TABLES: [string, BundleOffer[], CustomOffer | undefined][] = [
    [
      '749 for 5.76 and 4,931 for 24.77',
      offers([
        [749, 576],
        [4931, 2477],
      ]),
      undefined,
    ],
    [
      '51 / 877 / 3,299 / 3,593 coins, custom 1.465 cents a coin, 1..617,176',
      offers([
        [51, 69],
        [877, 1003],
        [3299, 2977],
        [3593, 4306],
      ]),
      { minCoins: 1, maxCoins: 617_176, step: 1, perCoinNumerator: 293, perCoinDenominator: 200, rounding: 'ceil' },
    ],
    [
      'a custom amount cheaper per coin than every bundle (1.02 cents)',
      offers([
        [2, 3],
        [3251, 5236],
        [3532, 3814],
        [4603, 8128],
        [4612, 5569],
      ]),
      { minCoins: 1, maxCoins: 2_500_000, step: 1, perCoinNumerator: 51, perCoinDenominator: 50, rounding: 'ceil' },
    ],
  ];

  it.each(ISSUE_TABLES)('compiles and is exact on %s: every N to 200,000 (bundles) or 2,000 sampled N (custom)', (_, bundles, offer) => {
    const planner = PurchasePlanner.compile(bundles, offer);
    const expected = bigReference(bundles, offer, 200_000);
    if (!offer) {
      for (let n = 0; n <= 200_000; n++) if (planner.cheapestMinor(n) !== expected(n)) checkPlan(planner, n, expected(n));
    } else {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 200_000 }), (n) => checkPlan(planner, n, expected(n))),
        { numRuns: 2000, seed: 14 },
      );
    }
    // hand check on the first: 5,000 coins are one 4,931-pack and one 749-pack (24.77 + 5.76 = 30.53),
    // cheaper than two 4,931-packs (49.54) or seven 749-packs (40.32)
    if (!offer) expect(planner.cheapestMinor(5000)).toBe(3053);
  });

  it('gives valid plans for random N up to 10,000,000 on the issue tables', () => {
    const planners = ISSUE_TABLES.map(([, b, c]) => PurchasePlanner.compile(b, c));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(0, 1, 2), (n, which) => {
        const planner = planners[which] as PurchasePlanner;
        const plan = planner.plan(n);
        expect(plan?.coins).toBeGreaterThanOrEqual(n);
        expect(plan?.lines.reduce((sum, line) => sum + line.totalMinor, 0)).toBe(plan?.priceMinor);
        // one more coin never costs less (the cheapest price is monotone in N)
        expect(planner.cheapestMinor(n + 1) as number).toBeGreaterThanOrEqual(plan?.priceMinor as number);
      }),
      { numRuns: 3000, seed: 10 },
    );
  });

  const wideBundle = fc.record({ coins: fc.integer({ min: 1, max: 3000 }), priceMinor: fc.integer({ min: 0, max: 5000 }) });
  const wideCustom = fc.option(
    fc.record({
      minCoins: fc.integer({ min: 1, max: 3000 }),
      span: fc.integer({ min: 0, max: 50_000 }),
      step: fc.integer({ min: 1, max: 40 }),
      perCoinNumerator: fc.integer({ min: 0, max: 300 }),
      perCoinDenominator: fc.integer({ min: 1, max: 200 }),
      rounding: fc.constantFrom('half-even', 'half-up', 'half-down', 'floor', 'ceil', 'toward-zero', 'away-from-zero' as const),
    }),
    { nil: undefined },
  );

  it('is exact on a wider family: larger coprime sizes, free packs, non-monotone unit prices, steps and minimums', () => {
    fc.assert(
      fc.property(
        fc.array(wideBundle, { minLength: 0, maxLength: 6 }),
        wideCustom,
        fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 40, maxLength: 40 }),
        (raw, c, targets) => {
          const bundles = raw.map((b, i) => ({ ...b, id: `b${i}` }));
          const offer = c && { ...c, maxCoins: c.minCoins + c.span };
          const planner = PurchasePlanner.compile(bundles, offer);
          const expected = bigReference(bundles, offer, 30_000);
          for (const n of targets) checkPlan(planner, n, expected(n));
        },
      ),
      { numRuns: Number(process.env.PLANNER_RUNS ?? 150), seed: 1414 },
    );
  });

  it('refuses a table past a documented limit with the limit named, and bad offers with INVALID_TABLE', () => {
    // 99,999 and 100,000 coins at one cent a coin: which totals are reachable below ~10^10 coins is a
    // Frobenius question whose exact table would need ~10^10 entries
    const error = expectEconomyError(
      () =>
        PurchasePlanner.compile(
          offers([
            [99_999, 99_999],
            [100_000, 100_000],
          ]),
        ),
      'INVALID_TABLE',
      /PLANNER_LIMITS\.coverTable/,
    );
    expect(error.message).toContain(String(PLANNER_LIMITS.coverTable));
    const custom = { minCoins: 1, maxCoins: 10, step: 1, perCoinNumerator: 1, perCoinDenominator: 1, rounding: 'ceil' } as const;
    for (const step of [1.5, Number.NaN, 0, -1, Number.POSITIVE_INFINITY]) {
      expectEconomyError(() => PurchasePlanner.compile([], { ...custom, step }), 'INVALID_TABLE', /step/);
    }
    expectEconomyError(() => PurchasePlanner.compile(offers([[0, 1]])), 'INVALID_TABLE', /coins/);
    expectEconomyError(() => PurchasePlanner.compile(offers([[10, -1]])), 'INVALID_TABLE', /price/);
    expectEconomyError(() => PurchasePlanner.compile(null as never), 'INVALID_TABLE', /array/);
    expectEconomyError(() => PurchasePlanner.compile([], { ...custom, rounding: 'flor' as never }), 'INVALID_TABLE', /rounding/);
    expectEconomyError(() => PurchasePlanner.compile([], { ...custom, maxCoins: 0 }), 'INVALID_TABLE', /maximum/);
    expectEconomyError(() => PurchasePlanner.compile(offers([[70, 99]])).plan(Number.NaN), 'INVALID_QUANTITY', /whole number/);
  });
});
