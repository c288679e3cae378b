import { EconomyError } from '../errors.js';
import { divideRoundedNumber, gcd, lcm } from '../money/integer.js';
import { assertRoundingMode, ROUNDING_MODES, type RoundingMode } from '../money/rounding.js';

/**
 * A fixed pack of coins at a price in whole minor units (cents for USD).
 * @example
 * ```ts
 * import { type BundleOffer, PurchasePlanner } from 'gift-economy';
 * const packs: BundleOffer[] = [{ id: 'small', coins: 100, priceMinor: 150 }];
 * console.log(PurchasePlanner.compile(packs).cheapestMinor(250)); // 450
 * ```
 * @category Purchase planning
 */
export interface BundleOffer {
  readonly id: string;
  /** Units received, bonus included. */
  readonly coins: number;
  readonly priceMinor: number;
  /** Of `coins`, how many are a bonus on top of the bundle's own (shown in quotes). */
  readonly bonus?: number;
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
 * @category Purchase planning
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
 * @category Purchase planning
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
 * @category Purchase planning
 */
export interface PlanMinor {
  readonly coins: number;
  readonly priceMinor: number;
  readonly lines: readonly PlanLine[];
}

const NONE = -1;
/** Marks a residue node entered by the custom amount (its coins are in `customAt`). */
const CUSTOM = -2;
const UNREACHABLE = Number.POSITIVE_INFINITY;

/**
 * The documented limits of the exact planner. Each bounds memory or the work of one quote; a table past one is
 * refused with `INVALID_TABLE` naming the limit. Ordinary tables (up to 20 bundles of up to 100,000 coins, any
 * custom amount) stay far below them: see docs/errors.md.
 * @example
 * ```ts
 * import { PLANNER_LIMITS } from 'gift-economy';
 * console.log(PLANNER_LIMITS.coverTable); // 262144
 * ```
 * @category Purchase planning
 */
export const PLANNER_LIMITS = Object.freeze({
  /** Most bundles in one offer. */
  bundles: 1_000,
  /** Most coins in one bundle, and the largest custom minimum and step. */
  coins: 10_000_000,
  /** Most entries of the exact table for targets below the point where the residue answer holds. */
  coverTable: 262_144,
  /** Most custom sizes a compile may examine. */
  customSizes: 4_000_000,
  /** Most custom sizes one quote may examine (a custom amount cheaper per coin than every bundle). */
  quoteScan: 1_000_000,
});

function refuse(message: string, path: readonly (string | number)[] = ['bundles']): never {
  throw new EconomyError('INVALID_TABLE', message, { path });
}

function refuseIfLarge(entries: number, limit: number, name: keyof typeof PLANNER_LIMITS, what: string): void {
  if (entries > limit) refuse(`${what}: ${entries} is above the planner limit PLANNER_LIMITS.${name} = ${limit}`);
}

/**
 * The compiled cheapest-purchase planner for one channel, region and currency. A plan is any number of
 * bundles plus at most one custom amount; the planner returns the cheapest plan holding at least N coins.
 *
 * How it stays fast and exact (see DESIGN.md and the proofs beside each step below): let b* be the bundle
 * with the lowest price per coin (s coins, price p). Measured against b*, every other purchase has a
 * "reduced cost" w = s·price − p·coins, so a plan of T coins costs (w + p·T)/s. A shortest-path closure over
 * the s residues of coins modulo s (the round-robin algorithm of Böcker and Lipták, O(bundles · s)) gives
 * for every residue the cheapest way to reach it, without and with the custom amount. Past the largest such
 * path, a quote is one lookup and one multiply; below it, a small exact table built at compile time answers.
 * When the custom amount is cheaper per coin than every bundle, it is the base instead and a quote tries the
 * few custom sizes that an exchange argument leaves.
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
 * @category Purchase planning
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
   * Compiles the planner for a set of bundles and an optional custom amount. Bundles need whole, positive
   * coins and whole, non-negative prices; a custom amount needs whole sizes with `minCoins ≤ maxCoins`, a
   * positive whole step and a positive per-coin fraction. Anything else is an `INVALID_TABLE` error.
   */
  static compile(bundles: readonly BundleOffer[], custom?: CustomOffer): PurchasePlanner {
    const frozen = readBundles(bundles);
    const offer = custom === undefined ? undefined : readCustom(custom);
    const structure: Structure = frozen.length === 0 ? { kind: 'custom-only' } : compileResidues(frozen, offer);
    return new PurchasePlanner(frozen, offer, structure);
  }

