import { type Refusal, refusal } from '../availability/check.js';
import { findGift } from '../convert/gift.js';
import { quoteCoins } from '../convert/quote.js';
import { diamondsForGifts, diamondsValueMinor } from '../convert/rates.js';
import { defined } from '../defined.js';
import { describeValue, EconomyError } from '../errors.js';
import { allocateMinor } from '../money/allocate.js';
import { divideRoundedNumber } from '../money/integer.js';
import { Money } from '../money/money.js';
import { ratioFromDecimal } from '../money/ratio.js';
import type { RoundingMode } from '../money/rounding.js';
import { wholeCount } from '../quantity/quantity.js';
import { assertRateTable, type RateTable } from '../table/compile.js';
import type { Instant } from '../table/history.js';
import { readLedgerEvent, sameEvent } from './event.js';
import { seededRandom } from './random.js';

/**
 * Something that happens in the economy. Every event has an id; applying an id twice does nothing the second time.
 * @example
 * ```ts
 * import { Ledger, type LedgerEvent } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const events: LedgerEvent[] = [
 *   { type: 'purchase', id: '1', viewer: 'v', coins: 70, channel: 'web', region: 'US' },
 *   { type: 'gift', id: '2', viewer: 'v', creator: 'c', gift: 'Rose', count: 70 },
 * ];
 * const ledger = new Ledger(tiktok);
 * for (const event of events) ledger.apply(event);
 * console.log(ledger.balance('creator:c', 'diamond')); // 70
 * ```
 */
export type LedgerEvent =
  | {
      readonly type: 'purchase';
      readonly id: string;
      readonly viewer: string;
      readonly coins: number;
      readonly channel: string;
      readonly region: string;
      /** The currency paid in; defaults to the region's (an unlisted region has none: name it). */
      readonly currency?: string;
      readonly age?: number;
      readonly at?: Instant;
    }
  | {
      readonly type: 'gift';
      readonly id: string;
      readonly viewer: string;
      readonly creator: string;
      readonly gift: string;
      readonly count?: number;
    }
  | {
      readonly type: 'chest-drop';
      readonly id: string;
      readonly viewer: string;
      readonly coins: number;
      readonly claimants: number;
      /** The countdown before the chest opens, checked against the table's limits. */
      readonly countdownSeconds?: number;
    }
  | {
      readonly type: 'chest-claim';
      readonly id: string;
      readonly chest: string;
      readonly viewers: readonly string[];
      readonly seed?: number;
    }
  | { readonly type: 'payout'; readonly id: string; readonly creator: string; readonly diamonds: number; readonly method?: string }
  | { readonly type: 'refund'; readonly id: string; readonly purchase: string };

/**
 * One line of a journal entry: an amount of a unit into (positive) or out of (negative) an account.
 * @example
 * ```ts
 * import { Ledger, type Posting } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const ledger = new Ledger(tiktok);
 * ledger.apply({ type: 'purchase', id: 'p', viewer: 'v', coins: 70, channel: 'ios', region: 'US' });
 * const coins: Posting[] = ledger.journal[0]?.postings.filter((p) => p.unit === 'coin') ?? [];
 * console.log(coins.map((p) => `${p.account} ${p.amount}`)); // [ 'coins-issued -70', 'viewer:v 70' ]
 * ```
 */
export interface Posting {
  readonly account: string;
  /** `coin`, `diamond`, or an ISO 4217 currency code (then `amount` is in minor units). */
  readonly unit: string;
  readonly amount: number;
}

/**
 * An applied event with its postings; every unit's postings sum to zero.
 * @example
 * ```ts
 * import { type JournalEntry, Ledger } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const ledger = new Ledger(tiktok);
 * ledger.apply({ type: 'purchase', id: 'p', viewer: 'v', coins: 70, channel: 'web', region: 'US' });
 * const entry: JournalEntry | undefined = ledger.journal[0];
 * console.log(entry?.postings.length); // 4 (the web has no store commission)
 * ```
 */
export interface JournalEntry {
  readonly event: LedgerEvent;
  readonly postings: readonly Posting[];
}

