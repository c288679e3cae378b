import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';
import { liveGiftCounter } from '../adapters/tiktok-live.js';
import { EconomyError } from '../errors.js';
import { Accumulator, mergeSettlements, type Settlement } from '../ledger/settle.js';
import type { RateTable } from '../table/compile.js';
import { readJsonRecords } from './json-records.js';
import { type ParquetJob, settleParquetColumns } from './parquet.js';
import { type CsvColumns, csvColumns, csvHeader } from './scan-csv.js';
import { scanLines } from './scan-lines.js';
import { isCount, isKey, type OnInvalid, type RangeResult, type Rejected, SettlingSink, STOP, settleRange } from './settle-range.js';

/**
 * How to settle a file.
 * @example
 * ```ts
 * const options = { threads: 2, onInvalid: 'skip', by: 'creator' } as const;
 * console.log(options.threads); // 2
 * ```
 */
export interface SettleFileOptions {
  /** Worker threads for a JSON-lines, CSV or Parquet file of flat events (default: the machine's cores, at most 8). */
  readonly threads?: number;
  /** Stop at the first bad line (`fail`, the default) or set bad lines aside and go on (`skip`). */
  readonly onInvalid?: OnInvalid;
  /** Group by the receiving creator (default) or by the sender (`gifterId`). */
  readonly by?: 'creator' | 'gifter';
  /** Column names (defaults `creatorId`, `gifterId`, `giftCoins`, `repeatCount`), for CSV files. */
  readonly columns?: { readonly creator?: string; readonly gifter?: string; readonly giftCoins?: string; readonly repeatCount?: string };
  /** Called with bytes read so far and the total (0 when unknown, e.g. stdin). */
  readonly onProgress?: (bytes: number, total: number) => void;
}

/**
 * The settlement of a file, and what was not settled.
 * @example
 * ```ts
 * const result = { rejectedCount: 0, lines: 3, threads: 1 };
 * console.log(result.rejectedCount === 0 ? 'nothing skipped' : 'some lines skipped'); // nothing skipped
 * ```
 */
export interface FileSettlement {
  readonly settlement: Settlement;
  /** Lines read (blank lines included). */
  readonly lines: number;
  /** Bad lines set aside (`skip`), with line numbers; at most REJECTS_KEPT kept, `rejectedCount` is exact. */
  readonly rejected: readonly Rejected[];
  readonly rejectedCount: number;
  readonly threads: number;
  /** Live-connector events seen (then read in one pass, with duplicates and streaks counted once). */
  readonly liveEvents: number;
  /** What the live-connector counter saw: duplicates dropped, streak updates skipped, unknown gift ids, open streaks. */
  readonly live?: {
    readonly duplicates: number;
    readonly streakUpdatesSkipped: number;
    readonly unknownGifts: ReadonlyMap<string, number>;
    readonly openStreaks: number;
  };
}

/**
 * Settles a file of gift events exactly as `settle` does: JSON lines of flat events are split into byte ranges
 * at line boundaries and settled on worker threads, then merged; gzip (`.gz`), stdin (`-`) and files with
 * tiktok-live-connector events are read as one stream. A bad line stops the run (`fail`, reported with its
 * 1-based line number) or is set aside (`skip`).
 *
 * @throws EconomyError `INVALID_EVENT` naming the first bad line (in `fail` mode).
 * @example
 * ```ts
 * // node: const { settlement } = await settleFile(tiktok, 'events.jsonl', { threads: 2 });
 * console.log(typeof 'settleFile'); // string
 * ```
 */
