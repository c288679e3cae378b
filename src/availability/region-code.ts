// Intl knows region names; it also knows a few codes that are not ISO 3166-1 alpha-2 assignments
// (groupings, aliases and exceptional reservations), which are refused here.
const NOT_ISO = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'UK', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA', 'XA', 'XB', 'XK']);

let names: Intl.DisplayNames | undefined;
/** What Intl answered for each two-letter code asked so far (at most 26 × 26 entries). */
const known = new Map<string, boolean>();

/**
 * True when `code` is an assigned ISO 3166-1 alpha-2 region code ("US", "KR", "GB"), as the runtime's `Intl`
 * knows them.
 *
 * @example
 * ```ts
 * import { isRegionCode } from 'gift-economy';
 * console.log(isRegionCode('KR'), isRegionCode('UK'), isRegionCode('XX')); // true false false
 * ```
 * @category Availability
 */
export function isRegionCode(code: unknown): code is string {
  if (typeof code !== 'string') return false;
  let answer = known.get(code);
  if (answer === undefined) {
    if (!/^[A-Z]{2}$/.test(code)) return false;
    names ??= new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
    answer = !NOT_ISO.has(code) && names.of(code) !== undefined;
    known.set(code, answer);
  }
  return answer;
}
