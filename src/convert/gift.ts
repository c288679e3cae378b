import { judgePerson, type Refusal, refusal } from '../availability/check.js';
import { describeValue, EconomyError } from '../errors.js';
import { exactText, multiplyExact, subtractExact } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { type Coins, type Diamonds, multiplyQuantity, wholeCount } from '../quantity/quantity.js';
import { remember } from '../remember.js';
import { assertRateTable, type RateTable, type TableNames } from '../table/compile.js';
import { type Instant, toEpochMs } from '../table/history.js';
import { joinProvenance, type Provenance, rememberProvenance } from '../table/provenance.js';
import type { GiftDocument } from '../table/schema.js';
import { type Breakdown, counted, perCoin, regionNotKnownStep, ruleCoins, ruleCount, step } from './breakdown.js';
import { diamondValueStep } from './diamond-value.js';
import { diamondsForGifts, exactRates } from './rates.js';

/**
 * The question for {@link sendGifts}.
 * @example
 * ```ts
 * import { type GiftQuery, sendGifts } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const query: GiftQuery = { gift: '5655', count: 10, region: 'US', age: 20 };
 * console.log(sendGifts(tiktok, query).ok); // true
 * ```
 * @category Questions
 */
export interface GiftQuery<Gift extends string = string> {
  /** The gift's id (a string, or TikTok's numeric id as the live client emits it: 6369 is the Lion) or name. */
  readonly gift: Gift | number;
  /** How many are sent in one go, as one gift event (a streak or a combo; default 1). */
  readonly count?: number;
  /** When given, the sender's region is checked for `send-gifts` (with `age` and `at`). */
  readonly region?: string;
  readonly age?: number;
  readonly at?: Instant;
}

/**
 * What sending gifts costs the viewer and yields the creator.
 * @example
 * ```ts
 * import { sendGifts } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const galaxy = sendGifts(tiktok, { gift: 'Galaxy' });
 * if (galaxy.ok) console.log(galaxy.gift.id, galaxy.value.toString()); // 5886 5.00 USD
 * ```
 * @category Questions
 */
export interface GiftValue extends Provenance {
  readonly ok: true;
  readonly gift: GiftDocument;
  readonly count: number;
  readonly coins: Coins;
  readonly diamonds: Diamonds;
  /** The money value of the diamonds, before payout fees. */
  readonly value: Money;
  /** Present when the question's region is not listed and the table says unlisted regions are not known. */
  readonly regionNotKnown?: string;
  readonly breakdown: Breakdown;
}

/**
 * The coin cost of k × a gift, the diamonds the creator receives under the table's share rule, rounding mode
 * and scope, and the money value of those diamonds.
 *
 * @throws EconomyError `UNKNOWN_GIFT`, `INVALID_QUANTITY`, `INVALID_ARGUMENT`
 * @example
 * ```ts
 * import { sendGifts } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const lion = sendGifts(tiktok, { gift: 'Lion', count: 3 });
 * if (lion.ok) console.log(lion.coins, lion.diamonds, lion.value.toString()); // 89997 89997 449.98 USD (449.985 rounds half-even)
 * ```
 * @category Questions
 */
export function sendGifts<Names extends TableNames>(table: RateTable<Names>, query: GiftQuery<Names['gift']>): GiftValue | Refusal {
  const compiled = assertRateTable(table);
  if (typeof query !== 'object' || query === null)
    throw new EconomyError('INVALID_ARGUMENT', `expected { gift, count? }, got ${describeValue(query)}`);
  const gift = findGift(compiled, query.gift);
  const count = query.count === undefined ? 1 : wholeCount(query.count, 'count', ['count']);
  if (count < 1) throw new EconomyError('INVALID_QUANTITY', 'count must be at least 1', { path: ['count'] });
  const judged = judgePerson(compiled, 'send-gifts', query);
  if (judged?.status === 'refused') return judged;
  const notKnown = judged;
  const at = query.at === undefined ? compiled.effectiveFrom : toEpochMs(query.at);
  if ((gift.availableFrom && at < Date.parse(gift.availableFrom)) || (gift.availableTo && at >= Date.parse(gift.availableTo))) {
    return refusal(
      'DATE',
      `${gift.name} is available ${gift.availableFrom ? `from ${gift.availableFrom} ` : ''}${gift.availableTo ? `until ${gift.availableTo}` : ''}`.trim(),
      [],
    );
  }
  const coins = multiplyQuantity(gift.coins as Coins, count);
  const { diamonds, step: shareStep } = shareDiamonds(compiled, gift.coins, count);
  const { value, step: valueStep } = diamondValueStep(compiled, diamonds);
  const words = giftWords(gift);
  const costStep = step({
    step: 'gift-cost',
    input: counted(count, gift.name),
    rule: words.rule,
    rate: words.rate,
    table: compiled.ref,
    output: counted(coins, 'coin'),
  });
  const breakdown = [costStep, shareStep, valueStep];
  if (notKnown) breakdown.unshift(regionNotKnownStep(compiled, query.region as string, notKnown));
  // where the value comes from: the gift's price, the share and the diamond value
  const { sources, confidence } = rememberProvenance(notKnown ?? compiled, [gift], () =>
    joinProvenance(compiled, notKnown ? [notKnown] : [], [gift, compiled.document.creatorShare, compiled.document.diamondValue]),
  );
  // one shape for every answer (the rare note added last), written out rather than spread
  const answer: { -readonly [K in keyof GiftValue]: GiftValue[K] } = {
    ok: true as const,
    gift,
    count,
    coins,
    diamonds,
    value,
    breakdown,
    sources,
    confidence,
  };
  if (notKnown) answer.regionNotKnown = notKnown.reason;
  return answer;
}

