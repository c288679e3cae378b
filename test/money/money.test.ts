import { Decimal as PlainDecimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EconomyError, Money, minorUnits, money } from '../../src/index.js';
import { COMMON_MINOR_UNITS } from '../../src/money/currency.js';
import { minorToDecimalString } from '../../src/money/index.js';
import { expectEconomyError } from '../helpers.js';

describe('money', () => {
  it("is made from strings, bigints and safe integers, not from a decimal library's objects", () => {
    expect(money('0.99', 'USD').toString()).toBe('0.99 USD');
    expect(money(5n, 'USD').toString()).toBe('5.00 USD');
    expect(money(1000, 'JPY').toString()).toBe('1000 JPY');
    expect(money('1.234', 'KWD').toString()).toBe('1.234 KWD');
    expectEconomyError(() => money(new PlainDecimal('1.234') as never, 'KWD'), 'INVALID_AMOUNT');
    expect(money(-0, 'USD').toString()).toBe('0.00 USD');
    expect(money('-0.00', 'USD').isZero()).toBe(true);
  });

  it.each([
    [0.1, 'a fractional JS number'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
    [2 ** 53 + 2, 'a number past 2^53'],
    [Number('1e309'), '1e309 (Infinity)'],
    ['1e1000', 'an exponent string'],
    ['1.', 'a trailing dot'],
    [' 1', 'whitespace'],
    ['0x10', 'hex'],
    ['', 'an empty string'],
    [null, 'null'],
    [{}, 'an object'],
    ['1'.repeat(41), 'more than 40 digits'],
  ])('refuses %s (%s) with INVALID_AMOUNT', (amount, _label) => {
    expectEconomyError(() => money(amount as never, 'USD'), 'INVALID_AMOUNT', /decimal string/);
  });

  it.each(['usd', 'XYZ', 'US', '', 42, '__proto__'])('refuses currency %s', (code) => {
    expectEconomyError(() => money('1', code as never), 'INVALID_CURRENCY', /ISO 4217/);
  });

  it('takes minor units from Intl (the common currencies from a table that agrees with it)', () => {
    expect([minorUnits('USD'), minorUnits('JPY'), minorUnits('KWD'), minorUnits('EUR'), minorUnits('BHD')]).toEqual([2, 0, 3, 2, 3]);
    for (const [code, places] of COMMON_MINOR_UNITS) {
      expect(places, code).toBe(new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits);
    }
    // a name of Object.prototype is not a currency, whatever the lookup table is made of
    expect(() => minorUnits('toString' as never)).toThrow(EconomyError);
  });

  it('adds, subtracts and multiplies exactly', () => {
    // 0.1 + 0.2 = 0.3 exactly (a float gives 0.30000000000000004)
    expect(money('0.1', 'USD').plus(money('0.2', 'USD')).equals(money('0.3', 'USD'))).toBe(true);
    // 70 coins at the web price: 0.74 USD; × 3 = 2.22
    expect(money('0.74', 'USD').times(3).toString()).toBe('2.22 USD');
    // 50,000 diamonds × USD 0.005 = USD 250.000 (exact, unrounded)
    expect(money(50_000, 'USD').times('0.005').toString()).toBe('250.00 USD');
    expect(money('1', 'USD').minus(money('1.01', 'USD')).toString()).toBe('-0.01 USD');
  });

  it('refuses mixing currencies', () => {
    const error = expectEconomyError(() => money('1', 'USD').plus(money('1', 'EUR')), 'CURRENCY_MISMATCH', /USD with EUR/);
    expect(error.details).toEqual({ left: 'USD', right: 'EUR' });
  });

  it('compares and tests signs', () => {
    expect(money('1.10', 'USD').compare(money('1.1', 'USD'))).toBe(0);
    expect(money('1.09', 'USD').compare(money('1.1', 'USD'))).toBe(-1);
    expect(money('-0.01', 'USD').isNegative()).toBe(true);
    expect(money('0', 'USD').isPositive()).toBe(false);
  });

  it('rounds with every named mode (hand-checked)', () => {
    const cases: [string, string, Record<string, string>][] = [
      [
        '2.345',
        'USD',
        {
          'half-even': '2.34',
          'half-up': '2.35',
          'half-down': '2.34',
          floor: '2.34',
          ceil: '2.35',
          'toward-zero': '2.34',
          'away-from-zero': '2.35',
        },
      ],
      [
        '-2.345',
        'USD',
        {
          'half-even': '-2.34',
          'half-up': '-2.35',
          'half-down': '-2.34',
          floor: '-2.35',
          ceil: '-2.34',
          'toward-zero': '-2.34',
          'away-from-zero': '-2.35',
        },
      ],
      ['2.355', 'USD', { 'half-even': '2.36', 'half-up': '2.36', 'half-down': '2.35' }],
      ['1.5', 'JPY', { 'half-even': '2', 'half-down': '1', floor: '1' }],
      ['0.0005', 'KWD', { 'half-even': '0.000', 'half-up': '0.001', ceil: '0.001' }],
    ];
    for (const [amount, currency, expected] of cases) {
      for (const [mode, result] of Object.entries(expected)) {
        expect(
          money(amount, currency)
            .round(mode as never)
            .equals(money(result, currency)),
          `${amount} ${mode}`,
        ).toBe(true);
      }
    }
    expectEconomyError(() => money('1', 'USD').round('nearest' as never), 'INVALID_ROUNDING_MODE', /half-even/);
  });

  it('formats for a locale without floats', () => {
    expect(money('1234.5', 'USD').format('en-US')).toBe('$1,234.50');
    expect(money('1234.5', 'EUR').format('de-DE')).toBe('1.234,50\u00a0€');
    expect(money('1000', 'JPY').format('ja-JP')).toBe('￥1,000');
    // more digits than a double holds survive formatting
    expect(money('12345678901234567.89', 'USD').format('en-US')).toBe('$12,345,678,901,234,567.89');
    // sub-cent digits are shown, not hidden
    expect(money('0.005', 'USD').format('en-US')).toBe('$0.005');
  });

  it('converts to and from minor units', () => {
    expect(money('19.99', 'USD').toMinor()).toBe(1999n);
    expect(Money.fromMinor(1999n, 'USD').toString()).toBe('19.99 USD');
    expectEconomyError(() => money('0.005', 'USD').toMinor(), 'INVALID_AMOUNT', /round it first/);
    expectEconomyError(() => Money.fromMinor(1.5, 'USD'), 'INVALID_AMOUNT', /minor units/);
    expectEconomyError(() => minorToDecimalString(1.5, 'USD'), 'INVALID_AMOUNT', /minor units/);
    expect(minorToDecimalString(-5, 'USD')).toBe('-0.05');
  });

  it('round-trips through JSON with the amount as a string', () => {
    expect(JSON.stringify(money('12.3', 'USD'))).toBe('{"amount":"12.30","currency":"USD"}');
    expect(Money.fromJSON({ amount: '12.34', currency: 'USD' }).equals(money('12.34', 'USD'))).toBe(true);
    expectEconomyError(() => Money.fromJSON({ amount: 12.34, currency: 'USD' }), 'INVALID_AMOUNT', /decimal string/);
    expectEconomyError(() => Money.fromJSON(JSON.parse('{"__proto__":{"amount":"1"},"currency":"USD"}')), 'INVALID_AMOUNT');
    expectEconomyError(() => Money.fromJSON('12.34 USD'), 'INVALID_AMOUNT', /must be an object/);
  });

  it('is a value: every operation makes a new Money and leaves its operands as they were', () => {
    const price = money('1.25', 'USD');
    const sum = price.plus(price).times(3);
    expect(sum.toString()).toBe('7.50 USD'); // (1.25 + 1.25) × 3
    expect(sum).not.toBe(price);
    expect(price.toString()).toBe('1.25 USD');
  });
});

const decimalText = fc
  .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }))
  .map(([digits, places]) => new PlainDecimal(digits.toString()).dividedBy(10 ** places).toFixed());

