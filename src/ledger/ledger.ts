import { type Refusal, refusal } from '../availability/check.js';
import { findGift } from '../convert/gift.js';
import { diamondsForGifts, diamondsValueMinor } from '../convert/rates.js';
import { assertObject, describeValue, EconomyError } from '../errors.js';
import { safeMultiply } from '../money/integer.js';
import { Money } from '../money/money.js';
import { wholeCount } from '../quantity/quantity.js';
import { assertRateTable, type RateTable } from '../table/compile.js';
import { type Instant, toEpochMs } from '../table/history.js';
import { chestRefusal, splitCoins } from './chest.js';
import { readLedgerEvent, sameEvent } from './event.js';
import { Purchases } from './purchases.js';

/**
 * The fields of a gift in a ledger, sent (`gift`) or held (`hold-gift`).
 * @example
 * ```ts
 * import type { LedgerGiftFields } from 'gift-economy';
 * const lion: LedgerGiftFields = { id: 'g1', viewer: 'ann', creator: 'bo', gift: 'Lion', at: '2026-11-25T20:05:00Z' };
 * console.log(lion.gift); // Lion
 * ```
 * @category Ledger
 */
export interface LedgerGiftFields {
  readonly id: string;
  readonly viewer: string;
  readonly creator: string;
  readonly gift: string;
  readonly count?: number;
  /** When it happened: daily limits use it. */
  readonly at?: Instant;
}

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
 * @category Ledger
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
      /** When it happened: dated rules and daily limits use it. */
      readonly at?: Instant;
    }
  | ({ readonly type: 'gift' } & LedgerGiftFields)
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
  | { readonly type: 'refund'; readonly id: string; readonly purchase: string }
  | ({
      /** Reserves a viewer's coins for a gift (the first phase of a two-phase transfer): `post` sends it, `void` releases it. */
      readonly type: 'hold-gift';
      /** How long the hold may be posted, from `at` (default: the ledger's `holdSeconds`). */
      readonly seconds?: number;
    } & LedgerGiftFields)
  | {
      /** Reserves a creator's diamonds for a withdrawal: `post` pays it out, `void` releases it. */
      readonly type: 'hold-payout';
      readonly id: string;
      readonly creator: string;
      readonly diamonds: number;
      readonly method?: string;
      readonly at?: Instant;
      readonly seconds?: number;
    }
  | { readonly type: 'post'; readonly id: string; readonly hold: string; readonly at?: Instant }
  | { readonly type: 'void'; readonly id: string; readonly hold: string };

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
 * @category Ledger
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
 * @category Ledger
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
 * @category Ledger
 */
export type ApplyResult =
  | { readonly ok: true; readonly duplicate: false; readonly entry: JournalEntry }
  | { readonly ok: true; readonly duplicate: true; readonly reason: string }
  | Refusal;

/**
 * The answer to {@link Ledger.applyBatch}: every event applied (duplicates skipped), or none and the first refusal
 * with its index.
 * @example
 * ```ts
 * import { type BatchResult, Ledger } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const result: BatchResult = new Ledger(tiktok).applyBatch([
 *   { type: 'purchase', id: 'p', viewer: 'v', coins: 70, channel: 'web', region: 'US' },
 *   { type: 'gift', id: 'g', viewer: 'v', creator: 'c', gift: 'Lion' },
 * ]);
 * console.log(result.ok ? result.entries.length : `${result.index}: ${result.refusal.code}`); // 1: NOT_ENOUGH
 * ```
 * @category Ledger
 */
export type BatchResult =
  | { readonly ok: true; readonly entries: readonly JournalEntry[]; readonly duplicates: number }
  | { readonly ok: false; readonly index: number; readonly refusal: Refusal };

/**
 * Ceilings a wallet operator sets: data, checked on every event, refused with a reason.
 * @example
 * ```ts
 * import { Ledger, type LedgerLimits } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const limits: LedgerLimits = { maxBalance: { coin: 10_000 }, dailyPurchaseCoins: 20_000 };
 * const ledger = new Ledger(tiktok, { limits });
 * const answer = ledger.apply({ type: 'purchase', id: 'p', viewer: 'v', coins: 17_500, channel: 'ios', region: 'US', at: '2026-11-25' });
 * console.log(answer.ok || answer.reason); // viewer:v would hold 17500 coin; the limit is 10000
 * ```
 * @category Ledger
 */
