import { describeValue, EconomyError } from '../errors.js';

/**
 * The named ways to round. Every rounding in gift-economy uses one of these, and the breakdown shows which.
 *
 * - `half-even`: to nearest, ties to the even neighbour (banker's rounding)
 * - `half-up` / `half-down`: to nearest, ties away from / toward zero
 * - `floor` / `ceil`: toward −∞ / +∞
 * - `toward-zero` / `away-from-zero`: truncate / round up in magnitude
 *
 * @example
 * ```ts
 * import { money } from 'gift-economy';
 * console.log(money('2.345', 'USD').round('half-even').toString()); // 2.34 USD
 * ```
 * @category Money and counts
 */
export type RoundingMode = 'half-even' | 'half-up' | 'half-down' | 'floor' | 'ceil' | 'toward-zero' | 'away-from-zero';

/**
 * Every {@link RoundingMode}, in a stable order.
 * @example
 * ```ts
 * import { money, ROUNDING_MODES } from 'gift-economy';
 * console.log(ROUNDING_MODES.map((mode) => money('0.125', 'USD').round(mode).toString()).join(' ')); // 0.12 USD 0.13 USD 0.12 USD 0.12 USD 0.13 USD 0.12 USD 0.13 USD
 * ```
 * @category Money and counts
 */
export const ROUNDING_MODES: readonly [RoundingMode, ...RoundingMode[]] = Object.freeze([
  'half-even',
  'half-up',
  'half-down',
  'floor',
  'ceil',
  'toward-zero',
  'away-from-zero',
] as const);

/**
 * Checks that a value names a rounding mode.
 * @internal
 */
export function assertRoundingMode(value: unknown, path: readonly (string | number)[] = []): RoundingMode {
  if (typeof value === 'string' && (ROUNDING_MODES as readonly string[]).includes(value)) return value as RoundingMode;
  throw new EconomyError(
    'INVALID_ROUNDING_MODE',
    `rounding mode must be one of ${ROUNDING_MODES.join(', ')}, got ${describeValue(value)}`,
    { path },
  );
}

/**
 * Divides two bigints and rounds the quotient to an integer with a named mode: exact integer arithmetic for
 * hot paths that count minor units.
 *
 * @example
 * ```ts
 * import { divideRounded } from 'gift-economy/money';
 * console.log(divideRounded(25n, 10n, 'half-even'), divideRounded(35n, 10n, 'half-even')); // 2n 4n
 * ```
 * @category Money and counts
 */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (typeof numerator !== 'bigint' || typeof denominator !== 'bigint') {
    throw new EconomyError(
      'INVALID_ARGUMENT',
      `divideRounded takes bigints, got ${describeValue(numerator)} and ${describeValue(denominator)}`,
    );
  }
  if (denominator === 0n) throw new EconomyError('INVALID_ARGUMENT', 'cannot divide by zero');
  if (denominator < 0n) return divideRounded(-numerator, -denominator, mode);
  const quotient = numerator / denominator; // truncated toward zero
  const remainder = numerator - quotient * denominator;
  if (remainder === 0n) return quotient;
  const negative = numerator < 0n;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  const half = twice === denominator ? 0 : twice > denominator ? 1 : -1;
  if (!movesAwayFromZero(mode, negative, half, quotient % 2n !== 0n)) return quotient;
  return negative ? quotient - 1n : quotient + 1n;
}

/**
 * The rule behind every rounding: whether a quotient truncated toward zero, with a remainder left over,
 * moves one step away from zero under `mode`. `half` compares twice the remainder with the divisor (−1
 * below half, 0 exactly half, 1 above); `odd` says whether the truncated quotient is odd.
 *
 * @internal
 */
export function movesAwayFromZero(mode: RoundingMode, negative: boolean, half: -1 | 0 | 1, odd: boolean): boolean {
  switch (mode) {
    case 'floor':
      return negative;
    case 'ceil':
      return !negative;
    case 'toward-zero':
      return false;
    case 'away-from-zero':
      return true;
    case 'half-up':
      return half >= 0;
    case 'half-down':
      return half > 0;
    case 'half-even':
      return half > 0 || (half === 0 && odd);
    default:
      // only a mode from outside the types gets here (an untyped caller): refused, never read as another
      assertRoundingMode(mode);
      return false;
  }
}
