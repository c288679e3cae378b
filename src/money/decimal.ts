import { Decimal as DecimalJs } from 'decimal.js';
import { describeValue, EconomyError } from '../errors.js';
import { assertRoundingMode, type RoundingMode } from './rounding.js';

/**
 * The one place decimal.js is configured. Amounts are limited to {@link MAX_DIGITS} digits when parsed, and
 * the working precision is far above any product of two such numbers, so sums and products are exact.
 * @example
 * ```ts
 * import { Decimal } from 'gift-economy';
 * console.log(new Decimal('0.1').plus('0.2').toString()); // 0.3
 * ```
 */
export const Decimal = DecimalJs.clone({ precision: 200, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });
/**
 * An exact decimal value (decimal.js), as `Money.amount` holds it.
 *
 * @example
 * ```ts
 * import { type Decimal, money } from 'gift-economy';
 * const amount: Decimal = money('19.99', 'USD').amount;
 * console.log(amount.times(3).toFixed(2)); // 59.97
 * ```
 */
export type Decimal = InstanceType<typeof Decimal>;

/**
 * Most digits a parsed decimal may hold (integer and fraction together).
 * @example
 * ```ts
 * import { MAX_DIGITS, toDecimal } from 'gift-economy';
 * console.log(MAX_DIGITS, toDecimal('9'.repeat(MAX_DIGITS), 'x').isFinite()); // 40 true
 * ```
 */
export const MAX_DIGITS = 40;

const DECIMAL_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * What a decimal input may be. A JS number must be a safe integer: `0.1` is refused, `'0.1'` is fine.
 * @example
 * ```ts
 * import { type DecimalInput, money } from 'gift-economy';
 * const inputs: DecimalInput[] = ['0.99', 5n, 7];
 * console.log(inputs.map((amount) => money(amount, 'USD').toString())); // [ '0.99 USD', '5.00 USD', '7.00 USD' ]
 * ```
 */
export type DecimalInput = string | bigint | number | Decimal;

/**
 * Reads an exact decimal from a plain decimal string (`"12.34"`, no exponent), a bigint, a safe integer or a
 * Decimal. Anything else is an {@link EconomyError} with the given code, naming `what` and `path`.
 *
 * @example
 * ```ts
 * import { toDecimal } from 'gift-economy';
 * console.log(toDecimal('0.005', 'rate').times(3).toString()); // 0.015
 * ```
 */
export function toDecimal(
  value: unknown,
  what: string,
  code: 'INVALID_AMOUNT' | 'INVALID_ARGUMENT' = 'INVALID_AMOUNT',
  path: readonly (string | number)[] = [],
): Decimal {
  const refuse = (): never => {
    throw new EconomyError(
      code,
      `${typeof what === 'string' ? what : 'the amount'} must be a decimal string like "12.34" (at most ${MAX_DIGITS} digits, no exponent), a bigint or a safe integer, got ${describeValue(value)}`,
      { path },
    );
  };
  if (typeof value === 'string') {
    if (!DECIMAL_TEXT.test(value) || value.replace(/[-.]/g, '').length > MAX_DIGITS) refuse();
    return normalize(new Decimal(value));
  }
  if (typeof value === 'bigint') {
    if (value.toString().replace('-', '').length > MAX_DIGITS) refuse();
    return new Decimal(value.toString());
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) refuse();
    return new Decimal(value === 0 ? 0 : value);
  }
  if (value instanceof Decimal) {
    const decimal = value as Decimal;
    if (!decimal.isFinite() || decimal.precision(true) > MAX_DIGITS) refuse();
    return normalize(decimal);
  }
  // A Decimal from another copy or configuration of decimal.js: read it through its exact text.
  if (DecimalJs.isDecimal(value)) return toDecimal((value as DecimalJs).toFixed(), what, code, path);
  return refuse();
}

/** -0 becomes 0, so that equal amounts print the same. */
function normalize(value: Decimal): Decimal {
  return value.isZero() ? new Decimal(0) : value;
}

/**
 * The exact text of a Decimal, in plain notation (never an exponent), optionally with a fixed number of
 * decimal places (then it must already have at most that many, or it is rounded half-even). The one place
 * Decimals become strings.
 *
 * @example
 * ```ts
 * import { Decimal, decimalText } from 'gift-economy';
 * console.log(decimalText(new Decimal('1e-7')), decimalText(new Decimal('5'), 2)); // 0.0000001 5.00
 * ```
 */
export function decimalText(value: Decimal, places?: number): string {
  if (!(value instanceof Decimal)) throw new EconomyError('INVALID_ARGUMENT', `expected a Decimal, got ${describeValue(value)}`);
  if (places !== undefined && (!Number.isSafeInteger(places) || places < 0 || places > MAX_DIGITS)) {
    throw new EconomyError('INVALID_ARGUMENT', `places must be a whole number from 0 to ${MAX_DIGITS}, got ${describeValue(places)}`);
  }
  return places === undefined ? value.toFixed() : value.toFixed(places);
}

const DECIMAL_MODE: Readonly<Record<RoundingMode, DecimalJs.Rounding>> = {
  'half-even': Decimal.ROUND_HALF_EVEN,
  'half-up': Decimal.ROUND_HALF_UP,
  'half-down': Decimal.ROUND_HALF_DOWN,
  floor: Decimal.ROUND_FLOOR,
  ceil: Decimal.ROUND_CEIL,
  'toward-zero': Decimal.ROUND_DOWN,
  'away-from-zero': Decimal.ROUND_UP,
};

/**
 * Rounds a Decimal to `places` decimal places with a named mode.
 * @example
 * ```ts
 * import { Decimal, roundDecimal } from 'gift-economy';
 * console.log(roundDecimal(new Decimal('2.675'), 2, 'half-even').toString()); // 2.68
 * ```
 */
export function roundDecimal(value: Decimal, places: number, mode: RoundingMode): Decimal {
  if (!(value instanceof Decimal)) throw new EconomyError('INVALID_ARGUMENT', `expected a Decimal, got ${describeValue(value)}`);
  if (!Number.isSafeInteger(places) || places < 0 || places > MAX_DIGITS) {
    throw new EconomyError('INVALID_ARGUMENT', `places must be a whole number from 0 to ${MAX_DIGITS}, got ${describeValue(places)}`);
  }
  const rounded = value.toDecimalPlaces(places, DECIMAL_MODE[assertRoundingMode(mode)]);
  return rounded.isZero() ? new Decimal(0) : rounded;
}
