// A worker thread that settles one byte range of a JSON-lines or CSV file, or every n-th row group of a
// Parquet file (see settle-file.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { Accumulator } from '../ledger/settle.js';
import { compileRateTable } from '../table/compile.js';
import type { RateTableDocument } from '../table/schema.js';
import { type ParquetJob, settleParquetColumns } from './parquet.js';
import type { CsvColumns } from './scan-csv.js';
import { isCount, isKey, type OnInvalid, settleRange } from './settle-range.js';

interface Job {
  readonly document: RateTableDocument;
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly onInvalid: OnInvalid;
  readonly byGifter: boolean;
  readonly csv: CsvColumns | undefined;
  readonly parquet?: ParquetJob;
}

const job = workerData as Job;
const table = compileRateTable(job.document);
if (job.parquet) {
  const accumulator = new Accumulator(table);
  const read = await settleParquetColumns(job.path, accumulator, job.parquet, { key: isKey, count: isCount }, (bytes) =>
    parentPort?.postMessage({ progress: bytes }),
  );
  parentPort?.postMessage({
    parquet: read && { rows: read.rows, parts: { table: table.ref, events: accumulator.events, creators: accumulator.parts() } },
  });
} else {
  let reported = 0;
  const result = settleRange(table, job.path, job.start, job.end, {
    onInvalid: job.onInvalid,
    byGifter: job.byGifter,
    csv: job.csv,
    onBytes(bytes) {
      parentPort?.postMessage({ progress: bytes - reported });
      reported = bytes;
    },
  });
  parentPort?.postMessage({ result });
}
