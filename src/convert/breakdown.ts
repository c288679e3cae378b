import type { NotKnown } from '../availability/check.js';
import { defined } from '../defined.js';
import { describeValue, EconomyError } from '../errors.js';
import { readLocale } from '../money/locale.js';
import { Money } from '../money/money.js';
import type { RoundingMode } from '../money/rounding.js';

/**
 * The name of a breakdown step: what kind of calculation it records.
 * @example
 * ```ts
 * import { type StepName, sendGifts } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = sendGifts(tiktok, { gift: 'Lion', count: 1, region: 'US' });
 * const names: StepName[] = answer.ok ? answer.breakdown.map((s) => s.step) : [];
 * console.log(names); // [ 'gift-cost', 'creator-share', 'diamond-value' ]
 * ```
 * @category Breakdowns
 */
export type StepName =
  | 'region-not-known'
  | 'currency-fallback'
  | 'bundle'
  | 'custom-amount'
  | 'total'
  | 'channel'
  | 'saving'
  | 'viewer-cost'
  | 'creator-yield'
  | 'gift-cost'
  | 'gift-count'
  | 'creator-share'
  | 'diamond-value'
  | 'withdrawal-limits'
  | 'payout-fee'
  | 'fx'
  | 'store-commission'
  | 'unspent-coins'
  | 'agency'
  | 'residue'
  | 'platform'
  | 'affords'
  | 'target';

/**
 * A count of some unit in a breakdown (coins, diamonds, gifts, bundles), as an exact decimal string: whole in
 * every input and output, possibly fractional in a residue (half a diamond).
 * @example
 * ```ts
 * import type { Count } from 'gift-economy';
 * const lions: Count = { count: '3', unit: 'Lion' };
 * console.log(lions); // { count: '3', unit: 'Lion' }
 * ```
 * @category Breakdowns
 */
export interface Count {
  readonly count: string;
  readonly unit: string;
}

/**
 * A name in a breakdown where there is no quantity: a region, a channel, a currency.
 * @example
 * ```ts
 * import type { Label } from 'gift-economy';
 * const region: Label = { label: 'DE' };
 * console.log(region.label); // DE
 * ```
 * @category Breakdowns
 */
export interface Label {
  readonly label: string;
}

/**
 * What goes into or comes out of a step: exact money, an exact count, or a name.
 * @example
 * ```ts
 * import { type Amount, money } from 'gift-economy';
 * const parts: Amount[] = [money('9.62', 'USD'), { count: '910', unit: 'coin' }, { label: 'web' }];
 * console.log(parts.length); // 3
 * ```
 * @category Breakdowns
 */
export type Amount = Money | Count | Label;

/**
 * One step of a calculation as data: what went in, the rule applied (a sentence), the exact rate, the rounding
 * mode, what came out, what the rounding left over, and the table (`id@version`) or FX source it came from.
 * `also` holds a step's other results (a fee step's net, a total's price per coin). {@link formatBreakdown}
 * renders steps for a locale.
 *
 * @example
 * ```ts
 * import { sendGifts } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = sendGifts(tiktok, { gift: 'Lion', count: 1, region: 'US' });
 * const value = answer.ok ? answer.breakdown.at(-1) : undefined;
 * console.log(value?.step, value?.rate, String(value?.output), String(value?.residue)); // diamond-value 0.005 150.00 USD -0.005 USD
 * ```
 * @category Breakdowns
 */
export interface BreakdownStep {
  readonly step: StepName;
  readonly input: Amount;
  readonly rule: string;
  /** The rate applied, as an exact decimal string. */
  readonly rate?: string;
  /** The rate table the rule came from, as `id@version` (for an FX step, the rate's source). */
  readonly table: string;
  readonly rounding?: RoundingMode;
  readonly output: Amount;
  /** Other results of the step, by name (`net`, `perCoin`, `minimum`, …). */
  readonly also?: Readonly<Record<string, Amount>>;
  /** What the rounding left over (exact output minus rounded output), when it left anything. */
  readonly residue?: Amount;
}

