import { judgePerson, type NotKnown, type Refusal } from '../availability/check.js';
import { describeValue, EconomyError } from '../errors.js';
import { assertCurrency } from '../money/currency.js';
import { exactText, readExact } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { assertRoundingMode, type RoundingMode } from '../money/rounding.js';
import { type Diamonds, wholeCount } from '../quantity/quantity.js';
import { remember } from '../remember.js';
import { assertRateTable, type RateTable } from '../table/compile.js';
import type { Instant } from '../table/history.js';
import { joinProvenance, type Provenance, rememberProvenance } from '../table/provenance.js';
import { type Breakdown, type BreakdownStep, counted, regionNotKnownStep, step } from './breakdown.js';
import { diamondValueStep } from './diamond-value.js';
import { diamondsForMinor } from './rates.js';

/**
 * A conversion rate into another currency, with where it comes from (shown in the breakdown).
 * @example
 * ```ts
 * import { cashOut, type FxRate } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const fx: FxRate = { currency: 'EUR', rate: '0.9', source: 'an example rate' };
 * const out = cashOut(tiktok, { diamonds: 20_000, fx });
 * if (out.ok) console.log(out.converted?.toString()); // 90.00 EUR
 * ```
 * @category Questions
 */
export interface FxRate {
  /** The currency converted into. */
  readonly currency: string;
  /** Units of `currency` per unit of the payout currency, as a decimal string. */
  readonly rate: string;
  /** Where the rate comes from, e.g. "ECB reference rate 2026-11-24". */
  readonly source: string;
  /** Rounding to the target currency's minor unit (default half-even). */
  readonly rounding?: RoundingMode;
}

/**
 * The question for {@link cashOut}.
 * @example
 * ```ts
 * import { cashOut, type CashOutQuery } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const query: CashOutQuery = { diamonds: 20_000, method: 'bank', region: 'RU' };
 * console.log(cashOut(tiktok, query).ok); // true
 * ```
 * @category Questions
 */
export interface CashOutQuery {
  readonly diamonds: number;
  /** A payout method id of the table (default: the first). */
  readonly method?: string;
  /** When given, the creator's region is checked for `cash-out` (with `age` and `at`). */
  readonly region?: string;
  readonly age?: number;
  readonly at?: Instant;
  /** Convert the net payout into another currency. */
  readonly fx?: FxRate;
}

/**
 * Diamonds turned into money: gross, the withdrawal allowed today, fee, net, and what is missing.
 * @example
 * ```ts
 * import { cashOut } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const out = cashOut(tiktok, { diamonds: 400_000 });
 * if (out.ok) console.log(out.gross.toString(), out.withdrawal.toString()); // 2000.00 USD 1000.00 USD
 * ```
 * @category Questions
 */
export interface CashOut extends Provenance {
  readonly ok: true;
  readonly diamonds: Diamonds;
  readonly method: string;
  /** The diamonds' value before any fee. */
  readonly gross: Money;
  /**
   * True when the gross reaches the table's withdrawal minimum; `undefined` when the table publishes no
   * minimum, so whether it can be withdrawn is not known (e.g. Twitch Bits).
   */
  readonly withdrawable: boolean | undefined;
  /** Diamonds still needed to reach the minimum (0 when withdrawable). */
  readonly diamondsMissing: number;
  /** What can be withdrawn now: the gross, capped at the daily maximum (zero below the minimum). */
  readonly withdrawal: Money;
  readonly fee: Money;
  readonly net: Money;
  /** The net in another currency, when an FX rate was given. */
  readonly converted?: Money;
  /** Present when the question's region is not listed and the table says unlisted regions are not known. */
  readonly regionNotKnown?: string;
  readonly breakdown: Breakdown;
}

/** A payout method of a table, as the table reads it. */
type PayoutMethodDocument = ReturnType<RateTable['payoutMethod']>;

/**
 * @internal What a gross value allows under the table's withdrawal limits and a method's fee: the one payout rule
 * of {@link cashOut} and `moneyFlow`. Nothing is withdrawable below a published minimum; no published minimum
 * leaves `withdrawable` unknown.
 *
 * @throws EconomyError `CURRENCY_MISMATCH` when the table values diamonds in another currency than it pays out in.
 */