export interface LedgerLimits {
  /** The most a viewer's or creator's account may hold, per unit (`coin`, `diamond`, a currency code in minor units). */
  readonly maxBalance?: Readonly<Record<string, number>>;
  /** Coins a viewer may buy per UTC day; purchases must then carry `at`. */
  readonly dailyPurchaseCoins?: number;
  /** Coins a viewer may spend on gifts per UTC day (held gifts included); gifts must then carry `at`. */
  readonly dailyGiftCoins?: number;
}

/**
 * Options of a {@link Ledger}.
 * @example
 * ```ts
 * import { Ledger, type LedgerOptions } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const options: LedgerOptions = { holdSeconds: 300 };
 * console.log(new Ledger(tiktok, options).table.ref); // tiktok@2026-11-25
 * ```
 * @category Ledger
 */
export interface LedgerOptions {
  readonly limits?: LedgerLimits;
  /** How long a hold may be posted after its `at` when it names no `seconds` (default: no expiry). */
  readonly holdSeconds?: number;
}

/**
 * Account names: who holds what. `reserved(account)` holds what a pending transfer set aside.
 * @example
 * ```ts
 * import { accounts, Ledger } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const ledger = new Ledger(tiktok);
 * ledger.apply({ type: 'purchase', id: 'p', viewer: 'ann', coins: 70, channel: 'ios', region: 'US' });
 * console.log(ledger.balance(accounts.store('ios'), 'USD')); // 30 (cents: 30% of 0.99, half-even)
 * ```
 * @category Ledger
 */
export const accounts = {
  viewer: (id: string) => `viewer:${id}`,
  creator: (id: string) => `creator:${id}`,
  viewerMoney: (id: string) => `viewer-paid:${id}`,
  creatorCash: (id: string) => `creator-cash:${id}`,
  store: (channel: string) => `store:${channel}`,
  chest: (id: string) => `chest:${id}`,
  reserved: (account: string) => `reserved:${account}`,
  platform: 'platform',
  coinsIssued: 'coins-issued',
  coinsSpent: 'coins-spent',
  diamondsIssued: 'diamonds-issued',
  diamondsRedeemed: 'diamonds-redeemed',
  payoutFees: 'payout-fees',
} as const;

const DAY = 86_400_000;

/** What a hold set aside, and until when it may be posted. */
interface Hold {
  readonly event: Extract<LedgerEvent, { type: 'hold-gift' | 'hold-payout' }>;
  readonly postings: readonly Posting[];
  readonly expires: number | undefined;
}

/** Balances and bookkeeping events change, staged before anything is committed (maps made on first write). */
class Stage {
  balances: Balances | undefined;
  ids: Map<string, JournalEntry> | undefined;
  daily: Map<string, number> | undefined;
  closed: Set<string> | undefined;
  readonly entries: JournalEntry[] = [];

  balance(account: string, unit: string, amount: number): void {
    if (this.balances === undefined) this.balances = new Map();
    put(this.balances, account, unit, amount);
  }

  add(entry: JournalEntry): void {
    if (this.ids === undefined) this.ids = new Map();
    this.ids.set(entry.event.id, entry);
    this.entries.push(entry);
  }

  count(name: string, total: number): void {
    if (this.daily === undefined) this.daily = new Map();
    this.daily.set(name, total);
  }

  close(id: string): void {
    if (this.closed === undefined) this.closed = new Set();
    this.closed.add(id);
  }
}

/** @internal Stages events on a ledger without changing it: the entries to store, and `commit` to apply them. */
export let prepareBatch: (
  ledger: Ledger,
  events: readonly LedgerEvent[],
) =>
  | { readonly ok: true; readonly entries: readonly JournalEntry[]; commit(): void }
  | { readonly ok: false; readonly index: number; readonly refusal: Refusal };

