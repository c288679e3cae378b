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
 * console.log(PLANNER_LIMITS.coverTable); // 4194304
 * ```
 * @category Purchase planning
 */
export const PLANNER_LIMITS = Object.freeze({
  /** Most bundles in one offer. */
  bundles: 1_000,
  /** Most coins in one bundle, and the largest custom minimum and step. */
  coins: 10_000_000,
  /** Most entries of the exact table for targets below the point where the residue answer holds. */
  coverTable: 4_194_304,
  /** Most custom sizes a compile may examine. */
  customSizes: 4_000_000,
  /** Most bundle parts one quote may try beside a custom size (a custom amount cheaper per coin than every bundle). */
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
 * for every residue the cheapest way to reach it with at most one custom size. Past the largest such path, a
 * quote is one lookup and one multiply; below it, a small exact table built at compile time answers. When the
 * custom amount is cheaper per coin than every bundle, the bundles alone get a layer of their own and a quote
 * tries the custom size covering N and the few bundle parts beside a smaller size that an exchange argument
 * leaves, listed at compile time.
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
    private readonly lowestPerCoin: readonly [number, number],
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
    return new PurchasePlanner(frozen, offer, structure, lowestPerCoin(frozen, offer));
  }

  /**
   * The price in minor units of the cheapest plan with at least `coins` coins, or `undefined` when no plan
   * reaches it (for example, only a custom amount whose maximum is below `coins`).
   */
  cheapestMinor(coins: number): number | undefined {
    // the price alone: no plan is assembled (its path may be long)
    const structure = this.structure;
    const n = readCoins(coins);
    return structure.kind === 'custom-only' ? customAlone(this.custom, n)?.priceMinor : priceByResidue(structure, this.custom, n);
  }

  /**
   * @internal The lowest price per coin of any bundle or the custom amount, as `[numerator, denominator]` minor
   * units (`[1, 0]` when there is neither).
   */
  perCoinFloor(): readonly [number, number] {
    return this.lowestPerCoin;
  }

  /** The cheapest plan with at least `coins` coins, line by line, or `undefined` when none reaches it. */
  plan(coins: number): PlanMinor | undefined {
    const choice = this.choose(coins);
    if (choice === undefined) return undefined;
    const { counts } = choice;
    const lines: PlanLine[] = [];
    let totalCoins = 0;
    for (let index = 0; index < counts.length; index++) {
      const count = counts[index] as number;
      if (count === 0) continue;
      const bundle = this.bundles[index] as BundleOffer;
      totalCoins += bundle.coins * count;
      const { id: bundleId, coins: unit, priceMinor } = bundle;
      lines.push({ kind: 'bundle', bundleId, coins: unit, count, unitPriceMinor: priceMinor, totalMinor: priceMinor * count });
    }
    if (choice.customCoins > 0 && this.custom) {
      const price = customPrice(this.custom, choice.customCoins);
      totalCoins += choice.customCoins;
      lines.push({ kind: 'custom', coins: choice.customCoins, count: 1, unitPriceMinor: price, totalMinor: price });
    }
    // largest lines first: a handful of lines, sorted in place by insertion
    for (let index = 1; index < lines.length; index++) {
      const line = lines[index] as PlanLine;
      let at = index;
      for (; at > 0 && (lines[at - 1] as PlanLine).coins < line.coins; at--) lines[at] = lines[at - 1] as PlanLine;
      lines[at] = line;
    }
    return { coins: totalCoins, priceMinor: choice.priceMinor, lines };
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
  /** Copies of each bundle, by index. */
  readonly counts: number[];
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

/** The lowest price per coin among the bundles and the custom amount, compared exactly (the products may pass 2^53). */
function lowestPerCoin(bundles: readonly BundleOffer[], custom: CustomOffer | undefined): readonly [number, number] {
  const bundle = bundles.length > 0 ? cheapestPerCoin(bundles) : undefined;
  const customFirst =
    custom !== undefined &&
    (bundle === undefined ||
      BigInt(custom.perCoinNumerator) * BigInt(bundle.coins) < BigInt(bundle.priceMinor) * BigInt(custom.perCoinDenominator));
  if (customFirst) return Object.freeze([custom.perCoinNumerator, custom.perCoinDenominator] as const);
  return Object.freeze(bundle ? ([bundle.priceMinor, bundle.coins] as const) : ([1, 0] as const));
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

/** (7) The fewest coins L for which L × the price per coin is whole (and even, for half-even). */
function wholeCoins(custom: CustomOffer): number {
  const parity = custom.rounding === 'half-even' ? 2 : 1;
  return (parity * custom.perCoinDenominator) / gcd(custom.perCoinNumerator, parity * custom.perCoinDenominator);
}

/**
 * (7) The prices of the custom sizes k, k + step, k + 2·step, … in turn: divided out for one period of sizes
 * (a whole-price multiple of coins), then each the price a period before plus that period's whole rise.
 */
class CustomPriceWalk {
  private readonly ring: Float64Array;
  private readonly rise: number;
  private at = 0;
  private made = 0;
  private k: number;

  /** `sizes`: at least as many sizes as will be asked for (the period is never longer). */
  constructor(
    private readonly custom: CustomOffer,
    first: number,
    sizes: number,
  ) {
    const whole = wholeCoins(custom);
    const period = Math.max(1, Math.min(sizes, whole / gcd(whole, custom.step)));
    this.ring = new Float64Array(period);
    // whole when the ring wraps (period·step is then a multiple of `whole`); unused otherwise
    this.rise = (period * custom.step * custom.perCoinNumerator) / custom.perCoinDenominator;
    this.k = first;
  }

  next(): number {
    const ring = this.ring;
    const price = this.made < ring.length ? customPrice(this.custom, this.k) : (ring[this.at] as number) + this.rise;
    ring[this.at] = price;
    this.made++;
    this.at = this.at + 1 === ring.length ? 0 : this.at + 1;
    this.k += this.custom.step;
    return price;
  }
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

const noBundles = (bundleCount: number) => new Array<number>(bundleCount).fill(0);

function customAlone(custom: CustomOffer | undefined, coins: number): Choice | undefined {
  if (coins === 0) return { priceMinor: 0, customCoins: 0, counts: [] };
  const k = custom && customCover(custom, coins);
  return k === undefined || !custom ? undefined : { priceMinor: customPrice(custom, k), customCoins: k, counts: [] };
}

// Residues modulo the best bundle
//
// Proof sketch. A plan is a multiset M of other bundles, at most one custom size k, and m copies of b*. Its
// price is (w + p·T)/s, where T is its coins and w = s·price(M, k) − p·coins(M, k) its reduced cost.
// (1) Relevance: buying ⌈N/s⌉ copies of b* costs p·⌈N/s⌉, so a plan that beats it has w ≤ p·(s − 1); labels
//     above that bound are dropped, which also keeps every sum a safe integer.
// (2) Residues: for each residue r of T mod s, and each layer (bundles only; with a custom size from the
//     set K), the closure keeps the least (w, coins). Every plan of the layer in class r holding T ≥ N coins
//     costs at least (w_r + p·T_r)/s, T_r the first total ≥ N in class r, since its reduced cost is no less
//     than the label's. The tail answers N with the least of those over the classes, one label per N mod s:
//     a lower bound on the layer's plans, and their price wherever that label fits (its coins are at most
//     T_r), its path topped up with copies of b* to T_r being such a plan. For N ≡ t the label (coins c, class
//     r) fits from N = c − δ on, δ = (r − t) mod s, so from Θ = max over t of (c − δ − s + 1) on the tail
//     answers every N, and below Θ where its label fits (14).
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
//     the largest size. A quote tries sizes from N − W up to the one covering N, and K holds the sizes within
//     J of the largest, with the residue layers answering for them; (11) makes the try short.
// (6) Usefulness: topped up to N, a label (w, residue r ≥ 1) beats copies of b* only when
//     w < p·(((−N) mod s) − ((r − N) mod s)) ≤ p·(s − r), and a label at residue 0 only when w < 0. A label
//     failing that is never cheaper than b* alone at any N (its class's plans are no cheaper either), so it
//     neither enters the tail nor raises Θ.
// (7) Whole prices: round(x + m) = round(x) + m for a whole m in every mode but half-even, where m must also
//     be even (2.5 → 2 but 3.5 → 4). So "L × price per coin is whole" in (3) and (5) means even for half-even.
// (8) "At least" allows a second exchange in (5): j copies of bundle i become the next size on the grid,
//     k' = gridAtLeast(k + j·c_i) ≤ k + j·c_i + step − 1, with as many coins or more. Every rounding mode
//     keeps round(x) − x in an interval of width 1, so π(k') − π(k) ≤ (k' − k)·a/b + 1, which is at most
//     j·p_i when j·(p_i·b − c_i·a) ≥ (step − 1)·a + b. j_i is the smaller of this and (5)'s count, and J grows by
//     step − 1 when this one is used. As the exchange always raises k, it ends with every bundle below its j_i
//     (at most W coins of bundles, so k ≥ N − W) or with k within J of the largest size: K needs only those.
// (11) Up to the largest size, the size covering N alone costs at most N·a/b + (step − 1)·a/b + the rounding's
//     upper end; k = N − m with bundles for at least m costs at least N·a/b + (b·F(m) − a·m)/b + its lower end.
//     So only the m ≤ W with b·F(m) − a·m < (step − 1)·a + b are tried, a short list fixed at compile time.
//     Past the largest size every plan's k is below N, and a plan with few bundles has k > N − W > top − W:
//     K reaches W below the largest size, so the residue layers answer there.
// (12) Within a layer, adding item i to any label is a move from residue v to v + c_i, the same for every v. If
//     the items closed before it already reach residue c_i mod s from 0 with no more reduced cost and no more
//     coins, that path makes the same move at least as well from every label, in either layer: item i
//     changes nothing and is not walked. With c_i − (the path's coins) / s copies of b* added, the path holds
//     exactly c_i coins at no higher price, so the exact tables (4) leave bundle i out too.
// (9) A node reached by bundle i came from the node c_i mod s before it in the same layer, so a run of r copies
//     of bundle i ending at node v started r·c_i mod s before v: a path is walked in at most one step per run.
//     The run is counted when the label is set (one more than its predecessor's, if that came by bundle i too)
//     and stays right: labels only get better in the order (reduced cost, coins), which is additive, so when a
//     node u improves while bundle j is walked, every node v set from u beats its old label through u's new one,
//     which holds bundle j; after j's walk each label is the best over the items walked so far (round robin), so
//     v is set again in that walk, after u. A label's predecessor never changes after the label itself.
// (13) When the custom amount is no cheaper per coin than b* (case (3)), the two layers become one: seeded with
//     the empty plan at residue 0 and every size of K at its residue, its closure holds for each residue the least
//     (w, coins) over plans with at most one custom size, which is the better of the two layers' labels, and (2)
//     holds for it as for each layer. Below its threshold the exact table is the recurrence of (4) for "at most one
//     custom size": the last purchase is a bundle, or the plan is the custom size alone, or nothing is bought. One
//     closure and one table instead of two: half the work and memory. (12) then only counts a path from the empty
//     plan (one without the custom size), found by following its runs back to where it started.

interface ResidueStructure {
  readonly kind: 'residues';
  readonly s: number;
  readonly p: number;
  readonly bestIndex: number;
  /** Items on the residue graph: the other bundles, by index. */
  readonly itemBundle: Int32Array;
  /** Per node (layer × s + residue): how it was reached, packed as in {@link Labels} (item and run, or CUSTOM / NONE). */
  readonly pred: Float64Array;
  /** The bundles a plan below a threshold may hold, and every bundle's price. */
  readonly useful: Int32Array;
  readonly bundlePrices: readonly number[];
  /** Custom coins at each source node the custom amount seeded, by residue. */
  readonly customAt: Float64Array;
  /** The first node of the layer the custom amount seeds: s with two layers, 0 with one (13). */
  readonly customBase: number;
  readonly bundleCoins: readonly number[];
  readonly plain: Layer;
  readonly mixed: Layer | undefined;
  /** The custom sizes in layer 1: the grid from `low` to `high`. */
  readonly low: number;
  readonly high: number;
  /** The price of `low` custom coins (the floor of layer 1's prices), or 0 without a custom amount. */
  readonly lowPrice: number;
  /** (11): beside the custom size k = N − offset, the bundles' price for at least `offset` coins, or none. */
  scan: ScanCandidates | undefined; // set once, right after the layers it is read from
}

/**
 * (11) Bundle parts m with their prices, grouped by m mod step, each class in order of g(m) = b·F(m) − a·m (the
 * part's excess over the custom price per coin, × b). A class c is found by open addressing from slot c & mask:
 * `keys[h]` is c, its entries run from `first[h]` to `last[h]`.
 */
interface ScanCandidates {
  readonly mask: number;
  readonly keys: Int32Array;
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly offsets: Float64Array;
  readonly prices: Float64Array;
  /** g(m) per entry, or undefined when the bound on g passes 2^53 (the scan then reads every entry of its class). */
  readonly excess: Float64Array | undefined;
}

interface Layer {
  readonly offset: number;
  /** Whether its plans may hold the custom size: exactly one (layer 1 of two) or at most one (13). */
  readonly custom: boolean;
  /** For N ≥ threshold: price = q·p + tail[t], reached through node bestNode[t]. */
  readonly threshold: number;
  readonly tail: Float64Array;
  readonly bestNode: Int32Array;
  /** Below the threshold: exact prices for N from `from` (below it, the least custom size alone). */
  readonly from: number;
  readonly table: CoverTable;
}

/**
 * Per node, side by side (a walk along a cycle reads one place per node): the least reduced cost at 2·node and
 * its coins at 2·node + 1. How each node was reached is kept apart, in the array of predecessors the planner
 * keeps: NONE, CUSTOM (a seed) or, for the last step by item i, i·RUN + the length of the run of item i ending
 * there (9). A node reached by item i came from the node c_i mod s before it, so no predecessor node is kept.
 */
type Labels = Float64Array;

/** Runs are shorter than this (a path visits a node once, so a run is shorter than s ≤ PLANNER_LIMITS.coins < 2^24): item·RUN + run packs both. */
const RUN = 2 ** 24;

/**
 * Closes one layer of labels under adding copies of one item (round robin): each cycle of residues under
 * +coins mod s is walked once from its least label, which no copy of the item can improve. `lightest` is the
 * layer's least label (items weigh ≥ 0, so it stays the least): a cycle through every residue starts there.
 */
function closeUnder(
  labels: Labels,
  pred: Float64Array,
  offset: number,
  s: number,
  item: number,
  coins: number,
  weight: number,
  cap: number,
  lightest: number,
): void {
  const stride = coins % s;
  if (stride === 0) return; // copies of it stay in their residue at a higher reduced cost
  // this layer's nodes, indexed by residue
  const cost = labels.subarray(2 * offset, 2 * (offset + s));
  const reached = pred.subarray(offset, offset + s);
  // a run of this item ending at a node packs as item·RUN + run: lo < packed < hi
  const lo = item * RUN;
  const hi = lo + RUN;
  const cycles = gcd(stride, s);
  const length = s / cycles;
  for (let start = 0; start < cycles; start++) {
    let least = NONE;
    let leastDist = UNREACHABLE;
    if (cycles === 1) {
      least = lightest;
      leastDist = cost[2 * lightest] as number;
    } else {
      let leastCoins = UNREACHABLE;
      for (let i = 0, at = start; i < length; i++) {
        const d = cost[2 * at] as number;
        if (d < leastDist || (d === leastDist && d !== UNREACHABLE && (cost[2 * at + 1] as number) < leastCoins)) {
          least = at;
          leastDist = d;
          leastCoins = cost[2 * at + 1] as number;
        }
        at += stride;
        if (at >= s) at -= s;
      }
    }
    if (least === NONE) continue;
    // the label carried along the cycle, the better of each node's own and one more copy of the item, is
    // always the label of the node just passed: its distance is kept here, its coins read only on a change
    let d = leastDist;
    for (let i = 1, at = least; i < length; i++) {
      let next = at + stride;
      if (next >= s) next -= s;
      const there = cost[2 * next] as number;
      const via = d + weight;
      if (via <= there && via <= cap && (via < there || (cost[2 * at + 1] as number) + coins < (cost[2 * next + 1] as number))) {
        cost[2 * next] = via;
        cost[2 * next + 1] = (cost[2 * at + 1] as number) + coins;
        const before = reached[at] as number;
        reached[next] = before > lo && before < hi ? before + 1 : lo + 1;
        d = via;
      } else {
        d = there;
      }
      at = next;
    }
  }
}

/** The custom sizes of layer 1 and the scan window: (3) or (5). */
function customSizes(bundles: readonly BundleOffer[], custom: CustomOffer, s: number, p: number, cap: number) {
  const a = custom.perCoinNumerator;
  const b = custom.perCoinDenominator;
  // (7) L coins change the price by exactly L × a / b when that is a whole number, and an even one for half-even
  const whole = wholeCoins(custom);
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
    const saving = bundle.priceMinor * b - bundle.coins * a; // > 0: every bundle is dearer per coin
    // (5) moved coin for coin: a multiple of the step, and either exact or saving at least one minor unit
    const unit = custom.step / gcd(custom.step, bundle.coins);
    const exact = lcm(unit, whole / gcd(whole, bundle.coins));
    const kept = Math.min(exact, unit * Math.ceil(b / (saving * unit)));
    // (8) or moved up to the next size on the grid, saving at least the rounding and the coins added
    const rounded = Math.ceil(((custom.step - 1) * a + b) / saving);
    const copies = Math.min(kept, rounded);
    window += (copies - 1) * bundle.coins;
    nearTop = Math.max(nearTop, copies * bundle.coins + (copies < kept ? custom.step - 1 : 0));
  }
  refuseIfLarge(Math.ceil(window / custom.step), PLANNER_LIMITS.quoteScan, 'quoteScan', 'custom sizes one quote would try');
  // (11) K also holds the sizes within W of the largest, so that past it no quote needs the scan
  return { low: Math.max(custom.minCoins, gridAtLeast(custom, top - Math.max(nearTop, window))), high: top, scan: window };
}

function compileResidues(bundles: readonly BundleOffer[], custom: CustomOffer | undefined): ResidueStructure {
  const best = cheapestPerCoin(bundles);
  const s = best.coins;
  const p = best.priceMinor;
  const cap = p * (s - 1);
  if (!Number.isSafeInteger(cap)) refuse(`the cheapest bundle per coin (${s} coins for ${p}) is past the planner's safe range`);
  const sizes = custom ? customSizes(bundles, custom, s, p, cap) : { low: 0, high: -1, scan: -1 };
  // (13) one layer for plans with at most one custom size, unless a quote scans beside a cheaper custom amount (5)
  const merged = custom !== undefined && sizes.scan < 0;
  const nodes = (custom && !merged ? 2 : 1) * s;
  const labels: Labels = new Float64Array(2 * nodes).fill(UNREACHABLE);
  labels[0] = 0; // the empty plan: no cost, no coins, reached from nothing
  labels[1] = 0;
  // an unreached node's predecessor stays 0: no path passes through it
  const pred = new Float64Array(nodes);
  pred[0] = NONE;
  const customAt = new Float64Array(custom ? s : 0);
  const customBase = merged ? 0 : s;
  const lightest = custom ? seedCustom(labels, pred, customAt, custom, sizes.low, sizes.high, s, p, cap, customBase) : 0;
  const itemBundle: number[] = [];
  let useful: number[] = [];
  bundles.forEach((bundle, index) => {
    // (1): a bundle heavier than this is never part of a plan that beats copies of b*; and one with no more
    // coins than another at no lower price can always be swapped for it
    const weight = s * bundle.priceMinor - p * bundle.coins;
    if (weight > cap - Math.min(0, lightest) || dominated(bundles, index)) return;
    useful.push(index);
    if (index !== best.index) itemBundle.push(index);
  });
  // the items nearest the best bundle per coin first: the labels they leave are rarely improved after
  const reducedPerCoin = (index: number) =>
    (s * (bundles[index] as BundleOffer).priceMinor - p * (bundles[index] as BundleOffer).coins) / (bundles[index] as BundleOffer).coins;
  itemBundle.sort((x, y) => reducedPerCoin(x) - reducedPerCoin(y));
  const itemWeight = itemBundle.map((index) => s * (bundles[index] as BundleOffer).priceMinor - p * (bundles[index] as BundleOffer).coins);
  const layers: Layer[] = [];
  const redundant = new Set<number>();
  for (let layer = 0; layer < nodes / s; layer++) {
    // (0, 0 coins) is a lone layer 0's least; a seeded layer's least is found
    const least = layer === 0 && !merged ? 0 : leastLabel(labels, layer * s, s);
    if (least === NONE) continue; // no custom size is relevant: the layer stays empty
    itemBundle.forEach((bundle, item) => {
      const { coins } = bundles[bundle] as BundleOffer;
      const weight = itemWeight[item] as number;
      // (12) an item the items before it already reach as cheaply, in no more coins, changes no label
      const reached = coins % s;
      if (
        layer === 0 &&
        (labels[2 * reached] as number) <= weight &&
        (labels[2 * reached + 1] as number) <= coins &&
        (!merged || fromEmpty(pred, s, bundles, itemBundle, reached))
      )
        redundant.add(item);
      if (!redundant.has(item)) closeUnder(labels, pred, layer * s, s, item, coins, weight, cap, least);
    });
    // (12) such a bundle's coins, exactly, are those items and copies of b* at no higher price: no table needs it
    if (layer === 0) useful = useful.filter((index) => !redundant.has(itemBundle.indexOf(index)));
    const seeded = custom !== undefined && (merged || layer === 1);
    layers.push(compileLayer(labels, layer * s, s, p, bundles, useful, seeded ? { custom, ...sizes, exactlyOne: !merged } : undefined));
  }
  const structure: ResidueStructure = {
    kind: 'residues',
    s,
    p,
    bestIndex: best.index,
    itemBundle: Int32Array.from(itemBundle),
    pred,
    useful: Int32Array.from(useful),
    bundlePrices: bundles.map((bundle) => bundle.priceMinor),
    customAt,
    customBase,
    bundleCoins: bundles.map((bundle) => bundle.coins),
    plain: layers[0] as Layer,
    mixed: layers[1],
    low: sizes.low,
    high: sizes.high,
    lowPrice: custom ? customPrice(custom, sizes.low) : 0,
    scan: undefined,
  };
  if (sizes.scan >= 0) structure.scan = scanCandidates(structure, custom as CustomOffer, sizes.scan);
  return structure;
}

