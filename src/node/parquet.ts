// A small Parquet reader for settlement: the three columns of flat gift events, row group by row group, read
// straight into per-creator sums. It decodes the page kinds common writers use by default (tested on every form
// DuckDB writes): the footer and page headers in Thrift's compact protocol, dictionary and plain pages (v1 and
// v2), RLE/bit-packed indices, and Snappy, gzip or Brotli pages. Anything else (nulls, nested columns, other encodings or codecs)
// answers `undefined`, and the caller reads the file through hyparquet instead, row by row.
import { open } from 'node:fs/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Accumulator } from '../ledger/settle.js';

/** A Thrift struct as read: field id → value. */
type Struct = { readonly [field: number]: unknown };

/** Thrown inside the reader for anything it does not decode; the caller falls back to the general reader. */
class Unsupported extends Error {}

const unsupported = (what: string): never => {
  throw new Unsupported(what);
};

/** The compact protocol of Apache Thrift, as Parquet's metadata uses it. */
class Thrift {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
  ) {
    this.pos = start;
  }

  varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.pos++];
      if (byte === undefined) return unsupported('metadata ends early');
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
      if (scale > 2 ** 63) return unsupported('a varint is too long');
    }
  }

  zigzag(): number {
    const n = this.varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  struct(): Struct {
    const out: Record<number, unknown> = {};
    let field = 0;
    for (;;) {
      const header = this.bytes[this.pos++];
      if (header === undefined) return unsupported('metadata ends early');
      if (header === 0) return out;
      const type = header & 0x0f;
      const delta = header >> 4;
      field = delta === 0 ? this.zigzag() : field + delta;
      out[field] = type === 1 ? true : type === 2 ? false : this.value(type);
    }
  }

  value(type: number): unknown {
    switch (type) {
      case 1:
        return this.bytes[this.pos++] === 1;
      case 3:
        return this.bytes[this.pos++];
      case 4:
      case 5:
      case 6:
        return this.zigzag();
      case 7:
        this.pos += 8;
        return undefined;
      case 8: {
        const length = this.varint();
        const value = this.bytes.subarray(this.pos, this.pos + length);
        this.pos += length;
        return value;
      }
      case 9:
      case 10: {
        const header = this.bytes[this.pos++] ?? 0;
        const size = header >> 4 === 15 ? this.varint() : header >> 4;
        // every element takes at least a byte: a longer list is a damaged footer, not a long loop
        if (size > this.bytes.length - this.pos) unsupported('a list longer than its metadata');
        const items: unknown[] = [];
        for (let i = 0; i < size; i++) items.push(this.value(header & 0x0f));
        return items;
      }
      case 11: {
        const size = this.varint();
        if (size > this.bytes.length - this.pos) unsupported('a map longer than its metadata');
        const types = size > 0 ? (this.bytes[this.pos++] ?? 0) : 0;
        for (let i = 0; i < size; i++) {
          this.value(types >> 4);
          this.value(types & 0x0f);
        }
        return undefined;
      }
      case 12:
        return this.struct();
      default:
        return unsupported(`Thrift type ${type}`);
    }
  }
}

const text = new TextDecoder();
const name = (value: unknown) => (value instanceof Uint8Array ? text.decode(value) : '');

/** Snappy's raw format: literals and back-references, into an output of the stated size (its first bytes). */
function snappy(input: Uint8Array, size: number, into: Uint8Array): Uint8Array {
  const output = into.subarray(0, size);
  let pos = 0;
  while ((input[pos++] ?? 0) & 0x80);
  let out = 0;
  while (pos < input.length) {
    const tag = input[pos++] as number;
    const kind = tag & 3;
    if (kind === 0) {
      let length = tag >>> 2;
      if (length >= 60) {
        const bytes = length - 59;
        length = 0;
        for (let i = 0; i < bytes; i++) length += (input[pos++] as number) * 2 ** (8 * i);
      }
      length += 1;
      if (out + length > size || pos + length > input.length) return unsupported('a damaged Snappy page');
      output.set(input.subarray(pos, pos + length), out);
      pos += length;
      out += length;
      continue;
    }
    let length: number;
    let offset: number;
    if (kind === 1) {
      length = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | (input[pos++] as number);
    } else if (kind === 2) {
      length = (tag >>> 2) + 1;
      offset = (input[pos] as number) | ((input[pos + 1] as number) << 8);
      pos += 2;
    } else {
      length = (tag >>> 2) + 1;
      offset =
        ((input[pos] as number) | ((input[pos + 1] as number) << 8) | ((input[pos + 2] as number) << 16)) +
        (input[pos + 3] as number) * 2 ** 24;
      pos += 4;
    }
    if (offset === 0 || offset > out || out + length > size) return unsupported('a damaged Snappy page');
    if (offset >= length) output.copyWithin(out, out - offset, out - offset + length);
    else for (let i = 0; i < length; i++) output[out + i] = output[out - offset + i] as number;
    out += length;
  }
  if (out !== size) return unsupported('a damaged Snappy page');
  return output;
}

