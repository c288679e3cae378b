import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeEvents } from '../../../shared/bench-workloads/events.mjs';
import { applyOverlay, type GiftEvent, mergeSettlements, parseRateTable, settle } from '../../src/index.js';
import { tiktok, tiktokDocument } from '../../src/presets/tiktok.js';
import { expectEconomyError } from '../helpers.js';

// The workload's rule (../shared/bench-workloads/README.md): 0.5 diamond per coin floored; USD 0.005 per
// diamond, half-even to cents.
type Scope = 'per-gift' | 'per-event' | 'per-settlement';
const rule = (scope: Scope) =>
  parseRateTable({ ...tiktokDocument, version: `bench-${scope}`, creatorShare: { diamondsPerCoin: '0.5', rounding: 'floor', scope } });
const perSettlement = rule('per-settlement');
const perGift = rule('per-gift');
const perEvent = rule('per-event');

/**
 * An independent reference in BigInt: per creator sums of coins and of floored diamonds (per single gift:
 * floor(giftCoins / 2) × repeat; per event: floor(giftCoins × repeat / 2)), one half-even rounding each.
 */
function reference(events: readonly GiftEvent[], scope: Scope) {
  const coins = new Map<string | number, bigint>();
  const diamonds = new Map<string | number, bigint>();
  for (const event of events) {
    const c = BigInt(event.giftCoins) * BigInt(event.repeatCount ?? 1);
    coins.set(event.creatorId, (coins.get(event.creatorId) ?? 0n) + c);
    const floored = scope === 'per-gift' ? (BigInt(event.giftCoins) / 2n) * BigInt(event.repeatCount ?? 1) : c / 2n;
    diamonds.set(event.creatorId, (diamonds.get(event.creatorId) ?? 0n) + floored);
  }
  let cents = 0n;
  let totalDiamonds = 0n;
  for (const [id, c] of coins) {
    const d = scope === 'per-settlement' ? c / 2n : (diamonds.get(id) as bigint);
    totalDiamonds += d;
    const halfCents = d * 5n; // tenths of a cent
    let q = halfCents / 10n;
    const r = halfCents % 10n;
    if (r > 5n || (r === 5n && q % 2n === 1n)) q += 1n;
    cents += q;
  }
  return { cents, diamonds: totalDiamonds };
}

describe('settle the benchmark workload (1,000,000 events, seed 20240611)', () => {
  const { objects, columns } = makeEvents(1_000_000);

  it('per settlement: USD 2,398,707.52, as the workload README gives', () => {
    const fromObjects = settle(perSettlement, objects);
    expect(fromObjects.totals.value.toString()).toBe('2398707.52 USD');
    expect(fromObjects.events).toBe(1_000_000);
    expect(fromObjects.creators).toHaveLength(1000);
    expect(settle(perSettlement, columns).totals.value.toString()).toBe('2398707.52 USD');
  });

  it('per event: 170,105 fewer diamonds (the README\'s "per gift event"), per single gift: 1,872,685 fewer; both equal a BigInt reference', () => {
    const whole = settle(perSettlement, objects);
    const events = settle(perEvent, objects);
    expect(whole.totals.diamonds - events.totals.diamonds).toBe(170_105);
    const gifts = settle(perGift, objects);
    // every odd-priced gift loses half a diamond on each single gift of a streak
    expect(whole.totals.diamonds - gifts.totals.diamonds).toBe(1_872_685);
    for (const [table, scope] of [
      [perEvent, 'per-event'],
      [perGift, 'per-gift'],
    ] as const) {
      const settled = settle(table, objects);
      const expected = reference(objects, scope);
      expect(settled.totals.value.toMinor()).toBe(expected.cents);
      expect(BigInt(settled.totals.diamonds)).toBe(expected.diamonds);
      expect(settle(table, columns).totals.value.equals(settled.totals.value)).toBe(true);
      expect(settle(table, columns).totals.diamonds).toBe(settled.totals.diamonds);
    }
  });
});

