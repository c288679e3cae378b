import { describe, expect, it } from 'vitest';
import {
  budgetCoins,
  cashOut,
  check,
  coinValue,
  compareChannels,
  money,
  moneyFlow,
  parseRateTable,
  quoteCoins,
  sendGifts,
} from '../../src/index.js';
import { tiktok } from '../../src/presets/tiktok.js';
import { minimalTable } from '../fixtures.js';
import { expectEconomyError } from '../helpers.js';

const keys = (answer: { readonly sources: readonly { readonly key: string }[] }) => answer.sources.map((source) => source.key);

describe('currencies honestly (a region whose currency has no prices)', () => {
  it('an unlisted region has no known currency: a refusal naming the currencies that exist, unless a fallback is allowed', () => {
    const refused = quoteCoins(tiktok, { coins: 70, channel: 'ios', region: 'DE' });
    expect(refused).toMatchObject({
      ok: false,
      code: 'NO_PRICE',
      reason:
        "tiktok@2026-11-25: the table does not list DE, so no DE prices are known; name a currency (USD, GBP) or allow the default region's prices (currencyFallback)",
      alternatives: [{ text: 'prices on ios exist in USD' }, { text: 'prices on ios exist in GBP' }],
    });
    const fallback = quoteCoins(tiktok, { coins: 70, channel: 'ios', region: 'DE', currencyFallback: true });
    expect(fallback.ok && fallback.price.toString()).toBe('0.99 USD'); // the 70-coin app pack (backtofront)
    expect(fallback.ok && fallback.currencyFallback).toEqual({
      used: 'USD',
      reason: 'the table does not list DE, so no DE prices are known; USD prices of the default region',
    });
    expect(fallback.ok && fallback.breakdown.map((s) => s.step)).toEqual(['region-not-known', 'currency-fallback', 'bundle', 'total']);
    // a currency asked by name answers in it, still saying the region is not known, with no fallback note
    const named = quoteCoins(tiktok, { coins: 70, channel: 'ios', region: 'DE', currency: 'USD' });
    expect(named.ok && [named.price.toString(), named.currencyFallback, typeof named.regionNotKnown]).toEqual([
      '0.99 USD',
      undefined,
      'string',
    ]);
  });

  it('a listed region whose currency has no prices on a channel falls back only when asked, naming what it wanted', () => {
    const input = minimalTable();
    (input.regions as { rules: unknown[] }).rules.push({ region: 'DE', currency: 'EUR', features: {} });
    (input.currencies as string[]).push('EUR');
    const table = parseRateTable(input);
    const refused = quoteCoins(table, { coins: 100, channel: 'web', region: 'DE' });
    expect(refused.ok === false && refused.reason).toBe(
      "demo@1: no EUR prices on web are known; name a currency (USD) or allow the default region's prices (currencyFallback)",
    );
    const fallback = quoteCoins(table, { coins: 100, channel: 'web', region: 'DE', currencyFallback: true });
    expect(fallback.ok && [fallback.price.toString(), fallback.currencyFallback]).toEqual([
      '1.00 USD', // the 100-coin web bundle
      { wanted: 'EUR', used: 'USD', reason: 'no EUR prices on web are known; USD prices of the default region' },
    ]);
    expect(fallback.ok && fallback.regionNotKnown).toBeUndefined();
  });

  it('every price question takes the same rule: budget, comparison, coin value, money flow', () => {
    expect(budgetCoins(tiktok, { budget: money('0.99', 'USD'), channel: 'ios', region: 'DE' }).ok).toBe(true); // the budget names USD
    expect(compareChannels(tiktok, { coins: 70, region: 'DE' }).cheapest).toBeUndefined();
    expect(compareChannels(tiktok, { coins: 70, region: 'DE', currencyFallback: true }).cheapest?.price.toString()).toBe('0.74 USD');
    expect(coinValue(tiktok, { region: 'DE' }).viewerCost.every((c) => !c.answer.ok)).toBe(true);
    expect(coinValue(tiktok, { region: 'DE', currencyFallback: true }).viewerCost.every((c) => c.answer.ok)).toBe(true);
    expect(moneyFlow(tiktok, { gift: 'Rose', count: 70, channel: 'ios', region: 'DE' }).ok).toBe(false);
    expect(moneyFlow(tiktok, { gift: 'Rose', count: 70, channel: 'ios', region: 'DE', currencyFallback: true }).ok).toBe(true);
    expectEconomyError(
      () => quoteCoins(tiktok, { coins: 70, channel: 'ios', region: 'DE', currencyFallback: 'yes' as never }),
      'INVALID_ARGUMENT',
      /currencyFallback/,
    );
  });
});

