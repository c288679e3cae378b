// `gift-economy/money`: the exact money core on its own (Money, allocation, rounding, minor units).
export { allocate, allocateMinor } from './allocate.js';
export { type CurrencyCode, minorUnits } from './currency.js';
export { type DecimalInput, MAX_DIGITS } from './decimal.js';
export { minorToDecimalString } from './minor.js';
export { Money, type MoneyJSON, money } from './money.js';
export { divideRounded, ROUNDING_MODES, type RoundingMode } from './rounding.js';
