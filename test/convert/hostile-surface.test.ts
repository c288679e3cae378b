import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { tiktok } from '../../src/presets/tiktok.js';

// Every function export of the root, taken from the module namespace at run time (a new export is covered
// without editing this test), called with a table and then a hostile second argument: it answers, or throws an
// EconomyError; never a TypeError from inside.
const HOSTILE: unknown[] = [
  null,
  undefined,
  {},
  [],
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  Number.parseFloat('1e309'),
  '1e1000',
  '0x10',
  ' 12 ',
  2 ** 53 + 1,
  Symbol('s'),
  () => 1,
];
const SKIP = new Set<string>();

describe('hostile arguments to every root function export', () => {
  const functions = Object.entries(api).filter(([name, value]) => typeof value === 'function' && /^[a-z]/.test(name) && !SKIP.has(name));

  it.each(functions.map(([name]) => name))('%s answers or throws EconomyError', (name) => {
    const fn = (api as unknown as Record<string, (...args: unknown[]) => unknown>)[name] as (...args: unknown[]) => unknown;
    for (const first of [tiktok, null]) {
      for (const value of HOSTILE) {
        try {
          fn(first, value);
        } catch (error) {
          expect(
            error,
            `${name}(${first === tiktok ? 'tiktok' : 'null'}, ${String(typeof value === 'symbol' ? 'symbol' : value)})`,
          ).toBeInstanceOf(api.EconomyError);
        }
      }
    }
  });
});
