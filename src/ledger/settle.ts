import { diamondsForCoins, diamondsValueMinor } from '../convert/rates.js';
import { describeValue, EconomyError } from '../errors.js';
import { Money } from '../money/money.js';
import { assertRateTable, type RateTable } from '../table/compile.js';

/**
 * A gift event to settle: a creator received `repeatCount` × a gift of `giftCoins` coins in one go.
 * @example
 * ```ts
 * import { type GiftEvent, settle } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const event: GiftEvent = { creatorId: 'c', giftCoins: 5, repeatCount: 10 };
 * console.log(settle(tiktok, [event]).totals.coins); // 50
 * ```
 * @category Settlement and modelling
 */
export interface GiftEvent {
  readonly creatorId: string | number;
  /** The gift's price in coins. */
  readonly giftCoins: number;
  /** How many were sent in this event (default 1). */
  readonly repeatCount?: number;
}

/**
 * The same events as columns (typed arrays are fastest): `creator[i]`, `gift[i]`, `repeat[i]` for i < length.
 * @example
 * ```ts
 * import { type GiftColumns, settle } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const columns: GiftColumns = { creator: Uint16Array.of(0, 1, 0), gift: Uint32Array.of(1, 100, 5), repeat: Uint8Array.of(3, 1, 1), length: 3 };
 * console.log(settle(tiktok, columns).creators.map((c) => c.coins)); // [ 8, 100 ]
 * ```
 * @category Settlement and modelling
 */
export interface GiftColumns {
  readonly creator: ArrayLike<number>;
  readonly gift: ArrayLike<number>;
  readonly repeat: ArrayLike<number>;
  readonly length: number;
}

/**
 * One creator's settlement.
 * @example
 * ```ts
 * import { type CreatorSettlement, settle } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const [first]: readonly CreatorSettlement[] = settle(tiktok, [{ creatorId: 'c', giftCoins: 1000 }]).creators;
 * console.log(first?.diamonds, first?.value.toString()); // 1000 5.00 USD
 * ```
 * @category Settlement and modelling
 */
export interface CreatorSettlement {
  readonly creatorId: string | number;
  readonly coins: number;
  readonly diamonds: number;
  /** The diamonds' money value, rounded once for this creator. */
  readonly value: Money;
}

/**
 * The result of settling events: per creator and in total. Plain data, mergeable with {@link mergeSettlements}.
 * @example
 * ```ts
 * import { type Settlement, settle } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const result: Settlement = settle(tiktok, [{ creatorId: 'c', giftCoins: 1 }]);
 * console.log(result.table, result.scope, result.events); // tiktok@2026-11-25 per-gift 1
 * ```
 * @category Settlement and modelling
 */
export interface Settlement {
  /** `id@version` of the table used. */
  readonly table: string;
  readonly scope: 'per-gift' | 'per-event' | 'per-settlement';
  readonly events: number;
  readonly creators: readonly CreatorSettlement[];
  readonly totals: { readonly coins: number; readonly diamonds: number; readonly value: Money };
}

/**
 * What {@link mergeSettlements} needs from a settlement (also its JSON form, after `JSON.parse`).
 * @example
 * ```ts
 * import { mergeSettlements, type SettlementParts, settle } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const parts: SettlementParts[] = [settle(tiktok, [{ creatorId: 'c', giftCoins: 1 }]), settle(tiktok, [{ creatorId: 'c', giftCoins: 2 }])];
 * console.log(mergeSettlements(tiktok, parts).totals.coins); // 3
 * ```
 * @category Settlement and modelling
 */
export interface SettlementParts {
  readonly table: string;
  readonly events: number;
  readonly creators: readonly { readonly creatorId: string | number; readonly coins: number; readonly diamonds: number }[];
}

/** Creator ids below this are summed in arrays indexed by id; others in a Map. */
const DENSE_IDS = 1 << 16;

/**
 * Diamonds for one gift's or event's coins under the table's share rule (per-gift and per-event scopes). Floor, the common
 * rule, is done inline by the loops below as exact integer arithmetic (a float quotient corrected by the
 * integer remainder); other modes call the general rule.
 */
function floorShare(coins: number, numerator: number, denominator: number): number {
  const scaled = coins * numerator;
  let quotient = Math.floor(scaled / denominator);
  const remainder = scaled - quotient * denominator;
  if (remainder < 0) quotient -= 1;
  else if (remainder >= denominator) quotient += 1;
  return quotient;
}

const MAX = Number.MAX_SAFE_INTEGER;

