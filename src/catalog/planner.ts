import { EconomyError } from '../errors.js';
import { divideRoundedNumber, gcd, lcm, safeMultiply } from '../money/integer.js';
import type { RoundingMode } from '../money/rounding.js';

/**
 * A fixed pack of coins at a price in whole minor units (cents for USD).
 * @example
 * ```ts
 * import { type BundleOffer, PurchasePlanner } from 'gift-economy';
 * const packs: BundleOffer[] = [{ id: 'small', coins: 100, priceMinor: 150 }];
 * console.log(PurchasePlanner.compile(packs).cheapestMinor(250)); // 450
 * ```
 */
export interface BundleOffer {
  readonly id: string;
  readonly coins: number;
  readonly priceMinor: number;
}

/**
 * A custom amount: any `k` coins with `minCoins ≤ k ≤ maxCoins` and `k − minCoins` a multiple of `step`, at
 * `k × perCoinNumerator / perCoinDenominator` minor units rounded with `rounding`.
 * @example
 * ```ts
 * import { type CustomOffer, PurchasePlanner } from 'gift-economy';
 * // any 30..1,000 coins at 1.06 cents a coin (53/50), rounded up
 * const custom: CustomOffer = { minCoins: 30, maxCoins: 1000, step: 1, perCoinNumerator: 53, perCoinDenominator: 50, rounding: 'ceil' };
 * console.log(PurchasePlanner.compile([], custom).cheapestMinor(40)); // 43
 * ```
 */
export interface CustomOffer {
  readonly minCoins: number;
  readonly maxCoins: number;
  readonly step: number;
  readonly perCoinNumerator: number;
  readonly perCoinDenominator: number;
  readonly rounding: RoundingMode;
}

/**
 * One line of a purchase plan: `count` × a bundle, or one custom amount (`count` 1).
 * @example
 * ```ts
 * import { PurchasePlanner } from 'gift-economy';
 * const plan = PurchasePlanner.compile([{ id: 'p70', coins: 70, priceMinor: 99 }]).plan(100);
 * console.log(plan?.lines[0]?.count, plan?.lines[0]?.totalMinor); // 2 198
 * ```
 */
export interface PlanLine {
  readonly kind: 'bundle' | 'custom';
  /** The bundle's id (absent for a custom amount). */
  readonly bundleId?: string;
  /** Coins per unit of this line. */
  readonly coins: number;
  readonly count: number;
  /** Price per unit, in minor units. */
  readonly unitPriceMinor: number;
  readonly totalMinor: number;
}

/**
 * The cheapest way found to get at least the asked coins: lines, total coins and total price in minor units.
 * @example
 * ```ts
 * import { PurchasePlanner } from 'gift-economy';
 * const plan = PurchasePlanner.compile([{ id: 'p70', coins: 70, priceMinor: 99 }]).plan(100);
 * console.log(plan?.coins, plan?.priceMinor); // 140 198
 * ```
 */
export interface PlanMinor {
  readonly coins: number;
  readonly priceMinor: number;
  readonly lines: readonly PlanLine[];
}

const NONE = -1;
/**
 * Most entries any compiled planner table may hold (residues, custom sizes, small-N table). Real bundle
 * ladders need a few thousand; a table whose sizes would need more is refused rather than exhausting memory.
 */
export const PLANNER_LIMIT = 1_000_000;
const UNREACHABLE = Number.POSITIVE_INFINITY;

/**
 * The compiled cheapest-purchase planner for one channel, region and currency. A plan is any number of
 * bundles plus at most one custom amount; the planner returns the cheapest plan holding at least N coins.
 *
 * How it stays fast and exact (see DESIGN.md): let b* be the bundle with the lowest price per coin (s coins,
 * price p). Measured against b*, every other purchase has a non-negative "reduced cost" s·price − p·coins;
 * a shortest-path search over the residues of coins modulo s (two layers: before and after the custom
 * amount) gives, for every residue, the cheapest way to reach it. For N past the longest such path, the
 * best plan is that path topped up with copies of b*, so a quote is one lookup and one multiply. Below it,
 * a small exact table built at compile time answers. When the custom amount is cheaper per coin than every
 * bundle, the custom line is extended instead, and a quote scans a bounded window of custom sizes.
 *
 * @example
 * ```ts
 * import { PurchasePlanner } from 'gift-economy';
 * const planner = PurchasePlanner.compile([
 *   { id: 'p70', coins: 70, priceMinor: 99 },
 *   { id: 'p350', coins: 350, priceMinor: 499 },
 * ]);
 * console.log(planner.cheapestMinor(350)); // 495: five 70-coin packs beat one 350-coin pack
 * ```
 */
