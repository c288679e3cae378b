// `gift-economy/money`: the exact money core on its own (Money, allocation, rounding, minor units).
export { allocate, allocateMinor } from './allocate.js';
export { assertCurrency, type CurrencyCode, minorUnits } from './currency.js';
export { type DecimalInput, MAX_DIGITS } from './decimal.js';
export { divideRoundedNumber } from './integer.js';
export { minorToDecimalString } from './minor.js';
export { Money, type MoneyJSON, money } from './money.js';
export { type Ratio, ratioFromDecimal } from './ratio.js';
export { assertRoundingMode, divideRounded, movesAwayFromZero, ROUNDING_MODES, type RoundingMode } from './rounding.js';
