// The events the crash test applies: valid by construction (a viewer gifts only coins they hold), seeded.
export function killEvents(seed, count) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const held = new Map();
  const events = [];
  for (let i = 0; i < count; i++) {
    const viewer = `v${Math.floor(next() * 20)}`;
    const coins = held.get(viewer) ?? 0;
    if (coins < 10 || next() < 0.2) {
      events.push({ type: 'purchase', id: `e${i}`, viewer, coins: 70, channel: 'web', region: 'US' });
      held.set(viewer, coins + 70);
    } else {
      const count = 1 + Math.floor(next() * 10);
      events.push({ type: 'gift', id: `e${i}`, viewer, creator: `c${Math.floor(next() * 5)}`, gift: 'Rose', count });
      held.set(viewer, coins - count);
    }
  }
  return events;
}

/** Batch sizes from 1 to 50, seeded, covering `count` events. */
export function batches(seed, count) {
  let state = (seed * 7919) >>> 0 || 1;
  const sizes = [];
  for (let done = 0; done < count; ) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const size = Math.min(count - done, 1 + ((state >>> 0) % 50));
    sizes.push(size);
    done += size;
  }
  return sizes;
}
