// largestWithin: the most coins a budget buys, found by searching down from the bound that the lowest price
// per coin gives (or up by doubling), checked against a plain scan of every N.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestWithin } from '../../src/catalog/budget.js';
import { type CustomOffer, PurchasePlanner } from '../../src/index.js';

// prices of at least one minor unit per five coins keep the scan short (a budget of 3,000 buys ≤ 15,000 coins)
const bundle = fc
  .tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 2_000 }))
  .map(([coins, extra]) => ({ coins, priceMinor: Math.ceil(coins / 5) + extra }));
const custom: fc.Arbitrary<CustomOffer> = fc
  .record({
    minCoins: fc.integer({ min: 1, max: 300 }),
    span: fc.integer({ min: 0, max: 20_000 }),
    step: fc.integer({ min: 1, max: 50 }),
    perCoinNumerator: fc.integer({ min: 1, max: 40 }),
    rounding: fc.constantFrom('half-even', 'half-up', 'floor', 'ceil'),
  })
  .map(({ minCoins, span, step, perCoinNumerator, rounding }) => ({
    minCoins,
    maxCoins: minCoins + span,
    step,
    // at least 1/5 of a minor unit per coin, as for the bundles
    perCoinNumerator: perCoinNumerator + 1,
    perCoinDenominator: 5,
    rounding,
  }));

/** The largest N whose cheapest purchase fits, by trying every N in turn (the price never falls as N grows). */
function scan(planner: PurchasePlanner, budgetMinor: number): number {
  let n = 0;
  for (;;) {
    const price = planner.cheapestMinor(n + 1);
    if (price === undefined || price > budgetMinor) return n;
    n++;
  }
}

describe('largestWithin', () => {
  it('finds the most coins a budget buys on random tables, as a scan of every N does', () => {
    fc.assert(
      fc.property(
        fc.array(bundle, { minLength: 0, maxLength: 6 }),
        fc.option(custom, { nil: undefined }),
        fc.integer({ min: 0, max: 3_000 }),
        (bundles, offer, budgetMinor) => {
          fc.pre(bundles.length > 0 || offer !== undefined);
          const planner = PurchasePlanner.compile(
            bundles.map((each, index) => ({ id: `b${index}`, ...each })),
            offer,
          );
          expect(largestWithin(planner, budgetMinor)).toBe(scan(planner, budgetMinor));
        },
      ),
      { numRuns: 150, seed: 20261202 },
    );
  });

  it('answers on the TikTok app ladder by hand: 0.99 buys 70 coins, 1.98 buys 140, 0.98 buys none', () => {
    // ../shared/data/tiktok.json, app prices (source backtofront): 70 coins for 0.99 USD, 350 coins for 4.99 USD
    const planner = PurchasePlanner.compile([
      { id: 'p70', coins: 70, priceMinor: 99 },
      { id: 'p350', coins: 350, priceMinor: 499 },
    ]);
    expect(largestWithin(planner, 99)).toBe(70);
    expect(largestWithin(planner, 198)).toBe(140);
    expect(largestWithin(planner, 98)).toBe(0);
  });

  it('doubles upward when a bundle is free (no price per coin bounds the search)', () => {
    const planner = PurchasePlanner.compile([
      { id: 'free', coins: 1, priceMinor: 0 },
      { id: 'p70', coins: 70, priceMinor: 99 },
    ]);
    // every N is free: the search stops at its own ceiling, 2^51 (a quarter of the safe range, rounded to a power of 2)
    expect(largestWithin(planner, 0)).toBeGreaterThanOrEqual(2 ** 50);
  });
});
