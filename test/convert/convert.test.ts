import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyOverlay,
  type Breakdown,
  budgetCoins,
  cashOut,
  coinValue,
  compareChannels,
  diamondsForCoins,
  diamondsForValue,
  giftsWithinBudget,
  Money,
  money,
  moneyFlow,
  payoutTarget,
  payoutTimeline,
  quoteCoins,
  type RateTable,
  safeParseRateTable,
  sendGifts,
  viewerBalance,
} from '../../src/index.js';
import { facebookStars } from '../../src/presets/facebook-stars.js';
import { tiktok, tiktokHalfDiamondOverlay } from '../../src/presets/tiktok.js';
import { twitchBits } from '../../src/presets/twitch-bits.js';
import { expectEconomyError } from '../helpers.js';

const half = applyOverlay(tiktok, tiktokHalfDiamondOverlay);
const ok = <T extends { ok: boolean }>(answer: T) => {
  expect(answer.ok, JSON.stringify(answer)).toBe(true);
  return answer as Extract<T, { ok: true }>;
};

describe('buy coins (figures from ../shared/data/tiktok.json)', () => {
  it('70 coins in the app cost USD 0.99; on the web USD 0.74', () => {
    expect(ok(quoteCoins(tiktok, { coins: 70, channel: 'ios', region: 'US' })).price.toString()).toBe('0.99 USD');
    expect(ok(quoteCoins(tiktok, { coins: 70, channel: 'web', region: 'US' })).price.toString()).toBe('0.74 USD');
  });

  it('17,500 coins in the app: 250 × 70-packs (247.50) beat the 17,500 pack (249.99)', () => {
    // 17,500 / 70 = 250 packs × 0.99 = 247.50
    const quote = ok(quoteCoins(tiktok, { coins: 17_500, channel: 'android', region: 'US' }));
    expect(quote.price.toString()).toBe('247.50 USD');
    expect(quote.lines).toHaveLength(1);
  });

  it('5,000 coins on the web: 71 packs of 70 (52.54) + a custom 30 (31.8 cents, rounded up to 32) = 52.86', () => {
    const quote = ok(quoteCoins(tiktok, { coins: 5000, channel: 'web', region: 'US' }));
    expect(quote.price.toString()).toBe('52.86 USD');
    expect(quote.coinsReceived).toBe(5000);
    // 52.86 / 5000 = 0.010572
    expect(quote.pricePerCoin?.toString()).toBe('0.010572 USD');
    expect(quote.breakdown.map((s) => s.step)).toEqual(['bundle', 'custom-amount', 'total']);
    const custom = quote.breakdown[1];
    expect(custom).toMatchObject({ rate: '0.0106', rounding: 'ceil', table: 'tiktok@2026-11-25' });
    // 30 × 0.0106 = 0.318, rounded up to 0.32; the residue is exact − rounded = 0.318 − 0.32 = −0.002
    expect(String(custom?.residue)).toBe('-0.002 USD');
    expect(String(custom?.output)).toBe('0.32 USD');
  });

  it('GBP in the UK uses the GBP ladder: 65 coins for GBP 0.89', () => {
    const quote = ok(quoteCoins(tiktok, { coins: 65, channel: 'ios', region: 'GB' }));
    expect(quote.price.toString()).toBe('0.89 GBP');
    expect(quoteCoins(tiktok, { coins: 65, channel: 'web', region: 'GB' })).toMatchObject({ ok: false, code: 'NO_PRICE' });
  });

  it('a budget of USD 25 buys 1,750 coins in the app (25 packs × 0.99 = 24.75)', () => {
    const answer = ok(budgetCoins(tiktok, { budget: money('25', 'USD'), channel: 'ios', region: 'US' }));
    expect([answer.coinsReceived, answer.price.toString()]).toEqual([1750, '24.75 USD']);
  });

  it('compares channels: 1,000 coins cost 14.85 on iOS (15 packs) and 10.58 on the web', () => {
    // web: 13 packs (9.62) + custom 90 (95.4 -> 96 cents) = 10.58; iOS: ceil(1000 / 70) = 15 × 0.99 = 14.85
    const comparison = compareChannels(tiktok, { coins: 1000, region: 'US' });
    expect(comparison.cheapest?.channel).toBe('web');
    expect(comparison.cheapest?.price.toString()).toBe('10.58 USD');
    expect(comparison.dearest?.price.toString()).toBe('14.85 USD');
    expect(comparison.saving?.toString()).toBe('4.27 USD');
  });

  it('refuses what the rules forbid, with no figure', () => {
    expect(quoteCoins(tiktok, { coins: 70, channel: 'web', region: 'KR', age: 18 })).toMatchObject({ ok: false, code: 'AGE' });
    expect(quoteCoins(tiktok, { coins: 70, channel: 'web', region: 'KR', age: 19 }).ok).toBe(true);
    expectEconomyError(() => quoteCoins(tiktok, { coins: 1.5, channel: 'web', region: 'US' }), 'INVALID_QUANTITY');
    expectEconomyError(() => quoteCoins(tiktok, { coins: -1, channel: 'web', region: 'US' }), 'INVALID_QUANTITY');
    expectEconomyError(() => quoteCoins(tiktok, { coins: 1, channel: 'fax' as never, region: 'US' }), 'UNKNOWN_CHANNEL');
    expectEconomyError(() => quoteCoins(tiktok, { coins: 1, channel: 'web', region: 'ZZ' }), 'INVALID_ARGUMENT');
    expectEconomyError(() => quoteCoins(tiktok, { coins: 1, channel: 'web', region: 'US', currency: 'usd' }), 'INVALID_CURRENCY');
  });
});

