// Byte-level reading of JSON-lines gift events of the flat shape { creatorId, giftCoins, repeatCount,
// gifterId? }: the few fields are picked out of each line's bytes without building an object; anything unusual
// (another key, a float, an escape, nesting, bad JSON) goes through JSON.parse, so both paths give the same events.

const QUOTE = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const MINUS = 0x2d;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/** Field numbers of the flat shape. */
enum Field {
  None = 0,
  Creator = 1,
  Gift = 2,
  Repeat = 3,
  Gifter = 4,
}

const CREATOR = Buffer.from('creatorId');
const GIFT = Buffer.from('giftCoins');
const REPEAT = Buffer.from('repeatCount');
const GIFTER = Buffer.from('gifterId');

/** Where the scanner sends each line's outcome. `line` is 1-based within the scanned text. */
export interface LineSink {
  /** A flat event read by the byte scanner: whole counts below 10^15, a key that may still need checking. */
  flat(key: number | string, giftCoins: number, repeatCount: number, line: number): void;
  /** A flat event; `key` is the creator (or the gifter, when grouping by gifter). */
  event(key: number | string, giftCoins: unknown, repeatCount: unknown, line: number): void;
  /** A line that is not a flat event: parsed JSON (e.g. a live-connector event), or a reason it is invalid. */
  other(line: number, record: unknown, text: string): void;
  invalid(line: number, reason: string, text: string): void;
}

const PREFIX_CREATOR = Buffer.from('{"creatorId":');
const PREFIX_GIFT = Buffer.from(',"giftCoins":');
const PREFIX_REPEAT = Buffer.from(',"repeatCount":');

/** The three numbers of the last line {@link exactAt} read. */
const exact = new Float64Array(3);

// The literals of the common line as little-endian 32-bit words, compared four bytes at a time (then the
// last one to three bytes one by one): '{"creatorId":' and ',"giftCoins":' are 13 bytes, ',"repeatCount":' 15.
function wordsOf(literal: Uint8Array): Uint32Array {
  const words = new Uint32Array(Math.floor(literal.length / 4));
  const view = new DataView(literal.buffer, literal.byteOffset, literal.length);
  for (let i = 0; i < words.length; i++) words[i] = view.getUint32(i * 4, true);
  return words;
}
const CREATOR_WORDS = wordsOf(PREFIX_CREATOR);
const GIFT_WORDS = wordsOf(PREFIX_GIFT);
const REPEAT_WORDS = wordsOf(PREFIX_REPEAT);

/** Whether `view` holds `literal` at `at` (its words, then its last bytes); `at + literal.length` ≤ the view's length. */
function literalAt(view: DataView, bytes: Uint8Array, at: number, literal: Uint8Array, words: Uint32Array): boolean {
  for (let i = 0; i < words.length; i++) if (view.getUint32(at + i * 4, true) !== words[i]) return false;
  for (let i = words.length * 4; i < literal.length; i++) if (bytes[at + i] !== literal[i]) return false;
  return true;
}

/**
 * The common line, exactly `{"creatorId":D,"giftCoins":D,"repeatCount":D}` with whole numbers (as this library
 * and JSON.stringify write it), read from `at` in one pass: three literal compares and three digit runs, the
 * numbers left in `exact`. Returns the index just after the closing brace, or -1 for anything else.
 */
function exactAt(view: DataView, bytes: Uint8Array, start: number): number {
  // the shortest such line is 47 bytes; nearer the end, the general path reads it
  if (start + 47 > bytes.length || !literalAt(view, bytes, start, PREFIX_CREATOR, CREATOR_WORDS)) return -1;
  let at = start + PREFIX_CREATOR.length;
  for (let field = 0; field < 3; field++) {
    if (field === 1) {
      if (at + PREFIX_GIFT.length > bytes.length || !literalAt(view, bytes, at, PREFIX_GIFT, GIFT_WORDS)) return -1;
      at += PREFIX_GIFT.length;
    } else if (field === 2) {
      if (at + PREFIX_REPEAT.length > bytes.length || !literalAt(view, bytes, at, PREFIX_REPEAT, REPEAT_WORDS)) return -1;
      at += PREFIX_REPEAT.length;
    }
    const digitsStart = at;
    let n = 0;
    for (;;) {
      const d = (bytes[at] as number) - 0x30;
      if (!(d >= 0 && d <= 9)) break;
      n = n * 10 + d;
      at++;
    }
    const digits = at - digitsStart;
    if (digits === 0 || digits > 15 || (digits > 1 && bytes[digitsStart] === 0x30)) return -1;
    exact[field] = n;
  }
  return bytes[at] === CLOSE ? at + 1 : -1;
}

