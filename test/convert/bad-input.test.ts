import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  budgetCoins,
  cashOut,
  check,
  coinValue,
  compareChannels,
  diamondsForCoins,
  diamondsForGifts,
  EconomyError,
  giftsWithinBudget,
  Ledger,
  money,
  moneyFlow,
  payoutTarget,
  quoteCoins,
  sendGifts,
  settle,
  viewerBalance,
} from '../../src/index.js';
import { tiktok } from '../../src/presets/tiktok.js';

// Bad input to any public question is an EconomyError, never a TypeError from inside, and a valid question
// answers with a figure or a typed refusal.
const junk = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -0,
    2 ** 53 + 1,
    1.5,
    -1,
    '1e1000',
    '__proto__',
    'constructor',
    'US',
    'web',
    'Rose',
    70,
  ),
);

const questions: [string, (value: unknown) => unknown][] = [
  ['quoteCoins', (v) => quoteCoins(tiktok, { coins: v, channel: 'web', region: 'US' } as never)],
  ['quoteCoins channel', (v) => quoteCoins(tiktok, { coins: 70, channel: v, region: 'US' } as never)],
  ['quoteCoins region', (v) => quoteCoins(tiktok, { coins: 70, channel: 'web', region: v } as never)],
  ['quoteCoins currency', (v) => quoteCoins(tiktok, { coins: 70, channel: 'web', region: 'US', currency: v } as never)],
  ['budgetCoins', (v) => budgetCoins(tiktok, { budget: v, channel: 'web', region: 'US' } as never)],
  ['compareChannels', (v) => compareChannels(tiktok, { coins: v, region: 'US' } as never)],
  ['sendGifts', (v) => sendGifts(tiktok, { gift: v, count: 1 } as never)],
  ['sendGifts count', (v) => sendGifts(tiktok, { gift: 'Rose', count: v } as never)],
  ['sendGifts at', (v) => sendGifts(tiktok, { gift: 'Rose', region: 'US', at: v } as never)],
  ['cashOut', (v) => cashOut(tiktok, { diamonds: v } as never)],
  ['cashOut method', (v) => cashOut(tiktok, { diamonds: 1, method: v } as never)],
  ['cashOut fx', (v) => cashOut(tiktok, { diamonds: 1, fx: v } as never)],
  ['moneyFlow', (v) => moneyFlow(tiktok, { gift: 'Rose', count: v, channel: 'ios', region: 'US' } as never)],
  ['payoutTarget', (v) => payoutTarget(tiktok, { target: v } as never)],
  ['giftsWithinBudget', (v) => giftsWithinBudget(tiktok, { gift: v, budget: money('5', 'USD'), channel: 'web', region: 'US' } as never)],
  ['viewerBalance', (v) => viewerBalance(tiktok, { coins: v, channel: 'web', region: 'US' } as never)],
  ['coinValue', (v) => coinValue(tiktok, { region: v } as never)],
  ['check age', (v) => check(tiktok, { region: 'US', feature: 'buy-coins', age: v } as never)],
  ['check feature', (v) => check(tiktok, { region: 'US', feature: v } as never)],
  ['settle', (v) => settle(tiktok, v as never)],
  ['settle event', (v) => settle(tiktok, [v] as never)],
  ['ledger', (v) => new Ledger(tiktok).apply(v as never)],
  ['whole question', (v) => quoteCoins(tiktok, v as never)],
];

describe('bad input never escapes as anything but EconomyError', () => {
  it.each(questions)('%s', (_name, ask) => {
    fc.assert(
      fc.property(junk, (value) => {
        try {
          const answer = ask(value);
          if (answer && typeof answer === 'object' && 'then' in answer) return;
          if (answer && typeof answer === 'object' && 'ok' in answer && (answer as { ok: boolean }).ok === false) {
            expect(answer).toHaveProperty('reason');
          }
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(EconomyError);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
  });
});

describe('integer rate helpers refuse what is not a whole count (0.1.0 returned wrong figures)', () => {
  it.each([-1, '0x10', ' 12 ', 1.5, Number.NaN, 2 ** 53 + 1, '1e3', null])('diamondsForCoins(tiktok, %j) is INVALID_QUANTITY', (value) => {
    expect(() => diamondsForCoins(tiktok, value as never)).toThrow(expect.objectContaining({ code: 'INVALID_QUANTITY' }));
    expect(() => diamondsForGifts(tiktok, value as never, 1)).toThrow(expect.objectContaining({ code: 'INVALID_QUANTITY' }));
  });
});
