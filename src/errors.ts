/**
 * Every way a call into gift-economy can fail. The codes are stable: programs may switch on them.
 *
 * @example
 * ```ts
 * import { EconomyError, money } from 'gift-economy';
 * try { money('1.5x', 'USD'); } catch (e) { if (e instanceof EconomyError) console.log(e.code); } // INVALID_AMOUNT
 * ```
 * @category Errors
 */
export type ErrorCode =
  | 'INVALID_AMOUNT'
  | 'INVALID_CURRENCY'
  | 'CURRENCY_MISMATCH'
  | 'INVALID_QUANTITY'
  | 'QUANTITY_OVERFLOW'
  | 'INVALID_ROUNDING_MODE'
  | 'INVALID_RATIOS'
  | 'INVALID_ARGUMENT'
  | 'INVALID_TABLE'
  | 'NO_TABLE_IN_FORCE'
  | 'UNKNOWN_GIFT'
  | 'UNKNOWN_CHANNEL'
  | 'NO_PRICE'
  | 'INVALID_EVENT'
  | 'INVALID_JOURNAL';

/**
 * One problem found in an input: where it is, and what is allowed there.
 * @example
 * ```ts
 * import { EconomyError, type Issue, parseRateTable } from 'gift-economy';
 * try {
 *   parseRateTable({});
 * } catch (error) {
 *   const first: Issue | undefined = (error as EconomyError).issues[0];
 *   console.log(first?.path); // [ 'id' ]
 * }
 * ```
 * @category Errors
 */
export interface Issue {
  /** JSON path of the bad value, e.g. `['gifts', 3, 'coins']`. */
  readonly path: readonly (string | number)[];
  /** What was wrong and what is allowed. */
  readonly message: string;
}

/**
 * Optional parts of an {@link EconomyError}.
 * @example
 * ```ts
 * import { EconomyError, type EconomyErrorOptions } from 'gift-economy';
 * const options: EconomyErrorOptions = { path: ['gifts', 0, 'coins'], details: { got: 1.5 } };
 * console.log(new EconomyError('INVALID_QUANTITY', 'coins must be whole', options).path.join('.')); // gifts.0.coins
 * ```
 * @category Errors
 */
export interface EconomyErrorOptions {
  /** Where in the input the bad value is. */
  readonly path?: readonly (string | number)[];
  /** Every problem found, when there are several (table validation lists them all). */
  readonly issues?: readonly Issue[];
  /** Machine-readable facts about the failure. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * The one error class of gift-economy. `code` says what kind of failure it is; the message says what was
 * wrong, where, and what is allowed; `path` and `issues` point into the input.
 *
 * @example
 * ```ts
 * import { EconomyError, coins } from 'gift-economy';
 * try { coins(1.5); } catch (e) {
 *   if (e instanceof EconomyError) console.log(e.code, e.message);
 *   // INVALID_QUANTITY coins must be a whole number from 0 to 9007199254740991, got 1.5
 * }
 * ```
 * @category Errors
 */
export class EconomyError extends Error {
  /** The stable kind of failure. */
  readonly code: ErrorCode;
  /** JSON path of the bad value, when the input is a document. */
  readonly path: readonly (string | number)[];
  /** Every problem found (at least one). */
  readonly issues: readonly Issue[];
  /** Machine-readable facts about the failure. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: EconomyErrorOptions = {}) {
    super(message);
    this.name = 'EconomyError';
    this.code = code;
    // an error never fails while being built: a path that is not an array of keys is left out
    const path = Array.isArray(options?.path) ? options.path.filter((part) => typeof part === 'string' || typeof part === 'number') : [];
    this.path = Object.freeze(path);
    this.issues = Object.freeze(
      Array.isArray(options?.issues) ? options.issues.map((issue) => Object.freeze({ ...issue })) : [{ path: this.path, message }],
    );
    this.details = Object.freeze({ ...(options?.details ?? {}) });
  }
}

/**
 * Formats a JSON path for a message: `gifts[3].coins`.
 * @internal
 */
export function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text ? `.${part}` : part;
  return text || '(root)';
}

/** Checks that a question or option object is an object (not null, an array or a primitive) before a field is read. @internal */
export function assertObject(value: unknown, expected: string): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EconomyError('INVALID_ARGUMENT', `expected ${expected}, got ${describeValue(value)}`);
  }
}

/**
 * Describes any value briefly for an error message, without throwing on odd values.
 * @internal
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}
