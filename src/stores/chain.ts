import { createHash } from 'node:crypto';
import { EconomyError } from '../errors.js';
import type { JournalEntry } from '../ledger/ledger.js';

/** @internal The text a journal entry is stored as (its JSON: event fields in their read order, then postings). */
export function entryText(entry: JournalEntry): string {
  return JSON.stringify({ event: entry.event, postings: entry.postings });
}

/** @internal The hash chain: each entry's hash covers the previous hash and the entry's text, so editing any stored entry shows. */
export function chainHash(previous: string, text: string): string {
  return createHash('sha256').update(previous).update('\n').update(text).digest('hex');
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