/**
 * The ordered steps behind a result.
 * @example
 * ```ts
 * import { type Breakdown, sendGifts } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = sendGifts(tiktok, { gift: 'Rose', region: 'US' });
 * const steps: Breakdown = answer.ok ? answer.breakdown : [];
 * console.log(steps.every((s) => s.table === tiktok.ref)); // true
 * ```
 * @category Breakdowns
 */
export type Breakdown = readonly BreakdownStep[];

/** The parts of a step, where optional parts may be given as `undefined`. */
type StepParts = { readonly [K in keyof BreakdownStep]: BreakdownStep[K] | (undefined extends BreakdownStep[K] ? undefined : never) };

/** @internal Makes a step, dropping absent optional parts (a fresh object; what is remembered is frozen where it is kept). */
export function step(parts: StepParts): BreakdownStep {
  // the same keys in the same order every time, so answers share one shape per kind of step
  const made: { -readonly [K in keyof BreakdownStep]: BreakdownStep[K] } = {
    step: parts.step,
    input: parts.input,
    rule: parts.rule,
    table: parts.table,
    output: parts.output,
  };
  if (parts.rate !== undefined) made.rate = parts.rate;
  if (parts.rounding !== undefined) made.rounding = parts.rounding;
  if (parts.also !== undefined) made.also = parts.also;
  if (parts.residue !== undefined) made.residue = parts.residue;
  return made;
}

/** @internal A whole or exact count of a unit. */
export function counted(value: number | bigint | string, unit: string): Count {
  return { count: String(value), unit };
}

/** @internal A name. */
export function label(text: string): Label {
  return { label: text };
}

/** @internal The breakdown step that says an answer's region is not known to the table. */
export function regionNotKnownStep(table: { readonly ref: string }, region: string, notKnown: NotKnown): BreakdownStep {
  return step({
    step: 'region-not-known',
    input: label(region),
    rule: `${notKnown.reason}; judged by the default rules (sources: ${notKnown.sources.map((source) => source.key).join(', ') || 'none'})`,
    table: table.ref,
    output: label("the default region's rules"),
  });
}

/**
 * One step rendered for a locale: every amount formatted with `Intl` (money in the locale's style, counts
 * grouped), as {@link formatBreakdown} returns it.
 * @example
 * ```ts
 * import { type FormattedStep, formatBreakdown, sendGifts } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = sendGifts(tiktok, { gift: 'Lion', region: 'US' });
 * const rows: readonly FormattedStep[] = answer.ok ? formatBreakdown(answer.breakdown, 'de-DE') : [];
 * console.log(rows[0]?.output); // 29.999 coins
 * ```
 * @category Breakdowns
 */
export interface FormattedStep {
  readonly step: StepName;
  readonly input: string;
  readonly rule: string;
  readonly rate?: string;
  readonly rounding?: RoundingMode;
  readonly output: string;
  /** The step's other results, as `name: amount` joined by commas. */
  readonly also?: string;
  readonly residue?: string;
  readonly table: string;
}

/**
 * Formats one amount for a locale: money with `Intl.NumberFormat`'s currency style (exact, never through a
 * float), a count grouped with its unit (`1,050 coins`), a name as it is.
 * @example
 * ```ts
 * import { formatAmount, money } from 'gift-economy';
 * console.log(formatAmount(money('1234.5', 'EUR'), 'en-IE'), formatAmount({ count: '29999', unit: 'coin' }, 'de-DE')); // €1,234.50 29.999 coins
 * ```
 * @category Breakdowns
 */
export function formatAmount(amount: Amount, locale?: string | readonly string[]): string {
  if (amount instanceof Money) return amount.format(locale);
  if (typeof amount === 'object' && amount !== null) {
    if (
      typeof (amount as Count).count === 'string' &&
      /^-?\d+(?:\.\d+)?$/.test((amount as Count).count) &&
      typeof (amount as Count).unit === 'string'
    ) {
      const { count: value, unit } = amount as Count;
      const places = value.includes('.') ? value.length - value.indexOf('.') - 1 : 0;
      const number = numberFormat(locale, places).format(value as unknown as number);
      return `${number} ${value === '1' || value === '-1' ? unit : `${unit}s`}`;
    }
    if (typeof (amount as Label).label === 'string') return (amount as Label).label;
  }
  throw new EconomyError(
    'INVALID_ARGUMENT',
    `expected a Money, a count { count: "12", unit: "coin" } (an exact decimal string) or a label { label }, got ${describeValue(amount)}`,
  );
}

