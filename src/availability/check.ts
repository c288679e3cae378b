import { defined } from '../defined.js';
import { assertObject, describeValue, EconomyError } from '../errors.js';
import { wholeCount } from '../quantity/quantity.js';
import { remember } from '../remember.js';
import { assertRateTable, type RateTable, type TableNames } from '../table/compile.js';
import { type Instant, toEpochMs } from '../table/history.js';
import type { Provenance } from '../table/provenance.js';
import type { FeatureRule, PaymentMethodDocument } from '../table/schema.js';
import { isRegionCode } from './region-code.js';

/**
 * Why a question was refused. Stable: programs may switch on it.
 * @example
 * ```ts
 * import { check, type RefusalCode } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = check(tiktok, { region: 'US', feature: 'buy-coins', age: 16 });
 * const code: RefusalCode | undefined = answer.ok ? undefined : answer.code;
 * console.log(code); // AGE
 * ```
 * @category Availability
 */
export type RefusalCode = 'REGION' | 'CHANNEL' | 'AGE' | 'FEATURE_OFF' | 'DATE' | 'NO_PRICE' | 'NOT_ENOUGH' | 'ID_CONFLICT' | 'LIMIT';

/**
 * Another way that would be allowed, e.g. the same feature through another channel.
 * @example
 * ```ts
 * import { check } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = check(tiktok, { region: 'US', feature: 'buy-coins', channel: 'web' });
 * console.log(answer.ok ? 'allowed' : answer.alternatives.map((a) => a.text)); // allowed
 * ```
 * @category Availability
 */
export interface Alternative {
  readonly channel?: string;
  readonly region?: string;
  readonly text: string;
}

/**
 * A question the table's rules forbid: a stable `code`, a sentence a person understands, and the
 * alternatives the table knows. A refusal never carries a figure.
 *
 * @example
 * ```ts
 * import { check } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = check(tiktok, { region: 'KR', feature: 'buy-coins', age: 18 });
 * if (!answer.ok) console.log(answer.code, answer.reason); // AGE buy-coins needs age 19 or over in KR; the age given is 18
 * ```
 * @category Availability
 */
export interface Refusal {
  readonly ok: false;
  readonly status: 'refused';
  readonly code: RefusalCode;
  readonly reason: string;
  readonly alternatives: readonly Alternative[];
}

/**
 * The rule that allows a feature, as it applies to the question.
 * @example
 * ```ts
 * import { check } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = check(tiktok, { region: 'KR', feature: 'send-gifts' });
 * if (answer.ok) console.log(answer.minAge, answer.currency); // 19 USD
 * ```
 * @category Availability
 */
export interface Allowed extends Provenance {
  readonly ok: true;
  readonly status: 'allowed';
  /** The minimum age the rule sets, if any (checked when `age` is given). */
  readonly minAge?: number;
  /** The channels the feature may use in this region. */
  readonly channels: readonly string[];
  /** The region's currency. */
  readonly currency: string;
  /** When the question names a channel: the ways to pay on it in this region that the table lists. */
  readonly paymentMethods?: readonly PaymentMethodDocument[];
}

/**
 * Neither allowed nor refused: the table does not list the region and says unlisted regions are not known
 * (the TikTok preset: TikTok publishes no list of countries with gifts). Not a refusal, not a permission;
 * `sources` are the sources behind that statement.
 * @example
 * ```ts
 * import { check } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const answer = check(tiktok, { region: 'DE', feature: 'send-gifts' });
 * console.log(answer.status, answer.ok); // unknown false
 * ```
 * @category Availability
 */
export interface NotKnown extends Provenance {
  readonly ok: false;
  readonly status: 'unknown';
  readonly code: 'NOT_KNOWN';
  readonly reason: string;
  readonly alternatives: readonly Alternative[];
  /** What the table's default rules would answer if the region were listed; questions go on with it and say so. */
  readonly ifListed: Allowed | Refusal;
}

/**
 * The question for {@link check}.
 * @example
 * ```ts
 * import { check, type CheckQuery } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const query: CheckQuery = { region: 'RU', feature: 'go-live', at: '2022-03-01' };
 * console.log(check(tiktok, query).ok); // true
 * ```
 * @category Availability
 */
