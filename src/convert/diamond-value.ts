import { exactText, multiplyExact, readExact, subtractExact } from '../money/decimal.js';
import { Money } from '../money/money.js';
import type { RateTable } from '../table/compile.js';
import { type BreakdownStep, step } from './breakdown.js';
import { diamondsValueMinor } from './rates.js';

/** The diamond value as Money, with its breakdown step. */
export function diamondValueStep(table: RateTable, diamonds: number): { value: Money; step: BreakdownStep } {
  const { currency, perDiamond, rounding } = table.document.diamondValue;
  const value = Money.fromMinor(diamondsValueMinor(table, diamonds), currency);
  const residue = subtractExact(multiplyExact({ units: BigInt(diamonds), scale: 0 }, readExact(perDiamond, 'perDiamond')), value);
  return {
    value,
    step: step({
      step: 'diamond-value',
      input: `${diamonds} ${table.document.units.diamond}s`,
      rule: `× ${perDiamond} ${currency} per ${table.document.units.diamond}, rounded to the ${currency} minor unit`,
      rate: perDiamond,
      table: table.ref,
      rounding,
      output: value.toString(),
      residue: residue.units === 0n ? undefined : `${exactText(residue)} ${currency}`,
    }),
  };
}
