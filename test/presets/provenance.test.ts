import { describe, expect, it } from 'vitest';
import type { RateTable } from '../../src/index.js';
import { facebookStars } from '../../src/presets/facebook-stars.js';
import { tiktok, tiktokAppLadder65Overlay, tiktokHalfDiamondOverlay } from '../../src/presets/tiktok.js';
import { twitchBits } from '../../src/presets/twitch-bits.js';

type Node = Record<string, unknown>;

/**
 * Every figure of a document, with its path: the parts of a table that state a fact about the economy. A bundle's
 * coin count is stated by the sources of its prices, so each price is the figure; a region rule is a figure only
 * where it sets something of its own (a currency or channels), its feature rules always are.
 */
function figures(document: Node): [string, Node][] {
  const out: [string, Node][] = [];
  const each = (path: string, list: unknown) => {
    for (const [i, item] of (list as Node[]).entries()) out.push([`${path}[${i}]`, item]);
  };
  each('channels', document.channels);
  for (const [i, bundle] of (document.bundles as Node[]).entries()) each(`bundles[${i}].prices`, bundle.prices);
  each('customAmounts', document.customAmounts);
  each('gifts', document.gifts);
  out.push(['creatorShare', document.creatorShare as Node], ['diamondValue', document.diamondValue as Node]);
  const payout = document.payout as Node;
  if (payout.minimum !== undefined || payout.maximumPerDay !== undefined) out.push(['payout', payout]);
  if (payout.processing) out.push(['payout.processing', payout.processing as Node]);
  (payout.methods as Node[]).forEach((method, i) => {
    out.push([`payout.methods[${i}]`, method]);
    if (method.delay) out.push([`payout.methods[${i}].delay`, method.delay as Node]);
  });
  const regions = document.regions as Node;
  for (const [feature, rule] of Object.entries((regions.default as Node).features as Node))
    out.push([`regions.default.features.${feature}`, rule as Node]);
  (regions.rules as Node[]).forEach((rule, i) => {
    if (rule.currency !== undefined || rule.channels !== undefined) out.push([`regions.rules[${i}] (${rule.region})`, rule]);
    for (const [feature, featureRule] of Object.entries(rule.features as Node))
      out.push([`regions.rules[${i}] (${rule.region}).features.${feature}`, featureRule as Node]);
  });
  if ((regions.unlisted as Node).answer !== 'allow') out.push(['regions.unlisted', regions.unlisted as Node]);
  if (document.chests) out.push(['chests', document.chests as Node]);
  if (document.refunds) out.push(['refunds', document.refunds as Node]);
  each('paymentMethods', document.paymentMethods ?? []);
  return out;
}

/** Every `source` key anywhere in the document. */
function referenced(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) referenced(item, keys);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'source' && typeof inner === 'string') keys.add(inner);
      else if (key === 'alsoReportedBy' && Array.isArray(inner)) for (const also of inner) keys.add(also);
      else if (key !== 'sources') referenced(inner, keys);
    }
  }
  return keys;
}

const PRESETS: [RateTable, unknown[]][] = [
  [tiktok, [tiktokHalfDiamondOverlay, tiktokAppLadder65Overlay]],
  [twitchBits, []],
  [facebookStars, []],
];

describe.each(PRESETS.map(([table, overlays]) => [table.ref, table, overlays] as const))('provenance of %s', (_, table, overlays) => {
  const document = table.document as unknown as Node;

  it('every figure carries a source key or a derived rule', () => {
    const bare = figures(document)
      .filter(([, figure]) => figure.source === undefined && figure.derived === undefined)
      .map(([path]) => path);
    expect(bare).toEqual([]);
  });

  it('every declared source is referenced, and every reference is declared', () => {
    const declared = table.document.sources.map((source) => source.key);
    // a preset's overlays cite the preset's sources too
    const used = referenced([document, ...overlays]);
    expect(declared.filter((key) => !used.has(key))).toEqual([]);
    expect([...used].filter((key) => !declared.includes(key))).toEqual([]);
  });
});
