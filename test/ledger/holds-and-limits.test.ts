import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accounts, Ledger, type LedgerEvent } from '../../src/index.js';
import { tiktok } from '../../src/presets/tiktok.js';
import { expectEconomyError } from '../helpers.js';

const buy = (id: string, viewer: string, coins = 70): LedgerEvent => ({
  type: 'purchase',
  id,
  viewer,
  coins,
  channel: 'web',
  region: 'US',
});

describe('applyBatch: all or nothing', () => {
  it('a refusal anywhere applies none of the batch and names the event', () => {
    const ledger = new Ledger(tiktok);
    const result = ledger.applyBatch([buy('p1', 'ann'), { type: 'gift', id: 'g1', viewer: 'ann', creator: 'bo', gift: 'Lion' }]);
    expect(result).toMatchObject({ ok: false, index: 1, refusal: { code: 'NOT_ENOUGH' } });
    expect(ledger.journal).toHaveLength(0);
    expect(ledger.balance('viewer:ann', 'coin')).toBe(0);
  });

  it('later events see what earlier ones staged; duplicates inside and across batches are skipped', () => {
    const ledger = new Ledger(tiktok);
    ledger.apply(buy('p0', 'ann'));
    const result = ledger.applyBatch([
      buy('p1', 'ann'),
      { type: 'gift', id: 'g1', viewer: 'ann', creator: 'bo', gift: 'Rose', count: 140 }, // 70 + 70 coins
      buy('p1', 'ann'),
      buy('p0', 'ann'),
    ]);
    expect(result.ok && [result.entries.length, result.duplicates]).toEqual([2, 2]);
    expect([ledger.balance('viewer:ann', 'coin'), ledger.balance('creator:bo', 'diamond')]).toEqual([0, 140]);
  });

  it('a malformed event throws before anything changes, with its index in the path', () => {
    const ledger = new Ledger(tiktok);
    expectEconomyError(
      () => ledger.applyBatch([buy('p1', 'ann'), { type: 'gift', id: 'g', viewer: 'ann' } as never]),
      'INVALID_EVENT',
      /event 1/,
    );
    expect(ledger.journal).toHaveLength(0);
  });
});

