import { hash } from 'node:crypto';
import { EconomyError } from '../errors.js';
import type { JournalEntry } from '../ledger/ledger.js';

/** @internal The text a journal entry is stored as (its JSON: event fields in their read order, then postings). */
export function entryText(entry: JournalEntry): string {
  return JSON.stringify({ event: entry.event, postings: entry.postings });
}

/**
 * @internal The hash chain: each entry's hash is the SHA-256 of the previous hash, a newline and the entry's
 * text, so editing any stored entry shows.
 */
export function chainHash(previous: string, text: string): string {
  return hash('sha256', `${previous}\n${text}`, 'hex');
}

/**
 * @internal The rows a store appends for entries after the hash `previous`, flat (id, text, hash for each entry),
 * and the chain's new last hash.
 */
export function chainRows(previous: string, entries: readonly JournalEntry[]): { values: string[]; last: string } {
  const values: string[] = [];
  let last = previous;
  for (const entry of entries) {
    const text = entryText(entry);
    last = chainHash(last, text);
    values.push(entry.event.id, text, last);
  }
  return { values, last };
}

/** @internal Reads stored rows back into entries, checking the hash chain. */
export function readChain(rows: readonly { readonly entry: string; readonly hash: string }[]): { entries: JournalEntry[]; last: string } {
  let last = '';
  const entries = rows.map((row, index) => {
    const hash = chainHash(last, row.entry);
    if (hash !== row.hash) {
      throw new EconomyError(
        'INVALID_JOURNAL',
        `stored entry ${index + 1} does not match the hash chain: the journal was changed outside the ledger`,
      );
    }
    last = hash;
    return JSON.parse(row.entry) as JournalEntry;
  });
  return { entries, last };
}