describe('send gifts and cash out', () => {
  it('a Lion is 29,999 coins; 1 diamond per coin at USD 0.005 = 149.995, half-even 150.00', () => {
    const lion = ok(sendGifts(tiktok, { gift: 'Lion' }));
    expect([lion.coins, lion.diamonds, lion.value.toString()]).toEqual([29_999, 29_999, '150.00 USD']);
    expect(lion.breakdown[2]).toMatchObject({ step: 'diamond-value', rate: '0.005' });
    expect(String(lion.breakdown[2]?.residue)).toBe('-0.005 USD');
  });

  it('a streak of 3 Roses at 0.5 diamond per coin is one event: floor(1.5) = 1 diamond, 0.5 left over', () => {
    const roses = ok(sendGifts(half, { gift: 'Rose', count: 3 }));
    expect(roses.diamonds).toBe(1);
    expect(roses.breakdown[1]?.residue).toEqual({ count: '0.5', unit: 'diamond' });
  });

  it('refuses unknown gifts and gifts in regions without them', () => {
    expectEconomyError(() => sendGifts(tiktok, { gift: 'Unicorn' as never }), 'UNKNOWN_GIFT', /Rose/);
    expectEconomyError(() => sendGifts(tiktok, { gift: 'Rose', count: 0 }), 'INVALID_QUANTITY');
    expect(sendGifts(tiktok, { gift: 'Rose', region: 'RU' })).toMatchObject({ ok: false, code: 'REGION' });
  });

  it('50,000 diamonds are USD 250.00, withdrawable; 15,000 are USD 75.00, 4,999 short of USD 100', () => {
    const big = ok(cashOut(tiktok, { diamonds: 50_000 }));
    expect([big.gross.toString(), big.withdrawable, big.net.toString()]).toEqual(['250.00 USD', true, '250.00 USD']);
    const small = ok(cashOut(tiktok, { diamonds: 15_000 }));
    expect([small.withdrawable, small.diamondsMissing, small.withdrawal.toString()]).toEqual([false, 4999, '0.00 USD']);
  });

  it('caps a withdrawal at USD 1,000 a day', () => {
    // 400,000 × 0.005 = 2,000.00 gross; 1,000.00 today
    const out = ok(cashOut(tiktok, { diamonds: 400_000 }));
    expect([out.gross.toString(), out.withdrawal.toString()]).toEqual(['2000.00 USD', '1000.00 USD']);
  });

  it('charges the method fee and converts with a given FX rate', () => {
    const table = applyOverlay(tiktok, {
      payout: { methods: [{ id: 'paypal', name: 'PayPal', percentFee: '0.02', fixedFee: '0.30', feeRounding: 'half-up' }] },
    });
    // 50,000 diamonds = 250.00; fee 2% = 5.00 + 0.30 = 5.30; net 244.70; × 0.9123 EUR = 223.239810 -> 223.24
    const out = ok(cashOut(table, { diamonds: 50_000, fx: { currency: 'EUR', rate: '0.9123', source: 'example rate' } }));
    expect([out.fee.toString(), out.net.toString(), out.converted?.toString()]).toEqual(['5.30 USD', '244.70 USD', '223.24 EUR']);
    expect(out.breakdown.at(-1)).toMatchObject({ step: 'fx', rate: '0.9123', table: 'example rate' });
    expectEconomyError(() => cashOut(table, { diamonds: 1, fx: { currency: 'EUR', rate: '0', source: 'x' } }), 'INVALID_ARGUMENT');
    expectEconomyError(() => cashOut(table, { diamonds: 1, method: 'cheque' }), 'INVALID_ARGUMENT', /paypal/);
  });

  it('what coins of gifts yield a creator: coins -> diamonds -> their value, on the ordinary path', () => {
    const value = (table: RateTable, coins: number) => {
      const out = cashOut(table, { diamonds: diamondsForCoins(table, coins) });
      return out.ok ? out.gross.toString() : out.reason;
    };
    // 1,000 coins × 1 diamond × USD 0.005 = 5.00
    expect(value(tiktok, 1000)).toBe('5.00 USD');
    // half-diamond reading: 1,001 coins -> floor(500.5) = 500 diamonds -> 2.50
    expect(value(half, 1001)).toBe('2.50 USD');
    // Twitch: 100 Bits -> USD 1.00 (USD 0.01 per Bit)
    expect(value(twitchBits, 100)).toBe('1.00 USD');
  });
});

