import { type Refusal, refusal } from '../availability/check.js';
import { describeValue, EconomyError } from '../errors.js';
import { allocateMinor } from '../money/allocate.js';
import { wholeCount } from '../quantity/quantity.js';
import { assertRateTable, type RateTable } from '../table/compile.js';
import { seededRandom } from './random.js';

/**
 * How a chest's coins were shared: each claimant's coins, and what went back to whoever dropped it.
 * @example
 * ```ts
 * import { type ChestSplit, chestSplit } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const split = chestSplit(tiktok, { coins: 100, claimants: 3, viewers: ['ann', 'bo'], seed: 7 });
 * const answer: ChestSplit | undefined = split.ok ? split : undefined;
 * console.log(answer?.shares.reduce((sum, share) => sum + share.coins, 0)); // 100
 * ```
 * @category Ledger
 */
export interface ChestSplit {
  readonly ok: true;
  readonly coins: number;
  /** The claimants' coins, in the order they claimed (at most `claimants` of them, each once). */
  readonly shares: readonly { readonly viewer: string; readonly coins: number }[];
  /** Coins back to the viewer who dropped the chest (all of them when nobody claimed). */
  readonly returned: number;
  readonly split: 'even' | 'random';
}

/**
 * The refusal for a chest the table's limits forbid (coins, claimants, countdown), or `undefined`.
 * @internal The one chest-limit rule of `chestSplit` and the ledger.
 */
export function chestRefusal(table: RateTable, coins: number, claimants: number, countdownSeconds?: number): Refusal | undefined {
  const limits = table.document.chests;
  if (!limits) return refusal('FEATURE_OFF', `${table.ref} has no chests`, []);
  if (coins < 1 || claimants < 1) return refusal('NOT_ENOUGH', 'a chest needs at least one coin and one claimant', []);
  if (limits.minCoins !== undefined && coins < limits.minCoins)
    return refusal('NOT_ENOUGH', `a chest holds at least ${limits.minCoins} coins`, []);
  if (limits.maxCoins !== undefined && coins > limits.maxCoins)
    return refusal('NOT_ENOUGH', `a chest holds at most ${limits.maxCoins} coins`, []);
  if (limits.maxClaimants !== undefined && claimants > limits.maxClaimants) {
    return refusal('NOT_ENOUGH', `a chest has at most ${limits.maxClaimants} claimants`, []);
  }
  if (countdownSeconds !== undefined) {
    if (limits.minCountdownSeconds !== undefined && countdownSeconds < limits.minCountdownSeconds) {
      return refusal('NOT_ENOUGH', `a chest's countdown is at least ${limits.minCountdownSeconds} seconds`, []);
    }
    if (limits.maxCountdownSeconds !== undefined && countdownSeconds > limits.maxCountdownSeconds) {
      return refusal('NOT_ENOUGH', `a chest's countdown is at most ${limits.maxCountdownSeconds} seconds`, []);
    }
  }
  return undefined;
}

/**
 * How a treasure chest of `coins` shares out among the viewers who claim it: each viewer once, at most
 * `claimants` of them, in claim order; evenly or at random by the table's rule (random weights from `seed`, so
 * the same seed gives the same split), every coin accounted for exactly (largest remainders). Nobody claiming
 * returns every coin. The ledger's `chest-claim` posts exactly this split.
 *
 * @throws EconomyError `INVALID_QUANTITY`, `INVALID_ARGUMENT`
 * @example
 * ```ts
 * import { chestSplit } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const split = chestSplit(tiktok, { coins: 1000, claimants: 2, viewers: ['ann', 'bo', 'cy'], seed: 1 });
 * if (split.ok) console.log(split.shares.map((share) => share.viewer), split.returned); // [ 'ann', 'bo' ] 0
 * ```
 * @category Ledger
 */
export function chestSplit(
  table: RateTable,
  query: {
    readonly coins: number;
    readonly claimants: number;
    readonly viewers: readonly string[];
    readonly seed?: number;
    readonly countdownSeconds?: number;
  },
): ChestSplit | Refusal {
  const compiled = assertRateTable(table);
  if (typeof query !== 'object' || query === null) {
    throw new EconomyError('INVALID_ARGUMENT', `expected { coins, claimants, viewers, seed? }, got ${describeValue(query)}`);
  }
  const coins = wholeCount(query.coins, 'coins', ['coins']);
  const claimants = wholeCount(query.claimants, 'claimants', ['claimants']);
  const countdown =
    query.countdownSeconds === undefined ? undefined : wholeCount(query.countdownSeconds, 'countdownSeconds', ['countdownSeconds']);
  const viewers = query.viewers;
  if (!Array.isArray(viewers) || viewers.length > 100_000 || viewers.some((viewer) => typeof viewer !== 'string' || viewer === '')) {
    throw new EconomyError('INVALID_ARGUMENT', `viewers must be an array of viewer ids, got ${describeValue(viewers)}`, {
      path: ['viewers'],
    });
  }
  const seed = query.seed ?? 0;
  if (!Number.isSafeInteger(seed))
    throw new EconomyError('INVALID_ARGUMENT', `seed must be a safe integer, got ${describeValue(seed)}`, { path: ['seed'] });
  const refused = chestRefusal(compiled, coins, claimants, countdown);
  if (refused) return refused;
  return splitCoins(compiled, coins, claimants, viewers, seed);
}

/** @internal The split itself, on checked input. */
export function splitCoins(table: RateTable, coins: number, claimants: number, viewers: readonly string[], seed: number): ChestSplit {
  const split = table.document.chests?.split ?? 'random';
  const claiming = [...new Set(viewers)].slice(0, claimants);
  if (claiming.length === 0) return Object.freeze({ ok: true, coins, shares: Object.freeze([]), returned: coins, split });
  const random = seededRandom(seed);
  const weights = claiming.map(() => BigInt(split === 'even' ? 1 : random.int(1, 1000)));
  const amounts = allocateMinor(BigInt(coins), weights);
  const shares = claiming.map((viewer, index) => Object.freeze({ viewer, coins: Number(amounts[index]) }));
  return Object.freeze({ ok: true, coins, shares: Object.freeze(shares), returned: 0, split });
}