export class PurchasePlanner {
  private constructor(
    private readonly bundles: readonly BundleOffer[],
    private readonly custom: CustomOffer | undefined,
    private readonly structure: Structure,
  ) {
    Object.freeze(this);
  }

  /**
   * Compiles the planner for a set of bundles and an optional custom amount (already validated: whole,
   * positive coins and whole, non-negative prices).
   */
  static compile(bundles: readonly BundleOffer[], custom?: CustomOffer): PurchasePlanner {
    const frozen = Object.freeze(bundles.map((bundle) => Object.freeze({ ...bundle })));
    const offer = custom ? Object.freeze({ ...custom }) : undefined;
    if (frozen.length === 0) return new PurchasePlanner(frozen, offer, { kind: 'custom-only' });
    const best = cheapestPerCoin(frozen);
    if (offer && offer.perCoinNumerator * best.coins < best.priceMinor * offer.perCoinDenominator) {
      return new PurchasePlanner(frozen, offer, compileCustomDominant(frozen, offer));
    }
    return new PurchasePlanner(frozen, offer, compileResidues(frozen, best, offer));
  }

  /**
   * The price in minor units of the cheapest plan with at least `coins` coins, or `undefined` when no plan
   * reaches it (for example, only a custom amount whose maximum is below `coins`).
   */
  cheapestMinor(coins: number): number | undefined {
    const choice = this.choose(coins);
    return choice === undefined ? undefined : choice.priceMinor;
  }

  /** The cheapest plan with at least `coins` coins, line by line, or `undefined` when none reaches it. */
  plan(coins: number): PlanMinor | undefined {
    const choice = this.choose(coins);
    if (choice === undefined) return undefined;
    const counts = choice.bundleCounts(this.bundles.length);
    const lines: PlanLine[] = [];
    let totalCoins = 0;
    this.bundles.forEach((bundle, index) => {
      const count = counts[index] ?? 0;
      if (count === 0) return;
      totalCoins += bundle.coins * count;
      lines.push(
        Object.freeze({
          kind: 'bundle' as const,
          bundleId: bundle.id,
          coins: bundle.coins,
          count,
          unitPriceMinor: bundle.priceMinor,
          totalMinor: bundle.priceMinor * count,
        }),
      );
    });
    if (choice.customCoins > 0 && this.custom) {
      const price = customPrice(this.custom, choice.customCoins);
      totalCoins += choice.customCoins;
      lines.push(Object.freeze({ kind: 'custom' as const, coins: choice.customCoins, count: 1, unitPriceMinor: price, totalMinor: price }));
    }
    lines.sort((a, b) => b.coins - a.coins);
    return Object.freeze({ coins: totalCoins, priceMinor: choice.priceMinor, lines: Object.freeze(lines) });
  }

  /** @internal */
  private choose(coins: number): Choice | undefined {
    if (!Number.isSafeInteger(coins) || coins < 0) {
      throw new EconomyError('INVALID_QUANTITY', `coins must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${coins}`);
    }
    const structure = this.structure;
    if (structure.kind === 'custom-only') return customAlone(this.custom, coins);
    if (structure.kind === 'residues') return chooseByResidue(structure, this.custom, coins);
    return chooseCustomDominant(structure, this.custom as CustomOffer, coins);
  }
}

interface Choice {
  readonly priceMinor: number;
  readonly customCoins: number;
  bundleCounts(bundleCount: number): number[];
}

type Structure = { kind: 'custom-only' } | ResidueStructure | CustomDominantStructure;

function refuseIfLarge(entries: number, what: string): void {
  if (entries > PLANNER_LIMIT) {
    throw new EconomyError(
      'INVALID_TABLE',
      `the bundle sizes are too irregular for an exact planner: ${what}, above the limit of ${PLANNER_LIMIT}; use sizes with a larger common divisor`,
      { path: ['bundles'] },
    );
  }
}

