// The same widget on a German page: the site passes its own words (every entry of CalculatorMessages), the
// `locale` attribute formats the figures. The library's own reasons and breakdown rules stay English.
import { tiktok } from 'gift-economy/presets/tiktok';
import { type CalculatorMessages, defineGiftCalculator } from 'gift-economy/widget';

const deutsch: CalculatorMessages = {
  whereAndHow: 'Wo und wie',
  region: 'Region',
  currency: 'Währung',
  budgetChannel: 'Kanal für ein Budget',
  coinsHeading: 'Was Münzen kosten',
  coins: 'Münzen',
  pricesByChannel: 'Preise nach Kanal',
  channel: 'Kanal',
  coinsReceived: 'Erhaltene Münzen',
  price: 'Preis',
  perCoin: 'Pro Münze',
  budgetHeading: 'Was ein Budget kauft',
  budget: 'Budget',
  giftsHeading: 'Was Geschenke einem Creator bringen',
  gift: 'Geschenk (zum Suchen tippen)',
  count: 'Wie viele',
  cashOutHeading: 'Diamanten auszahlen',
  diamonds: 'Diamanten',
  breakdownHeading: 'Wie die Geschenkwerte berechnet werden',
  breakdownTable: 'Rechenweg der Geschenkwerte',
  step: 'Schritt',
  input: 'Ein',
  rule: 'Regel',
  rounding: 'Rundung',
  output: 'Aus',
  stepName: (step) =>
    (
      ({
        'region-not-known': 'Region nicht bekannt',
        'gift-cost': 'Geschenkpreis',
        'creator-share': 'Anteil des Creators',
        'diamond-value': 'Wert der Diamanten',
      }) as Record<string, string>
    )[step] ?? step,
  quantity: (number, unit, one) =>
    `${number} ${({ coin: one ? 'Münze' : 'Münzen', diamond: one ? 'Diamant' : 'Diamanten' } as Record<string, string>)[unit] ?? unit}`,
  cheapest: (channel) => `${channel} (am günstigsten)`,
  onEachChannel: (coins) => `${coins} auf jedem Kanal`,
  saves: (cheapest, dearest, saving) => `Wer über ${cheapest} statt ${dearest} kauft, spart ${saving}.`,
  sameEverywhere: 'Jeder Kanal verlangt hier dasselbe.',
  noChannelSells: 'Hier verkauft kein Kanal Münzen.',
  enterCoins: 'Bitte eine ganze Zahl an Münzen eingeben, etwa 1000.',
  noBudgetChannel: 'Die Regeln hier erlauben auf keinem Kanal, Münzen zu kaufen.',
  enterBudget: (currency) => `Bitte einen Betrag${currency ? ` in ${currency}` : ''} eingeben, etwa 25 oder 9,99.`,
  budgetBuys: (budget, coins, channel, price) => `${budget} kaufen ${coins} über ${channel} (für ${price}).`,
  unknownGift: (name, table) => `Kein Geschenk „${name}“ in ${table}; bitte aus der Liste wählen.`,
  pickGift: 'Bitte ein Geschenk wählen.',
  enterCount: 'Bitte die Anzahl eingeben, etwa 1 oder 10.',
  giftGives: (gifts, coins, diamonds, value) => `${gifts}: ${coins} → ${diamonds} → ${value} für den Creator vor Auszahlungsgebühren.`,
  enterDiamonds: () => 'Bitte eine ganze Zahl an Diamanten eingeben.',
  worth: (diamonds, gross) => `${diamonds} sind ${gross} wert`,
  minimumNotKnown: (worth, table) => `${worth}. Ob das auszahlbar ist, ist nicht bekannt: ${table} nennt kein Minimum.`,
  notEnough: (worth, missing) => `${worth}: noch zu wenig für eine Auszahlung, es fehlen ${missing}.`,
  cashed: (worth, net, method, fee, dailyMaximum) =>
    `${worth}: ${net} nach der Gebühr von ${fee} (${method})${dailyMaximum ? `, höchstens ${dailyMaximum} am Tag` : ''}.`,
  arrives: (requested, lastArrives, withdrawals) =>
    `Am ${requested} beantragt, ist das Geld bis ${lastArrives} da (${withdrawals} ${withdrawals === 1 ? 'Auszahlung' : 'Auszahlungen'}).`,
  arrivalNotKnown: (reason) => `Wann das Geld ankommt, ist nicht bekannt${reason ? `: ${reason}` : ''}.`,
  notAvailable: (reason) => `Nicht verfügbar: ${reason}.`,
  sources: (table, ref, sources, confidence) =>
    `${table} ${ref}: öffentlich berichtete Werte, keine offiziellen Tarife. Quellen: ${sources}. Verlässlichkeit: ${confidence}.`,
  rate: (rule) => rule,
  residue: (residue) => `Rest ${residue}`,
  noTable: (preset) => `Keine Tabelle „${preset}“ registriert; bitte an defineGiftCalculator({ tables }) übergeben.`,
  tableUnusable: (url, reason) => `Die Tabelle unter ${url} ist nicht nutzbar: ${reason}`,
};

defineGiftCalculator({ tables: { tiktok }, messages: deutsch });
