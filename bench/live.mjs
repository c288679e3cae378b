// A day of a live stream through liveGifts: 100 gifts a second for 24 hours (8,640,000 events, 2,000 gifters,
// streaks, duplicates), as the connector emits them. Reports µs per event and the heap and RSS growth.
// Run alone with `node --expose-gc bench/live.mjs [events]`; `npm run bench` runs it in a fresh process so that
// the RSS growth is the session's own, not what earlier benchmarks left behind.
import { mulberry32, randInt } from '../../shared/bench-workloads/prng.mjs';
import { liveGifts } from '../dist/esm/index.js';
import { tiktok } from '../dist/esm/presets/tiktok.js';

const GIFTS = [
  [5655, 1, 1],
  [5953, 25, 1],
  [6369, 29999, 2],
  [7312, 34999, 2],
];

/**
 * The day's events through `liveGifts`, or (`baseline`) through a consumer that only reads each event: the same
 * loop's own memory growth (the benchmark compresses a day into seconds, so V8 sizes its young generation for
 * about a million events a second, which a bot at 100 a second never sees).
 */
export function liveBench(count = 8_640_000, baseline = false) {
  const rng = mulberry32(17);
  let read = 0;
  const session = baseline
    ? {
        push: (event) => {
          read += event.diamondCount * event.repeatCount;
        },
        stats: () => ({ remembered: 0 }),
        top: () => [{ uniqueId: String(read) }],
      }
    : liveGifts(tiktok, { defaultReceiver: 'host' });
  globalThis.gc?.();
  const before = process.memoryUsage();
  const event = {
    msgId: '',
    giftId: 0,
    giftType: 2,
    diamondCount: 0,
    repeatCount: 1,
    repeatEnd: true,
    userId: '',
    uniqueId: '',
    createTime: 0,
  };
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const [giftId, coins, type] = GIFTS[randInt(rng, 0, GIFTS.length - 1)];
    const user = randInt(rng, 0, 1999);
    event.msgId = String(i % 97 === 0 && i > 0 ? i - 1 : i); // about 1% duplicates
    event.giftId = giftId;
    event.diamondCount = coins;
    event.giftType = type;
    event.repeatCount = randInt(rng, 1, 5);
    event.repeatEnd = type !== 1 || i % 3 === 0; // streak updates before their end
    event.userId = `u${user}`;
    event.uniqueId = `fan_${user}`;
    event.createTime = 1_767_225_600_000 + i * 10; // 100 a second
    session.push(event);
  }
  const ms = performance.now() - start;
  globalThis.gc?.();
  const after = process.memoryUsage();
  return {
    count,
    microsPerEvent: (ms * 1000) / count,
    heapGrowthMB: (after.heapUsed - before.heapUsed) / 1e6,
    rssGrowthMB: (after.rss - before.rss) / 1e6,
    remembered: session.stats().remembered,
    top: session.top(1, 'gifter')[0]?.uniqueId,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = liveBench(Number(process.argv[2] ?? 8_640_000), process.argv.includes('--baseline'));
  console.log(process.argv.includes('--json') ? JSON.stringify(result) : result);
}
