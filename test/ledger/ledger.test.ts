import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accounts,
  applyOverlay,
  compareScenarios,
  EconomyError,
  Ledger,
  type LedgerEvent,
  runScenario,
  simulateAudience,
} from '../../src/index.js';
import { tiktok } from '../../src/presets/tiktok.js';
import { expectEconomyError } from '../helpers.js';

const withRefunds = applyOverlay(tiktok, {
  version: 'test',
  refunds: { allowed: true },
  chests: { minCoins: 10, maxCoins: 10_000, maxClaimants: 5, minCountdownSeconds: 10, maxCountdownSeconds: 300, split: 'random' },
  payout: { minimum: '1' },
});

describe('Ledger', () => {
  it("credits diamonds under the table's scope: 3 Swans (699 coins) at 0.5 diamond per coin, floored", () => {
    const half = (scope: 'per-gift' | 'per-event') =>
      applyOverlay(tiktok, { version: scope, creatorShare: { diamondsPerCoin: '0.5', scope } });
    const credited = (scope: 'per-gift' | 'per-event') => {
      const ledger = new Ledger(half(scope));
      ledger.apply({ type: 'purchase', id: 'p', viewer: 'ann', coins: 2100, channel: 'ios', region: 'US' });
      ledger.apply({ type: 'gift', id: 'g', viewer: 'ann', creator: 'bo', gift: 'Swan', count: 3 });
      return ledger.balance('creator:bo', 'diamond');
    };
    expect(credited('per-gift')).toBe(1047); // 3 × floor(349.5)
    expect(credited('per-event')).toBe(1048); // floor(2,097 × 0.5) = floor(1,048.5)
  });

  it('posts a purchase, a gift and a payout by hand', () => {
    const ledger = new Ledger(withRefunds);
    // 700 coins on iOS: 10 packs × 0.99 = 9.90; commission 30% = 2.97; platform 6.93
    ledger.apply({ type: 'purchase', id: 'p1', viewer: 'ann', coins: 700, channel: 'ios', region: 'US' });
    expect(ledger.balance('viewer:ann', 'coin')).toBe(700);
    expect(ledger.balance('viewer-paid:ann', 'USD')).toBe(-990);
    expect(ledger.balance('store:ios', 'USD')).toBe(297);
    expect(ledger.balance('platform', 'USD')).toBe(693);
    // a Swan (699 coins) -> 699 diamonds
    ledger.apply({ type: 'gift', id: 'g1', viewer: 'ann', creator: 'bo', gift: 'Swan' });
    expect(ledger.balance('viewer:ann', 'coin')).toBe(1);
    expect(ledger.balance('creator:bo', 'diamond')).toBe(699);
    // 699 × 0.005 = 3.495 -> 3.50 (half-even)
    const payout = ledger.apply({ type: 'payout', id: 'o1', creator: 'bo', diamonds: 699 });
    expect(payout.ok).toBe(true);
    expect(ledger.balance('creator-cash:bo', 'USD')).toBe(350);
    expect(ledger.statement('creator:bo').map((line) => [line.event, line.amount, line.balance])).toEqual([
      ['g1', 699, 699],
      ['o1', -699, 0],
    ]);
  });

  it('a purchase in a region the table does not list needs its currency named, and changes nothing until then', () => {
    const ledger = new Ledger(tiktok);
    const refused = ledger.apply({ type: 'purchase', id: 'p', viewer: 'v', coins: 70, channel: 'web', region: 'DE' });
    expect(refused).toMatchObject({ ok: false, code: 'NO_PRICE' });
    expect(ledger.journal).toHaveLength(0);
    const named = ledger.apply({ type: 'purchase', id: 'p', viewer: 'v', coins: 70, channel: 'web', region: 'DE', currency: 'USD' });
    expect(named.ok).toBe(true);
    expect(ledger.balance('viewer:v', 'coin')).toBe(70); // the 70-coin web pack for USD 0.74 (hiwildflower)
  });

  it('refuses what would make a balance negative, and changes nothing', () => {
    const ledger = new Ledger(withRefunds);
    ledger.apply({ type: 'purchase', id: 'p1', viewer: 'ann', coins: 70, channel: 'web', region: 'US' });
    const before = ledger.balances();
    expect(ledger.apply({ type: 'gift', id: 'g1', viewer: 'ann', creator: 'bo', gift: 'Lion' })).toMatchObject({
      ok: false,
      code: 'NOT_ENOUGH',
    });
    expect(ledger.apply({ type: 'payout', id: 'o1', creator: 'bo', diamonds: 1 })).toMatchObject({ ok: false, code: 'NOT_ENOUGH' });
    expect(ledger.apply({ type: 'purchase', id: 'p2', viewer: 'kid', coins: 70, channel: 'web', region: 'KR', age: 18 })).toMatchObject({
      ok: false,
      code: 'AGE',
    });
    expect(ledger.balances()).toEqual(before);
    expect(ledger.journal).toHaveLength(1);
  });

  it('is idempotent: the same event id twice is a no-op that says so', () => {
    const ledger = new Ledger(withRefunds);
    const event: LedgerEvent = { type: 'purchase', id: 'p1', viewer: 'ann', coins: 70, channel: 'web', region: 'US' };
    expect(ledger.apply(event)).toMatchObject({ ok: true, duplicate: false });
    expect(ledger.apply(event)).toMatchObject({ ok: true, duplicate: true, reason: expect.stringMatching(/already applied/) });
    expect(ledger.balance('viewer:ann', 'coin')).toBe(70);
  });

  it('chests split exactly: every coin claimed or returned, seeded, within the limits', () => {
    const ledger = new Ledger(withRefunds);
    ledger.apply({ type: 'purchase', id: 'p1', viewer: 'ann', coins: 1000, channel: 'web', region: 'US' });
    expect(ledger.apply({ type: 'chest-drop', id: 'c0', viewer: 'ann', coins: 5, claimants: 3 })).toMatchObject({
      ok: false,
      code: 'NOT_ENOUGH',
    });
    expect(ledger.apply({ type: 'chest-drop', id: 'c0', viewer: 'ann', coins: 100, claimants: 6 })).toMatchObject({ ok: false });
    expect(ledger.apply({ type: 'chest-drop', id: 'c0', viewer: 'ann', coins: 100, claimants: 3, countdownSeconds: 5 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/at least 10 seconds/),
    });
    expect(ledger.apply({ type: 'chest-drop', id: 'c0', viewer: 'ann', coins: 100, claimants: 3, countdownSeconds: 301 })).toMatchObject({
      ok: false,
    });
    ledger.apply({ type: 'chest-drop', id: 'c1', viewer: 'ann', coins: 100, claimants: 3, countdownSeconds: 60 });
    ledger.apply({ type: 'chest-claim', id: 'k1', chest: 'c1', viewers: ['x', 'y', 'z', 'w'], seed: 42 });
    const shares = ['x', 'y', 'z', 'w'].map((v) => ledger.balance(`viewer:${v}`, 'coin'));
    expect(shares[3]).toBe(0); // only 3 claimants
    expect(shares.reduce((a, b) => a + b, 0)).toBe(100);
    expect(ledger.apply({ type: 'chest-claim', id: 'k2', chest: 'c1', viewers: ['x'] })).toMatchObject({ ok: false });
    // the same seed gives the same split
    const again = Ledger.replay(withRefunds, ledger.journal);
    expect(['x', 'y', 'z'].map((v) => again.balance(`viewer:${v}`, 'coin'))).toEqual(shares.slice(0, 3));
    // nobody claims: the coins go back
    ledger.apply({ type: 'chest-drop', id: 'c2', viewer: 'ann', coins: 50, claimants: 2 });
    const held = ledger.balance('viewer:ann', 'coin');
    ledger.apply({ type: 'chest-claim', id: 'k3', chest: 'c2', viewers: [] });
    expect(ledger.balance('viewer:ann', 'coin')).toBe(held + 50);
  });

  it('refunds unspent purchases only where the table allows', () => {
    const ledger = new Ledger(withRefunds);
    ledger.apply({ type: 'purchase', id: 'p1', viewer: 'ann', coins: 70, channel: 'web', region: 'US' });
    expect(ledger.apply({ type: 'refund', id: 'r1', purchase: 'p1' }).ok).toBe(true);
    expect(ledger.balances()).toEqual([]);
    const strict = new Ledger(tiktok);
    strict.apply({ type: 'purchase', id: 'p1', viewer: 'ann', coins: 70, channel: 'web', region: 'US' });
    expect(strict.apply({ type: 'refund', id: 'r1', purchase: 'p1' })).toMatchObject({ ok: false, code: 'FEATURE_OFF' });
  });

  it('refuses malformed events with EconomyError', () => {
    const ledger = new Ledger(withRefunds);
    expectEconomyError(
      () => ledger.apply({ type: 'purchase', id: '', viewer: 'a', coins: 1, channel: 'web', region: 'US' }),
      'INVALID_EVENT',
    );
    expectEconomyError(
      () => ledger.apply({ type: 'teleport', id: 'x' } as never),
      'INVALID_EVENT',
      /event type must be one of purchase, gift/,
    );
    expectEconomyError(
      () => ledger.apply({ type: 'purchase', id: 'y', viewer: 'a', coins: 1.5, channel: 'web', region: 'US' }),
      'INVALID_QUANTITY',
    );
  });
});

