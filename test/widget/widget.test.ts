import { describe, expect, it } from 'vitest';
import { calculatorMessages, defineGiftCalculator } from '../../src/widget/gift-calculator.js';
import { expectEconomyError } from '../helpers.js';

// In a browser the element is driven by test/e2e/calculator.test.ts; here, outside one, it refuses clearly.
describe('defineGiftCalculator outside a browser', () => {
  it('answers with an EconomyError, never a ReferenceError', () => {
    expectEconomyError(() => defineGiftCalculator(), 'INVALID_ARGUMENT', /needs a browser/);
    expectEconomyError(() => defineGiftCalculator({ tag: 'nohyphen' }), 'INVALID_ARGUMENT', /hyphen/);
    expectEconomyError(() => defineGiftCalculator(null as never), 'INVALID_ARGUMENT');
    expect(typeof defineGiftCalculator).toBe('function');
  });
});

describe('the widget’s messages', () => {
  it('refuses entries it does not know or of the wrong kind, before anything is registered', () => {
    expectEconomyError(() => defineGiftCalculator({ messages: null as never }), 'INVALID_ARGUMENT', /messages must be an object/);
    expectEconomyError(
      () => defineGiftCalculator({ messages: { coins: 5 } as never }),
      'INVALID_ARGUMENT',
      /messages\.coins: expected a string/,
    );
    expectEconomyError(
      () => defineGiftCalculator({ messages: { cheapest: 'cheapest' } as never }),
      'INVALID_ARGUMENT',
      /messages\.cheapest: expected a function/,
    );
    expectEconomyError(
      () => defineGiftCalculator({ messages: { coinz: 'Münzen' } as never }),
      'INVALID_ARGUMENT',
      /messages\.coinz: no such entry/,
    );
    // a getter is not run: its value is not a string
    const sneaky = Object.defineProperty({}, 'coins', {
      enumerable: true,
      get() {
        throw new Error('ran');
      },
    });
    expectEconomyError(() => defineGiftCalculator({ messages: sneaky }), 'INVALID_ARGUMENT', /messages\.coins/);
    expectEconomyError(() => defineGiftCalculator({ messages: { [Symbol('x')]: 'x' } as never }), 'INVALID_ARGUMENT', /no such entry/);
    // valid words pass the check (and then the call needs a browser)
    expectEconomyError(() => defineGiftCalculator({ messages: { coins: 'Münzen' } }), 'INVALID_ARGUMENT', /needs a browser/);
  });

  it('has English defaults for every entry, sentences built from the figures given', () => {
    expect(calculatorMessages.saves('Web top-up', 'iOS app (App Store)', '$4.27')).toBe(
      'Buying on Web top-up instead of iOS app (App Store) saves $4.27.',
    );
    expect([calculatorMessages.quantity('1', 'coin', true), calculatorMessages.quantity('1,050', 'coin', false)]).toEqual([
      '1 coin',
      '1,050 coins',
    ]);
    expect(calculatorMessages.cashed('w', '$1.00', 'PayPal', '$0.00', undefined)).toBe('w: $1.00 after the PayPal fee of $0.00.');
    expect(calculatorMessages.arrives('2026-11-25', '2026-12-31', 2)).toBe(
      'Requested on 2026-11-25, the money arrives by 2026-12-31 (2 withdrawals).',
    );
    expect([calculatorMessages.stepName('gift-cost'), calculatorMessages.stepName('region-not-known')]).toEqual([
      'Gift cost',
      'Region not known',
    ]);
    expect(Object.isFrozen(calculatorMessages)).toBe(true);
  });
});
