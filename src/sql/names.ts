import { describeValue, EconomyError } from '../errors.js';

/**
 * A double-quoted SQL identifier; any character but NUL is allowed, `"` is doubled.
 */
export function identifier(name: unknown, path: readonly (string | number)[]): string {
  if (typeof name !== 'string' || name === '' || name.length > 1000 || name.includes('\u0000')) {
    throw new EconomyError('INVALID_ARGUMENT', `a SQL name must be a non-empty string without NUL, got ${describeValue(name)}`, { path });
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A single-quoted SQL string literal (standard strings: `'` is doubled, backslashes are literal).
 */
export function literal(text: string): string {
  if (text.includes('\u0000')) throw new EconomyError('INVALID_ARGUMENT', 'a SQL string must not contain NUL');
  return `'${text.replaceAll("'", "''")}'`;
}