describe('money flow, reverse questions, balances, coin value', () => {
  it('70 Roses bought on iOS: 0.99 splits into 0.30 commission, 0.35 creator, 0.34 platform', () => {
    // 0.99 × 0.30 = 0.297 -> 0.30; 70 diamonds × 0.005 = 0.35; platform = 0.99 - 0.30 - 0.35 = 0.34
    const flow = ok(moneyFlow(tiktok, { gift: 'Rose', count: 70, channel: 'ios', region: 'US' }));
    const p = flow.parts;
    expect([p.storeCommission, p.unspentCoins, p.creator, p.agency, p.payoutFee, p.residue, p.platform].map(String)).toEqual([
      '0.30 USD',
      '0.00 USD',
      '0.35 USD',
      '0.00 USD',
      '0.00 USD',
      '0.00 USD',
      '0.34 USD',
    ]);
    // with an agency keeping 20% of the creator's 0.35 (0.07), the creator keeps 0.28
    const agency = ok(moneyFlow(applyOverlay(tiktok, { agencyShare: '0.2' }), { gift: 'Rose', count: 70, channel: 'ios', region: 'US' }));
    expect([agency.parts.agency.toString(), agency.parts.creator.toString(), agency.parts.platform.toString()]).toEqual([
      '0.07 USD',
      '0.28 USD',
      '0.34 USD',
    ]);
  });

  it('a GBP purchase with USD diamonds needs an FX rate, and then still sums exactly', () => {
    // 65 coins in the UK app: GBP 0.89 (apps-uk). 65 Roses = 65 diamonds × USD 0.005 = 0.325 -> 0.32 USD (half-even)
    expectEconomyError(
      () => moneyFlow(tiktok, { gift: 'Rose', count: 65, channel: 'ios', region: 'GB' }),
      'CURRENCY_MISMATCH',
      /give an FX rate into GBP/,
    );
    const flow = ok(
      moneyFlow(tiktok, {
        gift: 'Rose',
        count: 65,
        channel: 'ios',
        region: 'GB',
        fx: { currency: 'GBP', rate: '0.79', source: 'example rate' },
      }),
    );
    // creator: 0.32 USD × 0.79 = 0.2528 -> GBP 0.25; exact 0.325 × 0.79 = 0.25675, residue 0.00675 -> 0.01;
    // commission 0.89 × 0.30 = 0.267 -> 0.27; platform = 0.89 - 0.27 - 0.25 - 0.01 = 0.36
    const p = flow.parts;
    expect([p.storeCommission, p.creator, p.residue, p.platform].map(String)).toEqual(['0.27 GBP', '0.25 GBP', '0.01 GBP', '0.36 GBP']);
    expect(flow.breakdown.some((s) => s.step === 'fx' && s.table === 'example rate')).toBe(true);
    expectEconomyError(
      () => moneyFlow(tiktok, { gift: 'Rose', channel: 'ios', region: 'GB', fx: { currency: 'EUR', rate: '1', source: 'x' } }),
      'CURRENCY_MISMATCH',
      /purchase currency GBP/,
    );
  });

  it('reverse: USD 100 needs 19,999 diamonds (99.995 rounds half-even to 100.00)', () => {
    expect(diamondsForValue(tiktok, money('100', 'USD'))).toBe(19_999);
    const target = payoutTarget(half, { target: money('100', 'USD'), gift: 'Rose' });
    // 19,999 diamonds at 0.5 per coin, floored once: 39,998 coins; per-settlement scope: 39,998 Roses
    expect([target.diamonds, target.coins, target.gifts]).toEqual([19_999, 39_998, 39_998]);
    const net = payoutTarget(
      applyOverlay(tiktok, { payout: { methods: [{ id: 'p', name: 'P', percentFee: '0.02', fixedFee: '0.30' }] } }),
      {
        target: money('100', 'USD'),
        basis: 'net',
      },
    );
    // gross G with G - round(0.02 G) - 0.30 >= 100: G = 102.35 -> fee 2.05 + 0.30 = 2.35 -> 100.00; 102.35 / 0.005 = 20,470
    expect(net.diamonds).toBe(20_470);
  });

  it('gifts within a budget', () => {
    const answer = ok(giftsWithinBudget(tiktok, { gift: 'Galaxy', budget: money('50', 'USD'), channel: 'web', region: 'US' }));
    expect([answer.count, answer.price.toString()]).toEqual([4, '42.29 USD']);
  });

  it('balances: what 1,234 coins afford, the top-up to a Lion, and a creator short of the minimum', () => {
    const viewer = viewerBalance(tiktok, { coins: 1234, channel: 'web', region: 'US', target: { gift: 'Lion' } });
    expect(viewer.affords.find((a) => a.name === 'Galaxy')?.count).toBe(1);
    expect(viewer.affords.find((a) => a.name === 'Rose')?.count).toBe(1234);
    expect(viewer.target?.coinsMissing).toBe(28_765);
    expect(viewerBalance(tiktok, { coins: 30_000, channel: 'web', region: 'US', target: { gift: 'Lion' } }).target?.topUp).toBeUndefined();
  });

  it('what one coin is worth, both ways', () => {
    const value = coinValue(tiktok, { region: 'US' });
    // viewer: 0.99 / 70 = 0.0141428… -> 0.014143 (app); 0.74 / 70 = 0.0105714… -> 0.010571 (web); creator 1 × 0.005
    expect(value.viewerCost.map((c) => c.answer.ok && c.answer.perCoin.toString())).toEqual([
      '0.014143 USD',
      '0.014143 USD',
      '0.010571 USD',
    ]);
    expect(value.creatorYield.toString()).toBe('0.005 USD');
  });
});