export interface CheckQuery<Channel extends string = string> {
  /** ISO 3166-1 alpha-2 region code. */
  readonly region: string;
  /** A feature the table names, e.g. `buy-coins`, `send-gifts`, `cash-out`. */
  readonly feature: string;
  /** The channel used, when the feature involves one (buying coins). */
  readonly channel?: Channel;
  /** The person's age in whole years; without it, ages are not checked (the answer states `minAge`). */
  readonly age?: number;
  /** The instant to judge dated rules at; defaults to the table version's `effectiveFrom`, never the clock. */
  readonly at?: Instant;
}

/**
 * May a person in a region, on a channel, at an age, use a feature? Answers {@link Allowed}, a
 * {@link Refusal} with the reason and alternatives, or {@link NotKnown} for a region the table does not list
 * when the table says unlisted regions are not known. `status` tells the three apart.
 *
 * @throws EconomyError `INVALID_ARGUMENT` for a malformed region, an unknown feature or channel, or a bad age.
 * @example
 * ```ts
 * import { check } from 'gift-economy';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * console.log(check(tiktok, { region: 'US', feature: 'send-gifts', age: 18 }).ok); // true
 * const ru = check(tiktok, { region: 'RU', feature: 'go-live', at: '2026-11-25' });
 * if (!ru.ok) console.log(ru.code); // REGION
 * console.log(check(tiktok, { region: 'BR', feature: 'send-gifts' }).status); // unknown
 * ```
 * @category Availability
 */
