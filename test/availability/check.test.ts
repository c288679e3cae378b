import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, parseRateTable, type RateTable, regionSummary, regionsAllowing } from '../../src/index.js';
import { tiktok } from '../../src/presets/tiktok.js';
import { minimalTable } from '../fixtures.js';
import { expectEconomyError } from '../helpers.js';

// Expected answers from ../shared/data/tiktok.json: 18+ to buy coins, send or receive gifts (19 in South
// Korea for buying and sending); LIVE suspended in Russia from 2022-03-06; 16+ to host LIVE. TikTok publishes no
// country list ("Gifts are available only in selected countries", tiktok-send-gift-cs), so a region the preset
// does not list (it lists US, KR, RU, GB, IN, CN) is NOT_KNOWN, never allowed.
const CASES: [string, string, string | undefined, number | undefined, string | undefined, true | string][] = [
  // region, feature, channel, age, at, expected (true or refusal code)
  ['US', 'buy-coins', 'ios', 18, undefined, true],
  ['US', 'buy-coins', 'web', 17, undefined, 'AGE'],
  ['US', 'send-gifts', undefined, 18, undefined, true],
  ['KR', 'buy-coins', 'web', 18, undefined, 'AGE'],
  ['KR', 'buy-coins', 'web', 19, undefined, true],
  ['KR', 'send-gifts', undefined, 18, undefined, 'AGE'],
  ['KR', 'receive-gifts', undefined, 18, undefined, true],
  ['RU', 'go-live', undefined, 30, '2026-11-25', 'REGION'],
  ['RU', 'go-live', undefined, 30, '2022-03-05', true],
  ['RU', 'send-gifts', undefined, 30, '2022-03-06', 'REGION'],
  ['RU', 'buy-coins', 'web', 30, '2026-11-25', true],
  ['RU', 'chests', undefined, 30, undefined, 'REGION'],
  ['DE', 'go-live', undefined, 16, undefined, 'NOT_KNOWN'],
  ['DE', 'buy-coins', 'web', 30, undefined, 'NOT_KNOWN'],
  ['BR', 'send-gifts', undefined, 30, undefined, 'NOT_KNOWN'],
  ['CN', 'send-gifts', undefined, 30, undefined, 'REGION'], // served by Douyin (quint-douyin)
  ['IN', 'buy-coins', 'web', 30, undefined, 'REGION'], // blocked since 2020-06-29 (cna-india-2020)
  ['GB', 'cash-out', undefined, 18, undefined, true],
  ['FR', 'cash-out', undefined, undefined, undefined, 'NOT_KNOWN'],
];

