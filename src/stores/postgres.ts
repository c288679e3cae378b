import { EconomyError } from '../errors.js';
import type { JournalStore } from '../ledger/durable.js';
import { identifier } from '../sql/names.js';
import { type ChainRow, chainedStore } from './chain.js';

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
 * A journal in PostgreSQL through `pg`: one row per event (its id unique, the event as JSON), a batch in one
 * transaction, and a SHA-256 chain with one link per batch over the events and the postings the table gives them,
 * so that a row changed outside the ledger, or a journal opened under rules that post its events otherwise, is
 * found on open. `pg` is not a dependency of this package:
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
  return chainedStore({
    async read() {
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${table} (seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, event TEXT NOT NULL, hash TEXT)`,
      );
      try {
        return (await client.query(`SELECT id, event, hash FROM ${table} ORDER BY seq`)).rows as ChainRow[];
      } catch (error) {
        // 42703 undefined_column: a table of that name, but not a journal of this version
        if ((error as { code?: unknown }).code !== '42703') throw error;
        throw new EconomyError('INVALID_JOURNAL', `table ${table} is not a journal of this version`, { path: ['table'] });
      }
    },
    async write(values) {
      await client.query('BEGIN');
      try {
        for (let start = 0; start < values.length; start += ROWS_PER_INSERT * 3) {
          const chunk = values.slice(start, start + ROWS_PER_INSERT * 3);
          const placeholders = Array.from({ length: chunk.length / 3 }, (_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`);
          await client.query(`INSERT INTO ${table} (id, event, hash) VALUES ${placeholders.join(', ')}`, chunk);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
  });
}
