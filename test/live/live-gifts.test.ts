import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyOverlay,
  countLiveGifts,
  giftCatalogueDrift,
  giftCatalogueOverlay,
  LiveGifts,
  liveGifts,
  liveGiftsToEvents,
  settle,
} from '../../src/index.js';
import { tiktok } from '../../src/presets/tiktok.js';
import { expectEconomyError } from '../helpers.js';

const sample = (await import('../../../shared/data/live-events-sample.json', { with: { type: 'json' } })).default as {
  events: Record<string, unknown>[];
};
const HOST = '7000000000000000001';
const GUEST = '7000000000000000002';

describe('liveGifts on the shared sample (../shared/data/live-events-expected.json)', () => {
  it('counts each gift once: 35,581 coins for the host, 31,013 for the guest, money equal to settle', () => {
    const session = liveGifts(tiktok);
    for (const event of sample.events) session.push(event);
    const receivers = session.totals('receiver');
    expect(receivers.map((r) => [r.id, r.coins])).toEqual([
      [HOST, 35_581],
      [GUEST, 31_013],
    ]);
    // the running money equals settle on the same counted gifts (0.1.0's hand conversion gave 332.97)
    const settled = settle(tiktok, liveGiftsToEvents(countLiveGifts(tiktok, sample.events)));
    expect(receivers.map((r) => r.value.toString())).toEqual(settled.creators.map((c) => c.value.toString()));
    expect(receivers.reduce((sum, r) => sum + r.value.toMinor(), 0n)).toBe(33_296n); // USD 332.96
    expect(session.stats()).toMatchObject({ duplicates: 1 });
    expect([...session.stats().unknownGifts.keys()]).toContain('99999001');
  });

  it('keeps who sent what: a gifter leaderboard with unique ids and nicknames', () => {
    const session = liveGifts(tiktok);
    for (const event of sample.events) session.push(event);
    const [top] = session.top(1, 'gifter');
    // dave_fan: 34,999 (a 34,999-coin gift) + 2 Roses = 35,001 coins, the largest sender in the sample
    expect(top).toMatchObject({ uniqueId: 'dave_fan', coins: 35_001 });
    expect(top?.nickname).toBeTypeOf('string');
  });

  it('reports an open streak as provisional updates, then counts it once at its end', () => {
    const updates: string[] = [];
    const session = liveGifts(tiktok, { onUpdate: (u) => updates.push(`${u.type}:${u.count}:${u.provisional}`) });
    const rose = { giftId: 5655, giftType: 1, diamondCount: 1, receiverUserId: 'host', userId: 'u1', groupId: 'g' };
    session.push({ ...rose, msgId: 'a', repeatCount: 1, repeatEnd: false });
    session.push({ ...rose, msgId: 'b', repeatCount: 4, repeatEnd: false });
    expect(session.goal(10).coins).toBe(0); // nothing counted while the streak is open
    session.push({ ...rose, msgId: 'c', repeatCount: 4, repeatEnd: true });
    expect(updates).toEqual(['streak:1:true', 'streak:4:true', 'gift:4:false']);
    expect(session.goal(10)).toEqual({ target: 10, coins: 4, remaining: 6, reached: false });
  });

  it('a replay after a reconnect is counted once; snapshot and restore resume exactly', () => {
    const whole = liveGifts(tiktok);
    for (const event of sample.events) whole.push(event);
    const first = liveGifts(tiktok);
    for (const event of sample.events.slice(0, 12)) first.push(event);
    const resumed = LiveGifts.restore(tiktok, JSON.parse(JSON.stringify(first.snapshot())));
    for (const event of sample.events) resumed.push(event); // the reconnect replays everything from the start
    expect(resumed.totals().map((t) => [t.id, t.coins, t.value.toString()])).toEqual(
      whole.totals().map((t) => [t.id, t.coins, t.value.toString()]),
    );
    expectEconomyError(
      () => LiveGifts.restore(applyOverlay(tiktok, { version: 'other' }), first.snapshot()),
      'INVALID_ARGUMENT',
      /snapshot/,
    );
  });

  it('forgets message ids past the window, so memory stays bounded on a long stream', () => {
    const session = new LiveGifts(tiktok, { defaultReceiver: 'host', dedupe: { messages: 1000, milliseconds: 60_000 } });
    for (let i = 0; i < 200_000; i++)
      session.push({ msgId: String(i), giftId: 5655, giftType: 2, diamondCount: 1, createTime: 1_000 * i, userId: `u${i % 500}` });
    const stats = session.stats();
    expect(stats.remembered).toBeLessThanOrEqual(61); // one message a second, a 60-second window
    expect(session.goal(0).coins).toBe(200_000);
    expect(session.totals('gifter')).toHaveLength(500);
  });

  it('dedupes exactly as a simple window model: the last `messages` ids within `milliseconds` of the newest time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 30 })), { maxLength: 400 }),
        (messages, milliseconds, steps) => {
          const session = new LiveGifts(tiktok, { defaultReceiver: 'host', dedupe: { messages, milliseconds } });
          // the model: remembered [id, time] pairs, oldest first; an id is forgotten as soon as its time is older
          // than the newest time minus the window, or when a new id would make more than `messages`
          let model: [string, number][] = [];
          let newest = 0;
          let time = 0;
          let counted = 0;
          for (const [id, advance] of steps) {
            time += advance;
            newest = Math.max(newest, time);
            const msgId = String(id + 1); // "0" is protobuf's unset id, so no id
            model = model.filter(([, at]) => at >= newest - milliseconds);
            const duplicate = model.some(([seen]) => seen === msgId);
            if (!duplicate) {
              model = [...model.slice(Math.max(0, model.length - messages + 1)), [msgId, time]];
              counted++;
            }
            const update = session.push({ msgId, giftId: 5655, giftType: 2, diamondCount: 1, createTime: time, userId: 'u' });
            expect(update === undefined).toBe(duplicate);
          }
          expect(session.goal(0).coins).toBe(counted);
          expect(session.snapshot().seen).toEqual(model);
          const resumed = LiveGifts.restore(tiktok, session.snapshot(), { defaultReceiver: 'host', dedupe: { messages, milliseconds } });
          expect(resumed.snapshot()).toEqual(session.snapshot());
        },
      ),
    );
  });

  it('reads from a connection (on("gift")) and from an async iterable', async () => {
    const listeners: ((data: unknown) => void)[] = [];
    const connection = { on: (_: 'gift', listener: (data: unknown) => void) => listeners.push(listener) };
    const fromConnection = liveGifts(tiktok, { source: connection });
    for (const event of sample.events) for (const listener of listeners) listener(event);
    async function* stream() {
      yield* sample.events;
    }
    const fromStream = liveGifts(tiktok, { source: stream() });
    await fromStream.done;
    expect(fromStream.totals()).toEqual(fromConnection.totals());
    expectEconomyError(() => liveGifts(tiktok, { source: 42 as never }), 'INVALID_ARGUMENT', /source/);
  });

  it('totals equal settle on random live streams, in every scope', () => {
    const event = fc.record({
      msgId: fc.nat(60).map(String),
      giftId: fc.constantFrom(5655, 6369, 5953, 99_999_001),
      giftType: fc.constantFrom(1, 2),
      diamondCount: fc.constantFrom(1, 25, 29_999),
      repeatCount: fc.integer({ min: 1, max: 9 }),
      repeatEnd: fc.boolean(),
      receiverUserId: fc.constantFrom('h1', 'h2'),
      userId: fc.constantFrom('a', 'b', 'c'),
    });
    const tables = ['per-gift', 'per-event', 'per-settlement'].map((scope) =>
      applyOverlay(tiktok, { version: scope, creatorShare: { diamondsPerCoin: '0.5', scope: scope as 'per-gift' } }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 80 }), fc.constantFrom(...tables), (events, table) => {
        const session = liveGifts(table);
        for (const e of events) session.push(e);
        const settled = settle(table, liveGiftsToEvents(countLiveGifts(table, events)));
        const byId = new Map(settled.creators.map((c) => [String(c.creatorId), [c.coins, c.diamonds, c.value.toString()]]));
        for (const total of session.totals())
          expect([total.coins, total.diamonds, total.value.toString()]).toEqual(byId.get(total.id) ?? [0, 0, '0.00 USD']);
      }),
      { numRuns: 150 },
    );
  });
});

