import { describeValue, EconomyError } from '../errors.js';
import { assertCurrency, type CurrencyCode, minorUnits } from './currency.js';
import {
  addExact,
  compareExact,
  type DecimalInput,
  type Exact,
  exactText,
  MAX_DIGITS,
  multiplyExact,
  readExact,
  scaleRounded,
  subtractExact,
  trim,
  unitsAt,
} from './decimal.js';
import { readLocale } from './locale.js';
import { assertRoundingMode, type RoundingMode } from './rounding.js';

/**
 * The JSON form of a {@link Money}: the amount is a decimal string, never a JSON number.
 * @example
 * ```ts
 * import { money, type MoneyJSON } from 'gift-economy';
 * const json: MoneyJSON = money('5', 'USD').toJSON();
 * console.log(json); // { amount: '5.00', currency: 'USD' }
 * ```
 * @category Money and counts
 */
export interface MoneyJSON {
  readonly amount: string;
  readonly currency: CurrencyCode;
}

/**
 * An immutable, exact amount of money in one ISO 4217 currency. The amount is a whole number of units at a
 * number of decimal places (at least the currency's minor unit), held as a bigint: arithmetic is exact, with no
 * float and no decimal library; rounding happens only when asked for, with a named mode.
 *
 * @example
 * ```ts
 * import { money } from 'gift-economy';
 * const price = money('0.99', 'USD');
 * console.log(price.times(3).toString(), price.format('en-US')); // 2.97 USD $0.99
 * ```
 * @category Money and counts
 */
export class Money {
  /** @internal The amount is `units × 10^−scale`. */
  readonly units: bigint;
  /** @internal Decimal places of `units`: the currency's minor unit, or more when the amount needs them. */
  readonly scale: number;
  /** The ISO 4217 currency code. */
  readonly currency: CurrencyCode;

  /** Use {@link money} or {@link Money.fromMinor}; the constructor trusts its arguments. */
  private constructor(units: bigint, scale: number, currency: CurrencyCode) {
    this.units = units;
    this.scale = scale;
    this.currency = currency;
    // not frozen (freezing was most of the cost of making one): typed readonly, and every Money that answers or
    // tables share is frozen where it is remembered
  }

  /**
   * @internal Builds a Money of `units × 10^−scale` from a safe integer and a checked currency (whose minor-unit
   * places the caller may pass), in canonical form, without bigint arithmetic (the caller has checked that `units`
   * is a safe integer).
   */
  static ofUnits(units: number, scale: number, currency: CurrencyCode, minor: number = minorUnits(currency)): Money {
    let whole = units;
    let places = scale;
    while (places > minor && whole % 10 === 0) {
      whole /= 10;
      places--;
    }
    return places < minor ? Money.exact({ units: BigInt(whole), scale: places }, currency) : new Money(BigInt(whole), places, currency);
  }

  /**
   * @internal `rate × count − rounded`, exactly: what rounding `rate × count` to `rounded` left over (same
   * currency). In safe integers when they fit, as for almost every question, else in bigints.
   */
  static leftOver(rate: Money, count: number, rounded: Money): Money {
    const scale = Math.max(rate.scale, rounded.scale);
    const exact = Number(rate.units) * 10 ** (scale - rate.scale) * count;
    const kept = Number(rounded.units) * 10 ** (scale - rounded.scale);
    return Number.isSafeInteger(exact) && Number.isSafeInteger(kept) && Number.isSafeInteger(exact - kept)
      ? Money.ofUnits(exact - kept, scale, rounded.currency)
      : rate.times(count).minus(rounded);
  }

  /** @internal Builds a Money from an exact decimal and a checked currency, in canonical form. */
  static exact(value: Exact, currency: CurrencyCode): Money {
    const minor = minorUnits(currency);
    const canonical = trim(value, minor);
    return canonical.scale < minor
      ? new Money(unitsAt(canonical, minor), minor, currency)
      : new Money(canonical.units, canonical.scale, currency);
  }

  /**
   * Makes money from an amount and a currency; see {@link money}.
   *
   * @example
   * ```ts
   * import { Money } from 'gift-economy';
   * console.log(Money.of('12.34', 'EUR').toString()); // 12.34 EUR
   * ```
   */
  static of(amount: DecimalInput, currency: CurrencyCode): Money {
    const code = assertCurrency(currency, ['currency']);
    return Money.exact(readExact(amount, 'amount', 'INVALID_AMOUNT', ['amount']), code);
  }

