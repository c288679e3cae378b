import { readChannel, readRegion } from '../availability/check.js';
import { assertObject, describeValue, EconomyError } from '../errors.js';
import { wholeCount } from '../quantity/quantity.js';
import { assertRateTable, type RateTable } from '../table/compile.js';
import type { LedgerEvent } from './ledger.js';
import { seededRandom } from './random.js';

/**
 * The audience to simulate. Weights are whole numbers (relative frequencies).
 * @example
 * ```ts
 * import { type AudienceOptions, simulateAudience } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const options: AudienceOptions = { seed: 3, viewers: 5, creators: 1, gifts: 10, channels: { web: 1 }, region: 'US' };
 * console.log(simulateAudience(tiktok, options).some((event) => event.type === 'purchase')); // true
 * ```
 * @category Settlement and modelling
 */
export interface AudienceOptions {
  /** The seed: the same seed gives the same events in any runtime. */
  readonly seed: number;
  readonly viewers: number;
  readonly creators: number;
  /** Gift events to generate (purchases are added as viewers run out of coins). */
  readonly gifts: number;
  /** Purchase channels and their weights, e.g. `{ ios: 3, web: 1 }`. */
  readonly channels: Readonly<Record<string, number>>;
  readonly region: string;
  /** Gift ids and their weights (default: every gift of the table, cheaper gifts more often). */
  readonly giftWeights?: Readonly<Record<string, number>>;
}

/**
 * A seeded audience: viewers who buy coins on a mix of channels and send gifts to creators, as ledger events
 * ready for {@link runScenario}, {@link compareScenarios} or a {@link Ledger}.
 *
 * @example
 * ```ts
 * import { simulateAudience } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const events = simulateAudience(tiktok, { seed: 7, viewers: 10, creators: 2, gifts: 50, channels: { ios: 1, web: 1 }, region: 'US' });
 * console.log(events.filter((e) => e.type === 'gift').length); // 50
 * ```
 * @category Settlement and modelling
 */
export function simulateAudience(table: RateTable, options: AudienceOptions): LedgerEvent[] {
  const compiled = assertRateTable(table);
  assertObject(options, 'options { seed, viewers, creators, gifts, channels, region, giftWeights? }');
  // counts are read once and checked, so that a gift count of Infinity or 1.5 is an error, not a hang
  const gifts = wholeCount(options.gifts, 'gifts', ['gifts']);
  const viewers = wholeCount(options.viewers, 'viewers', ['viewers']);
  const creators = wholeCount(options.creators, 'creators', ['creators']);
  if (gifts > 10_000_000) throw new EconomyError('INVALID_QUANTITY', `gifts must be at most 10,000,000, got ${gifts}`, { path: ['gifts'] });
  if (viewers < 1 || creators < 1)
    throw new EconomyError('INVALID_QUANTITY', 'viewers and creators must be at least 1', { path: ['viewers'] });
  assertObject(options.channels, 'channels as weights, e.g. { ios: 3, web: 1 }');
  for (const [channel, weight] of Object.entries(options.channels)) {
    readChannel(compiled, channel);
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new EconomyError('INVALID_ARGUMENT', `channel weight must be a finite number ≥ 0, got ${describeValue(weight)}`, {
        path: ['channels', channel],
      });
    }
  }
  readRegion(options.region);
  const random = seededRandom(options.seed);
  const pick = <T extends string>(weights: Readonly<Record<T, number>>): T => {
    const entries = Object.entries(weights) as [T, number][];
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = random.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return (entries.at(-1) as [T, number])[0];
  };
  const giftWeights =
    options.giftWeights ??
    Object.fromEntries(compiled.gifts.map((gift) => [gift.id, Math.max(1, Math.ceil(1000 / Math.sqrt(gift.coins)))]));
  const held = new Map<string, number>();
  const events: LedgerEvent[] = [];
  for (let i = 0; i < gifts; i++) {
    const viewer = `viewer-${random.int(1, viewers)}`;
    const creator = `creator-${random.int(1, creators)}`;
    const gift = compiled.gift(pick(giftWeights));
    if (!gift) continue;
    const count = gift.streakable ? random.int(1, 10) : 1;
    const needed = gift.coins * count;
    if ((held.get(viewer) ?? 0) < needed) {
      const channel = pick(options.channels);
      const offers = compiled.offers(channel, compiled.document.regions.default.currency, options.region);
      const plan = offers?.planner.plan(needed);
      events.push({ type: 'purchase', id: `purchase-${i}`, viewer, coins: needed, channel, region: options.region });
      held.set(viewer, (held.get(viewer) ?? 0) + (plan?.coins ?? needed));
    }
    events.push({ type: 'gift', id: `gift-${i}`, viewer, creator, gift: gift.id, count });
    held.set(viewer, (held.get(viewer) ?? 0) - needed);
  }
  return events;
}