describe('check (TikTok preset)', () => {
  it.each(CASES)('%s %s via %s at age %s on %s', (region, feature, channel, age, at, expected) => {
    // the cases name channels as plain strings, as a table parsed at run time would
    const answer = check(tiktok as RateTable, {
      region,
      feature,
      ...(channel ? { channel } : {}),
      ...(age !== undefined ? { age } : {}),
      ...(at ? { at } : {}),
    });
    if (expected === true) expect(answer.ok).toBe(true);
    else expect(answer).toMatchObject({ ok: false, code: expected, reason: expect.any(String) });
  });

  it('says why, in a sentence', () => {
    expect(check(tiktok, { region: 'KR', feature: 'buy-coins', age: 18 })).toEqual({
      ok: false,
      status: 'refused',
      code: 'AGE',
      reason: 'buy-coins needs age 19 or over in KR; the age given is 18',
      alternatives: [],
    });
    const ru = check(tiktok, { region: 'RU', feature: 'go-live' });
    expect(ru.ok === false && ru.reason).toBe('go-live is not available in RU: TikTok suspended livestreaming in Russia on 2022-03-06');
  });

  it('answers "not known" for a region the preset does not list, with the source and what the default rules would say', () => {
    const br = check(tiktok, { region: 'BR', feature: 'send-gifts', age: 30 });
    expect(br).toMatchObject({
      ok: false,
      status: 'unknown',
      code: 'NOT_KNOWN',
      reason:
        'whether send-gifts is available in BR is not known: the table does not list BR: TikTok says gifts are available only in selected countries and publishes no list',
      sources: [{ key: 'tiktok-send-gift-cs', retrieved: '2026-11-25' }],
      confidence: 'sourced',
      alternatives: [{ text: 'the table lists US, KR, RU, GB, IN, CN' }],
    });
    expect(br.status === 'unknown' && br.ifListed.ok).toBe(true);
    // under the default rules a 15-year-old could not host LIVE (16+): kept as ifListed, the answer stays unknown
    const de = check(tiktok, { region: 'DE', feature: 'go-live', age: 15 });
    expect(de.status === 'unknown' && de.ifListed).toMatchObject({ ok: false, code: 'AGE' });
  });

  it('lets a table refuse or allow unlisted regions', () => {
    const base = { ...minimalTable() } as Record<string, unknown>;
    const regions = base.regions as Record<string, unknown>;
    const refuse = parseRateTable({ ...base, regions: { ...regions, unlisted: { answer: 'refuse', reason: 'launched in the US only' } } });
    expect(check(refuse, { region: 'DE', feature: 'buy-coins' })).toMatchObject({
      status: 'refused',
      code: 'REGION',
      reason: 'buy-coins is not available in DE, which the table does not list: launched in the US only',
    });
    expect(check(parseRateTable(base), { region: 'DE', feature: 'buy-coins' }).status).toBe('allowed');
  });

  it('states the minimum age when no age is given', () => {
    expect(check(tiktok, { region: 'KR', feature: 'send-gifts' })).toMatchObject({ ok: true, minAge: 19, currency: 'USD' });
    expect(check(tiktok, { region: 'GB', feature: 'buy-coins' })).toMatchObject({ ok: true, currency: 'GBP' });
  });

  it('refuses bad questions with EconomyError, not a refusal', () => {
    expectEconomyError(() => check(tiktok, { region: 'XX', feature: 'buy-coins' }), 'INVALID_ARGUMENT', /ISO 3166-1/);
    expectEconomyError(() => check(tiktok, { region: 'US', feature: 'teleport' }), 'INVALID_ARGUMENT', /feature must be one of/);
    expectEconomyError(
      () => check(tiktok, { region: 'US', feature: 'buy-coins', channel: 'fax' as never }),
      'UNKNOWN_CHANNEL',
      /ios, android, web/,
    );
    expectEconomyError(() => check(tiktok, { region: 'US', feature: 'buy-coins', age: 17.5 }), 'INVALID_QUANTITY', /age/);
    expectEconomyError(() => check(tiktok, { region: 'US', feature: 'buy-coins', at: 'soon' }), 'INVALID_ARGUMENT', /ISO 8601/);
    expectEconomyError(() => regionsAllowing(tiktok, '__proto__'), 'INVALID_ARGUMENT', /feature must be one of/);
    expectEconomyError(() => regionSummary(tiktok, 'XX'), 'INVALID_ARGUMENT', /ISO 3166-1/);
  });

  it('answers a question asked before from memory, but never one with an age, a date or a bad value', () => {
    const first = check(tiktok, { region: 'KR', feature: 'buy-coins', channel: 'web' });
    expect(check(tiktok, { region: 'KR', feature: 'buy-coins', channel: 'web' })).toBe(first);
    // the same question with an age is judged again: KR buys coins from 19 (tiktok-gifts-hr)
    expect(check(tiktok, { region: 'KR', feature: 'buy-coins', channel: 'web', age: 18 })).toMatchObject({ ok: false, code: 'AGE' });
    expect(check(tiktok, { region: 'KR', feature: 'buy-coins', channel: 'web', age: 19 }).ok).toBe(true);
    expectEconomyError(() => check(tiktok, { region: 'kr', feature: 'buy-coins', channel: 'web' }), 'INVALID_ARGUMENT', /ISO 3166-1/);
    expectEconomyError(
      () => check(tiktok, { region: 'KR', feature: 'buy-coins', channel: 'Web' as never }),
      'UNKNOWN_CHANNEL',
      /ios, android, web/,
    );
    // a question without a channel is remembered apart: an empty channel is still a bad value
    const noChannel = check(tiktok, { region: 'KR', feature: 'buy-coins' });
    expect(check(tiktok, { region: 'KR', feature: 'buy-coins' })).toBe(noChannel);
    expectEconomyError(() => check(tiktok, { region: 'KR', feature: 'buy-coins', channel: '' as never }), 'UNKNOWN_CHANNEL', /web/);
  });

  it('lists regions for a feature and features for a region', () => {
    const live = regionsAllowing(tiktok, 'go-live');
    expect(live.elsewhere).toBe(true);
    expect(live.allowed).toEqual(['US', 'KR', 'GB']);
    expect(live.refused.map((r) => r.region)).toEqual(['RU', 'IN', 'CN']); // allaccess-2022, cna-india-2020, quint-douyin
    // before 2020-06-29 (India) and 2022-03-06 (Russia) only mainland China, never served by TikTok, is refused
    expect(regionsAllowing(tiktok, 'go-live', '2020-01-01').refused.map((r) => r.region)).toEqual(['CN']);
    const ru = regionSummary(tiktok, 'RU');
    expect(
      Object.entries(ru)
        .filter(([, answer]) => !answer.ok)
        .map(([feature]) => feature),
    ).toEqual(['send-gifts', 'receive-gifts', 'go-live', 'chests']);
  });
});

