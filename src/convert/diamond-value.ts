import { Money } from '../money/money.js';
import { remember } from '../remember.js';
import type { RateTable } from '../table/compile.js';
import { type BreakdownStep, counted, step } from './breakdown.js';
import { diamondsValueMinor, exactRates } from './rates.js';

const RULES = new WeakMap<RateTable, string>();

/**
 * The diamond value as Money, with its breakdown step.
 */
export function diamondValueStep(table: RateTable, diamonds: number): { value: Money; step: BreakdownStep } {
  const { currency, perDiamond, rounding } = table.document.diamondValue;
  const valueMinor = diamondsValueMinor(table, diamonds);
  const value = Money.fromMinor(valueMinor, currency);
  // what rounding left: diamonds × value per diamond − the rounded value
  const residue = Money.leftOver(exactRates(table).valuePerDiamond, diamonds, value);
  return {
    value,
    step: step({
      step: 'diamond-value',
      input: counted(diamonds, table.document.units.diamond),
      rule: remember(
        RULES,
        table,
        () => `× ${perDiamond} ${currency} per ${table.document.units.diamond}, rounded to the ${currency} minor unit`,
      ),
      rate: perDiamond,
      table: table.ref,
      rounding,
      output: value,
      residue: residue.isZero() ? undefined : residue,
    }),
  };
}