export async function settleFile(table: RateTable, path: string, options: SettleFileOptions = {}): Promise<FileSettlement> {
  const onInvalid = options.onInvalid ?? 'fail';
  const byGifter = options.by === 'gifter';
  if (path === '-' || /\.gz$/i.test(path)) return settleStream(table, path, onInvalid, byGifter, options.onProgress);
  if (/\.parquet$/i.test(path)) return settleParquet(table, path, onInvalid, byGifter, options);
  const size = statSync(path).size;
  const csv = /\.csv$/i.test(path) ? readCsvHeader(path, byGifter, options.columns) : undefined;
  if (!csv && !flatLinesFile(path)) return settleStream(table, path, onInvalid, byGifter, options.onProgress);
  const from = csv?.bodyStart ?? 0;
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(availableParallelism(), 8), Math.ceil((size - from) / (1 << 20))));
  const ranges = splitAtLines(path, from, size, threads);
  let done = 0;
  const progress = (bytes: number) => {
    done += bytes;
    options.onProgress?.(done, size);
  };
  const columns = csv?.columns;
  // The first range is settled on this thread while workers take the others: it starts at once, warm, and
  // saves a worker's start-up (the workers' messages wait until it is done; their results are awaited after).
  const [first, ...others] = ranges as [[number, number], ...[number, number][]];
  const pending = others.map(([start, end]) => inWorker(table, path, start, end, onInvalid, byGifter, columns, progress));
  let reported = 0;
  const own = settleRange(table, path, first[0], first[1], {
    onInvalid,
    byGifter,
    csv: columns,
    onBytes(bytes) {
      progress(bytes - reported);
      reported = bytes;
    },
  });
  const results = [own, ...(await Promise.all(pending))];
  // a CSV file's header is line 1
  return combine(table, results, threads, csv ? 1 : 0);
}

/** Line offsets: each range's lines follow the lines of the ranges before it. */
function combine(table: RateTable, results: readonly RangeResult[], threads: number, headerLines: number): FileSettlement {
  let offset = headerLines;
  const rejected: Rejected[] = [];
  let rejectedCount = 0;
  for (const result of results) {
    if (result.failure) {
      const line = offset + result.failure.line;
      throw new EconomyError('INVALID_EVENT', `line ${line}: ${result.failure.reason}`, { path: [line] });
    }
    for (const item of result.rejected) rejected.push({ ...item, line: offset + item.line });
    rejectedCount += result.rejectedCount;
    offset += result.lines;
  }
  const settlement = mergeSettlements(
    table,
    results.map((result) => result.parts),
  );
  return { settlement, lines: offset, rejected, rejectedCount, threads, liveEvents: 0 };
}

function inWorker(
  table: RateTable,
  path: string,
  start: number,
  end: number,
  onInvalid: OnInvalid,
  byGifter: boolean,
  csv: CsvColumns | undefined,
  progress: (bytes: number) => void,
): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./settle-worker.js', import.meta.url), {
      workerData: { document: table.document, path, start, end, onInvalid, byGifter, csv },
      // a reader keeps little alive: a small young generation keeps each worker's memory small whatever the file
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    worker.on('message', (message: { progress?: number; result?: RangeResult }) => {
      if (message.progress !== undefined) progress(message.progress);
      if (message.result) resolve(message.result);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`settle worker stopped with exit code ${code}`));
    });
  });
}

/** Row groups of a Parquet file taken from the shared queue, settled on a worker thread; `undefined` when it needs the general reader. */
function parquetInWorker(
  table: RateTable,
  path: string,
  parquet: ParquetJob,
  progress: (bytes: number) => void,
): Promise<{ readonly rows: number; readonly parts: RangeResult['parts'] } | undefined> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./settle-worker.js', import.meta.url), {
      workerData: { document: table.document, path, parquet },
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    worker.on('message', (message: { progress?: number; parquet?: { rows: number; parts: RangeResult['parts'] } }) => {
      if (message.progress !== undefined) progress(message.progress);
      else resolve(message.parquet);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`settle worker stopped with exit code ${code}`));
    });
  });
}

/** Whether the file's first non-blank line is one flat JSON event (so the file can be split into ranges). */
function flatLinesFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(64 << 10);
    const read = readSync(fd, head, 0, head.length, 0);
    const text = head
      .subarray(0, read)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const first = text.split('\n').find((line) => line.trim() !== '');
    if (first === undefined || !first.trimStart().startsWith('{')) return false;
    try {
      const record = JSON.parse(first) as unknown;
      return typeof record === 'object' && record !== null && Object.hasOwn(record, 'giftCoins');
    } catch {
      return false;
    }
  } finally {
    closeSync(fd);
  }
}

