/**
 * A seeded pseudo-random generator (xorshift32 with a multiplicative scramble): the same seed gives the same
 * sequence in every JavaScript runtime, because it uses only 32-bit integer operations.
 *
 * @internal
 */
export function seededRandom(seed: number): { next(): number; int(low: number, high: number): number } {
  let state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0 || 0x6d2b79f5;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return (Math.imul(state, 0x2c1b3c6d) >>> 0) / 4294967296;
  };
  return {
    next,
    /** A whole number from `low` to `high`, both included. */
    int: (low: number, high: number) => low + Math.floor(next() * (high - low + 1)),
  };
}
