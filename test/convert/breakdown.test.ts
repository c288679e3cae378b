import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Amount,
  applyOverlay,
  type Breakdown,
  type BreakdownStep,
  type Count,
  cashOut,
  formatAmount,
  formatBreakdown,
  Money,
  money,
  moneyFlow,
  payoutTarget,
  quoteCoins,
  sendGifts,
} from '../../src/index.js';
import { tiktok, tiktokHalfDiamondOverlay } from '../../src/presets/tiktok.js';
import { expectEconomyError } from '../helpers.js';

// Breakdowns are data: these properties read only the steps (never the answer's own totals) and check that the
// parts make up the whole, exactly.
const only = (breakdown: Breakdown, name: BreakdownStep['step']) => breakdown.filter((s) => s.step === name);
const one = (breakdown: Breakdown, name: BreakdownStep['step']) => {
  const found = only(breakdown, name);
  expect(found).toHaveLength(1);
  return found[0] as BreakdownStep;
};
const asMoney = (amount: Amount | undefined): Money => {
  expect(amount).toBeInstanceOf(Money);
  return amount as Money;
};
const asCount = (amount: Amount | undefined): bigint => BigInt((amount as Count).count);
const sum = (amounts: readonly Money[], currency: string) =>
  amounts.reduce((total, part) => total.plus(part), Money.fromMinor(0, currency));
const gifts = fc.constantFrom('Rose', 'TikTok', 'Finger Heart', 'Doughnut', 'Lion', 'TikTok Universe');
const channels = fc.constantFrom('ios', 'android', 'web');