/**
 * Whether diamonds must be rounded and summed event by event: a per-gift or per-event scope with a share that
 * can round. A whole share (1 diamond per coin) never rounds, so every scope equals rounding the total once.
 */
function roundsPerEvent(table: RateTable): boolean {
  return table.document.creatorShare.scope !== 'per-settlement' && table.diamondsPerCoin.denominator !== 1;
}
const CACHE_SLOTS = 4096;

/**
 * Integer sums per creator; converted to diamonds and money once per creator at the end.
 * @internal Used by `settle` and by the Node file readers; not part of the public API.
 */
export class Accumulator {
  events = 0;
  readonly denseCoins = new Float64Array(DENSE_IDS);
  readonly denseDiamonds: Float64Array;
  readonly other = new Map<string | number, { coins: number; diamonds: number }>();
  /** Diamonds are rounded per gift or per event (summed per creator), not once per creator total. */
  readonly perGift: boolean;
  /** Per gift: each single gift of a streak is rounded, round(giftCoins × share) × repeat. */
  readonly single: boolean;
  /** Floor can be inlined; any other mode goes through the table's rule. */
  readonly floor: boolean;
  readonly numerator: number;
  readonly denominator: number;
  /** A small direct-mapped memo of per-event diamonds by coin amount: events repeat a few amounts. */
  private readonly cacheCoins = new Float64Array(CACHE_SLOTS).fill(-1);
  private readonly cacheDiamonds = new Float64Array(CACHE_SLOTS);

  constructor(readonly table: RateTable) {
    this.perGift = roundsPerEvent(table);
    this.single = table.document.creatorShare.scope === 'per-gift';
    this.denseDiamonds = new Float64Array(this.perGift ? DENSE_IDS : 0);
    const rounding = table.document.creatorShare.rounding;
    this.floor = rounding === 'floor' || rounding === 'toward-zero';
    this.numerator = table.diamondsPerCoin.numerator;
    this.denominator = table.diamondsPerCoin.denominator;
  }

  /** Diamonds of one event under the scope: per single gift or for the event's coins. */
  diamondsOf(giftCoins: number, repeatCount: number): number {
    return this.single ? this.eventDiamonds(giftCoins) * repeatCount : this.eventDiamonds(giftCoins * repeatCount);
  }

  eventDiamonds(coins: number): number {
    const slot = coins & (CACHE_SLOTS - 1);
    if (this.cacheCoins[slot] === coins) return this.cacheDiamonds[slot] as number;
    const diamonds =
      this.floor && coins * this.numerator <= MAX
        ? floorShare(coins, this.numerator, this.denominator)
        : diamondsForCoins(this.table, coins);
    this.cacheCoins[slot] = coins;
    this.cacheDiamonds[slot] = diamonds;
    return diamonds;
  }

  /** One event already known to be whole counts with a creator id below 2^16 (the file readers' fast path). */
  addDense(id: number, giftCoins: number, repeatCount: number): void {
    this.events++;
    this.denseCoins[id] = (this.denseCoins[id] as number) + giftCoins * repeatCount;
    if (this.perGift) this.denseDiamonds[id] = (this.denseDiamonds[id] as number) + this.diamondsOf(giftCoins, repeatCount);
  }

  /** One event of any shape, checked: the slow path for ids that are not small integers. */
  addChecked(creatorId: unknown, giftCoins: unknown, repeatCount: unknown, index: number): void {
    if (!isCount(giftCoins) || !isCount(repeatCount)) throw badEvent(index, giftCoins, repeatCount);
    const coins = giftCoins * repeatCount;
    this.events++;
    if (typeof creatorId === 'number' && creatorId >= 0 && creatorId < DENSE_IDS && (creatorId | 0) === creatorId) {
      this.denseCoins[creatorId] = (this.denseCoins[creatorId] as number) + coins;
      if (this.perGift) this.denseDiamonds[creatorId] = (this.denseDiamonds[creatorId] as number) + this.diamondsOf(giftCoins, repeatCount);
      return;
    }
    if ((typeof creatorId !== 'string' || creatorId === '') && (typeof creatorId !== 'number' || !Number.isSafeInteger(creatorId))) {
      throw new EconomyError(
        'INVALID_EVENT',
        `event ${index}: creatorId must be a non-empty string or a safe integer, got ${describeValue(creatorId)}`,
        {
          path: [index, 'creatorId'],
        },
      );
    }
    let entry = this.other.get(creatorId);
    if (!entry) {
      entry = { coins: 0, diamonds: 0 };
      this.other.set(creatorId, entry);
    }
    entry.coins += coins;
    if (this.perGift) entry.diamonds += this.diamondsOf(giftCoins, repeatCount);
  }

