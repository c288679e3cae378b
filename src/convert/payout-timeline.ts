import { describeValue, EconomyError } from '../errors.js';
import { Money } from '../money/money.js';
import { assertRateTable, type RateTable } from '../table/compile.js';
import { type Instant, toEpochMs } from '../table/history.js';
import type { Provenance } from '../table/provenance.js';

const DAY = 86_400_000;

/**
 * One withdrawal of a {@link PayoutTimeline}: when it is asked for, how much, and when the money arrives (or
 * `undefined` when the sources give no processing time).
 * @example
 * ```ts
 * import { money, payoutTimeline, type PayoutWithdrawal } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const [first]: readonly PayoutWithdrawal[] = payoutTimeline(tiktok, { amount: money('250', 'USD'), from: '2026-11-25', method: 'bank' }).withdrawals;
 * console.log(first?.requested, first?.arrives); // 2026-11-25 2026-12-10
 * ```
 * @category Questions
 */
export interface PayoutWithdrawal {
  readonly requested: string;
  readonly amount: Money;
  readonly arrives: string | undefined;
}

/**
 * When money arrives: the withdrawals a balance needs under the daily maximum, and each one's arrival after
 * the platform's processing days and the method's own delay, with the sources of those days.
 * @example
 * ```ts
 * import { money, type PayoutTimeline, payoutTimeline } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const plan: PayoutTimeline = payoutTimeline(tiktok, { amount: money('50000', 'USD'), from: '2026-11-25', method: 'bank' });
 * console.log(plan.withdrawals.length, plan.lastArrives); // 50 2027-01-28
 * ```
 * @category Questions
 */
export interface PayoutTimeline extends Provenance {
  readonly method: string;
  readonly withdrawals: readonly PayoutWithdrawal[];
  /** Days from a request to the money: processing plus the method's delay; `undefined` when not known. */
  readonly daysToArrive: number | undefined;
  readonly lastArrives: string | undefined;
  /** Why an arrival date is missing, when it is. */
  readonly notKnown?: string;
}

/**
 * The payout timeline of an amount in the payout currency, starting on `from` (a date you give; the library
 * never reads the clock): one withdrawal a day up to the daily maximum, each arriving after the sourced
 * processing days plus the method's delay (TikTok: 15 days to process, tiktok-wallet; PayPal a further 21,
 * tiktok-withdrawal-2019). An amount below the minimum is an error naming it.
 *
 * @throws EconomyError `INVALID_AMOUNT` (wrong currency, not positive, below the minimum), `INVALID_ARGUMENT`
 * @example
 * ```ts
 * import { money, payoutTimeline } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const paypal = payoutTimeline(tiktok, { amount: money('2500', 'USD'), from: '2026-11-25', method: 'paypal' });
 * console.log(paypal.withdrawals.map((w) => `${w.amount}→${w.arrives}`).join(' ')); // 1000.00 USD→2026-12-31 1000.00 USD→2027-01-01 500.00 USD→2027-01-02 (15 + 21 days)
 * ```
 * @category Questions
 */
export function payoutTimeline(
  table: RateTable,
  query: { readonly amount: Money; readonly from: Instant; readonly method?: string },
): PayoutTimeline {
  const compiled = assertRateTable(table);
  if (typeof query !== 'object' || query === null) {
    throw new EconomyError('INVALID_ARGUMENT', `expected { amount, from, method? }, got ${describeValue(query)}`);
  }
  const payout = compiled.document.payout;
  const amount = query.amount;
  if (!(amount instanceof Money) || amount.currency !== payout.currency || !amount.isPositive()) {
    throw new EconomyError('INVALID_AMOUNT', `amount must be a positive Money in ${payout.currency}, got ${describeValue(amount)}`, {
      path: ['amount'],
    });
  }
  const start = Math.floor(toEpochMs(query.from, ['from']) / DAY) * DAY;
  const method = compiled.payoutMethod(query.method);
  const { minimum, maximumPerDay: cap } = compiled.payoutLimits();
  if (minimum && amount.compare(minimum) < 0) {
    throw new EconomyError('INVALID_AMOUNT', `${amount} is below the minimum withdrawal of ${minimum}`, { path: ['amount'] });
  }
  const total = amount.toMinor();
  const perDay = cap === undefined ? total : cap.toMinor();
  const count = (total + perDay - 1n) / perDay;
  if (count > 100_000n)
    throw new EconomyError('INVALID_AMOUNT', `${amount} needs ${count} daily withdrawals; at most 100,000 are listed`, {
      path: ['amount'],
    });
  const processing = payout.processing;
  const daysToArrive = processing === undefined ? undefined : processing.days + (method.delay?.days ?? 0);
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const withdrawals: PayoutWithdrawal[] = [];
  for (let i = 0n; i < count; i++) {
    const requested = start + Number(i) * DAY;
    const minor = i === count - 1n ? total - perDay * (count - 1n) : perDay;
    withdrawals.push({
      requested: date(requested),
      amount: Money.fromMinor(minor, payout.currency),
      arrives: daysToArrive === undefined ? undefined : date(requested + daysToArrive * DAY),
    });
  }
  return {
    method: method.id,
    withdrawals,
    daysToArrive,
    lastArrives: withdrawals.at(-1)?.arrives,
    ...compiled.provenance([payout, processing, method, method.delay]),
    ...(daysToArrive === undefined ? { notKnown: `${compiled.ref} gives no processing time, so arrival dates are not known` } : {}),
  };
}