  /**
   * The price in minor units of the cheapest plan with at least `coins` coins, or `undefined` when no plan
   * reaches it (for example, only a custom amount whose maximum is below `coins`).
   */
  cheapestMinor(coins: number): number | undefined {
    // the price alone: no plan is assembled (its path may be long)
    const structure = this.structure;
    const n = readCoins(coins);
    return structure.kind === 'custom-only'
      ? customAlone(this.custom, n)?.priceMinor
      : priceByResidue(structure, this.custom, n)?.priceMinor;
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
    const structure = this.structure;
    const n = readCoins(coins);
    return structure.kind === 'custom-only' ? customAlone(this.custom, n) : chooseByResidue(structure, this.custom, n);
  }
}

function readCoins(coins: number): number {
  if (typeof coins !== 'number' || !Number.isSafeInteger(coins) || coins < 0) {
    throw new EconomyError(
      'INVALID_QUANTITY',
      `coins must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${describe(coins)}`,
      {
        path: ['coins'],
      },
    );
  }
  return coins;
}

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : typeof value;
}

interface Choice {
  readonly priceMinor: number;
  readonly customCoins: number;
  bundleCounts(bundleCount: number): number[];
}

type Structure = { kind: 'custom-only' } | ResidueStructure;

// ---------------------------------------------------------------------------------------------------------
// Reading the offers: plain data copied once, every number checked (a planner never loops on NaN or 1.5)

function wholeIn(value: unknown, low: number, high: number, path: readonly (string | number)[], what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < low || value > high) {
    refuse(`${what} must be a whole number from ${low} to ${high}, got ${describe(value)}`, path);
  }
  return value === 0 ? 0 : value;
}

function readBundles(bundles: readonly BundleOffer[]): readonly BundleOffer[] {
  if (!Array.isArray(bundles)) refuse(`bundles must be an array, got ${describe(bundles)}`);
  refuseIfLarge(bundles.length, PLANNER_LIMITS.bundles, 'bundles', 'bundles in one offer');
  return Object.freeze(
    bundles.map((bundle: BundleOffer, index) => {
      if (typeof bundle !== 'object' || bundle === null) refuse(`a bundle must be an object, got ${describe(bundle)}`, ['bundles', index]);
      const { id, coins, priceMinor } = bundle;
      if (typeof id !== 'string') refuse(`a bundle id must be a string, got ${describe(id)}`, ['bundles', index, 'id']);
      return Object.freeze({
        id,
        coins: wholeIn(coins, 1, PLANNER_LIMITS.coins, ['bundles', index, 'coins'], 'bundle coins'),
        priceMinor: wholeIn(priceMinor, 0, Number.MAX_SAFE_INTEGER, ['bundles', index, 'priceMinor'], 'a bundle price in minor units'),
      });
    }),
  );
}

function readCustom(custom: CustomOffer): CustomOffer {
  if (typeof custom !== 'object' || custom === null) refuse(`a custom amount must be an object, got ${describe(custom)}`, ['custom']);
  const { minCoins, maxCoins, step, perCoinNumerator, perCoinDenominator, rounding } = custom;
  const min = wholeIn(minCoins, 1, PLANNER_LIMITS.coins, ['custom', 'minCoins'], 'the custom minimum');
  const max = wholeIn(maxCoins, min, Number.MAX_SAFE_INTEGER, ['custom', 'maxCoins'], 'the custom maximum');
  const offer: CustomOffer = {
    minCoins: min,
    maxCoins: max,
    step: wholeIn(step, 1, PLANNER_LIMITS.coins, ['custom', 'step'], 'the custom step'),
    perCoinNumerator: wholeIn(perCoinNumerator, 0, 2 ** 31, ['custom', 'perCoinNumerator'], 'the per-coin numerator'),
    perCoinDenominator: wholeIn(perCoinDenominator, 1, 2 ** 31, ['custom', 'perCoinDenominator'], 'the per-coin denominator'),
    rounding: readRounding(rounding),
  };
  // The largest size on the grid, so that every price the planner computes stays a safe integer.
  wholeIn(
    (offer.minCoins + Math.floor((offer.maxCoins - offer.minCoins) / offer.step) * offer.step) * offer.perCoinNumerator,
    0,
    Number.MAX_SAFE_INTEGER,
    ['custom', 'maxCoins'],
    'the custom maximum × the per-coin numerator',
  );
  return Object.freeze(offer);
}

