import { assertObject, EconomyError } from '../errors.js';
import { assertRateTable, type RateTable } from './compile.js';
import { parseRateTable } from './parse.js';

/**
 * Where the current rate table comes from. The library does no I/O: a source either holds a fixed table or
 * calls the loader the user gives it.
 *
 * @example
 * ```ts
 * import { fixedSource } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const source = fixedSource(tiktok);
 * console.log((await source.current()).ref); // tiktok@2026-11-25
 * ```
 * @category Rate tables
 */
export interface RateSource {
  /** The table to use now. */
  current(): Promise<RateTable>;
}

/**
 * A source that always answers the same table.
 *
 * @example
 * ```ts
 * import { fixedSource } from 'gift-economy';
 * import { twitchBits } from 'gift-economy/presets/twitch-bits';
 * console.log((await fixedSource(twitchBits).current()).id); // twitch-bits
 * ```
 * @category Rate tables
 */
export function fixedSource(table: RateTable): RateSource {
  const checked = assertRateTable(table);
  return Object.freeze({ current: async () => checked });
}

/**
 * Options of {@link loadingSource}.
 * @example
 * ```ts
 * import { type LoadingSourceOptions, loadingSource } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const options: LoadingSourceOptions = { load: async () => JSON.parse(JSON.stringify(tiktok)), maxAgeMs: 60_000, now: () => 0 };
 * console.log((await loadingSource(options).current()).ref); // tiktok@2026-11-25
 * ```
 * @category Rate tables
 */
export interface LoadingSourceOptions {
  /** Fetches the table document (parsed JSON) from wherever the user keeps it. */
  readonly load: () => Promise<unknown>;
  /** How long a loaded table is reused before the next load, in milliseconds. */
  readonly maxAgeMs: number;
  /** The clock, passed in (e.g. `Date.now`): the library never reads one itself. */
  readonly now: () => number;
  /** The table to answer before the first good load, and whenever loads keep failing. */
  readonly fallback?: RateTable;
  /** Told about every failed load or invalid table; the request that triggered it still gets a table. */
  readonly onError?: (error: EconomyError) => void;
}

/**
 * A source that loads, validates and caches a table, and keeps answering the last known good table when a
 * newly loaded one is invalid or the load fails (reported through `onError`, never thrown at the caller
 * while a good table exists). Concurrent calls share one load.
 *
 * @throws EconomyError `INVALID_TABLE` from `current()` only when there is no good table at all yet.
 * @example
 * ```ts
 * import { loadingSource } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const source = loadingSource({
 *   load: async () => ({ broken: true }),
 *   maxAgeMs: 60_000,
 *   now: () => 0,
 *   fallback: tiktok,
 *   onError: (error) => console.log(error.code), // INVALID_TABLE
 * });
 * console.log((await source.current()).ref); // tiktok@2026-11-25
 * ```
 * @category Rate tables
 */
export function loadingSource(options: LoadingSourceOptions): RateSource {
  assertObject(options, 'options { load, maxAgeMs?, fallback?, onError? }');
  let good: RateTable | undefined = options.fallback === undefined ? undefined : assertRateTable(options.fallback);
  let loadedAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<RateTable> | undefined;

  const refresh = async (): Promise<RateTable> => {
    try {
      const table = parseRateTable(await options.load());
      good = table;
      return table;
    } catch (cause) {
      const error =
        cause instanceof EconomyError
          ? cause
          : new EconomyError('INVALID_TABLE', `loading the rate table failed: ${cause instanceof Error ? cause.message : String(cause)}`);
      options.onError?.(error);
      if (good) return good;
      throw error;
    } finally {
      loadedAt = options.now();
      inFlight = undefined;
    }
  };

  return Object.freeze({
    current(): Promise<RateTable> {
      if (good && options.now() - loadedAt < options.maxAgeMs) return Promise.resolve(good);
      inFlight ??= refresh();
      return inFlight;
    },
  });
}
