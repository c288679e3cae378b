import { dinero, down, halfAwayFromZero, halfEven, halfTowardsZero, toSnapshot, transformScale, USD, up } from 'dinero.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRounded, Money, type RoundingMode } from '../../src/money/index.js';

// dinero.js names: down = toward −∞, up = toward +∞, halfAwayFromZero / halfTowardsZero / halfEven.
const DINERO_EQUIVALENT = {
  'half-even': halfEven,
  'half-up': halfAwayFromZero,
  'half-down': halfTowardsZero,
  floor: down,
  ceil: up,
} as const;

describe('divideRounded', () => {
  it('rounds hand-checked quotients', () => {
    // 25/10 = 2.5, 35/10 = 3.5, -25/10 = -2.5, 26/10 = 2.6
    const table: [bigint, RoundingMode, bigint][] = [
      [25n, 'half-even', 2n],
      [35n, 'half-even', 4n],
      [25n, 'half-up', 3n],
      [25n, 'half-down', 2n],
      [-25n, 'half-up', -3n],
      [-25n, 'floor', -3n],
      [-25n, 'ceil', -2n],
      [26n, 'toward-zero', 2n],
      [21n, 'away-from-zero', 3n],
      [-21n, 'away-from-zero', -3n],
    ];
    for (const [n, mode, expected] of table) expect(divideRounded(n, 10n, mode), `${n}/10 ${mode}`).toBe(expected);
  });
});

describe('rounding agrees with dinero.js', () => {
  it('for every mode both libraries have', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.constantFrom(...(Object.keys(DINERO_EQUIVALENT) as (keyof typeof DINERO_EQUIVALENT)[])),
        (thousandths, mode) => {
          // an amount in thousandths of a dollar, rounded to cents by both
          const ours = Money.fromMinor(0, 'USD').plus(Money.of(thousandths, 'USD').times('0.001')).round(mode).toMinor();
          const theirs = toSnapshot(
            transformScale(dinero({ amount: thousandths, currency: USD, scale: 3 }), 2, DINERO_EQUIVALENT[mode]),
          ).amount;
          expect(ours).toBe(BigInt(theirs));
          expect(divideRounded(BigInt(thousandths), 10n, mode)).toBe(BigInt(theirs));
        },
      ),
    );
  });
});