function readRounding(mode: unknown): RoundingMode {
  try {
    return assertRoundingMode(mode);
  } catch {
    return refuse(`the custom rounding must be one of ${ROUNDING_MODES.join(', ')}, got ${describe(mode)}`, ['custom', 'rounding']);
  }
}

function cheapestPerCoin(bundles: readonly BundleOffer[]): BundleOffer & { index: number } {
  let bestIndex = 0;
  bundles.forEach((bundle, index) => {
    const best = bundles[bestIndex] as BundleOffer;
    const left = BigInt(bundle.priceMinor) * BigInt(best.coins);
    const right = BigInt(best.priceMinor) * BigInt(bundle.coins);
    if (left < right || (left === right && bundle.coins > best.coins)) bestIndex = index;
  });
  return { ...(bundles[bestIndex] as BundleOffer), index: bestIndex };
}

/** The price of exactly `k` custom coins (k already on the grid). */
function customPrice(custom: CustomOffer, k: number): number {
  return divideRoundedNumber(k * custom.perCoinNumerator, custom.perCoinDenominator, custom.rounding);
}

/** The smallest size on the custom grid (min + j·step) that is at least `coins`, ignoring the maximum. */
function gridAtLeast(custom: CustomOffer, coins: number): number {
  if (coins <= custom.minCoins) return custom.minCoins;
  return custom.minCoins + Math.ceil((coins - custom.minCoins) / custom.step) * custom.step;
}

/** The largest allowed custom size. */
function gridTop(custom: CustomOffer): number {
  return custom.minCoins + Math.floor((custom.maxCoins - custom.minCoins) / custom.step) * custom.step;
}

/** The smallest allowed custom size holding at least `coins`, or undefined past the maximum. */
function customCover(custom: CustomOffer, coins: number): number | undefined {
  const k = gridAtLeast(custom, coins);
  return k <= custom.maxCoins ? k : undefined;
}

const noBundles = (n: number) => new Array<number>(n).fill(0);

function customAlone(custom: CustomOffer | undefined, coins: number): Choice | undefined {
  if (coins === 0) return { priceMinor: 0, customCoins: 0, bundleCounts: noBundles };
  const k = custom && customCover(custom, coins);
  return k === undefined || !custom ? undefined : { priceMinor: customPrice(custom, k), customCoins: k, bundleCounts: noBundles };
}

// Residues modulo the best bundle
//
// Proof sketch. A plan is a multiset M of other bundles, at most one custom size k, and m copies of b*. Its
// price is (w + p·T)/s, where T is its coins and w = s·price(M, k) − p·coins(M, k) its reduced cost.
// (1) Relevance: buying ⌈N/s⌉ copies of b* costs p·⌈N/s⌉, so a plan that beats it has w ≤ p·(s − 1); labels
//     above that bound are dropped, which also keeps every sum a safe integer.
// (2) Residues: for each residue r of T mod s, and each layer (bundles only; with a custom size from the
//     set K), the closure keeps the least (w, coins). For N ≥ Θ, the largest coins of a kept label in the
//     layer, the layer's cheapest plan of at least N coins is a kept label topped up with copies of b* to
//     the first T ≥ N in its class: any plan's label is no better, and that top-up exists because T ≥ N ≥ Θ.
// (3) Custom sizes, when the custom amount is no cheaper per coin than b*: a size k ≥ min + L can give L
//     coins to L/s copies of b* at no extra cost when L is a multiple of s and of the step and either
//     L × price per coin is whole (the rounding is unchanged) or L·(a·s − p·b)/(b·s) ≥ 1 (the saving
//     exceeds any rounding). So K holds the sizes below min + L.
// (4) Below Θ, an exact table of the "at least N" recurrence answers: either the last purchase is a bundle
//     (drop it: the rest holds at least N − c), or the plan is the custom size alone (the least in K ≥ N).
// (5) A custom amount cheaper per coin than every bundle is the base instead. For bundle i let j_i be the
//     least multiple of step/gcd(step, c_i) such that j_i·c_i × price per coin is whole, or
//     j_i·(p_i·b − c_i·a) ≥ b. Moving j_i copies of bundle i into the custom line (k + j_i·c_i, on the grid)
//     then costs no more. So some cheapest plan with the custom line has fewer than j_i copies of each
//     bundle (at most W = Σ (j_i − 1)·c_i coins of bundles: k ≥ N − W) or a size k within J = max j_i·c_i of
//     the largest size. A quote tries the sizes from N − W up to the one covering N (a short scan), and K
//     holds the sizes within max(J, W) of the largest, with the residue layers answering for them.
// (6) Usefulness: topped up to N, a label (w, residue r ≥ 1) beats copies of b* only when
//     w < p·(((−N) mod s) − ((r − N) mod s)) ≤ p·(s − r), and a label at residue 0 only when w < 0. A label
//     failing that is never cheaper than b* alone at any N (its class's plans are no cheaper either), so it
//     neither enters the tail nor raises Θ.