/**
 * A double-entry ledger of one economy: viewers hold coins, creators diamonds, the platform, stores and
 * creators money. Each event is read and checked in full before anything is posted, so it applies entirely or
 * not at all; `applyBatch` does the same for many events. Balances of people never go negative; pending
 * transfers (`hold-gift`, `hold-payout`, then `post` or `void`) keep what they reserve apart; limits are data.
 * The journal is append-only and replaying it rebuilds the balances. For a journal that survives a crash, see
 * {@link DurableLedger}.
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
 * @category Ledger
 */
export class Ledger {
  readonly table: RateTable;
  readonly #limits: LedgerLimits;
  readonly #holdSeconds: number | undefined;
  readonly #balances: Balances = new Map();
  readonly #names = new AccountNames();
  readonly #journal: JournalEntry[] = [];
  readonly #byId = new Map<string, JournalEntry>();
  /** Purchases refunded, chests opened, holds posted or voided: ids that may not be used again. */
  readonly #closed = new Set<string>();
  readonly #daily = new Map<string, number>();
  readonly #purchases: Purchases;

  constructor(table: RateTable, options: LedgerOptions = {}) {
    this.table = assertRateTable(table);
    assertObject(options, 'options { limits?, holdSeconds? }');
    this.#limits = readLimits(options.limits);
    this.#holdSeconds = options.holdSeconds === undefined ? undefined : wholeCount(options.holdSeconds, 'holdSeconds', ['holdSeconds']);
    this.#purchases = new Purchases(this.table);
  }

  /** Rebuilds a ledger by applying a journal's events in order. */
  static replay(table: RateTable, journal: readonly JournalEntry[], options: LedgerOptions = {}): Ledger {
    const ledger = new Ledger(table, options);
    const result = ledger.applyBatch(journal.map((entry) => entry.event));
    if (!result.ok) {
      throw new EconomyError('INVALID_EVENT', `replaying event ${result.index} was refused: ${result.refusal.reason}`, {
        path: [result.index],
      });
    }
    return ledger;
  }

  /** The available balance of an account in a unit (0 when it never moved). */
  balance(account: string, unit: string): number {
    return this.#balances.get(account)?.get(unit) ?? 0;
  }

  /** What pending transfers have set aside from an account, in a unit. */
  reserved(account: string, unit: string): number {
    return this.balance(accounts.reserved(account), unit);
  }

  /** Every non-zero balance, as `{ account, unit, amount }`. */
  balances(): { account: string; unit: string; amount: number }[] {
    const out: { account: string; unit: string; amount: number }[] = [];
    for (const [account, units] of this.#balances)
      for (const [unit, amount] of units) if (amount !== 0) out.push({ account, unit, amount });
    return out;
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
    const stage = new Stage();
    const answer = this.#stage(read, stage);
    if (answer !== undefined) return answer;
    const entry = stage.entries[0] as JournalEntry;
    this.#commit(stage);
    return { ok: true, duplicate: false, entry };
  }

  /**
   * Applies many events as one: each is read and checked against the balances the ones before it leave, and
   * either all are posted (duplicates of applied ids skipped) or none, with the first refusal and its index.
   *
   * @throws EconomyError for a malformed event, before anything changes.
   */
  applyBatch(events: readonly LedgerEvent[]): BatchResult {
    const stage = this.#prepare(events);
    if (!(stage instanceof Stage)) return stage;
    this.#commit(stage);
    return { ok: true, entries: stage.entries, duplicates: events.length - stage.entries.length };
  }

  /** Reads and stages events without changing anything: the stage to commit, or the first refusal. */
  #prepare(events: readonly LedgerEvent[]): Stage | { readonly ok: false; readonly index: number; readonly refusal: Refusal } {
    if (!Array.isArray(events)) throw new EconomyError('INVALID_ARGUMENT', `events must be an array, got ${describeValue(events)}`);
    const read = events.map((event, index) => {
      try {
        return readLedgerEvent(event);
      } catch (error) {
        if (error instanceof EconomyError)
          throw new EconomyError(error.code, `event ${index}: ${error.message}`, { path: [index, ...error.path] });
        throw error;
      }
    });
    const stage = new Stage();
    for (const [index, event] of read.entries()) {
      const answer = this.#stage(event, stage);
      if (answer !== undefined && !answer.ok) return { ok: false, index, refusal: answer };
    }
    return stage;
  }