  /**
   * Makes money from a whole count of the currency's minor unit (cents for USD, yen for JPY).
   *
   * @example
   * ```ts
   * import { Money } from 'gift-economy';
   * console.log(Money.fromMinor(1999n, 'USD').toString(), Money.fromMinor(500, 'JPY').toString()); // 19.99 USD 500 JPY
   * ```
   */
  static fromMinor(minor: bigint | number, currency: CurrencyCode): Money {
    const code = assertCurrency(currency, ['currency']);
    if (typeof minor === 'number' ? !Number.isSafeInteger(minor) : typeof minor !== 'bigint') {
      throw new EconomyError('INVALID_AMOUNT', `minor units must be a bigint or a safe integer, got ${describeValue(minor)}`);
    }
    return new Money(BigInt(minor), minorUnits(code), code);
  }

  /**
   * Reads the JSON form `{ "amount": "12.34", "currency": "USD" }`, checking both fields.
   *
   * @throws EconomyError `INVALID_AMOUNT`, `INVALID_CURRENCY`
   * @example
   * ```ts
   * import { Money } from 'gift-economy';
   * console.log(Money.fromJSON({ amount: '0.74', currency: 'USD' }).toString()); // 0.74 USD
   * ```
   */
  static fromJSON(json: unknown): Money {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new EconomyError(
        'INVALID_AMOUNT',
        `money must be an object { "amount": "12.34", "currency": "USD" }, got ${describeValue(json)}`,
      );
    }
    const record = json as Record<string, unknown>;
    const currency = assertCurrency(Object.hasOwn(record, 'currency') ? record.currency : undefined, ['currency']);
    const amount = Object.hasOwn(record, 'amount') ? record.amount : undefined;
    if (typeof amount !== 'string') {
      throw new EconomyError('INVALID_AMOUNT', `amount must be a decimal string such as "12.34", got ${describeValue(amount)}`, {
        path: ['amount'],
      });
    }
    return Money.exact(readExact(amount, 'amount', 'INVALID_AMOUNT', ['amount']), currency);
  }

  /** Adds money of the same currency. @throws EconomyError `CURRENCY_MISMATCH` */
  plus(other: Money): Money {
    return Money.exact(addExact(this, this.same(other)), this.currency);
  }

  /** Subtracts money of the same currency. @throws EconomyError `CURRENCY_MISMATCH` */
  minus(other: Money): Money {
    return Money.exact(subtractExact(this, this.same(other)), this.currency);
  }

  /**
   * Multiplies by an exact rate (a decimal string, bigint or safe integer). The result is exact and unrounded:
   * call {@link Money.round} to reach the minor unit.
   */
  times(rate: DecimalInput): Money {
    return Money.exact(multiplyExact(this, readExact(rate, 'rate', 'INVALID_ARGUMENT')), this.currency);
  }

  /**
   * Divides by a positive whole number and rounds the quotient to the minor unit (or to `places`) with a named mode.
   *
   * @example
   * ```ts
   * import { money } from 'gift-economy';
   * console.log(money('4.99', 'USD').dividedBy(70, 'half-even', 6).toString()); // 0.071286 USD (per coin)
   * ```
   */
  dividedBy(divisor: bigint | number, mode: RoundingMode, places: number = minorUnits(this.currency)): Money {
    const count = readExact(divisor, 'divisor', 'INVALID_ARGUMENT');
    if (count.units <= 0n)
      throw new EconomyError('INVALID_ARGUMENT', `divisor must be a positive whole number, got ${describeValue(divisor)}`);
    return Money.exact(scaleRounded(this, 1n, count.units, readPlaces(places), assertRoundingMode(mode)), this.currency);
  }

  /**
   * Converts into another currency at an exact rate (units of `currency` per unit of this one). The result is
   * exact and unrounded: call {@link Money.round} to reach the target's minor unit.
   *
   * @example
   * ```ts
   * import { money } from 'gift-economy';
   * console.log(money('10', 'USD').convert('EUR', '0.9215').round('half-even').toString()); // 9.22 EUR
   * ```
   */
  convert(currency: CurrencyCode, rate: DecimalInput): Money {
    const code = assertCurrency(currency, ['currency']);
    const exact = readExact(rate, 'rate', 'INVALID_ARGUMENT', ['rate']);
    if (exact.units <= 0n)
      throw new EconomyError('INVALID_ARGUMENT', `rate must be positive, got ${describeValue(rate)}`, { path: ['rate'] });
    return Money.exact(multiplyExact(this, exact), code);
  }

  /** −1, 0 or 1 as this amount is below, equal to or above `other` (same currency). */
  compare(other: Money): -1 | 0 | 1 {
    return compareExact(this, this.same(other));
  }

  /** True when both have the same currency and the same exact amount. */
  equals(other: Money): boolean {
    return other instanceof Money && this.currency === other.currency && this.scale === other.scale && this.units === other.units;
  }

  /** True when the amount is zero. */
  isZero(): boolean {
    return this.units === 0n;
  }

  /** True when the amount is below zero. */
  isNegative(): boolean {
    return this.units < 0n;
  }

  /** True when the amount is above zero. */
  isPositive(): boolean {
    return this.units > 0n;
  }

  /**
   * Rounds to the currency's minor unit (or to `places` decimals) with a named mode.
   *
   * @example
   * ```ts
   * import { money } from 'gift-economy';
   * console.log(money('0.125', 'USD').round('half-up').toString(), money('0.125', 'USD').round('half-even').toString()); // 0.13 USD 0.12 USD
   * ```
   */
  round(mode: RoundingMode, places: number = minorUnits(this.currency)): Money {
    const wanted = readPlaces(places);
    const checkedMode = assertRoundingMode(mode);
    if (this.scale <= wanted) return this;
    return Money.exact(scaleRounded(this, 1n, 1n, wanted, checkedMode), this.currency);
  }

  /** True when the amount is a whole number of minor units. */
  isWholeMinor(): boolean {
    return this.scale === minorUnits(this.currency);
  }

  /**
   * The amount as a whole count of minor units.
   *
   * @throws EconomyError `INVALID_AMOUNT` when the amount has digits below the minor unit (round it first).
   */
  toMinor(): bigint {
    if (!this.isWholeMinor()) {
      throw new EconomyError('INVALID_AMOUNT', `${this.toString()} is not a whole number of minor units; round it first`);
    }
    return this.units;
  }

  /**
   * Formats for a locale with `Intl.NumberFormat`. The exact decimal string is passed to Intl, never a float;
   * digits below the minor unit are shown rather than hidden.
   */
  format(locale?: string | readonly string[], options: Intl.NumberFormatOptions = {}): string {
    const tags = readLocale(locale);
    let formatter: Intl.NumberFormat;
    try {
      formatter = new Intl.NumberFormat(tags, {
        style: 'currency',
        currency: this.currency,
        maximumFractionDigits: this.scale,
        ...options,
      });
    } catch (error) {
      throw new EconomyError('INVALID_ARGUMENT', `format options that Intl.NumberFormat refuses: ${(error as Error).message}`, {
        path: ['options'],
      });
    }
    // Intl formats a decimal string exactly (no conversion to a binary float).
    return formatter.format(this.toDecimalString() as unknown as number);
  }

  /** The exact amount as a decimal string with at least the currency's minor-unit places (`"5.00"`). */
  toDecimalString(): string {
    return exactText(this, this.scale);
  }

  /** `"12.34 USD"`: the exact amount and the code. */
  toString(): string {
    return `${this.toDecimalString()} ${this.currency}`;
  }

  /** `{ "amount": "12.34", "currency": "USD" }`. */
  toJSON(): MoneyJSON {
    return { amount: this.toDecimalString(), currency: this.currency };
  }

  private same(other: Money): Money {
    if (!(other instanceof Money)) {
      throw new EconomyError('INVALID_AMOUNT', `expected a Money value, got ${describeValue(other)}`);
    }
    if (other.currency !== this.currency) {
      throw new EconomyError('CURRENCY_MISMATCH', `cannot combine ${this.currency} with ${other.currency}; convert one of them first`, {
        details: { left: this.currency, right: other.currency },
      });
    }
    return other;
  }
}

function readPlaces(places: unknown): number {
  if (typeof places !== 'number' || !Number.isSafeInteger(places) || places < 0 || places > MAX_DIGITS) {
    throw new EconomyError('INVALID_ARGUMENT', `places must be a whole number from 0 to ${MAX_DIGITS}, got ${describeValue(places)}`);
  }
  return places;
}

/**
 * Makes an exact {@link Money}. The amount is a decimal string (`"0.99"`), a bigint or a safe integer of
 * whole currency units; a fractional JS number is refused, because `0.1 + 0.2` is not `0.3` in binary.
 *
 * @throws EconomyError `INVALID_AMOUNT`, `INVALID_CURRENCY`
 * @example
 * ```ts
 * import { money } from 'gift-economy';
 * console.log(money('4.99', 'USD').plus(money('0.01', 'USD')).toString()); // 5.00 USD
 * ```
 * @category Money and counts
 */
export function money(amount: DecimalInput, currency: CurrencyCode): Money {
  return Money.of(amount, currency);
}