function decompress(codec: number, input: Uint8Array, size: number, scratch: Scratch): Uint8Array {
  switch (codec) {
    case 0:
      return input;
    case 1:
      return snappy(input, size, scratch.page(size));
    case 2:
      return gunzipSync(input);
    case 4:
      return brotliDecompressSync(input);
    default:
      return unsupported(`compression codec ${codec}`);
  }
}

/**
 * Parquet's RLE / bit-packed hybrid: `count` values of `width` bits from `pos`, into `out` from `at`; with `map`,
 * each value is an index into it and `map[value]` is written instead (an index beyond it is refused).
 */
function hybrid(
  bytes: Uint8Array,
  pos: number,
  end: number,
  width: number,
  out: Int32Array,
  at: number,
  count: number,
  map?: Int32Array,
): void {
  if (width > 24) unsupported('dictionary indices wider than 24 bits');
  if (map !== undefined && map.length === 0 && count > 0) unsupported('dictionary indices into an empty dictionary');
  const mask = (1 << width) - 1;
  // indices that cannot pass the dictionary's end need no check one by one
  const checked = map !== undefined && mask >= map.length;
  const last = at + count;
  let n = at;
  while (n < last) {
    let header = 0;
    let scale = 1;
    for (;;) {
      if (pos >= end) unsupported('a page ends early');
      const byte = bytes[pos++] as number;
      header += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 128;
    }
    if (header % 2 === 1) {
      const values = Math.floor(header / 2) * 8;
      const stop = pos + (values / 8) * width;
      if (stop > end) unsupported('a page ends early');
      const take = Math.min(values, last - n);
      let i = 0;
      let p = pos;
      if (width <= 17) {
        // whole groups of eight whose bytes lie inside the array: each value from the three bytes its bits start
        // in (a shift of at most 7 and at most 17 bits fit in 24), no refill loop
        const fast = Math.max(0, Math.min(take, Math.ceil(((bytes.length - 2 - pos) * 8) / width))) & ~7;
        if (map === undefined) {
          for (let bit = pos * 8; i < fast; i++, bit += width) {
            const b = bit >>> 3;
            out[n++] = (((bytes[b] as number) | ((bytes[b + 1] as number) << 8) | ((bytes[b + 2] as number) << 16)) >>> (bit & 7)) & mask;
          }
        } else {
          for (let bit = pos * 8; i < fast; i++, bit += width) {
            const b = bit >>> 3;
            const value =
              (((bytes[b] as number) | ((bytes[b + 1] as number) << 8) | ((bytes[b + 2] as number) << 16)) >>> (bit & 7)) & mask;
            if (checked && value >= map.length) unsupported('an index beyond the dictionary');
            out[n++] = map[value] as number;
          }
        }
        p = pos + (fast / 8) * width;
      }
      let window = 0;
      let bits = 0;
      if (map === undefined) {
        for (; i < take; i++) {
          while (bits < width) {
            window |= (bytes[p++] as number) << bits;
            bits += 8;
          }
          out[n++] = window & mask;
          window >>>= width;
          bits -= width;
        }
      } else {
        for (; i < take; i++) {
          while (bits < width) {
            window |= (bytes[p++] as number) << bits;
            bits += 8;
          }
          const value = window & mask;
          window >>>= width;
          bits -= width;
          if (checked && value >= map.length) unsupported('an index beyond the dictionary');
          out[n++] = map[value] as number;
        }
      }
      pos = stop;
    } else {
      const run = Math.floor(header / 2);
      let value = 0;
      for (let i = 0; i < Math.ceil(width / 8); i++) value |= (bytes[pos++] as number) << (8 * i);
      if (map !== undefined) {
        if (value >= map.length) unsupported('an index beyond the dictionary');
        value = map[value] as number;
      }
      const stop = Math.min(last, n + run);
      out.fill(value, n, stop);
      n = stop;
    }
  }
}

