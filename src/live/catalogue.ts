import { describeValue, EconomyError } from '../errors.js';
import { assertRateTable, type RateTable } from '../table/compile.js';
import type { GiftDocument } from '../table/schema.js';

/**
 * One gift of a live client's available-gifts list, as tiktok-live-connector's `getAvailableGifts()` returns
 * them (`diamond_count` in v1, `diamondCount` in v2; the coin price of one gift).
 * @example
 * ```ts
 * import type { CatalogueGift } from 'gift-economy';
 * const lion: CatalogueGift = { id: 6369, name: 'Lion', diamond_count: 29999, type: 2 };
 * console.log(lion.name); // Lion
 * ```
 * @category Live streams
 */
export interface CatalogueGift {
  readonly id: number | string;
  readonly name: string;
  readonly diamond_count?: number;
  readonly diamondCount?: number;
  readonly type?: number;
}

/**
 * How a live client's gift list differs from a table's gifts: prices changed, gifts added or removed, ids
 * reissued (a name now under another id).
 * @example
 * ```ts
 * import { giftCatalogueDrift } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const drift = giftCatalogueDrift(tiktok, [{ id: 6369, name: 'Lion', diamond_count: 34999 }]);
 * console.log(drift.priceChanges); // [ { id: '6369', name: 'Lion', from: 29999, to: 34999 } ]
 * ```
 * @category Live streams
 */
export interface CatalogueDrift {
  readonly priceChanges: readonly { readonly id: string; readonly name: string; readonly from: number; readonly to: number }[];
  readonly added: readonly { readonly id: string; readonly name: string; readonly coins: number }[];
  /** Table gifts missing from the list (a partial list, e.g. one room's, also misses some). */
  readonly removed: readonly { readonly id: string; readonly name: string }[];
  readonly reissued: readonly { readonly name: string; readonly tableId: string; readonly listId: string }[];
  readonly unchanged: number;
}

/** Reads the list, every entry checked: a clear error names the entry and the field. */
function readList(list: unknown): { id: string; name: string; coins: number; streakable: boolean | undefined }[] {
  const entries = Array.isArray(list)
    ? list
    : Array.isArray((list as { gifts?: unknown } | null)?.gifts)
      ? (list as { gifts: unknown[] }).gifts
      : undefined;
  if (!entries) throw new EconomyError('INVALID_ARGUMENT', `expected an array of gifts (or { gifts: [...] }), got ${describeValue(list)}`);
  return entries.map((entry: unknown, index: number) => {
    const gift = entry as Record<string, unknown> | null;
    if (typeof gift !== 'object' || gift === null)
      throw new EconomyError('INVALID_ARGUMENT', `gift ${index} must be an object, got ${describeValue(entry)}`, { path: [index] });
    const id = gift.id;
    const name = gift.name;
    const coins = gift.diamond_count ?? gift.diamondCount;
    if (!((typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) || (typeof id === 'string' && id !== ''))) {
      throw new EconomyError('INVALID_ARGUMENT', `gift ${index}: id must be a gift id, got ${describeValue(id)}`, { path: [index, 'id'] });
    }
    if (typeof name !== 'string' || name === '')
      throw new EconomyError('INVALID_ARGUMENT', `gift ${index}: name must be a non-empty string`, { path: [index, 'name'] });
    if (typeof coins !== 'number' || !Number.isSafeInteger(coins) || coins < 0) {
      throw new EconomyError(
        'INVALID_ARGUMENT',
        `gift ${index}: diamond_count must be a whole number of coins, got ${describeValue(coins)}`,
        {
          path: [index, 'diamond_count'],
        },
      );
    }
    const type = gift.type ?? gift.giftType;
    return { id: String(id), name, coins, streakable: typeof type === 'number' ? type === 1 : undefined };
  });
}

/**
 * Compares a live client's available-gifts list (saved as JSON) with a table's gifts: price changes, gifts
 * added or removed, ids reissued. Gifts are matched by id; a name found under another id is a reissue.
 *
 * @example
 * ```ts
 * import { giftCatalogueDrift } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const drift = giftCatalogueDrift(tiktok, [{ id: 9999, name: 'Comet', diamond_count: 7 }]);
 * console.log(drift.added, drift.removed.length > 50); // [ { id: '9999', name: 'Comet', coins: 7 } ] true
 * ```
 * @category Live streams
 */
export function giftCatalogueDrift(table: RateTable, list: unknown): CatalogueDrift {
  const compiled = assertRateTable(table);
  const gifts = readList(list);
  const byId = new Map(compiled.document.gifts.map((gift) => [gift.id, gift]));
  const byName = new Map(compiled.document.gifts.map((gift) => [gift.name.toLowerCase(), gift]));
  const listed = new Set(gifts.map((gift) => gift.id));
  const priceChanges: CatalogueDrift['priceChanges'][number][] = [];
  const added: CatalogueDrift['added'][number][] = [];
  const reissued: CatalogueDrift['reissued'][number][] = [];
  let unchanged = 0;
  for (const gift of gifts) {
    const known = byId.get(gift.id);
    if (known) {
      if (known.coins !== gift.coins) priceChanges.push({ id: gift.id, name: gift.name, from: known.coins, to: gift.coins });
      else unchanged++;
      continue;
    }
    const sameName = byName.get(gift.name.toLowerCase());
    if (sameName && !listed.has(sameName.id)) reissued.push({ name: gift.name, tableId: sameName.id, listId: gift.id });
    else added.push({ id: gift.id, name: gift.name, coins: gift.coins });
  }
  const reissuedIds = new Set(reissued.map((r) => r.tableId));
  const removed = compiled.document.gifts
    .filter((gift) => !listed.has(gift.id) && !reissuedIds.has(gift.id))
    .map((gift) => ({ id: gift.id, name: gift.name }));
  return Object.freeze({ priceChanges, added, removed, reissued, unchanged });
}

/**
 * A dated overlay that makes a table's gifts the live client's list (prices, names and ids as listed; the
 * table's other gift facts kept where the id matches), each gift citing `source`. Apply with `applyOverlay`.
 *
 * @example
 * ```ts
 * import { applyOverlay, giftCatalogueOverlay } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const overlay = giftCatalogueOverlay(tiktok, [{ id: 6369, name: 'Lion', diamond_count: 34999 }], { version: '2026-11-26+gifts', source: 'tiktok-live-gifts' });
 * console.log(applyOverlay(tiktok, overlay).gift('6369')?.coins); // 34999
 * ```
 * @category Live streams
 */
export function giftCatalogueOverlay(
  table: RateTable,
  list: unknown,
  options: { readonly version: string; readonly source: string },
): { version: string; gifts: GiftDocument[] } {
  const compiled = assertRateTable(table);
  if (typeof options !== 'object' || options === null || typeof options.version !== 'string' || typeof options.source !== 'string') {
    throw new EconomyError('INVALID_ARGUMENT', 'options must be { version, source } (the source key of where the list came from)');
  }
  const gifts = readList(list).map((gift) => {
    const known = compiled.document.gifts.find((candidate) => candidate.id === gift.id);
    // keep what the table knows about a matching gift, but not its old provenance: the list is the source now
    const { source: _source, derived: _derived, ...kept } = known ?? ({} as Partial<GiftDocument>);
    return {
      ...kept,
      id: gift.id,
      name: gift.name,
      coins: gift.coins,
      ...(gift.streakable === undefined ? {} : { streakable: gift.streakable }),
      source: options.source,
    } as GiftDocument;
  });
  return { version: options.version, gifts };
}
