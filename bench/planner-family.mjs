// The purchase planner on a seeded family of awkward but ordinary tables (issue 14): up to 20 bundles of up to
// 100,000 coins, unit prices from half a cent to three cents in any order, with or without a custom amount of
// any step, minimum and per-coin price. Reports the worst compile, quote and memory over the family, next to
// a dynamic programme. Run alone with `node --expose-gc bench/planner-family.mjs`; `npm run bench` includes it.
import { mulberry32, randInt } from '../../shared/bench-workloads/prng.mjs';
import { PurchasePlanner } from '../dist/esm/index.js';

const ROUNDINGS = ['half-even', 'half-up', 'half-down', 'floor', 'ceil', 'toward-zero', 'away-from-zero'];
const DENOMINATORS = [1, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100, 200, 1000, 100_000];

/** One table of the family, as plain offers (prices in cents, all integers). */
export function awkwardTable(rng) {
  const count = randInt(rng, 1, 20);
  const bundles = [];
  for (let i = 0; i < count; i++) {
    // sizes spread over five orders of magnitude
    const coins = Math.max(1, Math.floor(10 ** (rng() * 5)));
    bundles.push({ id: `b${i}`, coins, priceMinor: randInt(rng, Math.ceil(coins / 2), coins * 3) });
  }
  if (rng() < 0.5) return { bundles, custom: undefined };
  const minCoins = randInt(rng, 1, 1000);
  const denominator = DENOMINATORS[randInt(rng, 0, DENOMINATORS.length - 1)];
  const custom = {
    minCoins,
    maxCoins: randInt(rng, minCoins, 10_000_000),
    step: rng() < 0.5 ? 1 : randInt(rng, 2, 100),
    perCoinNumerator: randInt(rng, Math.ceil(denominator / 2), denominator * 3),
    perCoinDenominator: denominator,
    rounding: ROUNDINGS[randInt(rng, 0, ROUNDINGS.length - 1)],
  };
  return { bundles, custom };
}

// The three tables 0.1.0 refused or took seconds on.
const ISSUE_TABLES = [
  {
    bundles: offers([
      [749, 576],
      [4931, 2477],
    ]),
    custom: undefined,
  },
  {
    bundles: offers([
      [51, 69],
      [877, 1003],
      [3299, 2977],
      [3593, 4306],
    ]),
    custom: { minCoins: 1, maxCoins: 617_176, step: 1, perCoinNumerator: 293, perCoinDenominator: 200, rounding: 'ceil' },
  },
  {
    bundles: offers([
      [2, 3],
      [3251, 5236],
      [3532, 3814],
      [4603, 8128],
      [4612, 5569],
    ]),
    custom: { minCoins: 1, maxCoins: 2_500_000, step: 1, perCoinNumerator: 51, perCoinDenominator: 50, rounding: 'ceil' },
  },
];

function offers(rows) {
  return rows.map(([coins, priceMinor], i) => ({ id: `b${i}`, coins, priceMinor }));
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

function retained(build) {
  globalThis.gc?.();
  const before = process.memoryUsage();
  const value = build();
  globalThis.gc?.();
  const after = process.memoryUsage();
  const bytes = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
  return { value, bytes };
}

/** A dynamic programme over every coin count up to `limit` (the textbook alternative). */
function dynamicProgramme(bundles, limit) {
  const price = new Float64Array(limit + 1).fill(Number.POSITIVE_INFINITY);
  price[0] = 0;
  for (let n = 1; n <= limit; n++) {
    for (const bundle of bundles) {
      const candidate = bundle.priceMinor + price[n > bundle.coins ? n - bundle.coins : 0];
      if (candidate < price[n]) price[n] = candidate;
    }
  }
  return price;
}

export function plannerFamily({ tables = 300, quotes = 20_000, seed = 14 } = {}) {
  const rng = mulberry32(seed);
  const family = [...ISSUE_TABLES];
  while (family.length < tables) family.push(awkwardTable(rng));
  const targets = Array.from({ length: 4096 }, () => randInt(rng, 0, 10_000_000));
  let refused = 0;
  let slowCompiles = 0;
  const worst = { compile: 0, price: 0, plan: 0, bytes: 0 };
  const compiles = [];
  // warm the compiler on a few tables first, so that the first tables measured are not measured cold
  for (const { bundles, custom } of family.slice(0, 40)) {
    try {
      const planner = PurchasePlanner.compile(bundles, custom);
      for (let i = 0; i < 2000; i++) planner.plan(targets[i & 4095]) && planner.cheapestMinor(targets[i & 4095]);
    } catch {}
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const planners = [];
  for (const { bundles, custom } of family) {
    let planner;
    try {
      const times = [];
      for (let round = 0; round < 5; round++) {
        const start = now();
        planner = PurchasePlanner.compile(bundles, custom);
        times.push(now() - start);
      }
      compiles.push(median(times));
      worst.compile = Math.max(worst.compile, median(times));
      if (median(times) > 10) slowCompiles++;
    } catch {
      refused++;
      continue;
    }
    // quoted once here, so that every table's paths are compiled before any is timed
    for (let i = 0; i < 2000; i++) planner.plan(targets[i & 4095]) && planner.cheapestMinor(targets[i & 4095]);
    planners.push({ planner, bundles, custom });
  }
  // memory in a pass of its own: measuring it forces full collections (gc()), which no program serving tables
  // makes, and the compiles right after one ran up to 2× slower while V8 re-tiered the planner's code
  for (const { bundles, custom } of planners) {
    worst.bytes = Math.max(worst.bytes, retained(() => PurchasePlanner.compile(bundles, custom)).bytes);
  }
  // quotes in a second pass, with every table loaded and quoted once (as in a process that serves many tables):
  // timing each table right after its compile measured the JIT's transitions, which moved a table's figure by
  // up to 2× between runs. Per table, the median of five rounds (a round is one timer read around many quotes;
  // this machine's pauses hit single rounds).
  for (const { planner } of planners) {
    const prices = [];
    const plans = [];
    for (let round = 0; round < 5; round++) {
      const start = now();
      for (let i = 0; i < quotes; i++) planner.cheapestMinor(targets[i & 4095]);
      prices.push(((now() - start) * 1000) / quotes);
    }
    for (let round = 0; round < 5; round++) {
      const start = now();
      for (let i = 0; i < quotes / 10; i++) planner.plan(targets[i & 4095]);
      plans.push(((now() - start) * 10_000) / quotes);
    }
    worst.price = Math.max(worst.price, median(prices));
    worst.plan = Math.max(worst.plan, median(plans));
  }
  compiles.sort((a, b) => a - b);
  // the dynamic programme to 1,000,000 coins on the first 10 bundle sets (bundles only: it has no custom line)
  const dpTimes = family.slice(0, 10).map(({ bundles }) => {
    const start = now();
    dynamicProgramme(bundles, 1_000_000);
    return now() - start;
  });
  dpTimes.sort((a, b) => a - b);
  return {
    tables: family.length,
    refused,
    slowCompiles,
    medianCompile: compiles[Math.floor(compiles.length / 2)],
    worst,
    dpMedian: dpTimes[Math.floor(dpTimes.length / 2)],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(plannerFamily());