export function withdraw(
  compiled: RateTable,
  gross: Money,
  method: PayoutMethodDocument,
): {
  readonly minimum: Money | undefined;
  readonly maximum: Money | undefined;
  readonly withdrawable: boolean | undefined;
  readonly withdrawal: Money;
  readonly fee: Money;
  readonly net: Money;
} {
  const currency = compiled.document.payout.currency;
  if (gross.currency !== currency) {
    throw new EconomyError('CURRENCY_MISMATCH', `${compiled.ref} values diamonds in ${gross.currency} but pays out in ${currency}`);
  }
  const { minimum, maximumPerDay: maximum } = compiled.payoutLimits();
  const withdrawable = minimum === undefined ? undefined : gross.compare(minimum) >= 0;
  const capped = maximum && gross.compare(maximum) > 0 ? maximum : gross;
  const withdrawal = withdrawable === false ? Money.fromMinor(0, currency) : capped;
  const fee = Money.fromMinor(compiled.payoutFeeMinor(Number(withdrawal.toMinor()), method.id), currency);
  const net = withdrawal.compare(fee) > 0 ? withdrawal.minus(fee) : Money.fromMinor(0, currency);
  return { minimum, maximum, withdrawable, withdrawal, fee, net };
}

/**
 * @internal Where a payout's figures come from: the diamond value, the payout rules and the method (and the
 * region's rule when it is not known); an FX rate passed with the question is the caller's figure.
 */
export function payoutProvenance(compiled: RateTable, notKnown: NotKnown | undefined, method: PayoutMethodDocument, fx: boolean) {
  return rememberProvenance(notKnown ?? compiled, [method, fx ? 1 : 0], () =>
    joinProvenance(
      compiled,
      notKnown ? [notKnown] : [],
      [compiled.document.diamondValue, compiled.document.payout, method],
      fx ? 'user-supplied' : 'sourced',
    ),
  );
}

/**
 * Diamonds → gross money → the withdrawal allowed (minimum, daily maximum) → fee of the payout method → net,
 * optionally converted through an FX rate the caller supplies.
 *
 * @throws EconomyError `INVALID_QUANTITY`, `INVALID_ARGUMENT`
 * @example
 * ```ts
 * import { cashOut } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const out = cashOut(tiktok, { diamonds: 50_000 });
 * if (out.ok) console.log(out.gross.toString(), out.withdrawable, out.net.toString()); // 250.00 USD true 250.00 USD
 * ```
 * @category Questions
 */
export function cashOut(table: RateTable, query: CashOutQuery): CashOut | Refusal {
  const compiled = assertRateTable(table);
  if (typeof query !== 'object' || query === null)
    throw new EconomyError('INVALID_ARGUMENT', `expected { diamonds, method? }, got ${describeValue(query)}`);
  const diamonds = wholeCount(query.diamonds, 'diamonds', ['diamonds']) as Diamonds;
  const payout = compiled.document.payout;
  const method = compiled.payoutMethod(query.method);
  const judged = judgePerson(compiled, 'cash-out', query);
  if (judged?.status === 'refused') return judged;
  const notKnown = judged;
  const { value: gross, step: valueStep } = diamondValueStep(compiled, diamonds);
  const currency = payout.currency;
  const { minimum, maximum, withdrawable, withdrawal, fee, net } = withdraw(compiled, gross, method);
  const diamondsMissing = minimum === undefined || withdrawable ? 0 : diamondsForValue(compiled, minimum) - diamonds;
  const steps: BreakdownStep[] = [valueStep];
  steps.push(
    step({
      step: 'withdrawal-limits',
      input: gross,
      rule:
        withdrawable === undefined
          ? 'minimum not published: withdrawable if the platform allows a withdrawal this small'
          : withdrawable
            ? `at least the minimum${maximum ? ', at most the daily maximum' : ''}`
            : 'below the minimum: nothing can be withdrawn yet',
      table: compiled.ref,
      output: withdrawal,
      also: limitsAlso(compiled, minimum, maximum, diamondsMissing),
    }),
  );
  steps.push(
    step({
      step: 'payout-fee',
      input: withdrawal,
      rule: remember(FEE_RULES, method, () => `${method.name}: ${method.percentFee} of the withdrawal + ${method.fixedFee} ${currency}`),
      rate: method.percentFee,
      table: compiled.ref,
      rounding: method.feeRounding,
      output: fee,
      also: { net },
    }),
  );
  let converted: Money | undefined;
  if (query.fx !== undefined) {
    const fx = query.fx;
    const { target, rate, rounding } = readFx(fx);
    const exact = net.convert(target, rate);
    converted = exact.round(rounding);
    steps.push(
      step({
        step: 'fx',
        input: net,
        rule: `× ${rate} ${target} per ${currency} (${fx.source})`,
        rate,
        table: fx.source,
        rounding,
        output: converted,
        residue: exact.equals(converted) ? undefined : exact.minus(converted),
      }),
    );
  }
  const provenance = payoutProvenance(compiled, notKnown, method, query.fx !== undefined);
  // one shape for every answer (the rare parts added last), written out rather than spread
  const answer: { -readonly [K in keyof CashOut]: CashOut[K] } = {
    ok: true as const,
    diamonds,
    method: method.id,
    gross,
    withdrawable,
    diamondsMissing,
    withdrawal,
    fee,
    net,
    breakdown: notKnown ? [regionNotKnownStep(compiled, query.region as string, notKnown), ...steps] : steps,
    sources: provenance.sources,
    confidence: provenance.confidence,
  };
  if (converted) answer.converted = converted;
  if (notKnown) answer.regionNotKnown = notKnown.reason;
  return answer;
}

