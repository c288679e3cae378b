import { describe, expectTypeOf, it } from 'vitest';
import { type Coins, coins, type Diamonds, diamonds, type Money, money } from '../../src/index.js';
import { addQuantities } from '../../src/quantity/quantity.js';

describe('branded quantities', () => {
  it('keep coins, diamonds and money apart', () => {
    expectTypeOf(coins(1)).toEqualTypeOf<Coins>();
    expectTypeOf(diamonds(1)).toEqualTypeOf<Diamonds>();
    expectTypeOf<Coins>().not.toEqualTypeOf<Diamonds>();
    expectTypeOf(coins(1)).not.toMatchTypeOf<Diamonds>();
    expectTypeOf(diamonds(1)).not.toMatchTypeOf<Coins>();
    expectTypeOf(money('1', 'USD')).not.toMatchTypeOf<Coins>();
    expectTypeOf(coins(1)).not.toMatchTypeOf<Money>();
    expectTypeOf<number>().not.toMatchTypeOf<Coins>();
    // @ts-expect-error coins and diamonds cannot be added together
    addQuantities(coins(1), diamonds(1));
    expectTypeOf(addQuantities(coins(1), coins(2))).toEqualTypeOf<Coins>();
  });
});
