import { describe, expectTypeOf, it } from 'vitest';
import { tiktok } from '../../src/presets/tiktok.js';
import type { RateTable } from '../../src/table/compile.js';
import { defineGiftCalculator, type GiftCalculatorElement, type GiftCalculatorOptions } from '../../src/widget/gift-calculator.js';

// What a TypeScript page that embeds the widget writes, type-checked.
describe('the widget for a TypeScript consumer', () => {
  it('registers with tables and returns a custom-element constructor', () => {
    expectTypeOf(defineGiftCalculator).parameter(0).toEqualTypeOf<GiftCalculatorOptions | undefined>();
    expectTypeOf(defineGiftCalculator({ tables: { tiktok } })).toEqualTypeOf<CustomElementConstructor>();
    // @ts-expect-error a table must be a compiled RateTable, not its name
    defineGiftCalculator({ tables: { tiktok: 'tiktok' } });
  });

  it('is an HTMLElement whose table can be read and set', () => {
    const element = document.querySelector<GiftCalculatorElement>('gift-calculator');
    expectTypeOf(element?.table).toEqualTypeOf<RateTable | undefined>();
    expectTypeOf<GiftCalculatorElement>().toExtend<HTMLElement>();
    if (element) element.table = tiktok;
  });
});
