import type { StepName } from '../convert/breakdown.js';
import { describeValue, EconomyError } from '../errors.js';

/**
 * Every word `<gift-calculator>` shows, so that a site can show it in its own language: labels as strings,
 * sentences as functions of figures already formatted for the `locale` attribute (counts grouped, money in the
 * locale's style). Pass the ones to change to `defineGiftCalculator({ messages })`; the rest stay English. The
 * library's own reasons (a refusal's `reason`, an error's message) and the breakdown's rules stay as the library
 * gives them.
 * @example
 * ```ts
 * import { calculatorMessages, type CalculatorMessages } from 'gift-economy/widget';
 * const german: Partial<CalculatorMessages> = { coins: 'Münzen', cheapest: (channel) => `${channel} (am günstigsten)` };
 * console.log(german.cheapest?.('Web'), calculatorMessages.cheapest('Web')); // Web (am günstigsten) Web (cheapest)
 * ```
 * @category Widget
 */
export interface CalculatorMessages {
  readonly whereAndHow: string;
  readonly region: string;
  readonly currency: string;
  readonly budgetChannel: string;
  readonly coinsHeading: string;
  readonly coins: string;
  /** The accessible name of the scrolling table of prices. */
  readonly pricesByChannel: string;
  readonly channel: string;
  readonly coinsReceived: string;
  readonly price: string;
  readonly perCoin: string;
  readonly budgetHeading: string;
  readonly budget: string;
  readonly giftsHeading: string;
  readonly gift: string;
  readonly count: string;
  readonly cashOutHeading: string;
  readonly diamonds: string;
  readonly breakdownHeading: string;
  /** The accessible name of the scrolling breakdown table. */
  readonly breakdownTable: string;
  readonly step: string;
  readonly input: string;
  readonly rule: string;
  readonly rounding: string;
  readonly output: string;
  /**
   * A count with its unit: `number` in the locale's digits, `unit` the table's name for it (`coin`, `diamond`)
   * or a gift's name, `one` when the count is 1.
   */
  readonly quantity: (number: string, unit: string, one: boolean) => string;
  /** A breakdown step's name in words (`gift-cost` → `Gift cost`). */
  readonly stepName: (step: StepName) => string;
  readonly cheapest: (channel: string) => string;
  readonly onEachChannel: (coins: string) => string;
  readonly saves: (cheapest: string, dearest: string, saving: string) => string;
  readonly sameEverywhere: string;
  readonly noChannelSells: string;
  readonly enterCoins: string;
  readonly noBudgetChannel: string;
  /** `currency` is undefined when the region has none to offer. */
  readonly enterBudget: (currency: string | undefined) => string;
  readonly budgetBuys: (budget: string, coins: string, channel: string, price: string) => string;
  readonly unknownGift: (name: string, table: string) => string;
  readonly pickGift: string;
  readonly enterCount: string;
  readonly giftGives: (gifts: string, coins: string, diamonds: string, value: string) => string;
  /** `unit` is the table's name for a diamond. */
  readonly enterDiamonds: (unit: string) => string;
  readonly worth: (diamonds: string, gross: string) => string;
  /** `worth` is the sentence {@link CalculatorMessages.worth} made. */
  readonly minimumNotKnown: (worth: string, table: string) => string;
  readonly notEnough: (worth: string, missing: string) => string;
  /** `method` is the payout method's name as the table gives it; `dailyMaximum` is set when the table caps a day's withdrawal below the whole amount. */
  readonly cashed: (worth: string, net: string, method: string, fee: string, dailyMaximum: string | undefined) => string;
  readonly arrives: (requested: string, lastArrives: string, withdrawals: number) => string;
  readonly arrivalNotKnown: (reason: string | undefined) => string;
  readonly notAvailable: (reason: string) => string;
  readonly sources: (table: string, ref: string, sources: string, confidence: 'sourced' | 'derived' | 'user-supplied') => string;
  /**
   * A breakdown step's rule cell. The rule already states its rate, and the sources line names the table, so the
   * default shows the rule alone; `rate` and `table` (the step's `id@version` or FX source) are there to show too.
   */
  readonly rate: (rule: string, rate: string | undefined, table: string) => string;
  readonly residue: (residue: string) => string;
  readonly noTable: (preset: string) => string;
  readonly tableUnusable: (url: string, reason: string) => string;
}

/**
 * The widget's English words: the defaults of every {@link CalculatorMessages} entry.
 * @example
 * ```ts
 * import { calculatorMessages } from 'gift-economy/widget';
 * console.log(calculatorMessages.saves('Web', 'iOS', '$4.27')); // Buying on Web instead of iOS saves $4.27.
 * ```
 * @category Widget
 */
