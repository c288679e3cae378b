import { hash } from 'node:crypto';
import { EconomyError } from '../errors.js';
import type { JournalStore } from '../ledger/durable.js';
import type { JournalEntry, LedgerEvent } from '../ledger/ledger.js';

/**
 * @internal A stored row: the event id (unique in the table), the event as JSON, and on the last row of each
 * appended batch the hash of the chain up to and including that batch (`null` on the batch's other rows).
 */
export interface ChainRow {
  readonly id: string;
  readonly event: string;
  readonly hash: string | null;
}

/**
 * What the chain hashes for one entry: a newline, the event's stored JSON (which never holds a raw newline), then
 * each posting as its account's length, `:`, the account, the unit, `,`, the amount and `;`. The postings are not
 * stored (replaying the event under the table gives them back), but hashing them means a journal replayed under
 * rules that post its events otherwise fails the check, as a changed row does. Every part is delimited, so two
 * different journals cannot give the same text.
 */
function chainText(text: string, entry: JournalEntry): string {
  let out = `\n${text}`;
  for (const posting of entry.postings) out += `${posting.account.length}:${posting.account}${posting.unit},${posting.amount};`;
  return out;
}

/**
 * @internal The hash chain, one link per appended batch: SHA-256 (hex) of the previous link followed by the chain
 * text of each of the batch's entries. One hash per batch instead of one per entry costs a batch of 1,000 a
 * thousandth of the hashing calls, and still finds any row changed, added or taken out before the last batch.
 */
function link(previous: string, texts: readonly string[], entries: readonly JournalEntry[], from: number, to: number): string {
  let input = previous;
  for (let index = from; index < to; index++) input += chainText(texts[index] as string, entries[index] as JournalEntry);
  return hash('sha256', input, 'hex');
}

/**
 * @internal A {@link JournalStore} over any table of {@link ChainRow}s: `read` gives every row oldest first,
 * `write` appends a batch's rows (flat: id, event, hash for each) in one transaction. The store keeps the chain:
 * `verify` recomputes it over the stored events and the postings the ledger's replay gave them, and only then
 * lets `append` go on from its last link.
 */
export function chainedStore(io: {
  read(): readonly ChainRow[] | Promise<readonly ChainRow[]>;
  write(values: readonly (string | null)[]): void | Promise<void>;
}): JournalStore {
  let loaded: readonly ChainRow[] | undefined;
  let last: string | undefined;
  return {
    async load() {
      loaded = await io.read();
      last = undefined;
      return loaded.map(readEvent);
    },
    verify(entries) {
      if (loaded === undefined || entries.length !== loaded.length) {
        throw new EconomyError('INVALID_JOURNAL', 'verify the entries of the journal just loaded');
      }
      last = verifyChain(loaded, entries);
      loaded = undefined;
    },
    async append(entries) {
      if (last === undefined) throw new EconomyError('INVALID_JOURNAL', 'open the journal (DurableLedger.open) before appending');
      // an empty batch stores nothing, so it must not move the chain on either
      if (entries.length === 0) return;
      const texts = entries.map((entry) => JSON.stringify(entry.event));
      const values: (string | null)[] = [];
      for (let index = 0; index < entries.length; index++)
        values.push((entries[index] as JournalEntry).event.id, texts[index] as string, null);
      const next = link(last, texts, entries, 0, entries.length);
      values[values.length - 1] = next;
      await io.write(values);
      last = next;
    },
  };
}

/** A stored row's event; a row whose JSON is not an object with the row's id is `INVALID_JOURNAL`. */
function readEvent(row: ChainRow, index: number): LedgerEvent {
  let event: unknown;
  try {
    event = JSON.parse(row.event);
  } catch {
    event = undefined;
  }
  if (typeof event !== 'object' || event === null || (event as { id?: unknown }).id !== row.id) {
    throw new EconomyError('INVALID_JOURNAL', `stored row ${index + 1} does not hold the event ${JSON.stringify(row.id)} as JSON`);
  }
  return event as LedgerEvent;
}

/** Checks every link of the chain; gives the last one (`''` for an empty journal). */
function verifyChain(rows: readonly ChainRow[], entries: readonly JournalEntry[]): string {
  const texts = rows.map((row) => row.event);
  let last = '';
  let from = 0;
  for (let index = 0; index < rows.length; index++) {
    const stored = (rows[index] as ChainRow).hash;
    if (stored === null) continue;
    if (link(last, texts, entries, from, index + 1) !== stored) {
      throw new EconomyError(
        'INVALID_JOURNAL',
        `stored rows ${from + 1}–${index + 1} do not match the hash chain: the journal was changed outside the ledger, or the rate table now posts these events otherwise`,
      );
    }
    last = stored;
    from = index + 1;
  }
  if (from < rows.length) {
    throw new EconomyError(
      'INVALID_JOURNAL',
      `stored rows ${from + 1}–${rows.length} are not in the hash chain: they were written outside the ledger`,
    );
  }
  return last;
}
