import { createReadStream } from 'node:fs';
import { EconomyError } from '../errors.js';

/**
 * Reads a JSON array of objects or a JSON-lines file as a stream of parsed values, in constant memory: the
 * array is split into its top-level elements without reading the whole file. A pretty-printed object with an
 * `events` array (the shape of ../shared/data/live-events-sample.json) is read whole.
 */
export async function* readJsonRecords(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<unknown> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  // 'document': one pretty-printed JSON object holding an `events` array (read whole, not streamed)
  let mode: 'unknown' | 'array' | 'lines' | 'document' = 'unknown';
  let buffer = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let position = 0;
  let line = 1;
  let bytes = 0;
  let ended = false;
  const parse = (text: string) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new EconomyError('INVALID_EVENT', `${path}: malformed JSON near line ${line}`);
    }
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    bytes += Buffer.byteLength(chunk);
    onBytes?.(bytes);
    buffer += chunk;
    if (mode === 'unknown') {
      const first = buffer.trimStart()[0];
      if (first === undefined) continue;
      mode = first === '[' ? 'array' : 'lines';
      if (mode === 'array') buffer = buffer.slice(buffer.indexOf('[') + 1);
    }
    if (mode === 'lines' && line === 1 && buffer.trimStart().startsWith('{') && !firstLineIsJson(buffer)) {
      mode = 'document';
    }
    if (mode === 'document') continue;
    if (mode === 'lines') {
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const text = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (text) yield parse(text);
        line++;
        newline = buffer.indexOf('\n');
      }
      continue;
    }
    // array mode: scan characters from where the last chunk stopped, yielding each complete top-level element
    for (; position < buffer.length; position++) {
      const c = buffer[position];
      if (c === '\n') line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') {
        if (depth === 0) start = position;
        depth++;
      } else if (c === '}' || c === ']') {
        if (depth === 0) {
          ended = true;
          break;
        }
        depth--;
        if (depth === 0) {
          yield parse(buffer.slice(start, position + 1));
          start = -1;
        }
      } else if (depth === 0 && !/[\s,]/.test(c as string)) {
        throw new EconomyError('INVALID_EVENT', `${path}: expected an array of event objects near line ${line}`);
      }
    }
    if (ended) break;
    const keep = start >= 0 ? start : position;
    buffer = buffer.slice(keep);
    position -= keep;
    if (start >= 0) start = 0;
  }
  if (mode === 'document') {
    const document = parse(buffer) as { events?: unknown };
    if (!Array.isArray(document?.events))
      throw new EconomyError('INVALID_EVENT', `${path}: expected an array, JSON lines, or an object with an "events" array`);
    yield* document.events;
    return;
  }
  if (mode === 'lines' && buffer.trim()) yield parse(buffer.trim());
  if (mode === 'array' && !ended) throw new EconomyError('INVALID_EVENT', `${path}: the JSON array is not closed`);
}

/** True when the text's first line is a whole JSON value (a JSON-lines file), false for pretty-printed JSON. */
function firstLineIsJson(text: string): boolean {
  const newline = text.indexOf('\n');
  if (newline < 0) return true;
  try {
    JSON.parse(text.slice(0, newline));
    return true;
  } catch {
    return false;
  }
}