describe('settle', () => {
  it('settles by hand: 29,999 + 5 × 1 coins for one host, 1,000 for a guest (TikTok preset)', () => {
    const result = settle(tiktok, [
      { creatorId: 'host', giftCoins: 29_999 },
      { creatorId: 'host', giftCoins: 1, repeatCount: 5 },
      { creatorId: 'guest', giftCoins: 1000 },
    ]);
    // host: 30,004 coins = 30,004 diamonds × 0.005 = 150.02; guest 1,000 × 0.005 = 5.00
    expect(result.creators.map((c) => [c.creatorId, c.coins, c.diamonds, c.value.toString()])).toEqual([
      ['host', 30_004, 30_004, '150.02 USD'],
      ['guest', 1000, 1000, '5.00 USD'],
    ]);
    expect(result.totals.value.toString()).toBe('155.02 USD');
    expect(JSON.parse(JSON.stringify(result.creators[0]))).toEqual({
      creatorId: 'host',
      coins: 30_004,
      diamonds: 30_004,
      value: { amount: '150.02', currency: 'USD' },
    });
  });

  it('takes iterables and async iterables, in constant memory', async () => {
    function* stream() {
      for (let i = 0; i < 10_000; i++) yield { creatorId: i % 7, giftCoins: 3, repeatCount: 2 };
    }
    async function* asyncStream() {
      yield* stream();
    }
    const sync = settle(perSettlement, stream());
    const later = await settle(perSettlement, asyncStream());
    expect(later.totals).toEqual(sync.totals);
    expect(sync.totals.coins).toBe(60_000);
  });

  it('refuses bad events with the index and changes nothing', () => {
    const bad: unknown[] = [
      { creatorId: 1, giftCoins: 1.5 },
      { creatorId: 1, giftCoins: -1 },
      { creatorId: 1, giftCoins: Number.NaN },
      { creatorId: 1, giftCoins: '5' },
      { creatorId: 1, giftCoins: 2 ** 53 + 2, repeatCount: 0 },
      { creatorId: 1, giftCoins: 1, repeatCount: Number.POSITIVE_INFINITY },
      { creatorId: {}, giftCoins: 1 },
      { creatorId: '', giftCoins: 1 },
      null,
    ];
    for (const event of bad) {
      const error = expectEconomyError(
        () => settle(tiktok, [{ creatorId: 1, giftCoins: 1 }, event as GiftEvent]),
        'INVALID_EVENT',
        /event 1/,
      );
      expect(error.path[0]).toBe(1);
    }
    expectEconomyError(() => settle(tiktok, 42 as never), 'INVALID_EVENT');
    expectEconomyError(
      () =>
        settle(tiktok, [
          { creatorId: 1, giftCoins: 2 ** 52 },
          { creatorId: 1, giftCoins: 2 ** 52 },
        ]),
      'QUANTITY_OVERFLOW',
    );
  });

  it('scopes by hand: a streak of 5 Roses and one Lion, 0.5 diamond per coin, floored', () => {
    const events = [
      { creatorId: 'c', giftCoins: 1, repeatCount: 5 },
      { creatorId: 'c', giftCoins: 29_999, repeatCount: 1 },
    ];
    // per gift: 5 × floor(0.5) + floor(14,999.5) = 0 + 14,999
    expect(settle(perGift, events).totals.diamonds).toBe(14_999);
    // per event: floor(2.5) + floor(14,999.5) = 2 + 14,999
    expect(settle(perEvent, events).totals.diamonds).toBe(15_001);
    // per settlement: floor(30,004 × 0.5) = 15,002
    expect(settle(perSettlement, events).totals.diamonds).toBe(15_002);
  });

  it('with floor, per settlement ≥ per event ≥ per gift, on any events', () => {
    const event = fc.record({
      creatorId: fc.integer({ min: 0, max: 5 }),
      giftCoins: fc.integer({ min: 0, max: 45_000 }),
      repeatCount: fc.integer({ min: 1, max: 99 }),
    });
    fc.assert(
      fc.property(fc.array(event), (events) => {
        const [g, e, s] = [perGift, perEvent, perSettlement].map((table) => settle(table, events).totals.diamonds) as [
          number,
          number,
          number,
        ];
        expect(s).toBeGreaterThanOrEqual(e);
        expect(e).toBeGreaterThanOrEqual(g);
      }),
    );
  });

  it('merges: settling a then b and merging equals settling a ++ b (every scope)', () => {
    const event = fc.record({
      creatorId: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom('alice', 'bob', '7000000000000000001')),
      giftCoins: fc.integer({ min: 0, max: 45_000 }),
      repeatCount: fc.integer({ min: 1, max: 10 }),
    });
    fc.assert(
      fc.property(fc.array(event), fc.array(event), fc.constantFrom(perSettlement, perEvent, perGift), (a, b, table) => {
        const whole = settle(table, [...a, ...b]);
        const merged = mergeSettlements(table, [settle(table, a), JSON.parse(JSON.stringify(settle(table, b)))]);
        expect(merged.totals.value.equals(whole.totals.value)).toBe(true);
        expect(merged.totals.diamonds).toBe(whole.totals.diamonds);
        expect(merged.events).toBe(whole.events);
        const byId = (s: typeof whole) => new Map(s.creators.map((c) => [c.creatorId, [c.coins, c.diamonds, c.value.toString()]]));
        expect(byId(merged)).toEqual(byId(whole));
        const ref = reference([...a, ...b], table.document.creatorShare.scope);
        expect(whole.totals.value.toMinor()).toBe(ref.cents);
      }),
      { numRuns: 100 },
    );
    expectEconomyError(() => mergeSettlements(tiktok, [settle(perGift, [])]), 'INVALID_ARGUMENT', /settled with/);
  });

  it('honours any rounding mode of the table', () => {
    const ceil = applyOverlay(perGift, { creatorShare: { rounding: 'ceil' } });
    // per gift, ceil(3 × 0.5) = 2 for each of two events -> 4 diamonds, 0.02 USD
    expect(
      settle(ceil, [
        { creatorId: 1, giftCoins: 3 },
        { creatorId: 1, giftCoins: 3 },
      ]).totals.diamonds,
    ).toBe(4);
  });
});
