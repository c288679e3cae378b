import { EconomyError } from '../errors.js';
import type { RateTable } from '../table/compile.js';
import {
  type ApplyResult,
  type BatchResult,
  type JournalEntry,
  Ledger,
  type LedgerEvent,
  type LedgerOptions,
  prepareBatch,
} from './ledger.js';

/**
 * Where a {@link DurableLedger} keeps its journal. `append` stores a batch's entries atomically (all or none), in
 * order, each event id once; `load` gives back the stored events, oldest first; `verify` is then given the
 * entries the table's rules make of them on replay and throws `INVALID_JOURNAL` when they are not the entries
 * that were stored (a record changed outside the ledger, or rules that now post the events otherwise), before
 * anything is appended. `memoryJournal()` is one; the SQLite and PostgreSQL stores are in
 * `gift-economy/stores/sqlite` and `gift-economy/stores/postgres`.
 *
 * @example
 * ```ts
 * import { type JournalStore, memoryJournal } from 'gift-economy';
 * const store: JournalStore = memoryJournal();
 * console.log(typeof store.verify); // function
 * ```
 * @category Ledger
 */
export interface JournalStore {
  load(): readonly LedgerEvent[] | Promise<readonly LedgerEvent[]>;
  verify(entries: readonly JournalEntry[]): void | Promise<void>;
  append(entries: readonly JournalEntry[]): void | Promise<void>;
  close?(): void | Promise<void>;
}

/**
 * A journal kept in memory (for tests and for the in-memory default): a {@link JournalStore} that survives
 * nothing, but shows the contract.
 *
 * @example
 * ```ts
 * import { DurableLedger, memoryJournal } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const store = memoryJournal();
 * const wallet = await DurableLedger.open(tiktok, store);
 * await wallet.apply({ type: 'purchase', id: 'p1', viewer: 'ann', coins: 70, channel: 'web', region: 'US' });
 * console.log(store.entries.length); // 1
 * ```
 * @category Ledger
 */
export function memoryJournal(): JournalStore & { readonly entries: readonly JournalEntry[] } {
  const entries: JournalEntry[] = [];
  const ids = new Set<string>();
  return {
    entries,
    load: () => entries.map((entry) => entry.event),
    verify(replayed) {
      replayed.forEach((entry, index) => {
        if (JSON.stringify(entry.postings) !== JSON.stringify(entries[index]?.postings)) {
          throw new EconomyError(
            'INVALID_JOURNAL',
            `stored event ${entry.event.id} has other postings than the rate table gives it: was the journal written under another table?`,
          );
        }
      });
    },
    append(batch) {
      for (const entry of batch) {
        if (ids.has(entry.event.id)) throw new EconomyError('INVALID_JOURNAL', `event ${entry.event.id} is already in the journal`);
      }
      for (const entry of batch) {
        ids.add(entry.event.id);
        entries.push(entry);
      }
    },
  };
}

/**
 * A {@link Ledger} whose journal survives a crash: each event (or batch) is checked in memory, appended to the
 * store in one transaction, and only then posted in memory; opening replays the stored events and has the store
 * check that they give exactly the entries it stored. Calls are serialised, so `apply` from many callers is
 * safe. If an append fails, nothing is posted; reopen before going on.
 *
 * @example
 * ```ts
 * import { DurableLedger, memoryJournal } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const store = memoryJournal();
 * const wallet = await DurableLedger.open(tiktok, store);
 * await wallet.applyBatch([
 *   { type: 'purchase', id: 'p1', viewer: 'ann', coins: 70, channel: 'web', region: 'US' },
 *   { type: 'gift', id: 'g1', viewer: 'ann', creator: 'bo', gift: 'Rose', count: 10 },
 * ]);
 * const again = await DurableLedger.open(tiktok, store); // after a restart: the same balances
 * console.log(again.balance('viewer:ann', 'coin'), again.balance('creator:bo', 'diamond')); // 60 10
 * ```
 * @category Ledger
 */
export class DurableLedger {
  readonly #ledger: Ledger;
  readonly #store: JournalStore;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(ledger: Ledger, store: JournalStore) {
    this.#ledger = ledger;
    this.#store = store;
  }

  /** Opens a ledger on a store: replays its journal (checked) into memory. */
  static async open(table: RateTable, store: JournalStore, options: LedgerOptions = {}): Promise<DurableLedger> {
    const ledger = new Ledger(table, options);
    if (
      typeof store !== 'object' ||
      store === null ||
      typeof store.load !== 'function' ||
      typeof store.verify !== 'function' ||
      typeof store.append !== 'function'
    ) {
      throw new EconomyError('INVALID_ARGUMENT', 'store must be a JournalStore { load, verify, append }');
    }
    const stored = await store.load();
    const prepared = prepareBatch(ledger, stored);
    if (!prepared.ok) {
      throw new EconomyError('INVALID_JOURNAL', `stored event ${prepared.index} is refused by ${table.ref}: ${prepared.refusal.reason}`);
    }
    if (prepared.entries.length !== stored.length) {
      prepared.abort();
      throw new EconomyError('INVALID_JOURNAL', 'the stored journal holds an event id twice');
    }
    try {
      await store.verify(prepared.entries);
    } catch (error) {
      prepared.abort();
      throw error;
    }
    prepared.commit();
    return new DurableLedger(ledger, store);
  }

  get table(): RateTable {
    return this.#ledger.table;
  }

  /** Applies one event: checked, stored, then posted; a refusal or a duplicate stores nothing. */
  apply(event: LedgerEvent): Promise<ApplyResult> {
    return this.#serial(async () => {
      const prepared = prepareBatch(this.#ledger, [event]);
      if (!prepared.ok) return prepared.refusal;
      const entry = prepared.entries[0];
      if (entry === undefined) return { ok: true, duplicate: true, reason: 'the event id was already applied; nothing changed' };
      await this.#append(prepared);
      prepared.commit();
      return { ok: true, duplicate: false, entry };
    });
  }

  /** Applies many events as one transaction: all stored and posted, or none. */
  applyBatch(events: readonly LedgerEvent[]): Promise<BatchResult> {
    return this.#serial(async () => {
      const prepared = prepareBatch(this.#ledger, events);
      if (!prepared.ok) return prepared;
      if (prepared.entries.length > 0) await this.#append(prepared);
      prepared.commit();
      return { ok: true, entries: prepared.entries, duplicates: events.length - prepared.entries.length };
    });
  }

  /** The available balance of an account in a unit. */
  balance(account: string, unit: string): number {
    return this.#ledger.balance(account, unit);
  }

  /** What pending transfers have set aside from an account. */
  reserved(account: string, unit: string): number {
    return this.#ledger.reserved(account, unit);
  }

  /** Every non-zero balance. */
  balances(): { account: string; unit: string; amount: number }[] {
    return this.#ledger.balances();
  }

  /** Holds not yet posted or voided. */
  pending(): ReturnType<Ledger['pending']> {
    return this.#ledger.pending();
  }

  /** The journal so far (a copy). */
  get journal(): readonly JournalEntry[] {
    return this.#ledger.journal;
  }

  /** Waits for pending calls, then closes the store. */
  async close(): Promise<void> {
    await this.#queue.catch(() => undefined);
    await this.#store.close?.();
  }

  /** Stores prepared entries; when the store fails, the prepared batch is dropped and the error passed on. */
  async #append(prepared: { readonly entries: readonly JournalEntry[]; abort(): void }): Promise<void> {
    try {
      await this.#store.append(prepared.entries);
    } catch (error) {
      prepared.abort();
      throw error;
    }
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
