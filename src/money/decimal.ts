import { describeValue, EconomyError } from '../errors.js';
import { divideRounded, type RoundingMode } from './rounding.js';

// The one seam for exact decimal arithmetic: a decimal is a bigint of units and a count of decimal places
// (`units × 10^−scale`). Sums, differences and products are exact; division only ever happens with a named
// rounding. No binary float and no decimal library is involved.

/** @internal An exact decimal: `units × 10^−scale`, scale ≥ 0. */
export interface Exact {
  readonly units: bigint;
  readonly scale: number;
}

/**
 * Most digits a parsed decimal may hold (integer and fraction together).
 * @example
 * ```ts
 * import { MAX_DIGITS, money } from 'gift-economy';
 * console.log(MAX_DIGITS, money('9'.repeat(MAX_DIGITS), 'JPY').isPositive()); // 40 true
 * ```
 * @category Money and counts
 */
export const MAX_DIGITS = 40;

/**
 * What a decimal input may be: a plain decimal string (`"0.99"`, no exponent, no spaces), a bigint or a safe
 * integer. A fractional JS number is refused: `0.1` is not exact in binary, `'0.1'` is.
 * @example
 * ```ts
 * import { type DecimalInput, money } from 'gift-economy';
 * const inputs: DecimalInput[] = ['0.99', 5n, 7];
 * console.log(inputs.map((amount) => money(amount, 'USD').toString())); // [ '0.99 USD', '5.00 USD', '7.00 USD' ]
 * ```
 * @category Money and counts
 */
export type DecimalInput = string | bigint | number;

const DECIMAL_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const POWERS: bigint[] = [];
/** @internal 10^n as a bigint. */
export function pow10(n: number): bigint {
  let power = POWERS[n];
  if (power === undefined) {
    power = 10n ** BigInt(n);
    if (n < 64) POWERS[n] = power;
  }
  return power;
}

/**
 * @internal Reads an exact decimal from a plain decimal string, a bigint or a safe integer; anything else is an
 * {@link EconomyError} with the given code, naming `what` and `path`.
 */
export function readExact(
  value: unknown,
  what: string,
  code: 'INVALID_AMOUNT' | 'INVALID_ARGUMENT' = 'INVALID_AMOUNT',
  path: readonly (string | number)[] = [],
): Exact {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return { units: BigInt(value), scale: 0 };
  if (typeof value === 'bigint' && (value < 0n ? -value : value) < pow10(MAX_DIGITS)) return { units: value, scale: 0 };
  if (typeof value === 'string' && DECIMAL_TEXT.test(value) && value.length <= MAX_DIGITS + 2) {
    const point = value.indexOf('.');
    const digits = point < 0 ? value : value.slice(0, point) + value.slice(point + 1);
    if (digits.replace('-', '').length <= MAX_DIGITS)
      return trim({ units: BigInt(digits), scale: point < 0 ? 0 : value.length - point - 1 }, 0);
  }
  throw new EconomyError(
    code,
    `${what} must be a decimal string like "12.34" (at most ${MAX_DIGITS} digits, no exponent), a bigint or a safe integer, got ${describeValue(value)}`,
    { path },
  );
}

/** @internal Drops trailing zero places down to `minScale`. */
export function trim(value: Exact, minScale: number): Exact {
  let { units, scale } = value;
  if (scale <= minScale) return value;
  if (units === 0n) return { units, scale: minScale };
  while (scale > minScale && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return scale === value.scale ? value : { units, scale };
}

/** @internal The units of `value` at `scale` places (scale ≥ value.scale). */
export function unitsAt(value: Exact, scale: number): bigint {
  return scale === value.scale ? value.units : value.units * pow10(scale - value.scale);
}

/** @internal a + b, exactly. */
export function addExact(a: Exact, b: Exact): Exact {
  const scale = Math.max(a.scale, b.scale);
  return { units: unitsAt(a, scale) + unitsAt(b, scale), scale };
}

/** @internal a − b, exactly. */
export function subtractExact(a: Exact, b: Exact): Exact {
  const scale = Math.max(a.scale, b.scale);
  return { units: unitsAt(a, scale) - unitsAt(b, scale), scale };
}

/** @internal a × b, exactly. */
export function multiplyExact(a: Exact, b: Exact): Exact {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** @internal −1, 0 or 1. */
export function compareExact(a: Exact, b: Exact): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const left = unitsAt(a, scale);
  const right = unitsAt(b, scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** @internal `value × numerator / denominator`, rounded to `places` with a named mode. */
export function scaleRounded(value: Exact, numerator: bigint, denominator: bigint, places: number, mode: RoundingMode): Exact {
  // value × n / d at `places` = units × n × 10^places / (d × 10^scale)
  const up = places >= value.scale ? pow10(places - value.scale) : 1n;
  const down = places < value.scale ? pow10(value.scale - places) : 1n;
  return { units: divideRounded(value.units * numerator * up, denominator * down, mode), scale: places };
}

/** @internal The exact text in plain notation, with at least `places` decimal places. */
export function exactText(value: Exact, places = 0): string {
  const trimmed = trim(value, places);
  const scale = Math.max(trimmed.scale, places);
  const units = unitsAt(trimmed, scale);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString();
  if (scale === 0) return negative ? `-${digits}` : digits;
  const whole = digits.padStart(scale + 1, '0');
  const text = `${whole.slice(0, -scale)}.${whole.slice(-scale)}`;
  return negative ? `-${text}` : text;
}
