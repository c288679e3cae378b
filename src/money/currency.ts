import { describeValue, EconomyError } from '../errors.js';

/**
 * An ISO 4217 currency code known to this runtime's `Intl`, e.g. `"USD"`.
 * @example
 * ```ts
 * import { type CurrencyCode, minorUnits } from 'gift-economy';
 * const code: CurrencyCode = 'KWD';
 * console.log(minorUnits(code)); // 3
 * ```
 * @category Money and counts
 */
export type CurrencyCode = string;

let knownCodes: ReadonlySet<string> | undefined;
const minorUnitCache = new Map<string, number>();
let lastCode = 'USD';
let lastPlaces = 2;

/**
 * Checks that `code` is an ISO 4217 currency this runtime's `Intl` knows, and returns it.
 *
 * @throws EconomyError `INVALID_CURRENCY` for anything else (lower case, unknown codes, non-strings).
 * @internal
 */
export function assertCurrency(code: unknown, path: readonly (string | number)[] = []): CurrencyCode {
  if (code === lastCode) return code; // known: minorUnits checked it
  knownCodes ??= new Set(Intl.supportedValuesOf('currency'));
  if (typeof code === 'string' && knownCodes.has(code)) return code;
  throw new EconomyError(
    'INVALID_CURRENCY',
    `currency must be an ISO 4217 code in upper case such as "USD", "EUR" or "JPY", got ${describeValue(code)}`,
    { path },
  );
}

/**
 * @internal The minor units of the most used currencies, as `Intl` reports them, so that the common case needs no `Intl` (whose first
 * use costs tens of milliseconds); any other code is asked of `Intl`, which agrees with these.
 */
export const COMMON_MINOR_UNITS: ReadonlyMap<string, number> = new Map([
  ['USD', 2],
  ['EUR', 2],
  ['GBP', 2],
  ['JPY', 0],
  ['KRW', 0],
  ['CNY', 2],
  ['INR', 2],
  ['BRL', 2],
  ['CAD', 2],
  ['AUD', 2],
  ['MXN', 2],
  ['RUB', 2],
  ['TRY', 2],
  ['CHF', 2],
]);

/**
 * The number of decimal places of a currency's minor unit, as `Intl` reports it (USD 2, JPY 0, KWD 3).
 *
 * @example
 * ```ts
 * import { minorUnits } from 'gift-economy';
 * console.log(minorUnits('USD'), minorUnits('JPY'), minorUnits('KWD')); // 2 0 3
 * ```
 * @category Money and counts
 */
export function minorUnits(code: CurrencyCode): number {
  // most questions ask about one currency many times: the last one answers without a lookup
  if (code === lastCode) return lastPlaces;
  let places = COMMON_MINOR_UNITS.get(code) ?? minorUnitCache.get(code);
  if (places === undefined) {
    assertCurrency(code);
    places = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    minorUnitCache.set(code, places);
  }
  lastCode = code;
  lastPlaces = places;
  return places;
}
