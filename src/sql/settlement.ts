import { perCoin } from '../convert/breakdown.js';
import { describeValue, EconomyError } from '../errors.js';
import { minorUnits } from '../money/currency.js';
import type { RoundingMode } from '../money/rounding.js';
import { assertRateTable, type RateTable } from '../table/compile.js';
import { identifier, literal } from './names.js';

/**
 * The SQL engines whose settlement queries are verified against `settle` on real servers.
 * @example
 * ```ts
 * import type { SqlDialect } from 'gift-economy';
 * const dialect: SqlDialect = 'postgres';
 * console.log(dialect); // postgres
 * ```
 * @category SQL
 */
export type SqlDialect = 'duckdb' | 'postgres';

/**
 * Where the events are: a table or view (a name, or its qualified parts such as `['analytics', 'gifts']`) or,
 * for DuckDB, a file read with `read_json`, `read_csv` or `read_parquet`.
 * @example
 * ```ts
 * import type { SqlSource } from 'gift-economy';
 * const source: SqlSource = { file: 'events.parquet', format: 'parquet' };
 * console.log(source); // { file: 'events.parquet', format: 'parquet' }
 * ```
 * @category SQL
 */
export type SqlSource = string | readonly string[] | { readonly file: string; readonly format?: 'json' | 'csv' | 'parquet' };

/**
 * The question for {@link settlementSql}.
 * @example
 * ```ts
 * import type { SettlementSqlOptions } from 'gift-economy';
 * const options: SettlementSqlOptions = { dialect: 'duckdb', source: 'gifts', columns: { creator: 'host' }, by: 'creator' };
 * console.log(options.columns?.creator); // host
 * ```
 * @category SQL
 */
export interface SettlementSqlOptions {
  readonly dialect: SqlDialect;
  readonly source: SqlSource;
  /** Column names of the events (defaults: `creatorId`, `giftCoins`, `repeatCount`, `gifterId`). */
  readonly columns?: {
    readonly creator?: string;
    readonly gifter?: string;
    readonly giftCoins?: string;
    readonly repeatCount?: string;
  };
  /** Group by the receiving creator (default) or by the sender. */
  readonly by?: 'creator' | 'gifter';
  /** Add comments naming each rule, its rounding and its source. */
  readonly explain?: boolean;
}

const DIALECTS: readonly SqlDialect[] = ['duckdb', 'postgres'];
const FORMATS = ['json', 'csv', 'parquet'] as const;

/**
 * One SQL query that settles an events table exactly as {@link settle} does, for the engine where the events
 * already live: coins per creator (or gifter) as exact integers, the creator share with the table's rounding
 * mode and scope (per gift, per event, per settlement), the diamond value rounded once per key to the
 * currency's minor unit with the table's mode. Integer arithmetic only (`BIGINT` per event, which both
 * engines refuse to overflow; sums as DuckDB `HUGEINT` or PostgreSQL `NUMERIC` with `div`/`mod`), never a float; each rounding mode is spelled out on the integer remainder, so
 * the engines' own half-away-from-zero rounding never applies. Identifiers and literals are quoted.
 *
 * The query returns one row per key with at least one coin: `key`, `events`, `coins`, `diamonds`,
 * `value_minor` (whole minor units), `currency`, `minor_units`, ordered by key. An event with a negative,
 * fractional or missing gift price, or a negative or fractional repeat count, stops the query with an error
 * (as `settle` refuses it); a missing repeat count is 1.
 *
 * @throws EconomyError `INVALID_ARGUMENT` for an unknown dialect, a bad name, or a file source on PostgreSQL.
 * @example
 * ```ts
 * import { settlementSql } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const sql = settlementSql(tiktok, { dialect: 'postgres', source: ['analytics', 'gifts'] });
 * console.log(sql.includes('FROM "analytics"."gifts"')); // true
 * ```
 * @category SQL
 */
