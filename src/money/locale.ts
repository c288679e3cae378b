import { describeValue, EconomyError } from '../errors.js';

/**
 * @internal Checks a locale argument for Intl: absent (the runtime's default), a BCP 47 tag or a list of them.
 * Anything Intl would refuse is an `INVALID_ARGUMENT` error here, never a RangeError from inside Intl.
 */
export function readLocale(locale: unknown): string | string[] | undefined {
  if (locale === undefined) return undefined;
  try {
    if (typeof locale === 'string' || (Array.isArray(locale) && locale.every((tag) => typeof tag === 'string'))) {
      Intl.getCanonicalLocales(locale as string | string[]);
      return locale as string | string[];
    }
  } catch {
    // refused below
  }
  throw new EconomyError(
    'INVALID_ARGUMENT',
    `locale must be a BCP 47 language tag such as "en-US" or "de-DE", got ${describeValue(locale)}`,
    {
      path: ['locale'],
    },
  );
}
