// The wallet ledger: events a second in memory (apply one by one, applyBatch), on SQLite (WAL, batches of 1,000,
// better-sqlite3 12) and on PostgreSQL (batches of 1,000 in one transaction; only when PGHOST names a server).
// Run alone with `node --expose-gc bench/ledger.mjs [events] [--json]`; `npm run bench` runs it in a fresh process.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DurableLedger, Ledger } from '../dist/esm/index.js';
import { tiktok } from '../dist/esm/presets/tiktok.js';
import { postgresJournal } from '../dist/esm/stores/postgres.js';
import { sqliteJournal } from '../dist/esm/stores/sqlite.js';

/**
 * Event i as a wallet sees it: 10,000 viewers and 100 creators, each viewer buying 70 coins and then sending four
 * gifts of 3 Roses (12 coins) in five events in a row, so every event is applied (none refused for lack of coins).
 */
function eventAt(i, prefix) {
  const viewer = `v${Math.floor(i / 5) % 10_000}`;
  return i % 5 === 0
    ? { type: 'purchase', id: `${prefix}${i}`, viewer, coins: 70, channel: 'web', region: 'US' }
    : { type: 'gift', id: `${prefix}${i}`, viewer, creator: `c${i % 100}`, gift: 'Rose', count: 3 };
}

function events(count, prefix) {
  return Array.from({ length: count }, (_, i) => eventAt(i, prefix));
}

/** Every event of the workload must be applied: a refused one would be measured as work not done. */
function applied(ok, what) {
  if (!ok) throw new Error(`the ledger benchmark's ${what} run refused events: the workload is wrong`);
}

function perSecond(count, ms) {
  return Math.round((count / ms) * 1000);
}

export async function ledgerBench(count = 1_000_000) {
  const results = {};
  // the floor under any ledger that refuses a repeated id: the same events made in the same loop, each id looked up
  // in a Map and remembered, nothing else (no check, no balance, no journal)
  {
    globalThis.gc?.();
    const ids = new Map();
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const event = eventAt(i, 'n');
      if (ids.get(event.id) === undefined) ids.set(event.id, i);
    }
    results.idsOnly = perSecond(count, performance.now() - start);
  }
  // in memory, one event at a time, the events made as a caller makes them (in the loop)
  {
    globalThis.gc?.();
    const ledger = new Ledger(tiktok);
    const start = performance.now();
    let refused = 0;
    for (let i = 0; i < count; i++) if (!ledger.apply(eventAt(i, 'm')).ok) refused++;
    results.memoryApply = perSecond(count, performance.now() - start);
    applied(refused === 0, 'apply');
  }
  {
    globalThis.gc?.();
    const list = events(count, 'b');
    const ledger = new Ledger(tiktok);
    const start = performance.now();
    let refused = 0;
    for (let i = 0; i < count; i += 1000) if (!ledger.applyBatch(list.slice(i, i + 1000)).ok) refused++;
    results.memoryBatch = perSecond(count, performance.now() - start);
    applied(refused === 0, 'applyBatch');
  }
  const durable = Math.min(count, 200_000);
  {
    const dir = mkdtempSync(join(tmpdir(), 'gift-economy-bench-'));
    const list = events(durable, 's');
    const db = new Database(join(dir, 'wallet.db'));
    const wallet = await DurableLedger.open(tiktok, sqliteJournal(db));
    const start = performance.now();
    let refused = 0;
    for (let i = 0; i < durable; i += 1000) if (!(await wallet.applyBatch(list.slice(i, i + 1000))).ok) refused++;
    results.sqlite = perSecond(durable, performance.now() - start);
    applied(refused === 0, 'SQLite');
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // the floor under the SQLite journal: the same table and statements, rows of the same size (an event's JSON, and
  // one SHA-256 link per batch over the events and postings of the same length), inserted in transactions of
  // 1,000 with nothing else done
  {
    const dir = mkdtempSync(join(tmpdir(), 'gift-economy-bench-'));
    const db = new Database(join(dir, 'raw.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE j (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, event TEXT NOT NULL, hash TEXT)');
    const many = db.prepare(`INSERT INTO j (id, event, hash) VALUES ${Array(100).fill('(?, ?, ?)').join(', ')}`);
    const append = db.transaction((values) => {
      for (let at = 0; at < values.length; at += 300) many.run(values.slice(at, at + 300));
    });
    const text = '{"type":"gift","id":"r123456","viewer":"v1234","creator":"c12","gift":"Rose","count":3}';
    const postings = '12:viewer:v1234coin,-3;11:coins-spentcoin,3;15:diamonds-issueddiamond,-3;11:creator:c12diamond,3;';
    let last = '';
    const start = performance.now();
    for (let batch = 0; batch < durable; batch += 1000) {
      const values = [];
      let chain = last;
      for (let i = batch; i < batch + 1000; i++) {
        chain += `\n${text}${postings}`;
        values.push(`r${i}`, text, null);
      }
      last = createHash('sha256').update(chain).digest('hex');
      values[values.length - 1] = last;
      append(values);
    }
    results.sqliteRowsOnly = perSecond(durable, performance.now() - start);
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
    let refused = 0;
    for (let i = 0; i < list.length; i += 1000) if (!(await wallet.applyBatch(list.slice(i, i + 1000))).ok) refused++;
    applied(refused === 0, 'PostgreSQL');
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
