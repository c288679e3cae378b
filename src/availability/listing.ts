import { describeValue, EconomyError } from '../errors.js';
import { assertRateTable, type RateTable } from '../table/compile.js';
import type { Instant } from '../table/history.js';
import { type Allowed, check, type NotKnown, type Refusal } from './check.js';

/**
 * Which regions allow a feature: every region without its own rule follows `elsewhere`.
 * @example
 * ```ts
 * import { type FeatureRegions, regionsAllowing } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const chests: FeatureRegions = regionsAllowing(tiktok, 'chests');
 * console.log(chests.elsewhere, chests.refused.length); // true 3 (RU, IN, CN)
 * ```
 * @category Availability
 */
export interface FeatureRegions {
  readonly feature: string;
  /** Whether regions without a rule of their own (the default) allow the feature. */
  readonly elsewhere: boolean;
  /** Regions with their own rule that allow it. */
  readonly allowed: readonly string[];
  /** Regions with their own rule that refuse it, with the refusal. */
  readonly refused: readonly { readonly region: string; readonly refusal: Refusal }[];
}

/**
 * Which regions allow a feature at an instant (default: the table's `effectiveFrom`).
 *
 * @example
 * ```ts
 * import { regionsAllowing } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const live = regionsAllowing(tiktok, 'go-live');
 * console.log(live.elsewhere, live.refused.map((r) => r.region)); // true [ 'RU', 'IN', 'CN' ]
 * ```
 * @category Availability
 */
export function regionsAllowing(table: RateTable, feature: string, at?: Instant): FeatureRegions {
  const compiled = assertRateTable(table);
  const features = compiled.document.features;
  if (typeof feature !== 'string' || !features.includes(feature)) {
    throw new EconomyError('INVALID_ARGUMENT', `feature must be one of ${features.join(', ')}, got ${describeValue(feature)}`, {
      path: ['feature'],
    });
  }
  const when = at === undefined ? {} : { at };
  const base = compiled.document.regions.default.features[feature];
  const allowed: string[] = [];
  const refused: { region: string; refusal: Refusal }[] = [];
  for (const rule of compiled.document.regions.rules) {
    const answer = check(compiled, { region: rule.region, feature, ...when });
    if (answer.status === 'allowed') allowed.push(rule.region);
    else if (answer.status === 'refused') refused.push({ region: rule.region, refusal: answer });
  }
  return Object.freeze({ feature, elsewhere: base?.available === true, allowed: Object.freeze(allowed), refused: Object.freeze(refused) });
}

/**
 * Everything a region allows, feature by feature, at an instant (default: the table's `effectiveFrom`).
 *
 * @example
 * ```ts
 * import { regionSummary } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const kr = regionSummary(tiktok, 'KR');
 * console.log(kr['buy-coins']?.ok && kr['buy-coins'].minAge); // 19
 * ```
 * @category Availability
 */
export function regionSummary(table: RateTable, region: string, at?: Instant): Readonly<Record<string, Allowed | Refusal | NotKnown>> {
  const compiled = assertRateTable(table);
  const when = at === undefined ? {} : { at };
  const summary: Record<string, Allowed | Refusal | NotKnown> = {};
  for (const feature of compiled.document.features) summary[feature] = check(compiled, { region, feature, ...when });
  return Object.freeze(summary);
}