interface ResidueStructure {
  readonly kind: 'residues';
  readonly s: number;
  readonly p: number;
  readonly bestIndex: number;
  /** Items on the residue graph: the other bundles, by index. */
  readonly itemBundle: Int32Array;
  /** Per node (layer × s + residue): the item used to reach it (or CUSTOM / NONE) and the node it came from. */
  readonly predItem: Int32Array;
  readonly predNode: Int32Array;
  /** Custom coins at each layer-1 source node. */
  readonly customAt: Float64Array;
  readonly bundleCoins: readonly number[];
  readonly plain: Layer;
  readonly mixed: Layer | undefined;
  /** The custom sizes in layer 1: the grid from `low` to `high`. */
  readonly low: number;
  readonly high: number;
  /** (5): custom sizes from N − scan up to the cover of N are also tried, or -1. */
  readonly scan: number;
}

interface Layer {
  readonly offset: number;
  /** For N ≥ threshold: price = q·p + tail[t], reached through node bestNode[t]. */
  readonly threshold: number;
  readonly tail: Float64Array;
  readonly bestNode: Int32Array;
  /** Below the threshold: exact prices for N from `from` (below it, the least custom size alone). */
  readonly from: number;
  readonly table: Float64Array;
  readonly choice: Int32Array;
}

interface Labels {
  readonly dist: Float64Array;
  readonly coins: Float64Array;
  readonly predItem: Int32Array;
  readonly predNode: Int32Array;
}

/**
 * Closes one layer of labels under adding copies of one item (round robin): each cycle of residues under
 * +coins mod s is walked once from its least label, which no copy of the item can improve.
 */
function closeUnder(labels: Labels, offset: number, s: number, item: number, coins: number, weight: number, cap: number): void {
  const stride = coins % s;
  if (stride === 0) return; // copies of it stay in their residue at a higher reduced cost
  const { dist, coins: held, predItem, predNode } = labels;
  const cycles = gcd(stride, s);
  const length = s / cycles;
  for (let start = 0; start < cycles; start++) {
    let least = NONE;
    let at = start;
    for (let i = 0; i < length; i++) {
      const node = offset + at;
      const d = dist[node] as number;
      if (d !== UNREACHABLE) {
        const leastNode = offset + least;
        if (
          least === NONE ||
          d < (dist[leastNode] as number) ||
          (d === dist[leastNode] && (held[node] as number) < (held[leastNode] as number))
        )
          least = at;
      }
      at += stride;
      if (at >= s) at -= s;
    }
    if (least === NONE) continue;
    at = least;
    for (let i = 1; i < length; i++) {
      const next = at + stride >= s ? at + stride - s : at + stride;
      const from = offset + at;
      const to = offset + next;
      const d = (dist[from] as number) + weight;
      const k = (held[from] as number) + coins;
      if (d <= cap && (d < (dist[to] as number) || (d === dist[to] && k < (held[to] as number)))) {
        dist[to] = d;
        held[to] = k;
        predItem[to] = item;
        predNode[to] = from;
      }
      at = next;
    }
  }
}

