// The planner on the family of ordinary but awkward tables from issue 14: up to 20 bundles of up to 100,000
// coins at half a cent to three cents a coin in any order, half of them with a custom amount of any minimum,
// maximum (to 10,000,000), step and per-coin price. Checked against a dynamic programme written apart from it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BundleOffer, type CustomOffer, PurchasePlanner } from '../../src/index.js';

const ROUNDINGS = ['half-even', 'half-up', 'half-down', 'floor', 'ceil', 'toward-zero', 'away-from-zero'] as const;
const DENOMINATORS = [1, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100, 200, 1000, 100_000];

/** A whole number from `low` to `high` picked by a share in millionths (no float ever holds a price). */
const within = (low: number, high: number, millionths: number) => low + Math.floor(((high - low) * millionths) / 1_000_000);

// sizes spread over five orders of magnitude, as in bench/planner-family.mjs
const coins = fc.oneof(...[10, 100, 1_000, 10_000, 100_000].map((max) => fc.integer({ min: 1, max })));
const bundle = fc
  .tuple(coins, fc.integer({ min: 0, max: 1_000_000 }))
  .map(([size, share]) => ({ coins: size, priceMinor: within(Math.ceil(size / 2), 3 * size, share) }));
const custom = fc
  .record({
    minCoins: fc.integer({ min: 1, max: 1000 }),
    span: fc.integer({ min: 0, max: 10_000_000 }),
    step: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 100 })),
    denominator: fc.constantFrom(...DENOMINATORS),
    share: fc.integer({ min: 0, max: 1_000_000 }),
    rounding: fc.constantFrom(...ROUNDINGS),
  })
  .map(
    ({ minCoins, span, step, denominator, share, rounding }): CustomOffer => ({
      minCoins,
      maxCoins: Math.min(10_000_000, minCoins + span),
      step,
      perCoinNumerator: within(Math.ceil(denominator / 2), 3 * denominator, share),
      perCoinDenominator: denominator,
      rounding,
    }),
  );
const table = fc.tuple(fc.array(bundle, { minLength: 1, maxLength: 20 }), fc.option(custom, { nil: undefined })).map(([raw, offer]) => ({
  bundles: raw.map((b, i): BundleOffer => ({ ...b, id: `b${i}` })),
  custom: offer,
}));

/** The price of exactly k custom coins: long division, each rounding mode spelled out. */
function customPrice(c: CustomOffer, k: number): number {
  const x = k * c.perCoinNumerator;
  const whole = Math.floor(x / c.perCoinDenominator);
  const rem = x - whole * c.perCoinDenominator;
  if (rem === 0 || c.rounding === 'floor' || c.rounding === 'toward-zero') return whole;
  if (c.rounding === 'ceil' || c.rounding === 'away-from-zero') return whole + 1;
  if (2 * rem !== c.perCoinDenominator) return 2 * rem > c.perCoinDenominator ? whole + 1 : whole;
  return c.rounding === 'half-up' || (c.rounding === 'half-even' && whole % 2 === 1) ? whole + 1 : whole;
}

/**
 * The cheapest price of at least n coins for every n up to `upTo`: bundles alone by the textbook recurrence
 * (the last bundle bought leaves at least n − c to cover), and with one custom amount by the same recurrence
 * ending in the least custom size that covers what is left.
 */
function dynamicProgramme(bundles: readonly BundleOffer[], offer: CustomOffer | undefined, upTo: number): Float64Array {
  const plain = new Float64Array(upTo + 1).fill(Number.POSITIVE_INFINITY);
  plain[0] = 0;
  for (let n = 1; n <= upTo; n++) {
    for (const b of bundles) plain[n] = Math.min(plain[n] as number, b.priceMinor + (plain[Math.max(0, n - b.coins)] as number));
  }
  if (!offer) return plain;
  const top = offer.minCoins + Math.floor((offer.maxCoins - offer.minCoins) / offer.step) * offer.step;
  const mixed = new Float64Array(upTo + 1);
  for (let n = 0; n <= upTo; n++) {
    const k = n <= offer.minCoins ? offer.minCoins : offer.minCoins + Math.ceil((n - offer.minCoins) / offer.step) * offer.step;
    let best = k <= top ? customPrice(offer, k) : Number.POSITIVE_INFINITY;
    for (const b of bundles) best = Math.min(best, b.priceMinor + (mixed[Math.max(0, n - b.coins)] as number));
    mixed[n] = best;
  }
  return plain.map((price, n) => Math.min(price, mixed[n] as number));
}

