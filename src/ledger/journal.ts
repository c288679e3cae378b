import type { JournalEntry, LedgerEvent, Posting } from './ledger.js';

/**
 * @internal The ledger's journal, kept compact: the read events, and every posting in three typed columns
 * (account number, unit number, amount) with where each entry's postings end. No object per posting or per entry
 * is kept and the columns hold no references, so a long journal costs the garbage collector nothing to scan;
 * entries are made when asked for.
 */
export class Journal {
  readonly #events: LedgerEvent[] = [];
  #accounts = new Int32Array(1024);
  #units = new Int32Array(1024);
  #amounts = new Float64Array(1024);
  /** Postings stored. */
  #lines = 0;
  #ends = new Float64Array(256);
  readonly #byId = new Map<string, number>();
  readonly #unitNumbers = new Map<string, number>();
  readonly #unitNames: string[] = [];

  /** `accountNames[n]` is the name of account number n (the book's list, which only grows). */
  constructor(private readonly accountNames: readonly string[]) {}

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

  /** Appends an event and its postings, given flat (account number, unit, amount) in the first `slots` of `lines`. */
  push(event: LedgerEvent, lines: readonly (string | number)[], slots: number): void {
    const index = this.#events.length;
    this.#byId.set(event.id, index);
    this.#events.push(event);
    if (this.#lines + slots / 3 > this.#amounts.length) this.#grow(this.#lines + slots / 3);
    let at = this.#lines;
    for (let slot = 0; slot < slots; slot += 3, at++) {
      this.#accounts[at] = lines[slot] as number;
      this.#units[at] = this.#unit(lines[slot + 1] as string);
      this.#amounts[at] = lines[slot + 2] as number;
    }
    this.#lines = at;
    this.#endsFor(index + 1);
    this.#ends[index] = at;
  }

  #unit(unit: string): number {
    let number = this.#unitNumbers.get(unit);
    if (number === undefined) {
      number = this.#unitNames.length;
      this.#unitNames.push(unit);
      this.#unitNumbers.set(unit, number);
    }
    return number;
  }

  /** Doubles the posting columns until `lines` fit. */
  #grow(lines: number): void {
    let size = this.#amounts.length * 2;
    while (size < lines) size *= 2;
    const accounts = new Int32Array(size);
    const units = new Int32Array(size);
    const amounts = new Float64Array(size);
    accounts.set(this.#accounts.subarray(0, this.#lines));
    units.set(this.#units.subarray(0, this.#lines));
    amounts.set(this.#amounts.subarray(0, this.#lines));
    this.#accounts = accounts;
    this.#units = units;
    this.#amounts = amounts;
  }

  /** Doubles the entries' ends until `entries` fit. */
  #endsFor(entries: number): void {
    if (entries <= this.#ends.length) return;
    let size = this.#ends.length * 2;
    while (size < entries) size *= 2;
    const ends = new Float64Array(size);
    ends.set(this.#ends);
    this.#ends = ends;
  }

  /** Where an entry's postings start. */
  #start(index: number): number {
    return index === 0 ? 0 : (this.#ends[index - 1] as number);
  }

  /** Takes back every entry from `size` on. */
  truncate(size: number): void {
    for (let index = size; index < this.#events.length; index++) this.#byId.delete((this.#events[index] as LedgerEvent).id);
    this.#events.length = size;
    this.#lines = this.#start(size);
  }

  /**
   * Takes every entry from `size` on out of the journal, to be put back as it was with {@link Journal.attach}
   * (nothing may be appended in between) or dropped with {@link Journal.forget}.
   */
  detach(size: number): JournalTail {
    const start = this.#start(size);
    const end = this.#lines;
    const tail = {
      events: this.#events.slice(size),
      accounts: this.#accounts.slice(start, end),
      units: this.#units.slice(start, end),
      amounts: this.#amounts.slice(start, end),
      ends: this.#ends.slice(size, this.#events.length),
    };
    this.#events.length = size;
    this.#lines = start;
    return tail;
  }

  /** Puts back entries taken out by {@link Journal.detach}, at the places their ids kept. */
  attach(tail: JournalTail): void {
    const size = this.#events.length;
    for (const event of tail.events) this.#events.push(event);
    const lines = this.#lines + tail.amounts.length;
    if (lines > this.#amounts.length) this.#grow(lines);
    this.#accounts.set(tail.accounts, this.#lines);
    this.#units.set(tail.units, this.#lines);
    this.#amounts.set(tail.amounts, this.#lines);
    this.#lines = lines;
    this.#endsFor(this.#events.length);
    this.#ends.set(tail.ends, size);
  }

  /** Drops the ids of detached entries that will not be attached again. */
  forget(tail: JournalTail): void {
    for (const event of tail.events) this.#byId.delete(event.id);
  }

  /** One posting of an entry (a fresh object), by its position among the entry's postings. */
  posting(index: number, line: number): Posting {
    const at = this.#start(index) + line;
    return {
      account: this.accountNames[this.#accounts[at] as number] as string,
      unit: this.#unitNames[this.#units[at] as number] as string,
      amount: this.#amounts[at] as number,
    };
  }

  /** How many postings an entry has. */
  count(index: number): number {
    return (this.#ends[index] as number) - this.#start(index);
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
  readonly accounts: Int32Array;
  readonly units: Int32Array;
  readonly amounts: Float64Array;
  /** Where each entry's postings ended, as they were stored (detach and attach keep every place). */
  readonly ends: Float64Array;
}
