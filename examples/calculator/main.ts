// The calculator imports gift-economy as a user would: the package and its TikTok preset subpath. It uses the
// integer surface of the library (minor units, whole coins), so the page needs neither decimal.js nor zod.
import {
  check,
  diamondsForCoins,
  diamondsForMinor,
  diamondsValueMinor,
  EconomyError,
  largestWithin,
  minorToDecimalString,
  minorUnits,
  type PlanMinor,
  payoutFeeMinor,
  type Refusal,
  ratioFromDecimal,
  wholeCount,
} from 'gift-economy';
import { tiktok } from 'gift-economy/presets/tiktok';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const value = (id: string) => $<HTMLInputElement | HTMLSelectElement>(id).value.trim();
const locale = 'en-US';
const table = tiktok;
const doc = table.document;

$('table-ref').textContent = table.ref;
for (const gift of table.gifts) $<HTMLSelectElement>('gift').add(new Option(`${gift.name} (${gift.coins} coins)`, gift.id));
$<HTMLSelectElement>('gift').value = '6369'; // Lion

/** Formats whole minor units for the page's locale, exactly: Intl receives a decimal string, never a float. */
function money(minor: number, currency: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  return format.format(minorToDecimalString(minor, currency) as unknown as number);
}

function show(id: string, text: string, refused = false) {
  const output = $(id);
  output.textContent = text;
  output.className = refused ? 'refusal' : '';
}

function rows(id: string, lines: readonly (readonly string[])[]) {
  const element = $<HTMLTableElement>(id);
  element.replaceChildren();
  for (const line of lines) {
    const row = element.insertRow();
    for (const cell of line) row.insertCell().textContent = cell;
  }
}

function whole(id: string): number {
  const text = value(id);
  return wholeCount(/^\d+$/.test(text) ? Number(text) : text, id);
}

/** Runs one calculation; bad input and refusals are shown as their message, never thrown. */
function guard(id: string, run: () => void, tableId?: string) {
  try {
    run();
  } catch (error) {
    show(id, error instanceof EconomyError ? error.message : String(error), true);
    if (tableId) rows(tableId, []);
  }
}

const refused = (answer: Refusal) => `Not available: ${answer.reason}`;

function buyer(feature: string, withChannel: boolean) {
  const age = value('age');
  return check(table, {
    region: value('region'),
    feature,
    ...(withChannel ? { channel: value('channel') } : {}),
    ...(age ? { age: whole('age') } : {}),
  });
}

function planLines(plan: PlanMinor, currency: string): string[][] {
  return plan.lines.map((line) => [
    line.kind === 'bundle' ? `${line.count} × ${line.coins}-coin bundle` : `custom amount of ${line.coins} coins`,
    line.kind === 'bundle'
      ? `${money(line.unitPriceMinor, currency)} each`
      : `× per-coin price, rounded ${tiktok.offers(value('channel'), currency, value('region'))?.custom?.rounding}`,
    money(line.totalMinor, currency),
  ]);
}

function offers() {
  const currency = value('currency');
  const set = table.offers(value('channel'), currency, value('region'));
  if (!set) throw new EconomyError('NO_PRICE', `${table.ref} has no ${currency} prices on ${value('channel')} in ${value('region')}`);
  return { set, currency };
}

function update() {
  guard(
    'coins-out',
    () => {
      const allowed = buyer('buy-coins', true);
      if (!allowed.ok) {
        show('coins-out', refused(allowed), true);
        return rows('coins-breakdown', []);
      }
      const { set, currency } = offers();
      const plan = set.planner.plan(whole('coins'));
      if (!plan) throw new EconomyError('NO_PRICE', 'no purchase reaches that many coins');
      const creator = diamondsValueMinor(table, diamondsForCoins(table, plan.coins));
      show(
        'coins-out',
        `${plan.coins} coins cost ${money(plan.priceMinor, currency)} on ${set.channel}; as gifts they yield a creator ${money(creator, doc.diamondValue.currency)}`,
      );
      rows('coins-breakdown', [
        ...planLines(plan, currency, set.custom),
        ['total', `${plan.coins} coins`, money(plan.priceMinor, currency)],
      ]);
    },
    'coins-breakdown',
  );
  guard('budget-out', () => {
    const allowed = buyer('buy-coins', true);
    if (!allowed.ok) return show('budget-out', refused(allowed), true);
    const { set, currency } = offers();
    const places = minorUnits(currency);
    const text = value('budget') || '0';
    if (!/^\d+(\.\d+)?$/.test(text))
      throw new EconomyError('INVALID_AMOUNT', `the budget must be a decimal number such as 25 or 9.99, got "${text}"`);
    const budget = ratioFromDecimal(text, places);
    const coins = largestWithin(set.planner, Math.floor(budget.numerator / budget.denominator));
    const plan = set.planner.plan(coins);
    show('budget-out', `${money(plan?.priceMinor ?? 0, currency)} buys ${coins} coins on ${set.channel}`);
  });
  guard(
    'gift-out',
    () => {
      const allowed = buyer('send-gifts', false);
      if (!allowed.ok) {
        show('gift-out', refused(allowed), true);
        return rows('gift-breakdown', []);
      }
      const gift = table.gift(value('gift'));
      if (!gift) throw new EconomyError('UNKNOWN_GIFT', 'choose a gift');
      const count = whole('count');
      const coins = gift.coins * count;
      const diamonds = diamondsForCoins(table, coins);
      const worth = diamondsValueMinor(table, diamonds);
      show(
        'gift-out',
        `${count} × ${gift.name}: ${coins} coins → ${diamonds} diamonds → ${money(worth, doc.diamondValue.currency)} for the creator`,
      );
      rows('gift-breakdown', [
        ['gift cost', `${count} × ${gift.coins} coins`, `${coins} coins`],
        ['creator share', `× ${doc.creatorShare.diamondsPerCoin} diamonds per coin, ${doc.creatorShare.rounding}`, `${diamonds} diamonds`],
        [
          'diamond value',
          `× ${doc.diamondValue.perDiamond} ${doc.diamondValue.currency}, ${doc.diamondValue.rounding}`,
          money(worth, doc.diamondValue.currency),
        ],
      ]);
    },
    'gift-breakdown',
  );
  guard('diamonds-out', () => {
    const allowed = buyer('cash-out', false);
    if (!allowed.ok) return show('diamonds-out', refused(allowed), true);
    const diamonds = whole('diamonds');
    const currency = doc.payout.currency;
    const gross = diamondsValueMinor(table, diamonds);
    const minimum = ratioFromDecimal(doc.payout.minimum, minorUnits(currency)).numerator;
    if (gross < minimum) {
      const missing = diamondsForMinor(table, minimum) - diamonds;
      return show(
        'diamonds-out',
        `${money(gross, currency)}: ${missing} more diamonds until you can withdraw (minimum ${money(minimum, currency)})`,
      );
    }
    const maximum =
      doc.payout.maximumPerDay === undefined ? gross : ratioFromDecimal(doc.payout.maximumPerDay, minorUnits(currency)).numerator;
    const withdrawal = Math.min(gross, maximum);
    const fee = payoutFeeMinor(table, withdrawal);
    show(
      'diamonds-out',
      `${money(gross, currency)}: withdraw ${money(withdrawal, currency)} now, net ${money(withdrawal - fee, currency)}`,
    );
  });
}

for (const element of document.querySelectorAll('input, select')) element.addEventListener('input', update);
update();
