import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverlay, parseRateTable } from '../../src/index.js';
import { facebookStars } from '../../src/presets/facebook-stars.js';
import { tiktok, tiktokAppLadder65Overlay, tiktokHalfDiamondOverlay } from '../../src/presets/tiktok.js';
import { twitchBits } from '../../src/presets/twitch-bits.js';

const data = JSON.parse(readFileSync(new URL('../../../shared/data/tiktok.json', import.meta.url), 'utf8'));
const other = JSON.parse(readFileSync(new URL('../../../shared/data/other-economies.json', import.meta.url), 'utf8'));

describe('presets', () => {
  it.each([tiktok, twitchBits, facebookStars])('$ref passes the schema and round-trips', (table) => {
    const parsed = parseRateTable(JSON.parse(JSON.stringify(table)));
    expect(parsed.document).toEqual(table.document);
  });

  it('every preset names its sources with a title and a date', () => {
    for (const table of [tiktok, twitchBits, facebookStars]) {
      expect(table.document.sources.length).toBeGreaterThan(2);
      for (const source of table.document.sources) expect(source.retrieved ?? source.published, `${table.ref}: ${source.key}`).toBeTruthy();
    }
  });

  it('TikTok gifts are the 57 of ../shared/data/tiktok.json, with the same ids and prices', () => {
    expect(tiktok.gifts.map((g) => [g.id, g.coins])).toEqual(data.gifts.map((g: { id: number; coins: number }) => [String(g.id), g.coins]));
    expect(tiktok.gift('Lion')?.coins).toBe(29999);
    expect(tiktok.gift('9072')?.name).toBe('TikTok Universe');
  });

  it('TikTok figures match the data: app ladder, web pack, custom limits, diamond value, payout', () => {
    // the 70-coin app ladder (backtofront and two more); the 5-coin pack is left out as low confidence
    const app = data.bundles.filter(
      (b: { confidence?: string; prices?: { app?: { USD?: string; source?: string } } }) =>
        b.prices?.app?.USD && b.prices.app.source === 'backtofront' && b.confidence !== 'low',
    );
    const ios = tiktok.offers('ios', 'USD')?.bundles.map((b) => [b.coins, b.priceMinor]);
    expect(ios).toEqual(
      app.map((b: { coins: number; prices: { app: { USD: string } } }) => [b.coins, Number(b.prices.app.USD.replace('.', ''))]),
    );
    expect(tiktok.offers('android', 'USD')?.bundles).toEqual(tiktok.offers('ios', 'USD')?.bundles);
    expect(tiktok.offers('web', 'USD')?.bundles).toEqual([{ id: 'usd-70', coins: 70, priceMinor: 74 }]);
    const custom = tiktok.offers('web', 'USD')?.custom;
    expect([custom?.minCoins, custom?.maxCoins]).toEqual([data.webCustomAmount.minCoins.value, data.webCustomAmount.maxCoins.value]);
    expect(tiktok.document.diamondValue.perDiamond).toBe(data.diamondValue.USDPerDiamond.USD);
    expect(tiktok.document.payout.minimum).toBe(data.payout.minimumWithdrawal.USD);
    expect(tiktok.document.payout.maximumPerDay).toBe(data.payout.maximumPerDay.USD);
  });

  it('the alternatives in the sources are overlays that apply cleanly', () => {
    expect(applyOverlay(tiktok, tiktokHalfDiamondOverlay).document.creatorShare.diamondsPerCoin).toBe('0.5');
    expect(
      applyOverlay(tiktok, tiktokAppLadder65Overlay)
        .offers('ios', 'USD')
        ?.bundles.map((b) => b.coins),
    ).toEqual([65, 330, 1321, 6607]);
  });

  it('Twitch Bits and Facebook Stars carry their sourced bundles and creator value', () => {
    const web = other['twitch-bits'].bundles.filter((b: { channel: string }) => b.channel === 'web');
    expect(twitchBits.offers('web', 'USD')?.bundles.map((b) => b.coins)).toEqual(web.map((b: { units: number }) => b.units));
    expect(twitchBits.document.diamondValue.perDiamond).toBe(other['twitch-bits'].creatorValuePerUnit.USD);
    expect(facebookStars.document.diamondValue.perDiamond).toBe(other['facebook-stars'].creatorValuePerUnit.USD);
  });
});
