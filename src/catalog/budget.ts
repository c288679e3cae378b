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
  while (fits(high) && high < Number.MAX_SAFE_INTEGER / 4) {
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}
