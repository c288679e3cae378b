import { assertObject, describeValue, EconomyError } from '../errors.js';
import type { GiftEvent } from '../ledger/settle.js';
import { assertRateTable, type RateTable } from '../table/compile.js';

/**
 * One gift of a TikTok LIVE stream counted once: who sent what to whom, and its coins.
 * @example
 * ```ts
 * import { type CountedLiveGift, liveGiftCounter } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const gift: CountedLiveGift | undefined = liveGiftCounter(tiktok).push({ giftId: 5655, diamondCount: 1, giftType: 1, repeatCount: 7, repeatEnd: true, receiverUserId: 'host' });
 * console.log(gift?.coins, gift?.inCatalogue); // 7 true
 * ```
 * @category Live streams
 */
export interface CountedLiveGift {
  readonly msgId: string | undefined;
  readonly giftId: string;
  readonly giftName: string | undefined;
  readonly sender: string | undefined;
  readonly receiver: string;
  readonly repeatCount: number;
  /** The gift's price in coins, as the event gives it (`diamondCount`, which despite its name is coins). */
  readonly giftCoins: number;
  readonly coins: number;
  /** False when the gift id is not in the rate table's catalogue (the event's own price is used). */
  readonly inCatalogue: boolean;
}

/**
 * The tally of a stream of TikTok LIVE gift events, each gift counted once.
 * @example
 * ```ts
 * import { countLiveGifts, type LiveGiftTally } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const tally: LiveGiftTally = countLiveGifts(tiktok, [{ giftId: 1, diamondCount: 3, giftType: 2, receiverUserId: 'h' }]);
 * console.log([...tally.unknownGifts]); // [ [ '1', 1 ] ]
 * ```
 * @category Live streams
 */
export interface LiveGiftTally {
  readonly events: number;
  readonly duplicates: number;
  readonly streakUpdatesSkipped: number;
  readonly counted: readonly CountedLiveGift[];
  /** False when the counter ran with `keepCounted: false`: `counted` is then empty by design, not by absence. */
  readonly keptCounted: boolean;
  /** Coins per receiver id, in first-seen order. */
  readonly coinsByReceiver: ReadonlyMap<string, number>;
  readonly totalCoins: number;
  /** Gift ids not in the table's catalogue, with how many counted gifts used them: reported, not dropped. */
  readonly unknownGifts: ReadonlyMap<string, number>;
  /** Streaks still open at the end (no `repeatEnd` yet): not counted, reported. */
  readonly openStreaks: number;
}

/**
 * Options of {@link countLiveGifts}.
 * @example
 * ```ts
 * import { countLiveGifts, type LiveGiftOptions } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const options: LiveGiftOptions = { defaultReceiver: 'host', keepCounted: false };
 * const tally = countLiveGifts(tiktok, [{ giftId: 5655, diamondCount: 1, giftType: 2 }], options);
 * console.log(tally.totalCoins, tally.counted.length); // 1 0
 * ```
 * @category Live streams
 */
export interface LiveGiftOptions {
  /** The receiver when an event names none (the room's host). Without it, such an event is an error. */
  readonly defaultReceiver?: string;
  /** How many recent message ids to remember for de-duplication (default 100,000). */
  readonly dedupeWindow?: number;
  /** Keep every counted gift for the tally's `counted` list (default true); false keeps memory constant. */
  readonly keepCounted?: boolean;
}

/** @internal One gift event read from any of the connector's shapes. */
export interface Normalised {
  msgId: string | undefined;
  giftId: string;
  giftName: string | undefined;
  giftType: number;
  repeatCount: number;
  repeatEnd: boolean;
  giftCoins: number;
  /** Whether the catalogue passed to `normalise` knows the gift id. */
  inCatalogue: boolean;
  sender: string | undefined;
  senderUniqueId: string | undefined;
  senderNickname: string | undefined;
  receiver: string | undefined;
  groupId: string | undefined;
  /** When the message was created (ms since the epoch), if the event says. */
  createTime: number | undefined;
}