/** The custom sizes of layer 1 and the scan window: (3) or (5). */
function customSizes(bundles: readonly BundleOffer[], custom: CustomOffer, s: number, p: number, cap: number) {
  const a = custom.perCoinNumerator;
  const b = custom.perCoinDenominator;
  const whole = b / gcd(a, b); // L × a / b is whole when L is a multiple of this
  const top = gridTop(custom);
  const gap = a * s - p * b; // (a/b − p/s)·b·s
  if (gap >= 0) {
    const base = lcm(s, custom.step);
    const exact = base * (whole / gcd(base, whole));
    const slack = gap > 0 ? base * Math.ceil((b * s) / (gap * base)) : UNREACHABLE;
    // (1) a size's reduced cost exceeds k·gap/b − s, so sizes past b·(cap + s)/gap are never relevant
    const relevant = gap > 0 ? Math.ceil((b * (cap + s)) / gap) + 2 : UNREACHABLE;
    return { low: custom.minCoins, high: Math.min(top, custom.minCoins + Math.min(exact, slack) - 1, relevant), scan: -1 };
  }
  let window = 0;
  let nearTop = 0;
  for (const bundle of bundles) {
    const unit = custom.step / gcd(custom.step, bundle.coins);
    const exact = lcm(unit, whole / gcd(whole, bundle.coins));
    const saving = bundle.priceMinor * b - bundle.coins * a; // > 0: every bundle is dearer per coin
    const copies = Math.min(exact, unit * Math.ceil(b / (saving * unit)));
    window += (copies - 1) * bundle.coins;
    nearTop = Math.max(nearTop, copies * bundle.coins);
  }
  refuseIfLarge(Math.ceil(window / custom.step), PLANNER_LIMITS.quoteScan, 'quoteScan', 'custom sizes one quote would try');
  return { low: Math.max(custom.minCoins, gridAtLeast(custom, top - Math.max(window, nearTop))), high: top, scan: window };
}

function compileResidues(bundles: readonly BundleOffer[], custom: CustomOffer | undefined): ResidueStructure {
  const best = cheapestPerCoin(bundles);
  const s = best.coins;
  const p = best.priceMinor;
  const cap = p * (s - 1);
  if (!Number.isSafeInteger(cap)) refuse(`the cheapest bundle per coin (${s} coins for ${p}) is past the planner's safe range`);
  const nodes = (custom ? 2 : 1) * s;
  const labels: Labels = {
    dist: new Float64Array(nodes).fill(UNREACHABLE),
    coins: new Float64Array(nodes).fill(UNREACHABLE),
    predItem: new Int32Array(nodes).fill(NONE),
    predNode: new Int32Array(nodes).fill(NONE),
  };
  labels.dist[0] = 0;
  labels.coins[0] = 0;
  const customAt = new Float64Array(custom ? s : 0);
  const sizes = custom ? customSizes(bundles, custom, s, p, cap) : { low: 0, high: -1, scan: -1 };
  const lightest = custom ? seedCustom(labels, customAt, custom, sizes.low, sizes.high, s, p, cap) : 0;
  const itemBundle: number[] = [];
  const itemWeight: number[] = [];
  const useful: number[] = [];
  bundles.forEach((bundle, index) => {
    // (1): a bundle heavier than this is never part of a plan that beats copies of b*; and one with no more
    // coins than another at no lower price can always be swapped for it
    const weight = s * bundle.priceMinor - p * bundle.coins;
    if (weight > cap - Math.min(0, lightest) || dominated(bundles, index)) return;
    useful.push(index);
    if (index === best.index) return;
    itemBundle.push(index);
    itemWeight.push(weight);
  });
  const layers: Layer[] = [];
  for (let layer = 0; layer < nodes / s; layer++) {
    itemBundle.forEach((bundle, item) => {
      closeUnder(labels, layer * s, s, item, (bundles[bundle] as BundleOffer).coins, itemWeight[item] as number, cap);
    });
    layers.push(
      compileLayer(labels, layer * s, s, p, bundles, useful, layer === 0 ? undefined : { custom: custom as CustomOffer, ...sizes }),
    );
  }
  return {
    kind: 'residues',
    s,
    p,
    bestIndex: best.index,
    itemBundle: Int32Array.from(itemBundle),
    predItem: labels.predItem,
    predNode: labels.predNode,
    customAt,
    bundleCoins: bundles.map((bundle) => bundle.coins),
    plain: layers[0] as Layer,
    mixed: layers[1],
    low: sizes.low,
    high: sizes.high,
    scan: sizes.scan,
  };
}

/** Whether another bundle has at least as many coins at no higher price (ties: the earlier one stays). */
function dominated(bundles: readonly BundleOffer[], index: number): boolean {
  const bundle = bundles[index] as BundleOffer;
  return bundles.some(
    (other, at) =>
      at !== index &&
      other.coins >= bundle.coins &&
      other.priceMinor <= bundle.priceMinor &&
      (other.coins > bundle.coins || other.priceMinor < bundle.priceMinor || at < index),
  );
}