/** Whether `count` one-bit definition levels (RLE / bit-packed hybrid) all say "defined", read without a copy. */
function allDefined(bytes: Uint8Array, pos: number, end: number, count: number): boolean {
  let seen = 0;
  while (seen < count) {
    let header = 0;
    let scale = 1;
    for (;;) {
      if (pos >= end) return false;
      const byte = bytes[pos++] as number;
      header += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 128;
    }
    if (header % 2 === 1) {
      // bit-packed: groups of eight levels, a byte each; the last byte may hold padding past `count`
      const groups = Math.floor(header / 2);
      if (pos + groups > end) return false;
      for (let i = 0; i < groups && seen < count; i++, seen += 8) {
        const mask = count - seen >= 8 ? 0xff : (1 << (count - seen)) - 1;
        if (((bytes[pos + i] as number) & mask) !== mask) return false;
      }
      pos += groups;
    } else {
      if (pos >= end || bytes[pos++] !== 1) return false;
      seen += Math.floor(header / 2);
    }
  }
  return true;
}

/** A column's distinct values as small codes, shared by every row group. */
class Codes {
  readonly values: (number | string)[] = [];
  readonly #index = new Map<number | string, number>();

  constructor(readonly accept: (value: number | string) => boolean) {}

  code(value: number | string): number {
    let code = this.#index.get(value);
    if (code === undefined) {
      if (!this.accept(value)) unsupported('a value the event checks would refuse');
      code = this.values.length;
      this.values.push(value);
      this.#index.set(value, code);
    }
    return code;
  }
}

/**
 * One column's buffers, reused from row group to row group: its chunk's bytes, a decompressed page and the codes
 * of its rows. Fresh ones for every group cost more than the decoding (each new page of memory is a fault).
 */
class Scratch {
  #bytes = new Uint8Array(0);
  #page = new Uint8Array(0);
  #codes = new Int32Array(0);

