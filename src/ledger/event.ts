import { describeValue, EconomyError } from '../errors.js';
import { wholeCount } from '../quantity/quantity.js';
import type { LedgerEvent } from './ledger.js';

type Kind = 'text' | 'count' | 'instant' | 'texts' | 'seed';

/** The fields of each event type: name → kind, `?` for optional. */
const FIELDS: Readonly<Record<LedgerEvent['type'], Readonly<Record<string, Kind | `${Kind}?`>>>> = {
  purchase: {
    id: 'text',
    viewer: 'text',
    coins: 'count',
    channel: 'text',
    region: 'text',
    currency: 'text?',
    age: 'count?',
    at: 'instant?',
  },
  gift: { id: 'text', viewer: 'text', creator: 'text', gift: 'text', count: 'count?', at: 'instant?' },
  'chest-drop': { id: 'text', viewer: 'text', coins: 'count', claimants: 'count', countdownSeconds: 'count?' },
  'chest-claim': { id: 'text', chest: 'text', viewers: 'texts', seed: 'seed?' },
  payout: { id: 'text', creator: 'text', diamonds: 'count', method: 'text?' },
  refund: { id: 'text', purchase: 'text' },
  'hold-gift': { id: 'text', viewer: 'text', creator: 'text', gift: 'text', count: 'count?', at: 'instant?', seconds: 'count?' },
  'hold-payout': { id: 'text', creator: 'text', diamonds: 'count', method: 'text?', at: 'instant?', seconds: 'count?' },
  post: { id: 'text', hold: 'text', at: 'instant?' },
  void: { id: 'text', hold: 'text' },
};

/**
 * Reads a ledger event completely into a frozen plain copy before anything is posted: its type, exactly the
 * fields of that type (an extra field, a symbol, a function, a throwing getter or a `__proto__` key is refused),
 * each of the right kind. `INVALID_EVENT` (or `INVALID_QUANTITY` for a count) with the field's path otherwise.
 */
export function readLedgerEvent(event: unknown): LedgerEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new EconomyError('INVALID_EVENT', `an event must be an object with a type and an id, got ${describeValue(event)}`);
  }
  // one copy first, so that each getter runs exactly once and what is checked is what is kept (own enumerable
  // fields; a copy built by assignment, which freezes fast, unlike a spread's)
  let copy: Record<string, unknown>;
  try {
    copy = Object.assign({}, event) as Record<string, unknown>;
  } catch {
    throw unreadable(event);
  }
  const type = copy.type;
  const spec = typeof type === 'string' && Object.hasOwn(SPECS, type) ? SPECS[type as LedgerEvent['type']] : undefined;
  if (spec === undefined) {
    throw new EconomyError('INVALID_EVENT', `event type must be one of ${Object.keys(FIELDS).join(', ')}, got ${describeValue(type)}`, {
      path: ['type'],
    });
  }
  const symbol = Object.getOwnPropertySymbols(copy)[0];
  if (symbol !== undefined) unknownField(type, spec, symbol);
  // an own `__proto__` field (JSON.parse makes one) is assigned as the copy's prototype, not copied: refuse it
  if (Object.hasOwn(event, '__proto__')) unknownField(type, spec, '__proto__');
  for (const key of Object.keys(copy)) if (key !== 'type' && !Object.hasOwn(spec.kinds, key)) unknownField(type, spec, key);
  for (const { name, kind, optional } of spec.fields) {
    const value = copy[name];
    if (value === undefined) {
      if (!optional) throw new EconomyError('INVALID_EVENT', `a ${type} event needs ${name}`, { path: [name] });
      // a field given as undefined is a field left out
      if (Object.hasOwn(copy, name)) delete copy[name];
      continue;
    }
    if (kind === 'text' && typeof value === 'string' && value !== '' && value.length <= 1000) continue;
    const read = readKind(kind, value, name);
    if (read !== value) copy[name] = read;
  }
  return Object.freeze(copy) as unknown as LedgerEvent;
}

/** The error for an event whose copy threw: which field threw when read, found by reading them one by one. */
function unreadable(event: object): EconomyError {
  let keys: (string | symbol)[] = [];
  try {
    keys = Reflect.ownKeys(event);
  } catch {}
  for (const key of keys) {
    try {
      void (event as Record<string | symbol, unknown>)[key];
    } catch {
      return new EconomyError('INVALID_EVENT', `field ${String(key)} could not be read`, { path: [String(key)] });
    }
  }
  return new EconomyError('INVALID_EVENT', 'the event could not be read');
}

function unknownField(type: unknown, spec: { readonly names: readonly string[] }, key: string | symbol): never {
  throw new EconomyError(
    'INVALID_EVENT',
    `a ${String(type)} event has no field ${typeof key === 'symbol' ? String(key) : describeValue(key)}; its fields are type, ${spec.names.join(', ')}`,
    {
      path: [String(key)],
    },
  );
}

/** The field specs, parsed once: names in order, each field's kind and whether it may be left out. */
const SPECS = Object.fromEntries(
  Object.entries(FIELDS).map(([type, fields]) => [
    type,
    {
      kinds: fields,
      names: Object.keys(fields),
      fields: Object.entries(fields).map(([name, declared]) => ({
        name,
        optional: declared.endsWith('?'),
        kind: (declared.endsWith('?') ? declared.slice(0, -1) : declared) as Kind,
      })),
    },
  ]),
) as unknown as Record<
  LedgerEvent['type'],
  {
    readonly kinds: Readonly<Record<string, string>>;
    readonly names: readonly string[];
    readonly fields: readonly { readonly name: string; readonly optional: boolean; readonly kind: Kind }[];
  }
>;

function readKind(kind: Kind, value: unknown, name: string): unknown {
  switch (kind) {
    case 'text':
      if (typeof value === 'string' && value !== '' && value.length <= 1000) return value;
      throw new EconomyError(
        'INVALID_EVENT',
        `${name} must be a non-empty string of at most 1,000 characters, got ${describeValue(value)}`,
        {
          path: [name],
        },
      );
    case 'count':
      return wholeCount(value, name, [name]);
    case 'seed':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      throw new EconomyError('INVALID_EVENT', `${name} must be a safe integer, got ${describeValue(value)}`, { path: [name] });
    case 'instant':
      if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
      // a Date is kept as its ISO string, so the event round-trips through JSON (a durable journal) unchanged
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
      throw new EconomyError(
        'INVALID_EVENT',
        `${name} must be an ISO 8601 string, epoch milliseconds or a Date, got ${describeValue(value)}`,
        {
          path: [name],
        },
      );
    case 'texts': {
      if (!Array.isArray(value) || value.length > 100_000) {
        throw new EconomyError('INVALID_EVENT', `${name} must be an array of strings, got ${describeValue(value)}`, { path: [name] });
      }
      return Object.freeze(Array.from(value, (item, index) => readKind('text', item, `${name}[${index}]`) as string));
    }
  }
}

/**
 * Whether two read events are the same: same fields, same values (events are flat plain data).
 */
export function sameEvent(a: LedgerEvent, b: LedgerEvent): boolean {
  const left = a as unknown as Record<string, unknown>;
  const right = b as unknown as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => {
    const x = left[key];
    const y = right[key];
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((item, i) => item === y[i]);
    if (x instanceof Date && y instanceof Date) return x.getTime() === y.getTime();
    return x === y;
  });
}
