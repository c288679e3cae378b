import { EconomyError, formatPath, type Issue } from '../errors.js';
import { compileRateTable, type RateTable } from './compile.js';
import { type RateTableDocument, rateTableSchemas } from './schema.js';
import { crossCheck, findPollutingKeys } from './validate.js';

/**
 * Validates an untrusted rate table (parsed JSON) and compiles it. Every problem is reported at once, each
 * with its JSON path and what is allowed; nothing is compiled unless the whole table is valid.
 *
 * @throws EconomyError `INVALID_TABLE` with `issues` listing every problem.
 * @example
 * ```ts
 * import { EconomyError, parseRateTable } from 'gift-economy';
 * try {
 *   parseRateTable({ id: 'demo' });
 * } catch (error) {
 *   if (error instanceof EconomyError) console.log(error.code, error.issues.length > 3); // INVALID_TABLE true
 * }
 * ```
 * @category Rate tables
 */
export function parseRateTable(input: unknown): RateTable {
  const table = compileRateTable(validateRateTable(input));
  // untrusted input: a table past a planner limit is refused here, not at its first quote
  table.compilePlanners();
  return table;
}

/**
 * The answer of {@link safeParseRateTable}: the compiled table, or every problem found.
 * @example
 * ```ts
 * import { type SafeParseResult, safeParseRateTable } from 'gift-economy';
 * const result: SafeParseResult = safeParseRateTable({ id: 'demo' });
 * console.log(result.ok); // false
 * ```
 * @category Rate tables
 */
export type SafeParseResult = { readonly ok: true; readonly table: RateTable } | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * {@link parseRateTable} without throwing, as zod users expect: `{ ok: true, table }` or `{ ok: false, issues }`
 * with every problem and its JSON path.
 *
 * @example
 * ```ts
 * import { safeParseRateTable } from 'gift-economy';
 * const result = safeParseRateTable({ id: 'demo', currencies: ['usd'] });
 * if (!result.ok) console.log(result.issues.some((issue) => issue.path.join('.') === 'currencies.0')); // true
 * ```
 * @category Rate tables
 */
export function safeParseRateTable(input: unknown): SafeParseResult {
  try {
    return Object.freeze({ ok: true as const, table: parseRateTable(input) });
  } catch (error) {
    if (error instanceof EconomyError && error.code === 'INVALID_TABLE') return Object.freeze({ ok: false as const, issues: error.issues });
    throw error;
  }
}

/**
 * Validates an untrusted rate table and returns the document with defaults applied, without compiling.
 *
 * @throws EconomyError `INVALID_TABLE`
 * @example
 * ```ts
 * import { validateRateTable } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * console.log(validateRateTable(JSON.parse(JSON.stringify(tiktok))).id); // tiktok
 * ```
 * @category Rate tables
 */
export function validateRateTable(input: unknown): RateTableDocument {
  const polluting = findPollutingKeys(input);
  if (polluting.length > 0) throw invalidTable(polluting);
  const result = rateTableSchemas().rateTable.safeParse(input);
  if (!result.success) {
    throw invalidTable(
      result.error.issues.map((issue) => ({
        path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
        message:
          issue.code === 'unrecognized_keys'
            ? `${issue.message}; allowed keys are those of the rate table schema (docs/schema/)`
            : issue.message,
      })),
    );
  }
  const issues = crossCheck(result.data);
  if (issues.length > 0) throw invalidTable(issues);
  return result.data;
}

function invalidTable(issues: Issue[]): EconomyError {
  const listed = issues.slice(0, 5).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return new EconomyError(
    'INVALID_TABLE',
    `invalid rate table (${issues.length} problem${issues.length === 1 ? '' : 's'}): ${listed.join('; ')}${more}`,
    {
      ...(issues.length === 1 ? { path: (issues[0] as Issue).path } : {}),
      issues,
    },
  );
}
