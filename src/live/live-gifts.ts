import { type Normalised, normalise } from '../adapters/tiktok-live.js';
import { diamondsForCoins, diamondsForGifts, diamondsValueMinor } from '../convert/rates.js';
import { describeValue, EconomyError } from '../errors.js';
import { Money } from '../money/money.js';
import { assertRateTable, type RateTable } from '../table/compile.js';

/**
 * Who sent a gift, as the live client reports it.
 * @example
 * ```ts
 * import type { LiveIdentity } from 'gift-economy';
 * const alice: LiveIdentity = { id: '6800000000000000011', uniqueId: 'alice_fan', nickname: 'Alice' };
 * console.log(alice.uniqueId); // alice_fan
 * ```
 * @category Live streams
 */
export interface LiveIdentity {
  readonly id: string;
  readonly uniqueId?: string;
  readonly nickname?: string;
}

/**
 * One update of a live session: a gift counted once (`gift`), or an open streak's value so far (`streak`,
 * provisional: not in the totals until its end arrives).
 * @example
 * ```ts
 * import { type LiveGiftUpdate, liveGifts } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const session = liveGifts(tiktok);
 * const update: LiveGiftUpdate | undefined = session.push({ msgId: '1', giftId: 5655, giftType: 1, diamondCount: 1, repeatCount: 3, repeatEnd: false, receiverUserId: 'host', userId: 'u1' });
 * console.log(update?.type, update?.provisional, update?.coins); // streak true 3
 * ```
 * @category Live streams
 */
export interface LiveGiftUpdate {
  readonly type: 'gift' | 'streak';
  readonly provisional: boolean;
  readonly msgId?: string;
  readonly sender: LiveIdentity;
  readonly receiver: string;
  readonly gift: { readonly id: string; readonly name?: string; readonly inCatalogue: boolean };
  readonly count: number;
  readonly giftCoins: number;
  readonly coins: number;
  /** Diamonds of this gift event under the table's share, rounding and scope. */
  readonly diamonds: number;
  /** Those diamonds' value rounded on their own; a total's value is rounded once on its diamonds (as settle does). */
  readonly value: Money;
}

/**
 * A running total for one receiver or one gifter: coins, diamonds and money exactly as `settle` gives them.
 * @example
 * ```ts
 * import { liveGifts, type LiveTotal } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const session = liveGifts(tiktok);
 * session.push({ msgId: '1', giftId: 6369, giftType: 2, diamondCount: 29999, receiverUserId: 'host', userId: 'u1', uniqueId: 'dave' });
 * const [first]: readonly LiveTotal[] = session.top(1, 'gifter');
 * console.log(first?.uniqueId, first?.coins, first?.value.toString()); // dave 29999 150.00 USD
 * ```
 * @category Live streams
 */
export interface LiveTotal extends LiveTally {
  /** The total's money, rounded once on its diamonds (as `settle` does). */
  readonly value: Money;
}

/**
 * Options of {@link liveGifts}.
 * @example
 * ```ts
 * import type { LiveGiftsOptions } from 'gift-economy';
 * const options: LiveGiftsOptions = { defaultReceiver: 'host', dedupe: { messages: 50_000, milliseconds: 600_000 } };
 * console.log(options.dedupe?.messages); // 50000
 * ```
 * @category Live streams
 */
export interface LiveGiftsOptions {
  /** The receiver when an event names none (the room's host). Without it, such an event is an error. */
  readonly defaultReceiver?: string;
  /**
   * The de-duplication window: a message id seen within the last `messages` messages and within
   * `milliseconds` of the newest message time is counted once (defaults 100,000 and 15 minutes). Older ids
   * are forgotten, so memory stays bounded; open streaks are forgotten on the same terms.
   */
  readonly dedupe?: { readonly messages?: number; readonly milliseconds?: number };
  /** Called with every update, as `push` returns it. */
  readonly onUpdate?: (update: LiveGiftUpdate) => void;
}

/**
 * The persisted state of a session ({@link LiveGifts.snapshot}), plain JSON.
 * @example
 * ```ts
 * import { liveGifts, type LiveSnapshot } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const snapshot: LiveSnapshot = liveGifts(tiktok).snapshot();
 * console.log(snapshot.table, snapshot.version); // tiktok@2026-11-25 1
 * ```
 * @category Live streams
 */
export interface LiveSnapshot {
  readonly version: 1;
  readonly table: string;
  readonly events: number;
  readonly duplicates: number;
  readonly streakUpdates: number;
  readonly unknownGifts: readonly (readonly [string, number])[];
  readonly receivers: readonly LiveTally[];
  readonly gifters: readonly LiveTally[];
  readonly seen: readonly (readonly [string, number])[];
  readonly newest: number;
}

