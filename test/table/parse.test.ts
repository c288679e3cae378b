import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EconomyError, parseRateTable, RateTable } from '../../src/index.js';
import { minimalTable } from '../fixtures.js';

type Table = ReturnType<typeof minimalTable>;

function problems(input: unknown) {
  try {
    parseRateTable(input);
  } catch (error) {
    expect(error).toBeInstanceOf(EconomyError);
    expect((error as EconomyError).code).toBe('INVALID_TABLE');
    return (error as EconomyError).issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  }
  throw new Error('expected the table to be refused');
}

/** One bad table per rule: the change, the path expected in the report, and words the message must hold. */
const RULES: [string, (t: Table) => void, string, RegExp][] = [
  [
    'a JSON number for money',
    (t) => ((t.bundles as { prices: { amount: unknown }[] }[])[0]!.prices[0]!.amount = 1.49),
    'bundles.0.prices.0.amount',
    /decimal string/,
  ],
  [
    'an exponent in a decimal',
    (t) => ((t.diamondValue as { perDiamond: string }).perDiamond = '5e-3'),
    'diamondValue.perDiamond',
    /no exponent/,
  ],
  ['fractional coins', (t) => ((t.gifts as { coins: number }[])[0]!.coins = 1.5), 'gifts.0.coins', /whole JSON number/],
  ['coins of zero', (t) => ((t.bundles as { coins: number }[])[0]!.coins = 0), 'bundles.0.coins', /at least 1/],
  [
    'a zero price',
    (t) => ((t.bundles as { prices: { amount: string }[] }[])[0]!.prices[0]!.amount = '0'),
    'bundles.0.prices.0.amount',
    /greater than 0/,
  ],
  ['coins past 2^53', (t) => ((t.gifts as { coins: number }[])[1]!.coins = 2 ** 53 + 2), 'gifts.1.coins', /whole JSON number/],
  [
    'a share above 1',
    (t) => ((t.creatorShare as { diamondsPerCoin: string }).diamondsPerCoin = '1.5'),
    'creatorShare.diamondsPerCoin',
    /from "0" to "1"/,
  ],
  [
    'a negative commission',
    (t) => ((t.channels as { storeCommission: string }[])[0]!.storeCommission = '-0.1'),
    'channels.0.storeCommission',
    /from "0" to "1"/,
  ],
  ['a duplicate gift id', (t) => ((t.gifts as { id: string }[])[1]!.id = 'rose'), 'gifts.1.id', /duplicate gift id/],
  ['a duplicate channel id', (t) => ((t.channels as { id: string }[])[1]!.id = 'ios'), 'channels.1.id', /duplicate channel id/],
  [
    'an unknown channel',
    (t) => ((t.bundles as { prices: { channel: string }[] }[])[0]!.prices[0]!.channel = 'android'),
    'bundles.0.prices.0.channel',
    /unknown channel "android"/,
  ],
  [
    'an unknown currency in a price',
    (t) => ((t.bundles as { prices: { currency: string }[] }[])[0]!.prices[0]!.currency = 'EUR'),
    'bundles.0.prices.0.currency',
    /not in the table's currencies/,
  ],
  ['an unknown ISO 4217 code', (t) => ((t.currencies as string[])[1] = 'XYZ'), 'currencies.1', /ISO 4217/],
  [
    'an unknown region code',
    (t) => ((t.regions as { rules: { region: string }[] }).rules[0]!.region = 'XX'),
    'regions.rules.0.region',
    /ISO 3166-1/,
  ],
  [
    'a lower-case region',
    (t) => ((t.regions as { rules: { region: string }[] }).rules[0]!.region = 'jp'),
    'regions.rules.0.region',
    /two capital letters/,
  ],
  [
    'an unknown feature',
    (t) => ((t.regions as { rules: { features: Record<string, unknown> }[] }).rules[0]!.features.teleport = {}),
    'regions.rules.0.features.teleport',
    /unknown feature/,
  ],
  ['an unknown source', (t) => ((t.gifts as { source?: string }[])[0]!.source = 'nowhere'), 'gifts.0.source', /unknown source "nowhere"/],
  [
    'minimum above maximum (custom)',
    (t) => ((t.customAmounts as { maxCoins: number }[])[0]!.maxCoins = 5),
    'customAmounts.0.maxCoins',
    /at least minCoins/,
  ],
  [
    'minimum above maximum (payout)',
    (t) => ((t.payout as { minimum: string }).minimum = '2000'),
    'payout.maximumPerDay',
    /at least the minimum/,
  ],
  ['a period ending before it starts', (t) => (t.effectiveTo = '2025-01-01'), 'effectiveTo', /must be after effectiveFrom/],
  ['an impossible date', (t) => (t.effectiveFrom = '2026-02-30T25:00:00Z'), 'effectiveFrom', /calendar date/],
  [
    'a price below the minor unit',
    (t) => ((t.bundles as { prices: { amount: string }[] }[])[0]!.prices[0]!.amount = '1.499'),
    'bundles.0.prices.0.amount',
    /minor unit/,
  ],
  [
    'an unknown rounding mode',
    (t) => ((t.creatorShare as { rounding: string }).rounding = 'nearest'),
    'creatorShare.rounding',
    /half-even/,
  ],
  ['an unknown key', (t) => (t.colour = 'red'), '', /Unrecognized key/],
  [
    'packs past the planner limit (99,999 and 100,000 coins at one cent a coin: a Frobenius-sized cover table)',
    (t) =>
      (t.bundles = (
        [
          [99_999, '999.99'],
          [100_000, '1000.00'],
        ] as const
      ).map(([coins, amount]) => ({
        id: `p${coins}`,
        coins,
        prices: [{ channel: 'ios', currency: 'USD', amount }],
      }))),
    'bundles',
    /PLANNER_LIMITS\.coverTable = 4194304/,
  ],
  [
    'a default rule missing a feature',
    (t) => delete (t.regions as { default: { features: Record<string, unknown> } }).default.features['cash-out'],
    'regions.default.features',
    /"cash-out" is missing/,
  ],
];