describe('the ledger is atomic and strict (issue 12)', () => {
  const purchase = { type: 'purchase', id: 'p', viewer: 'ann', coins: 70, channel: 'ios', region: 'US' } as const;
  const snapshot = (ledger: Ledger) => ({ balances: ledger.balances(), journal: ledger.journal.length });

  it('an event with a function field changes nothing, so a retry cannot credit twice (0.1.0 posted, then threw DataCloneError)', () => {
    const ledger = new Ledger(withRefunds);
    expectEconomyError(() => ledger.apply({ ...purchase, note: () => 1 } as never), 'INVALID_EVENT', /has no field "note"/);
    expect(snapshot(ledger)).toEqual({ balances: [], journal: 0 });
    expect(ledger.apply(purchase).ok).toBe(true);
    expect(ledger.balance('viewer:ann', 'coin')).toBe(70);
  });

  it('a throwing getter, a __proto__ key, a missing field or a non-object are refused before anything changes', () => {
    const ledger = new Ledger(withRefunds);
    ledger.apply(purchase);
    const before = snapshot(ledger);
    const getter = {
      ...purchase,
      id: 'q',
      get coins(): number {
        throw new Error('boom');
      },
    };
    expectEconomyError(() => ledger.apply(getter), 'INVALID_EVENT', /coins could not be read/);
    expectEconomyError(
      () => ledger.apply(JSON.parse('{"type":"gift","id":"g","viewer":"ann","creator":"bo","gift":"Rose","__proto__":{}}')),
      'INVALID_EVENT',
      /__proto__/,
    );
    // a __proto__ field that is not an object would be dropped by an assignment: it is refused all the same
    expectEconomyError(
      () => ledger.apply(JSON.parse('{"type":"gift","id":"g","viewer":"ann","creator":"bo","gift":"Rose","__proto__":1}')),
      'INVALID_EVENT',
      /__proto__/,
    );
    expectEconomyError(() => ledger.apply({ ...purchase, id: 'q', [Symbol('note')]: 1 } as never), 'INVALID_EVENT', /Symbol\(note\)/);
    expectEconomyError(
      () => ledger.apply({ type: 'gift', id: 'g', viewer: 'ann', gift: 'Rose' } as never),
      'INVALID_EVENT',
      /needs creator/,
    );
    expectEconomyError(() => ledger.apply(null as never), 'INVALID_EVENT', /must be an object/);
    expectEconomyError(
      () => ledger.apply({ type: 'gift', id: 'g', viewer: 'ann', creator: 'bo', gift: 'Rose', count: Number.NaN }),
      'INVALID_QUANTITY',
      /count/,
    );
    expect(snapshot(ledger)).toEqual(before);
  });

  it('the same id with different content is refused with ID_CONFLICT; the same content is a duplicate', () => {
    const ledger = new Ledger(withRefunds);
    ledger.apply(purchase);
    expect(ledger.apply({ ...purchase, coins: 700 })).toMatchObject({ ok: false, code: 'ID_CONFLICT' });
    expect(ledger.apply({ ...purchase })).toMatchObject({ ok: true, duplicate: true });
    expect(ledger.balance('viewer:ann', 'coin')).toBe(70);
  });

  it("journal entries are frozen copies: changing the caller's object afterwards changes nothing", () => {
    const ledger = new Ledger(withRefunds);
    ledger.apply({ ...purchase, coins: 700 });
    ledger.apply({ type: 'chest-drop', id: 'd', viewer: 'ann', coins: 100, claimants: 2, countdownSeconds: 60 });
    const claim = { type: 'chest-claim' as const, id: 'c', chest: 'd', viewers: ['bo', 'cy'] };
    expect(ledger.apply(claim).ok).toBe(true);
    claim.viewers.push('dee');
    const stored = ledger.journal.find((entry) => entry.event.id === 'c')?.event;
    expect(stored).toEqual({ type: 'chest-claim', id: 'c', chest: 'd', viewers: ['bo', 'cy'] });
    expect(Object.isFrozen(stored)).toBe(true);
  });
});