export function settlementSql(table: RateTable, options: SettlementSqlOptions): string {
  const compiled = assertRateTable(table);
  if (typeof options !== 'object' || options === null) {
    throw new EconomyError(
      'INVALID_ARGUMENT',
      `expected options { dialect, source, columns?, by?, explain? }, got ${describeValue(options)}`,
    );
  }
  const dialect = options.dialect;
  if (!DIALECTS.includes(dialect)) {
    throw new EconomyError('INVALID_ARGUMENT', `dialect must be one of ${DIALECTS.join(', ')}, got ${describeValue(dialect)}`, {
      path: ['dialect'],
    });
  }
  const by = options.by ?? 'creator';
  if (by !== 'creator' && by !== 'gifter') {
    throw new EconomyError('INVALID_ARGUMENT', `by must be "creator" or "gifter", got ${describeValue(by)}`, { path: ['by'] });
  }
  const columns = options.columns ?? {};
  const column = (name: 'creator' | 'gifter' | 'giftCoins' | 'repeatCount', fallback: string) =>
    identifier(columns[name] ?? fallback, ['columns', name]);
  const key = by === 'creator' ? column('creator', 'creatorId') : column('gifter', 'gifterId');
  const gift = column('giftCoins', 'giftCoins');
  const repeat = column('repeatCount', 'repeatCount');
  const sql = new Dialect(dialect);

  const share = compiled.diamondsPerCoin;
  const { rounding: shareRounding, scope } = compiled.document.creatorShare;
  const value = compiled.diamondValueMinor;
  const { currency, rounding: valueRounding } = compiled.document.diamondValue;
  const places = minorUnits(currency);
  const int = (n: number | bigint) => String(n);

  const times = (expression: string, factor: number) => (factor === 1 ? expression : `${expression} * ${int(factor)}`);
  const roundShare = (coins: string) => sql.divideRounded(times(coins, share.numerator), int(share.denominator), shareRounding);
  // A whole share (e.g. 1 diamond per coin) never rounds, whatever the scope: diamonds = coins × share.
  const wholeShare = share.denominator === 1;
  const perEvent = !wholeShare && scope !== 'per-settlement';
  const eventDiamonds = scope === 'per-gift' ? `${roundShare('gift')} * repeat` : roundShare('gift * repeat');
  const diamonds = wholeShare ? times('coins', share.numerator) : perEvent ? 'event_diamonds' : roundShare('coins');
  const explain = options.explain === true;
  const comment = (text: string) => (explain ? `-- ${text.replace(/[\r\n]+/g, ' ')}\n` : '');
  const source = (rule: { source?: string | undefined; derived?: string | undefined }) =>
    [rule.source ? `source: ${rule.source}` : undefined, rule.derived ? `derived: ${rule.derived}` : undefined]
      .filter(Boolean)
      .join('; ') || 'no source given';

  return [
    comment(`gift-economy settlement of ${compiled.ref} (${dialect}); exact integers only, one row per ${by}`),
    'WITH events AS (\n',
    `  SELECT ${key} AS key,\n`,
    `    ${sql.wholeOrFail(gift, `giftCoins must be a whole number of coins ≥ 0`)} AS gift,\n`,
    `    ${sql.wholeOrFail(`COALESCE(${repeat}, 1)`, `repeatCount must be a whole number ≥ 0`)} AS repeat\n`,
    `  FROM ${sql.source(options.source)}\n`,
    '),\n',
    comment(
      `creator share: ${perCoin(compiled.document.creatorShare.diamondsPerCoin, 'diamond')} = ${share.numerator}/${share.denominator}, rounded ${shareRounding}, ${scope} scope (${source(compiled.document.creatorShare)})`,
    ),
    'per_key AS (\n',
    `  SELECT key, count(*) AS events, sum(gift * repeat) AS coins${perEvent ? `, sum(${eventDiamonds}) AS event_diamonds` : ''}\n`,
    '  FROM events GROUP BY key\n',
    '),\n',
    'settled AS (\n',
    `  SELECT key, events, coins, ${diamonds} AS diamonds FROM per_key WHERE coins > 0\n`,
    ')\n',
    comment(
      `diamond value: ${compiled.document.diamondValue.perDiamond} ${currency} per diamond = ${value.numerator}/${value.denominator} minor units, rounded ${valueRounding} once per ${by} (${source(compiled.document.diamondValue)})`,
    ),
    `SELECT key, events, coins, diamonds, ${sql.divideRounded(times('diamonds', value.numerator), int(value.denominator), valueRounding)} AS value_minor,\n`,
    `  ${literal(currency)} AS currency, ${places} AS minor_units\n`,
    'FROM settled\n',
    'ORDER BY key;\n',
  ].join('');
}