const GIFT_WORDS = new WeakMap<GiftDocument, { readonly rule: string; readonly rate: string }>();

/** A gift's cost rule and rate, written once per gift. */
function giftWords(gift: GiftDocument): { readonly rule: string; readonly rate: string } {
  return remember(GIFT_WORDS, gift, () => ({ rule: `${ruleCoins(gift.coins)} each`, rate: String(gift.coins) }));
}

interface ShareWords {
  /** The rule text, whole for the scopes that round once per event; for `per-gift`, the part before the count. */
  readonly rule: string;
  readonly unitsPerCoin: number;
  readonly scale: number;
}

const SHARE_WORDS = new WeakMap<RateTable, ShareWords>();

/**
 * A table's creator-share rule text and its exact diamonds per coin as a safe integer of units at a scale (NaN
 * when it is not one), written once per table.
 */
function shareWords(table: RateTable): ShareWords {
  return remember(SHARE_WORDS, table, () => {
    const { diamondsPerCoin, scope } = table.document.creatorShare;
    const rate = exactRates(table).diamondsPerCoin;
    const units = Number(rate.units);
    const share = `× ${perCoin(diamondsPerCoin, table.document.units.diamond)}`;
    return {
      rule:
        scope === 'per-gift' ? `${share}, rounded for each single gift, ×` : `${share}, rounded once for this gift event (${scope} scope)`,
      unitsPerCoin: Number.isSafeInteger(units) && rate.scale <= 15 ? units : Number.NaN,
      scale: rate.scale,
    };
  });
}

/**
 * Diamonds for `count` gifts of `coinsEach` coins sent in one go (a streak or combo), under the table's
 * creator-share rounding and scope (see {@link diamondsForGifts}), with the breakdown step that shows it.
 *
 * @internal
 */
export function shareDiamonds(table: RateTable, coinsEach: number, count: number): { diamonds: Diamonds; step: ReturnType<typeof step> } {
  const { diamondsPerCoin, rounding, scope } = assertRateTable(table).document.creatorShare;
  const coins = multiplyQuantity(coinsEach as Coins, count);
  const diamonds = diamondsForGifts(table, coinsEach, count);
  const words = shareWords(table);
  // what the rounding left, coins × diamonds per coin − diamonds: in safe integers of the rate's units when they fit
  const exact = coins * words.unitsPerCoin;
  const kept = diamonds * 10 ** words.scale;
  const residue =
    Number.isSafeInteger(exact) && Number.isSafeInteger(kept)
      ? { units: BigInt(exact - kept), scale: words.scale }
      : subtractExact(multiplyExact({ units: BigInt(coins), scale: 0 }, exactRates(table).diamondsPerCoin), {
          units: BigInt(diamonds),
          scale: 0,
        });
  const unit = table.document.units.diamond;
  return {
    diamonds,
    step: step({
      step: 'creator-share',
      input: counted(coins, 'coin'),
      rule: scope === 'per-gift' ? `${words.rule} ${ruleCount(count)} (${scope} scope)` : words.rule,
      rate: diamondsPerCoin,
      table: table.ref,
      rounding,
      output: counted(diamonds, unit),
      residue: residue.units === 0n ? undefined : counted(exactText(residue), unit),
    }),
  };
}

/**
 * A gift of a table by id or name.
 *
 * @throws EconomyError `UNKNOWN_GIFT` naming a few known gifts.
 * @internal
 */
export function findGift(table: RateTable, idOrName: unknown): GiftDocument {
  const compiled = assertRateTable(table);
  const gift = typeof idOrName === 'string' || typeof idOrName === 'number' ? compiled.gift(idOrName) : undefined;
  if (gift) return gift;
  const some = compiled.gifts.slice(0, 5).map((known) => known.name);
  throw new EconomyError(
    'UNKNOWN_GIFT',
    `unknown gift ${describeValue(idOrName)}: use a gift id or name of ${compiled.ref}, e.g. ${some.join(', ')}`,
    {
      path: ['gift'],
    },
  );
}
