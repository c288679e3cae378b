// The public surface of gift-economy: every export is listed here by name.

export { type BundleOffer, type CustomOffer, type PlanLine, type PlanMinor, PurchasePlanner } from './catalog/planner.js';
export { describeValue, EconomyError, type EconomyErrorOptions, type ErrorCode, formatPath, type Issue } from './errors.js';
export { allocate, allocateMinor } from './money/allocate.js';
export { assertCurrency, type CurrencyCode, minorUnits } from './money/currency.js';
export { Decimal, type DecimalInput, MAX_DIGITS, toDecimal } from './money/decimal.js';
export { divideRoundedNumber } from './money/integer.js';
export { Money, type MoneyJSON, money } from './money/money.js';
export { assertRoundingMode, divideRounded, ROUNDING_MODES, type RoundingMode, roundDecimal } from './money/rounding.js';
export {
  addQuantities,
  type Coins,
  coins,
  type Diamonds,
  diamonds,
  multiplyQuantity,
  type Quantity,
  wholeCount,
} from './quantity/quantity.js';