describe('ledger properties', () => {
  const viewer = fc.constantFrom('a', 'b', 'c');
  const creator = fc.constantFrom('x', 'y');
  const event = fc.oneof(
    fc.record({
      type: fc.constant('purchase' as const),
      viewer,
      coins: fc.integer({ min: 0, max: 5000 }),
      channel: fc.constantFrom('ios', 'android', 'web'),
      region: fc.constant('US'),
    }),
    fc.record({
      type: fc.constant('gift' as const),
      viewer,
      creator,
      gift: fc.constantFrom('Rose', 'Doughnut', 'Swan', 'Galaxy'),
      count: fc.integer({ min: 1, max: 5 }),
    }),
    fc.record({
      type: fc.constant('chest-drop' as const),
      viewer,
      coins: fc.integer({ min: 1, max: 500 }),
      claimants: fc.integer({ min: 1, max: 5 }),
    }),
    fc.record({
      type: fc.constant('chest-claim' as const),
      chest: fc.nat(30).map((n) => `e${n}`),
      viewers: fc.array(viewer, { maxLength: 4 }),
      seed: fc.nat(),
    }),
    fc.record({ type: fc.constant('payout' as const), creator, diamonds: fc.integer({ min: 0, max: 3000 }) }),
    fc.record({ type: fc.constant('refund' as const), purchase: fc.nat(30).map((n) => `e${n}`) }),
  );
  const events = fc.array(event, { maxLength: 40 }).map((list) => list.map((e, i) => ({ ...e, id: `e${i}` }) as LedgerEvent));

  // Hostile or repeated events mixed in: a failed or refused event must leave balances and journal exactly as they were.
  const hostile = fc.oneof(
    fc.constant({ type: 'gift', id: 'h', viewer: 'a', creator: 'x', gift: 'Rose', count: -1 }),
    fc.constant({ type: 'purchase', id: 'h', viewer: 'a', coins: Number.POSITIVE_INFINITY, channel: 'ios', region: 'US' }),
    fc.constant({ type: 'purchase', id: 'h', viewer: 'a', coins: 10, channel: 'ios', region: 'US', note: 'extra' }),
    fc.constant({ type: 'gift', id: 'h', viewer: 'a', creator: 'x', gift: 'Unicorn' }),
    fc.constant({ type: 'payout', id: 'h', creator: 'x', diamonds: '0x10' }),
  );

  it('a failed, refused or repeated event changes nothing (model: the snapshot before it)', () => {
    fc.assert(
      fc.property(events, fc.array(fc.tuple(fc.nat(40), hostile), { maxLength: 8 }), (list, bad) => {
        const ledger = new Ledger(withRefunds);
        const mixed: unknown[] = [...list];
        for (const [at, event] of bad) mixed.splice(at, 0, event);
        for (const event of mixed) {
          const before = JSON.stringify([ledger.balances(), ledger.journal.length]);
          let result: { ok: boolean; duplicate?: boolean } | undefined;
          try {
            result = ledger.apply(event as LedgerEvent);
          } catch (error) {
            expect(error).toBeInstanceOf(EconomyError);
          }
          if (!result?.ok || result.duplicate) expect(JSON.stringify([ledger.balances(), ledger.journal.length])).toBe(before);
          // applying it again is a no-op either way
          if (result?.ok) expect(ledger.apply(event as LedgerEvent)).toMatchObject({ ok: true, duplicate: true });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('conserves coins and money, never goes negative, and replays to the same balances', () => {
    fc.assert(
      fc.property(events, (list) => {
        const ledger = new Ledger(withRefunds);
        for (const e of list) ledger.apply(e);
        const all = ledger.balances();
        // double entry: every unit sums to zero
        for (const unit of new Set(all.map((b) => b.unit)))
          expect(all.filter((b) => b.unit === unit).reduce((s, b) => s + b.amount, 0)).toBe(0);
        // coins bought = coins held + coins spent (+ coins in unopened chests)
        const bought = 0 - ledger.balance(accounts.coinsIssued, 'coin');
        const held = all
          .filter((b) => b.unit === 'coin' && (b.account.startsWith('viewer:') || b.account.startsWith('chest:')))
          .reduce((s, b) => s + b.amount, 0);
        expect(bought).toBe(held + ledger.balance(accounts.coinsSpent, 'coin'));
        // money viewers paid = stores + platform + creators' cash + payout fees, to the cent
        const paid = 0 - all.filter((b) => b.account.startsWith('viewer-paid:')).reduce((s, b) => s + b.amount, 0);
        const shares = all.filter((b) => b.unit === 'USD' && !b.account.startsWith('viewer-paid:')).reduce((s, b) => s + b.amount, 0);
        expect(paid).toBe(shares);
        // no viewer or creator balance below zero
        for (const b of all) if (/^(viewer|creator|chest):/.test(b.account)) expect(b.amount).toBeGreaterThanOrEqual(0);
        // replaying the journal rebuilds the same balances
        expect(Ledger.replay(withRefunds, ledger.journal).balances()).toEqual(all);
      }),
      { numRuns: 200 },
    );
  });
});

describe('scenarios', () => {
  const events = simulateAudience(tiktok, {
    seed: 20240611,
    viewers: 30,
    creators: 3,
    gifts: 400,
    channels: { ios: 3, android: 1, web: 1 },
    region: 'US',
  });

  it('the same seed gives the same audience', () => {
    expect(
      simulateAudience(tiktok, {
        seed: 20240611,
        viewers: 30,
        creators: 3,
        gifts: 400,
        channels: { ios: 3, android: 1, web: 1 },
        region: 'US',
      }),
    ).toEqual(events);
    expect(runScenario(tiktok, events).refused).toBe(0);
  });

  it('a lower creator share moves value from creators to nobody else but leaves what viewers paid alone', () => {
    const lower = applyOverlay(tiktok, { version: 'share-0.5', creatorShare: { diamondsPerCoin: '0.5' } });
    const { a, b, change } = compareScenarios(tiktok, lower, events);
    expect(change.viewersPaid.isZero()).toBe(true);
    expect(change.stores.isZero()).toBe(true);
    expect(change.creatorsUnpaid.isNegative()).toBe(true);
    expect(b.creatorsUnpaid.compare(a.creatorsUnpaid)).toBe(-1);
  });

  it('a payout fee moves money from creators to the payout provider, and nothing else', () => {
    const withPayouts: LedgerEvent[] = [
      { type: 'purchase', id: 'p', viewer: 'v', coins: 70_000, channel: 'web', region: 'US' },
      { type: 'gift', id: 'g', viewer: 'v', creator: 'c', gift: 'Lion', count: 2 },
      { type: 'payout', id: 'o', creator: 'c', diamonds: 59_998 },
    ];
    const fee = applyOverlay(tiktok, {
      version: 'fee',
      payout: { methods: [{ id: 'paypal', name: 'PayPal', percentFee: '0.02', fixedFee: '0.25' }] },
    });
    const { change } = compareScenarios(tiktok, fee, withPayouts);
    // 59,998 diamonds × 0.005 = 299.99; fee 2% = 5.9998 + 0.25 = 6.2498 -> 6.25 (half-even)
    expect([change.creatorsCash.toString(), change.payoutFees.toString()]).toEqual(['-6.25 USD', '6.25 USD']);
    expect([change.viewersPaid, change.stores, change.platform].every((m) => m.isZero())).toBe(true);
  });

  it('an iOS-heavy mix pays the stores more than a web-heavy mix', () => {
    const ios = runScenario(
      tiktok,
      simulateAudience(tiktok, { seed: 1, viewers: 30, creators: 3, gifts: 300, channels: { ios: 9, web: 1 }, region: 'US' }),
    );
    const web = runScenario(
      tiktok,
      simulateAudience(tiktok, { seed: 1, viewers: 30, creators: 3, gifts: 300, channels: { ios: 1, web: 9 }, region: 'US' }),
    );
    expect(ios.stores.compare(web.stores)).toBe(1);
  });
});