function cheapestPerCoin(bundles: readonly BundleOffer[]): BundleOffer & { index: number } {
  let bestIndex = 0;
  bundles.forEach((bundle, index) => {
    const best = bundles[bestIndex] as BundleOffer;
    const left = bundle.priceMinor * best.coins;
    const right = best.priceMinor * bundle.coins;
    if (left < right || (left === right && bundle.coins > best.coins)) bestIndex = index;
  });
  return { ...(bundles[bestIndex] as BundleOffer), index: bestIndex };
}

/** The price of exactly `k` custom coins (k already on the grid). */
function customPrice(custom: CustomOffer, k: number): number {
  return divideRoundedNumber(safeMultiply(k, custom.perCoinNumerator), custom.perCoinDenominator, custom.rounding);
}

/** The smallest size on the custom grid (min + j·step) that is at least `coins`, ignoring the maximum. */
function gridAtLeast(custom: CustomOffer, coins: number): number {
  if (coins <= custom.minCoins) return custom.minCoins;
  return custom.minCoins + Math.ceil((coins - custom.minCoins) / custom.step) * custom.step;
}

/** The smallest allowed custom size holding at least `coins`, or undefined past the maximum. */
function customCover(custom: CustomOffer, coins: number): number | undefined {
  const k = gridAtLeast(custom, coins);
  return k <= custom.maxCoins ? k : undefined;
}

function customAlone(custom: CustomOffer | undefined, coins: number): Choice | undefined {
  if (coins === 0) return { priceMinor: 0, customCoins: 0, bundleCounts: (n) => new Array<number>(n).fill(0) };
  const k = custom && customCover(custom, coins);
  return k === undefined || !custom
    ? undefined
    : { priceMinor: customPrice(custom, k), customCoins: k, bundleCounts: (n) => new Array<number>(n).fill(0) };
}

// ---------------------------------------------------------------------------------------------------------
// Residues modulo the best bundle (bundles only, or a custom amount no cheaper per coin than the best bundle)

interface ResidueStructure {
  readonly kind: 'residues';
  readonly best: BundleOffer & { index: number };
  /** Items on the residue graph: other bundles (index ≥ 0) then custom sizes (coins only). */
  readonly itemBundle: Int32Array;
  readonly itemCoins: readonly number[];
  /** Per node (layer × s + residue): the item used to reach it and the node it came from. */
  readonly predItem: Int32Array;
  readonly predNode: Int32Array;
  readonly nodeCoins: readonly number[];
  /** For N ≥ threshold: price = q·p + tail[t], reached through node bestNode[t]. */
  readonly threshold: number;
  readonly tail: readonly number[];
  readonly bestNode: Int32Array;
  /** Below the threshold: exact tables (F0 bundles only, F1 with a custom amount) and their choices. */
  readonly small: SmallTables;
  readonly bundleCoins: readonly number[];
}

interface SmallTables {
  readonly withoutCustom: readonly number[];
  readonly withCustom: readonly number[];
  readonly choiceWithout: Int32Array;
  readonly choiceWith: Int32Array;
}