/**
 * One receiver's or gifter's running counts in a {@link LiveSnapshot}.
 * @example
 * ```ts
 * import type { LiveTally } from 'gift-economy';
 * const row: LiveTally = { id: 'host', gifts: 2, coins: 30, diamonds: 30 };
 * console.log(row.coins); // 30
 * ```
 * @category Live streams
 */
export interface LiveTally {
  readonly id: string;
  readonly uniqueId?: string;
  readonly nickname?: string;
  readonly gifts: number;
  readonly coins: number;
  readonly diamonds: number;
}

class Tally {
  gifts = 0;
  coins = 0;
  diamonds = 0;
  constructor(
    readonly id: string,
    public uniqueId: string | undefined,
    public nickname: string | undefined,
  ) {}
}

/**
 * One update: a class whose sender, gift and value are made when read, so that a bot that only keeps totals
 * pays for no Money and no copying per event.
 */
class Update implements LiveGiftUpdate {
  readonly type: 'gift' | 'streak';
  readonly msgId?: string;
  readonly count: number;
  readonly giftCoins: number;
  readonly #event: Normalised;
  readonly #table: RateTable;

  constructor(
    table: RateTable,
    readonly provisional: boolean,
    event: Normalised,
    readonly receiver: string,
    readonly coins: number,
    readonly diamonds: number,
  ) {
    this.#table = table;
    this.#event = event;
    this.type = provisional ? 'streak' : 'gift';
    if (event.msgId !== undefined) this.msgId = event.msgId;
    this.count = event.repeatCount;
    this.giftCoins = event.giftCoins;
  }

  get sender(): LiveIdentity {
    const event = this.#event;
    return identity(event.sender ?? 'unknown', event.senderUniqueId, event.senderNickname);
  }

  get gift(): { readonly id: string; readonly name?: string; readonly inCatalogue: boolean } {
    const { giftId: id, giftName: name, inCatalogue } = this.#event;
    return name === undefined ? { id, inCatalogue } : { id, name, inCatalogue };
  }

