// A worker thread that settles one byte range of a JSON-lines file (see settle-file.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { compileRateTable } from '../table/compile.js';
import type { RateTableDocument } from '../table/schema.js';
import type { CsvColumns } from './scan-csv.js';
import { type OnInvalid, settleRange } from './settle-range.js';

interface Job {
  readonly document: RateTableDocument;
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly onInvalid: OnInvalid;
  readonly byGifter: boolean;
  readonly csv: CsvColumns | undefined;
}

const job = workerData as Job;
const table = compileRateTable(job.document);
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
