import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { tiktok } from '../../src/presets/tiktok.js';

// Field by field: each question is called with a valid query in which one field at a time is replaced by a
// hostile value. It answers (a figure or a refusal) or throws an EconomyError; an answer holds no NaN, no
// ±Infinity and no fractional count; nothing changes the preset. vitest's per-test timeout is the watchdog
// against a hang.
const throwing = Object.defineProperty({}, 'value', {
  get() {
    throw new Error('a getter that throws');
  },
});
const HOSTILE: [string, unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['{}', {}],
  ['[]', []],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['-0', -0],
  ['-1', -1],
  ['1.5', 1.5],
  ['1e309', Number.parseFloat('1e309')],
  ['"1e1000"', '1e1000'],
  ['"0x10"', '0x10'],
  ['" 12 "', ' 12 '],
  ['2^53+1', 2 ** 53 + 1],
  ['a symbol', Symbol('s')],
  ['a function', () => 1],
  ['a throwing getter', throwing],
  ['__proto__ object', JSON.parse('{"__proto__": {"polluted": true}}')],
  ['deep nesting', JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`)],
  ['a 10 MB string', 'x'.repeat(10_000_000)],
  ['a bigint', 10n],
];

type Call = (query: Record<string, unknown>) => unknown;
const usd = (amount: string) => api.money(amount, 'USD');
const QUESTIONS: [string, Record<string, unknown>, Call][] = [
  ['quoteCoins', { coins: 70, channel: 'web', region: 'US', age: 20 }, (q) => api.quoteCoins(tiktok, q as never)],
  ['budgetCoins', { budget: usd('5'), channel: 'web', region: 'US' }, (q) => api.budgetCoins(tiktok, q as never)],
  ['compareChannels', { coins: 70, region: 'US' }, (q) => api.compareChannels(tiktok, q as never)],
  ['coinValue', { region: 'US', currency: 'USD' }, (q) => api.coinValue(tiktok, q as never)],
  ['sendGifts', { gift: 'Rose', count: 3, region: 'US' }, (q) => api.sendGifts(tiktok, q as never)],
  ['moneyFlow', { gift: 'Rose', count: 70, channel: 'web', region: 'US' }, (q) => api.moneyFlow(tiktok, q as never)],
  ['cashOut', { diamonds: 50_000, method: 'paypal' }, (q) => api.cashOut(tiktok, q as never)],
  ['payoutTarget', { target: usd('100'), gift: 'Lion', basis: 'net' }, (q) => api.payoutTarget(tiktok, q as never)],
  ['payoutTimeline', { amount: usd('2500'), from: '2026-11-25', method: 'bank' }, (q) => api.payoutTimeline(tiktok, q as never)],
  ['giftsWithinBudget', { gift: 'Rose', budget: usd('5'), channel: 'web', region: 'US' }, (q) => api.giftsWithinBudget(tiktok, q as never)],
  ['viewerBalance', { coins: 100, channel: 'web', region: 'US' }, (q) => api.viewerBalance(tiktok, q as never)],
  ['check', { region: 'US', feature: 'buy-coins', channel: 'web', age: 20 }, (q) => api.check(tiktok, q as never)],
  ['chestSplit', { coins: 100, claimants: 2, viewers: ['a', 'b'], seed: 1 }, (q) => api.chestSplit(tiktok, q as never)],
  ['settle (an event)', { creatorId: 'c', giftCoins: 5, repeatCount: 2 }, (q) => api.settle(tiktok, [q as never])],
  [
    'Ledger.apply (a purchase)',
    { type: 'purchase', id: 'p', viewer: 'v', coins: 70, channel: 'web', region: 'US' },
    (q) => new api.Ledger(tiktok).apply(q as never),
  ],
];

/** Every number in an answer: finite, and whole where it counts something. */
function checkNumbers(value: unknown, path: string, seen = new Set<unknown>()): void {
  if (typeof value === 'number') {
    expect(Number.isFinite(value), `${path} is ${value}`).toBe(true);
    if (/(coins|diamonds|count|gifts|events)$/i.test(path)) expect(Number.isInteger(value), `${path} is ${value}`).toBe(true);
  } else if (typeof value === 'object' && value !== null && !seen.has(value) && !(value instanceof api.Money)) {
    seen.add(value);
    for (const [key, inner] of Object.entries(value)) checkNumbers(inner, `${path}.${key}`, seen);
  }
}

describe('hostile values in every field of every question', () => {
  const before = JSON.stringify(tiktok.document);

  it.each(QUESTIONS.map(([name, query, call]) => [name, query, call] as const))(
    '%s',
    (name, query, call) => {
      expect(() => checkNumbers(call(query), name)).not.toThrow(); // the valid query answers
      for (const field of [...Object.keys(query), 'extra']) {
        for (const [label, value] of HOSTILE) {
          const hostile = { ...query, [field]: value };
          let answer: unknown;
          try {
            answer = call(hostile);
          } catch (error) {
            expect(error, `${name} with ${field} = ${label}`).toBeInstanceOf(api.EconomyError);
            continue;
          }
          checkNumbers(answer, `${name} with ${field} = ${label}`);
        }
      }
      expect(JSON.stringify(tiktok.document)).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    120_000,
  );
});