describe('an unlisted region still answers, saying so', () => {
  it('sendGifts and cashOut for DE answer with regionNotKnown, a breakdown step and the source of the unknown', () => {
    const rose = sendGifts(tiktok, { gift: 'Rose', count: 5, region: 'DE' });
    expect(rose.ok && [rose.coins, rose.regionNotKnown, rose.breakdown[0]?.step]).toEqual([
      5,
      'whether send-gifts is available in DE is not known: the table does not list DE: TikTok says gifts are available only in selected countries and publishes no list',
      'region-not-known',
    ]);
    expect(rose.ok && keys(rose)).toEqual(['tiktok-send-gift-cs', 'gg-2024', 'live-success-2025']);
    const out = cashOut(tiktok, { diamonds: 50_000, region: 'DE' });
    expect(out.ok && [out.net.toString(), typeof out.regionNotKnown, out.breakdown[0]?.step]).toEqual([
      '250.00 USD',
      'string',
      'region-not-known',
    ]);
    // the default rules' age still applies: a 17-year-old in DE is refused as the default rules would refuse
    expect(sendGifts(tiktok, { gift: 'Rose', region: 'DE', age: 17 })).toMatchObject({ ok: false, code: 'AGE' });
    expect(sendGifts(tiktok, { gift: 'Rose', region: 'US' })).not.toHaveProperty('regionNotKnown');
  });
});

describe('sources on every answer (keys from the TikTok preset, ../shared/data/tiktok.json)', () => {
  it('a quote cites the rule that allowed it and the prices it used', () => {
    const quote = quoteCoins(tiktok, { coins: 70, channel: 'ios', region: 'US' });
    // buy-coins from 18 (tiktok-gifts-hr); 70 coins for USD 0.99 (backtofront)
    expect(quote.ok && [keys(quote), quote.confidence]).toEqual([['tiktok-gifts-hr', 'backtofront'], 'sourced']);
    expect(quote.ok && quote.sources[1]).toEqual({
      key: 'backtofront',
      title: 'How Much Are TikTok Gifts Worth? [ANSWERED] (backtofrontshow.com)',
      url: 'https://backtofrontshow.com/how-much-are-tiktok-gifts-worth/',
      retrieved: '2026-11-25',
    });
    // the web custom amount's per-coin price is derived (0.74 / 70 rounded up)
    const custom = quoteCoins(tiktok, { coins: 30, channel: 'web', region: 'US' });
    expect(custom.ok && [keys(custom), custom.confidence]).toEqual([['tiktok-gifts-hr', 'assist-all-jp-2025'], 'derived']);
    // GB's currency comes from its own rule (apps-uk, derived)
    const gb = quoteCoins(tiktok, { coins: 40, channel: 'ios', region: 'GB' });
    expect(gb.ok && [keys(gb), gb.confidence]).toEqual([['tiktok-gifts-hr', 'apps-uk'], 'derived']);
  });

  it('gifts, cash-outs and checks cite theirs; a rate passed by the caller makes the answer user-supplied', () => {
    const rose = sendGifts(tiktok, { gift: 'Rose' });
    expect(rose.ok && [keys(rose), rose.confidence]).toEqual([['gg-2024', 'live-success-2025'], 'derived']);
    const out = cashOut(tiktok, { diamonds: 50_000 });
    expect(out.ok && [keys(out), out.confidence]).toEqual([['live-success-2025', 'tiktok-withdrawal-2019', 'tiktok-wallet'], 'derived']);
    const euros = cashOut(tiktok, { diamonds: 50_000, fx: { currency: 'EUR', rate: '0.92', source: 'ECB reference rate' } });
    expect(euros.ok && euros.confidence).toBe('user-supplied');
    const kr = check(tiktok, { region: 'KR', feature: 'send-gifts' });
    expect(kr.ok && [keys(kr), kr.confidence]).toEqual([['tiktok-send-gift-cs'], 'sourced']);
    // a user's table without sources: every answer says its figures are the user's
    const own = sendGifts(parseRateTable(minimalTable()), { gift: 'rose' });
    expect(own.ok && own.confidence).toBe('user-supplied');
  });
});
