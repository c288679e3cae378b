// Applies the crash test's events to a SQLite journal in batches until killed. Run by durable-kill.test.ts.
import Database from 'better-sqlite3';
import { DurableLedger } from '../../dist/esm/index.js';
import { tiktok } from '../../dist/esm/presets/tiktok.js';
import { sqliteJournal } from '../../dist/esm/stores/sqlite.js';
import { batches, killEvents } from './kill-events.mjs';

const [file, seed, count] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const events = killEvents(seed, count);
const wallet = await DurableLedger.open(tiktok, sqliteJournal(new Database(file)));
let done = wallet.journal.length;
process.stdout.write('ready\n');
for (const size of batches(seed, count)) {
  const batch = events.slice(done, done + size);
  if (batch.length === 0) break;
  const result = await wallet.applyBatch(batch);
  if (!result.ok) throw new Error(`refused: ${result.refusal.reason}`);
  done += batch.length;
}
process.stdout.write('finished\n');