export function check<Names extends TableNames>(
  table: RateTable<Names>,
  query: CheckQuery<Names['channel']>,
): Allowed | Refusal | NotKnown {
  const compiled = assertRateTable(table);
  if (typeof query === 'object' && query !== null && query.age === undefined && query.at === undefined) {
    const known = rememberedCheck(compiled, query.feature, query.region, query.channel);
    if (known) return known;
  }
  const { region, feature, channel, age } = readQuery(compiled, query);
  const at = query.at === undefined ? compiled.effectiveFrom : toEpochMs(query.at);
  // answers are frozen and depend on nothing else, so each table remembers the ones it gave (a bounded memo)
  const answers = remember(remembered, compiled, () => new Map<string, Allowed | Refusal | NotKnown>());
  const key = `${region}|${feature}|${channel ?? ''}|${age ?? ''}|${at}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = answerFor(compiled, region, feature, channel, age, at);
    if (answers.size < 4096) {
      answers.set(key, answer);
      if (age === undefined && query.at === undefined) rememberCheck(compiled, feature, region, channel, answer);
    }
  }
  return answer;
}

// by feature, region and channel (`undefined` for a question without one: no string a caller passes is that key)
type Answers = Map<string, Map<string, Map<string | undefined, Allowed | Refusal | NotKnown>>>;
const quick = new WeakMap<RateTable, Answers>();

function rememberCheck(
  table: RateTable,
  feature: string,
  region: string,
  channel: string | undefined,
  answer: Allowed | Refusal | NotKnown,
) {
  const features = remember(quick, table, (): Answers => new Map());
  const regions = features.get(feature) ?? new Map<string, Map<string | undefined, Allowed | Refusal | NotKnown>>();
  const channels = regions.get(region) ?? new Map<string | undefined, Allowed | Refusal | NotKnown>();
  channels.set(channel, answer);
  regions.set(region, channels);
  features.set(feature, regions);
}

/**
 * @internal The answer already given for a feature, region and channel (or none) with no age or date (values a
 * question checked before), or undefined: the common question skips reading and judging again.
 */
export function rememberedCheck(
  table: RateTable,
  feature: unknown,
  region: unknown,
  channel: unknown,
): Allowed | Refusal | NotKnown | undefined {
  if (typeof feature !== 'string' || typeof region !== 'string' || (typeof channel !== 'string' && channel !== undefined)) return undefined;
  return quick.get(table)?.get(feature)?.get(region)?.get(channel);
}

const remembered = new WeakMap<RateTable, Map<string, Allowed | Refusal | NotKnown>>();

/** The answer to a read question: refused outright, judged by the rules, or "not known" for an unlisted region. */
function answerFor(
  compiled: RateTable,
  region: string,
  feature: string,
  channel: string | undefined,
  age: number | undefined,
  at: number,
): Allowed | Refusal | NotKnown {
  const unlisted = compiled.regionRule(region) === undefined ? compiled.document.regions.unlisted : undefined;
  if (unlisted?.answer === 'refuse') {
    const why = unlisted.reason ? `: ${unlisted.reason}` : '';
    return refusal('REGION', `${feature} is not available in ${region}, which the table does not list${why}`, []);
  }
  const listed = judge(compiled, region, feature, channel, age, at);
  if (unlisted?.answer !== 'unknown') return listed;
  const why = unlisted.reason ? `: ${unlisted.reason}` : '';
  const rules = compiled.document.regions.rules;
  return Object.freeze({
    ok: false as const,
    status: 'unknown' as const,
    code: 'NOT_KNOWN' as const,
    reason: `whether ${feature} is available in ${region} is not known: the table does not list ${region}${why}`,
    alternatives: Object.freeze(
      rules.length > 0 ? [Object.freeze({ text: `the table lists ${rules.map((rule) => rule.region).join(', ')}` })] : [],
    ),
    ...compiled.provenance([unlisted]),
    ifListed: listed,
  });
}

/** The answer of the table's rules for a region (its own rule, else the default rules). */
function judge(
  table: RateTable,
  region: string,
  feature: string,
  channel: string | undefined,
  age: number | undefined,
  at: number,
): Allowed | Refusal {
  const resolved = resolveRule(table, region, feature, at);
  if (resolved.kind === 'refused') return resolved.refusal;
  const { rule, channels, currency } = resolved;
  if (channel !== undefined && !channels.includes(channel)) {
    return refusal(
      'CHANNEL',
      `${feature} is not available through ${channelName(table, channel)} in ${region}`,
      channels.map((other) => ({ channel: other, text: `${feature} is available through ${channelName(table, other)} in ${region}` })),
    );
  }
  if (age !== undefined && rule.minAge !== undefined && age < rule.minAge) {
    return refusal('AGE', `${feature} needs age ${rule.minAge} or over in ${region}; the age given is ${age}`, []);
  }
  return Object.freeze({
    ok: true as const,
    status: 'allowed' as const,
    ...defined({ minAge: rule.minAge }),
    channels: Object.freeze([...channels]),
    currency,
    ...(channel === undefined ? {} : { paymentMethods: table.paymentMethods(channel, region) }),
    ...table.provenance([rule, currencyRule(table, region)]),
  });
}

type Resolved =
  | { kind: 'allowed'; rule: FeatureRule; channels: readonly string[]; currency: string }
  | { kind: 'refused'; refusal: Refusal };

function resolveRule(table: RateTable, region: string, feature: string, at: number): Resolved {
  const base = table.document.regions.default;
  const regional = table.regionRule(region);
  const regionalRule = regional?.features[feature];
  const regionChannels = regional?.channels ?? base.channels;
  // the currency if the region were listed: an unlisted region's own currency is not known (findOffers says so)
  const currency = table.regionCurrency(region) ?? base.currency;
  const inWindow = (rule: FeatureRule) =>
    (rule.from === undefined || at >= Date.parse(rule.from)) && (rule.to === undefined || at < Date.parse(rule.to));
  const date = () => new Date(at).toISOString().slice(0, 10);

  let rule: FeatureRule | undefined;
  let fromRegion = false;
  if (regionalRule && inWindow(regionalRule)) {
    rule = regionalRule;
    fromRegion = true;
  } else {
    const fallback = base.features[feature] as FeatureRule;
    if (!inWindow(fallback)) {
      return refused('DATE', `${feature} is ${datedText(fallback)}, not on ${date()}`, []);
    }
    if (!fallback.available && regionalRule?.available) {
      return refused('DATE', `${feature} is available in ${region} ${datedText(regionalRule)}, not on ${date()}`, []);
    }
    rule = fallback;
  }
  if (!rule.available) {
    const why = rule.reason ? `: ${rule.reason}` : '';
    if (fromRegion) {
      const elsewhere = base.features[feature]?.available ? [{ text: `${feature} is available where the default rules apply` }] : [];
      return refused('REGION', `${feature} is not available in ${region}${why}`, elsewhere);
    }
    return refused('FEATURE_OFF', `${feature} is not available${why}`, []);
  }
  const channels = rule.channels ? rule.channels.filter((channel) => regionChannels.includes(channel)) : regionChannels;
  return { kind: 'allowed', rule, channels, currency };
}

/** The region's own rule when it sets the region's currency or channels (so its source stands behind the answer). */
function currencyRule(table: RateTable, region: string) {
  const regional = table.regionRule(region);
  return regional?.currency !== undefined || regional?.channels !== undefined ? regional : undefined;
}

function datedText(rule: FeatureRule): string {
  if (rule.from !== undefined && rule.to !== undefined) return `available from ${rule.from} until ${rule.to}`;
  if (rule.from !== undefined) return `available from ${rule.from}`;
  return `available until ${rule.to}`;
}

function refused(code: RefusalCode, reason: string, alternatives: Alternative[]): Resolved {
  return { kind: 'refused', refusal: refusal(code, reason, alternatives) };
}

/**
 * Builds a {@link Refusal} (frozen).
 *
 * @internal
 */
export function refusal(code: RefusalCode, reason: string, alternatives: readonly Alternative[]): Refusal {
  if (typeof code !== 'string' || typeof reason !== 'string' || !Array.isArray(alternatives)) {
    throw new EconomyError('INVALID_ARGUMENT', 'refusal needs a code, a reason and an array of alternatives');
  }
  return Object.freeze({
    ok: false as const,
    status: 'refused' as const,
    code,
    reason,
    alternatives: Object.freeze(alternatives.map((alternative) => Object.freeze({ ...alternative }))),
  });
}

function channelName(table: RateTable, channel: string): string {
  return table.document.channels.find((candidate) => candidate.id === channel)?.name ?? channel;
}

function readQuery(table: RateTable, query: CheckQuery) {
  if (typeof query !== 'object' || query === null) {
    throw new EconomyError(
      'INVALID_ARGUMENT',
      `expected a question object { region, feature, channel?, age?, at? }, got ${describeValue(query)}`,
    );
  }
  const region = readRegion(query.region);
  const features = table.document.features;
  if (typeof query.feature !== 'string' || !features.includes(query.feature)) {
    throw new EconomyError('INVALID_ARGUMENT', `feature must be one of ${features.join(', ')}, got ${describeValue(query.feature)}`, {
      path: ['feature'],
    });
  }
  if (query.channel !== undefined) readChannel(table, query.channel);
  const age = query.age === undefined ? undefined : wholeCount(query.age, 'age', ['age']);
  return { region, feature: query.feature, channel: query.channel, age };
}

/**
 * Checks that a value is an ISO 3166-1 alpha-2 region code.
 *
 * @throws EconomyError `INVALID_ARGUMENT`
 * @internal
 */
export function readRegion(value: unknown): string {
  if (isRegionCode(value)) return value;
  throw new EconomyError(
    'INVALID_ARGUMENT',
    `region must be an ISO 3166-1 alpha-2 code such as "US" or "KR", got ${describeValue(value)}`,
    {
      path: ['region'],
    },
  );
}

/**
 * Checks that a table has a channel.
 *
 * @throws EconomyError `UNKNOWN_CHANNEL`
 * @internal
 */
export function readChannel(table: RateTable, value: unknown): string {
  const channels = assertRateTable(table).document.channels.map((channel) => channel.id);
  if (typeof value === 'string' && channels.includes(value)) return value;
  throw new EconomyError('UNKNOWN_CHANNEL', `channel must be one of ${channels.join(', ')}, got ${describeValue(value)}`, {
    path: ['channel'],
  });
}

/**
 * @internal Judges a feature for a person with a region: the refusal; "not known" when the table does not list
 * the region (and its default rules would allow); `undefined` when allowed or when no region was given.
 */
export function judgePerson(
  table: RateTable,
  feature: string,
  person: { readonly region?: string | undefined; readonly age?: number | undefined; readonly at?: Instant | undefined },
): Refusal | NotKnown | undefined {
  assertObject(person, 'a person { region?, age?, at? }');
  if (person.region === undefined) return undefined;
  const answer = check(table, {
    region: person.region,
    feature,
    ...(person.age === undefined ? {} : { age: person.age }),
    ...(person.at === undefined ? {} : { at: person.at }),
  });
  if (answer.status === 'refused') return answer;
  if (answer.status === 'unknown') return answer.ifListed.ok ? answer : answer.ifListed;
  return undefined;
}
