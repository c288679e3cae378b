import { describeValue, EconomyError, type Issue } from '../errors.js';
import { assertRateTable, type RateTable } from './compile.js';

/**
 * A moment: a `Date`, an ISO 8601 string or milliseconds since the epoch.
 * @example
 * ```ts
 * import { applyOverlay, type Instant, RateHistory } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const older = applyOverlay(tiktok, { version: 'old', effectiveFrom: '2025-01-01', effectiveTo: '2026-11-25' });
 * const when: Instant = new Date('2026-01-01T00:00:00Z');
 * console.log(RateHistory.of([older, tiktok]).at(when).version); // old
 * ```
 * @category Rate tables
 */
export type Instant = Date | string | number;

/**
 * Reads an {@link Instant} as milliseconds since the epoch. @throws EconomyError `INVALID_ARGUMENT`
 * @internal
 */
export function toEpochMs(at: Instant, path: readonly (string | number)[] = ['at']): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'string' ? Date.parse(at) : at;
  // ±8.64e15 ms is the range a Date can hold
  if (typeof ms !== 'number' || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    throw new EconomyError(
      'INVALID_ARGUMENT',
      `a date must be a Date, an ISO 8601 string such as "2026-11-25" or epoch milliseconds, got ${describeValue(at)}`,
      {
        path,
      },
    );
  }
  return ms;
}

/**
 * The versions of one economy over time, each in force for its own period, with no gaps and no overlaps.
 * `at(date)` answers which version was in force; the date is always an argument, never the clock.
 *
 * @example
 * ```ts
 * import { applyOverlay, RateHistory } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const before = applyOverlay(tiktok, { version: '2026-01-01', effectiveFrom: '2026-01-01', effectiveTo: '2026-11-25' });
 * const history = RateHistory.of([tiktok, before]);
 * console.log(history.at('2026-06-01').version, history.at('2026-12-01').version); // 2026-01-01 2026-11-25
 * ```
 * @category Rate tables
 */
export class RateHistory {
  /** The versions, oldest first. */
  readonly versions: readonly RateTable[];

  private constructor(versions: readonly RateTable[]) {
    this.versions = Object.freeze([...versions]);
    Object.freeze(this);
  }

  /**
   * Builds a history from versions of one table (any order).
   *
   * @throws EconomyError `INVALID_TABLE` for mixed ids, gaps, overlaps or an open period that is not last.
   */
  static of(tables: readonly RateTable[]): RateHistory {
    if (!Array.isArray(tables) || tables.length === 0)
      throw new EconomyError('INVALID_ARGUMENT', 'a history needs at least one rate table');
    const sorted = tables.map((table) => assertRateTable(table)).sort((a, b) => a.effectiveFrom - b.effectiveFrom);
    const issues: Issue[] = [];
    sorted.forEach((table, index) => {
      const first = sorted[0] as RateTable;
      if (table.id !== first.id)
        issues.push({ path: [index, 'id'], message: `every version must have the id "${first.id}", got "${table.id}"` });
      const next = sorted[index + 1];
      if (!next) return;
      if (table.effectiveTo === undefined) {
        issues.push({
          path: [index, 'effectiveTo'],
          message: `${table.ref} has no effectiveTo but ${next.ref} follows it: close its period`,
        });
      } else if (table.effectiveTo > next.effectiveFrom) {
        issues.push({
          path: [index, 'effectiveTo'],
          message: `${table.ref} overlaps ${next.ref}: it must end when the next version starts`,
        });
      } else if (table.effectiveTo < next.effectiveFrom) {
        issues.push({
          path: [index, 'effectiveTo'],
          message: `there is a gap between ${table.ref} and ${next.ref}: it must end when the next version starts`,
        });
      }
    });
    if (issues.length > 0) {
      throw new EconomyError('INVALID_TABLE', `invalid rate history: ${issues.map((issue) => issue.message).join('; ')}`, { issues });
    }
    return new RateHistory(sorted);
  }

  /**
   * The version in force at an instant.
   *
   * @throws EconomyError `NO_TABLE_IN_FORCE` before the first version or after the last one ends.
   */
  at(at: Instant): RateTable {
    const ms = toEpochMs(at);
    const found = this.versions.find((table) => table.isInForce(ms));
    if (found) return found;
    const first = this.versions[0] as RateTable;
    throw new EconomyError('NO_TABLE_IN_FORCE', `no version of "${first.id}" is in force at ${new Date(ms).toISOString()}`, {
      details: { versions: this.versions.map((table) => table.ref) },
    });
  }
}