const FEE_RULES = new WeakMap<object, string>();

/** What a withdrawal-limits step shows beside its output: the limits the table sets and the diamonds missing. */
function limitsAlso(compiled: RateTable, minimum: Money | undefined, maximum: Money | undefined, missing: number) {
  if (!minimum && !maximum && missing <= 0) return undefined;
  const also: Record<string, Money | ReturnType<typeof counted>> = {};
  if (minimum) also.minimum = minimum;
  if (maximum) also.maximumPerDay = maximum;
  if (missing > 0) also.missing = counted(missing, compiled.document.units.diamond);
  return also;
}

/** @internal Checks an FX rate: a known currency, a positive decimal rate, a named source, a rounding mode. */
export function readFx(fx: unknown): { target: string; rate: string; rounding: RoundingMode; source: string } {
  if (typeof fx !== 'object' || fx === null) {
    throw new EconomyError('INVALID_ARGUMENT', `fx must be { currency, rate, source }, got ${describeValue(fx)}`, { path: ['fx'] });
  }
  const { currency, rate, source, rounding } = fx as Record<string, unknown>;
  const target = assertCurrency(currency, ['fx', 'currency']);
  const value = readExact(rate, 'fx.rate', 'INVALID_ARGUMENT', ['fx', 'rate']);
  if (value.units <= 0n) throw new EconomyError('INVALID_ARGUMENT', 'fx.rate must be greater than 0', { path: ['fx', 'rate'] });
  if (typeof source !== 'string' || source === '') {
    throw new EconomyError('INVALID_ARGUMENT', 'fx.source must name where the rate comes from', { path: ['fx', 'source'] });
  }
  return {
    target,
    rate: exactText(value),
    rounding: rounding === undefined ? 'half-even' : assertRoundingMode(rounding, ['fx', 'rounding']),
    source,
  };
}

/**
 * The fewest diamonds whose value (rounded by the table's rule) reaches `target`.
 *
 * @example
 * ```ts
 * import { diamondsForValue, money } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * console.log(diamondsForValue(tiktok, money('100', 'USD'))); // 19999 (19,999 × 0.005 = 99.995, which rounds half-even to 100.00)
 * ```
 * @category Questions
 */
export function diamondsForValue(table: RateTable, target: Money): number {
  if (!(target instanceof Money)) throw new EconomyError('INVALID_AMOUNT', `target must be a Money value, got ${describeValue(target)}`);
  if (target.currency !== table.document.diamondValue.currency) {
    throw new EconomyError(
      'CURRENCY_MISMATCH',
      `${table.ref} values diamonds in ${table.document.diamondValue.currency}, not ${target.currency}`,
    );
  }
  const goal = target.round('ceil').toMinor();
  if (goal > BigInt(Number.MAX_SAFE_INTEGER)) throw new EconomyError('QUANTITY_OVERFLOW', `${target.toString()} is too large`);
  return diamondsForMinor(table, Number(goal));
}
