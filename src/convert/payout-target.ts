import { defined } from '../defined.js';
import { describeValue, EconomyError } from '../errors.js';
import { Money } from '../money/money.js';
import { assertRateTable, type RateTable, type TableNames } from '../table/compile.js';
import type { Provenance } from '../table/provenance.js';
import type { GiftDocument } from '../table/schema.js';
import { type Breakdown, type BreakdownStep, counted, perCoin, ruleCoins, step } from './breakdown.js';
import { findGift, shareDiamonds } from './gift.js';
import { diamondsForValue } from './payout.js';
import { diamondsForCoins } from './rates.js';

/**
 * What a creator's payout target needs: diamonds, coins of gifts, and gifts of one kind when asked.
 * @example
 * ```ts
 * import { money, type PayoutTarget, payoutTarget } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const target: PayoutTarget = payoutTarget(tiktok, { target: money('1', 'USD') });
 * console.log(target.diamonds, target.coins); // 199 199
 * ```
 * @category Questions
 */
export interface PayoutTarget extends Provenance {
  readonly ok: true;
  readonly target: Money;
  /** `gross`: the diamonds' value; `net`: after the payout method's fee. */
  readonly basis: 'gross' | 'net';
  readonly diamonds: number;
  /** Coins of gifts that yield those diamonds (rounded once, as for one settlement). */
  readonly coins: number;
  /** Gifts of the asked kind, sent in one go, when a gift was given. */
  readonly gifts?: number;
  readonly breakdown: Breakdown;
}

/**
 * Reverse question: the diamonds, coins and (optionally) gifts a creator needs for a target payout,
 * gross or net of the payout method's fee. The answer is the smallest count that reaches the target.
 *
 * @throws EconomyError `CURRENCY_MISMATCH`, `UNKNOWN_GIFT`, `INVALID_ARGUMENT`
 * @example
 * ```ts
 * import { money, payoutTarget } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const t = payoutTarget(tiktok, { target: money('100', 'USD'), gift: 'Lion' });
 * console.log(t.diamonds, t.coins, t.gifts); // 19999 19999 1
 * ```
 * @category Questions
 */
export function payoutTarget<Names extends TableNames>(
  table: RateTable<Names>,
  query: { readonly target: Money; readonly basis?: 'gross' | 'net'; readonly method?: string; readonly gift?: Names['gift'] },
): PayoutTarget {
  const compiled = assertRateTable(table);
  if (typeof query !== 'object' || query === null || !(query.target instanceof Money)) {
    throw new EconomyError('INVALID_ARGUMENT', `expected { target: Money, basis?, method?, gift? }, got ${describeValue(query)}`);
  }
  const basis = query.basis ?? 'gross';
  if (basis !== 'gross' && basis !== 'net') {
    throw new EconomyError('INVALID_ARGUMENT', `basis must be "gross" or "net", got ${describeValue(basis)}`, { path: ['basis'] });
  }
  const gross = basis === 'net' ? grossForNet(compiled, query.target, query.method) : query.target;
  const diamonds = diamondsForValue(compiled, gross);
  const coins = smallestCount((n) => diamondsForCoins(compiled, n) >= diamonds, diamonds);
  const { diamondValue, creatorShare, units } = compiled.document;
  const steps: BreakdownStep[] = [];
  if (basis === 'net') {
    steps.push(
      step({
        step: 'payout-fee',
        input: query.target,
        rule: `the smallest withdrawal whose net after the ${compiled.payoutMethod(query.method).name} fee reaches the target`,
        table: compiled.ref,
        output: gross,
      }),
    );
  }
  steps.push(
    step({
      step: 'diamond-value',
      input: gross,
      rule: `the fewest ${units.diamond}s whose value at ${diamondValue.perDiamond} ${diamondValue.currency} each reaches it`,
      rate: diamondValue.perDiamond,
      table: compiled.ref,
      rounding: diamondValue.rounding,
      output: counted(diamonds, units.diamond),
    }),
    step({
      step: 'creator-share',
      input: counted(diamonds, units.diamond),
      rule: `the fewest coins that reach them at ${perCoin(creatorShare.diamondsPerCoin, units.diamond)}`,
      rate: creatorShare.diamondsPerCoin,
      table: compiled.ref,
      rounding: creatorShare.rounding,
      output: counted(coins, 'coin'),
    }),
  );
  let gifts: number | undefined;
  const gift: GiftDocument | undefined = query.gift === undefined ? undefined : findGift(compiled, query.gift);
  if (gift !== undefined) {
    if (diamonds > 0 && shareDiamonds(compiled, gift.coins, 1_000_000).diamonds === 0) {
      throw new EconomyError(
        'INVALID_ARGUMENT',
        `${gift.name} yields no ${compiled.document.units.diamond}s under ${compiled.ref}'s rounding; no count reaches the target`,
      );
    }
    gifts = smallestCount(
      (n) => n > 0 && shareDiamonds(compiled, gift.coins, n).diamonds >= diamonds,
      Math.ceil(diamonds / gift.coins) + 1,
    );
    steps.push(
      step({
        step: 'gift-count',
        input: counted(diamonds, units.diamond),
        rule: `the fewest ${gift.name} gifts (${ruleCoins(gift.coins)} each), sent in one go, whose ${units.diamond}s reach them`,
        table: compiled.ref,
        output: counted(gifts, gift.name),
      }),
    );
  }
  return {
    ok: true as const,
    target: query.target,
    basis,
    diamonds,
    coins,
    ...defined({ gifts }),
    breakdown: steps,
    ...compiled.provenance([
      compiled.document.diamondValue,
      compiled.document.creatorShare,
      basis === 'net' ? compiled.payoutMethod(query.method) : undefined,
      gift,
    ]),
  };
}

/** The smallest gross withdrawal whose net after the method's fee reaches `net`. */
function grossForNet(table: RateTable, net: Money, methodId: string | undefined): Money {
  const method = table.payoutMethod(methodId);
  const currency = net.currency;
  const netAfter = (grossMinor: number) => Money.fromMinor(grossMinor - table.payoutFeeMinor(grossMinor, method.id), currency);
  const goal = Number(net.round('ceil').toMinor());
  const found = smallestCount((minor) => netAfter(minor).compare(net) >= 0, goal + 1);
  return Money.fromMinor(found, currency);
}

/** The smallest n ≥ 0 with `reaches(n)`, for a predicate that stays true once true; `hint` is a first guess. */
function smallestCount(reaches: (n: number) => boolean, hint: number): number {
  let high = Math.max(1, hint);
  while (!reaches(high)) {
    if (high > Number.MAX_SAFE_INTEGER / 4) throw new EconomyError('QUANTITY_OVERFLOW', 'the target needs more than 2^51 units');
    high *= 2;
  }
  let low = -1;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (middle >= 0 && reaches(middle)) high = middle;
    else low = middle;
  }
  return high;
}