/** The header of a CSV file: the columns wanted, and where the first data line starts. */
function readCsvHeader(
  path: string,
  byGifter: boolean,
  names: SettleFileOptions['columns'] = {},
): { columns: CsvColumns; bodyStart: number } {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(1 << 20);
    const read = readSync(fd, head, 0, head.length, 0);
    const newline = head.subarray(0, read).indexOf(0x0a);
    const headerText = head.subarray(0, newline < 0 ? read : newline).toString('utf8');
    const columns = csvColumns(csvHeader(headerText), {
      key: byGifter ? (names.gifter ?? 'gifterId') : (names.creator ?? 'creatorId'),
      gift: names.giftCoins ?? 'giftCoins',
      repeat: names.repeatCount ?? 'repeatCount',
    });
    if (typeof columns === 'string') throw new EconomyError('INVALID_EVENT', `line 1: ${columns}`, { path: [1] });
    return { columns, bodyStart: newline < 0 ? read : newline + 1 };
  } finally {
    closeSync(fd);
  }
}

/**
 * Byte ranges of [from, size), each starting just after a newline: about equal, except that the first (settled
 * on the calling thread, which starts at once) is longer by what a thread reads while a worker starts up
 * (measured at 70–85 ms, some 40 MB per thread on the benchmark machine, so the head start is twice that split
 * over the ranges; at most a quarter of a share).
 */
const HEAD_START_BYTES = 80 << 20;
function splitAtLines(path: string, from: number, size: number, parts: number): [number, number][] {
  const share = (size - from) / parts;
  const head = parts > 1 ? Math.min(HEAD_START_BYTES, share / 4) : 0;
  const cuts = [from];
  const fd = openSync(path, 'r');
  const probe = Buffer.alloc(1 << 16);
  try {
    for (let i = 1; i < parts; i++) {
      let at = Math.max(from + Math.floor(share * i + head - (head * i) / parts), cuts[cuts.length - 1] as number);
      for (;;) {
        const read = readSync(fd, probe, 0, probe.length, at);
        if (read === 0) {
          at = size;
          break;
        }
        const newline = probe.subarray(0, read).indexOf(0x0a);
        if (newline >= 0) {
          at += newline + 1;
          break;
        }
        at += read;
      }
      cuts.push(Math.min(at, size));
    }
  } finally {
    closeSync(fd);
  }
  cuts.push(size);
  const ranges: [number, number][] = [];
  for (let i = 0; i + 1 < cuts.length; i++)
    if ((cuts[i + 1] as number) > (cuts[i] as number)) ranges.push([cuts[i] as number, cuts[i + 1] as number]);
  return ranges.length > 0 ? ranges : [[from, size]];
}

/**
 * One pass over a stream (stdin, gzip, or a file of live-connector events, JSON arrays or documents): flat
 * lines are scanned as bytes; other JSON lines go through the live-connector counter (duplicates and streaks
 * counted once).
 */
