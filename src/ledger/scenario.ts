import { describeValue, EconomyError } from '../errors.js';
import { Money } from '../money/money.js';
import { assertRateTable, type RateTable } from '../table/compile.js';
import { accounts, Ledger, type LedgerEvent } from './ledger.js';

/**
 * Money per party after a sequence of events, in minor units of one currency.
 * @example
 * ```ts
 * import { type PartyTotals, runScenario } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const totals: PartyTotals = runScenario(tiktok, [{ type: 'purchase', id: 'p', viewer: 'v', coins: 70, channel: 'web', region: 'US' }]);
 * console.log(totals.platform.toString(), totals.refused); // 0.74 USD 0
 * ```
 * @category Settlement and modelling
 */
export interface PartyTotals {
  readonly currency: string;
  /** What viewers paid. */
  readonly viewersPaid: Money;
  readonly stores: Money;
  /** The platform's money: purchases kept, minus payouts made. */
  readonly platform: Money;
  /** What creators have been paid out, after fees. */
  readonly creatorsCash: Money;
  /** The value of diamonds creators still hold. */
  readonly creatorsUnpaid: Money;
  readonly payoutFees: Money;
  /** Events the rules refused (they changed nothing). */
  readonly refused: number;
}

/**
 * The same audience under two tables, and the change for each party (`b − a`).
 * @example
 * ```ts
 * import { applyOverlay, compareScenarios, type ScenarioComparison } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const cheaper = applyOverlay(tiktok, { channels: [{ id: 'ios', name: 'iOS', storeCommission: '0.15' }, { id: 'android', name: 'Android', storeCommission: '0.30' }, { id: 'web', name: 'Web', storeCommission: '0' }] });
 * const events = [{ type: 'purchase', id: 'p', viewer: 'v', coins: 7000, channel: 'ios', region: 'US' }] as const;
 * const result: ScenarioComparison = compareScenarios(tiktok, cheaper, events);
 * console.log(result.change.stores.toString(), result.change.platform.toString()); // -14.85 USD 14.85 USD
 * ```
 * @category Settlement and modelling
 */
export interface ScenarioComparison {
  readonly a: PartyTotals;
  readonly b: PartyTotals;
  readonly change: { readonly [K in Exclude<keyof PartyTotals, 'currency' | 'refused'>]: Money };
}

/**
 * Runs the same events through a ledger for each table and reports every party's money under both and the
 * change: what a creator-share change, a purchase-channel mix or a fee change means for whom.
 *
 * @example
 * ```ts
 * import { applyOverlay, compareScenarios } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const lower = applyOverlay(tiktok, { version: 'share-60', creatorShare: { diamondsPerCoin: '0.6' } });
 * const events = [
 *   { type: 'purchase', id: 'p', viewer: 'v', coins: 700, channel: 'web', region: 'US' },
 *   { type: 'gift', id: 'g', viewer: 'v', creator: 'c', gift: 'Swan' },
 * ] as const;
 * console.log(compareScenarios(tiktok, lower, events).change.creatorsUnpaid.toString()); // -1.40 USD (419 diamonds instead of 699)
 * ```
 * @category Settlement and modelling
 */
export function compareScenarios(a: RateTable, b: RateTable, events: readonly LedgerEvent[]): ScenarioComparison {
  const left = runScenario(a, events);
  const right = runScenario(b, events);
  const change = Object.freeze({
    viewersPaid: right.viewersPaid.minus(left.viewersPaid),
    stores: right.stores.minus(left.stores),
    platform: right.platform.minus(left.platform),
    creatorsCash: right.creatorsCash.minus(left.creatorsCash),
    creatorsUnpaid: right.creatorsUnpaid.minus(left.creatorsUnpaid),
    payoutFees: right.payoutFees.minus(left.payoutFees),
  });
  return Object.freeze({ a: left, b: right, change });
}

/**
 * Applies events to a fresh ledger and sums every party's money.
 *
 * @example
 * ```ts
 * import { runScenario } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const totals = runScenario(tiktok, [{ type: 'purchase', id: 'p', viewer: 'v', coins: 70, channel: 'ios', region: 'US' }]);
 * console.log(totals.viewersPaid.toString(), totals.stores.toString()); // 0.99 USD 0.30 USD
 * ```
 * @category Settlement and modelling
 */
export function runScenario(table: RateTable, events: readonly LedgerEvent[]): PartyTotals {
  const compiled = assertRateTable(table);
  if (!Array.isArray(events))
    throw new EconomyError('INVALID_EVENT', `events must be an array of ledger events, got ${describeValue(events)}`);
  const ledger = new Ledger(compiled);
  let refused = 0;
  for (const event of events) if (!ledger.apply(event).ok) refused++;
  const currency = compiled.document.diamondValue.currency;
  const sums = { viewersPaid: 0, stores: 0, platform: 0, creatorsCash: 0, creatorsUnpaid: 0, payoutFees: 0 };
  for (const { account, unit, amount } of ledger.balances()) {
    if (unit === 'diamond' && account.startsWith('creator:')) sums.creatorsUnpaid += amount;
    if (unit !== currency) continue;
    if (account.startsWith('viewer-paid:')) sums.viewersPaid -= amount;
    else if (account.startsWith('store:')) sums.stores += amount;
    else if (account === accounts.platform) sums.platform += amount;
    else if (account.startsWith('creator-cash:')) sums.creatorsCash += amount;
    else if (account === accounts.payoutFees) sums.payoutFees += amount;
  }
  const unpaidValue = Money.of(compiled.document.diamondValue.perDiamond, currency)
    .times(sums.creatorsUnpaid)
    .round(compiled.document.diamondValue.rounding as never);
  return Object.freeze({
    currency,
    viewersPaid: Money.fromMinor(sums.viewersPaid, currency),
    stores: Money.fromMinor(sums.stores, currency),
    platform: Money.fromMinor(sums.platform, currency),
    creatorsCash: Money.fromMinor(sums.creatorsCash, currency),
    creatorsUnpaid: unpaidValue,
    payoutFees: Money.fromMinor(sums.payoutFees, currency),
    refused,
  });
}
