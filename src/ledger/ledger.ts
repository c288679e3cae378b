import { type Refusal, refusal } from '../availability/check.js';
import { findGift } from '../convert/gift.js';
import { assertObject, describeValue, EconomyError } from '../errors.js';
import { safeMultiply } from '../money/integer.js';
import { Money } from '../money/money.js';
import { wholeCount } from '../quantity/quantity.js';
import { assertRateTable, type RateTable } from '../table/compile.js';
import { type Instant, toEpochMs } from '../table/history.js';
import { type Account, accounts, Book } from './accounts.js';
import { chestRefusal, splitCoins } from './chest.js';
import { readLedgerEvent, sameEvent } from './event.js';
import { Journal, type JournalTail } from './journal.js';

export { accounts } from './accounts.js';

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

const DAY = 86_400_000;

/** What a hold set aside, and until when it may be posted. */
interface Hold {
  readonly event: Extract<LedgerEvent, { type: 'hold-gift' | 'hold-payout' }>;
  /** Where the reserved amount came from, and the reserve it went to. */
  readonly owner: Posting;
  readonly reserved: Posting;
  readonly expires: number | undefined;
}

/**
 * What staging events changed, written straight into the ledger's state and logged here so that a refusal or
 * an error undoes it exactly (and a durable ledger can undo it, store the entries, then redo it).
 */
class Changes {
  /** Balance writes, four slots each: account, unit, before, after (the slots are reused; `writes` counts them). */
  readonly balances: (Account | string | number)[] = [];
  writes = 0;
  /** Daily totals: name, total before (`undefined` when there was none), total after. */
  readonly daily: (string | number | undefined)[] = [];
  readonly closed: string[] = [];

  /** `mark`: the journal's size when staging began; what was journalled after it is taken back on undo. */
  constructor(public mark: number) {}

  clear(mark: number): void {
    this.mark = mark;
    this.writes = 0;
    if (this.daily.length > 0) this.daily.length = 0;
    if (this.closed.length > 0) this.closed.length = 0;
  }
}

/**
 * @internal Stages events on a ledger without changing it: the entries to store, then `commit` to apply them or
 * `abort` to drop them (one of the two, before anything else is applied to the ledger).
 */
