import { describe, expect, it } from 'vitest';
import { EconomyError } from '../../src/index.js';
import { tiktok } from '../../src/presets/tiktok.js';

// The compiled table's methods are public: fed hostile arguments they answer with an EconomyError (or an
// ordinary answer), never a raw TypeError from inside, and the preset is unchanged after.
const HOSTILE: unknown[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  Number('1e309'),
  '1e1000',
  '0x10',
  ' 12 ',
  2 ** 53 + 1,
  null,
  undefined,
  Symbol('x'),
  {},
  [],
  () => 1,
  '__proto__',
  {
    toString() {
      throw new Error('a throwing toString');
    },
  },
  [
    Object.defineProperty({}, 'source', {
      get() {
        throw new Error('a throwing getter');
      },
    }),
  ],
];

describe('RateTable methods with hostile arguments', () => {
  const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(tiktok)).filter(
    (name) => name !== 'constructor' && typeof (tiktok as unknown as Record<string, unknown>)[name] === 'function',
  );

  it('covers every method', () => {
    expect(methods).toEqual(expect.arrayContaining(['offers', 'gift', 'payoutFeeMinor', 'diamondsForCoins', 'currenciesIn', 'provenance']));
  });

  it.each(methods)('%s answers or throws EconomyError', (name) => {
    const before = JSON.stringify(tiktok);
    const method = (tiktok as unknown as Record<string, (...args: unknown[]) => unknown>)[name] as (...args: unknown[]) => unknown;
    for (const value of HOSTILE) {
      for (const args of [[value], [value, value], ['web', value], [value, 'US'], [0, value]]) {
        try {
          method.apply(tiktok, args);
        } catch (error) {
          expect(error, `${name}(${args.map((a) => typeof a).join(', ')})`).toBeInstanceOf(EconomyError);
        }
      }
    }
    expect(JSON.stringify(tiktok)).toBe(before);
  });
});
