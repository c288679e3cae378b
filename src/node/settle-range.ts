import { closeSync, openSync, readSync } from 'node:fs';
import { describeValue } from '../errors.js';
import { Accumulator, type SettlementParts } from '../ledger/settle.js';
import type { RateTable } from '../table/compile.js';
import { type CsvColumns, scanCsvLines } from './scan-csv.js';
import { type LineSink, scanLines } from './scan-lines.js';

/** A line that was not settled: its 1-based line number, why, and its text. */
export interface Rejected {
  readonly line: number;
  readonly reason: string;
  readonly text: string;
}

/** What to do with a bad line: stop at the first (`fail`) or set it aside and go on (`skip`). */
export type OnInvalid = 'fail' | 'skip';

/** Most rejected lines kept in memory per reader (the count is always exact). */
export const REJECTS_KEPT = 100_000;
const CHUNK = 8 << 20;

/** The sink that settles flat events into an accumulator and sets aside what is not one. */
export class SettlingSink implements LineSink {
  readonly rejected: Rejected[] = [];
  rejectedCount = 0;
  /** In `fail` mode, the first bad line; scanning stops there. */
  failure: Rejected | undefined;

  constructor(
    readonly accumulator: Accumulator,
    readonly onInvalid: OnInvalid,
    /** Lines that are JSON but not flat events (live-connector events); without it they are rejected. */
    readonly onOther?: (line: number, record: unknown, text: string) => void,
  ) {}

  flat(key: number | string, giftCoins: number, repeatCount: number, line: number): void {
    if (typeof key === 'number' && (key & 0xffff) === key && giftCoins * repeatCount <= Number.MAX_SAFE_INTEGER) {
      this.accumulator.addDense(key, giftCoins, repeatCount);
    } else this.event(key, giftCoins, repeatCount, line);
  }

  event(key: number | string, giftCoins: unknown, repeatCount: unknown, line: number): void {
    if (!isCount(giftCoins)) this.invalid(line, `giftCoins must be a whole number from 0 to 2^53 − 1, got ${describeValue(giftCoins)}`, '');
    else if (!isCount(repeatCount))
      this.invalid(line, `repeatCount must be a whole number from 0 to 2^53 − 1, got ${describeValue(repeatCount)}`, '');
    else if (!isKey(key))
      this.invalid(line, `the creator (or gifter) id must be a non-empty string or a safe integer, got ${describeValue(key)}`, '');
    else this.accumulator.addChecked(key, giftCoins, repeatCount, line);
  }

  other(line: number, record: unknown, text: string): void {
    if (this.onOther) this.onOther(line, record, text);
    else this.invalid(line, 'not a gift event { creatorId, giftCoins, repeatCount }', text);
  }

  invalid(line: number, reason: string, text: string): void {
    const rejected = { line, reason, text };
    this.rejectedCount++;
    if (this.onInvalid === 'fail') {
      this.failure ??= rejected;
      throw STOP;
    }
    if (this.rejected.length < REJECTS_KEPT) this.rejected.push(rejected);
  }
}

/** Thrown through the scanner to stop at the first bad line in `fail` mode. */
export const STOP = Symbol('stop');

/** @internal A whole count an event may carry: 0 to 2^53 − 1. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** @internal A creator or gifter id: a non-empty string or a safe integer. */
export function isKey(value: unknown): value is number | string {
  return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isSafeInteger(value));
}

/** The outcome of reading one byte range of a file. */
export interface RangeResult {
  readonly parts: SettlementParts;
  readonly lines: number;
  readonly rejected: readonly Rejected[];
  readonly rejectedCount: number;
  readonly failure: Rejected | undefined;
}

/**
 * Settles the complete lines of bytes [start, end) of a JSON-lines file (start and end sit just after a newline,
 * or at the file's ends), reading large chunks; line numbers are relative to `start`.
 */
export function settleRange(
  table: RateTable,
  path: string,
  start: number,
  end: number,
  options: {
    readonly onInvalid: OnInvalid;
    readonly byGifter: boolean;
    /** CSV columns, for a CSV file (the range then holds no header); JSON lines without. */
    readonly csv?: CsvColumns | undefined;
    readonly onBytes?: (bytes: number) => void;
  },
): RangeResult {
  const sink = new SettlingSink(new Accumulator(table), options.onInvalid);
  const csv = options.csv;
  const scan = (bytes: Uint8Array, first: number) =>
    csv ? scanCsvLines(bytes, first, csv, sink) : scanLines(bytes, first, options.byGifter, sink);
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let carried = 0;
  let position = start;
  let line = 1;
  try {
    while (position < end) {
      const read = readSync(fd, buffer, carried, Math.min(CHUNK - carried, end - position), position);
      if (read === 0) break;
      position += read;
      const filled = carried + read;
      const last = position >= end ? filled : buffer.lastIndexOf(0x0a, filled - 1) + 1;
      if (last === 0) {
        // one line longer than the chunk: grow by reading it whole
        const long = readLongLine(fd, buffer.subarray(0, filled), position, end);
        line += scan(long.bytes, line);
        position = long.next;
        carried = 0;
      } else {
        line += scan(buffer.subarray(0, last), line);
        carried = filled - last;
        buffer.copy(buffer, 0, last, filled);
      }
      options.onBytes?.(position - start);
    }
    if (carried > 0) line += scan(buffer.subarray(0, carried), line);
  } catch (error) {
    if (error !== STOP) throw error;
  } finally {
    closeSync(fd);
  }
  const accumulator = sink.accumulator;
  return {
    parts: { table: table.ref, events: accumulator.events, creators: accumulator.parts() },
    lines: line - 1,
    rejected: sink.rejected,
    rejectedCount: sink.rejectedCount,
    failure: sink.failure,
  };
}

/** Reads on from `position` until the next newline (or `end`), for a line longer than one chunk. */
function readLongLine(fd: number, head: Buffer, position: number, end: number): { bytes: Buffer; next: number } {
  const parts = [Buffer.from(head)];
  let at = position;
  const piece = Buffer.allocUnsafe(CHUNK);
  while (at < end) {
    const read = readSync(fd, piece, 0, Math.min(CHUNK, end - at), at);
    if (read === 0) break;
    const newline = piece.subarray(0, read).indexOf(0x0a);
    if (newline >= 0) {
      parts.push(Buffer.from(piece.subarray(0, newline + 1)));
      return { bytes: Buffer.concat(parts), next: at + newline + 1 };
    }
    parts.push(Buffer.from(piece.subarray(0, read)));
    at += read;
  }
  return { bytes: Buffer.concat(parts), next: at };
}