describe('pending transfers (hold, then post or void)', () => {
  it('a held gift keeps its coins apart until posted; a void gives them back', () => {
    const ledger = new Ledger(tiktok);
    ledger.apply(buy('p1', 'ann', 350)); // the web has 70-coin packs: 5 × 70 = 350 coins
    ledger.apply({ type: 'hold-gift', id: 'h1', viewer: 'ann', creator: 'bo', gift: 'Rose', count: 100 });
    expect([ledger.balance('viewer:ann', 'coin'), ledger.reserved('viewer:ann', 'coin')]).toEqual([250, 100]);
    expect(ledger.pending()).toEqual([{ id: 'h1', type: 'hold-gift', expires: undefined }]);
    ledger.apply({ type: 'post', id: 'x1', hold: 'h1' });
    expect([ledger.reserved('viewer:ann', 'coin'), ledger.balance('creator:bo', 'diamond')]).toEqual([0, 100]);
    ledger.apply({ type: 'hold-gift', id: 'h2', viewer: 'ann', creator: 'bo', gift: 'Rose', count: 50 });
    ledger.apply({ type: 'void', id: 'x2', hold: 'h2' });
    expect([ledger.balance('viewer:ann', 'coin'), ledger.reserved('viewer:ann', 'coin')]).toEqual([250, 0]);
    expect(ledger.apply({ type: 'post', id: 'x3', hold: 'h2' })).toMatchObject({ ok: false, code: 'NOT_ENOUGH' });
    expect(ledger.pending()).toEqual([]);
  });

  it('a hold expires by the rule given as data: posting after it is refused, voiding still works', () => {
    const ledger = new Ledger(tiktok, { holdSeconds: 60 });
    ledger.apply(buy('p1', 'ann'));
    ledger.apply({ type: 'hold-gift', id: 'h1', viewer: 'ann', creator: 'bo', gift: 'Rose', count: 10, at: '2026-11-25T12:00:00Z' });
    expect(ledger.pending()[0]?.expires).toBe('2026-11-25T12:01:00.000Z');
    expect(ledger.apply({ type: 'post', id: 'x1', hold: 'h1', at: '2026-11-25T12:01:00Z' })).toMatchObject({ ok: false, code: 'DATE' });
    expect(ledger.apply({ type: 'post', id: 'x2', hold: 'h1', at: '2026-11-25T12:00:59Z' }).ok).toBe(true);
    expectEconomyError(
      () => ledger.apply({ type: 'hold-gift', id: 'h2', viewer: 'ann', creator: 'bo', gift: 'Rose' }),
      'INVALID_EVENT',
      /needs at/,
    );
  });

  it('a held payout pays out from the reserve when posted', () => {
    const ledger = new Ledger(tiktok);
    ledger.applyBatch([
      buy('p1', 'ann', 21_000),
      ...Array.from(
        { length: 2 },
        (_, i): LedgerEvent => ({ type: 'gift', id: `g${i}`, viewer: 'ann', creator: 'bo', gift: 'Sports Car' }),
      ),
    ]);
    // 2 × 7,000 coins = 14,000 diamonds = USD 70.00, under the USD 100 minimum: the hold is refused, nothing reserved
    expect(ledger.apply({ type: 'hold-payout', id: 'h0', creator: 'bo', diamonds: 14_000 })).toMatchObject({
      ok: false,
      code: 'NOT_ENOUGH',
    });
    ledger.apply({ type: 'gift', id: 'g2', viewer: 'ann', creator: 'bo', gift: 'Sports Car' }); // 21,000 diamonds = USD 105.00
    ledger.apply({ type: 'hold-payout', id: 'h1', creator: 'bo', diamonds: 21_000 });
    expect([ledger.balance('creator:bo', 'diamond'), ledger.reserved('creator:bo', 'diamond')]).toEqual([0, 21_000]);
    ledger.apply({ type: 'post', id: 'x1', hold: 'h1' });
    expect([ledger.reserved('creator:bo', 'diamond'), ledger.balance(accounts.creatorCash('bo'), 'USD')]).toEqual([0, 10_500]);
  });

  it('matches a reference model over random sequences of purchases, holds, posts and voids', () => {
    type Step = { kind: 'buy' | 'hold' | 'post' | 'void' | 'gift'; who: number; n: number };
    const step = fc.record({
      kind: fc.constantFrom('buy', 'hold', 'post', 'void', 'gift'),
      who: fc.integer({ min: 0, max: 2 }),
      n: fc.integer({ min: 1, max: 150 }),
    }) as fc.Arbitrary<Step>;
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const ledger = new Ledger(tiktok);
        // the model: available and reserved Roses (1 coin each) per viewer, open holds, diamonds to the creator
        const available = [0, 0, 0];
        const reserved = [0, 0, 0];
        const open = new Map<string, { who: number; coins: number }>();
        let diamonds = 0;
        steps.forEach(({ kind, who, n }, i) => {
          const viewer = `v${who}`;
          const id = `e${i}`;
          const holdId = [...open.keys()][n % Math.max(1, open.size)] ?? 'none';
          const event: LedgerEvent =
            kind === 'buy'
              ? buy(id, viewer, 70)
              : kind === 'hold'
                ? { type: 'hold-gift', id, viewer, creator: 'c', gift: 'Rose', count: n }
                : kind === 'gift'
                  ? { type: 'gift', id, viewer, creator: 'c', gift: 'Rose', count: n }
                  : { type: kind, id, hold: holdId };
          const result = ledger.apply(event);
          if (kind === 'buy') available[who] = (available[who] as number) + 70;
          else if (kind === 'hold' || kind === 'gift') {
            const ok = (available[who] as number) >= n;
            expect(result.ok).toBe(ok);
            if (ok) {
              available[who] = (available[who] as number) - n;
              if (kind === 'hold') {
                reserved[who] = (reserved[who] as number) + n;
                open.set(id, { who, coins: n });
              } else diamonds += n;
            }
          } else {
            const hold = open.get(holdId);
            expect(result.ok).toBe(hold !== undefined);
            if (hold) {
              open.delete(holdId);
              reserved[hold.who] = (reserved[hold.who] as number) - hold.coins;
              if (kind === 'post') diamonds += hold.coins;
              else available[hold.who] = (available[hold.who] as number) + hold.coins;
            }
          }
        });
        for (const who of [0, 1, 2]) {
          expect(ledger.balance(`viewer:v${who}`, 'coin')).toBe(available[who]);
          expect(ledger.reserved(`viewer:v${who}`, 'coin')).toBe(reserved[who]);
        }
        expect(ledger.balance('creator:c', 'diamond')).toBe(diamonds);
        expect(
          ledger
            .pending()
            .map((hold) => hold.id)
            .sort(),
        ).toEqual([...open.keys()].sort());
        // debits equal credits in every unit
        const sums = new Map<string, number>();
        for (const { unit, amount } of ledger.balances()) sums.set(unit, (sums.get(unit) ?? 0) + amount);
        for (const total of sums.values()) expect(total).toBe(0);
      }),
    );
  });
});

describe('limits as data', () => {
  it('a maximum balance per account and daily caps per viewer, refused with a reason', () => {
    const ledger = new Ledger(tiktok, { limits: { maxBalance: { coin: 1_000 }, dailyPurchaseCoins: 700, dailyGiftCoins: 100 } });
    const at = '2026-11-25T10:00:00Z';
    expect(ledger.apply({ type: 'purchase', id: 'p1', viewer: 'ann', coins: 700, channel: 'ios', region: 'US', at }).ok).toBe(true);
    const over = ledger.apply({ type: 'purchase', id: 'p2', viewer: 'ann', coins: 70, channel: 'ios', region: 'US', at });
    expect(over).toMatchObject({ ok: false, code: 'LIMIT', reason: 'ann would buy 770 coins on 2026-11-25; the daily limit is 700' });
    // the next day the purchase cap starts again, but 700 + 350 coins would pass the 1,000-coin balance limit
    const next = ledger.apply({
      type: 'purchase',
      id: 'p3',
      viewer: 'ann',
      coins: 350,
      channel: 'ios',
      region: 'US',
      at: '2026-11-26T00:00:00Z',
    });
    expect(next).toMatchObject({ ok: false, code: 'LIMIT', reason: 'viewer:ann would hold 1050 coin; the limit is 1000' });
    expect(ledger.apply({ type: 'gift', id: 'g1', viewer: 'ann', creator: 'bo', gift: 'Rose', count: 100, at }).ok).toBe(true);
    expect(ledger.apply({ type: 'gift', id: 'g2', viewer: 'ann', creator: 'bo', gift: 'Rose', at })).toMatchObject({
      ok: false,
      code: 'LIMIT',
    });
    expectEconomyError(
      () => ledger.apply({ type: 'gift', id: 'g3', viewer: 'ann', creator: 'bo', gift: 'Rose' }),
      'INVALID_EVENT',
      /daily gift limit/,
    );
    expect(ledger.balance('viewer:ann', 'coin')).toBe(600);
    expectEconomyError(() => new Ledger(tiktok, { limits: { dailyGiftCoins: -1 } }), 'INVALID_QUANTITY');
  });
});
