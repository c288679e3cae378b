import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeEvents } from '../../../shared/bench-workloads/events.mjs';
import { applyOverlay, type GiftEvent, mergeSettlements, parseRateTable, settle } from '../../src/index.js';
import { tiktok, tiktokDocument } from '../../src/presets/tiktok.js';
import { expectEconomyError } from '../helpers.js';

// The workload's rule (../shared/bench-workloads/README.md): 0.5 diamond per coin floored; USD 0.005 per
// diamond, half-even to cents.
const rule = (scope: 'per-gift' | 'per-settlement') =>
  parseRateTable({ ...tiktokDocument, version: `bench-${scope}`, creatorShare: { diamondsPerCoin: '0.5', rounding: 'floor', scope } });
const perSettlement = rule('per-settlement');
const perGift = rule('per-gift');

/** An independent reference in BigInt: per creator sums, one floor and one half-even rounding each. */
function reference(events: readonly GiftEvent[], scope: 'per-gift' | 'per-settlement') {
  const coins = new Map<string | number, bigint>();
  const diamonds = new Map<string | number, bigint>();
  for (const event of events) {
    const c = BigInt(event.giftCoins) * BigInt(event.repeatCount ?? 1);
    coins.set(event.creatorId, (coins.get(event.creatorId) ?? 0n) + c);
    diamonds.set(event.creatorId, (diamonds.get(event.creatorId) ?? 0n) + c / 2n);
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

  it('per gift event: 170,105 fewer diamonds (the README), and the total of an independent BigInt reference', () => {
    const whole = settle(perSettlement, objects);
    const events = settle(perGift, objects);
    expect(whole.totals.diamonds - events.totals.diamonds).toBe(170_105);
    const expected = reference(objects, 'per-gift');
    expect(events.totals.value.toMinor()).toBe(expected.cents);
    expect(BigInt(events.totals.diamonds)).toBe(expected.diamonds);
    expect(settle(perGift, columns).totals.value.equals(events.totals.value)).toBe(true);
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

  it('merges: settling a then b and merging equals settling a ++ b (both scopes)', () => {
    const event = fc.record({
      creatorId: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom('alice', 'bob', '7000000000000000001')),
      giftCoins: fc.integer({ min: 0, max: 45_000 }),
      repeatCount: fc.integer({ min: 1, max: 10 }),
    });
    fc.assert(
      fc.property(fc.array(event), fc.array(event), fc.constantFrom(perSettlement, perGift), (a, b, table) => {
        const whole = settle(table, [...a, ...b]);
        const merged = mergeSettlements(table, [settle(table, a), JSON.parse(JSON.stringify(settle(table, b)))]);
        expect(merged.totals.value.equals(whole.totals.value)).toBe(true);
        expect(merged.totals.diamonds).toBe(whole.totals.diamonds);
        expect(merged.events).toBe(whole.events);
        const byId = (s: typeof whole) => new Map(s.creators.map((c) => [c.creatorId, [c.coins, c.diamonds, c.value.toString()]]));
        expect(byId(merged)).toEqual(byId(whole));
        const ref = reference([...a, ...b], table === perGift ? 'per-gift' : 'per-settlement');
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