function compileResidues(
  bundles: readonly BundleOffer[],
  best: BundleOffer & { index: number },
  custom: CustomOffer | undefined,
): ResidueStructure {
  const s = best.coins;
  const p = best.priceMinor;
  refuseIfLarge(s, `the cheapest bundle per coin holds ${s} coins`);
  const itemBundle: number[] = [];
  const itemCoins: number[] = [];
  const itemWeight: number[] = [];
  bundles.forEach((bundle, index) => {
    if (index === best.index) return;
    itemBundle.push(index);
    itemCoins.push(bundle.coins);
    itemWeight.push(s * bundle.priceMinor - p * bundle.coins);
  });
  const bundleItems = itemBundle.length;
  if (custom) {
    // Some optimal plan holds a custom amount below min + L: L coins of it can become L/s copies of b*
    // at no extra cost, because L is a multiple of s and of the step, and L × price per coin is whole.
    const span = lcm(lcm(s, custom.step), custom.perCoinDenominator / gcd(custom.perCoinDenominator, custom.perCoinNumerator));
    refuseIfLarge(span / custom.step, `the custom amount needs ${span / custom.step} candidate sizes`);
    for (let k = custom.minCoins; k < custom.minCoins + span && k <= custom.maxCoins; k += custom.step) {
      itemBundle.push(NONE);
      itemCoins.push(k);
      itemWeight.push(s * customPrice(custom, k) - p * k);
    }
  }
  const layers = custom ? 2 : 1;
  const nodes = layers * s;
  const dist = new Array<number>(nodes).fill(UNREACHABLE);
  const nodeCoins = new Array<number>(nodes).fill(UNREACHABLE);
  const predItem = new Int32Array(nodes).fill(NONE);
  const predNode = new Int32Array(nodes).fill(NONE);
  const heap = new NodeHeap(dist, nodeCoins);

  const relax = (from: number, to: number, item: number, weight: number, coins: number) => {
    if (weight < (dist[to] as number) || (weight === dist[to] && coins < (nodeCoins[to] as number))) {
      dist[to] = weight;
      nodeCoins[to] = coins;
      predItem[to] = item;
      predNode[to] = from;
      heap.push(to);
    }
  };
  const settleLayer = (layer: number) => {
    for (let node = heap.pop(); node !== undefined; node = heap.pop()) {
      const base = (dist[node] as number) ?? UNREACHABLE;
      const coins = nodeCoins[node] as number;
      const residue = node - layer * s;
      for (let item = 0; item < bundleItems; item++) {
        const to = layer * s + ((residue + (itemCoins[item] as number)) % s);
        relax(node, to, item, base + (itemWeight[item] as number), coins + (itemCoins[item] as number));
      }
    }
  };
  dist[0] = 0;
  nodeCoins[0] = 0;
  heap.push(0);
  settleLayer(0);
  if (custom) {
    // The custom line is used once: enter layer 1 from every settled layer-0 node. Its reduced cost can be
    // negative (rounding), which is safe because no path uses it twice.
    for (let residue = 0; residue < s; residue++) {
      if (dist[residue] === UNREACHABLE) continue;
      for (let item = bundleItems; item < itemCoins.length; item++) {
        const to = s + ((residue + (itemCoins[item] as number)) % s);
        relax(
          residue,
          to,
          item,
          (dist[residue] as number) + (itemWeight[item] as number),
          (nodeCoins[residue] as number) + (itemCoins[item] as number),
        );
      }
    }
    settleLayer(1);
  }

  // tail[t] = min over nodes of dist + p·((residue − t) mod s), by one backward sweep around the circle.
  const reduced = new Array<number>(s).fill(UNREACHABLE);
  const bestNode = new Int32Array(s).fill(NONE);
  let threshold = 0;
  for (let node = 0; node < nodes; node++) {
    if (dist[node] === UNREACHABLE) continue;
    threshold = Math.max(threshold, nodeCoins[node] as number);
    const residue = node % s;
    if ((dist[node] as number) < (reduced[residue] as number)) {
      reduced[residue] = dist[node] as number;
      bestNode[residue] = node;
    }
  }
  refuseIfLarge(threshold, `exact answers below ${threshold} coins need a table that large`);
  const around = reduced.slice();
  for (let pass = 0; pass < 2; pass++) {
    for (let t = s - 1; t >= 0; t--) {
      const next = (t + 1) % s;
      const viaNext = (around[next] as number) + p;
      if (viaNext < (around[t] as number)) {
        around[t] = viaNext;
        bestNode[t] = bestNode[next] as number;
      }
    }
  }
  const tail = around.map((value, t) => (p * t + value) / s);
  return {
    kind: 'residues',
    best,
    itemBundle: Int32Array.from(itemBundle),
    itemCoins,
    predItem,
    predNode,
    nodeCoins,
    threshold,
    tail,
    bestNode,
    small: smallTables(bundles, custom, threshold),
    bundleCoins: bundles.map((bundle) => bundle.coins),
  };
}