async function settleStream(
  table: RateTable,
  path: string,
  onInvalid: OnInvalid,
  byGifter: boolean,
  onProgress: ((bytes: number, total: number) => void) | undefined,
): Promise<FileSettlement> {
  const live = liveGiftCounter(table, { keepCounted: false });
  const accumulator = new Accumulator(table);
  let liveEvents = 0;
  const sink: SettlingSink = new SettlingSink(accumulator, onInvalid, (line, record) => {
    liveEvents++;
    let gift: ReturnType<typeof live.push>;
    try {
      gift = live.push(record);
    } catch (error) {
      sink.invalid(line, error instanceof Error ? error.message : String(error), JSON.stringify(record));
      return;
    }
    if (gift) sink.event(byGifter ? (gift.sender ?? gift.receiver) : gift.receiver, gift.giftCoins, gift.repeatCount, line);
  });
  const total = path === '-' ? 0 : statSync(path).size;
  const raw = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = /\.gz$/i.test(path) ? raw.pipe(createGunzip()) : raw;
  let bytes = 0;
  raw.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    onProgress?.(bytes, total);
  });
  let carried: Buffer = Buffer.alloc(0);
  let line = 1;
  let document = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const data = carried.length > 0 ? Buffer.concat([carried, chunk]) : chunk;
      if (line === 1 && startsDocument(data)) {
        document = true;
        break;
      }
      const last = data.lastIndexOf(0x0a) + 1;
      if (last > 0) line += scanLines(data.subarray(0, last), line, byGifter, sink);
      carried = Buffer.from(data.subarray(last));
    }
    if (document) {
      // a JSON array or one object with an `events` array: read element by element in constant memory
      if (path === '-' || /\.gz$/i.test(path)) {
        throw new EconomyError('INVALID_EVENT', 'stdin and gzip input must be JSON lines; a JSON array is read from a plain file');
      }
      raw.destroy();
      let index = 0;
      for await (const record of readJsonRecords(path, (read) => onProgress?.(read, total))) {
        index++;
        if (typeof record === 'object' && record !== null && Object.hasOwn(record, 'giftCoins')) {
          const event = record as Record<string, unknown>;
          sink.event((byGifter ? event.gifterId : event.creatorId) as number | string, event.giftCoins, event.repeatCount ?? 1, index);
        } else sink.other(index, record, '');
      }
      line = index + 1;
    } else if (carried.length > 0) line += scanLines(carried, line, byGifter, sink);
  } catch (error) {
    if (error !== STOP) throw error;
  }
  if (sink.failure)
    throw new EconomyError('INVALID_EVENT', `${document ? 'event' : 'line'} ${sink.failure.line}: ${sink.failure.reason}`, {
      path: [sink.failure.line],
    });
  const settlement = mergeSettlements(table, [{ table: table.ref, events: accumulator.events, creators: accumulator.parts() }]);
  const tally = live.tally();
  return {
    settlement,
    lines: line - 1,
    rejected: sink.rejected,
    rejectedCount: sink.rejectedCount,
    threads: 1,
    liveEvents,
    ...(liveEvents > 0
      ? {
          live: {
            duplicates: tally.duplicates,
            streakUpdatesSkipped: tally.streakUpdatesSkipped,
            unknownGifts: tally.unknownGifts,
            openStreaks: tally.openStreaks,
          },
        }
      : {}),
  };
}

/** A JSON array, or one pretty-printed object with an `events` array (not JSON lines). */
function startsDocument(data: Buffer): boolean {
  const text = data
    .subarray(0, 1 << 16)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('[')) return true;
  const first = text.split('\n')[0] ?? '';
  if (!first.startsWith('{')) return false;
  try {
    JSON.parse(first);
    return false;
  } catch {
    return true;
  }
}

/** A Parquet file neither reader can decode (a codec such as ZSTD that Node cannot decompress, a damaged file). */
function unreadableParquet(path: string, error: unknown): never {
  if (error instanceof EconomyError) throw error;
  const reason = error instanceof Error ? error.message.replace(/^parquet /, '') : String(error);
  throw new EconomyError('INVALID_ARGUMENT', `${path} could not be read as Parquet: ${reason}`, { path: [path] });
}

/**
 * A Parquet file, row group by row group: summed straight from its columns by our own reader when it can
 * (see parquet.ts), else through hyparquet (an optional dependency, loaded only then), which reads anything
 * Parquet allows and finds each bad row (row numbers are 1-based).
 */