describe('money properties', () => {
  it('add and subtract are inverse', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const x = money(a, 'USD');
        const y = money(b, 'USD');
        expect(x.plus(y).minus(y).equals(x)).toBe(true);
      }),
    );
  });

  it('rounding is idempotent and lands on the minor unit', () => {
    fc.assert(
      fc.property(
        decimalText,
        fc.constantFrom('half-even', 'half-up', 'half-down', 'floor', 'ceil', 'toward-zero', 'away-from-zero'),
        (a, mode) => {
          const once = money(a, 'USD').round(mode);
          expect(once.round(mode).equals(once)).toBe(true);
          expect(once.isWholeMinor()).toBe(true);
          // within one minor unit of the exact amount
          const gap = once.minus(money(a, 'USD'));
          expect(gap.compare(money('0.01', 'USD'))).toBe(-1);
          expect(gap.compare(money('-0.01', 'USD'))).toBe(1);
        },
      ),
    );
  });

  it('round-trips through JSON', () => {
    fc.assert(
      fc.property(decimalText, fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'), (a, currency) => {
        const value = money(a, currency);
        expect(Money.fromJSON(JSON.parse(JSON.stringify(value))).equals(value)).toBe(true);
      }),
    );
  });

  // decimal.js is the independent oracle here: the library itself no longer uses it.
  const ORACLE_MODE = {
    'half-even': PlainDecimal.ROUND_HALF_EVEN,
    'half-up': PlainDecimal.ROUND_HALF_UP,
    'half-down': PlainDecimal.ROUND_HALF_DOWN,
    floor: PlainDecimal.ROUND_FLOOR,
    ceil: PlainDecimal.ROUND_CEIL,
    'toward-zero': PlainDecimal.ROUND_DOWN,
    'away-from-zero': PlainDecimal.ROUND_UP,
  } as const;
  const Oracle = PlainDecimal.clone({ precision: 200 });

  it('sums, products, conversions, divisions and roundings agree with decimal.js', () => {
    fc.assert(
      fc.property(
        decimalText,
        decimalText,
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(...(Object.keys(ORACLE_MODE) as (keyof typeof ORACLE_MODE)[])),
        fc.integer({ min: 0, max: 8 }),
        (a, b, divisor, mode, places) => {
          const x = money(a, 'USD');
          const text = (value: InstanceType<typeof Oracle>) => value.toFixed(Math.max(2, value.decimalPlaces()));
          expect(x.plus(money(b, 'USD')).toDecimalString()).toBe(text(new Oracle(a).plus(b)));
          expect(x.minus(money(b, 'USD')).toDecimalString()).toBe(text(new Oracle(a).minus(b)));
          expect(x.times(b).toDecimalString()).toBe(text(new Oracle(a).times(b)));
          expect(x.compare(money(b, 'USD'))).toBe(new Oracle(a).comparedTo(b));
          const rounded = new Oracle(a).toDecimalPlaces(places, ORACLE_MODE[mode]);
          expect(x.round(mode, places).toDecimalString()).toBe(text(rounded.isZero() ? new Oracle(0) : rounded));
          const quotient = new Oracle(a).dividedBy(divisor).toDecimalPlaces(places, ORACLE_MODE[mode]);
          expect(x.dividedBy(divisor, mode, places).toDecimalString()).toBe(text(quotient.isZero() ? new Oracle(0) : quotient));
          if (!b.startsWith('-') && !/^0(\.0*)?$/.test(b)) {
            expect(x.convert('EUR', b).toString()).toBe(`${text(new Oracle(a).times(b))} EUR`);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('no operation accepts a float amount', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: false }).filter((x) => !Number.isSafeInteger(x)),
        (x) => {
          for (const attempt of [() => money(x, 'USD'), () => money('1', 'USD').times(x), () => Money.fromMinor(x, 'USD')]) {
            expect(attempt).toThrow(EconomyError);
          }
        },
      ),
    );
  });
});
