import { isRegionCode } from '../availability/region-code.js';
import type { Issue } from '../errors.js';
import { minorUnits } from '../money/currency.js';
import type { RateTableDocument } from './schema.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Lists every object key in `input` that could pollute a prototype, with its path.
 */
export function findPollutingKeys(input: unknown, path: (string | number)[] = [], found: Issue[] = []): Issue[] {
  if (Array.isArray(input)) {
    input.forEach((item, index) => {
      findPollutingKeys(item, [...path, index], found);
    });
  } else if (typeof input === 'object' && input !== null) {
    for (const key of Object.keys(input)) {
      if (FORBIDDEN_KEYS.has(key)) {
        found.push({ path: [...path, key], message: `the key "${key}" is not allowed in any object (it could pollute prototypes)` });
      } else {
        findPollutingKeys((input as Record<string, unknown>)[key], [...path, key], found);
      }
    }
  }
  return found;
}

/**
 * The rules a schema cannot express alone: unique ids, references between parts, ranges, codes the runtime
 * must know. Returns every problem found.
 */
export function crossCheck(table: RateTableDocument): Issue[] {
  const issues: Issue[] = [];
  const report = (path: (string | number)[], message: string) => issues.push({ path, message });

  const unique = (items: readonly { readonly [key: string]: unknown }[], key: string, path: string, what: string) => {
    const seen = new Set<unknown>();
    items.forEach((item, index) => {
      if (seen.has(item[key])) report([path, index, key], `duplicate ${what} ${JSON.stringify(item[key])}: each ${what} must be unique`);
      seen.add(item[key]);
    });
    return seen;
  };
  const sources = unique(table.sources, 'key', 'sources', 'source key');
  const channels = unique(table.channels, 'id', 'channels', 'channel id');
  unique(table.bundles, 'id', 'bundles', 'bundle id');
  unique(table.gifts, 'id', 'gifts', 'gift id');
  unique(table.payout.methods, 'id', 'payout.methods', 'payout method id');
  const currencies = new Set<string>();
  table.currencies.forEach((code, index) => {
    if (currencies.has(code)) report(['currencies', index], `duplicate currency "${code}"`);
    currencies.add(code);
    try {
      minorUnits(code);
    } catch {
      report(['currencies', index], `"${code}" is not an ISO 4217 currency this runtime knows`);
    }
  });
  const features = new Set(table.features);

  const checkSource = (
    value: { source?: string | undefined; alsoReportedBy?: readonly string[] | undefined },
    path: (string | number)[],
  ) => {
    const known = (key: string, at: (string | number)[]) => {
      if (!sources.has(key)) report(at, `unknown source "${key}": sources are ${[...sources].join(', ') || '(none listed)'}`);
    };
    if (value.source !== undefined) known(value.source, [...path, 'source']);
    for (const [index, key] of (value.alsoReportedBy ?? []).entries()) known(key, [...path, 'alsoReportedBy', index]);
  };
  const checkChannel = (channel: string, path: (string | number)[]) => {
    if (!channels.has(channel)) report(path, `unknown channel "${channel}": channels are ${[...channels].join(', ')}`);
  };
  const checkCurrency = (code: string, path: (string | number)[]) => {
    if (!currencies.has(code)) report(path, `currency "${code}" is not in the table's currencies (${[...currencies].join(', ')})`);
  };
  const checkRegions = (regions: readonly string[] | undefined, path: (string | number)[]) => {
    regions?.forEach((code, index) => {
      if (!isRegionCode(code)) report([...path, index], `"${code}" is not an ISO 3166-1 alpha-2 region code`);
    });
  };
  const checkPeriod = (from: string | undefined, to: string | undefined, path: (string | number)[], fromKey: string, toKey: string) => {
    if (from !== undefined && to !== undefined && Date.parse(from) >= Date.parse(to)) {
      report([...path, toKey], `${toKey} (${to}) must be after ${fromKey} (${from})`);
    }
  };
  const checkWholeMinor = (amount: string, code: string, path: (string | number)[]) => {
    if (!currencies.has(code)) return;
    const places = amount.includes('.') ? (amount.split('.')[1] as string).length : 0;
    if (places > minorUnits(code)) report(path, `${amount} ${code} has more decimals than the currency's minor unit (${minorUnits(code)})`);
  };

  checkPeriod(table.effectiveFrom, table.effectiveTo, [], 'effectiveFrom', 'effectiveTo');
  table.channels.forEach((channel, index) => {
    checkSource(channel, ['channels', index]);
  });
  table.bundles.forEach((bundle, index) => {
    checkSource(bundle, ['bundles', index]);
    const seen = new Set<string>();
    bundle.prices.forEach((price, priceIndex) => {
      const path = ['bundles', index, 'prices', priceIndex];
      checkChannel(price.channel, [...path, 'channel']);
      checkCurrency(price.currency, [...path, 'currency']);
      checkRegions(price.regions, [...path, 'regions']);
      checkSource(price, path);
      checkWholeMinor(price.amount, price.currency, [...path, 'amount']);
      for (const region of price.regions ?? ['*']) {
        const key = `${price.channel}/${price.currency}/${region}`;
        if (seen.has(key)) report(path, `bundle "${bundle.id}" has two prices for ${key}`);
        seen.add(key);
      }
    });
  });
  const customSeen = new Set<string>();
  table.customAmounts.forEach((custom, index) => {
    const path = ['customAmounts', index];
    checkChannel(custom.channel, [...path, 'channel']);
    checkCurrency(custom.currency, [...path, 'currency']);
    checkRegions(custom.regions, [...path, 'regions']);
    checkSource(custom, path);
    if (custom.minCoins > custom.maxCoins)
      report([...path, 'maxCoins'], `maxCoins (${custom.maxCoins}) must be at least minCoins (${custom.minCoins})`);
    for (const region of custom.regions ?? ['*']) {
      const key = `${custom.channel}/${custom.currency}/${region}`;
      if (customSeen.has(key)) report(path, `two custom amounts for ${key}`);
      customSeen.add(key);
    }
  });
  table.gifts.forEach((gift, index) => {
    checkSource(gift, ['gifts', index]);
    checkPeriod(gift.availableFrom, gift.availableTo, ['gifts', index], 'availableFrom', 'availableTo');
  });
  checkSource(table.creatorShare, ['creatorShare']);
  if (/^0(\.0+)?$/.test(table.creatorShare.diamondsPerCoin))
    report(['creatorShare', 'diamondsPerCoin'], 'diamondsPerCoin must be greater than 0');
  checkCurrency(table.diamondValue.currency, ['diamondValue', 'currency']);
  checkSource(table.diamondValue, ['diamondValue']);
  checkCurrency(table.payout.currency, ['payout', 'currency']);
  checkSource(table.payout, ['payout']);
  if (table.payout.minimum !== undefined) checkWholeMinor(table.payout.minimum, table.payout.currency, ['payout', 'minimum']);
  if (
    table.payout.minimum !== undefined &&
    table.payout.maximumPerDay !== undefined &&
    compareDecimalText(table.payout.minimum, table.payout.maximumPerDay) > 0
  ) {
    report(
      ['payout', 'maximumPerDay'],
      `maximumPerDay (${table.payout.maximumPerDay}) must be at least the minimum (${table.payout.minimum})`,
    );
  }
  if (table.payout.processing) checkSource(table.payout.processing, ['payout', 'processing']);
  table.payout.methods.forEach((method, index) => {
    checkSource(method, ['payout', 'methods', index]);
    if (method.delay) checkSource(method.delay, ['payout', 'methods', index, 'delay']);
    checkWholeMinor(method.fixedFee, table.payout.currency, ['payout', 'methods', index, 'fixedFee']);
  });

  const checkFeatureRules = (
    rules: Record<
      string,
      { channels?: string[] | undefined; from?: string | undefined; to?: string | undefined; source?: string | undefined }
    >,
    path: (string | number)[],
  ) => {
    for (const [feature, rule] of Object.entries(rules)) {
      if (!features.has(feature)) report([...path, feature], `unknown feature "${feature}": features are ${[...features].join(', ')}`);
      rule.channels?.forEach((channel, index) => {
        checkChannel(channel, [...path, feature, 'channels', index]);
      });
      checkPeriod(rule.from, rule.to, [...path, feature], 'from', 'to');
      checkSource(rule, [...path, feature]);
    }
  };
  const regionDefault = table.regions.default;
  checkCurrency(regionDefault.currency, ['regions', 'default', 'currency']);
  regionDefault.channels.forEach((channel, index) => {
    checkChannel(channel, ['regions', 'default', 'channels', index]);
  });
  checkFeatureRules(regionDefault.features, ['regions', 'default', 'features']);
  for (const feature of features) {
    if (!Object.hasOwn(regionDefault.features, feature)) {
      report(
        ['regions', 'default', 'features'],
        `the default region rules must say something about every feature; "${feature}" is missing`,
      );
    }
  }
  const regionsSeen = new Set<string>();
  table.regions.rules.forEach((rule, index) => {
    const path = ['regions', 'rules', index];
    if (!isRegionCode(rule.region)) report([...path, 'region'], `"${rule.region}" is not an ISO 3166-1 alpha-2 region code`);
    if (regionsSeen.has(rule.region)) report([...path, 'region'], `region "${rule.region}" has two rules: merge them into one`);
    regionsSeen.add(rule.region);
    if (rule.currency !== undefined) checkCurrency(rule.currency, [...path, 'currency']);
    rule.channels?.forEach((channel, channelIndex) => {
      checkChannel(channel, [...path, 'channels', channelIndex]);
    });
    checkFeatureRules(rule.features, [...path, 'features']);
    checkSource(rule, path);
  });
  if (table.chests) {
    const chests = table.chests;
    checkSource(chests, ['chests']);

    if (chests.minCoins !== undefined && chests.maxCoins !== undefined && chests.minCoins > chests.maxCoins) {
      report(['chests', 'maxCoins'], `maxCoins (${chests.maxCoins}) must be at least minCoins (${chests.minCoins})`);
    }
    if (
      chests.minCountdownSeconds !== undefined &&
      chests.maxCountdownSeconds !== undefined &&
      chests.minCountdownSeconds > chests.maxCountdownSeconds
    ) {
      report(['chests', 'maxCountdownSeconds'], 'maxCountdownSeconds must be at least minCountdownSeconds');
    }
  }
  checkSource(table.regions.unlisted, ['regions', 'unlisted']);
  if (table.refunds) checkSource(table.refunds, ['refunds']);
  unique(table.paymentMethods, 'id', 'paymentMethods', 'payment method id');
  for (const [index, method] of table.paymentMethods.entries()) {
    const path = ['paymentMethods', index];
    for (const [i, channel] of method.channels.entries()) checkChannel(channel, [...path, 'channels', i]);
    checkRegions(method.regions, [...path, 'regions']);
    checkSource(method, path);
  }
  return issues;
}

/** Compares two non-negative plain decimal strings exactly, as scaled bigints. */
function compareDecimalText(a: string, b: string): number {
  const [ai = '', af = ''] = a.split('.');
  const [bi = '', bf = ''] = b.split('.');
  const width = Math.max(af.length, bf.length);
  const left = BigInt(ai + af.padEnd(width, '0'));
  const right = BigInt(bi + bf.padEnd(width, '0'));
  return left === right ? 0 : left < right ? -1 : 1;
}
