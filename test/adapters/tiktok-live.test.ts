import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countLiveGifts, liveGiftCounter, liveGiftsToEvents, settle } from '../../src/index.js';
import { tiktok } from '../../src/presets/tiktok.js';
import { expectEconomyError } from '../helpers.js';

const sample = JSON.parse(readFileSync(new URL('../../../shared/data/live-events-sample.json', import.meta.url), 'utf8'));
const expected = JSON.parse(readFileSync(new URL('../../../shared/data/live-events-expected.json', import.meta.url), 'utf8'));

describe('tiktok-live-connector gift events', () => {
  const tally = countLiveGifts(tiktok, sample.events);

  it('reaches the hand-computed totals of live-events-expected.json', () => {
    expect(Object.fromEntries(tally.coinsByReceiver)).toEqual(
      Object.fromEntries(Object.entries(expected.receivers).map(([id, r]) => [id, (r as { coins: number }).coins])),
    );
    expect(tally.totalCoins).toBe(expected.totalCoins);
    expect({
      events: tally.events,
      duplicates: tally.duplicates,
      streakUpdatesSkipped: tally.streakUpdatesSkipped,
      counted: tally.counted.length,
    }).toEqual(expected.eventCounts);
    // the expected file lists gifts grouped by receiver; compare as sets of [receiver, gift, repeat, coins]
    const key = (row: unknown[]) => row.join('/');
    expect(tally.counted.map((g) => key([g.receiver, g.giftId, g.repeatCount, g.coins])).sort()).toEqual(
      expected.countedGifts
        .map((g: { receiver: string; giftId: number; repeatCount: number; coins: number }) =>
          key([g.receiver, g.giftId, g.repeatCount, g.coins]),
        )
        .sort(),
    );
  });

  it('reports gift ids outside the catalogue instead of dropping them', () => {
    expect(tally.unknownGifts.get('99999001')).toBe(1);
    expect(tally.counted.find((g) => g.giftId === '99999001')?.inCatalogue).toBe(false);
    expect(tally.openStreaks).toBe(0);
  });

  it('avoids the common wrong answers', () => {
    const wrong = expected.commonWrongAnswers;
    for (const answer of Object.values(wrong) as Record<string, number>[]) {
      expect(Object.fromEntries(tally.coinsByReceiver)).not.toEqual(answer);
    }
  });

  it('feeds settlement: host 35,581 coins = USD 177.905 -> 177.90 (half-even)', () => {
    const result = settle(tiktok, liveGiftsToEvents(tally));
    const host = result.creators.find((c) => c.creatorId === '7000000000000000001');
    expect([host?.coins, host?.value.toString()]).toEqual([35_581, '177.90 USD']);
  });

  it('reads the v2 raw message shape', () => {
    const counter = liveGiftCounter(tiktok);
    const counted = counter.push({
      common: { msgId: '77' },
      giftId: 5655,
      repeatCount: 4,
      repeatEnd: 1,
      giftDetails: { giftType: 1, diamondCount: 1, giftName: 'Rose' },
      giftExtra: { toUserId: '42' },
      user: { userId: 'fan' },
    });
    expect(counted).toMatchObject({ receiver: '42', coins: 4, giftName: 'Rose', sender: 'fan', msgId: '77' });
  });

  it('reports open streaks and refuses malformed events', () => {
    const counter = liveGiftCounter(tiktok, { defaultReceiver: 'host' });
    counter.push({ msgId: 'a', giftId: 5655, giftType: 1, diamondCount: 1, repeatCount: 3, repeatEnd: false });
    expect(counter.tally().openStreaks).toBe(1);
    expectEconomyError(() => counter.push({ giftId: 5655, diamondCount: 1.5 }), 'INVALID_EVENT', /diamondCount/);
    expectEconomyError(() => counter.push({ giftId: 5655, diamondCount: 1, repeatCount: 0 }), 'INVALID_EVENT', /repeatCount/);
    expectEconomyError(() => counter.push(null), 'INVALID_EVENT');
    expectEconomyError(() => liveGiftCounter(tiktok).push({ giftId: 1, diamondCount: 1, giftType: 2 }), 'INVALID_EVENT', /receiver/);
  });
});

describe('no trap that silently loses gifts', () => {
  it('liveGiftsToEvents refuses a tally made with keepCounted: false instead of settling 0 coins (0.1.0)', () => {
    const tally = countLiveGifts(tiktok, [{ msgId: '1', giftId: 6369, giftType: 2, diamondCount: 29_999, receiverUserId: 'host' }], {
      keepCounted: false,
    });
    expect(() => liveGiftsToEvents(tally)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(tally.totalCoins).toBe(29_999);
  });
});
