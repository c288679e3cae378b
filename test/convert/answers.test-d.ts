import { describe, expectTypeOf, it } from 'vitest';
import {
  type Coins,
  type GiftEvent,
  type GiftValue,
  type Money,
  money,
  parseRateTable,
  type Quote,
  quoteCoins,
  type RateTable,
  type RateTableDocument,
  type Refusal,
  type RefusalCode,
  type RoundingMode,
  type Settlement,
  sendGifts,
  settle,
  type TableNames,
} from '../../src/index.js';
import { type TikTokNames, tiktok } from '../../src/presets/tiktok.js';

describe('public types', () => {
  it('answers are a figure or a refusal, told apart by ok', () => {
    const answer = quoteCoins(tiktok, { coins: 70, channel: 'web', region: 'US' });
    expectTypeOf(answer).toEqualTypeOf<Quote | Refusal>();
    if (answer.ok) {
      expectTypeOf(answer.price).toEqualTypeOf<Money>();
      expectTypeOf(answer.coinsReceived).toEqualTypeOf<Coins>();
    } else {
      expectTypeOf(answer.code).toEqualTypeOf<RefusalCode>();
      // a refusal carries no figure
      expectTypeOf(answer).not.toHaveProperty('price');
    }
  });

  it('settle is synchronous for arrays and asynchronous for async iterables', () => {
    expectTypeOf(settle(tiktok, [] as GiftEvent[])).toEqualTypeOf<Settlement>();
    async function* stream(): AsyncGenerator<GiftEvent> {}
    expectTypeOf(settle(tiktok, stream())).toEqualTypeOf<Promise<Settlement>>();
  });

  it('tables are typed from the schema', () => {
    expectTypeOf(parseRateTable).returns.toEqualTypeOf<RateTable>();
    expectTypeOf<RateTableDocument['creatorShare']['scope']>().toEqualTypeOf<'per-gift' | 'per-event' | 'per-settlement'>();
    expectTypeOf(tiktok.document.gifts[0]?.coins).toEqualTypeOf<number | undefined>();
  });

  it('money amounts are never plain numbers in the API', () => {
    // @ts-expect-error a Money is not a number
    const wrong: number = money('1', 'USD');
    void wrong;
    // @ts-expect-error the budget must be Money, not a number of dollars
    quoteCoins(tiktok, { coins: 1, channel: 'web', region: 'US', budget: 25 });
  });
});

describe('RoundingMode end to end', () => {
  it("a table's roundings are the literal union, from the schema to the compiled table", () => {
    expectTypeOf(tiktok.document.creatorShare.rounding).toEqualTypeOf<RoundingMode>();
    expectTypeOf<RateTableDocument['payout']['methods'][number]['feeRounding']>().toEqualTypeOf<RoundingMode>();
    const document: RateTableDocument = tiktok.document;
    // @ts-expect-error: a misspelt mode is a type error in a table written in TypeScript
    const misspelt: RateTableDocument = { ...document, creatorShare: { ...document.creatorShare, rounding: 'flor' } };
    expectTypeOf(misspelt).toEqualTypeOf<RateTableDocument>();
  });
});

describe('typed presets', () => {
  it("a preset's channels and gifts are literal types; a table parsed at run time takes any string", () => {
    // @ts-expect-error: 'iphone' is not a TikTok channel
    quoteCoins(tiktok, { coins: 70, channel: 'iphone', region: 'US' });
    // @ts-expect-error: 'Unicorn' is not a TikTok gift
    sendGifts(tiktok, { gift: 'Unicorn' });
    expectTypeOf(sendGifts(tiktok, { gift: 'Lion' })).toEqualTypeOf<GiftValue | Refusal>();
    expectTypeOf(sendGifts(tiktok, { gift: 6369 })).toEqualTypeOf<GiftValue | Refusal>(); // the connector's numeric id
    expectTypeOf<TikTokNames['channel']>().toEqualTypeOf<'ios' | 'android' | 'web'>();
    const parsed: RateTable = parseRateTable(JSON.parse(JSON.stringify(tiktok)));
    expectTypeOf(quoteCoins(parsed, { coins: 70, channel: 'iphone', region: 'US' })).toEqualTypeOf<Quote | Refusal>();
    // a typed preset is still a RateTable wherever one is asked for
    const plain: RateTable = tiktok;
    expectTypeOf(plain.names).toEqualTypeOf<TableNames | undefined>();
  });
});