describe('every answer carries a breakdown citing the table', () => {
  it.each([
    ['quoteCoins', () => quoteCoins(tiktok, { coins: 100, channel: 'web', region: 'US' })],
    ['budgetCoins', () => budgetCoins(tiktok, { budget: money('5', 'USD'), channel: 'ios', region: 'US' })],
    ['compareChannels', () => compareChannels(tiktok, { coins: 100, region: 'US' })],
    ['sendGifts', () => sendGifts(tiktok, { gift: 'Rose' })],
    ['cashOut', () => cashOut(tiktok, { diamonds: 30_000 })],
    ['moneyFlow', () => moneyFlow(tiktok, { gift: 'Rose', channel: 'web', region: 'US' })],
    ['payoutTarget', () => payoutTarget(tiktok, { target: money('10', 'USD'), basis: 'net', gift: 'Rose' })],
    ['giftsWithinBudget', () => giftsWithinBudget(tiktok, { gift: 'Rose', budget: money('5', 'USD'), channel: 'web', region: 'US' })],
    ['viewerBalance', () => viewerBalance(tiktok, { coins: 10, channel: 'web', region: 'US', target: { gift: 'Lion' } })],
    ['coinValue', () => coinValue(tiktok, { region: 'US' })],
  ] as const)('%s', (_name, ask) => {
    const answer = ask() as { breakdown?: Breakdown };
    expect(answer.breakdown?.length).toBeGreaterThan(0);
    for (const item of answer.breakdown ?? []) {
      expect(item.step).toMatch(/^[a-z-]+$/);
      // every input and output is exact data: Money, a count as a decimal string with its unit, or a name
      for (const amount of [item.input, item.output, ...(item.residue ? [item.residue] : []), ...Object.values(item.also ?? {})]) {
        if (amount instanceof Money) continue;
        if ('count' in amount) expect(amount.count).toMatch(/^-?\d+(\.\d+)?$/);
        else expect(amount.label).not.toBe('');
      }
      expect([tiktok.ref]).toContain(item.table);
    }
  });
});