describe('parseRateTable', () => {
  it('accepts the hand-written table and compiles it frozen', () => {
    const table = parseRateTable(minimalTable());
    expect(table).toBeInstanceOf(RateTable);
    expect(table.ref).toBe('demo@1');
    expect(Object.isFrozen(table)).toBe(true);
    expect(Object.isFrozen(table.document.gifts[0])).toBe(true);
    expect(table.gift('lion')?.coins).toBe(29999);
    expect(table.gift('Lion')?.id).toBe('lion');
    // USD 0.005 per diamond = 1/2 cent
    expect(table.diamondValueMinor).toEqual({ numerator: 1, denominator: 2 });
    // JP has its own yen price; elsewhere there is none
    expect(table.offers('ios', 'JPY', 'JP')?.bundles).toEqual([{ id: 'large', coins: 1000, priceMinor: 2000 }]);
    expect(table.offers('ios', 'JPY', 'US')).toBeUndefined();
  });

  it.each(RULES)('refuses %s, naming the path', (_name, breakIt, path, message) => {
    const input = minimalTable();
    breakIt(input);
    const found = problems(input);
    expect(
      found.some((issue) => issue.path === path && message.test(issue.message)),
      JSON.stringify(found),
    ).toBe(true);
  });

  it('lists every problem at once, not only the first', () => {
    const input = minimalTable();
    for (const index of [0, 1, 2, 3, 6, 7]) RULES[index]?.[1](input);
    expect(problems(input).length).toBeGreaterThanOrEqual(6);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s anywhere, without polluting', (key) => {
    const text = JSON.stringify(minimalTable()).replace('"name":"Rose"', `"name":"Rose","${key}":{"polluted":true}`);
    const found = problems(JSON.parse(text));
    expect(found).toEqual([{ path: `gifts.0.${key}`, message: expect.stringMatching(/not allowed/) }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses things that are not tables', () => {
    for (const input of [null, undefined, 42, 'table', [], true]) problems(input);
  });

  it('round-trips through JSON unchanged', () => {
    const table = parseRateTable(minimalTable());
    const again = parseRateTable(JSON.parse(JSON.stringify(table)));
    expect(again.document).toEqual(table.document);
  });
});

const goodTable = fc
  .record({
    // pack sizes as real ladders have them (one family per table: TikTok app, Twitch web, multiples of 10)
    bundles: fc
      .constantFrom(
        [70, 350, 700, 1400, 3500, 7000, 17500],
        [100, 500, 1500, 5000, 10000, 25000],
        [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 250, 500],
      )
      .chain((family) =>
        fc.uniqueArray(fc.record({ coins: fc.constantFrom(...family), cents: fc.integer({ min: 1, max: 100_000 }) }), {
          minLength: 1,
          maxLength: 6,
          selector: (b) => b.coins,
        }),
      ),
    gifts: fc.uniqueArray(fc.record({ name: fc.string({ minLength: 1, maxLength: 12 }), coins: fc.integer({ min: 1, max: 50_000 }) }), {
      maxLength: 8,
    }),
    share: fc.integer({ min: 1, max: 100 }),
    scope: fc.constantFrom('per-gift', 'per-settlement'),
  })
  .map(({ bundles, gifts, share, scope }) => {
    const table = minimalTable();
    table.bundles = bundles.map((b, i) => ({
      id: `b${i}`,
      coins: b.coins,
      prices: [{ channel: 'ios', currency: 'USD', amount: `${Math.trunc(b.cents / 100)}.${String(b.cents % 100).padStart(2, '0')}` }],
    }));
    table.gifts = gifts.map((g, i) => ({ id: `g${i}`, name: g.name.trim() || 'x', coins: g.coins }));
    table.creatorShare = {
      diamondsPerCoin: share === 100 ? '1' : `0.${String(share).padStart(2, '0')}`,
      rounding: 'floor',
      scope: scope as 'per-gift',
    };
    return table;
  });

describe('rate table properties', () => {
  it('every generated valid table parses and round-trips through JSON unchanged', () => {
    fc.assert(
      fc.property(goodTable, (input) => {
        const table = parseRateTable(input);
        expect(parseRateTable(JSON.parse(JSON.stringify(table))).document).toEqual(table.document);
      }),
      { numRuns: 100 },
    );
  });

  it('arbitrary JSON and random mutations raise nothing but EconomyError, and pollute nothing', () => {
    const mutate = fc.tuple(fc.array(fc.oneof(fc.string(), fc.nat(20)), { minLength: 1, maxLength: 4 }), fc.jsonValue());
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.array(mutate, { maxLength: 4 })), (value) => {
        let input: unknown = value;
        if (Array.isArray(value) && value.every((m) => Array.isArray(m) && m.length === 2 && Array.isArray(m[0]))) {
          const table = minimalTable() as Record<string, unknown>;
          for (const [path, replacement] of value as [(string | number)[], unknown][]) {
            let target: unknown = table;
            for (const part of path.slice(0, -1))
              target = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)[String(part)] : undefined;
            if (typeof target === 'object' && target !== null) (target as Record<string, unknown>)[String(path.at(-1))] = replacement;
          }
          input = JSON.parse(JSON.stringify(table));
        }
        try {
          parseRateTable(input);
        } catch (error) {
          expect(error).toBeInstanceOf(EconomyError);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });
});
