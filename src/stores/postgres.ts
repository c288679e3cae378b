import { EconomyError } from '../errors.js';
import type { JournalStore } from '../ledger/durable.js';
import { identifier } from '../sql/names.js';
import { chainRows, readChain } from './chain.js';

/**
 * The part of a node-postgres (`pg`) client the journal uses: one connection (a `Client`, or a client from
 * `pool.connect()`), since a batch is one transaction on it.
 * @example
 * ```ts
 * import type { PostgresClient } from 'gift-economy/stores/postgres';
 * const client: PostgresClient = { query: async () => ({ rows: [] }) };
 * console.log(typeof client.query); // function
 * ```
 * @category Ledger
 */
export interface PostgresClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Options of {@link postgresJournal}.
 * @example
 * ```ts
 * import type { PostgresJournalOptions } from 'gift-economy/stores/postgres';
 * const options: PostgresJournalOptions = { table: 'wallet_journal' };
 * console.log(options.table); // wallet_journal
 * ```
 * @category Ledger
 */
export interface PostgresJournalOptions {
  /** The journal's table (created when missing); default `gift_economy_journal`. */
  readonly table?: string;
}

/** Rows per INSERT statement (PostgreSQL takes at most 65,535 parameters; 3 a row). */
const ROWS_PER_INSERT = 1000;

/**
 * A journal in PostgreSQL through `pg`: one row per entry (event id unique), a batch in one transaction, with a
 * hash chain over the entries so that a changed row is found on open. `pg` is not a dependency of this package:
 * install it and pass a connected client.
 *
 * @example
 * ```ts
 * import { DurableLedger } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * import { type PostgresClient, postgresJournal } from 'gift-economy/stores/postgres';
 * // with a server: const client = new pg.Client(); await client.connect();
 * const rows: unknown[] = [];
 * const client: PostgresClient = { query: async (text) => ({ rows: text.startsWith('SELECT') ? rows : [] }) };
 * const wallet = await DurableLedger.open(tiktok, postgresJournal(client));
 * console.log(wallet.balances().length); // 0
 * ```
 * @category Ledger
 */
export function postgresJournal(client: PostgresClient, options: PostgresJournalOptions = {}): JournalStore {
  if (typeof client !== 'object' || client === null || typeof client.query !== 'function') {
    throw new EconomyError('INVALID_ARGUMENT', 'postgresJournal needs a connected pg client { query }');
  }
  const table = identifier(options.table ?? 'gift_economy_journal', ['table']);
  let last: string | undefined;
  return {
    async load() {
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${table} (seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, entry TEXT NOT NULL, hash TEXT NOT NULL)`,
      );
      const { rows } = await client.query(`SELECT entry, hash FROM ${table} ORDER BY seq`);
      const read = readChain(rows as { entry: string; hash: string }[]);
      last = read.last;
      return read.entries;
    },
    async append(entries) {
      if (last === undefined) throw new EconomyError('INVALID_JOURNAL', 'load the journal (DurableLedger.open) before appending');
      const { values, last: next } = chainRows(last, entries);
      await client.query('BEGIN');
      try {
        for (let start = 0; start < values.length; start += ROWS_PER_INSERT * 3) {
          const chunk = values.slice(start, start + ROWS_PER_INSERT * 3);
          const placeholders = Array.from({ length: chunk.length / 3 }, (_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`);
          await client.query(`INSERT INTO ${table} (id, entry, hash) VALUES ${placeholders.join(', ')}`, chunk);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      last = next;
    },
  };
}