  /**
   * Many checked events of one key at once: their count, coins and (per gift or per event) diamonds, each sum
   * exact (the Parquet reader's path, which sums a row group per key before handing it over).
   */
  addTotals(key: number | string, events: number, coins: number, diamonds: number): void {
    this.events += events;
    if (typeof key === 'number' && (key & 0xffff) === key) {
      this.denseCoins[key] = (this.denseCoins[key] as number) + coins;
      if (this.perGift) this.denseDiamonds[key] = (this.denseDiamonds[key] as number) + diamonds;
      return;
    }
    let entry = this.other.get(key);
    if (!entry) {
      entry = { coins: 0, diamonds: 0 };
      this.other.set(key, entry);
    }
    entry.coins += coins;
    if (this.perGift) entry.diamonds += diamonds;
  }

  /** An array of event objects: the common case is inlined (small integer ids, whole counts). */
  addArray(events: readonly (GiftEvent | undefined)[]): void {
    const coinsByCreator = this.denseCoins;
    const diamondsByCreator = this.denseDiamonds;
    const perGift = this.perGift;
    const length = events.length;
    for (let i = 0; i < length; i++) {
      const event = events[i];
      if (typeof event !== 'object' || event === null) throw notAnEvent(event, i);
      const id = event.creatorId;
      const giftCoins = event.giftCoins;
      const repeatCount = event.repeatCount === undefined ? 1 : event.repeatCount;
      if (
        typeof id === 'number' &&
        (id & 0xffff) === id &&
        typeof giftCoins === 'number' &&
        typeof repeatCount === 'number' &&
        giftCoins % 1 === 0 &&
        repeatCount % 1 === 0 &&
        giftCoins >= 0 &&
        repeatCount >= 0 &&
        giftCoins <= MAX &&
        repeatCount <= MAX
      ) {
        const coins = giftCoins * repeatCount;
        coinsByCreator[id] = (coinsByCreator[id] as number) + coins;
        if (perGift) diamondsByCreator[id] = (diamondsByCreator[id] as number) + this.diamondsOf(giftCoins, repeatCount);
        this.events++;
      } else {
        this.addChecked(id, giftCoins, repeatCount, i);
      }
    }
  }

  addColumns(columns: GiftColumns): void {
    const { creator, gift, repeat, length } = columns;
    if (!Number.isSafeInteger(length) || length < 0 || creator.length < length || gift.length < length || repeat.length < length) {
      throw new EconomyError('INVALID_EVENT', 'columns must each hold at least `length` entries');
    }
    const trusted = isIntegerArray(creator) && isIntegerArray(gift) && isIntegerArray(repeat) && creator.BYTES_PER_ELEMENT <= 2;
    if (!trusted) {
      for (let i = 0; i < length; i++) this.addChecked(creator[i], gift[i], repeat[i], i);
      return;
    }
    // Unsigned typed arrays hold whole, non-negative numbers, and creator ids below 2^16 are dense: no checks per event.
    const coinsByCreator = this.denseCoins;
    if (!this.perGift) {
      sumColumns(coinsByCreator, creator, gift, repeat, length);
    } else {
      const diamondsByCreator = this.denseDiamonds;
      const cacheCoins = this.cacheCoins;
      const cacheDiamonds = this.cacheDiamonds;
      const single = this.single;
      for (let i = 0; i < length; i++) {
        const id = creator[i] as number;
        const times = repeat[i] as number;
        const coins = (gift[i] as number) * times;
        coinsByCreator[id] = (coinsByCreator[id] as number) + coins;
        // per gift: the single gift's diamonds × repeat; per event: the event's coins rounded once
        const rounded = single ? (gift[i] as number) : coins;
        const slot = rounded & (CACHE_SLOTS - 1);
        const diamonds = cacheCoins[slot] === rounded ? (cacheDiamonds[slot] as number) : this.eventDiamonds(rounded);
        diamondsByCreator[id] = (diamondsByCreator[id] as number) + (single ? diamonds * times : diamonds);
      }
    }
    this.events += length;
  }

  parts(): { creatorId: string | number; coins: number; diamonds: number }[] {
    const rows: { creatorId: string | number; coins: number; diamonds: number }[] = [];
    for (let id = 0; id < DENSE_IDS; id++) {
      if (this.denseCoins[id] === 0) continue;
      rows.push({ creatorId: id, coins: this.denseCoins[id] as number, diamonds: this.perGift ? (this.denseDiamonds[id] as number) : 0 });
    }
    for (const [creatorId, entry] of this.other)
      if (entry.coins > 0) rows.push({ creatorId, coins: entry.coins, diamonds: entry.diamonds });
    return rows;
  }
}