/**
 * Counts TikTok LIVE gift events from the `tiktok-live-connector` client exactly once each: duplicate
 * messages (same `msgId`) are dropped, streak updates of streakable gifts (`giftType` 1 with `repeatEnd`
 * false) are skipped, the streak's end counts with its final `repeatCount`, and every other gift counts at
 * once. Coins = `diamondCount × repeatCount`. Reads the v1 flat event and the v2 raw message shapes.
 *
 * @throws EconomyError `INVALID_EVENT` naming the event and the field.
 * @example
 * ```ts
 * import { countLiveGifts } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const rose = { giftId: 5655, giftType: 1, diamondCount: 1, receiverUserId: 'host', groupId: 'g1' };
 * const tally = countLiveGifts(tiktok, [
 *   { ...rose, msgId: '1', repeatCount: 1, repeatEnd: false },
 *   { ...rose, msgId: '2', repeatCount: 2, repeatEnd: false },
 *   { ...rose, msgId: '3', repeatCount: 2, repeatEnd: true },
 *   { ...rose, msgId: '3', repeatCount: 2, repeatEnd: true },
 * ]);
 * console.log(tally.totalCoins, tally.duplicates, tally.streakUpdatesSkipped); // 2 1 2
 * ```
 * @category Live streams
 */
export function countLiveGifts(table: RateTable, events: Iterable<unknown>, options: LiveGiftOptions = {}): LiveGiftTally {
  const counter = liveGiftCounter(table, options);
  if (typeof (events as Iterable<unknown> | null)?.[Symbol.iterator] !== 'function') {
    throw new EconomyError('INVALID_EVENT', `events must be an iterable of gift events, got ${describeValue(events)}`);
  }
  for (const event of events) counter.push(event);
  return counter.tally();
}

/**
 * An incremental {@link countLiveGifts}: push events as they arrive; `push` returns the gift when it counts.
 * @example
 * ```ts
 * import { type LiveGiftCounter, liveGiftCounter } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const counter: LiveGiftCounter = liveGiftCounter(tiktok, { defaultReceiver: 'host' });
 * counter.push({ msgId: '1', giftId: 6369, diamondCount: 29999, giftType: 2 });
 * console.log(counter.tally().totalCoins); // 29999
 * ```
 * @category Live streams
 */
export interface LiveGiftCounter {
  push(event: unknown): CountedLiveGift | undefined;
  tally(): LiveGiftTally;
}

/**
 * The incremental form of {@link countLiveGifts}, for a live connection: `push` each `gift` event.
 *
 * @example
 * ```ts
 * import { liveGiftCounter } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const counter = liveGiftCounter(tiktok, { defaultReceiver: 'host' });
 * const lion = counter.push({ msgId: '9', giftId: 6369, giftType: 2, diamondCount: 29999, repeatCount: 1, repeatEnd: false });
 * console.log(lion?.coins, lion?.receiver); // 29999 host
 * ```
 * @category Live streams
 */
