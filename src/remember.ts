import { deepFreeze } from './table/compile.js';

/**
 * What `make` gives for `key`, made the first time and remembered in `cache` after (an `undefined` answer too):
 * for values derived from a table or an offer set that every later question reuses. What is remembered is
 * shared by every answer that reads it, so it is frozen all the way down (a map's entries too).
 */
export function remember<K extends object, V>(cache: WeakMap<K, V>, key: K, make: () => V): V {
  const found = cache.get(key);
  if (found !== undefined || cache.has(key)) return found as V;
  const value = deepFreeze(make());
  cache.set(key, value);
  return value;
}