/** What differs between engines: exact integer types, division, failing a query, reading files. */
class Dialect {
  constructor(readonly name: SqlDialect) {}

  /**
   * A whole count per event as a 64-bit integer: both engines stop with an overflow error rather than wrap,
   * and their `sum` of it is exact past 2^63 (DuckDB `HUGEINT`, PostgreSQL `NUMERIC`).
   */
  exact(expression: string): string {
    return `CAST(${expression} AS BIGINT)`;
  }

  /**
   * `round(a / b)` for a ≥ 0 and b > 0 with a named mode, on integers: q = a div b, r = a mod b, then q or
   * q + 1 by comparing r (or 2r) with b. Both engines truncate integer division, which is the floor here.
   */
  divideRounded(a: string, b: string, mode: RoundingMode): string {
    const q = this.name === 'duckdb' ? `((${a}) // ${b})` : `div(${a}, ${b})`;
    const r = this.name === 'duckdb' ? `((${a}) % ${b})` : `mod(${a}, ${b})`;
    const up: Record<RoundingMode, string | undefined> = {
      floor: undefined,
      'toward-zero': undefined,
      ceil: `${r} > 0`,
      'away-from-zero': `${r} > 0`,
      'half-up': `2 * ${r} >= ${b}`,
      'half-down': `2 * ${r} > ${b}`,
      'half-even': `(2 * ${r} > ${b} OR (2 * ${r} = ${b} AND ${this.name === 'duckdb' ? `${q} % 2` : `mod(${q}, 2)`} = 1))`,
    };
    const condition = up[mode];
    return condition === undefined ? q : `(${q} + CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  }

  /** The value as an exact integer, or the query stops with `message` (as `settle` refuses the event). */
  wholeOrFail(expression: string, message: string): string {
    const bad = `${expression} IS NULL OR ${expression} < 0 OR ${expression} <> floor(${expression})`;
    const fail =
      this.name === 'duckdb'
        ? `error(${literal(`gift-economy: ${message}`)})`
        : // PostgreSQL has no error() in expressions: a failing cast stops the query and shows the message with
          // the bad value (built from the row, so the planner cannot fold it into an error for every row)
          `CAST(${literal(`gift-economy: ${message}, got `)} || COALESCE(CAST(${expression} AS TEXT), 'NULL') AS BIGINT)`;
    return `CASE WHEN ${bad} THEN ${this.name === 'duckdb' ? `CAST(${fail} AS BIGINT)` : fail} ELSE ${this.exact(expression)} END`;
  }

  source(source: SqlSource): string {
    if (typeof source === 'string') return identifier(source, ['source']);
    if (Array.isArray(source)) {
      if (source.length === 0 || source.length > 3) throw badSource(source);
      return source.map((part, index) => identifier(part, ['source', index])).join('.');
    }
    if (typeof source !== 'object' || source === null || typeof (source as { file?: unknown }).file !== 'string') throw badSource(source);
    const { file, format = inferFormat((source as { file: string }).file) } = source as { file: string; format?: (typeof FORMATS)[number] };
    if (this.name !== 'duckdb') {
      throw new EconomyError(
        'INVALID_ARGUMENT',
        'PostgreSQL reads tables, not files: load the file into a table first (COPY), then name the table',
        {
          path: ['source'],
        },
      );
    }
    if (!FORMATS.includes(format)) {
      throw new EconomyError('INVALID_ARGUMENT', `format must be one of ${FORMATS.join(', ')}, got ${describeValue(format)}`, {
        path: ['source', 'format'],
      });
    }
    return `read_${format}(${literal(file)})`;
  }
}

function inferFormat(file: string): (typeof FORMATS)[number] {
  if (/\.parquet$/i.test(file)) return 'parquet';
  if (/\.csv(\.gz)?$/i.test(file)) return 'csv';
  return 'json';
}

function badSource(source: unknown): EconomyError {
  return new EconomyError(
    'INVALID_ARGUMENT',
    `source must be a table name, its qualified parts (1 to 3), or { file, format? } for DuckDB, got ${describeValue(source)}`,
    { path: ['source'] },
  );
}
