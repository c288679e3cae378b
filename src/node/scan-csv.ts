// CSV gift events with a header: the creator (or gifter), gift price and repeat count columns are picked out
// of each line's bytes by position; quoted fields ("a ""b""", commas inside) are read too. A quoted field
// holding a line break is not supported: its line is reported invalid.
import type { LineSink } from './scan-lines.js';

/** Which columns hold what, by position (0-based; `repeat` -1 when there is no repeat column: 1 each). */
export interface CsvColumns {
  readonly key: number;
  readonly gift: number;
  readonly repeat: number;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const NEWLINE = 0x0a;
const RETURN = 0x0d;

/** Splits the header line into column names. */
export function csvHeader(line: string): string[] {
  return splitFields(line.replace(/^\uFEFF/, '').replace(/\r$/, ''));
}

/** Finds the columns by name; an unknown name is an error that lists the header. */
export function csvColumns(header: readonly string[], names: { key: string; gift: string; repeat: string }): CsvColumns | string {
  const at = (name: string) => header.indexOf(name);
  const key = at(names.key);
  const gift = at(names.gift);
  if (key < 0 || gift < 0) {
    return `the CSV header has no column ${key < 0 ? `"${names.key}"` : `"${names.gift}"`}; its columns are ${header.map((h) => `"${h}"`).join(', ')} (map them with --creator-column, --gifter-column, --gift-column, --repeat-column)`;
  }
  return { key, gift, repeat: at(names.repeat) };
}

function splitFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** The whole number written plainly in bytes [from, to) (no sign, no leading zero, 1 to 15 digits), or -1. */
function wholeAt(bytes: Uint8Array, from: number, to: number): number {
  const digits = to - from;
  if (digits < 1 || digits > 15 || (digits > 1 && bytes[from] === 0x30)) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = (bytes[i] as number) - 0x30;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A whole number written plainly (no sign, no leading zero, at most 15 digits), or undefined. */
function plainWhole(text: string): number | undefined {
  return /^(?:0|[1-9]\d{0,14})$/.test(text) ? Number(text) : undefined;
}

/**
 * Scans the complete CSV lines of `bytes` (no header) and reports each to `sink`, numbering from `firstLine`.
 * Returns the number of lines scanned; blank lines are skipped (counted).
 */
export function scanCsvLines(bytes: Uint8Array, firstLine: number, columns: CsvColumns, sink: LineSink): number {
  let start = 0;
  let line = firstLine;
  const length = bytes.length;
  const wanted = Math.max(columns.key, columns.gift, columns.repeat);
  while (start < length) {
    let end = start;
    while (end < length && bytes[end] !== NEWLINE) end++;
    let stop = end;
    if (stop > start && bytes[stop - 1] === RETURN) stop--;
    if (stop > start) readLine(bytes, start, stop, columns, wanted, sink, line);
    line++;
    start = end + 1;
  }
  return line - firstLine;
}

function readLine(bytes: Uint8Array, start: number, stop: number, columns: CsvColumns, wanted: number, sink: LineSink, line: number): void {
  // fast path: unquoted fields, numbers read from the bytes
  let field = 0;
  let fieldStart = start;
  let key: number | string | undefined;
  let gift: number | undefined;
  let repeat = 1;
  let plain = true;
  for (let at = start; at <= stop && field <= wanted; at++) {
    if (at < stop && bytes[at] !== COMMA) {
      if (bytes[at] === QUOTE) {
        plain = false;
        break;
      }
      continue;
    }
    if (field === columns.key) {
      // digits are a number, as in JSON lines; anything else is text
      const n = wholeAt(bytes, fieldStart, at);
      key = n >= 0 ? n : Buffer.from(bytes.buffer, bytes.byteOffset + fieldStart, at - fieldStart).toString('utf8');
    } else if (field === columns.gift) {
      gift = wholeAt(bytes, fieldStart, at);
      if (gift < 0) {
        invalidField(bytes, start, stop, fieldStart, at, 'giftCoins', sink, line);
        return;
      }
    } else if (field === columns.repeat && at > fieldStart) {
      repeat = wholeAt(bytes, fieldStart, at);
      if (repeat < 0) {
        invalidField(bytes, start, stop, fieldStart, at, 'repeatCount', sink, line);
        return;
      }
    }
    field++;
    fieldStart = at + 1;
  }
  if (!plain) {
    quotedLine(bytes, start, stop, columns, sink, line);
    return;
  }
  if (key === undefined || key === '' || gift === undefined) {
    sink.invalid(line, `expected at least ${wanted + 1} fields`, text(bytes, start, stop));
    return;
  }
  sink.flat(key, gift, repeat, line);
}

function quotedLine(bytes: Uint8Array, start: number, stop: number, columns: CsvColumns, sink: LineSink, line: number): void {
  const raw = text(bytes, start, stop);
  const quotes = raw.split('"').length - 1;
  if (quotes % 2 !== 0) {
    sink.invalid(line, 'an unclosed quote (a quoted field may not hold a line break)', raw);
    return;
  }
  const fields = splitFields(raw);
  const keyText = fields[columns.key];
  const giftText = fields[columns.gift];
  const repeatText = columns.repeat < 0 ? '' : (fields[columns.repeat] ?? '');
  if (keyText === undefined || keyText === '' || giftText === undefined) {
    sink.invalid(line, 'missing fields', raw);
    return;
  }
  const gift = plainWhole(giftText);
  const repeat = repeatText === '' ? 1 : plainWhole(repeatText);
  if (gift === undefined) {
    sink.invalid(line, `giftCoins must be a whole number, got "${giftText}"`, raw);
    return;
  }
  if (repeat === undefined) {
    sink.invalid(line, `repeatCount must be a whole number, got "${repeatText}"`, raw);
    return;
  }
  sink.flat(plainWhole(keyText) ?? keyText, gift, repeat, line);
}

function invalidField(
  bytes: Uint8Array,
  start: number,
  stop: number,
  from: number,
  to: number,
  name: string,
  sink: LineSink,
  line: number,
): void {
  sink.invalid(line, `${name} must be a whole number, got "${text(bytes, from, to)}"`, text(bytes, start, stop));
}

function text(bytes: Uint8Array, start: number, stop: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, stop - start).toString('utf8');
}