describe('breakdowns add up from the data alone', () => {
  it('a quote: the lines cost the total, deliver its coins, and the price per coin times the coins plus the residue is the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000 }), channels, (coins, channel) => {
        const quote = quoteCoins(tiktok, { coins, channel, region: 'US' });
        if (!quote.ok) return;
        const { breakdown } = quote;
        const total = one(breakdown, 'total');
        const bundles = only(breakdown, 'bundle');
        const customs = only(breakdown, 'custom-amount');
        const price = asMoney(total.output);
        expect(
          sum(
            [...bundles, ...customs].map((s) => asMoney(s.output)),
            price.currency,
          ).equals(price),
        ).toBe(true);
        const received = [...bundles.map((s) => asCount(s.also?.coins)), ...customs.map((s) => asCount(s.input))].reduce(
          (a, b) => a + b,
          0n,
        );
        expect(received).toBe(asCount(total.input));
        expect(received >= BigInt(coins)).toBe(true);
        const perCoin = asMoney(total.also?.perCoin);
        const residue = total.residue ? asMoney(total.residue) : Money.fromMinor(0, price.currency);
        expect(perCoin.times(received).plus(residue).equals(price)).toBe(true);
        for (const line of bundles)
          expect(asMoney(line.output).equals(Money.of(line.rate as string, price.currency).times(asCount(line.input)))).toBe(true);
        // a custom line: the per-coin price × its coins is the rounded total plus what the rounding left over
        for (const line of customs) {
          const exact = Money.of(line.rate as string, price.currency).times(asCount(line.input));
          const left = line.residue ? asMoney(line.residue) : Money.fromMinor(0, price.currency);
          expect(asMoney(line.output).plus(left).equals(exact)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a gift: coins feed the share, diamonds feed the value, and each rounding states what it left over', () => {
    fc.assert(
      fc.property(gifts, fc.integer({ min: 1, max: 10_000 }), (gift, count) => {
        const answer = sendGifts(tiktok, { gift, count, region: 'US' });
        if (!answer.ok) throw new Error(answer.reason);
        const cost = one(answer.breakdown, 'gift-cost');
        const share = one(answer.breakdown, 'creator-share');
        const value = one(answer.breakdown, 'diamond-value');
        expect(asCount(cost.output)).toBe(asCount(cost.input) * BigInt(cost.rate as string));
        expect(asCount(share.input)).toBe(asCount(cost.output));
        // coins × rate = diamonds + residue, exactly (the residue may be a fraction of a diamond)
        const exactDiamonds = money(String(asCount(share.input)), 'USD').times(share.rate as string);
        const residue = share.residue ? money((share.residue as Count).count, 'USD') : money('0', 'USD');
        expect(
          money(String(asCount(share.output)), 'USD')
            .plus(residue)
            .equals(exactDiamonds),
        ).toBe(true);
        expect(asCount(value.input)).toBe(asCount(share.output));
        const worth = asMoney(value.output);
        const valueResidue = value.residue ? asMoney(value.residue) : Money.fromMinor(0, worth.currency);
        expect(worth.plus(valueResidue).equals(Money.of(value.rate as string, worth.currency).times(asCount(value.input)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a money flow: what the viewer paid is exactly store + unspent coins + creator + agency + payout fee + residue + platform', () => {
    fc.assert(
      fc.property(gifts, channels, (gift, channel) => {
        const flow = moneyFlow(tiktok, { gift, channel, region: 'US' });
        if (!flow.ok) return;
        const { breakdown } = flow;
        const paid = asMoney(one(breakdown, 'platform').input);
        const fee = one(breakdown, 'payout-fee');
        const parts = [
          one(breakdown, 'store-commission').output,
          one(breakdown, 'unspent-coins').output,
          fee.output,
          fee.also?.creator,
          one(breakdown, 'agency').output,
          one(breakdown, 'residue').output,
          one(breakdown, 'platform').output,
        ].map(asMoney);
        expect(sum(parts, paid.currency).equals(paid)).toBe(true);
        expect(asMoney(one(breakdown, 'store-commission').input).equals(paid)).toBe(true);
      }),
    );
  });

  it('a cash-out: the withdrawal is the fee plus the net', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20_000, max: 5_000_000 }), fc.constantFrom('paypal', 'bank'), (diamonds, method) => {
        const out = cashOut(tiktok, { diamonds, method, region: 'US' });
        if (!out.ok) throw new Error(out.reason);
        const fee = one(out.breakdown, 'payout-fee');
        expect(asMoney(fee.output).plus(asMoney(fee.also?.net)).equals(asMoney(fee.input))).toBe(true);
        expect(asMoney(one(out.breakdown, 'withdrawal-limits').output).equals(asMoney(fee.input))).toBe(true);
      }),
    );
  });
});

describe('rule texts', () => {
  it('write counts grouped in threes and a rate of one with a singular unit', () => {
    // 1,000 Lions: 29,999 coins each (data/tiktok.json, Lion); 1 diamond per coin, rounded per single gift
    const lions = sendGifts(tiktok, { gift: 'Lion', count: 1000, region: 'US' });
    if (!lions.ok) throw new Error(lions.reason);
    expect(lions.breakdown.map((s) => s.rule).slice(0, 2)).toEqual([
      '29,999 coins each',
      '× 1 diamond per coin, rounded for each single gift, × 1,000 (per-gift scope)',
    ]);
    const half = applyOverlay(tiktok, tiktokHalfDiamondOverlay);
    const roses = sendGifts(half, { gift: 'Rose', count: 7, region: 'US' });
    if (!roses.ok) throw new Error(roses.reason);
    expect(roses.breakdown[1]?.rule).toBe('× 0.5 diamonds per coin, rounded once for this gift event (per-settlement scope)');
  });

  it('name a payout method as the table does, and a single coin without a plural', () => {
    const target = payoutTarget(tiktok, { target: money('100', 'USD'), basis: 'net', gift: 'Rose' });
    expect(target.breakdown.map((s) => s.rule)).toEqual([
      'the smallest withdrawal whose net after the PayPal fee reaches the target',
      'the fewest diamonds whose value at 0.005 USD each reaches it',
      'the fewest coins that reach them at 1 diamond per coin',
      'the fewest Rose gifts (1 coin each), sent in one go, whose diamonds reach them',
    ]);
  });
});

describe('formatBreakdown', () => {
  it('renders every amount for the locale from the exact data', () => {
    // 3 Lions: 3 × 29,999 = 89,997 coins = 89,997 diamonds; × 0.005 = 449.985, half-even 449.98
    const lions = sendGifts(tiktok, { gift: 'Lion', count: 3, region: 'US' });
    if (!lions.ok) throw new Error(lions.reason);
    const german = formatBreakdown(lions.breakdown, 'de-DE');
    expect(german.map((s) => [s.step, s.input, s.output])).toEqual([
      ['gift-cost', '3 Lions', '89.997 coins'],
      ['creator-share', '89.997 coins', '89.997 diamonds'],
      ['diamond-value', '89.997 diamonds', '449,98\u00a0$'],
    ]);
    expect(german[2]?.residue).toBe('0,005\u00a0$');
    const english = formatBreakdown(lions.breakdown, 'en-US');
    expect(english[2]).toMatchObject({ output: '$449.98', residue: '$0.005', rate: '0.005', rounding: 'half-even', table: tiktok.ref });
  });

  it('formats a fee step with its net, and counts of one without a plural', () => {
    // 20,000 diamonds × 0.005 = 100.00; PayPal's fee is 0 (tiktok.json), so the net is 100.00
    const out = cashOut(tiktok, { diamonds: 20_000, method: 'paypal', region: 'US' });
    if (!out.ok) throw new Error(out.reason);
    expect(formatBreakdown(out.breakdown, 'en-US').find((s) => s.step === 'payout-fee')).toMatchObject({
      output: '$0.00',
      also: 'net $100.00',
    });
    expect(formatAmount({ count: '1', unit: 'coin' }, 'en-US')).toBe('1 coin');
    expect(formatAmount({ label: 'web' })).toBe('web');
  });

  it('refuses what is not a breakdown', () => {
    for (const bad of [null, 'steps', 42, [null], [{ step: 'x', input: 5 }]]) {
      expectEconomyError(() => formatBreakdown(bad as never), 'INVALID_ARGUMENT');
    }
    expectEconomyError(() => formatAmount({ count: 5 } as never), 'INVALID_ARGUMENT');
  });
});

describe('formatting hostile input', () => {
  const lions = sendGifts(tiktok, { gift: 'Lion', region: 'US' });
  const steps = lions.ok ? lions.breakdown : [];

  it('refuses a step with a throwing getter, a count that is not an exact decimal, and a locale Intl refuses', () => {
    const throwing = Object.defineProperty({ ...steps[0] }, 'input', {
      get() {
        throw new Error('boom');
      },
    });
    expectEconomyError(() => formatBreakdown([throwing] as never), 'INVALID_ARGUMENT', /step 0 is not a breakdown step/);
    for (const count of ['NaN', '0x10', ' 12 ', '1e3', '', '-']) {
      expectEconomyError(() => formatAmount({ count, unit: 'coin' }), 'INVALID_ARGUMENT');
    }
    for (const locale of ['not a locale!', 42, [null], '']) {
      expectEconomyError(() => formatBreakdown(steps, locale as never), 'INVALID_ARGUMENT', /locale|step 0/);
      expectEconomyError(() => money('1', 'USD').format(locale as never), 'INVALID_ARGUMENT', /locale/);
    }
    expectEconomyError(() => money('1', 'USD').format('en-US', { maximumFractionDigits: 500 }), 'INVALID_ARGUMENT', /Intl/);
  });
});
