import { EconomyError } from '../errors.js';
import type { JournalStore } from '../ledger/durable.js';
import { identifier } from '../sql/names.js';
import { type ChainRow, chainedStore } from './chain.js';

/**
 * The part of a better-sqlite3 (12.x) `Database` the journal uses; pass the database itself.
 * @example
 * ```ts
 * import type { SqliteDatabase } from 'gift-economy/stores/sqlite';
 * const uses: (keyof SqliteDatabase)[] = ['exec', 'prepare', 'transaction', 'pragma'];
 * console.log(uses.length); // 4
 * ```
 * @category Ledger
 */
export interface SqliteDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): { run(...values: unknown[]): unknown; all(...values: unknown[]): unknown[] };
  transaction(fn: (values: readonly (string | null)[]) => void): (values: readonly (string | null)[]) => unknown;
  pragma(source: string): unknown;
}

/** Rows per INSERT statement (3 parameters a row, well under SQLite's limit of 32,766). */
const ROWS_PER_INSERT = 100;

/**
 * Options of {@link sqliteJournal}.
 * @example
 * ```ts
 * import type { SqliteJournalOptions } from 'gift-economy/stores/sqlite';
 * const options: SqliteJournalOptions = { table: 'wallet_journal', synchronous: 'full' };
 * console.log(options.table); // wallet_journal
 * ```
 * @category Ledger
 */
export interface SqliteJournalOptions {
  /** The journal's table (created when missing); default `gift_economy_journal`. */
  readonly table?: string;
  /**
   * `normal` (the default): in WAL mode a committed batch survives the process being killed; `full` also
   * survives the machine losing power, at the cost of a sync per batch.
   */
  readonly synchronous?: 'normal' | 'full';
}

/**
 * A journal in SQLite through better-sqlite3 12.x: one row per event (its id unique, the event as JSON), a
 * transaction per batch, in WAL mode, and a SHA-256 chain with one link per batch over the events and the
 * postings the table gives them, so that a row changed outside the ledger, or a journal opened under rules that
 * post its events otherwise, is found on open. better-sqlite3 is not a dependency of this package: install it and pass the database.
 *
 * @example
 * ```ts
 * import Database from 'better-sqlite3';
 * import { DurableLedger } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * import { sqliteJournal } from 'gift-economy/stores/sqlite';
 * const db = new Database(':memory:');
 * const wallet = await DurableLedger.open(tiktok, sqliteJournal(db));
 * await wallet.apply({ type: 'purchase', id: 'p1', viewer: 'ann', coins: 70, channel: 'web', region: 'US' });
 * console.log((await DurableLedger.open(tiktok, sqliteJournal(db))).balance('viewer:ann', 'coin')); // 70
 * ```
 * @category Ledger
 */
export function sqliteJournal(database: SqliteDatabase, options: SqliteJournalOptions = {}): JournalStore {
  if (typeof database !== 'object' || database === null || typeof database.prepare !== 'function') {
    throw new EconomyError('INVALID_ARGUMENT', 'sqliteJournal needs a better-sqlite3 Database');
  }
  const table = identifier(options.table ?? 'gift_economy_journal', ['table']);
  const synchronous = options.synchronous ?? 'normal';
  if (synchronous !== 'normal' && synchronous !== 'full') {
    throw new EconomyError('INVALID_ARGUMENT', 'synchronous must be "normal" or "full"', { path: ['synchronous'] });
  }
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${synchronous.toUpperCase()}`);
  database.exec(`CREATE TABLE IF NOT EXISTS ${table} (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, event TEXT NOT NULL, hash TEXT)`);
  const columns = (database.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name).join(', ');
  if (columns !== 'seq, id, event, hash') {
    throw new EconomyError('INVALID_JOURNAL', `table ${table} is not a journal of this version (its columns: ${columns})`, {
      path: ['table'],
    });
  }
  const insert = database.prepare(`INSERT INTO ${table} (id, event, hash) VALUES (?, ?, ?)`);
  // one statement inserts many rows: the per-statement cost is paid once per ROWS_PER_INSERT entries
  const insertMany = database.prepare(
    `INSERT INTO ${table} (id, event, hash) VALUES ${Array(ROWS_PER_INSERT).fill('(?, ?, ?)').join(', ')}`,
  );
  const select = database.prepare(`SELECT id, event, hash FROM ${table} ORDER BY seq`);
  const write = database.transaction((values: readonly (string | null)[]) => {
    let start = 0;
    for (; start + ROWS_PER_INSERT * 3 <= values.length; start += ROWS_PER_INSERT * 3)
      insertMany.run(values.slice(start, start + ROWS_PER_INSERT * 3));
    for (; start < values.length; start += 3) insert.run(values[start], values[start + 1], values[start + 2]);
  });
  return chainedStore({
    read: () => select.all() as ChainRow[],
    write: (values) => {
      write(values);
    },
  });
}