/** The hot loop of settlement: whole coins summed per creator id, nothing else. */
function sumColumns(
  sums: Float64Array,
  creator: ArrayLike<number>,
  gift: ArrayLike<number>,
  repeat: ArrayLike<number>,
  length: number,
): void {
  for (let i = 0; i < length; i++) {
    const id = creator[i] as number;
    sums[id] = (sums[id] as number) + (gift[i] as number) * (repeat[i] as number);
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function notAnEvent(event: unknown, index: number): EconomyError {
  return new EconomyError(
    'INVALID_EVENT',
    `event ${index} must be an object { creatorId, giftCoins, repeatCount? }, got ${describeValue(event)}`,
    {
      path: [index],
    },
  );
}

function isIntegerArray(values: ArrayLike<number>): values is Uint8Array | Uint16Array | Uint32Array {
  return values instanceof Uint8Array || values instanceof Uint16Array || values instanceof Uint32Array;
}

function badEvent(index: number, giftCoins: unknown, repeatCount: unknown): EconomyError {
  return new EconomyError(
    'INVALID_EVENT',
    `event ${index}: giftCoins and repeatCount must be whole numbers from 0 to ${Number.MAX_SAFE_INTEGER}, got ${describeValue(giftCoins)} and ${describeValue(repeatCount)}`,
    { path: [index] },
  );
}

/** Turns integer sums per creator into diamonds and money, once per creator. */
function finish(
  table: RateTable,
  events: number,
  rows: readonly { creatorId: string | number; coins: number; diamonds: number }[],
): Settlement {
  const perGift = roundsPerEvent(table);
  const currency = table.document.diamondValue.currency;
  let totalCoins = 0;
  let totalDiamonds = 0;
  let totalMinor = 0;
  const creators = rows.map((row) => {
    if (!Number.isSafeInteger(row.coins) || !Number.isSafeInteger(row.diamonds)) {
      throw new EconomyError('QUANTITY_OVERFLOW', `creator ${row.creatorId}: the sum passes ${MAX}; settle in smaller parts and merge`);
    }
    const diamonds = perGift ? row.diamonds : diamondsForCoins(table, row.coins);
    const minor = diamondsValueMinor(table, diamonds);
    totalCoins += row.coins;
    totalDiamonds += diamonds;
    totalMinor += minor;
    return creatorSettlement(row.creatorId, row.coins, diamonds, minor, currency);
  });
  if (!Number.isSafeInteger(totalCoins) || !Number.isSafeInteger(totalDiamonds) || !Number.isSafeInteger(totalMinor)) {
    throw new EconomyError('QUANTITY_OVERFLOW', `the totals pass ${MAX}; settle in smaller parts and merge`);
  }
  return Object.freeze({
    table: table.ref,
    scope: table.document.creatorShare.scope,
    events,
    creators: Object.freeze(creators),
    totals: Object.freeze({ coins: totalCoins, diamonds: totalDiamonds, value: Money.fromMinor(totalMinor, currency) }),
  });
}

/** One creator's settlement; its Money is made on first read, so settling builds no Decimal it does not need. */
class CreatorRow implements CreatorSettlement {
  readonly #minor: number;
  readonly #currency: string;
  #value: Money | undefined;

  constructor(
    readonly creatorId: string | number,
    readonly coins: number,
    readonly diamonds: number,
    minor: number,
    currency: string,
  ) {
    this.#minor = minor;
    this.#currency = currency;
    Object.freeze(this);
  }

  get value(): Money {
    this.#value ??= Money.fromMinor(this.#minor, this.#currency);
    return this.#value;
  }

  toJSON() {
    return { creatorId: this.creatorId, coins: this.coins, diamonds: this.diamonds, value: this.value.toJSON() };
  }
}

function creatorSettlement(
  creatorId: string | number,
  coins: number,
  diamonds: number,
  minor: number,
  currency: string,
): CreatorSettlement {
  return new CreatorRow(creatorId, coins, diamonds, minor, currency);
}

/**
 * Settles gift events exactly: whole coins are summed per creator (and, under the per-gift or per-event
 * scope, diamonds per single gift or per event), then each creator's total becomes diamonds and money once. Takes an array or iterable of events,
 * columns of typed arrays, or an async iterable (then it returns a promise); streams are read in constant
 * memory. Bad events are an `INVALID_EVENT` error naming the event; nothing is settled then. Creators whose
 * events total 0 coins have nothing to settle and are left out of `creators`.
 *
 * @throws EconomyError `INVALID_EVENT`, `QUANTITY_OVERFLOW`
 * @example
 * ```ts
 * import { settle } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const result = settle(tiktok, [
 *   { creatorId: 'host', giftCoins: 29_999 },
 *   { creatorId: 'host', giftCoins: 1, repeatCount: 5 },
 *   { creatorId: 'guest', giftCoins: 1000 },
 * ]);
 * console.log(result.creators.map((c) => `${c.creatorId} ${c.diamonds} ${c.value}`)); // [ 'host 30004 150.02 USD', 'guest 1000 5.00 USD' ]
 * ```
 * @category Settlement and modelling
 */
export function settle(table: RateTable, events: Iterable<GiftEvent> | GiftColumns): Settlement;
export function settle(table: RateTable, events: AsyncIterable<GiftEvent>): Promise<Settlement>;
export function settle(
  table: RateTable,
  events: Iterable<GiftEvent> | GiftColumns | AsyncIterable<GiftEvent>,
): Settlement | Promise<Settlement> {
  const compiled = assertRateTable(table);
  const accumulator = new Accumulator(compiled);
  if (events !== null && typeof events === 'object' && Symbol.asyncIterator in events) return settleAsync(compiled, accumulator, events);
  if (isColumns(events)) {
    accumulator.addColumns(events);
  } else if (Array.isArray(events)) {
    accumulator.addArray(events);
  } else if (events !== null && typeof events === 'object' && Symbol.iterator in events) {
    let i = 0;
    for (const event of events) addEvent(accumulator, event, i++);
  } else {
    throw new EconomyError(
      'INVALID_EVENT',
      `events must be an array, an iterable, an async iterable or columns, got ${describeValue(events)}`,
    );
  }
  return finish(compiled, accumulator.events, accumulator.parts());
}

async function settleAsync(table: RateTable, accumulator: Accumulator, events: AsyncIterable<GiftEvent>): Promise<Settlement> {
  let i = 0;
  for await (const event of events) addEvent(accumulator, event, i++);
  return finish(table, accumulator.events, accumulator.parts());
}

function addEvent(accumulator: Accumulator, event: GiftEvent | undefined, index: number): void {
  if (typeof event !== 'object' || event === null) throw notAnEvent(event, index);
  accumulator.addChecked(event.creatorId, event.giftCoins, event.repeatCount === undefined ? 1 : event.repeatCount, index);
}

function isColumns(value: unknown): value is GiftColumns {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'creator' in value && 'gift' in value && 'repeat' in value;
}

/**
 * Merges settlements of parts of one stream (settled on other threads or machines) into the settlement of
 * the whole: settling `a` then `b` and merging equals settling `a ++ b`. Takes settlements or their JSON.
 *
 * @throws EconomyError `INVALID_ARGUMENT` when a part was settled with another table.
 * @example
 * ```ts
 * import { mergeSettlements, settle } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const a = settle(tiktok, [{ creatorId: 1, giftCoins: 100 }]);
 * const b = settle(tiktok, [{ creatorId: 1, giftCoins: 99 }]);
 * console.log(mergeSettlements(tiktok, [a, JSON.parse(JSON.stringify(b))]).totals.value.toString()); // 1.00 USD (199 × 0.005 = 0.995)
 * ```
 * @category Settlement and modelling
 */
export function mergeSettlements(table: RateTable, parts: readonly SettlementParts[]): Settlement {
  const compiled = assertRateTable(table);
  if (!Array.isArray(parts))
    throw new EconomyError('INVALID_ARGUMENT', `parts must be an array of settlements, got ${describeValue(parts)}`);
  const merged = new Map<string | number, { creatorId: string | number; coins: number; diamonds: number }>();
  let events = 0;
  parts.forEach((part, index) => {
    if (part?.table !== compiled.ref) {
      throw new EconomyError('INVALID_ARGUMENT', `part ${index} was settled with ${describeValue(part?.table)}, not ${compiled.ref}`, {
        path: [index, 'table'],
      });
    }
    events += part.events;
    for (const row of part.creators) {
      const entry = merged.get(row.creatorId) ?? { creatorId: row.creatorId, coins: 0, diamonds: 0 };
      entry.coins += row.coins;
      entry.diamonds += row.diamonds;
      merged.set(row.creatorId, entry);
    }
  });
  const perGift = roundsPerEvent(compiled);
  const rows = [...merged.values()].map((row) => (perGift ? row : { ...row, diamonds: 0 }));
  return finish(compiled, events, rows);
}