/**
 * The answer to {@link Ledger.apply}.
 * @example
 * ```ts
 * import { type ApplyResult, Ledger } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const ledger = new Ledger(tiktok);
 * const result: ApplyResult = ledger.apply({ type: 'gift', id: 'g', viewer: 'v', creator: 'c', gift: 'Rose' });
 * console.log(result.ok ? 'applied' : result.code); // NOT_ENOUGH
 * ```
 */
export type ApplyResult =
  | { readonly ok: true; readonly duplicate: false; readonly entry: JournalEntry }
  | { readonly ok: true; readonly duplicate: true; readonly reason: string }
  | Refusal;

/**
 * Account names: who holds what.
 * @example
 * ```ts
 * import { accounts, Ledger } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const ledger = new Ledger(tiktok);
 * ledger.apply({ type: 'purchase', id: 'p', viewer: 'ann', coins: 70, channel: 'ios', region: 'US' });
 * console.log(ledger.balance(accounts.store('ios'), 'USD')); // 30 (cents: 30% of 0.99, half-even)
 * ```
 */
export const accounts = {
  viewer: (id: string) => `viewer:${id}`,
  creator: (id: string) => `creator:${id}`,
  viewerMoney: (id: string) => `viewer-paid:${id}`,
  creatorCash: (id: string) => `creator-cash:${id}`,
  store: (channel: string) => `store:${channel}`,
  chest: (id: string) => `chest:${id}`,
  platform: 'platform',
  coinsIssued: 'coins-issued',
  coinsSpent: 'coins-spent',
  diamondsIssued: 'diamonds-issued',
  diamondsRedeemed: 'diamonds-redeemed',
  payoutFees: 'payout-fees',
} as const;

/**
 * A double-entry ledger of one economy: viewers hold coins, creators diamonds, the platform, stores and
 * creators money. Each event is checked in full before anything is posted, so it applies entirely or not
 * at all; balances never go negative; the journal is append-only and replaying it rebuilds the balances.
 *
 * @example
 * ```ts
 * import { Ledger } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const ledger = new Ledger(tiktok);
 * ledger.apply({ type: 'purchase', id: 'p1', viewer: 'ann', coins: 70, channel: 'web', region: 'US' });
 * ledger.apply({ type: 'gift', id: 'g1', viewer: 'ann', creator: 'bo', gift: 'Rose', count: 10 });
 * console.log(ledger.balance('viewer:ann', 'coin'), ledger.balance('creator:bo', 'diamond')); // 60 10
 * console.log(ledger.apply({ type: 'gift', id: 'g1', viewer: 'ann', creator: 'bo', gift: 'Rose', count: 10 }).ok); // true (a duplicate: nothing changes)
 * console.log(ledger.apply({ type: 'gift', id: 'g1', viewer: 'ann', creator: 'bo', gift: 'Lion' }).ok); // false (ID_CONFLICT)
 * ```
 */
export class Ledger {
  readonly table: RateTable;
  readonly #balances = new Map<string, number>();
  readonly #journal: JournalEntry[] = [];
  readonly #byId = new Map<string, JournalEntry>();
  readonly #chests = new Map<string, { viewer: string; coins: number; claimants: number; claimed: boolean }>();
  readonly #refunded = new Set<string>();

  constructor(table: RateTable) {
    this.table = assertRateTable(table);
  }

  /** Rebuilds a ledger by applying a journal's events in order. */
  static replay(table: RateTable, journal: readonly JournalEntry[]): Ledger {
    const ledger = new Ledger(table);
    for (const entry of journal) {
      const result = ledger.apply(entry.event);
      if (!result.ok) throw new EconomyError('INVALID_EVENT', `replaying ${entry.event.id} was refused: ${result.reason}`);
    }
    return ledger;
  }

  /** The balance of an account in a unit (0 when it never moved). */
  balance(account: string, unit: string): number {
    return this.#balances.get(`${account}\u0000${unit}`) ?? 0;
  }

