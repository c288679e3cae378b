import { describeValue, EconomyError } from '../errors.js';
import { PurchasePlanner } from './planner.js';

/**
 * The most coins whose cheapest purchase costs at most `budgetMinor` minor units: integers only. The cheapest
 * price never falls as the coins grow, so the answer is found by doubling, then bisecting.
 *
 * @internal
 */
export function largestWithin(planner: PurchasePlanner, budgetMinor: number | bigint): number {
  if (!(planner instanceof PurchasePlanner)) {
    throw new EconomyError('INVALID_ARGUMENT', `expected a PurchasePlanner (table.offers(…).planner), got ${describeValue(planner)}`);
  }
  if (!(typeof budgetMinor === 'bigint' ? budgetMinor >= 0n : Number.isSafeInteger(budgetMinor) && budgetMinor >= 0)) {
    throw new EconomyError('INVALID_AMOUNT', `budgetMinor must be whole minor units ≥ 0, got ${describeValue(budgetMinor)}`, {
      path: ['budgetMinor'],
    });
  }
  // prices are safe integers, so a budget past 2^53 − 1 compares as 2^53 − 1, exactly
  const limit =
    typeof budgetMinor === 'bigint'
      ? budgetMinor > BigInt(Number.MAX_SAFE_INTEGER)
        ? Number.MAX_SAFE_INTEGER
        : Number(budgetMinor)
      : budgetMinor;
  const fits = (coins: number) => {
    const price = planner.cheapestMinor(coins);
    return price !== undefined && price <= limit;
  };
  let low = 0;
  let high = 1;
  // Every plan of at least N coins costs more than N × the lowest price per coin − 1 minor unit (bundles cost
  // their rate; a rounded custom price is less than one minor unit below its exact price), so no N with
  // N × rate ≥ budget + 1 fits: search down from there, where the answer usually is, else up by doubling.
  const [numerator, denominator] = planner.perCoinFloor();
  // (the float quotient is within 1 of the exact one, so one more than its ceiling is past every N that fits)
  const bound = numerator > 0 && denominator > 0 ? Math.ceil(((limit + 1) * denominator) / numerator) + 1 : Number.NaN;
  if (Number.isSafeInteger((limit + 1) * denominator) && Number.isSafeInteger(bound)) {
    high = bound;
    for (let gap = 1; ; gap *= 2) {
      if (high - gap <= 0) break;
      if (fits(high - gap)) {
        low = high - gap;
        break;
      }
      high -= gap;
    }
  } else {
    while (fits(high) && high < Number.MAX_SAFE_INTEGER / 4) {
      low = high;
      high *= 2;
    }
  }
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}
