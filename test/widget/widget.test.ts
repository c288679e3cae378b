import { describe, expect, it } from 'vitest';
import { defineGiftCalculator } from '../../src/widget/gift-calculator.js';
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