  /** These diamonds' value, rounded on their own. */
  get value(): Money {
    return Money.fromMinor(diamondsValueMinor(this.#table, this.diamonds), this.#table.document.diamondValue.currency);
  }

  toJSON() {
    return { ...this, sender: this.sender, gift: this.gift, value: this.value };
  }
}

function add(
  into: Map<string, Tally>,
  id: string,
  uniqueId: string | undefined,
  nickname: string | undefined,
  update: LiveGiftUpdate,
): void {
  let tally = into.get(id);
  if (!tally) {
    tally = new Tally(id, uniqueId, nickname);
    into.set(id, tally);
  }
  tally.uniqueId ??= uniqueId;
  tally.nickname ??= nickname;
  tally.gifts++;
  tally.coins += update.coins;
  tally.diamonds += update.diamonds;
  if (!Number.isSafeInteger(tally.coins)) throw new EconomyError('QUANTITY_OVERFLOW', `the coins of ${id} pass 2^53 − 1`);
}

function identity(id: string, uniqueId: string | undefined, nickname: string | undefined): LiveIdentity {
  if (uniqueId === undefined && nickname === undefined) return { id };
  if (nickname === undefined) return { id, uniqueId: uniqueId as string };
  if (uniqueId === undefined) return { id, nickname };
  return { id, uniqueId, nickname };
}

/**
 * A live session: gift events in, each gift counted once, running totals per receiver and per gifter in coins,
 * diamonds and money, leaderboards and goals, in bounded memory. See {@link liveGifts}.
 * @example
 * ```ts
 * import { LiveGifts } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const session = new LiveGifts(tiktok, { defaultReceiver: 'host' });
 * session.push({ msgId: '1', giftId: 5655, giftType: 1, diamondCount: 1, repeatCount: 5, repeatEnd: true });
 * console.log(session.goal(100).remaining); // 95
 * ```
 * @category Live streams
 */
export class LiveGifts {
  readonly table: RateTable;
  readonly #options: LiveGiftsOptions;
  readonly #messages: number;
  readonly #milliseconds: number;
  readonly #seen = new Set<string>();
  /** The remembered ids and their times in arrival order: a ring of at most `messages` slots from #head on. */
  #ids: (string | undefined)[] = [];
  #times: (number | undefined)[] = [];
  #head = 0;
  readonly #receivers = new Map<string, Tally>();
  readonly #gifters = new Map<string, Tally>();
  readonly #unknown = new Map<string, number>();
  readonly #perSettlement: boolean;
  #newest = 0;
  #events = 0;
  #duplicates = 0;
  #streakUpdates = 0;

  constructor(table: RateTable, options: LiveGiftsOptions = {}) {
    this.table = assertRateTable(table);
    if (typeof options !== 'object' || options === null) {
      throw new EconomyError('INVALID_ARGUMENT', `options must be an object, got ${describeValue(options)}`);
    }
    this.#options = options;
    this.#messages = positive(options.dedupe?.messages ?? 100_000, 'dedupe.messages');
    this.#milliseconds = positive(options.dedupe?.milliseconds ?? 15 * 60_000, 'dedupe.milliseconds');
    if (options.defaultReceiver !== undefined && (typeof options.defaultReceiver !== 'string' || options.defaultReceiver === '')) {
      throw new EconomyError(
        'INVALID_ARGUMENT',
        `defaultReceiver must be a non-empty string, got ${describeValue(options.defaultReceiver)}`,
        {
          path: ['defaultReceiver'],
        },
      );
    }
    this.#perSettlement = this.table.document.creatorShare.scope === 'per-settlement';
  }

  /** Reads one gift event (any shape the connector emits); returns the update, or `undefined` for a duplicate. */
  push(raw: unknown): LiveGiftUpdate | undefined {
    const event = normalise(raw, this.#events, (id) => this.table.gift(id));
    const receiver = event.receiver ?? this.#options.defaultReceiver;
    if (receiver === undefined) {
      throw new EconomyError(
        'INVALID_EVENT',
        `event ${this.#events} names no receiver (receiverUserId); pass defaultReceiver for the room's host`,
        {
          path: [this.#events, 'receiverUserId'],
        },
      );
    }
    const coins = event.giftCoins * event.repeatCount;
    if (!Number.isSafeInteger(coins))
      throw new EconomyError('QUANTITY_OVERFLOW', `event ${this.#events}: ${event.giftCoins} × ${event.repeatCount} coins pass 2^53 − 1`);
    this.#events++;
    if (event.createTime !== undefined && event.createTime > this.#newest) {
      this.#newest = event.createTime;
      this.#forget(0);
    }
    if (event.msgId !== undefined) {
      if (this.#seen.has(event.msgId)) {
        this.#duplicates++;
        return undefined;
      }
      this.#remember(event.msgId, event.createTime ?? this.#newest);
    }
    const provisional = event.giftType === 1 && !event.repeatEnd;
    const update = this.#update(event, receiver, coins, provisional);
    if (provisional) this.#streakUpdates++;
    else this.#count(update, event);
    this.#options.onUpdate?.(update);
    return update;
  }

  /** Totals per receiver or per gifter, largest first (coins, then id). */
  totals(by: 'receiver' | 'gifter' = 'receiver'): readonly LiveTotal[] {
    return this.top(Number.POSITIVE_INFINITY, by);
  }

  /** The `n` largest totals per receiver or per gifter: a money leaderboard. */
  top(n: number, by: 'receiver' | 'gifter' = 'receiver'): readonly LiveTotal[] {
    if (!(n >= 0) || (n !== Number.POSITIVE_INFINITY && !Number.isSafeInteger(n))) {
      throw new EconomyError('INVALID_ARGUMENT', `n must be a whole number ≥ 0, got ${describeValue(n)}`, { path: ['n'] });
    }
    if (by !== 'receiver' && by !== 'gifter')
      throw new EconomyError('INVALID_ARGUMENT', `by must be "receiver" or "gifter", got ${describeValue(by)}`, { path: ['by'] });
    const tallies = [...(by === 'receiver' ? this.#receivers : this.#gifters).values()];
    tallies.sort((a, b) => b.coins - a.coins || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return Object.freeze(tallies.slice(0, n === Number.POSITIVE_INFINITY ? undefined : n).map((tally) => this.#total(tally)));
  }

  /** How far a receiver (or the whole room) is from a coin goal: "2,150 coins to the goal". */
  goal(
    targetCoins: number,
    receiver?: string,
  ): { readonly target: number; readonly coins: number; readonly remaining: number; readonly reached: boolean } {
    if (!Number.isSafeInteger(targetCoins) || targetCoins < 0) {
      throw new EconomyError('INVALID_QUANTITY', `the goal must be a whole number of coins ≥ 0, got ${describeValue(targetCoins)}`, {
        path: ['targetCoins'],
      });
    }
    const coins =
      receiver === undefined
        ? [...this.#receivers.values()].reduce((sum, tally) => sum + tally.coins, 0)
        : (this.#receivers.get(receiver)?.coins ?? 0);
    return Object.freeze({ target: targetCoins, coins, remaining: Math.max(0, targetCoins - coins), reached: coins >= targetCoins });
  }

  /** Counts so far: events read, duplicates dropped, streak updates (provisional), gift ids not in the catalogue. */
  stats(): {
    readonly events: number;
    readonly duplicates: number;
    readonly streakUpdates: number;
    readonly unknownGifts: ReadonlyMap<string, number>;
    readonly remembered: number;
  } {
    return Object.freeze({
      events: this.#events,
      duplicates: this.#duplicates,
      streakUpdates: this.#streakUpdates,
      unknownGifts: new Map(this.#unknown),
      remembered: this.#seen.size,
    });
  }

  /** The whole state as plain JSON, to persist and {@link LiveGifts.restore} after a restart. */
  snapshot(): LiveSnapshot {
    const json = (tally: Tally): LiveTally => ({
      id: tally.id,
      ...(tally.uniqueId === undefined ? {} : { uniqueId: tally.uniqueId }),
      ...(tally.nickname === undefined ? {} : { nickname: tally.nickname }),
      gifts: tally.gifts,
      coins: tally.coins,
      diamonds: tally.diamonds,
    });
    return {
      version: 1,
      table: this.table.ref,
      events: this.#events,
      duplicates: this.#duplicates,
      streakUpdates: this.#streakUpdates,
      unknownGifts: [...this.#unknown],
      receivers: [...this.#receivers.values()].map(json),
      gifters: [...this.#gifters.values()].map(json),
      seen: this.#remembered(),
      newest: this.#newest,
    };
  }

  /** A session resumed from a {@link LiveGifts.snapshot} taken with the same table. */
  static restore(table: RateTable, snapshot: LiveSnapshot, options: LiveGiftsOptions = {}): LiveGifts {
    const session = new LiveGifts(table, options);
    if (typeof snapshot !== 'object' || snapshot === null || snapshot.version !== 1 || snapshot.table !== session.table.ref) {
      throw new EconomyError('INVALID_ARGUMENT', `the snapshot must be version 1 of a session on ${session.table.ref}`, {
        path: ['snapshot'],
      });
    }
    session.#events = count(snapshot.events, 'events');
    session.#duplicates = count(snapshot.duplicates, 'duplicates');
    session.#streakUpdates = count(snapshot.streakUpdates, 'streakUpdates');
    session.#newest = count(snapshot.newest, 'newest');
    for (const [id, n] of snapshot.unknownGifts) session.#unknown.set(String(id), count(n, 'unknownGifts'));
    for (const [into, rows] of [
      [session.#receivers, snapshot.receivers],
      [session.#gifters, snapshot.gifters],
    ] as const) {
      for (const row of rows) {
        const tally = new Tally(String(row.id), row.uniqueId, row.nickname);
        tally.gifts = count(row.gifts, 'gifts');
        tally.coins = count(row.coins, 'coins');
        tally.diamonds = count(row.diamonds, 'diamonds');
        into.set(tally.id, tally);
      }
    }
    for (const [id, time] of snapshot.seen) {
      if (!session.#seen.has(String(id))) session.#remember(String(id), count(time, 'seen'));
    }
    return session;
  }

  #remember(msgId: string, time: number): void {
    const seen = this.#seen;
    this.#forget(1);
    if (seen.size === this.#ids.length) this.#grow();
    let slot = this.#head + seen.size;
    if (slot >= this.#ids.length) slot -= this.#ids.length;
    this.#ids[slot] = msgId;
    this.#times[slot] = time;
    seen.add(msgId);
  }

  /** Forgets the oldest ids older than the window's age, or past its size less `room`, first in first out. */
  #forget(room: number): void {
    const seen = this.#seen;
    const oldestKept = this.#newest - this.#milliseconds;
    while (seen.size > 0 && (seen.size > this.#messages - room || (this.#times[this.#head] as number) < oldestKept)) {
      seen.delete(this.#ids[this.#head] as string);
      this.#head = this.#head + 1 === this.#ids.length ? 0 : this.#head + 1;
    }
  }

  /** Doubles the ring (up to the window's size), oldest id first: amortised O(1) per remembered id. */
  #grow(): void {
    const capacity = Math.min(this.#messages, Math.max(16, this.#ids.length * 2));
    const remembered = this.#remembered();
    this.#ids = new Array(capacity);
    this.#times = new Array(capacity);
    this.#head = 0;
    remembered.forEach(([id, time], slot) => {
      this.#ids[slot] = id;
      this.#times[slot] = time;
    });
  }

  #update(event: Normalised, receiver: string, coins: number, provisional: boolean): LiveGiftUpdate {
    const table = this.table;
    return new Update(table, provisional, event, receiver, coins, diamondsForGifts(table, event.giftCoins, event.repeatCount));
  }

  #count(update: LiveGiftUpdate, event: Normalised): void {
    if (!event.inCatalogue) this.#unknown.set(event.giftId, (this.#unknown.get(event.giftId) ?? 0) + 1);
    add(this.#receivers, update.receiver, undefined, undefined, update);
    add(this.#gifters, event.sender ?? 'unknown', event.senderUniqueId, event.senderNickname, update);
  }

  /** The remembered message ids with their times, oldest first. */
  #remembered(): [string, number][] {
    const out: [string, number][] = [];
    for (let i = 0, slot = this.#head; i < this.#seen.size; i++, slot = slot + 1 === this.#ids.length ? 0 : slot + 1) {
      out.push([this.#ids[slot] as string, this.#times[slot] as number]);
    }
    return out;
  }

  #total(tally: Tally): LiveTotal {
    // per settlement, the total's coins are rounded once, as settle does; otherwise the events' diamonds add up
    const diamonds = this.#perSettlement ? diamondsForCoins(this.table, tally.coins) : tally.diamonds;
    return Object.freeze({
      id: tally.id,
      ...(tally.uniqueId === undefined ? {} : { uniqueId: tally.uniqueId }),
      ...(tally.nickname === undefined ? {} : { nickname: tally.nickname }),
      gifts: tally.gifts,
      coins: tally.coins,
      diamonds,
      value: Money.fromMinor(diamondsValueMinor(this.table, diamonds), this.table.document.diamondValue.currency),
    });
  }
}

function positive(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new EconomyError('INVALID_ARGUMENT', `${name} must be a whole number ≥ 1, got ${describeValue(value)}`, { path: [name] });
  }
  return value;
}

function count(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new EconomyError('INVALID_ARGUMENT', `snapshot ${name} must be a whole number ≥ 0, got ${describeValue(value)}`, {
      path: ['snapshot', name],
    });
  }
  return value;
}

/**
 * Something that emits gift events, as a tiktok-live-connector connection does (`connection.on('gift', …)`).
 * @example
 * ```ts
 * import type { LiveGiftEmitter } from 'gift-economy';
 * const connection: LiveGiftEmitter = { on: (_event, _listener) => undefined };
 * console.log(typeof connection.on); // function
 * ```
 * @category Live streams
 */
export interface LiveGiftEmitter {
  on(event: 'gift', listener: (data: unknown) => void): unknown;
}

/**
 * A live session on a connection or a stream of gift events: pass a tiktok-live-connector connection (anything
 * with `on('gift', listener)`; the connector itself is not a dependency), an async iterable of events, or
 * nothing to `push` events yourself. Each gift is counted once (duplicates dropped, streaks counted at their
 * end, a replayed message after a reconnect counted once within the dedupe window); open streaks are reported
 * as provisional `streak` updates. Totals equal `settle` on the same events.
 *
 * @example
 * ```ts
 * import { liveGifts } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const listeners: ((data: unknown) => void)[] = [];
 * const connection = { on: (_: 'gift', listener: (data: unknown) => void) => listeners.push(listener) };
 * const session = liveGifts(tiktok, { source: connection, defaultReceiver: 'host' });
 * for (const listener of listeners) listener({ msgId: '1', giftId: 6369, giftType: 2, diamondCount: 29999, userId: 'u1' });
 * console.log(session.top(1)[0]?.value.toString()); // 150.00 USD (29,999 diamonds × 0.005, half-even)
 * ```
 * @category Live streams
 */
export function liveGifts(
  table: RateTable,
  options: LiveGiftsOptions & { readonly source?: LiveGiftEmitter | AsyncIterable<unknown> } = {},
): LiveGifts & { readonly done: Promise<void> } {
  const session = new LiveGifts(table, options);
  const source = options.source;
  let done: Promise<void> = Promise.resolve();
  if (source !== undefined) {
    if (typeof (source as LiveGiftEmitter).on === 'function') (source as LiveGiftEmitter).on('gift', (data) => session.push(data));
    else if (typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
      done = (async () => {
        for await (const event of source as AsyncIterable<unknown>) session.push(event);
      })();
    } else
      throw new EconomyError('INVALID_ARGUMENT', `source must have on('gift', …) or be an async iterable, got ${describeValue(source)}`, {
        path: ['source'],
      });
  }
  return Object.assign(session, { done });
}