/** Reads one line's bytes [start, end) as a flat event, or returns false when the line needs JSON.parse. */
function fastLine(bytes: Uint8Array, start: number, end: number, byGifter: boolean, sink: LineSink, line: number): boolean {
  let at = start;
  if (bytes[at] !== OPEN) return false;
  at++;
  let creator: number | string | undefined;
  let gifter: number | string | undefined;
  let gift: number | undefined;
  let repeat: number | undefined;
  for (;;) {
    if (bytes[at] === CLOSE && at === end - 1) break;
    if (bytes[at] !== QUOTE) return false;
    const keyStart = ++at;
    while (at < end && bytes[at] !== QUOTE) {
      if (bytes[at] === BACKSLASH) return false;
      at++;
    }
    const field = keyOf(bytes, keyStart, at);
    if (field === Field.None || bytes[at + 1] !== COLON) return false;
    at += 2;
    let value: number | string;
    if (bytes[at] === QUOTE) {
      const valueStart = ++at;
      while (at < end && bytes[at] !== QUOTE) {
        if (bytes[at] === BACKSLASH || (bytes[at] as number) < 0x20) return false;
        at++;
      }
      if (at >= end) return false;
      value = Buffer.from(bytes.buffer, bytes.byteOffset + valueStart, at - valueStart).toString('utf8');
      at++;
    } else {
      // a whole number of at most 15 digits; a sign, fraction, exponent or leading zero goes to JSON.parse
      if (bytes[at] === MINUS) return false;
      let n = 0;
      const digitsStart = at;
      while (at < end) {
        const d = (bytes[at] as number) - 0x30;
        if (d < 0 || d > 9) break;
        n = n * 10 + d;
        at++;
      }
      const digits = at - digitsStart;
      if (digits === 0 || digits > 15 || (digits > 1 && bytes[digitsStart] === 0x30)) return false;
      value = n;
    }
    if (field === Field.Creator) creator = value;
    else if (field === Field.Gifter) gifter = value;
    else if (typeof value !== 'number') return false;
    else if (field === Field.Gift) gift = value;
    else repeat = value;
    if (bytes[at] === COMMA) {
      at++;
      continue;
    }
    if (bytes[at] === CLOSE && at === end - 1) break;
    return false;
  }
  const key = byGifter ? gifter : creator;
  if (key === undefined || gift === undefined) return false;
  sink.flat(key, gift, repeat ?? 1, line);
  return true;
}

function keyOf(bytes: Uint8Array, start: number, end: number): Field {
  const length = end - start;
  // by length and first letter, then the whole key: creatorId, giftCoins, repeatCount, gifterId
  const key =
    length === 9
      ? bytes[start] === 0x63
        ? CREATOR
        : bytes[start] === 0x67
          ? GIFT
          : undefined
      : length === 11
        ? REPEAT
        : length === 8
          ? GIFTER
          : undefined;
  if (key === undefined) return Field.None;
  for (let i = 1; i < length; i++) if (bytes[start + i] !== key[i]) return Field.None;
  return key === CREATOR ? Field.Creator : key === GIFT ? Field.Gift : key === REPEAT ? Field.Repeat : Field.Gifter;
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a;
}

/**
 * Scans the complete lines of `bytes` (a chunk ending at a newline, or the end of the input) and reports each
 * to `sink`; `firstLine` numbers the first line. Blank lines are skipped (counted); CRLF and a BOM are fine.
 * Returns the number of lines scanned.
 */
export function scanLines(bytes: Uint8Array, firstLine: number, byGifter: boolean, sink: LineSink): number {
  let start = 0;
  let line = firstLine;
  if (firstLine === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const length = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  while (start < length) {
    if (!byGifter) {
      // the common line, read in one pass when a newline (or CRLF, or the end) follows its closing brace
      const after = exactAt(view, bytes, start);
      if (after > 0) {
        const next =
          after === length
            ? length
            : bytes[after] === NEWLINE
              ? after + 1
              : bytes[after] === 0x0d && bytes[after + 1] === NEWLINE
                ? after + 2
                : -1;
        if (next >= 0) {
          sink.flat(exact[0] as number, exact[1] as number, exact[2] as number, line);
          line++;
          start = next;
          continue;
        }
      }
    }
    let end = start;
    while (end < length && bytes[end] !== NEWLINE) end++;
    let a = start;
    let b = end;
    while (a < b && isSpace(bytes[a])) a++;
    while (b > a && isSpace(bytes[b - 1])) b--;
    if (a < b && !fastLine(bytes, a, b, byGifter, sink, line)) slowLine(bytes, a, b, byGifter, sink, line);
    line++;
    start = end + 1;
  }
  return line - firstLine;
}

function slowLine(bytes: Uint8Array, start: number, end: number, byGifter: boolean, sink: LineSink, line: number): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    sink.invalid(line, 'not valid JSON', text);
    return;
  }
  if (typeof record === 'object' && record !== null && !Array.isArray(record) && Object.hasOwn(record, 'giftCoins')) {
    const event = record as Record<string, unknown>;
    const key = byGifter ? event.gifterId : event.creatorId;
    sink.event(key as number | string, event.giftCoins, event.repeatCount ?? 1, line);
    return;
  }
  sink.other(line, record, text);
}