/** Exact cheapest prices for every N below `limit` (the brute-force recurrence, kept small by the threshold). */
function smallTables(bundles: readonly BundleOffer[], custom: CustomOffer | undefined, limit: number): SmallTables {
  const withoutCustom = new Array<number>(limit).fill(UNREACHABLE);
  const withCustom = new Array<number>(limit).fill(UNREACHABLE);
  const choiceWithout = new Int32Array(limit).fill(NONE);
  const choiceWith = new Int32Array(limit).fill(NONE);
  for (let n = 0; n < limit; n++) {
    if (n === 0) withoutCustom[0] = 0;
    if (custom) {
      const k = customCover(custom, n);
      if (k !== undefined) withCustom[n] = customPrice(custom, k);
    }
    bundles.forEach((bundle, index) => {
      const rest = Math.max(0, n - bundle.coins);
      if (n > 0 && bundle.priceMinor + (withoutCustom[rest] as number) < (withoutCustom[n] as number)) {
        withoutCustom[n] = bundle.priceMinor + (withoutCustom[rest] as number);
        choiceWithout[n] = index;
      }
      if (n > 0 && bundle.priceMinor + (withCustom[rest] as number) < (withCustom[n] as number)) {
        withCustom[n] = bundle.priceMinor + (withCustom[rest] as number);
        choiceWith[n] = index;
      }
    });
  }
  return { withoutCustom, withCustom, choiceWithout, choiceWith };
}

function chooseByResidue(structure: ResidueStructure, custom: CustomOffer | undefined, coins: number): Choice | undefined {
  if (coins < structure.threshold) return chooseSmall(structure, custom, coins);
  const s = structure.best.coins;
  const q = Math.floor(coins / s);
  const t = coins - q * s;
  const priceMinor = safeMultiply(q, structure.best.priceMinor) + (structure.tail[t] as number);
  const node = structure.bestNode[t] as number;
  let customCoins = 0;
  for (let at = node; at !== 0 && at !== NONE; at = structure.predNode[at] as number) {
    const item = structure.predItem[at] as number;
    if ((structure.itemBundle[item] as number) === NONE) customCoins = structure.itemCoins[item] as number;
  }
  return {
    priceMinor,
    customCoins,
    bundleCounts(bundleCount) {
      const counts = new Array<number>(bundleCount).fill(0);
      let pathCoins = 0;
      for (let at = node; at !== 0 && at !== NONE; at = structure.predNode[at] as number) {
        const item = structure.predItem[at] as number;
        const bundle = structure.itemBundle[item] as number;
        pathCoins += structure.itemCoins[item] as number;
        if (bundle !== NONE) counts[bundle] = (counts[bundle] ?? 0) + 1;
      }
      // top up with copies of the best bundle to the first total ≥ coins in the path's residue class
      const residue = node % s;
      const total = coins + ((((residue - t) % s) + s) % s);
      counts[structure.best.index] = (counts[structure.best.index] ?? 0) + (total - pathCoins) / s;
      return counts;
    },
  };
}