function expectValidPlan(planner: PurchasePlanner, n: number, price: number) {
  const plan = planner.plan(n);
  expect(plan?.priceMinor, `plan of ${n}`).toBe(price);
  expect(plan?.lines.reduce((sum, line) => sum + line.totalMinor, 0)).toBe(price);
  expect(plan?.lines.reduce((sum, line) => sum + line.coins * line.count, 0)).toBe(plan?.coins);
  expect(plan?.coins).toBeGreaterThanOrEqual(n);
}

describe('purchase planner on the issue-14 family of awkward tables', () => {
  it('refuses none of 300 generated tables', () => {
    fc.assert(
      fc.property(table, ({ bundles, custom: offer }) => {
        expect(() => PurchasePlanner.compile(bundles, offer)).not.toThrow();
      }),
      { numRuns: 300, seed: 1401 },
    );
  });

  it('is exact for every N up to 200,000 against a dynamic programme, with valid plans', () => {
    fc.assert(
      fc.property(table, ({ bundles, custom: offer }) => {
        const planner = PurchasePlanner.compile(bundles, offer);
        const expected = dynamicProgramme(bundles, offer, 200_000);
        for (let n = 0; n <= 200_000; n++) {
          const price = planner.cheapestMinor(n);
          if (price !== expected[n]) expect(price, `N = ${n}`).toBe(expected[n]);
          if (n % 997 === 0) expectValidPlan(planner, n, price as number);
        }
      }),
      { numRuns: Number(process.env.PLANNER_RUNS ?? 60), seed: 1402 },
    );
  });

  it('is exact for random N up to 10,000,000 against a dynamic programme over all of them', () => {
    fc.assert(
      fc.property(
        table,
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 500, maxLength: 500 }),
        ({ bundles, custom: offer }, targets) => {
          const planner = PurchasePlanner.compile(bundles, offer);
          const expected = dynamicProgramme(bundles.slice(0, 4), offer, 10_000_000);
          const four = bundles.length <= 4 ? planner : PurchasePlanner.compile(bundles.slice(0, 4), offer);
          for (const n of targets) {
            expect(four.cheapestMinor(n), `N = ${n}`).toBe(expected[n]);
            expectValidPlan(four, n, expected[n] as number);
            // the full table is never dearer than its first four bundles, and its plans hold
            const price = planner.cheapestMinor(n) as number;
            expect(price).toBeLessThanOrEqual(expected[n] as number);
            expectValidPlan(planner, n, price);
          }
        },
      ),
      { numRuns: 2, seed: 1403 },
    );
  });

  it('compiles two packs at almost the same price per coin: 470 coins for 2.35 beside 4,627 for 23.14', () => {
    // a 4,627-pack costs half a cent more than 4,627 coins at the 470-pack's 0.5 cent a coin (23.14 against
    // 23.135), so up to 469 of them can beat copies of the 470-pack (469 half cents stay below one 470-pack's
    // 2.35): the exact table for small targets runs to about 2.1 million coins
    const bundles = [
      { id: 'small', coins: 470, priceMinor: 235 },
      { id: 'large', coins: 4627, priceMinor: 2314 },
    ];
    const planner = PurchasePlanner.compile(bundles);
    const expected = dynamicProgramme(bundles, undefined, 2_500_000);
    for (let n = 0; n <= 2_500_000; n += 997) expect(planner.cheapestMinor(n), `N = ${n}`).toBe(expected[n]);
    for (const n of [1, 469, 470, 4627, 2_170_000, 2_500_000]) expectValidPlan(planner, n, expected[n] as number);
  });

  it('compiles tables 0.2.0 refused: 172 coins for 0.91 beside 2,983 for 15.62 (its exact table was 277,436 entries, now 5,790)', () => {
    const bundles = [
      { id: 'small', coins: 172, priceMinor: 91 },
      { id: 'large', coins: 2983, priceMinor: 1562 },
    ];
    const planner = PurchasePlanner.compile(bundles);
    const expected = dynamicProgramme(bundles, undefined, 300_000);
    for (let n = 0; n <= 300_000; n += 7) expect(planner.cheapestMinor(n), `N = ${n}`).toBe(expected[n]);
    // hand check: 172,000 coins are 56 large packs (167,048 coins, 874.72) and 29 small ones (4,988 coins,
    // 26.39): 172,036 coins for 901.11, cheaper than 57 large and 12 small (172,095 coins, 901.26) or 58 large
    // (173,014 coins, 905.96)
    expect(planner.cheapestMinor(172_000)).toBe(90_111);
  });
});
