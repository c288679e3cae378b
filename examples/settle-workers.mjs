// Settling across worker threads: each worker settles a slice of the events, the main thread merges the
// summaries, and the merge equals settling everything at once. Run after `npm run build`:
//   node examples/settle-workers.mjs [events] [workers]
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { mergeSettlements, parseRateTable, settle } from 'gift-economy';
import { tiktokDocument } from 'gift-economy/presets/tiktok';
import { makeEvents } from '../../shared/bench-workloads/events.mjs';

// The workload's rule: 0.5 diamond per coin, floored once per creator; USD 0.005 per diamond.
const table = parseRateTable({
  ...tiktokDocument,
  version: 'workers',
  creatorShare: { diamondsPerCoin: '0.5', rounding: 'floor', scope: 'per-settlement' },
});

if (isMainThread) {
  const count = Number(process.argv[2] ?? 1_000_000);
  const workers = Number(process.argv[3] ?? 2);
  const { objects } = makeEvents(count);
  const slice = Math.ceil(count / workers);
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, index) => {
      const events = objects.slice(index * slice, (index + 1) * slice);
      return new Promise((resolve, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: events });
        worker.once('message', (json) => resolve(JSON.parse(json)));
        worker.once('error', reject);
      });
    }),
  );
  const merged = mergeSettlements(table, parts);
  const whole = settle(table, objects);
  console.log(`${workers} workers, ${merged.events} events, ${merged.creators.length} creators`);
  console.log(
    `merged: ${merged.totals.value}; settled at once: ${whole.totals.value}; equal: ${merged.totals.value.equals(whole.totals.value)}`,
  );
} else {
  // a settlement is plain data: send it as JSON and merge it on the other side
  parentPort.postMessage(JSON.stringify(settle(table, workerData)));
}