export function liveGiftCounter(table: RateTable, options: LiveGiftOptions = {}): LiveGiftCounter {
  assertRateTable(table);
  assertObject(options, 'options { defaultReceiver?, dedupeWindow?, keepCounted? }');
  const window = options.dedupeWindow ?? 100_000;
  if (!Number.isSafeInteger(window) || window < 1) {
    throw new EconomyError('INVALID_ARGUMENT', `dedupeWindow must be a whole number ≥ 1, got ${describeValue(window)}`, {
      path: ['dedupeWindow'],
    });
  }
  const seen = new Set<string>();
  const open = new Set<string>();
  const counted: CountedLiveGift[] = [];
  const coinsByReceiver = new Map<string, number>();
  const unknownGifts = new Map<string, number>();
  let events = 0;
  let duplicates = 0;
  let streakUpdatesSkipped = 0;
  let totalCoins = 0;

  return {
    push(raw: unknown): CountedLiveGift | undefined {
      const index = events;
      const event = normalise(raw, index, (id) => table.gift(id));
      events++;
      if (event.msgId !== undefined) {
        if (seen.has(event.msgId)) {
          duplicates++;
          return undefined;
        }
        seen.add(event.msgId);
        if (seen.size > window) seen.delete(seen.values().next().value as string);
      }
      const streakKey = `${event.sender ?? ''}/${event.groupId ?? ''}/${event.giftId}`;
      if (event.giftType === 1 && !event.repeatEnd) {
        streakUpdatesSkipped++;
        open.add(streakKey);
        return undefined;
      }
      open.delete(streakKey);
      const receiver = event.receiver ?? options.defaultReceiver;
      if (receiver === undefined) {
        throw new EconomyError(
          'INVALID_EVENT',
          `event ${index} names no receiver (receiverUserId); pass defaultReceiver for the room's host`,
          {
            path: [index, 'receiverUserId'],
          },
        );
      }
      const coins = event.giftCoins * event.repeatCount;
      const inCatalogue = event.inCatalogue;
      if (!inCatalogue) unknownGifts.set(event.giftId, (unknownGifts.get(event.giftId) ?? 0) + 1);
      totalCoins += coins;
      if (!Number.isSafeInteger(totalCoins))
        throw new EconomyError('QUANTITY_OVERFLOW', `the coin total passes ${Number.MAX_SAFE_INTEGER}`);
      coinsByReceiver.set(receiver, (coinsByReceiver.get(receiver) ?? 0) + coins);
      const gift = Object.freeze({
        msgId: event.msgId,
        giftId: event.giftId,
        giftName: event.giftName,
        sender: event.sender,
        receiver,
        repeatCount: event.repeatCount,
        giftCoins: event.giftCoins,
        coins,
        inCatalogue,
      });
      if (options.keepCounted !== false) counted.push(gift);
      return gift;
    },
    tally(): LiveGiftTally {
      return Object.freeze({
        events,
        duplicates,
        streakUpdatesSkipped,
        counted: Object.freeze([...counted]),
        keptCounted: options.keepCounted !== false,
        coinsByReceiver: new Map(coinsByReceiver),
        totalCoins,
        unknownGifts: new Map(unknownGifts),
        openStreaks: open.size,
      });
    },
  };
}

/**
 * The counted gifts as settlement events (receiver → creator), ready for `settle`.
 *
 * @example
 * ```ts
 * import { countLiveGifts, liveGiftsToEvents, settle } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const tally = countLiveGifts(tiktok, [{ msgId: '1', giftId: 5655, giftType: 1, diamondCount: 1, repeatCount: 3, repeatEnd: true, receiverUserId: 'host' }]);
 * console.log(settle(tiktok, liveGiftsToEvents(tally)).totals.coins); // 3
 * ```
 * @category Live streams
 */
export function liveGiftsToEvents(tally: LiveGiftTally): GiftEvent[] {
  assertObject(tally, 'a tally from countLiveGifts or liveGiftCounter().tally()');
  if (!Array.isArray(tally.counted)) throw new EconomyError('INVALID_ARGUMENT', 'a tally must have its counted gifts (an array)');
  // no silent zero: a tally that did not keep its gifts cannot be settled from them
  if (tally.keptCounted === false && tally.totalCoins > 0) {
    throw new EconomyError(
      'INVALID_ARGUMENT',
      `this tally was counted with keepCounted: false, so its ${tally.totalCoins} coins of gifts were not kept; count with keepCounted: true, or use liveGifts for running totals`,
    );
  }
  return tally.counted.map((gift) => ({ creatorId: gift.receiver, giftCoins: gift.giftCoins, repeatCount: gift.repeatCount }));
}

