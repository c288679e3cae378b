// The wallet ledger: events a second in memory (apply one by one, applyBatch), on SQLite (WAL, batches of 1,000,
// better-sqlite3 12) and on PostgreSQL (batches of 1,000 in one transaction; only when PGHOST names a server).
// Run alone with `node --expose-gc bench/ledger.mjs [events] [--json]`; `npm run bench` runs it in a fresh process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DurableLedger, Ledger } from '../dist/esm/index.js';
import { tiktok } from '../dist/esm/presets/tiktok.js';
import { postgresJournal } from '../dist/esm/stores/postgres.js';
import { sqliteJournal } from '../dist/esm/stores/sqlite.js';

/** Purchases and gifts as a wallet sees them: 10,000 viewers, 100 creators, one purchase to four gifts. */
function events(count, prefix) {
  const out = new Array(count);
  for (let i = 0; i < count; i++) {
    const viewer = `v${i % 10_000}`;
    out[i] =
      i % 5 === 0 || i < 10_000
        ? { type: 'purchase', id: `${prefix}${i}`, viewer, coins: 70, channel: 'web', region: 'US' }
        : { type: 'gift', id: `${prefix}${i}`, viewer, creator: `c${i % 100}`, gift: 'Rose', count: 3 };
  }
  return out;
}

function perSecond(count, ms) {
  return Math.round((count / ms) * 1000);
}

export async function ledgerBench(count = 1_000_000) {
  const results = {};
  // in memory, one event at a time, the events made as a caller makes them (in the loop)
  {
    globalThis.gc?.();
    const ledger = new Ledger(tiktok);
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const viewer = `v${i % 10_000}`;
      ledger.apply(
        i % 5 === 0 || i < 10_000
          ? { type: 'purchase', id: `m${i}`, viewer, coins: 70, channel: 'web', region: 'US' }
          : { type: 'gift', id: `m${i}`, viewer, creator: `c${i % 100}`, gift: 'Rose', count: 3 },
      );
    }
    results.memoryApply = perSecond(count, performance.now() - start);
  }
  {
    globalThis.gc?.();
    const list = events(count, 'b');
    const ledger = new Ledger(tiktok);
    const start = performance.now();
    for (let i = 0; i < count; i += 1000) ledger.applyBatch(list.slice(i, i + 1000));
    results.memoryBatch = perSecond(count, performance.now() - start);
  }
  const durable = Math.min(count, 200_000);
  {
    const dir = mkdtempSync(join(tmpdir(), 'gift-economy-bench-'));
    const list = events(durable, 's');
    const db = new Database(join(dir, 'wallet.db'));
    const wallet = await DurableLedger.open(tiktok, sqliteJournal(db));
    const start = performance.now();
    for (let i = 0; i < durable; i += 1000) await wallet.applyBatch(list.slice(i, i + 1000));
    results.sqlite = perSecond(durable, performance.now() - start);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.PGHOST) {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ host: process.env.PGHOST, user: process.env.PGUSER ?? 'postgres', database: 'postgres' });
    await client.connect();
    const table = `bench_journal_${process.pid}`;
    await client.query(`DROP TABLE IF EXISTS "${table}"`);
    const list = events(Math.min(durable, 100_000), 'q');
    const wallet = await DurableLedger.open(tiktok, postgresJournal(client, { table }));
    const start = performance.now();
    for (let i = 0; i < list.length; i += 1000) await wallet.applyBatch(list.slice(i, i + 1000));
    results.postgres = perSecond(list.length, performance.now() - start);
    await client.query(`DROP TABLE "${table}"`);
    await client.end();
  }
  return { count, durable, ...results };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await ledgerBench(Number(process.argv[2] ?? 1_000_000));
  console.log(process.argv.includes('--json') ? JSON.stringify(result) : result);
}
