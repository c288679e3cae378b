import { describe, expectTypeOf, it } from 'vitest';
import { tiktok } from '../../src/presets/tiktok.js';
import type { RateTable } from '../../src/table/compile.js';
import {
  type CalculatorMessages,
  defineGiftCalculator,
  type GiftCalculatorElement,
  type GiftCalculatorOptions,
} from '../../src/widget/gift-calculator.js';

// What a TypeScript page that embeds the widget writes, type-checked.
describe('the widget for a TypeScript consumer', () => {
  it('registers with tables and returns a custom-element constructor', () => {
    expectTypeOf(defineGiftCalculator).parameter(0).toEqualTypeOf<GiftCalculatorOptions | undefined>();
    expectTypeOf(defineGiftCalculator({ tables: { tiktok } })).toEqualTypeOf<CustomElementConstructor>();
    // @ts-expect-error a table must be a compiled RateTable, not its name
    defineGiftCalculator({ tables: { tiktok: 'tiktok' } });
    // a site's own words: labels are strings, sentences functions of the formatted figures
    defineGiftCalculator({ messages: { coins: 'Münzen', cheapest: (channel) => `${channel} (am günstigsten)` } });
    expectTypeOf<NonNullable<GiftCalculatorOptions['messages']>>().toEqualTypeOf<Partial<CalculatorMessages>>();
    // @ts-expect-error a sentence is a function, not a string
    defineGiftCalculator({ messages: { cheapest: 'cheapest' } });
    // @ts-expect-error no such entry
    defineGiftCalculator({ messages: { coinz: 'Münzen' } });
  });

  it('is an HTMLElement whose table can be read and set', () => {
    const element = document.querySelector<GiftCalculatorElement>('gift-calculator');
    expectTypeOf(element?.table).toEqualTypeOf<RateTable | undefined>();
    expectTypeOf<GiftCalculatorElement>().toExtend<HTMLElement>();
    if (element) element.table = tiktok;
  });
});