export let prepareBatch: (
  ledger: Ledger,
  events: readonly LedgerEvent[],
) =>
  | { readonly ok: true; readonly entries: readonly JournalEntry[]; commit(): void; abort(): void }
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
  readonly #book = new Book();
  readonly #journal = new Journal(this.#book.names);
  /** Purchases refunded, chests opened, holds posted or voided: ids that may not be used again. */
  readonly #closed = new Set<string>();
  readonly #daily = new Map<string, number>();
  readonly #purchases: Purchases;
  /** The log every write goes through while events are staged; cleared when they are committed or undone. */
  #changes = new Changes(0);
  /** The postings of the event being staged, flat: account, unit, amount (slots reused; `#lineSlots` counts them). */
  readonly #lines: (Account | string | number)[] = [];
  #lineSlots = 0;
  /** The same postings as journalled: account number, unit, amount, zero amounts left out. */
  readonly #posted: (string | number)[] = [];
  /** Counts commits, so a batch prepared for a durable store is committed only onto the state it was staged on. */
  #version = 0;

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
    return this.#book.byName.get(account)?.get(unit) ?? 0;
  }

  /** What pending transfers have set aside from an account, in a unit. */
  reserved(account: string, unit: string): number {
    return this.balance(accounts.reserved(account), unit);
  }

  /** Every non-zero balance, as `{ account, unit, amount }`, by account name (coins, diamonds, then money by currency). */
  balances(): { account: string; unit: string; amount: number }[] {
    const out: { account: string; unit: string; amount: number }[] = [];
    const names = [...this.#book.byName.keys()].sort(byCodeUnits);
    for (const name of names) {
      const account = this.#book.byName.get(name) as Account;
      if (account.coin !== 0) out.push({ account: name, unit: 'coin', amount: account.coin });
      if (account.diamond !== 0) out.push({ account: name, unit: 'diamond', amount: account.diamond });
      if (account.money)
        for (const unit of [...account.money.keys()].sort(byCodeUnits)) {
          const amount = account.money.get(unit) as number;
          if (amount !== 0) out.push({ account: name, unit, amount });
        }
    }
    return out;
  }

  /** The journal so far (a copy; the ledger's own journal only grows). */
  get journal(): readonly JournalEntry[] {
    return this.#journal.entries();
  }

  /** The postings of one account, in order, with the event each came from. */
  statement(account: string): { event: string; unit: string; amount: number; balance: number }[] {
    const running = new Map<string, number>();
    const lines: { event: string; unit: string; amount: number; balance: number }[] = [];
    const journal = this.#journal;
    for (let index = 0; index < journal.size; index++) {
      for (let line = 0, count = journal.count(index); line < count; line++) {
        const posting = journal.posting(index, line);
        if (posting.account !== account) continue;
        const balance = (running.get(posting.unit) ?? 0) + posting.amount;
        running.set(posting.unit, balance);
        lines.push({ event: journal.event(index).id, unit: posting.unit, amount: posting.amount, balance });
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
    const changes = this.#changes;
    changes.clear(this.#journal.size);
    let answer: ApplyResult | undefined;
    try {
      answer = this.#stage(read);
    } catch (error) {
      this.#discard(changes);
      throw error;
    }
    if (answer !== undefined) {
      if (!answer.ok) this.#discard(changes);
      return answer;
    }
    const entry = this.#journal.entry(changes.mark);
    this.#done(changes);
    return { ok: true, duplicate: false, entry };
  }

  /**
   * Applies many events as one: each is read and checked against the balances the ones before it leave, and
   * either all are posted (duplicates of applied ids skipped) or none, with the first refusal and its index.
   *
   * @throws EconomyError for a malformed event, before anything changes.
   */
  applyBatch(events: readonly LedgerEvent[]): BatchResult {
    const read = readEvents(events);
    const changes = this.#changes;
    changes.clear(this.#journal.size);
    const refused = this.#stageAll(read, changes);
    if (refused) return refused;
    const entries = this.#journal.entries(changes.mark);
    this.#done(changes);
    return { ok: true, entries, duplicates: events.length - entries.length };
  }

  /** Stages read events in order: undefined when all are staged, else the first refusal (everything undone). */
  #stageAll(
    read: readonly LedgerEvent[],
    changes: Changes,
  ): { readonly ok: false; readonly index: number; readonly refusal: Refusal } | undefined {
    for (let index = 0; index < read.length; index++) {
      let answer: ApplyResult | undefined;
      try {
        answer = this.#stage(read[index] as LedgerEvent);
      } catch (error) {
        this.#discard(changes);
        if (error instanceof EconomyError)
          throw new EconomyError(error.code, `event ${index}: ${error.message}`, { path: [index, ...error.path] });
        throw error;
      }
      if (answer !== undefined && !answer.ok) {
        this.#discard(changes);
        return { ok: false, index, refusal: answer };
      }
    }
    return undefined;
  }

  /** Stages one read event: `undefined` when staged, a duplicate note, or a refusal (the caller then undoes). */
  #stage(event: LedgerEvent): Exclude<ApplyResult, { duplicate: false }> | undefined {
    const seen = this.#journal.indexOf(event.id);
    if (seen >= 0) {
      if (!sameEvent(this.#journal.event(seen), event)) {
        return refusal('ID_CONFLICT', `event ${event.id} was already applied with different content; use a new id`, []);
      }
      return DUPLICATE;
    }
    const lines = this.#lines;
    this.#lineSlots = 0;
    const refused = this.#plan(event);
    if (refused !== undefined) return refused;
    const posted = this.#posted;
    let slots = 0;
    for (let i = 0, end = this.#lineSlots; i < end; i += 3) {
      const account = lines[i] as Account;
      const unit = lines[i + 1] as string;
      const amount = lines[i + 2] as number;
      if (amount === 0) continue;
      const balance = account.get(unit) + amount;
      if (amount > 0 && account.personal) {
        const limit = this.#limits.maxBalance?.[unit];
        if (limit !== undefined && balance > limit) {
          return refusal('LIMIT', `${account.name} would hold ${balance} ${unit}; the limit is ${limit}`, []);
        }
      }
      this.#write(account, unit, balance);
      posted[slots++] = account.id;
      posted[slots++] = unit;
      posted[slots++] = amount;
    }
    this.#journal.push(event, posted, slots);
    return undefined;
  }

  /** Sets a balance, logged so that it can be undone. */
  #write(account: Account, unit: string, balance: number): void {
    const changes = this.#changes;
    const at = changes.writes++ * 4;
    const log = changes.balances;
    log[at] = account;
    log[at + 1] = unit;
    log[at + 2] = account.get(unit);
    log[at + 3] = balance;
    account.set(unit, balance);
  }

  /** Puts back what staged changes wrote, newest first; the journal's staged entries are dropped, or handed back with `keep`. */
  #undo(changes: Changes): void;
  #undo(changes: Changes, keep: true): JournalTail;
  #undo(changes: Changes, keep?: true): JournalTail | undefined {
    const log = changes.balances;
    for (let at = (changes.writes - 1) * 4; at >= 0; at -= 4) {
      (log[at] as Account).set(log[at + 1] as string, log[at + 2] as number);
    }
    for (let i = changes.daily.length - 3; i >= 0; i -= 3) {
      const before = changes.daily[i + 1] as number | undefined;
      if (before === undefined) this.#daily.delete(changes.daily[i] as string);
      else this.#daily.set(changes.daily[i] as string, before);
    }
    for (const id of changes.closed) this.#closed.delete(id);
    if (keep) return this.#journal.detach(changes.mark);
    this.#journal.truncate(changes.mark);
    return undefined;
  }

  /** Writes again what `#undo` put back (for a durable store, once the entries are stored). */
  #redo(changes: Changes, tail: JournalTail): void {
    const log = changes.balances;
    for (let at = 0; at < changes.writes * 4; at += 4) {
      (log[at] as Account).set(log[at + 1] as string, log[at + 3] as number);
    }
    for (let i = 0; i < changes.daily.length; i += 3) this.#daily.set(changes.daily[i] as string, changes.daily[i + 2] as number);
    for (const id of changes.closed) this.#closed.add(id);
    this.#journal.attach(tail);
  }

  /** Undoes what was staged and forgets it. */
  #discard(changes: Changes): void {
    this.#undo(changes);
    changes.clear(this.#journal.size);
  }

  /** Keeps what was staged. */
  #done(changes: Changes): void {
    this.#version++;
    changes.clear(this.#journal.size);
  }

  #line(account: Account, unit: string, amount: number): void {
    const lines = this.#lines;
    lines[this.#lineSlots++] = account;
    lines[this.#lineSlots++] = unit;
    lines[this.#lineSlots++] = amount;
  }

  /** Counts coins against a viewer's daily cap; a refusal when the cap would be passed. */
  #dailyCap(kind: 'purchase' | 'gift', viewer: string, coins: number, at: Instant | undefined): Refusal | undefined {
    const cap = kind === 'purchase' ? this.#limits.dailyPurchaseCoins : this.#limits.dailyGiftCoins;
    if (cap === undefined) return undefined;
    if (at === undefined) {
      throw new EconomyError('INVALID_EVENT', `a ${kind} needs at: the daily ${kind} limit counts by UTC day`, { path: ['at'] });
    }
    const day = Math.floor(toEpochMs(at) / DAY);
    const name = `${kind}\u0000${viewer}\u0000${day}`;
    const before = this.#daily.get(name);
    const total = (before ?? 0) + coins;
    if (total > cap) {
      const date = new Date(day * DAY).toISOString().slice(0, 10);
      return refusal(
        'LIMIT',
        `${viewer} would ${kind === 'purchase' ? 'buy' : 'spend on gifts'} ${total} coins on ${date}; the daily limit is ${cap}`,
        [],
      );
    }
    this.#changes.daily.push(name, before, total);
    this.#daily.set(name, total);
    return undefined;
  }

  /** Closes an id (a refunded purchase, an opened chest, a settled hold), logged; false when it was closed already. */
  #close(id: string): boolean {
    if (this.#closed.has(id)) return false;
    this.#closed.add(id);
    this.#changes.closed.push(id);
    return true;
  }

  /** Writes the postings an event makes into `#lines`, or answers why it is refused. */
  #plan(event: LedgerEvent): Refusal | undefined {
    const table = this.table;
    const book = this.#book;
    switch (event.type) {
      case 'purchase': {
        const bought = this.#purchases.price(event);
        if (!bought.ok) return bought;
        const over = this.#dailyCap('purchase', event.viewer, bought.coins, event.at);
        if (over) return over;
        const commission = table.storeCommissionMinor(event.channel, bought.paidMinor);
        this.#line(book.named(accounts.coinsIssued), 'coin', -bought.coins);
        this.#line(book.viewer(event.viewer), 'coin', bought.coins);
        this.#line(book.viewerMoney(event.viewer), bought.currency, -bought.paidMinor);
        this.#line(book.store(event.channel), bought.currency, commission);
        this.#line(book.named(accounts.platform), bought.currency, bought.paidMinor - commission);
        return undefined;
      }
      case 'gift':
      case 'hold-gift': {
        const gift = findGift(table, event.gift);
        const count = event.count ?? 1;
        if (count < 1) throw new EconomyError('INVALID_QUANTITY', 'count must be at least 1', { path: ['count'] });
        const coins = safeMultiply(gift.coins, count);
        const viewer = book.viewer(event.viewer);
        if (viewer.coin < coins)
          return refusal('NOT_ENOUGH', `${event.viewer} holds ${viewer.coin} coins; ${count} × ${gift.name} needs ${coins}`, []);
        const over = this.#dailyCap('gift', event.viewer, coins, event.at);
        if (over) return over;
        this.#line(viewer, 'coin', -coins);
        if (event.type === 'hold-gift') {
          this.#expiry(event);
          this.#line(book.named(accounts.reserved(viewer.name)), 'coin', coins);
          return undefined;
        }
        this.#gift(coins, table.diamondsForGifts(gift.coins, count), event.creator);
        return undefined;
      }
      case 'chest-drop': {
        const refused = chestRefusal(table, event.coins, event.claimants, event.countdownSeconds);
        if (refused) return refused;
        const viewer = book.viewer(event.viewer);
        if (viewer.coin < event.coins)
          return refusal('NOT_ENOUGH', `${event.viewer} holds ${viewer.coin} coins; the chest needs ${event.coins}`, []);
        this.#line(viewer, 'coin', -event.coins);
        this.#line(book.named(accounts.chest(event.id)), 'coin', event.coins);
        return undefined;
      }
      case 'chest-claim': {
        const chest = this.#journal.indexOf(event.chest);
        const dropped = chest < 0 ? undefined : this.#journal.event(chest);
        if (dropped?.type !== 'chest-drop') return refusal('NOT_ENOUGH', `there is no chest ${event.chest}`, []);
        if (!this.#close(event.chest)) return refusal('NOT_ENOUGH', `chest ${event.chest} was already opened`, []);
        const split = splitCoins(table, dropped.coins, dropped.claimants, event.viewers, event.seed ?? 0);
        this.#line(book.named(accounts.chest(event.chest)), 'coin', -dropped.coins);
        for (const share of split.shares) this.#line(book.viewer(share.viewer), 'coin', share.coins);
        this.#line(book.viewer(dropped.viewer), 'coin', split.returned);
        return undefined;
      }
      case 'payout':
      case 'hold-payout': {
        const creator = book.creator(event.creator);
        if (creator.diamond < event.diamonds) {
          return refusal('NOT_ENOUGH', `${event.creator} holds ${creator.diamond} diamonds; the payout needs ${event.diamonds}`, []);
        }
        if (event.type === 'hold-payout') {
          // the payout is checked now (method, minimum, maximum), its postings made when the hold is posted
          const refused = this.#payout(event.creator, event.diamonds, event.method, creator, false);
          if (refused) return refused;
          this.#expiry(event);
          this.#line(creator, 'diamond', -event.diamonds);
          this.#line(book.named(accounts.reserved(creator.name)), 'diamond', event.diamonds);
          return undefined;
        }
        return this.#payout(event.creator, event.diamonds, event.method, creator, true);
      }
      case 'post':
      case 'void': {
        const hold = this.#hold(event.hold);
        if (!hold) return refusal('NOT_ENOUGH', `there is no hold ${event.hold}`, []);
        if (this.#closed.has(event.hold)) return refusal('NOT_ENOUGH', `hold ${event.hold} was already posted or voided`, []);
        const { owner, reserved } = hold;
        const from = book.named(reserved.account);
        if (event.type === 'void') {
          this.#close(event.hold);
          this.#line(from, reserved.unit, -reserved.amount);
          this.#line(book.named(owner.account), owner.unit, reserved.amount);
          return undefined;
        }
        if (hold.expires !== undefined) {
          if (event.at === undefined)
            throw new EconomyError('INVALID_EVENT', `posting hold ${event.hold} needs at: the hold expires`, { path: ['at'] });
          const at = toEpochMs(event.at);
          if (at >= hold.expires) {
            return refusal('DATE', `hold ${event.hold} expired at ${new Date(hold.expires).toISOString()}; void it`, []);
          }
        }
        this.#close(event.hold);
        const held = hold.event;
        if (held.type === 'hold-gift') {
          const gift = findGift(table, held.gift);
          this.#line(from, 'coin', -reserved.amount);
          this.#gift(reserved.amount, table.diamondsForGifts(gift.coins, held.count ?? 1), held.creator);
          return undefined;
        }
        return this.#payout(held.creator, held.diamonds, held.method, from, true);
      }
      case 'refund': {
        const refunds = table.document.refunds;
        if (refunds === undefined) {
          return refusal('FEATURE_OFF', `${table.ref} publishes no refund rule, so the ledger makes no refunds`, []);
        }
        if (!refunds.allowed) return refusal('FEATURE_OFF', `${table.ref} does not allow refunds`, []);
        const index = this.#journal.indexOf(event.purchase);
        const purchase = index < 0 ? undefined : this.#journal.entry(index);
        if (purchase?.event.type !== 'purchase') return refusal('NOT_ENOUGH', `there is no purchase ${event.purchase}`, []);
        if (this.#closed.has(event.purchase)) return refusal('NOT_ENOUGH', `purchase ${event.purchase} was already refunded`, []);
        const received = purchase.postings.find((line) => line.unit === 'coin' && line.amount > 0)?.amount ?? 0;
        const held = book.viewer(purchase.event.viewer).coin;
        if (held < received)
          return refusal(
            'NOT_ENOUGH',
            `${purchase.event.viewer} has spent some of the ${received} coins bought; only unspent coins can be refunded`,
            [],
          );
        this.#close(event.purchase);
        for (const line of purchase.postings) this.#line(book.named(line.account), line.unit, -line.amount);
        return undefined;
      }
    }
  }

  /** The lines of a gift after the viewer's coins left: coins spent, diamonds issued to the creator. */
  #gift(coins: number, diamonds: number, creator: string): void {
    const book = this.#book;
    this.#line(book.named(accounts.coinsSpent), 'coin', coins);
    this.#line(book.named(accounts.diamondsIssued), 'diamond', -diamonds);
    this.#line(book.creator(creator), 'diamond', diamonds);
  }

  /** Checks paying out diamonds from `from` (the creator's account or its reserve) and, with `post`, writes its lines. */
  #payout(creator: string, diamonds: number, methodId: string | undefined, from: Account, post: boolean): Refusal | undefined {
    const table = this.table;
    const method = table.payoutMethod(methodId);
    const gross = table.diamondsValueMinor(diamonds);
    const currency = table.document.diamondValue.currency;
    const { minimum, maximumPerDay } = table.payoutLimits();
    // a table with no published minimum sets none here: a wallet running its own economy states its own
    if (minimum !== undefined && gross < Number(minimum.toMinor())) {
      return refusal('NOT_ENOUGH', `the payout is ${Money.fromMinor(gross, currency)}; the minimum is ${minimum}`, []);
    }
    if (maximumPerDay !== undefined && gross > Number(maximumPerDay.toMinor())) {
      return refusal('NOT_ENOUGH', `the payout is above the daily maximum of ${maximumPerDay}`, []);
    }
    if (!post) return undefined;
    const book = this.#book;
    const paidFee = Math.min(table.payoutFeeMinor(gross, method.id), gross);
    this.#line(from, 'diamond', -diamonds);
    this.#line(book.named(accounts.diamondsRedeemed), 'diamond', diamonds);
    this.#line(book.named(accounts.platform), currency, -gross);
    this.#line(book.creatorCash(creator), currency, gross - paidFee);
    this.#line(book.named(accounts.payoutFees), currency, paidFee);
    return undefined;
  }

  /** Checks that a hold's expiry can be computed (a timeout needs `at`). */
  #expiry(event: Extract<LedgerEvent, { type: 'hold-gift' | 'hold-payout' }>): number | undefined {
    const seconds = event.seconds ?? this.#holdSeconds;
    if (seconds === undefined) return undefined;
    if (event.at === undefined) throw new EconomyError('INVALID_EVENT', 'a hold that expires needs at', { path: ['at'] });
    return toEpochMs(event.at) + seconds * 1000;
  }

  #hold(id: string): Hold | undefined {
    const index = this.#journal.indexOf(id);
    const event = index < 0 ? undefined : this.#journal.event(index);
    if (event?.type !== 'hold-gift' && event?.type !== 'hold-payout') return undefined;
    const journal = this.#journal;
    const expires = this.#expiry(event);
    if (journal.count(index) === 2) return { event, owner: journal.posting(index, 0), reserved: journal.posting(index, 1), expires };
    // a hold of nothing (zero diamonds) journalled no postings: its post or void moves nothing
    const unit = event.type === 'hold-gift' ? 'coin' : 'diamond';
    const account = event.type === 'hold-gift' ? accounts.viewer(event.viewer) : accounts.creator(event.creator);
    const owner = { account, unit, amount: 0 };
    return { event, owner, reserved: { account: accounts.reserved(account), unit, amount: 0 }, expires };
  }

  /** Holds not yet posted or voided: what is pending, with when each expires. */
  pending(): { readonly id: string; readonly type: 'hold-gift' | 'hold-payout'; readonly expires: string | undefined }[] {
    const out: { id: string; type: 'hold-gift' | 'hold-payout'; expires: string | undefined }[] = [];
    for (let index = 0; index < this.#journal.size; index++) {
      const event = this.#journal.event(index);
      if ((event.type === 'hold-gift' || event.type === 'hold-payout') && !this.#closed.has(event.id)) {
        const expires = this.#expiry(event);
        out.push({ id: event.id, type: event.type, expires: expires === undefined ? undefined : new Date(expires).toISOString() });
      }
    }
    return out;
  }

  static {
    prepareBatch = (ledger, events) => {
      const read = readEvents(events);
      const changes = new Changes(ledger.#journal.size);
      const own = ledger.#changes;
      ledger.#changes = changes;
      let refused: { readonly ok: false; readonly index: number; readonly refusal: Refusal } | undefined;
      try {
        refused = ledger.#stageAll(read, changes);
      } finally {
        ledger.#changes = own;
      }
      if (refused) return refused;
      // staged into the live state; taken back out until the store holds the entries, then written again
      const entries = ledger.#journal.entries(changes.mark);
      const tail = ledger.#undo(changes, true);
      const version = ledger.#version;
      return {
        ok: true,
        entries,
        commit: () => {
          if (ledger.#version !== version) throw new EconomyError('INVALID_JOURNAL', 'the ledger changed since the batch was prepared');
          ledger.#redo(changes, tail);
          ledger.#version++;
        },
        abort: () => ledger.#journal.forget(tail),
      };
    };
  }
}

const DUPLICATE = Object.freeze({
  ok: true as const,
  duplicate: true as const,
  reason: 'the event id was already applied; nothing changed',
});

/** Orders strings by UTF-16 code units: the same order in every locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads every event of a batch before anything is staged; an error names the event's index. */
function readEvents(events: readonly LedgerEvent[]): LedgerEvent[] {
  if (!Array.isArray(events)) throw new EconomyError('INVALID_ARGUMENT', `events must be an array, got ${describeValue(events)}`);
  return events.map((event, index) => {
    try {
      return readLedgerEvent(event);
    } catch (error) {
      if (error instanceof EconomyError)
        throw new EconomyError(error.code, `event ${index}: ${error.message}`, { path: [index, ...error.path] });
      throw error;
    }
  });
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