function chooseSmall(structure: ResidueStructure, custom: CustomOffer | undefined, coins: number): Choice | undefined {
  const { small, bundleCoins } = structure;
  const useCustom = (small.withCustom[coins] as number) < (small.withoutCustom[coins] as number);
  const priceMinor = useCustom ? (small.withCustom[coins] as number) : (small.withoutCustom[coins] as number);
  if (priceMinor === UNREACHABLE) return undefined;
  const table = useCustom ? small.choiceWith : small.choiceWithout;
  const picks: number[] = [];
  let rest = coins;
  let customCoins = 0;
  while (rest > 0) {
    const index = table[rest] as number;
    if (index === NONE) {
      // only the custom table ends in NONE above zero: the custom amount covers the rest
      customCoins = custom ? (customCover(custom, rest) as number) : 0;
      break;
    }
    picks.push(index);
    rest = Math.max(0, rest - (bundleCoins[index] as number));
  }
  if (useCustom && rest === 0 && custom) customCoins = custom.minCoins;
  return {
    priceMinor,
    customCoins,
    bundleCounts(bundleCount) {
      const counts = new Array<number>(bundleCount).fill(0);
      for (const index of picks) counts[index] = (counts[index] ?? 0) + 1;
      return counts;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// A custom amount cheaper per coin than every bundle

interface CustomDominantStructure {
  readonly kind: 'custom-dominant';
  readonly bundlesOnly: ResidueStructure;
  /** Bundle coins past which some bundle could move into the custom line (Σ (a_i − 1)·c_i). */
  readonly window: number;
  /** Custom sizes within this distance of the maximum are also tried (max a_i·c_i). */
  readonly nearMaximum: number;
}

function compileCustomDominant(bundles: readonly BundleOffer[], custom: CustomOffer): CustomDominantStructure {
  const denominator = custom.perCoinDenominator / gcd(custom.perCoinDenominator, custom.perCoinNumerator);
  let window = 0;
  let nearMaximum = 0;
  for (const bundle of bundles) {
    // a copies of this bundle can become a·c custom coins at a whole, no greater price
    const copies = lcm(custom.step / gcd(custom.step, bundle.coins), denominator / gcd(denominator, bundle.coins));
    window += (copies - 1) * bundle.coins;
    nearMaximum = Math.max(nearMaximum, copies * bundle.coins);
  }
  refuseIfLarge((window + nearMaximum) / custom.step, `a quote would scan ${Math.ceil((window + nearMaximum) / custom.step)} custom sizes`);
  return { kind: 'custom-dominant', bundlesOnly: compileResidues(bundles, cheapestPerCoin(bundles), undefined), window, nearMaximum };
}

function chooseCustomDominant(structure: CustomDominantStructure, custom: CustomOffer, coins: number): Choice | undefined {
  const bundlesOnly = (n: number) => chooseByResidue(structure.bundlesOnly, undefined, n);
  let best = bundlesOnly(coins);
  const consider = (k: number) => {
    const rest = bundlesOnly(Math.max(0, coins - k));
    if (rest === undefined) return;
    const priceMinor = customPrice(custom, k) + rest.priceMinor;
    if (best === undefined || priceMinor < best.priceMinor) {
      best = { priceMinor, customCoins: k, bundleCounts: rest.bundleCounts };
    }
  };
  // Either the bundles hold fewer than `window` coins and the custom line covers the rest ...
  const top = custom.minCoins + Math.floor((custom.maxCoins - custom.minCoins) / custom.step) * custom.step;
  const from = gridAtLeast(custom, Math.max(coins - structure.window, custom.minCoins));
  const to = Math.min(gridAtLeast(custom, coins), top);
  for (let k = from; k <= to; k += custom.step) consider(k);
  // ... or the custom line is too close to its maximum to take a bundle's coins over. Sizes above `to` cover
  // the coins alone at a higher price, so only (top − nearMaximum, to] below `from` is left to try.
  const below = Math.min(to, from - custom.step);
  for (let k = below; k > top - structure.nearMaximum && k >= custom.minCoins; k -= custom.step) consider(k);
  return best;
}

/** A binary min-heap of graph nodes keyed by (distance, coins); stale entries are skipped when popped. */
class NodeHeap {
  private readonly entries: [number, number, number][] = [];

  constructor(
    private readonly dist: number[],
    private readonly coins: number[],
  ) {}

  push(node: number): void {
    const entries = this.entries;
    entries.push([this.dist[node] as number, this.coins[node] as number, node]);
    let at = entries.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!less(entries[at] as Entry, entries[parent] as Entry)) break;
      [entries[at], entries[parent]] = [entries[parent] as Entry, entries[at] as Entry];
      at = parent;
    }
  }

  pop(): number | undefined {
    const entries = this.entries;
    while (entries.length > 0) {
      const top = entries[0] as Entry;
      const last = entries.pop() as Entry;
      if (entries.length > 0) {
        entries[0] = last;
        let at = 0;
        for (;;) {
          const left = 2 * at + 1;
          const right = left + 1;
          let smallest = at;
          if (left < entries.length && less(entries[left] as Entry, entries[smallest] as Entry)) smallest = left;
          if (right < entries.length && less(entries[right] as Entry, entries[smallest] as Entry)) smallest = right;
          if (smallest === at) break;
          [entries[at], entries[smallest]] = [entries[smallest] as Entry, entries[at] as Entry];
          at = smallest;
        }
      }
      const [distance, coins, node] = top;
      if (distance === this.dist[node] && coins === this.coins[node]) return node;
    }
    return undefined;
  }
}

type Entry = [number, number, number];

function less(a: Entry, b: Entry): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}