  /** Every non-zero balance, as `{ account, unit, amount }`. */
  balances(): { account: string; unit: string; amount: number }[] {
    return [...this.#balances]
      .filter(([, amount]) => amount !== 0)
      .map(([key, amount]) => {
        const [account, unit] = key.split('\u0000') as [string, string];
        return { account, unit, amount };
      });
  }

  /** The journal so far (a copy; the ledger's own journal only grows). */
  get journal(): readonly JournalEntry[] {
    return [...this.#journal];
  }

  /** The postings of one account, in order, with the event each came from. */
  statement(account: string): { event: string; unit: string; amount: number; balance: number }[] {
    const running = new Map<string, number>();
    const lines: { event: string; unit: string; amount: number; balance: number }[] = [];
    for (const entry of this.#journal) {
      for (const posting of entry.postings) {
        if (posting.account !== account) continue;
        const balance = (running.get(posting.unit) ?? 0) + posting.amount;
        running.set(posting.unit, balance);
        lines.push({ event: entry.event.id, unit: posting.unit, amount: posting.amount, balance });
      }
    }
    return lines;
  }

  /**
   * Applies an event: all of its postings or none. The event is read in full into a frozen copy first (an
   * extra field, a function or a throwing getter is an `INVALID_EVENT` error), so a failure changes nothing.
   * A refusal (a rule, a balance that would go negative, a limit) changes nothing; an id seen before is a
   * no-op that says so, and the same id with different content is refused with `ID_CONFLICT`.
   *
   * @throws EconomyError for malformed events (`INVALID_EVENT`, `INVALID_QUANTITY`, `UNKNOWN_GIFT`, …).
   */
  apply(event: LedgerEvent): ApplyResult {
    const read = readLedgerEvent(event);
    const seen = this.#byId.get(read.id);
    if (seen) {
      if (!sameEvent(seen.event, read)) {
        return refusal('ID_CONFLICT', `event ${read.id} was already applied with different content; use a new id`, []);
      }
      return Object.freeze({
        ok: true as const,
        duplicate: true as const,
        reason: `event ${read.id} was already applied; nothing changed`,
      });
    }
    const planned = this.#plan(read);
    if (!Array.isArray(planned)) return planned as Refusal;
    // Every check passed and the event is a frozen copy: post the whole event.
    const postings = Object.freeze(planned.filter((posting) => posting.amount !== 0).map((posting) => Object.freeze({ ...posting })));
    for (const posting of postings) {
      const key = `${posting.account}\u0000${posting.unit}`;
      this.#balances.set(key, (this.#balances.get(key) ?? 0) + posting.amount);
    }
    const entry: JournalEntry = Object.freeze({ event: read, postings });
    this.#journal.push(entry);
    this.#byId.set(read.id, entry);
    this.#commit(read);
    return Object.freeze({ ok: true as const, duplicate: false as const, entry });
  }

  /** The postings an event would make, or why it is refused; nothing is changed here. */
  #plan(event: LedgerEvent): Posting[] | Refusal {
    const table = this.table;
    switch (event.type) {
      case 'purchase': {
        const quote = quoteCoins(table, {
          coins: event.coins,
          channel: event.channel,
          region: event.region,
          ...defined({ currency: event.currency, age: event.age, at: event.at }),
        });
        if (!quote.ok) return quote;
        const paid = Number(quote.price.toMinor());
        const commissionRate = table.document.channels.find((channel) => channel.id === event.channel)?.storeCommission ?? '0';
        const rate = ratioFromDecimal(commissionRate);
        const commission = divideRoundedNumber(paid * rate.numerator, rate.denominator, 'half-even');
        const currency = quote.price.currency;
        return [
          { account: accounts.coinsIssued, unit: 'coin', amount: -quote.coinsReceived },
          { account: accounts.viewer(event.viewer), unit: 'coin', amount: quote.coinsReceived },
          { account: accounts.viewerMoney(event.viewer), unit: currency, amount: -paid },
          { account: accounts.store(event.channel), unit: currency, amount: commission },
          { account: accounts.platform, unit: currency, amount: paid - commission },
        ];
      }
      case 'gift': {
        const gift = findGift(table, event.gift);
        const count = event.count === undefined ? 1 : wholeCount(event.count, 'count', ['count']);
        const coins = gift.coins * count;
        const held = this.balance(accounts.viewer(event.viewer), 'coin');
        if (held < coins) return refusal('NOT_ENOUGH', `${event.viewer} holds ${held} coins; ${count} × ${gift.name} needs ${coins}`, []);
        const diamonds = diamondsForGifts(table, gift.coins, count);
        return [
          { account: accounts.viewer(event.viewer), unit: 'coin', amount: -coins },
          { account: accounts.coinsSpent, unit: 'coin', amount: coins },
          { account: accounts.diamondsIssued, unit: 'diamond', amount: -diamonds },
          { account: accounts.creator(event.creator), unit: 'diamond', amount: diamonds },
        ];
      }
      case 'chest-drop': {
        const coins = wholeCount(event.coins, 'coins', ['coins']);
        const claimants = wholeCount(event.claimants, 'claimants', ['claimants']);
        const limits = table.document.chests;
        if (!limits) return refusal('FEATURE_OFF', `${table.ref} has no chests`, []);
        if (coins < 1 || claimants < 1) return refusal('NOT_ENOUGH', 'a chest needs at least one coin and one claimant', []);
        if (limits.minCoins !== undefined && coins < limits.minCoins)
          return refusal('NOT_ENOUGH', `a chest holds at least ${limits.minCoins} coins`, []);
        if (limits.maxCoins !== undefined && coins > limits.maxCoins)
          return refusal('NOT_ENOUGH', `a chest holds at most ${limits.maxCoins} coins`, []);
        if (limits.maxClaimants !== undefined && claimants > limits.maxClaimants)
          return refusal('NOT_ENOUGH', `a chest has at most ${limits.maxClaimants} claimants`, []);
        if (event.countdownSeconds !== undefined) {
          const countdown = wholeCount(event.countdownSeconds, 'countdownSeconds', ['countdownSeconds']);
          if (limits.minCountdownSeconds !== undefined && countdown < limits.minCountdownSeconds) {
            return refusal('NOT_ENOUGH', `a chest's countdown is at least ${limits.minCountdownSeconds} seconds`, []);
          }
          if (limits.maxCountdownSeconds !== undefined && countdown > limits.maxCountdownSeconds) {
            return refusal('NOT_ENOUGH', `a chest's countdown is at most ${limits.maxCountdownSeconds} seconds`, []);
          }
        }
        const held = this.balance(accounts.viewer(event.viewer), 'coin');
        if (held < coins) return refusal('NOT_ENOUGH', `${event.viewer} holds ${held} coins; the chest needs ${coins}`, []);
        return [
          { account: accounts.viewer(event.viewer), unit: 'coin', amount: -coins },
          { account: accounts.chest(event.id), unit: 'coin', amount: coins },
        ];
      }
      case 'chest-claim': {
        const chest = this.#chests.get(event.chest);
        if (!chest) return refusal('NOT_ENOUGH', `there is no chest ${event.chest}`, []);
        if (chest.claimed) return refusal('NOT_ENOUGH', `chest ${event.chest} was already opened`, []);
        if (!Array.isArray(event.viewers) || event.viewers.some((viewer) => typeof viewer !== 'string')) {
          throw new EconomyError('INVALID_EVENT', 'viewers must be an array of viewer ids', { path: ['viewers'] });
        }
        const viewers = [...new Set(event.viewers)].slice(0, chest.claimants);
        const postings: Posting[] = [{ account: accounts.chest(event.chest), unit: 'coin', amount: -chest.coins }];
        if (viewers.length === 0) {
          // nobody claimed: every coin goes back to the viewer who dropped the chest
          postings.push({ account: accounts.viewer(chest.viewer), unit: 'coin', amount: chest.coins });
          return postings;
        }
        const random = seededRandom(event.seed ?? 0);
        const split = table.document.chests?.split ?? 'random';
        const weights = viewers.map(() => BigInt(split === 'even' ? 1 : random.int(1, 1000)));
        const shares = allocateMinor(BigInt(chest.coins), weights);
        viewers.forEach((viewer, index) => {
          postings.push({ account: accounts.viewer(viewer), unit: 'coin', amount: Number(shares[index]) });
        });
        return postings;
      }
      case 'payout': {
        const diamonds = wholeCount(event.diamonds, 'diamonds', ['diamonds']);
        const held = this.balance(accounts.creator(event.creator), 'diamond');
        if (held < diamonds) return refusal('NOT_ENOUGH', `${event.creator} holds ${held} diamonds; the payout needs ${diamonds}`, []);
        const payout = table.document.payout;
        const method = table.payoutMethod(event.method);
        const gross = diamondsValueMinor(table, diamonds);
        const currency = table.document.diamondValue.currency;
        // a table with no published minimum sets none here: a wallet running its own economy states its own
        const minimum = payout.minimum === undefined ? 0 : Number(Money.of(payout.minimum, currency).toMinor());
        if (payout.minimum !== undefined && gross < minimum)
          return refusal(
            'NOT_ENOUGH',
            `the payout is ${Money.fromMinor(gross, currency)}; the minimum is ${Money.fromMinor(minimum, currency)}`,
            [],
          );
        if (payout.maximumPerDay !== undefined && gross > Number(Money.of(payout.maximumPerDay, currency).toMinor())) {
          return refusal('NOT_ENOUGH', `the payout is above the daily maximum of ${Money.of(payout.maximumPerDay, currency)}`, []);
        }
        const fee = Number(
          Money.fromMinor(gross, currency)
            .times(method.percentFee)
            .plus(Money.of(method.fixedFee, currency))
            .round(method.feeRounding as RoundingMode)
            .toMinor(),
        );
        const paidFee = Math.min(fee, gross);
        return [
          { account: accounts.creator(event.creator), unit: 'diamond', amount: -diamonds },
          { account: accounts.diamondsRedeemed, unit: 'diamond', amount: diamonds },
          { account: accounts.platform, unit: currency, amount: -gross },
          { account: accounts.creatorCash(event.creator), unit: currency, amount: gross - paidFee },
          { account: accounts.payoutFees, unit: currency, amount: paidFee },
        ];
      }
      case 'refund': {
        const refunds = table.document.refunds;
        if (refunds === undefined) {
          return refusal('FEATURE_OFF', `${table.ref} publishes no refund rule, so the ledger makes no refunds`, []);
        }
        if (!refunds.allowed) return refusal('FEATURE_OFF', `${table.ref} does not allow refunds`, []);
        const purchase = this.#byId.get(event.purchase);
        if (purchase?.event.type !== 'purchase') return refusal('NOT_ENOUGH', `there is no purchase ${event.purchase}`, []);
        if (this.#refunded.has(event.purchase)) return refusal('NOT_ENOUGH', `purchase ${event.purchase} was already refunded`, []);
        const received = purchase.postings.find((posting) => posting.unit === 'coin' && posting.amount > 0)?.amount ?? 0;
        const held = this.balance(accounts.viewer(purchase.event.viewer), 'coin');
        if (held < received)
          return refusal(
            'NOT_ENOUGH',
            `${purchase.event.viewer} has spent some of the ${received} coins bought; only unspent coins can be refunded`,
            [],
          );
        return purchase.postings.map((posting) => ({ ...posting, amount: -posting.amount }));
      }
      default:
        throw new EconomyError('INVALID_EVENT', `unknown event type ${describeValue((event as { type?: unknown }).type)}`, {
          path: ['type'],
        });
    }
  }

  /** Bookkeeping beyond balances, once an event is posted. */
  #commit(event: LedgerEvent): void {
    if (event.type === 'chest-drop')
      this.#chests.set(event.id, { viewer: event.viewer, coins: event.coins, claimants: event.claimants, claimed: false });
    if (event.type === 'chest-claim') {
      const chest = this.#chests.get(event.chest);
      if (chest) chest.claimed = true;
    }
    if (event.type === 'refund') this.#refunded.add(event.purchase);
  }
}