export const calculatorMessages: CalculatorMessages = Object.freeze<CalculatorMessages>({
  whereAndHow: 'Where and how',
  region: 'Region',
  currency: 'Currency',
  budgetChannel: 'Channel for a budget',
  coinsHeading: 'What coins cost',
  coins: 'Coins',
  pricesByChannel: 'Prices by channel',
  channel: 'Channel',
  coinsReceived: 'Coins received',
  price: 'Price',
  perCoin: 'Per coin',
  budgetHeading: 'What a budget buys',
  budget: 'Budget',
  giftsHeading: 'What gifts give a creator',
  gift: 'Gift (type to search)',
  count: 'How many',
  cashOutHeading: 'Diamonds to cash',
  diamonds: 'Diamonds',
  breakdownHeading: 'How the gift figures are worked out',
  breakdownTable: 'Breakdown of the gift figures',
  step: 'Step',
  input: 'In',
  rule: 'Rule',
  rounding: 'Rounding',
  output: 'Out',
  quantity: (number, unit, one) => `${number} ${one ? unit : `${unit}s`}`,
  stepName: (step) => `${step.charAt(0).toUpperCase()}${step.slice(1).replaceAll('-', ' ')}`,
  cheapest: (channel) => `${channel} (cheapest)`,
  onEachChannel: (coins) => `${coins} on each channel`,
  saves: (cheapest, dearest, saving) => `Buying on ${cheapest} instead of ${dearest} saves ${saving}.`,
  sameEverywhere: 'Every channel charges the same here.',
  noChannelSells: 'No channel sells coins here.',
  enterCoins: 'Enter a whole number of coins, such as 1000.',
  noBudgetChannel: 'The rules here allow buying coins on no channel.',
  enterBudget: (currency) => `Enter an amount${currency ? ` in ${currency}` : ''}, such as 25 or 9.99.`,
  budgetBuys: (budget, coins, channel, price) => `${budget} buys ${coins} on ${channel} (for ${price}).`,
  unknownGift: (name, table) => `No gift called "${name}" in ${table}; pick one from the list.`,
  pickGift: 'Pick a gift.',
  enterCount: 'Enter how many, such as 1 or 10.',
  giftGives: (gifts, coins, diamonds, value) => `${gifts}: ${coins} → ${diamonds} → ${value} to the creator before payout fees.`,
  enterDiamonds: (unit) => `Enter a whole number of ${unit}s.`,
  worth: (diamonds, gross) => `${diamonds} are worth ${gross}`,
  minimumNotKnown: (worth, table) => `${worth}. Whether that can be withdrawn is not known: ${table} publishes no minimum.`,
  notEnough: (worth, missing) => `${worth}: not enough to cash out yet, ${missing} more needed.`,
  cashed: (worth, net, method, fee, dailyMaximum) =>
    `${worth}: ${net} after the ${method} fee of ${fee}${dailyMaximum ? ` (at most ${dailyMaximum} a day)` : ''}.`,
  arrives: (requested, lastArrives, withdrawals) =>
    `Requested on ${requested}, the money arrives by ${lastArrives} (${withdrawals} withdrawal${withdrawals === 1 ? '' : 's'}).`,
  arrivalNotKnown: (reason) => `When the money arrives is not known${reason ? `: ${reason}` : ''}.`,
  notAvailable: (reason) => `Not available: ${reason}.`,
  sources: (table, ref, sources, confidence) =>
    `${table} ${ref}: figures as publicly reported, not official rates. Sources: ${sources}. Confidence: ${confidence}.`,
  rate: (rule) => rule,
  residue: (residue) => `residue ${residue}`,
  noTable: (preset) => `No table named "${preset}" was registered; pass it to defineGiftCalculator({ tables }).`,
  tableUnusable: (url, reason) => `The rate table at ${url} could not be used: ${reason}`,
});

/**
 * @internal The messages a site passed, over the English ones: each must be a known entry of the same kind (a
 * string for a label, a function for a sentence).
 */
export function readMessages(messages: unknown): CalculatorMessages {
  if (messages === undefined) return calculatorMessages;
  if (typeof messages !== 'object' || messages === null || Array.isArray(messages)) {
    throw new EconomyError('INVALID_ARGUMENT', `messages must be an object of labels and sentences, got ${describeValue(messages)}`, {
      path: ['messages'],
    });
  }
  const out: Record<string, unknown> = { ...calculatorMessages };
  for (const key of Reflect.ownKeys(messages)) {
    const known = typeof key === 'string' && Object.hasOwn(calculatorMessages, key);
    // a data property's value, read without running a getter
    const value = known ? Object.getOwnPropertyDescriptor(messages, key)?.value : undefined;
    const kind = known ? typeof calculatorMessages[key as keyof CalculatorMessages] : 'nothing';
    if (typeof value !== kind) {
      throw new EconomyError(
        'INVALID_ARGUMENT',
        `messages.${String(key)}: ${known ? `expected a ${kind}` : 'no such entry'}, got ${describeValue(value)}`,
        {
          path: ['messages', String(key)],
        },
      );
    }
    out[key as string] = value;
  }
  return Object.freeze(out) as unknown as CalculatorMessages;
}
