import { Money } from '../money/money.js';

/** Renders rows as an aligned text table; numbers and amounts are right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const numeric = header.map(
    (_, column) => rows.length > 0 && rows.every((row) => /^[-+]?[\d$€£¥₩.,\s]+(\s\w+)?$|^—$/.test(row[column] ?? '')),
  );
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column] as number) : cell.padEnd(widths[column] as number)))
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(render)].join('\n');
}

/** JSON for `--json`: Money as `{ amount, currency }` strings, Maps as objects, nothing lost. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, item: unknown) => {
      if (item instanceof Map) return Object.fromEntries(item);
      if (item instanceof Money) return item.toJSON();
      if (typeof item === 'bigint') return item.toString();
      return item;
    },
    2,
  );
}