/**
 * (11) The bundle parts worth trying beside a custom size, when the custom amount is cheaper per coin than every
 * bundle: at least m coins of bundles (m ≤ W) at price F(m) beat the custom size covering N alone only when
 * g(m) = b·F(m) − a·m < (step − 1)·a + b, whatever N ≤ the largest size (the rounding moves a price by at most
 * one minor unit, and the size covering N holds at most step − 1 coins more than N). And k = N − m is on the
 * grid only for m ≡ N − min (mod step): within that class, an m with g(m) ≥ g(m′) + b for a smaller m′ is never
 * better than m′. Kept by class, so a quote reads only its own class's few entries.
 */
function scanCandidates(structure: ResidueStructure, custom: CustomOffer, window: number) {
  const { perCoinNumerator: a, perCoinDenominator: b, step } = custom;
  const bound = BigInt(step - 1) * BigInt(a) + BigInt(b);
  const least = new Map<number, bigint>(); // per class m mod step: the least g so far
  const kept: { m: number; price: number; g: bigint }[] = [];
  for (let m = 1; m <= window; m++) {
    const price = layerPrice(structure, structure.plain, m);
    const safe = Number.isSafeInteger(b * price) && Number.isSafeInteger(a * m);
    const g = safe ? BigInt(b * price - a * m) : BigInt(b) * BigInt(price) - BigInt(a) * BigInt(m);
    if (g >= bound) continue;
    const lowest = least.get(m % step);
    if (lowest !== undefined && g >= lowest + BigInt(b)) continue;
    if (lowest === undefined || g < lowest) least.set(m % step, g);
    kept.push({ m, price, g });
  }
  refuseIfLarge(kept.length, PLANNER_LIMITS.quoteScan, 'quoteScan', 'bundle parts one quote would try beside a custom size');
  // by class, then by g: a quote stops at the first part whose g shows it cannot beat the best price so far
  kept.sort((x, y) => (x.m % step) - (y.m % step) || (x.g < y.g ? -1 : x.g > y.g ? 1 : x.m - y.m));
  // at most half the slots taken, so a lookup probes about one slot
  const slots = 2 ** Math.ceil(Math.log2(2 * least.size + 2));
  const keys = new Int32Array(slots).fill(NONE);
  const first = new Int32Array(slots);
  const last = new Int32Array(slots);
  for (let entry = 0, h = 0; entry < kept.length; entry++) {
    const c = (kept[entry] as { m: number }).m % step;
    if (entry === 0 || c !== keys[h]) {
      for (h = c & (slots - 1); keys[h] !== NONE; h = (h + 1) & (slots - 1));
      keys[h] = c;
      first[h] = entry;
    }
    last[h] = entry + 1;
  }
  return {
    mask: slots - 1,
    keys,
    first,
    last,
    offsets: Float64Array.from(kept, (entry) => entry.m),
    prices: Float64Array.from(kept, (entry) => entry.price),
    // 0 ≤ g < bound (every bundle is dearer per coin than the custom amount): exact in a double when bound is
    excess: Number.isSafeInteger(Number(bound)) ? Float64Array.from(kept, (entry) => Number(entry.g)) : undefined,
  };
}

