import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, allocateMinor, money } from '../../src/money/index.js';
import { expectEconomyError } from '../helpers.js';

/** An independent reference: largest remainder with exact rationals, ties to the earlier part. */
function referenceLargestRemainder(total: bigint, weights: bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  const sign = total < 0n ? -1n : 1n;
  const t = total * sign;
  const floors = weights.map((w) => (t * w) / sum);
  const order = weights
    .map((w, i) => ({ i, rem: t * w - ((t * w) / sum) * sum }))
    .sort((a, b) => (b.rem > a.rem ? 1 : b.rem < a.rem ? -1 : a.i - b.i));
  let left = t - floors.reduce((a, b) => a + b, 0n);
  for (const { i } of order) {
    if (left <= 0n) break;
    floors[i] = (floors[i] ?? 0n) + 1n;
    left--;
  }
  return floors.map((f) => f * sign);
}

describe('allocate', () => {
  it('splits 7 cents 2:3 as 3 and 4 (exact shares 2.8 and 4.2), unlike dinero.js 2 and 5', () => {
    expect(allocate(money('0.07', 'USD'), [2, 3]).map(String)).toEqual(['0.03 USD', '0.04 USD']);
  });

  it('splits USD 100 three ways as 33.34, 33.33, 33.33 (ties go to the earlier part)', () => {
    expect(allocate(money('100', 'USD'), [1, 1, 1]).map(String)).toEqual(['33.34 USD', '33.33 USD', '33.33 USD']);
  });

  it('takes decimal ratios: 10.00 by 0.3 / 0.7 is 3.00 / 7.00', () => {
    expect(allocate(money('10', 'USD'), ['0.3', '0.7']).map(String)).toEqual(['3.00 USD', '7.00 USD']);
  });

  it('handles negative wholes symmetrically', () => {
    expect(allocate(money('-0.07', 'USD'), [2, 3]).map(String)).toEqual(['-0.03 USD', '-0.04 USD']);
  });

  it('refuses bad ratios and unrounded wholes', () => {
    expectEconomyError(() => allocate(money('1', 'USD'), []), 'INVALID_RATIOS');
    expectEconomyError(() => allocate(money('1', 'USD'), [0, 0]), 'INVALID_RATIOS', /all be zero/);
    expectEconomyError(() => allocate(money('1', 'USD'), [1, -1]), 'INVALID_RATIOS', /negative/);
    expectEconomyError(() => allocate(money('1', 'USD'), [0.5]), 'INVALID_ARGUMENT');
    expectEconomyError(() => allocate(money('0.005', 'USD'), [1, 1]), 'INVALID_AMOUNT', /round it first/);
  });

  const cases = fc.tuple(
    fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
    fc.array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 8 }).filter((w) => w.some((x) => x > 0n)),
  );

  it('parts sum to the whole and stay within one minor unit of the exact share', () => {
    fc.assert(
      fc.property(cases, ([total, weights]) => {
        const parts = allocateMinor(total, weights);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
        const sum = weights.reduce((a, b) => a + b, 0n);
        parts.forEach((part, i) => {
          // |part - total*w/sum| < 1  <=>  |part*sum - total*w| < sum
          const diff = part * sum - total * (weights[i] ?? 0n);
          expect(diff < sum && -diff < sum).toBe(true);
        });
      }),
    );
  });

  it('agrees with an independent BigInt largest-remainder reference', () => {
    fc.assert(
      fc.property(cases, ([total, weights]) => {
        expect(allocateMinor(total, weights)).toEqual(referenceLargestRemainder(total, weights));
      }),
    );
  });
});
