import type { Refusal } from '../availability/check.js';
import { refusal } from '../availability/check.js';
import { allowBuying, findOffers } from '../convert/quote.js';
import { defined } from '../defined.js';
import type { OfferSet, RateTable } from '../table/compile.js';
import { toEpochMs } from '../table/history.js';
import type { LedgerEvent } from './ledger.js';

/**
 * A purchase priced: coins received, what was paid in minor units, and the currency.
 */
export interface Bought {
  readonly ok: true;
  readonly coins: number;
  readonly paidMinor: number;
  readonly currency: string;
}

type Purchase = Extract<LedgerEvent, { type: 'purchase' }>;

type Offers = { readonly ok: true; readonly set: OfferSet } | Refusal;

const MEMO = 4096;

/**
 * @internal Prices ledger purchases with the same rules as `quoteCoins` (regional verdict, currency, cheapest
 * plan), remembering verdicts and plans: a verdict changes only at a date some rule names, so it is memoised per
 * interval between those dates; a plan per offer set and coin count.
 */
export class Purchases {
  readonly #table: RateTable;
  /** Every instant at which some regional rule starts or ends, sorted. */
  readonly #boundaries: number[];
  readonly #verdicts = new Map<string, Offers>();
  readonly #plans = new Map<string, { readonly coins: number; readonly priceMinor: number } | undefined>();

  constructor(table: RateTable) {
    this.#table = table;
    const instants = new Set<number>();
    const regions = table.document.regions;
    for (const features of [regions.default.features, ...regions.rules.map((rule) => rule.features)]) {
      for (const rule of Object.values(features)) {
        if (rule.from !== undefined) instants.add(Date.parse(rule.from));
        if (rule.to !== undefined) instants.add(Date.parse(rule.to));
      }
    }
    this.#boundaries = [...instants].sort((a, b) => a - b);
  }

  price(event: Purchase): Bought | Refusal {
    const at = event.at === undefined ? this.#table.effectiveFrom : toEpochMs(event.at);
    const memo = `${event.region}\u0000${event.channel}\u0000${event.currency ?? ''}\u0000${event.age ?? ''}\u0000${this.#interval(at)}`;
    let offers = this.#verdicts.get(memo);
    if (offers === undefined) {
      offers = this.#offers(event);
      if (this.#verdicts.size >= MEMO) this.#verdicts.clear();
      this.#verdicts.set(memo, offers);
    }
    if (!offers.ok) return offers;
    const set = offers.set;
    const planKey = `${set.channel}/${set.currency}/${set.region}\u0000${event.coins}`;
    let plan = this.#plans.get(planKey);
    if (plan === undefined && !this.#plans.has(planKey)) {
      const found = set.planner.plan(event.coins);
      plan = found && { coins: found.coins, priceMinor: found.priceMinor };
      if (this.#plans.size >= MEMO) this.#plans.clear();
      this.#plans.set(planKey, plan);
    }
    if (plan === undefined) return refusal('NO_PRICE', `no combination of purchases on ${event.channel} reaches ${event.coins} coins`, []);
    return { ok: true, coins: plan.coins, paidMinor: plan.priceMinor, currency: set.currency };
  }

  /** How many rule dates are at or before `at`: equal for two instants the rules cannot tell apart. */
  #interval(at: number): number {
    const boundaries = this.#boundaries;
    let low = 0;
    let high = boundaries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((boundaries[middle] as number) <= at) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  #offers(event: Purchase): Offers {
    const checked = allowBuying(this.#table, {
      region: event.region,
      channel: event.channel,
      ...defined({ age: event.age, at: event.at }),
    });
    const allowed = checked.status === 'unknown' ? checked.ifListed : checked;
    if (!allowed.ok) return allowed;
    const found = findOffers(
      this.#table,
      { channel: event.channel, region: event.region, ...defined({ currency: event.currency }) },
      checked.status === 'unknown' ? checked : allowed,
    );
    return found.ok ? { ok: true, set: found.set } : found;
  }
}