/** The residue of a layer's least label (reduced cost, then coins), or NONE when the layer has none. */
function leastLabel(cost: Float64Array, offset: number, s: number): number {
  let least = NONE;
  for (let residue = 0; residue < s; residue++) {
    const d = cost[2 * (offset + residue)] as number;
    const at = 2 * (offset + least);
    if (
      d !== UNREACHABLE &&
      (least === NONE ||
        d < (cost[at] as number) ||
        (d === cost[at] && (cost[2 * (offset + residue) + 1] as number) < (cost[at + 1] as number)))
    )
      least = residue;
  }
  return least;
}

/** (13) Whether the path to a node of layer 0 starts at the empty plan (holds no custom size), run by run as in (9). */
function fromEmpty(pred: Float64Array, s: number, bundles: readonly BundleOffer[], itemBundle: readonly number[], node: number): boolean {
  for (let at = node; ; ) {
    const packed = pred[at] as number;
    if (packed < 0) return packed === NONE && at === 0;
    const item = Math.floor(packed / RUN);
    const coins = (bundles[itemBundle[item] as number] as BundleOffer).coins;
    const back = (at - (((packed - item * RUN) * coins) % s)) % s;
    at = back < 0 ? back + s : back;
  }
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

/**
 * Seeds the layer starting at node `base` with the best custom size of K per residue; returns the least reduced
 * cost seeded.
 */
function seedCustom(
  labels: Labels,
  pred: Float64Array,
  customAt: Float64Array,
  custom: CustomOffer,
  low: number,
  high: number,
  s: number,
  p: number,
  cap: number,
  base: number,
): number {
  const count = high < low ? 0 : Math.floor((high - low) / custom.step) + 1;
  refuseIfLarge(count, PLANNER_LIMITS.customSizes, 'customSizes', 'custom sizes to examine at compile time');
  const cost = labels;
  let lightest = 0;
  const prices = new CustomPriceWalk(custom, low, count);
  for (let k = low; k <= high; k += custom.step) {
    const weight = s * prices.next() - p * k;
    if (weight > cap) continue;
    lightest = Math.min(lightest, weight);
    const node = base + (k % s);
    if (weight < (cost[2 * node] as number) || (weight === cost[2 * node] && k < (cost[2 * node + 1] as number))) {
      cost[2 * node] = weight;
      cost[2 * node + 1] = k;
      pred[node] = CUSTOM;
      customAt[node - base] = k;
    }
  }
  return lightest;
}

interface SizesOf {
  readonly custom: CustomOffer;
  readonly low: number;
  readonly high: number;
  /** Plans hold exactly one custom size (layer 1 of two), or at most one (13). */
  readonly exactlyOne: boolean;
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
  // around[t], the least reduced cost topped up to residue t, becomes the tail in place
  const around = new Float64Array(s);
  const bestNode = new Int32Array(s);
  aroundTheCircle(labels.subarray(2 * offset, 2 * (offset + s)), offset, s, p, around, bestNode);
  const tail = around;
  const from = sizes?.exactlyOne ? sizes.low : 0;
  let threshold = from;
  for (let t = 0; t < s; t++) {
    tail[t] = (p * t + (around[t] as number)) / s;
    // (2) the largest N ≡ t its label does not fit under is c − δ − s
    const node = bestNode[t] as number;
    if (node === NONE) continue;
    threshold = Math.max(threshold, (labels[2 * node + 1] as number) - upTo(t, node - offset, s) - s + 1);
  }
  const size = Math.max(0, threshold - from);
  refuseIfLarge(size, PLANNER_LIMITS.coverTable, 'coverTable', 'the exact table for small targets would need this many entries');
  const fits = labelFits(labels, offset, s, bestNode, from, size);
  const table = coverTable(size, from, s, p, bundles, useful, sizes, tail, fits);
  return { offset, custom: sizes !== undefined, threshold, tail, bestNode, from, table };
}

/** How far residue r lies past residue t, going up around the circle of residues mod s: (r − t) mod s. */
function upTo(t: number, r: number, s: number): number {
  return r >= t ? r - t : r - t + s;
}

/** Whether bit `at` of a bit set is set. */
function isSet(bits: Uint32Array, at: number): boolean {
  return (((bits[at >>> 5] as number) >>> (at & 31)) & 1) === 1;
}

/**
 * (14) Below the threshold, the n (from < n < from + size) whose tail label fits under them (2): there the tail
 * is the layer's price. A bit per n, set where it fits.
 */
function labelFits(labels: Labels, offset: number, s: number, bestNode: Int32Array, from: number, size: number): Uint32Array {
  const fits = new Uint32Array((size + 31) >>> 5);
  for (let at = 1, t = (from + 1) % s; at < size; at++) {
    const node = bestNode[t] as number;
    if (node !== NONE && (labels[2 * node + 1] as number) <= from + at + upTo(t, node - offset, s))
      fits[at >>> 5] = (fits[at >>> 5] as number) | (1 << (at & 31));
    t = t + 1 === s ? 0 : t + 1;
  }
  return fits;
}

/**
 * around[t]: the least of residue t's own label and around[t + 1] + p, around the circle (a layer's labels in
 * `cost`), with the node each comes from: one pass down from s − 1 that also reads each own label, then a second
 * from the wrap for as long as it still changes something.
 */
function aroundTheCircle(cost: Float64Array, offset: number, s: number, p: number, around: Float64Array, bestNode: Int32Array): void {
  // (6) a label no cheaper than copies of b* for every N is left out (b* itself, node 0, stays)
  const ownAt = (residue: number): number => {
    const d = cost[2 * residue] as number;
    return d === UNREACHABLE || (offset + residue > 0 && d >= (residue === 0 ? 0 : p * (s - residue))) ? UNREACHABLE : d;
  };
  around[0] = ownAt(0);
  bestNode[0] = around[0] === UNREACHABLE ? NONE : offset;
  for (let t = s - 1; t >= 0; t--) {
    const own = t === 0 ? (around[0] as number) : ownAt(t);
    const next = t + 1 === s ? 0 : t + 1;
    const viaNext = (around[next] as number) + p;
    if (viaNext < own) {
      around[t] = viaNext;
      bestNode[t] = bestNode[next] as number;
    } else {
      around[t] = own;
      bestNode[t] = own === UNREACHABLE ? NONE : offset + t;
    }
  }
  for (let t = s - 1; t >= 0; t--) {
    const next = t + 1 === s ? 0 : t + 1;
    const viaNext = (around[next] as number) + p;
    if (!(viaNext < (around[t] as number))) break;
    around[t] = viaNext;
    bestNode[t] = bestNode[next] as number;
  }
}

/**
 * (4) The exact prices of at least n coins for from ≤ n < from + size, kept small: every price sits within p
 * of the line n·p/s (no plan is cheaper per coin than the best bundle, and copies of it cover n), so a price
 * is stored as its gap above ⌊n·p/s⌋, in 16 bits when the gaps fit. Beside them, where the tail's label
 * answers (14).
 */
class CoverTable {
  constructor(
    readonly from: number,
    private readonly gaps: Uint16Array | Float64Array,
    private readonly base: number,
    private readonly s: number,
    /** 0 when `gaps` holds whole prices (the line would pass 2^52). */
    private readonly p: number,
    private readonly fits: Uint32Array,
  ) {}

  price(n: number): number {
    const gap = this.gaps[n - this.from] as number;
    if (this.p === 0) return gap;
    return lineBelow(n, this.s, this.p) + this.base + gap;
  }

  /** Whether the tail's label answers n: its path, topped up with copies of the best bundle (14). */
  fromTail(n: number): boolean {
    return isSet(this.fits, n - this.from);
  }
}

/** ⌊n·p/s⌋, exact while p·s ≤ 2^52 (the float quotient cannot round up across a whole number). */
function lineBelow(n: number, s: number, p: number): number {
  const q = Math.floor(n / s);
  return p * q + Math.floor((p * (n - q * s)) / s);
}

/**
 * The table below a threshold: at or below `from`, the least custom size alone (exactly one) or nothing; where
 * the tail's label fits (14), the tail; elsewhere the "at least n" recurrence (4): the custom size covering n
 * alone where the layer may hold one, or a bundle and the table's price for the rest.
 *
 * (14) holds for the recurrence too. In a layer with b* (the plain or the merged one) the tail is exact where it
 * fits, so the table is. In layer 1 of two, the tail leaves out the classes (6) drops, so an entry may exceed the
 * layer's own least; but every plan of a class left out costs at least b* alone, which layer 0 prices, so a plan
 * of layer 1 built on such an entry is never the cheapest of both layers, and the cheapest is still found.
 */
function coverTable(
  size: number,
  from: number,
  s: number,
  p: number,
  bundles: readonly BundleOffer[],
  useful: readonly number[],
  sizes: SizesOf | undefined,
  tail: Float64Array,
  fits: Uint32Array,
): CoverTable {
  const prices = new Float64Array(size).fill(UNREACHABLE);
  // what a plan holding nothing but its floor costs: the least custom size (exactly one), or nothing
  const floorPrice = sizes?.exactlyOne ? customPrice(sizes.custom, sizes.low) : 0;
  if (size > 0) prices[0] = floorPrice;
  if (sizes && sizes.high >= sizes.low) {
    const { custom } = sizes;
    const last = Math.min(from + size - 1, sizes.high);
    const first = gridAtLeast(custom, from + 1);
    const walk = new CustomPriceWalk(custom, first, Math.floor(Math.max(0, last - first) / custom.step) + 2);
    // each size k covers every n from the size before it (exclusive) up to k
    for (let cover = from + 1, k = first; cover <= last; k += custom.step) {
      const price = walk.next();
      for (const end = Math.min(k, last); cover <= end; cover++) prices[cover - from] = price;
    }
  }
  const coins = Float64Array.from(useful, (index) => (bundles[index] as BundleOffer).coins);
  const bundlePrices = Float64Array.from(useful, (index) => (bundles[index] as BundleOffer).priceMinor);
  fillCover(prices, size, from, s, p, tail, fits, coins, bundlePrices, floorPrice);
  if (p * s > 2 ** 52 || !Number.isSafeInteger(p * (from + size))) return new CoverTable(from, prices, 0, s, 0, fits);
  const [low, high] = gapsAboveLine(prices, size, from, s, p);
  if (high - low >= 2 ** 16) return new CoverTable(from, prices, 0, s, p, fits);
  const gaps = new Uint16Array(size);
  for (let at = 0; at < size; at++) gaps[at] = (prices[at] as number) - low;
  return new CoverTable(from, gaps, low, s, p, fits);
}

// The table's loops each in a function of its own: a table that takes a branch no table took before then
// re-optimises only that small function, and the long loops keep their optimised code.

/** Fills the table n by n up from from + 1: the tail where its label fits, else the least last purchase. */
function fillCover(
  prices: Float64Array,
  size: number,
  from: number,
  s: number,
  p: number,
  tail: Float64Array,
  fits: Uint32Array,
  coins: Float64Array,
  bundlePrices: Float64Array,
  floorPrice: number,
): void {
  const count = coins.length;
  let t = (from + 1) % s;
  let line = Math.floor((from + 1) / s) * p; // q·p for n = q·s + t
  for (let at = 1; at < size; at++) {
    if (isSet(fits, at)) {
      prices[at] = line + (tail[t] as number);
    } else {
      let best = prices[at] as number;
      for (let i = 0; i < count; i++) {
        const c = coins[i] as number;
        const price = (bundlePrices[i] as number) + (at > c ? (prices[at - c] as number) : floorPrice);
        if (price < best) best = price;
      }
      prices[at] = best;
    }
    if (++t === s) {
      t = 0;
      line += p;
    }
  }
}

/** Turns each price into its gap above the line ⌊n·p/s⌋ in place; returns the least and the largest gap. */
function gapsAboveLine(prices: Float64Array, size: number, from: number, s: number, p: number): [number, number] {
  let low = UNREACHABLE;
  let high = -UNREACHABLE;
  // the line n by n: a whole rise of ⌊p/s⌋ and a carry in the remainder n·p mod s
  let line = lineBelow(from, s, p);
  let remainder = (p * from) % s;
  const rise = Math.floor(p / s);
  const carry = p - rise * s;
  for (let at = 0; at < size; at++) {
    const gap = (prices[at] as number) - line;
    prices[at] = gap;
    if (gap < low) low = gap;
    if (gap > high) high = gap;
    line += rise;
    remainder += carry;
    if (remainder >= s) {
      remainder -= s;
      line += 1;
    }
  }
  return [low, high];
}

/** The price of at least `coins` coins in one layer (custom sizes of K only, for layer 1). */
function layerPrice(structure: ResidueStructure, layer: Layer, coins: number): number {
  if (coins >= layer.threshold) {
    const q = Math.floor(coins / structure.s);
    return q * structure.p + (layer.tail[coins - q * structure.s] as number);
  }
  if (coins < layer.from || (coins === layer.from && layer.offset > 0)) {
    return layer.offset > 0 ? structure.lowPrice : UNREACHABLE;
  }
  return layer.table.price(coins);
}

function layerChoice(
  structure: ResidueStructure,
  layer: Layer,
  coins: number,
  custom: CustomOffer | undefined,
  priceMinor: number,
): Choice {
  if (coins >= layer.threshold) return pathChoice(structure, layer, coins, priceMinor);
  // below the threshold: walk the table back, one bundle whose price and remainder match at a time
  const { bundleCoins, bundlePrices, useful } = structure;
  const { from, table } = layer;
  const mixed = layer.offset > 0; // exactly one custom size
  const floorPrice = mixed ? structure.lowPrice : 0;
  const counts = noBundles(bundleCoins.length);
  let rest = coins;
  let customCoins = 0;
  while (rest > 0) {
    if (mixed && rest <= from) {
      customCoins = structure.low;
      break;
    }
    if (table.fromTail(rest)) {
      customCoins = addPath(structure, layer, rest, counts);
      break;
    }
    const price = table.price(rest);
    if (layer.custom && rest <= structure.high && structure.low <= structure.high) {
      const k = gridAtLeast(custom as CustomOffer, rest);
      if (customPrice(custom as CustomOffer, k) === price) {
        customCoins = k;
        break;
      }
    }
    // a bundle whose price plus the rest's matches: the first that does
    const priceAfter = (copies: number, index: number) => {
      const remainder = rest - copies * (bundleCoins[index] as number);
      return copies * (bundlePrices[index] as number) + (remainder <= from ? floorPrice : table.price(remainder));
    };
    let u = 0;
    while (priceAfter(1, useful[u] as number) !== price) u++;
    const index = useful[u] as number;
    // (10) the copies j with price(n) = j·p_i + price(n − j·c_i) run from 0 up to some J: find J by doubling
    // and halving instead of copy by copy
    let copies = 1;
    while (
      rest - 2 * copies * (bundleCoins[index] as number) > from - (bundleCoins[index] as number) &&
      priceAfter(2 * copies, index) === price
    )
      copies *= 2;
    for (let step = copies >> 1; step > 0; step >>= 1) {
      if (rest - (copies + step - 1) * (bundleCoins[index] as number) > from && priceAfter(copies + step, index) === price) copies += step;
    }
    counts[index] = (counts[index] as number) + copies;
    rest = Math.max(0, rest - copies * (bundleCoins[index] as number));
  }
  return { priceMinor, customCoins, counts };
}

/** Past the threshold: the kept label's path, run by run, topped up with copies of the best bundle. */
function pathChoice(structure: ResidueStructure, layer: Layer, coins: number, priceMinor: number): Choice {
  const counts = noBundles(structure.bundleCoins.length);
  const customCoins = addPath(structure, layer, coins, counts);
  return { priceMinor, customCoins, counts };
}

/**
 * Adds to `counts` the path of the label the tail answers `coins` with, topped up with copies of the best bundle
 * to the first total ≥ coins in its class (the label fits: past the threshold, or (14)); returns its custom coins.
 */
function addPath(structure: ResidueStructure, layer: Layer, coins: number, counts: number[]): number {
  const { s, pred, itemBundle, bundleCoins } = structure;
  const t = coins % s;
  const node = layer.bestNode[t] as number;
  let customCoins = 0;
  let pathCoins = 0;
  for (let at = node; ; ) {
    const packed = pred[at] as number;
    if (packed < 0) {
      // the path starts here: the empty plan (NONE) or a custom size (CUSTOM)
      if (packed === CUSTOM) customCoins = structure.customAt[at - structure.customBase] as number;
      break;
    }
    const item = Math.floor(packed / RUN);
    const bundle = itemBundle[item] as number;
    const run = packed - item * RUN;
    const layerStart = at >= s ? s : 0;
    counts[bundle] = (counts[bundle] as number) + run;
    pathCoins += run * (bundleCoins[bundle] as number);
    // (9) the run's first node came from `run` strides back along this bundle's cycle
    const back = (at - layerStart - ((run * (bundleCoins[bundle] as number)) % s)) % s;
    at = layerStart + (back < 0 ? back + s : back);
  }
  const total = coins + upTo(t, node % s, s);
  counts[structure.bestIndex] = (counts[structure.bestIndex] as number) + (total - pathCoins - customCoins) / s;
  return customCoins;
}

/**
 * Where the last {@link priceByResidue} found its price: the layer, and the custom size a scan chose (or 0). Read
 * by {@link chooseByResidue} right after pricing, so that a price alone allocates nothing.
 */
let pricedLayer: Layer | undefined;
let pricedScanned = 0;

/** The cheapest price of at least `coins` (see {@link pricedLayer} for where it comes from), or undefined. */
function priceByResidue(structure: ResidueStructure, custom: CustomOffer | undefined, coins: number): number | undefined {
  const { plain, mixed } = structure;
  let priceMinor = layerPrice(structure, plain, coins);
  let layer: Layer = plain;
  if (mixed) {
    const price = layerPrice(structure, mixed, coins);
    if (price < priceMinor) {
      priceMinor = price;
      layer = mixed;
    }
  }
  let scanned = 0;
  const scan = structure.scan;
  if (scan && custom && coins <= structure.high) {
    // (5), (11): the custom size covering N alone, or one of the few bundle parts beside a smaller size
    scanned = gridAtLeast(custom, coins);
    let scannedPrice = customPrice(custom, scanned);
    const { keys, offsets, prices } = scan;
    // the class of offsets that put k = N − m on the grid (none when N is below the minimum)
    const wanted = (coins - custom.minCoins) % custom.step;
    let h = wanted & scan.mask;
    while (keys[h] !== wanted && keys[h] !== NONE) h = (h + 1) & scan.mask;
    const end = wanted >= 0 && keys[h] === wanted ? (scan.last[h] as number) : 0;
    // a part m's price beside k = N − m is above (N·a + g(m))/b − 1 (a rounding lowers a price by less than one
    // minor unit), so it cannot beat the best so far once g(m) ≥ b·(best + 1) − N·a: with g in order, stop there
    const { perCoinNumerator: a, perCoinDenominator: b } = custom;
    let limit = scan.excess ? b * (scannedPrice + 1) - coins * a : UNREACHABLE;
    for (let i = end === 0 ? 0 : (scan.first[h] as number); i < end; i++) {
      if (scan.excess && (scan.excess[i] as number) >= limit) break;
      const k = coins - (offsets[i] as number);
      if (k < custom.minCoins) continue;
      const price = customPrice(custom, k) + (prices[i] as number);
      if (price < scannedPrice) {
        scannedPrice = price;
        scanned = k;
        limit = b * (scannedPrice + 1) - coins * a;
      }
    }
    if (scannedPrice < priceMinor) priceMinor = scannedPrice;
    else scanned = 0;
  }
  if (priceMinor === UNREACHABLE) return undefined;
  if (!Number.isSafeInteger(priceMinor))
    throw new EconomyError('QUANTITY_OVERFLOW', `the price of ${coins} coins passes ${Number.MAX_SAFE_INTEGER} minor units`);
  pricedLayer = layer;
  pricedScanned = scanned;
  return priceMinor;
}

function chooseByResidue(structure: ResidueStructure, custom: CustomOffer | undefined, coins: number): Choice | undefined {
  const priceMinor = priceByResidue(structure, custom, coins);
  if (priceMinor === undefined) return undefined;
  const layer = pricedLayer as Layer;
  const scanned = pricedScanned;
  if (scanned > 0) {
    const rest = coins > scanned ? coins - scanned : 0;
    const { counts } = layerChoice(structure, structure.plain, rest, undefined, priceMinor);
    return { priceMinor, customCoins: scanned, counts };
  }
  return layerChoice(structure, layer, coins, custom, priceMinor);
}