/** Writes over every string and array it can reach in an answer, frozen or not (frozen parts refuse quietly). */
function scribble(value: unknown, seen = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    const inner = (value as Record<PropertyKey, unknown>)[key];
    if (typeof inner === 'string' && !Object.isFrozen(value)) (value as Record<PropertyKey, unknown>)[key] = 'scribbled';
    else scribble(inner, seen);
  }
  if (Array.isArray(value) && !Object.isFrozen(value)) value.push('scribbled');
}

describe('answers are fresh objects: changing one changes no other answer', () => {
  it.each([
    ['quoteCoins', () => quoteCoins(tiktok, { coins: 1500, channel: 'web', region: 'US' })],
    ['budgetCoins', () => budgetCoins(tiktok, { budget: money('25', 'USD'), channel: 'web', region: 'US' })],
    ['compareChannels', () => compareChannels(tiktok, { coins: 100, region: 'US' })],
    ['sendGifts', () => sendGifts(tiktok, { gift: 'Lion', region: 'US' })],
    ['cashOut', () => cashOut(tiktok, { diamonds: 30_000, region: 'US' })],
    ['moneyFlow', () => moneyFlow(tiktok, { gift: 'Lion', channel: 'web', region: 'US' })],
    ['coinValue', () => coinValue(tiktok, { region: 'US' })],
    ['quoteCoins in an unlisted region', () => quoteCoins(tiktok, { coins: 100, channel: 'web', region: 'ZW', currency: 'USD' })],
  ] as const)('%s', (_name, ask) => {
    const before = JSON.stringify(ask());
    scribble(ask());
    expect(JSON.stringify(ask())).toBe(before);
    expect(before).not.toContain('scribbled');
  });
});