  /** Stages one read event: `undefined` when staged, a duplicate note, or a refusal (the stage is then unusable). */
  #stage(event: LedgerEvent, stage: Stage): Exclude<ApplyResult, { duplicate: false }> | undefined {
    const seen = stage.ids?.get(event.id) ?? this.#byId.get(event.id);
    if (seen) {
      if (!sameEvent(seen.event, event)) {
        return refusal('ID_CONFLICT', `event ${event.id} was already applied with different content; use a new id`, []);
      }
      return DUPLICATE;
    }
    const planned = this.#plan(event, stage);
    if (!Array.isArray(planned)) return planned as Refusal;
    const postings: Posting[] = [];
    for (const posting of planned) {
      if (posting.amount === 0) continue;
      const balance = this.#read(posting.account, posting.unit, stage) + posting.amount;
      const limit = posting.amount > 0 && personal(posting.account) ? this.#limits.maxBalance?.[posting.unit] : undefined;
      if (limit !== undefined && balance > limit) {
        return refusal('LIMIT', `${posting.account} would hold ${balance} ${posting.unit}; the limit is ${limit}`, []);
      }
      stage.balance(posting.account, posting.unit, balance);
      postings.push(Object.freeze(posting));
    }
    const entry: JournalEntry = Object.freeze({ event, postings: Object.freeze(postings) });
    stage.add(entry);
    return undefined;
  }

  #read(account: string, unit: string, stage: Stage): number {
    return stage.balances?.get(account)?.get(unit) ?? this.#balances.get(account)?.get(unit) ?? 0;
  }

  #commit(stage: Stage): void {
    if (stage.balances)
      for (const [account, units] of stage.balances) for (const [unit, balance] of units) put(this.#balances, account, unit, balance);
    if (stage.daily) for (const [name, coins] of stage.daily) this.#daily.set(name, coins);
    if (stage.closed) for (const id of stage.closed) this.#closed.add(id);
    for (const entry of stage.entries) {
      this.#journal.push(entry);
      this.#byId.set(entry.event.id, entry);
    }
  }

  /** Counts coins against a viewer's daily cap, staged; a refusal when the cap would be passed. */
  #daily_(kind: 'purchase' | 'gift', viewer: string, coins: number, at: Instant | undefined, stage: Stage): Refusal | undefined {
    const cap = kind === 'purchase' ? this.#limits.dailyPurchaseCoins : this.#limits.dailyGiftCoins;
    if (cap === undefined) return undefined;
    if (at === undefined) {
      throw new EconomyError('INVALID_EVENT', `a ${kind} needs at: the daily ${kind} limit counts by UTC day`, { path: ['at'] });
    }
    const day = Math.floor(toEpochMs(at) / DAY);
    const name = `${kind}\u0000${viewer}\u0000${day}`;
    const total = (stage.daily?.get(name) ?? this.#daily.get(name) ?? 0) + coins;
    if (total > cap) {
      const date = new Date(day * DAY).toISOString().slice(0, 10);
      return refusal(
        'LIMIT',
        `${viewer} would ${kind === 'purchase' ? 'buy' : 'spend on gifts'} ${total} coins on ${date}; the daily limit is ${cap}`,
        [],
      );
    }
    stage.count(name, total);
    return undefined;
  }

  #closedId(id: string, stage: Stage): boolean {
    return stage.closed?.has(id) === true || this.#closed.has(id);
  }

  #entry(id: string, stage: Stage): JournalEntry | undefined {
    return stage.ids?.get(id) ?? this.#byId.get(id);
  }

  /** The postings an event would make, or why it is refused; only the stage is written. */
  #plan(event: LedgerEvent, stage: Stage): Posting[] | Refusal {
    const table = this.table;
    switch (event.type) {
      case 'purchase': {
        const bought = this.#purchases.price(event);
        if (!bought.ok) return bought;
        const over = this.#daily_('purchase', event.viewer, bought.coins, event.at, stage);
        if (over) return over;
        const commission = table.storeCommissionMinor(event.channel, bought.paidMinor);
        return [
          posting(accounts.coinsIssued, 'coin', -bought.coins),
          posting(this.#names.viewer(event.viewer), 'coin', bought.coins),
          posting(this.#names.viewerMoney(event.viewer), bought.currency, -bought.paidMinor),
          posting(this.#names.store(event.channel), bought.currency, commission),
          posting(accounts.platform, bought.currency, bought.paidMinor - commission),
        ];
      }
      case 'gift':
      case 'hold-gift': {
        const gift = findGift(table, event.gift);
        const count = event.count ?? 1;
        if (count < 1) throw new EconomyError('INVALID_QUANTITY', 'count must be at least 1', { path: ['count'] });
        const coins = safeMultiply(gift.coins, count);
        const viewer = this.#names.viewer(event.viewer);
        const held = this.#read(viewer, 'coin', stage);
        if (held < coins) return refusal('NOT_ENOUGH', `${event.viewer} holds ${held} coins; ${count} × ${gift.name} needs ${coins}`, []);
        const over = this.#daily_('gift', event.viewer, coins, event.at, stage);
        if (over) return over;
        if (event.type === 'hold-gift') {
          this.#expiry(event);
          return [posting(viewer, 'coin', -coins), posting(this.#names.reserved(viewer), 'coin', coins)];
        }
        const diamonds = diamondsForGifts(table, gift.coins, count);
        return [
          posting(viewer, 'coin', -coins),
          posting(accounts.coinsSpent, 'coin', coins),
          posting(accounts.diamondsIssued, 'diamond', -diamonds),
          posting(this.#names.creator(event.creator), 'diamond', diamonds),
        ];
      }
      case 'chest-drop': {
        const refused = chestRefusal(table, event.coins, event.claimants, event.countdownSeconds);
        if (refused) return refused;
        const held = this.#read(accounts.viewer(event.viewer), 'coin', stage);
        if (held < event.coins) return refusal('NOT_ENOUGH', `${event.viewer} holds ${held} coins; the chest needs ${event.coins}`, []);
        return [posting(this.#names.viewer(event.viewer), 'coin', -event.coins), posting(accounts.chest(event.id), 'coin', event.coins)];
      }
      case 'chest-claim': {
        const dropped = this.#entry(event.chest, stage)?.event;
        if (dropped?.type !== 'chest-drop') return refusal('NOT_ENOUGH', `there is no chest ${event.chest}`, []);
        if (this.#closedId(event.chest, stage)) return refusal('NOT_ENOUGH', `chest ${event.chest} was already opened`, []);
        stage.close(event.chest);
        const split = splitCoins(table, dropped.coins, dropped.claimants, event.viewers, event.seed ?? 0);
        return [
          posting(accounts.chest(event.chest), 'coin', -dropped.coins),
          ...split.shares.map((share) => posting(this.#names.viewer(share.viewer), 'coin', share.coins)),
          posting(this.#names.viewer(dropped.viewer), 'coin', split.returned),
        ];
      }
      case 'payout':
      case 'hold-payout': {
        const creator = this.#names.creator(event.creator);
        const held = this.#read(creator, 'diamond', stage);
        if (held < event.diamonds) {
          return refusal('NOT_ENOUGH', `${event.creator} holds ${held} diamonds; the payout needs ${event.diamonds}`, []);
        }
        const paid = this.#payout(event.creator, event.diamonds, event.method, creator);
        if (!Array.isArray(paid)) return paid;
        if (event.type === 'hold-payout') {
          this.#expiry(event);
          return [posting(creator, 'diamond', -event.diamonds), posting(this.#names.reserved(creator), 'diamond', event.diamonds)];
        }
        return paid;
      }
      case 'post':
      case 'void': {
        const hold = this.#hold(event.hold, stage);
        if (!hold) return refusal('NOT_ENOUGH', `there is no hold ${event.hold}`, []);
        if (this.#closedId(event.hold, stage)) return refusal('NOT_ENOUGH', `hold ${event.hold} was already posted or voided`, []);
        stage.close(event.hold);
        const reserved = hold.postings[1] as Posting;
        const owner = hold.postings[0] as Posting;
        if (event.type === 'void')
          return [posting(reserved.account, reserved.unit, -reserved.amount), posting(owner.account, owner.unit, reserved.amount)];
        if (hold.expires !== undefined) {
          if (event.at === undefined)
            throw new EconomyError('INVALID_EVENT', `posting hold ${event.hold} needs at: the hold expires`, { path: ['at'] });
          const at = toEpochMs(event.at);
          if (at >= hold.expires) {
            return refusal('DATE', `hold ${event.hold} expired at ${new Date(hold.expires).toISOString()}; void it`, []);
          }
        }
        const held = hold.event;
        if (held.type === 'hold-gift') {
          const gift = findGift(table, held.gift);
          const coins = reserved.amount;
          const diamonds = diamondsForGifts(table, gift.coins, held.count ?? 1);
          return [
            posting(reserved.account, 'coin', -coins),
            posting(accounts.coinsSpent, 'coin', coins),
            posting(accounts.diamondsIssued, 'diamond', -diamonds),
            posting(this.#names.creator(held.creator), 'diamond', diamonds),
          ];
        }
        return this.#payout(held.creator, held.diamonds, held.method, reserved.account) as Posting[];
      }
      case 'refund': {
        const refunds = table.document.refunds;
        if (refunds === undefined) {
          return refusal('FEATURE_OFF', `${table.ref} publishes no refund rule, so the ledger makes no refunds`, []);
        }
        if (!refunds.allowed) return refusal('FEATURE_OFF', `${table.ref} does not allow refunds`, []);
        const purchase = this.#entry(event.purchase, stage);
        if (purchase?.event.type !== 'purchase') return refusal('NOT_ENOUGH', `there is no purchase ${event.purchase}`, []);
        if (this.#closedId(event.purchase, stage)) return refusal('NOT_ENOUGH', `purchase ${event.purchase} was already refunded`, []);
        stage.close(event.purchase);
        const received = purchase.postings.find((line) => line.unit === 'coin' && line.amount > 0)?.amount ?? 0;
        const held = this.#read(accounts.viewer(purchase.event.viewer), 'coin', stage);
        if (held < received)
          return refusal(
            'NOT_ENOUGH',
            `${purchase.event.viewer} has spent some of the ${received} coins bought; only unspent coins can be refunded`,
            [],
          );
        return purchase.postings.map((line) => posting(line.account, line.unit, -line.amount));
      }
    }
  }

  /** The postings of paying out diamonds from `from` (the creator's account or its reserve), or why not. */
  #payout(creator: string, diamonds: number, methodId: string | undefined, from: string): Posting[] | Refusal {
    const table = this.table;
    const method = table.payoutMethod(methodId);
    const gross = diamondsValueMinor(table, diamonds);
    const currency = table.document.diamondValue.currency;
    const { minimum, maximumPerDay } = table.payoutLimits();
    // a table with no published minimum sets none here: a wallet running its own economy states its own
    if (minimum !== undefined && gross < Number(minimum.toMinor())) {
      return refusal('NOT_ENOUGH', `the payout is ${Money.fromMinor(gross, currency)}; the minimum is ${minimum}`, []);
    }
    if (maximumPerDay !== undefined && gross > Number(maximumPerDay.toMinor())) {
      return refusal('NOT_ENOUGH', `the payout is above the daily maximum of ${maximumPerDay}`, []);
    }
    const paidFee = Math.min(table.payoutFeeMinor(gross, method.id), gross);
    return [
      posting(from, 'diamond', -diamonds),
      posting(accounts.diamondsRedeemed, 'diamond', diamonds),
      posting(accounts.platform, currency, -gross),
      posting(this.#names.creatorCash(creator), currency, gross - paidFee),
      posting(accounts.payoutFees, currency, paidFee),
    ];
  }

  /** Checks that a hold's expiry can be computed (a timeout needs `at`). */
  #expiry(event: Extract<LedgerEvent, { type: 'hold-gift' | 'hold-payout' }>): number | undefined {
    const seconds = event.seconds ?? this.#holdSeconds;
    if (seconds === undefined) return undefined;
    if (event.at === undefined) throw new EconomyError('INVALID_EVENT', 'a hold that expires needs at', { path: ['at'] });
    return toEpochMs(event.at) + seconds * 1000;
  }

  #hold(id: string, stage: Stage): Hold | undefined {
    const entry = this.#entry(id, stage);
    const event = entry?.event;
    if (event?.type !== 'hold-gift' && event?.type !== 'hold-payout') return undefined;
    return { event, postings: (entry as JournalEntry).postings, expires: this.#expiry(event) };
  }

  /** Holds not yet posted or voided: what is pending, with when each expires. */
  pending(): { readonly id: string; readonly type: 'hold-gift' | 'hold-payout'; readonly expires: string | undefined }[] {
    const out: { id: string; type: 'hold-gift' | 'hold-payout'; expires: string | undefined }[] = [];
    for (const entry of this.#journal) {
      const event = entry.event;
      if ((event.type === 'hold-gift' || event.type === 'hold-payout') && !this.#closed.has(event.id)) {
        const expires = this.#expiry(event);
        out.push({ id: event.id, type: event.type, expires: expires === undefined ? undefined : new Date(expires).toISOString() });
      }
    }
    return out;
  }

  static {
    prepareBatch = (ledger, events) => {
      const stage = ledger.#prepare(events);
      if (!(stage instanceof Stage)) return stage;
      return { ok: true, entries: stage.entries, commit: () => ledger.#commit(stage) };
    };
  }
}

const DUPLICATE = Object.freeze({
  ok: true as const,
  duplicate: true as const,
  reason: 'the event id was already applied; nothing changed',
});

/** Balances by account, then unit. */
type Balances = Map<string, Map<string, number>>;

function put(balances: Balances, account: string, unit: string, amount: number): void {
  let units = balances.get(account);
  if (units === undefined) {
    units = new Map();
    balances.set(account, units);
  }
  units.set(unit, amount);
}

/** Account names made once per person and kept: the journal's postings share them instead of copies. */
class AccountNames {
  readonly #made = new Map<string, Map<string, string>>();

  #name(kind: 'viewer' | 'creator' | 'viewerMoney' | 'creatorCash' | 'store' | 'reserved', id: string): string {
    let names = this.#made.get(kind);
    if (names === undefined) {
      names = new Map();
      this.#made.set(kind, names);
    }
    let name = names.get(id);
    if (name === undefined) {
      name = accounts[kind](id);
      names.set(id, name);
    }
    return name;
  }

  viewer = (id: string) => this.#name('viewer', id);
  creator = (id: string) => this.#name('creator', id);
  viewerMoney = (id: string) => this.#name('viewerMoney', id);
  creatorCash = (id: string) => this.#name('creatorCash', id);
  store = (id: string) => this.#name('store', id);
  reserved = (account: string) => this.#name('reserved', account);
}

function posting(account: string, unit: string, amount: number): Posting {
  return { account, unit, amount };
}

/** A person's account (a viewer's or a creator's), which the balance limits apply to. */
function personal(account: string): boolean {
  return account.startsWith('viewer:') || account.startsWith('creator:');
}

function readLimits(limits: unknown): LedgerLimits {
  if (limits === undefined) return {};
  assertObject(limits, 'limits { maxBalance?, dailyPurchaseCoins?, dailyGiftCoins? }');
  const { maxBalance, dailyPurchaseCoins, dailyGiftCoins } = limits as LedgerLimits;
  const out: { maxBalance?: Record<string, number>; dailyPurchaseCoins?: number; dailyGiftCoins?: number } = {};
  if (maxBalance !== undefined) {
    assertObject(maxBalance, 'maxBalance { unit: amount }');
    out.maxBalance = Object.create(null) as Record<string, number>;
    for (const [unit, amount] of Object.entries(maxBalance))
      out.maxBalance[unit] = wholeCount(amount, unit, ['limits', 'maxBalance', unit]);
  }
  if (dailyPurchaseCoins !== undefined)
    out.dailyPurchaseCoins = wholeCount(dailyPurchaseCoins, 'dailyPurchaseCoins', ['limits', 'dailyPurchaseCoins']);
  if (dailyGiftCoins !== undefined) out.dailyGiftCoins = wholeCount(dailyGiftCoins, 'dailyGiftCoins', ['limits', 'dailyGiftCoins']);
  return Object.freeze(out);
}
