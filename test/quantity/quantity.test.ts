import { describe, expect, it } from 'vitest';
import { coins, diamonds } from '../../src/index.js';
import { addQuantities, multiplyQuantity } from '../../src/quantity/quantity.js';
import { expectEconomyError } from '../helpers.js';

describe('coins and diamonds', () => {
  it('accept whole, non-negative, safe counts', () => {
    expect(coins(0)).toBe(0);
    expect(coins(-0)).toBe(0);
    expect(Object.is(coins(-0), -0)).toBe(false);
    expect(coins('5000')).toBe(5000);
    expect(diamonds(9007199254740991n)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, Number('1e309'), 2 ** 53, '1e3', '1.5', '', ' 1', -1n, 2n ** 53n, null, {}])(
    'refuse %s',
    (value) => {
      expectEconomyError(() => coins(value as never), 'INVALID_QUANTITY', /coins must be a whole number from 0 to 9007199254740991/);
      expectEconomyError(() => diamonds(value as never), 'INVALID_QUANTITY', /diamonds must be/);
    },
  );

  it('add and multiply exactly and refuse to pass 2^53 − 1', () => {
    // 70 + 350 + 700 = 1,120
    expect(addQuantities(coins(70), coins(350), coins(700))).toBe(1120);
    // a Lion (29,999 coins) three times = 89,997
    expect(multiplyQuantity(coins(29_999), 3)).toBe(89_997);
    expectEconomyError(() => addQuantities(coins(Number.MAX_SAFE_INTEGER), coins(1)), 'QUANTITY_OVERFLOW');
    expectEconomyError(() => multiplyQuantity(diamonds(2 ** 52), 2), 'QUANTITY_OVERFLOW');
    expectEconomyError(() => multiplyQuantity(coins(1), 1.5), 'INVALID_QUANTITY');
  });
});