  /** `size` bytes for a column chunk, their contents undefined. */
  chunk(size: number): Uint8Array {
    if (this.#bytes.length < size) this.#bytes = new Uint8Array(size);
    return this.#bytes.subarray(0, size);
  }

  /** Room for one decompressed page, its contents undefined. */
  page(size: number): Uint8Array {
    if (this.#page.length < size) this.#page = new Uint8Array(size);
    return this.#page;
  }

  /** `rows` codes, their contents undefined. */
  codes(rows: number): Int32Array {
    if (this.#codes.length < rows) this.#codes = new Int32Array(rows);
    return this.#codes.subarray(0, rows);
  }
}

/** A leaf of the file's schema: its name, physical type and whether it may hold nulls. */
interface Column {
  readonly name: string;
  readonly type: number;
  readonly optional: boolean;
}

/** Reads `count` plain values of a physical type, each as its code. */
function plainCodes(type: number, bytes: Uint8Array, pos: number, count: number, codes: Codes, out: Int32Array, at: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) {
    let value: number | string;
    if (type === 1) {
      value = view.getInt32(pos, true);
      pos += 4;
    } else if (type === 2) {
      const high = view.getInt32(pos + 4, true);
      if (high >= 2 ** 21 || high < -(2 ** 21)) unsupported('a 64-bit value beyond 2^53');
      value = high * 2 ** 32 + view.getUint32(pos, true);
      pos += 8;
    } else if (type === 5) {
      value = view.getFloat64(pos, true);
      pos += 8;
    } else if (type === 6) {
      const length = view.getUint32(pos, true);
      value = text.decode(bytes.subarray(pos + 4, pos + 4 + length));
      pos += 4 + length;
    } else return unsupported(`physical type ${type}`);
    out[at + i] = codes.code(value);
  }
  return pos;
}

/** Reads one column chunk of a row group into codes, one per row. */
async function readChunk(
  file: import('node:fs/promises').FileHandle,
  column: Column,
  meta: Struct,
  rows: number,
  codes: Codes,
  scratch: Scratch,
): Promise<Int32Array> {
  const codec = meta[4] as number;
  const dataOffset = meta[9] as number;
  const dictionaryOffset = meta[11] as number | undefined;
  const start = dictionaryOffset !== undefined && dictionaryOffset > 0 && dictionaryOffset < dataOffset ? dictionaryOffset : dataOffset;
  const size = meta[7] as number;
  const bytes = scratch.chunk(size);
  const { bytesRead } = await file.read(bytes, 0, size, start);
  if (bytesRead !== size) unsupported('the file ends early');
  const out = scratch.codes(rows);
  let dictionary: Int32Array | undefined;
  let filled = 0;
  const reader = new Thrift(bytes);
  while (reader.pos < size && filled < rows) {
    const header = reader.struct();
    const pageType = header[1] as number;
    const rawSize = header[2] as number;
    const storedSize = header[3] as number;
    if (!(storedSize >= 0 && storedSize <= size - reader.pos && rawSize >= 0)) unsupported('a page larger than its column chunk');
    const body = bytes.subarray(reader.pos, reader.pos + storedSize);
    reader.pos += storedSize;
    if (pageType === 2) {
      const info = header[7] as Struct;
      const count = info[1] as number;
      const page = decompress(codec, body, rawSize, scratch);
      dictionary = new Int32Array(count);
      plainCodes(column.type, page, 0, count, codes, dictionary, 0);
    } else if (pageType === 0 || pageType === 3) {
      const v2 = pageType === 3;
      const info = header[v2 ? 8 : 5] as Struct;
      const count = info[1] as number;
      const encoding = info[v2 ? 4 : 2] as number;
      if (count > rows - filled) unsupported('a page with more values than its row group');
      let page: Uint8Array;
      let pos = 0;
      if (v2) {
        if ((info[2] as number) > 0) unsupported('nulls');
        const levels = (info[5] as number) + ((info[6] as number | undefined) ?? 0);
        page = info[7] === false ? body.subarray(levels) : decompress(codec, body.subarray(levels), rawSize - levels, scratch);
      } else {
        page = decompress(codec, body, rawSize, scratch);
        if (column.optional) {
          // definition levels, one bit each: every one must say "defined"
          const length = new DataView(page.buffer, page.byteOffset).getUint32(0, true);
          if (!allDefined(page, 4, 4 + length, count)) unsupported('nulls');
          pos = 4 + length;
        }
      }
      if (encoding === 0) plainCodes(column.type, page, pos, count, codes, out, filled);
      else if (encoding === 2 || encoding === 8) {
        if (dictionary === undefined) unsupported('dictionary indices without a dictionary');
        const width = page[pos] as number;
        hybrid(page, pos + 1, page.length, width, out, filled, count, dictionary);
      } else unsupported(`encoding ${encoding}`);
      filled += count;
    }
  }
  if (filled !== rows) unsupported('a row group with missing values');
  return out;
}

/** @internal What {@link settleParquetColumns} read: the rows of its row groups. */
export interface ParquetRead {
  readonly rows: number;
}

/**
 * @internal Which names to read, and which row groups: with `queue` (a SharedArrayBuffer of one 32-bit counter
 * that every thread reading the file shares), each thread takes the next group not yet taken, so a thread that
 * starts late takes fewer; without it, every group.
 */
export interface ParquetJob {
  readonly key: string;
  readonly giftCoins: string;
  readonly repeatCount: string;
  readonly queue?: SharedArrayBuffer;
}

/**
 * @internal Settles a Parquet file's gift events into `accumulator`: the key, gift-coins and (when named and
 * present) repeat columns of the job's row groups, every value checked as the event checks do. Answers
 * `undefined` when the file needs the general reader (then the accumulator must be thrown away).
 */
export async function settleParquetColumns(
  path: string,
  accumulator: Accumulator,
  names: ParquetJob,
  accept: { readonly key: (value: number | string) => boolean; readonly count: (value: number | string) => boolean },
  onBytes?: (bytes: number) => void,
): Promise<ParquetRead | undefined> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tail = new Uint8Array(8);
    await file.read(tail, 0, 8, size - 8);
    if (text.decode(tail.subarray(4)) !== 'PAR1') return undefined;
    const length = new DataView(tail.buffer).getUint32(0, true);
    if (length + 12 > size) return undefined;
    const footer = new Uint8Array(length);
    await file.read(footer, 0, length, size - 8 - length);
    const metadata = new Thrift(footer).struct();
    const schema = metadata[2] as Struct[];
    const root = schema[0];
    if (root === undefined || (root[5] as number) !== schema.length - 1) return undefined;
    const columns: Column[] = schema.slice(1).map((element) => ({
      name: name(element[4]),
      type: element[1] as number,
      optional: element[3] === 1,
    }));
    // repeated columns, and integers or decimals whose meaning is not their plain value, are for the general reader
    for (const element of schema.slice(1)) {
      if (element[3] === 2 || element[5] !== undefined) return undefined;
      const converted = element[6] as number | undefined;
      if (converted !== undefined && ![0, 11, 12, 15, 16, 17, 18].includes(converted)) return undefined;
    }
    const wanted = [names.key, names.giftCoins, names.repeatCount].map((wanted) => columns.findIndex((column) => column.name === wanted));
    const [keyAt, coinsAt, repeatAt] = wanted as [number, number, number];
    if (keyAt < 0 || coinsAt < 0) return undefined;
    const keys = new Codes(accept.key);
    const coins = new Codes(accept.count);
    const repeats = new Codes(accept.count);
    const sums = new RowGroupSums(accumulator, keys, coins, repeats);
    const scratch = [new Scratch(), new Scratch(), new Scratch()] as const;
    let rows = 0;
    const groups = metadata[4] as Struct[];
    const queue = names.queue === undefined ? undefined : new Int32Array(names.queue);
    let next = 0;
    for (;;) {
      const at = queue === undefined ? next++ : Atomics.add(queue, 0, 1);
      if (at >= groups.length) break;
      const group = groups[at] as Struct;
      const chunks = group[1] as Struct[];
      const count = group[3] as number;
      const chunk = (at: number, codes: Codes, scratch: Scratch) =>
        readChunk(file, columns[at] as Column, (chunks[at] as Struct)[3] as Struct, count, codes, scratch);
      const [keyCodes, coinCodes, repeatCodes] = await Promise.all([
        chunk(keyAt, keys, scratch[0]),
        chunk(coinsAt, coins, scratch[1]),
        repeatAt < 0 ? undefined : chunk(repeatAt, repeats, scratch[2]),
      ]);
      sums.add(keyCodes, coinCodes, repeatCodes, count);
      rows += count;
      // the group's stored size (every column), so that the groups of a file add up to about its size
      onBytes?.(Number(group[6] ?? group[2] ?? 0));
    }
    return { rows };
  } catch {
    // anything this reader does not decode, or a damaged file: the general reader reads it or says what is wrong
    return undefined;
  } finally {
    await file.close();
  }
}

