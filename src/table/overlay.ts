import { EconomyError, type Issue } from '../errors.js';
import { RateTable } from './compile.js';
import { parseRateTable } from './parse.js';
import { findPollutingKeys } from './validate.js';

/**
 * Applies a partial document (a regional price change, a promotion, another reading of a rule) onto a base
 * table and validates the result as a whole. The overlay is a JSON Merge Patch (RFC 7396): objects merge
 * key by key, arrays and other values replace, `null` removes a key.
 *
 * @throws EconomyError `INVALID_TABLE` when the overlay or the merged table is invalid; the base is untouched.
 * @example
 * ```ts
 * import { applyOverlay } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const promo = applyOverlay(tiktok, { version: 'promo', creatorShare: { diamondsPerCoin: '0.6' } });
 * console.log(promo.ref, promo.document.creatorShare.diamondsPerCoin); // tiktok@promo 0.6
 * ```
 * @category Rate tables
 */
export function applyOverlay(base: RateTable | unknown, overlay: unknown): RateTable {
  const issues: Issue[] = findPollutingKeys(overlay);
  if (typeof overlay !== 'object' || overlay === null || Array.isArray(overlay)) {
    issues.push({ path: [], message: 'an overlay must be an object (a partial rate table)' });
  }
  if (issues.length > 0)
    throw new EconomyError('INVALID_TABLE', `invalid overlay: ${issues.map((issue) => issue.message).join('; ')}`, { issues });
  const document = base instanceof RateTable ? base.document : base;
  return parseRateTable(mergePatch(document, overlay));
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return structuredClone(patch);
  const result: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}