/** Seeds layer 1 with the best custom size of K per residue; returns the least reduced cost seeded. */
function seedCustom(
  labels: Labels,
  customAt: Float64Array,
  custom: CustomOffer,
  low: number,
  high: number,
  s: number,
  p: number,
  cap: number,
): number {
  const count = high < low ? 0 : Math.floor((high - low) / custom.step) + 1;
  refuseIfLarge(count, PLANNER_LIMITS.customSizes, 'customSizes', 'custom sizes to examine at compile time');
  const { dist, coins, predItem } = labels;
  let lightest = 0;
  for (let k = low; k <= high; k += custom.step) {
    const weight = s * customPrice(custom, k) - p * k;
    if (weight > cap) continue;
    lightest = Math.min(lightest, weight);
    const node = s + (k % s);
    if (weight < (dist[node] as number) || (weight === dist[node] && k < (coins[node] as number))) {
      dist[node] = weight;
      coins[node] = k;
      predItem[node] = CUSTOM;
      customAt[node - s] = k;
    }
  }
  return lightest;
}

interface SizesOf {
  readonly custom: CustomOffer;
  readonly low: number;
  readonly high: number;
}

/** (2) the tail past the layer's threshold and (4) the exact table below it. */
function compileLayer(
  labels: Labels,
  offset: number,
  s: number,
  p: number,
  bundles: readonly BundleOffer[],
  useful: readonly number[],
  sizes: SizesOf | undefined,
): Layer {
  const around = new Float64Array(s).fill(UNREACHABLE);
  const bestNode = new Int32Array(s).fill(NONE);
  let threshold = 0;
  for (let residue = 0; residue < s; residue++) {
    const d = labels.dist[offset + residue] as number;
    // (6) a label no cheaper than copies of b* for every N is left out (b* itself, node 0, stays)
    if (d === UNREACHABLE || (offset + residue > 0 && d >= (residue === 0 ? 0 : p * (s - residue)))) continue;
    threshold = Math.max(threshold, labels.coins[offset + residue] as number);
    around[residue] = d;
    bestNode[residue] = offset + residue;
  }
  for (let pass = 0; pass < 2; pass++) {
    for (let t = s - 1; t >= 0; t--) {
      const next = t + 1 === s ? 0 : t + 1;
      const viaNext = (around[next] as number) + p;
      if (viaNext < (around[t] as number)) {
        around[t] = viaNext;
        bestNode[t] = bestNode[next] as number;
      }
    }
  }
  const tail = around.map((value, t) => (p * t + value) / s);
  const from = sizes ? sizes.low : 0;
  const size = Math.max(0, threshold - from);
  refuseIfLarge(size, PLANNER_LIMITS.coverTable, 'coverTable', 'the exact table for small targets would need this many entries');
  const table = new Float64Array(size).fill(UNREACHABLE);
  const choice = new Int32Array(size).fill(NONE);
  // table[n − from], from ≤ n < threshold: the price of at least n coins; at or below `from`, the least
  // custom size alone (layer 1) or nothing (layer 0, n = 0)
  const floorPrice = sizes ? customPrice(sizes.custom, sizes.low) : 0;
  let cover = sizes ? sizes.low : 0;
  let coverPrice = floorPrice;
  for (let n = from; n < threshold; n++) {
    const at = n - from;
    if (n === from) {
      table[0] = floorPrice;
      continue;
    }
    if (sizes && n <= sizes.high) {
      if (n > cover) {
        cover = gridAtLeast(sizes.custom, n);
        coverPrice = customPrice(sizes.custom, cover);
      }
      table[at] = coverPrice;
    }
    for (let u = 0; u < useful.length; u++) {
      const index = useful[u] as number;
      const bundle = bundles[index] as BundleOffer;
      const rest = n - bundle.coins;
      const price = bundle.priceMinor + (rest <= from ? floorPrice : (table[rest - from] as number));
      if (price < (table[at] as number)) {
        table[at] = price;
        choice[at] = index;
      }
    }
  }
  return { offset, threshold, tail, bestNode, from, table, choice };
}