async function settleParquet(
  table: RateTable,
  path: string,
  onInvalid: OnInvalid,
  byGifter: boolean,
  options: SettleFileOptions,
): Promise<FileSettlement> {
  const names = options.columns ?? {};
  const key = byGifter ? (names.gifter ?? 'gifterId') : (names.creator ?? 'creatorId');
  const gift = names.giftCoins ?? 'giftCoins';
  const repeat = names.repeatCount ?? 'repeatCount';
  // The common file (no nulls, dictionary or plain pages, Snappy/gzip/Brotli) is summed straight from its
  // columns, its row groups shared out to threads as each is free (by default a thread for every 8 MB, this one
  // included: it starts at once, the workers when they are up).
  const threads = Math.max(1, options.threads ?? Math.min(availableParallelism(), 8, Math.ceil(statSync(path).size / (8 << 20))));
  const job = { key, giftCoins: gift, repeatCount: repeat, queue: new SharedArrayBuffer(4) };
  const size = statSync(path).size;
  let done = 0;
  const progress = (bytes: number) => {
    done += bytes;
    options.onProgress?.(Math.min(done, size), size);
  };
  const others = Array.from({ length: threads - 1 }, () => parquetInWorker(table, path, job, progress));
  const own = new Accumulator(table);
  const read = await settleParquetColumns(path, own, job, { key: isKey, count: isCount }, progress);
  const parts = [
    read && { rows: read.rows, parts: { table: table.ref, events: own.events, creators: own.parts() } },
    ...(await Promise.all(others)),
  ];
  if (parts.every((part) => part !== undefined)) {
    const settlement = mergeSettlements(
      table,
      parts.map((part) => part.parts),
    );
    const rows = parts.reduce((sum, part) => sum + part.rows, 0);
    options.onProgress?.(size, size); // the footer, never counted by a row group, is read too
    return { settlement, lines: rows, rejected: [], rejectedCount: 0, threads, liveEvents: 0 };
  }
  // the general reader starts over: so does the progress
  done = 0;
  let hyparquet: typeof import('hyparquet');
  try {
    hyparquet = await import('hyparquet');
  } catch {
    throw new EconomyError('INVALID_ARGUMENT', 'reading Parquet needs the optional dependency hyparquet: npm install hyparquet');
  }
  const file = await hyparquet.asyncBufferFromFile(path);
  const metadata = await hyparquet.parquetMetadataAsync(file).catch((error: unknown) => unreadableParquet(path, error));
  const fields = hyparquet.parquetSchema(metadata).children.map((child) => child.element.name);
  for (const column of [key, gift]) {
    if (!fields.includes(column)) {
      throw new EconomyError(
        'INVALID_EVENT',
        `the Parquet file has no column "${column}"; its columns are ${fields.map((f) => `"${f}"`).join(', ')}`,
      );
    }
  }
  const wanted = fields.includes(repeat) ? [key, gift, repeat] : [key, gift];
  const accumulator = new Accumulator(table);
  const sink = new SettlingSink(accumulator, onInvalid);
  const plain = (value: unknown) =>
    typeof value === 'bigint' && value >= -BigInt(Number.MAX_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value;
  let row = 0;
  try {
    for (const group of metadata.row_groups) {
      const rows = Number(group.num_rows);
      const data = await hyparquet.parquetReadObjects({ file, metadata, columns: wanted, rowStart: row, rowEnd: row + rows });
      for (const record of data) {
        row++;
        sink.event(
          plain(record[key]) as number | string,
          plain(record[gift]),
          record[repeat] === undefined || record[repeat] === null ? 1 : plain(record[repeat]),
          row,
        );
      }
      progress(Number(group.total_compressed_size ?? group.total_byte_size ?? 0));
    }
  } catch (error) {
    if (error !== STOP) unreadableParquet(path, error);
  }
  options.onProgress?.(size, size);
  if (sink.failure)
    throw new EconomyError('INVALID_EVENT', `row ${sink.failure.line}: ${sink.failure.reason}`, { path: [sink.failure.line] });
  const settlement = mergeSettlements(table, [{ table: table.ref, events: accumulator.events, creators: accumulator.parts() }]);
  return { settlement, lines: row, rejected: sink.rejected, rejectedCount: sink.rejectedCount, threads: 1, liveEvents: 0 };
}