const MAX = Number.MAX_SAFE_INTEGER;

/** Sums a row group's events per key code, then hands each key's totals to the accumulator. */
class RowGroupSums {
  #coins = new Float64Array(0);
  #diamonds = new Float64Array(0);
  #events = new Float64Array(0);

  constructor(
    readonly accumulator: Accumulator,
    readonly keys: Codes,
    readonly coins: Codes,
    readonly repeats: Codes,
  ) {}

  add(keyCodes: Int32Array, coinCodes: Int32Array, repeatCodes: Int32Array | undefined, rows: number): void {
    const accumulator = this.accumulator;
    // the coins and diamonds of each (gift coins, repeat) pair, and whether a row group's sums stay exact
    const repeatValues = repeatCodes === undefined ? [1] : (this.repeats.values as number[]);
    const coinValues = this.coins.values as number[];
    const width = repeatValues.length;
    const pairCoins = new Float64Array(coinValues.length * width);
    const pairDiamonds = new Float64Array(coinValues.length * width);
    let largest = 0;
    coinValues.forEach((giftCoins, g) => {
      repeatValues.forEach((repeatCount, r) => {
        const product = giftCoins * repeatCount;
        if (product > MAX) unsupported('an event of more than 2^53 coins');
        pairCoins[g * width + r] = product;
        pairDiamonds[g * width + r] = accumulator.perGift ? accumulator.diamondsOf(giftCoins, repeatCount) : 0;
        largest = Math.max(largest, product, pairDiamonds[g * width + r] as number);
      });
    });
    if (largest * rows > MAX) unsupported('sums beyond 2^53 within a row group');
    const keyCount = this.keys.values.length;
    if (this.#coins.length < keyCount) {
      this.#coins = new Float64Array(keyCount * 2);
      this.#diamonds = new Float64Array(keyCount * 2);
      this.#events = new Float64Array(keyCount * 2);
    }
    const coinsByKey = this.#coins;
    const diamondsByKey = this.#diamonds;
    const eventsByKey = this.#events;
    // the repeat column's presence is decided once, not per row (no column: every event is one gift)
    const repeats = repeatCodes ?? new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      const key = keyCodes[i] as number;
      const pair = (coinCodes[i] as number) * width + (repeats[i] as number);
      coinsByKey[key] = (coinsByKey[key] as number) + (pairCoins[pair] as number);
      diamondsByKey[key] = (diamondsByKey[key] as number) + (pairDiamonds[pair] as number);
      eventsByKey[key] = (eventsByKey[key] as number) + 1;
    }
    for (let key = 0; key < keyCount; key++) {
      const events = eventsByKey[key] as number;
      if (events === 0) continue;
      accumulator.addTotals(this.keys.values[key] as number | string, events, coinsByKey[key] as number, diamondsByKey[key] as number);
      coinsByKey[key] = 0;
      diamondsByKey[key] = 0;
      eventsByKey[key] = 0;
    }
  }
}