describe('gift catalogue drift (a hand-changed getAvailableGifts list, test/fixtures/available-gifts-changed.json)', () => {
  const list = JSON.parse(readFileSync(new URL('../fixtures/available-gifts-changed.json', import.meta.url), 'utf8'));

  it('reports price changes, gifts added, ids reissued and gifts not listed', () => {
    const drift = giftCatalogueDrift(tiktok, list);
    expect(drift.priceChanges).toEqual([{ id: '6369', name: 'Lion', from: 29_999, to: 34_999 }]);
    expect(drift.added).toEqual([{ id: '9999', name: 'Comet', coins: 7 }]);
    expect(drift.reissued).toEqual([{ name: 'TikTok', tableId: '5269', listId: '5270' }]);
    expect(drift.unchanged).toBe(1);
    expect(drift.removed).toHaveLength(tiktok.document.gifts.length - 3); // all but Rose, Lion and TikTok
    expectEconomyError(() => giftCatalogueDrift(tiktok, [{ id: 1, name: 'x', diamond_count: -1 }]), 'INVALID_ARGUMENT', /diamond_count/);
  });

  it('turns the list into a dated overlay whose prices a session then uses', () => {
    const overlay = giftCatalogueOverlay(tiktok, list, { version: '2026-11-26+gifts', source: 'tiktok-live-gifts' });
    const table = applyOverlay(tiktok, overlay);
    expect([table.version, table.gift('6369')?.coins, table.gift('Comet')?.coins]).toEqual(['2026-11-26+gifts', 34_999, 7]);
    const session = liveGifts(table, { defaultReceiver: 'host' });
    session.push({ msgId: '1', giftId: 9999, giftType: 2, diamondCount: 7, userId: 'u' });
    expect(session.stats().unknownGifts.size).toBe(0);
  });

  it('gift-economy gifts --diff prints the drift', () => {
    const cli = new URL('../../dist/esm/cli/main.js', import.meta.url).pathname;
    const fixture = new URL('../fixtures/available-gifts-changed.json', import.meta.url).pathname;
    const result = spawnSync(process.execPath, [cli, 'gifts', '--diff', fixture], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 unchanged, 1 price changes, 1 added');
    expect(result.stdout).toContain('price  Lion (6369): 29,999 → 34,999 coins');
    expect(result.stdout).toContain('id     TikTok: 5269 → 5270');
  });
});