/** @internal Reads a gift event of any shape the connector emits (v1 flat, v2 raw messages). */
export function normalise(
  raw: unknown,
  index: number,
  catalogue?: (giftId: string) => { readonly coins: number; readonly streakable?: boolean | undefined } | undefined,
): Normalised {
  if (typeof raw !== 'object' || raw === null) {
    throw new EconomyError('INVALID_EVENT', `event ${index} must be a gift event object, got ${describeValue(raw)}`, { path: [index] });
  }
  const event = raw as Record<string, unknown>;
  const common = record(event.common);
  // v2 raw messages carry the gift as `giftDetails` (2.0–2.2) or `gift` (2.3+, v3 protobuf); v1 is flat.
  const details =
    record(event.giftDetails) ??
    (typeof event.gift === 'object' && event.gift !== null && 'diamondCount' in event.gift ? record(event.gift) : undefined);
  const giftId = event.giftId ?? details?.id;
  if (!isId(giftId)) refuse(index, 'giftId', giftId, 'a gift id (a number or a string)');
  const giftKey = String(giftId);
  // the price and type travel with the gift; an event that lost them (the connector's legacy flattening of a
  // v3 message) takes the table's catalogue price and streakable flag for that gift id
  const known = catalogue?.(giftKey);
  const giftCoins = event.diamondCount ?? details?.diamondCount ?? known?.coins;
  if (!isCount(giftCoins)) refuse(index, 'diamondCount', giftCoins, 'a whole number of coins ≥ 0 (or a gift id the table knows)');
  const repeatCount = event.repeatCount ?? 1;
  if (!isCount(repeatCount) || repeatCount < 1) refuse(index, 'repeatCount', repeatCount, 'a whole number ≥ 1');
  const giftType =
    event.giftType ??
    details?.giftType ??
    details?.type ??
    record(event.gift)?.gift_type ??
    (known?.streakable === undefined ? 0 : known.streakable ? 1 : 2);
  if (typeof giftType !== 'number' || !Number.isInteger(giftType)) refuse(index, 'giftType', giftType, 'an integer');
  const repeatEnd = event.repeatEnd;
  if (!(repeatEnd === undefined || typeof repeatEnd === 'boolean' || repeatEnd === 0 || repeatEnd === 1)) {
    refuse(index, 'repeatEnd', repeatEnd, 'true, false, 0 or 1');
  }
  const msgId = present(event.msgId ?? common?.msgId);
  if (!(msgId === undefined || isId(msgId))) refuse(index, 'msgId', msgId, 'a message id');
  const toUser = record(event.toUser);
  const receiver = present(
    event.receiverUserId ??
      record(event.giftExtra)?.toUserId ??
      record(event.monitorInfo)?.toUserId ??
      present(toUser?.userId) ??
      present(toUser?.id) ??
      present(toUser?.idStr) ??
      event.toMemberId,
  );
  if (!(receiver === undefined || isId(receiver))) refuse(index, 'receiverUserId', receiver, 'a user id');
  // v1 flat: userId, uniqueId, nickname; v2: user.userId, user.uniqueId; v3 (2.3+): user.id, user.displayId
  const user = record(event.user);
  const sender = present(
    event.userId ??
      present(user?.userId) ??
      present(user?.id) ??
      present(user?.idStr) ??
      event.uniqueId ??
      user?.uniqueId ??
      user?.displayId,
  );
  const uniqueId = present(event.uniqueId ?? user?.uniqueId ?? user?.displayId);
  const nickname = event.nickname ?? user?.nickname;
  const time = event.createTime ?? common?.createTime ?? event.timestamp;
  const created = typeof time === 'number' ? time : typeof time === 'string' || typeof time === 'bigint' ? Number(time) : Number.NaN;
  const name = event.giftName ?? details?.giftName ?? details?.name;
  return {
    msgId: msgId === undefined ? undefined : String(msgId),
    giftId: giftKey,
    giftName: typeof name === 'string' ? name : undefined,
    giftType,
    repeatCount,
    repeatEnd: repeatEnd === true || repeatEnd === 1,
    giftCoins,
    inCatalogue: known !== undefined,
    sender: typeof sender === 'string' || typeof sender === 'number' || typeof sender === 'bigint' ? String(sender) : undefined,
    senderUniqueId: typeof uniqueId === 'string' ? uniqueId : undefined,
    senderNickname: typeof nickname === 'string' ? nickname : undefined,
    createTime: Number.isSafeInteger(created) ? created : undefined,
    receiver: receiver === undefined ? undefined : String(receiver),
    groupId: event.groupId === undefined ? undefined : String(event.groupId),
  };
}

function refuse(index: number, name: string, value: unknown, allowed: string): never {
  throw new EconomyError('INVALID_EVENT', `event ${index}: ${name} must be ${allowed}, got ${describeValue(value)}`, {
    path: [index, name],
  });
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isId(value: unknown): value is string | number | bigint {
  return (
    (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isSafeInteger(value)) || typeof value === 'bigint'
  );
}

/** Protobuf leaves unset ids as "0": that is no id. */
function present(value: unknown): unknown {
  return value === '0' || value === 0 || value === '' ? undefined : value;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}