describe('properties', () => {
  const n = fc.integer({ min: 0, max: 10_000_000 });
  const channel = fc.constantFrom('ios', 'android', 'web');

  it('a quote never yields fewer coins than asked, and its lines sum to its price', () => {
    fc.assert(
      fc.property(n, channel, (coins, ch) => {
        const quote = ok(quoteCoins(tiktok, { coins, channel: ch, region: 'US' }));
        expect(quote.coinsReceived).toBeGreaterThanOrEqual(coins);
        expect(quote.lines.reduce((sum, line) => sum.plus(line.total), Money.fromMinor(0, 'USD')).equals(quote.price)).toBe(true);
        expect(quote.lines.reduce((sum, line) => sum + line.coins * line.count, 0)).toBe(quote.coinsReceived);
      }),
    );
  });

  it('the planner never costs more than any single-bundle plan', () => {
    fc.assert(
      fc.property(n, channel, (coins, ch) => {
        const set = tiktok.offers(ch, 'USD', 'US');
        const best = set?.planner.cheapestMinor(coins) as number;
        for (const bundle of set?.bundles ?? []) expect(best).toBeLessThanOrEqual(Math.ceil(coins / bundle.coins) * bundle.priceMinor);
      }),
    );
  });

  it('on the web (one pack and a custom amount) the planner matches an exhaustive search up to 10,000,000 coins', () => {
    // independent reference: j packs of 70 at 74 cents, the rest as one custom amount (30..2,500,000 at 1.06 cents, rounded up)
    const customCents = (k: number) => (k <= 0 ? 0 : k > 2_500_000 ? Number.POSITIVE_INFINITY : Math.ceil((Math.max(30, k) * 106) / 100));
    fc.assert(
      fc.property(n, (coins) => {
        let best = Number.POSITIVE_INFINITY;
        for (let j = 0; j <= Math.ceil(coins / 70); j++) best = Math.min(best, 74 * j + customCents(coins - 70 * j));
        expect(tiktok.offers('web', 'USD')?.planner.cheapestMinor(coins)).toBe(best);
      }),
      { numRuns: 60 },
    );
  });

  it('a money flow always sums exactly to what the viewer paid', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tiktok.gifts.map((g) => g.id)), fc.integer({ min: 1, max: 500 }), channel, (gift, count, ch) => {
        for (const table of [tiktok, half]) {
          const flow = ok(moneyFlow(table, { gift, count, channel: ch, region: 'US' }));
          const p = flow.parts;
          const sum = [p.storeCommission, p.unspentCoins, p.creator, p.agency, p.payoutFee, p.residue, p.platform].reduce((a, b) =>
            a.plus(b),
          );
          expect(sum.equals(flow.paid)).toBe(true);
          expect(Object.values(p).every((part) => part.isWholeMinor())).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reverse questions invert the forward ones within one unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), channel, (cents, ch) => {
        const target = Money.fromMinor(cents, 'USD');
        const d = diamondsForValue(tiktok, target);
        expect(ok(cashOut(tiktok, { diamonds: d })).gross.compare(target)).toBeGreaterThanOrEqual(0);
        if (d > 0) expect(ok(cashOut(tiktok, { diamonds: d - 1 })).gross.compare(target)).toBeLessThan(0);
        const bought = ok(budgetCoins(tiktok, { budget: target, channel: ch, region: 'US' }));
        expect(bought.price.compare(target)).toBeLessThanOrEqual(0);
        expect(
          ok(quoteCoins(tiktok, { coins: bought.coinsReceived + 1, channel: ch, region: 'US' })).price.compare(target),
        ).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('gifts by numeric id, and safeParseRateTable', () => {
  it('sendGifts takes the numeric gift id the live client emits: 6369 is the Lion (29,999 coins, tiktok.json)', () => {
    const lion = sendGifts(tiktok, { gift: 6369 });
    expect(lion.ok && [lion.gift.name, lion.coins]).toEqual(['Lion', 29_999]);
    expect(() => sendGifts(tiktok, { gift: 6369.5 })).toThrow(expect.objectContaining({ code: 'UNKNOWN_GIFT' }));
  });

  it('safeParseRateTable answers { ok, table } or { ok: false, issues } without throwing', () => {
    const good = safeParseRateTable(JSON.parse(JSON.stringify(tiktok)));
    expect(good.ok && good.table.ref).toBe('tiktok@2026-11-25');
    const bad = safeParseRateTable({ id: 'x', currencies: ['usd'] });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.map((issue) => issue.path.join('.'))).toContain('currencies.0');
  });
});

describe('unknown stays unknown: a payout minimum no source publishes', () => {
  it('Twitch Bits: 1 Bit is not "withdrawable", it is not known (other-economies.json gives no minimum)', () => {
    const out = cashOut(twitchBits, { diamonds: 1 });
    expect(out.ok && out.withdrawable).toBeUndefined();
    expect(out.ok && out.breakdown.find((s) => s.step === 'withdrawal-limits')?.rule).toMatch(/^minimum not published/);
  });

  it('TikTok: the USD 100 minimum cites the 2019 withdrawal page that gives it (tiktok.json payout.minimumWithdrawal)', () => {
    expect(tiktok.document.payout.source).toBe('tiktok-withdrawal-2019');
    const out = cashOut(tiktok, { diamonds: 19_998 }); // 19,998 × 0.005 = 99.99 < 100
    expect(out.ok && [out.withdrawable, out.diamondsMissing]).toEqual([false, 1]);
  });
});

describe('bonus units', () => {
  it('Facebook Stars: a web pack counts its bonus Stars, so the web is cheaper per Star than the app (other-economies.json)', () => {
    // web: 530 + 420 bonus = 950 Stars for 9.99; app: 530 Stars for 9.99 (techcrunch-stars-store)
    const web = quoteCoins(facebookStars, { coins: 950, channel: 'web', region: 'US' });
    const app = quoteCoins(facebookStars, { coins: 950, channel: 'app', region: 'US' });
    expect(web.ok && [web.price.toString(), web.lines.map((l) => [l.bundleId, l.coins, l.bonus])]).toEqual([
      '9.99 USD',
      [['web-530', 950, 420]],
    ]);
    // the app needs 2 × 530 = 1,060 Stars for 19.98
    expect(app.ok && app.price.toString()).toBe('19.98 USD');
    expect(web.ok && web.breakdown.find((s) => s.step === 'bundle')?.rule).toContain('420 bonus coins in each');
  });

  it('the planner stays optimal with bonus units: units received are what it optimises (brute force to 20,000)', () => {
    const set = facebookStars.offers('web', 'USD');
    const bundles = set?.bundles ?? [];
    const best = new Array<number>(20_001).fill(Number.POSITIVE_INFINITY);
    best[0] = 0;
    for (let n = 1; n <= 20_000; n++)
      for (const b of bundles) best[n] = Math.min(best[n] as number, b.priceMinor + (best[Math.max(0, n - b.coins)] as number));
    for (let n = 0; n <= 20_000; n += 7) expect(set?.planner.cheapestMinor(n)).toBe(best[n]);
  });
});

describe('payout timeline (tiktok.json payout: 15 processing days, tiktok-wallet; PayPal a further 21, tiktok-withdrawal-2019)', () => {
  it('USD 50,000 at USD 1,000 a day: 50 withdrawals, the last asked on 2027-01-13 and arriving 2027-01-28', () => {
    const plan = payoutTimeline(tiktok, { amount: money('50000', 'USD'), from: '2026-11-25', method: 'bank' });
    expect(plan.withdrawals).toHaveLength(50);
    // 2026-11-25 + 49 days = 2027-01-13; + 15 processing days = 2027-01-28
    expect(plan.withdrawals.at(-1)).toMatchObject({ requested: '2027-01-13', arrives: '2027-01-28' });
    expect(plan.sources.map((source) => source.key)).toEqual(['tiktok-withdrawal-2019', 'tiktok-wallet']);
    expect(plan.confidence).toBe('derived'); // the 2019 minimum stands for today's 'certain thresholds'
  });

  it('PayPal adds its 21 days; a remainder is the last withdrawal; below the minimum is an error', () => {
    const plan = payoutTimeline(tiktok, { amount: money('2500.50', 'USD'), from: '2026-11-25', method: 'paypal' });
    // 15 + 21 = 36 days: 2026-11-25 → 2026-12-31
    expect(plan.withdrawals.map((w) => [w.requested, w.amount.toString(), w.arrives])).toEqual([
      ['2026-11-25', '1000.00 USD', '2026-12-31'],
      ['2026-11-26', '1000.00 USD', '2027-01-01'],
      ['2026-11-27', '500.50 USD', '2027-01-02'],
    ]);
    expectEconomyError(
      () => payoutTimeline(tiktok, { amount: money('99.99', 'USD'), from: '2026-11-25' }),
      'INVALID_AMOUNT',
      /below the minimum withdrawal of 100.00 USD/,
    );
    expectEconomyError(() => payoutTimeline(tiktok, { amount: money('500', 'EUR'), from: '2026-11-25' }), 'INVALID_AMOUNT', /USD/);
  });

  it('with no sourced processing time, arrival is "not known" (Twitch Bits)', () => {
    const plan = payoutTimeline(twitchBits, { amount: money('10', 'USD'), from: '2026-11-25' });
    expect([plan.daysToArrive, plan.withdrawals[0]?.arrives, plan.notKnown]).toEqual([
      undefined,
      undefined,
      expect.stringMatching(/not known/),
    ]);
  });
});