describe('check (channels, dates, alternatives)', () => {
  const table = parseRateTable({
    ...minimalTable(),
    features: ['buy-coins', 'send-gifts', 'receive-gifts', 'cash-out', 'chests'],
    regions: {
      default: {
        currency: 'USD',
        channels: ['ios', 'web'],
        features: {
          'buy-coins': {},
          'send-gifts': {},
          'receive-gifts': {},
          'cash-out': { to: '2030-01-01' },
          chests: { available: false },
        },
      },
      rules: [
        { region: 'NL', features: { 'buy-coins': { channels: ['web'] } } },
        { region: 'JP', features: { chests: { available: true, from: '2022-08-01' } } },
      ],
    },
  });

  it('offers the channel that is allowed', () => {
    expect(check(table, { region: 'NL', feature: 'buy-coins', channel: 'ios' })).toEqual({
      ok: false,
      status: 'refused',
      code: 'CHANNEL',
      reason: 'buy-coins is not available through iOS in NL',
      alternatives: [{ channel: 'web', text: 'buy-coins is available through Web in NL' }],
    });
  });

  it('tells dates apart from regions and features that are off', () => {
    expect(check(table, { region: 'JP', feature: 'chests', at: '2022-07-31' })).toMatchObject({ ok: false, code: 'DATE' });
    expect(check(table, { region: 'JP', feature: 'chests', at: '2022-08-01' }).ok).toBe(true);
    expect(check(table, { region: 'US', feature: 'chests' })).toMatchObject({ ok: false, code: 'FEATURE_OFF' });
    expect(check(table, { region: 'US', feature: 'cash-out', at: '2031-01-01' })).toMatchObject({ ok: false, code: 'DATE' });
  });

  it('a refusal never carries a figure, an allowance never carries a refusal code', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('US', 'KR', 'RU', 'GB', 'NL', 'JP'),
        fc.constantFrom(...tiktok.document.features),
        fc.option(fc.constantFrom('ios', 'android', 'web'), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        (region, feature, channel, age, at) => {
          const answer = check(tiktok, { region, feature, at, ...(channel ? { channel } : {}), ...(age !== undefined ? { age } : {}) });
          if (answer.ok) {
            expect(Object.keys(answer)).not.toContain('code');
            expect(answer.sources.length).toBeGreaterThan(0); // every TikTok rule names its source
          } else if (answer.status === 'refused')
            expect(Object.keys(answer).sort()).toEqual(['alternatives', 'code', 'ok', 'reason', 'status']);
          else
            expect(Object.keys(answer).sort()).toEqual([
              'alternatives',
              'code',
              'confidence',
              'ifListed',
              'ok',
              'reason',
              'sources',
              'status',
            ]);
        },
      ),
    );
  });
});

describe('answers are shared safely', () => {
  const deepFrozen = (value: unknown): boolean =>
    typeof value !== 'object' || value === null || (Object.isFrozen(value) && Object.values(value).every(deepFrozen));

  it('every answer is frozen all the way down, so a remembered answer cannot be changed by a caller', () => {
    for (const query of [
      { region: 'US', feature: 'buy-coins', channel: 'web' },
      { region: 'DE', feature: 'send-gifts' },
      { region: 'RU', feature: 'buy-coins' },
      { region: 'KR', feature: 'buy-coins', age: 18 },
      { region: 'GB', feature: 'cash-out', at: '2026-01-01' },
    ] as const) {
      const first = check(tiktok, query);
      expect(deepFrozen(first)).toBe(true);
      expect(check(tiktok, { ...query })).toEqual(first);
    }
  });
});