/** The price of at least `coins` coins in one layer (custom sizes of K only, for layer 1). */
function layerPrice(structure: ResidueStructure, layer: Layer, coins: number, custom: CustomOffer | undefined): number {
  if (coins >= layer.threshold) {
    const q = Math.floor(coins / structure.s);
    return q * structure.p + (layer.tail[coins - q * structure.s] as number);
  }
  if (coins < layer.from || (coins === layer.from && layer.offset > 0)) {
    return layer.offset > 0 ? customPrice(custom as CustomOffer, structure.low) : UNREACHABLE;
  }
  return layer.table[coins - layer.from] as number;
}

function layerChoice(
  structure: ResidueStructure,
  layer: Layer,
  coins: number,
  custom: CustomOffer | undefined,
  priceMinor: number,
): Choice {
  const { s, predItem, predNode, itemBundle, bundleCoins } = structure;
  if (coins >= layer.threshold) {
    const t = coins % s;
    const node = layer.bestNode[t] as number;
    let customCoins = 0;
    for (let at = node; at !== NONE; at = predNode[at] as number) {
      if (predItem[at] === CUSTOM) customCoins = structure.customAt[at - s] as number;
    }
    return {
      priceMinor,
      customCoins,
      bundleCounts(bundleCount) {
        const counts = new Array<number>(bundleCount).fill(0);
        let pathCoins = customCoins;
        for (let at = node; at !== NONE; at = predNode[at] as number) {
          const item = predItem[at] as number;
          if (item < 0) continue;
          const bundle = itemBundle[item] as number;
          pathCoins += bundleCoins[bundle] as number;
          counts[bundle] = (counts[bundle] ?? 0) + 1;
        }
        // top up with copies of the best bundle to the first total ≥ coins in the path's residue class
        const total = coins + (((((node % s) - t) % s) + s) % s);
        counts[structure.bestIndex] = (counts[structure.bestIndex] ?? 0) + (total - pathCoins) / s;
        return counts;
      },
    };
  }
  const picks: number[] = [];
  let rest = coins;
  let customCoins = 0;
  for (;;) {
    if (layer.offset > 0 && rest <= layer.from) {
      customCoins = structure.low;
      break;
    }
    if (rest === 0) break;
    const index = layer.choice[rest - layer.from] as number;
    if (index === NONE) {
      customCoins = gridAtLeast(custom as CustomOffer, rest);
      break;
    }
    picks.push(index);
    rest = rest > (bundleCoins[index] as number) ? rest - (bundleCoins[index] as number) : 0;
  }
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

/** The cheapest price of at least `coins`, the layer it comes from, and the custom size a scan chose (or 0). */
function priceByResidue(
  structure: ResidueStructure,
  custom: CustomOffer | undefined,
  coins: number,
): { readonly priceMinor: number; readonly layer: Layer; readonly scanned: number } | undefined {
  const { plain, mixed } = structure;
  let priceMinor = layerPrice(structure, plain, coins, custom);
  let layer: Layer = plain;
  if (mixed) {
    const price = layerPrice(structure, mixed, coins, custom);
    if (price < priceMinor) {
      priceMinor = price;
      layer = mixed;
    }
  }
  let scanned = 0;
  if (structure.scan >= 0 && custom) {
    // (5) sizes from N − W up to the one covering N, the bundles answering for the rest
    const to = Math.min(gridAtLeast(custom, coins), structure.high);
    for (let k = gridAtLeast(custom, coins - structure.scan); k <= to; k += custom.step) {
      const price = customPrice(custom, k) + layerPrice(structure, plain, coins > k ? coins - k : 0, undefined);
      if (price < priceMinor) {
        priceMinor = price;
        scanned = k;
      }
    }
  }
  if (priceMinor === UNREACHABLE) return undefined;
  if (!Number.isSafeInteger(priceMinor))
    throw new EconomyError('QUANTITY_OVERFLOW', `the price of ${coins} coins passes ${Number.MAX_SAFE_INTEGER} minor units`);
  return { priceMinor, layer, scanned };
}

function chooseByResidue(structure: ResidueStructure, custom: CustomOffer | undefined, coins: number): Choice | undefined {
  const priced = priceByResidue(structure, custom, coins);
  if (priced === undefined) return undefined;
  const { priceMinor, layer, scanned } = priced;
  if (scanned > 0) {
    const rest = coins > scanned ? coins - scanned : 0;
    const bundlesPart = layerChoice(structure, structure.plain, rest, undefined, priceMinor);
    return { priceMinor, customCoins: scanned, bundleCounts: bundlesPart.bundleCounts };
  }
  return layerChoice(structure, layer, coins, custom, priceMinor);
}