/**
 * @internal A whole count as the rule texts write it: they are English, so digits grouped in threes with commas
 * (`29,999`), as `formatCount(n, 'en-US')` gives, without a number format on the hot path.
 */
export function ruleCount(value: number): string {
  const digits = String(value);
  return value < 1000 && value > -1000 ? digits : digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** @internal A number of coins for a rule text: `1 coin`, `29,999 coins`. */
export function ruleCoins(value: number): string {
  return `${ruleCount(value)} coin${value === 1 ? '' : 's'}`;
}

/** @internal `rate unit(s) per coin` for a rule text: the unit singular when the rate is exactly one. */
export function perCoin(rate: string, unit: string): string {
  return `${rate} ${unit}${Number(rate) === 1 ? '' : 's'} per coin`;
}

/** @internal A whole count in the locale's digits, grouped (the formatter is made once per locale). */
export function formatCount(value: number, locale: string | readonly string[] | undefined): string {
  return numberFormat(locale, 0).format(value);
}

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string | readonly string[] | undefined, places: number): Intl.NumberFormat {
  const key = `${String(locale)}|${places}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(readLocale(locale), { maximumFractionDigits: places });
    if (formats.size < 64) formats.set(key, format);
  }
  return format;
}

/**
 * Renders a breakdown for a locale: the one formatter behind the CLI and the calculator widget. Amounts are
 * formatted from the exact data (counts grouped, money in the locale's style); rules stay as the table states them.
 *
 * @throws EconomyError `INVALID_ARGUMENT` when `breakdown` is not a breakdown.
 * @example
 * ```ts
 * import { formatBreakdown, quoteCoins } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const quote = quoteCoins(tiktok, { coins: 1000, channel: 'web', region: 'US' });
 * if (quote.ok) console.log(formatBreakdown(quote.breakdown, 'en-US').map((s) => `${s.step}: ${s.output}`)); // [ 'custom-amount: $0.96', 'bundle: $9.62', 'total: $10.58' ]
 * ```
 * @category Breakdowns
 */
export function formatBreakdown(breakdown: Breakdown, locale?: string | readonly string[]): readonly FormattedStep[] {
  if (!Array.isArray(breakdown)) {
    throw new EconomyError('INVALID_ARGUMENT', `expected a breakdown (an array of steps), got ${describeValue(breakdown)}`);
  }
  return breakdown.map((item: BreakdownStep, index) => {
    try {
      return formatStep(item, locale);
    } catch (error) {
      const why = error instanceof EconomyError ? error.message : 'it could not be read';
      throw new EconomyError('INVALID_ARGUMENT', `step ${index} is not a breakdown step: ${why}`, { path: [index] });
    }
  });
}

function formatStep(item: BreakdownStep, locale: string | readonly string[] | undefined): FormattedStep {
  if (typeof item !== 'object' || item === null) throw new EconomyError('INVALID_ARGUMENT', `got ${describeValue(item)}`);
  const text = (value: unknown, what: string): string => {
    if (typeof value !== 'string') throw new EconomyError('INVALID_ARGUMENT', `its ${what} must be text, got ${describeValue(value)}`);
    return value;
  };
  const also =
    item.also === undefined
      ? undefined
      : Object.entries(item.also)
          .map(([name, amount]) => `${name} ${formatAmount(amount, locale)}`)
          .join(', ');
  return defined({
    step: text(item.step, 'step') as StepName,
    input: formatAmount(item.input, locale),
    rule: text(item.rule, 'rule'),
    rate: item.rate === undefined ? undefined : text(item.rate, 'rate'),
    rounding: item.rounding,
    output: formatAmount(item.output, locale),
    also,
    residue: item.residue === undefined ? undefined : formatAmount(item.residue, locale),
    table: text(item.table, 'table'),
  });
}
