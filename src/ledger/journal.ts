import type { JournalEntry, LedgerEvent, Posting } from './ledger.js';

/**
 * @internal The ledger's journal, kept compact: the read events, and every posting in one flat array
 * (account, unit, amount) with where each entry's postings end. No object per posting or per entry is kept,
 * so a long journal costs the garbage collector little; entries are made when asked for.
 */
export class Journal {
  readonly #events: LedgerEvent[] = [];
  readonly #lines: (string | number)[] = [];
  readonly #ends: number[] = [];
  readonly #byId = new Map<string, number>();

  get size(): number {
    return this.#events.length;
  }

  /** The position of the entry of an event id, or -1. */
  indexOf(id: string): number {
    const index = this.#byId.get(id);
    // an id of a detached entry keeps its place until the entry is attached again or forgotten
    return index !== undefined && index < this.#events.length ? index : -1;
  }

  event(index: number): LedgerEvent {
    return this.#events[index] as LedgerEvent;
  }

  /** Appends an event and its postings, given flat (account, unit, amount) in the first `slots` of `lines`. */
  push(event: LedgerEvent, lines: readonly (string | number)[], slots: number): void {
    this.#byId.set(event.id, this.#events.length);
    this.#events.push(event);
    for (let slot = 0; slot < slots; slot++) this.#lines.push(lines[slot] as string | number);
    this.#ends.push(this.#lines.length);
  }

  /** Takes back every entry from `size` on. */
  truncate(size: number): void {
    for (let index = size; index < this.#events.length; index++) this.#byId.delete((this.#events[index] as LedgerEvent).id);
    this.#events.length = size;
    this.#ends.length = size;
    this.#lines.length = size === 0 ? 0 : (this.#ends[size - 1] as number);
  }

  /**
   * Takes every entry from `size` on out of the journal, to be put back as it was with {@link Journal.attach}
   * (nothing may be appended in between) or dropped with {@link Journal.forget}.
   */
  detach(size: number): JournalTail {
    const start = size === 0 ? 0 : (this.#ends[size - 1] as number);
    const tail = { events: this.#events.slice(size), lines: this.#lines.slice(start), ends: this.#ends.slice(size), start };
    this.#events.length = size;
    this.#ends.length = size;
    this.#lines.length = start;
    return tail;
  }

  /** Puts back entries taken out by {@link Journal.detach}, at the places their ids kept. */
  attach(tail: JournalTail): void {
    for (const event of tail.events) this.#events.push(event);
    for (const line of tail.lines) this.#lines.push(line);
    for (const end of tail.ends) this.#ends.push(end);
  }

  /** Drops the ids of detached entries that will not be attached again. */
  forget(tail: JournalTail): void {
    for (const event of tail.events) this.#byId.delete(event.id);
  }

  /** One posting of an entry (a fresh object), by its position among the entry's postings. */
  posting(index: number, line: number): Posting {
    const at = (index === 0 ? 0 : (this.#ends[index - 1] as number)) + line * 3;
    return { account: this.#lines[at] as string, unit: this.#lines[at + 1] as string, amount: this.#lines[at + 2] as number };
  }

  /** How many postings an entry has. */
  count(index: number): number {
    return ((this.#ends[index] as number) - (index === 0 ? 0 : (this.#ends[index - 1] as number))) / 3;
  }

  /**
   * An entry as the public shape, made when asked for: fresh postings around the stored event, which is frozen
   * (the journal's own copy), so changing an entry changes nothing the ledger keeps.
   */
  entry(index: number): JournalEntry {
    const postings: Posting[] = [];
    for (let line = 0, count = this.count(index); line < count; line++) postings.push(this.posting(index, line));
    return { event: this.event(index), postings };
  }

  /** The entries from `start` to the end. */
  entries(start = 0): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let index = start; index < this.#events.length; index++) out.push(this.entry(index));
    return out;
  }
}

/** @internal Entries taken out of a journal, as they were stored. */
export interface JournalTail {
  readonly events: readonly LedgerEvent[];
  readonly lines: readonly (string | number)[];
  readonly ends: readonly number[];
  /** Where the tail's lines started. */
  readonly start: number;
}
