// <gift-calculator>: a standard custom element that answers a viewer's and a creator's questions side by side.
// Every figure comes from the library's ordinary questions and every breakdown from formatBreakdown; nothing
// here computes money. Text is set with textContent only (no HTML from data).
import { check } from '../availability/check.js';
import { type Breakdown, formatAmount, formatBreakdown, formatCount } from '../convert/breakdown.js';
import { budgetCoins } from '../convert/budget-coins.js';
import { compareChannels } from '../convert/compare.js';
import { sendGifts } from '../convert/gift.js';
import { cashOut } from '../convert/payout.js';
import { payoutTimeline } from '../convert/payout-timeline.js';
import { describeValue, EconomyError } from '../errors.js';
import { Money } from '../money/money.js';
import type { RateTable } from '../table/compile.js';
import type { Provenance } from '../table/provenance.js';
import { type CalculatorMessages, readMessages } from './messages.js';

export { type CalculatorMessages, calculatorMessages } from './messages.js';

/** The entries of the messages that are words, not sentences. */
type Label = { [K in keyof CalculatorMessages]: CalculatorMessages[K] extends string ? K : never }[keyof CalculatorMessages];

/**
 * How {@link defineGiftCalculator} registers the element.
 * @example
 * ```ts
 * import type { GiftCalculatorOptions } from 'gift-economy/widget';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * const options: GiftCalculatorOptions = { tag: 'gift-calculator', tables: { tiktok } };
 * console.log(Object.keys(options.tables ?? {})); // [ 'tiktok' ]
 * ```
 * @category Widget
 */
export interface GiftCalculatorOptions {
  /** The element name; `gift-calculator` by default. */
  readonly tag?: string;
  /** The tables the `preset` attribute may name, e.g. `{ tiktok }`: only what you pass is bundled. */
  readonly tables?: Readonly<Record<string, RateTable>>;
  /** The words to show instead of the English ones (see {@link CalculatorMessages}). */
  readonly messages?: Partial<CalculatorMessages>;
}

/**
 * The element's own API beyond its attributes: set `table` to use a table you already hold.
 * @example
 * ```ts
 * import type { GiftCalculatorElement } from 'gift-economy/widget';
 * const find = (): GiftCalculatorElement | null => null; // document.querySelector('gift-calculator')
 * console.log(find()?.table?.ref ?? 'no widget on this page'); // no widget on this page
 * ```
 * @category Widget
 */
export interface GiftCalculatorElement extends HTMLElement {
  /** The rate table in use (from `preset`, `table-url` or set here). */
  table: RateTable | undefined;
}

const ATTRIBUTES = ['preset', 'table-url', 'locale', 'region', 'currency', 'channel', 'today'] as const;

const STYLE = `
:host{--gift-fg:#1d1d1f;--gift-bg:#fff;--gift-muted:#5f6368;--gift-line:#d9d9de;--gift-accent:#0b57d0;--gift-warn:#a50e0e;--gift-best:#e6f4ea;
display:block;container-type:inline-size;font:16px/1.45 var(--gift-font,system-ui,sans-serif);color:var(--gift-fg);background:var(--gift-bg);max-width:60rem}
@media (prefers-color-scheme:dark){:host{--gift-fg:#e8eaed;--gift-bg:#1f1f1f;--gift-muted:#bdc1c6;--gift-line:#444;--gift-accent:#8ab4f8;--gift-warn:#f28b82;--gift-best:#1e3a2a}}
form{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));grid-auto-flow:dense}
fieldset,section{border:1px solid var(--gift-line);border-radius:.6rem;margin:0;padding:.75rem 1rem;min-width:0}
h2,legend{font-size:1.05rem;font-weight:600;margin:0 0 .5rem;padding:0}
label{display:flex;flex-direction:column;gap:.2rem;margin:0 0 .6rem;color:var(--gift-muted)}
input,select{font:inherit;font-size:max(16px,1em);color:var(--gift-fg);background:var(--gift-bg);border:1px solid var(--gift-line);border-radius:.4rem;padding:.35rem .5rem}
input:focus-visible,select:focus-visible{outline:2px solid var(--gift-accent);outline-offset:1px}
output{display:block;font-weight:600;margin:.3rem 0}
.refused{color:var(--gift-warn)}
.note,.sources{color:var(--gift-muted);font-size:.9rem;margin:.3rem 0}
.wide{grid-column:1/-1}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.9rem;width:100%}
caption{text-align:left;color:var(--gift-muted);padding:.2rem 0}
th,td{border-bottom:1px solid var(--gift-line);padding:.25rem .4rem;text-align:left;vertical-align:top}
th.n,td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.best{background:var(--gift-best)}
@container (min-width:35rem){section[part=coins]{grid-column:span 2}}
@container (max-width:34.99rem){thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
tr{display:block;border-bottom:1px solid var(--gift-line);padding:.3rem .4rem}
th,td,td.n{display:block;border:0;padding:.1rem 0;text-align:left;white-space:normal}
td[data-label]{display:grid;grid-template-columns:minmax(6rem,40%) 1fr;gap:.5rem}
td[data-label]::before{content:attr(data-label) / "";color:var(--gift-muted)}}`;

/** The form, in the messages' words (escaped: a site's words are text, never markup). */
const template = (m: CalculatorMessages): string => {
  const w = (label: Label) => m[label].replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  // the roles are the elements' own, written out: a narrow widget lays its rows out as blocks, which may drop them
  const head = (columns: readonly Label[]) =>
    `<thead role="rowgroup"><tr role="row">${columns.map((c) => `<th scope="col" role="columnheader"${NUMERIC.has(c) ? ' class="n"' : ''}>${w(c)}</th>`).join('')}</tr></thead>`;
  return `<form part="form" novalidate>
<fieldset part="where"><legend>${w('whereAndHow')}</legend>
<label>${w('region')}<select name="region"></select></label>
<label>${w('currency')}<select name="currency"></select></label>
<label>${w('budgetChannel')}<select name="channel"></select></label>
</fieldset>
<section part="coins" aria-labelledby="h-coins"><h2 id="h-coins">${w('coinsHeading')}</h2>
<label>${w('coins')}<input name="coins" inputmode="numeric" autocomplete="off" value="1000"></label>
<div class="scroll" tabindex="0" role="region" aria-label="${w('pricesByChannel')}"><table part="channels" role="table"><caption></caption>${head(CHANNEL_COLUMNS)}<tbody role="rowgroup"></tbody></table></div>
<output name="saving" aria-live="polite"></output>
</section>
<section part="budget" aria-labelledby="h-budget"><h2 id="h-budget">${w('budgetHeading')}</h2>
<label>${w('budget')}<input name="budget" inputmode="decimal" autocomplete="off" value="25"></label>
<output name="bought" aria-live="polite"></output>
</section>
<section part="gifts" aria-labelledby="h-gifts"><h2 id="h-gifts">${w('giftsHeading')}</h2>
<label>${w('gift')}<input name="gift" list="gift-list" autocomplete="off" value="Rose"></label><datalist id="gift-list"></datalist>
<label>${w('count')}<input name="count" inputmode="numeric" autocomplete="off" value="1"></label>
<output name="given" aria-live="polite"></output>
</section>
<section part="cashout" aria-labelledby="h-cashout"><h2 id="h-cashout">${w('cashOutHeading')}</h2>
<label>${w('diamonds')}<input name="diamonds" inputmode="numeric" autocomplete="off" value="50000"></label>
<output name="cashed" aria-live="polite"></output>
<p class="note" data-id="arrives"></p>
</section>
<section part="breakdown" class="wide" aria-labelledby="h-breakdown"><h2 id="h-breakdown">${w('breakdownHeading')}</h2>
<div class="scroll" tabindex="0" role="region" aria-label="${w('breakdownTable')}"><table role="table">${head(STEP_COLUMNS)}<tbody role="rowgroup" data-id="steps"></tbody></table></div>
<p class="sources" data-id="sources"></p>
</section>
</form>`;
};

/**
 * Registers `<gift-calculator>` (or `options.tag`) with the tables its `preset` attribute may name, and returns
 * the element class. Attributes: `preset`, `table-url` (a rate-table JSON document, validated when loaded),
 * `locale`, `region`, `currency`, `channel`, `today` (the date payouts count from; the browser's today by
 * default). Style it with `--gift-fg`, `--gift-bg`, `--gift-muted`, `--gift-line`, `--gift-accent`,
 * `--gift-warn`, `--gift-best`, `--gift-font` and `::part(form|where|coins|budget|gifts|cashout|breakdown|channels)`.
 * Calling it again with the same tag returns the class already registered.
 *
 * @throws EconomyError `INVALID_ARGUMENT` outside a browser, for a tag that is not a valid custom-element name,
 * or for messages that are not {@link CalculatorMessages} entries of the right kind.
 * @example
 * ```ts
 * import { defineGiftCalculator } from 'gift-economy/widget';
 * import { tiktok } from 'gift-economy/presets/tiktok';
 * // in a page: defineGiftCalculator({ tables: { tiktok } }), then <gift-calculator preset="tiktok" region="US">
 * console.log(typeof defineGiftCalculator, tiktok.ref); // function tiktok@2026-11-25
 * ```
 * @category Widget
 */
export function defineGiftCalculator(options: GiftCalculatorOptions = {}): CustomElementConstructor {
  if (typeof options !== 'object' || options === null) {
    throw new EconomyError('INVALID_ARGUMENT', `options must be { tag?, tables?, messages? }, got ${describeValue(options)}`);
  }
  const tag = options.tag ?? 'gift-calculator';
  if (typeof tag !== 'string' || !/^[a-z][a-z0-9._]*-[a-z0-9._-]*$/.test(tag)) {
    throw new EconomyError(
      'INVALID_ARGUMENT',
      `tag must be a custom-element name with a hyphen, such as "gift-calculator", got ${describeValue(tag)}`,
    );
  }
  const messages = readMessages(options.messages);
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  if (registry === undefined || typeof HTMLElement === 'undefined') {
    throw new EconomyError('INVALID_ARGUMENT', 'defineGiftCalculator needs a browser (customElements and HTMLElement)');
  }
  const existing = registry.get(tag);
  if (existing) return existing;
  const tables = { ...(options.tables ?? {}) };
  registry.define(tag, calculatorClass(tables, messages));
  return registry.get(tag) as CustomElementConstructor;
}

function calculatorClass(tables: Readonly<Record<string, RateTable>>, m: CalculatorMessages): CustomElementConstructor {
  return class GiftCalculator extends HTMLElement implements GiftCalculatorElement {
    static observedAttributes = ATTRIBUTES;
    #table: RateTable | undefined;
    #root: ShadowRoot;
    #loaded: string | undefined;

    constructor() {
      super();
      this.#root = this.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = STYLE;
      this.#root.append(style, document.createRange().createContextualFragment(template(m)));
      this.#root.querySelector('form')?.addEventListener('input', (event) => this.#changed(event.target));
      this.#root.querySelector('form')?.addEventListener('submit', (event) => event.preventDefault());
    }

    get table(): RateTable | undefined {
      return this.#table;
    }

    set table(table: RateTable | undefined) {
      this.#table = table;
      this.#setUp();
    }

    connectedCallback(): void {
      this.#load();
    }

    attributeChangedCallback(name: string): void {
      if (!this.isConnected) return;
      if (name === 'preset' || name === 'table-url') this.#load();
      else this.#setUp();
    }

    #load(): void {
      const preset = this.getAttribute('preset');
      const url = this.getAttribute('table-url');
      const key = `${preset}|${url}`;
      if (key === this.#loaded && this.#table) {
        this.#setUp();
        return;
      }
      this.#loaded = key;
      if (preset !== null) {
        const table = Object.hasOwn(tables, preset) ? tables[preset] : undefined;
        if (!table) {
          this.#fail(m.noTable(preset));
          return;
        }
        this.#table = table;
        this.#setUp();
        return;
      }
      if (url !== null) {
        fetch(url)
          .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`${url} answered ${response.status}`))))
          // the schema (and zod) load only for a table fetched at run time, in their own chunk
          .then(async (json) => (await import('../table/parse.js')).parseRateTable(json))
          .then((table) => {
            this.#table = table;
            this.#setUp();
          })
          .catch((error: unknown) => this.#fail(m.tableUnusable(url, error instanceof Error ? error.message : String(error))));
      }
    }

    #fail(message: string): void {
      const out = this.#out('saving');
      out.textContent = message;
      out.className = 'refused';
    }

    #field<T extends HTMLInputElement | HTMLSelectElement>(name: string): T {
      return this.#root.querySelector(`[name="${name}"]`) as T;
    }

    #out(name: string): HTMLElement {
      return this.#root.querySelector(`[name="${name}"], [data-id="${name}"]`) as HTMLElement;
    }

    /** The `locale` attribute when Intl knows it; otherwise the browser's own (a bad tag never breaks the page). */
    get #locale(): string | undefined {
      const tag = this.getAttribute('locale');
      if (tag === null) return undefined;
      try {
        return Intl.getCanonicalLocales(tag)[0];
      } catch {
        return undefined;
      }
    }

    /** Fills the pickers from the table and the attributes, then answers. */
    #setUp(): void {
      const table = this.#table;
      if (!table) return;
      const names = regionNames(this.#locale);
      const listed = table.document.regions.rules.map((rule) => rule.region);
      const region = this.getAttribute('region') ?? listed[0] ?? 'US';
      fill(
        this.#field('region'),
        [...new Set([region, ...listed])].map((code) => [code, names(code)]),
        region,
      );
      this.#regionChanged(this.getAttribute('currency') ?? undefined, this.getAttribute('channel') ?? undefined);
      const gifts = this.#root.querySelector('datalist') as HTMLDataListElement;
      gifts.replaceChildren(
        ...table.gifts.map((gift) => {
          const option = document.createElement('option');
          option.value = gift.name;
          option.label = quantity(m, this.#locale, gift.coins, 'coin');
          return option;
        }),
      );
      this.#answer();
    }

    /** A region sets its currency and the channels it allows. */
    #regionChanged(currency?: string, channel?: string): void {
      const table = this.#table as RateTable;
      const region = this.#field('region').value;
      const currencies = table.currenciesIn(region);
      fill(
        this.#field('currency'),
        currencies.map((code) => [code, code]),
        currency && currencies.includes(currency) ? currency : currencies[0],
      );
      // the channels the region's rules allow for buying coins (all of them when the region is not known: the
      // answers then say so); none when buying is refused there
      let allowed: readonly string[];
      try {
        const answer = check(table, { region, feature: 'buy-coins' });
        const judged = answer.status === 'unknown' ? answer.ifListed : answer;
        allowed = judged.ok ? judged.channels : [];
      } catch {
        allowed = [];
      }
      const channels = table.document.channels.filter((c) => allowed.includes(c.id)).map((c): [string, string] => [c.id, c.name]);
      const wanted = channel ?? this.#field('channel').value;
      fill(this.#field('channel'), channels, channels.some(([id]) => id === wanted) ? wanted : channels[0]?.[0]);
    }

    #changed(target: EventTarget | null): void {
      if (!this.#table) return;
      if (target === this.#field('region')) this.#regionChanged(undefined, this.#field('channel').value);
      this.#answer();
    }

    #answer(): void {
      const table = this.#table;
      if (!table) return;
      const region = this.#field('region').value;
      const currency = this.#field('currency').value || undefined;
      const locale = this.#locale;
      const provenance: Provenance[] = [];
      const notes = new Set<string>();
      const asking: Asking = {
        table,
        region,
        currency,
        locale,
        heard: (answer) => {
          provenance.push(answer);
          if (answer.regionNotKnown) notes.add(`${answer.regionNotKnown}.`);
        },
      };
      // a question the library refuses to answer (a region code that is not one, …) says why where its answer goes
      const ask = <T>(name: string, question: () => T, otherwise: T): T => {
        try {
          return question();
        } catch (error) {
          if (!(error instanceof EconomyError)) throw error;
          refused(this.#out(name), error.message);
          return otherwise;
        }
      };
      ask('saving', () => this.#coins(asking), undefined);
      ask('bought', () => this.#budget(asking), undefined);
      const steps = ask('given', () => this.#gifts(asking), []);
      ask('cashed', () => this.#cashOut(asking), undefined);
      this.#steps(steps, locale);
      const sources = new Map(provenance.flatMap((p) => p.sources).map((source) => [source.key, source]));
      const confidence = provenance.some((p) => p.confidence === 'user-supplied')
        ? 'user-supplied'
        : provenance.some((p) => p.confidence === 'derived')
          ? 'derived'
          : 'sourced';
      const titles = [...sources.values()].map((s) => (s.published ? `${s.title} (${s.published})` : s.title)).join('; ');
      this.#out('sources').textContent = [...notes, m.sources(table.document.name, table.ref, titles, confidence)].join(' ');
    }

    #coins({ table, region, currency, locale, heard }: Asking): void {
      const body = this.#root.querySelector('table[part="channels"] tbody') as HTMLElement;
      const caption = this.#root.querySelector('table[part="channels"] caption') as HTMLElement;
      const saving = this.#out('saving');
      saving.className = '';
      const coins = whole(this.#field('coins').value);
      if (coins === undefined) {
        body.replaceChildren();
        caption.textContent = '';
        refused(saving, m.enterCoins);
        return;
      }
      const compared = compareChannels(table, { coins, region, ...(currency ? { currency } : {}) });
      caption.textContent = m.onEachChannel(quantity(m, locale, coins, 'coin'));
      body.replaceChildren(
        ...compared.channels.map(({ channel, answer }) => {
          const name = table.document.channels.find((c) => c.id === channel)?.name ?? channel;
          if (!answer.ok) return row(m, CHANNEL_COLUMNS, [name, { text: m.notAvailable(answer.reason), span: 3 }]);
          heard(answer);
          const best = compared.cheapest === answer && compared.channels.filter((c) => c.answer.ok).length > 1;
          const tr = row(m, CHANNEL_COLUMNS, [
            best ? m.cheapest(name) : name,
            quantity(m, locale, answer.coinsReceived, 'coin'),
            formatAmount(answer.price, locale),
            answer.pricePerCoin ? answer.pricePerCoin.format(locale) : '—',
          ]);
          if (best) {
            tr.className = 'best';
            tr.setAttribute('part', 'cheapest');
          }
          return tr;
        }),
      );
      const { cheapest, dearest } = compared;
      saving.textContent =
        compared.saving && cheapest && dearest && compared.saving.isPositive()
          ? m.saves(channelName(table, cheapest.channel), channelName(table, dearest.channel), formatAmount(compared.saving, locale))
          : cheapest
            ? m.sameEverywhere
            : m.noChannelSells;
    }

    #budget({ table, region, currency, locale, heard }: Asking): void {
      const out = this.#out('bought');
      out.className = '';
      const text = this.#field('budget').value.trim().replace(',', '.');
      const channel = this.#field('channel').value;
      if (!channel) {
        refused(out, m.noBudgetChannel);
        return;
      }
      if (!currency || !/^\d{1,9}(\.\d{1,4})?$/.test(text)) {
        refused(out, m.enterBudget(currency));
        return;
      }
      const budget = budgetCoins(table, { budget: Money.of(text, currency), channel, region });
      if (!budget.ok) {
        refused(out, m.notAvailable(budget.reason));
        return;
      }
      heard(budget);
      out.textContent = m.budgetBuys(
        formatAmount(Money.of(text, currency), locale),
        quantity(m, locale, budget.coinsReceived, 'coin'),
        channelName(table, channel),
        formatAmount(budget.price, locale),
      );
    }

    #gifts({ table, region, locale, heard }: Asking): Breakdown {
      const out = this.#out('given');
      out.className = '';
      const name = this.#field('gift').value.trim();
      const gift = table.gifts.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
      const count = whole(this.#field('count').value);
      if (!gift) {
        refused(out, name ? m.unknownGift(name, table.document.name) : m.pickGift);
        return [];
      }
      if (count === undefined || count === 0) {
        refused(out, m.enterCount);
        return [];
      }
      const sent = sendGifts(table, { gift: gift.id, count, region });
      if (!sent.ok) {
        refused(out, m.notAvailable(sent.reason));
        return [];
      }
      heard(sent);
      const unit = table.document.units.diamond;
      out.textContent = m.giftGives(
        quantity(m, locale, count, gift.name),
        quantity(m, locale, sent.coins, 'coin'),
        quantity(m, locale, sent.diamonds, unit),
        formatAmount(sent.value, locale),
      );
      return sent.breakdown;
    }

    #cashOut({ table, region, locale, heard }: Asking): void {
      const out = this.#out('cashed');
      const arrives = this.#out('arrives');
      out.className = '';
      arrives.textContent = '';
      const diamonds = whole(this.#field('diamonds').value);
      if (diamonds === undefined) {
        refused(out, m.enterDiamonds(table.document.units.diamond));
        return;
      }
      const cashed = cashOut(table, { diamonds, region });
      if (!cashed.ok) {
        refused(out, m.notAvailable(cashed.reason));
        return;
      }
      heard(cashed);
      const unit = table.document.units.diamond;
      const worth = m.worth(quantity(m, locale, diamonds, unit), formatAmount(cashed.gross, locale));
      if (cashed.withdrawable === undefined) {
        out.textContent = m.minimumNotKnown(worth, table.document.name);
      } else if (!cashed.withdrawable) {
        out.textContent = m.notEnough(worth, quantity(m, locale, cashed.diamondsMissing, unit));
        return;
      } else {
        const cap = cashed.withdrawal.equals(cashed.gross) ? undefined : formatAmount(cashed.withdrawal, locale);
        out.textContent = m.cashed(
          worth,
          formatAmount(cashed.net, locale),
          table.payoutMethod(cashed.method).name,
          formatAmount(cashed.fee, locale),
          cap,
        );
      }
      if (!cashed.gross.isPositive()) return;
      const today = this.getAttribute('today') ?? new Date().toISOString().slice(0, 10);
      try {
        const timeline = payoutTimeline(table, { amount: cashed.gross, from: today, method: cashed.method });
        arrives.textContent = timeline.lastArrives
          ? m.arrives(today, timeline.lastArrives, timeline.withdrawals.length)
          : m.arrivalNotKnown(timeline.notKnown);
      } catch (error) {
        arrives.textContent = error instanceof EconomyError ? error.message : m.arrivalNotKnown(undefined);
      }
    }

    #steps(breakdown: Breakdown, locale: string | undefined): void {
      const body = this.#out('steps');
      body.replaceChildren(
        ...formatBreakdown(breakdown, locale).map((step) =>
          row(m, STEP_COLUMNS, [
            m.stepName(step.step),
            step.input,
            m.rate(step.rule, step.rate, step.table),
            step.rounding ?? '—',
            [step.output, step.residue && m.residue(step.residue)].filter(Boolean).join('; '),
          ]),
        ),
      );
    }
  };
}

/** What every answer in one refresh shares, and where it reports its sources and what is not known. */
interface Asking {
  readonly table: RateTable;
  readonly region: string;
  readonly currency: string | undefined;
  readonly locale: string | undefined;
  readonly heard: (answer: Provenance & { readonly regionNotKnown?: string }) => void;
}

type Cell = string | { readonly text: string; readonly span: number };

const CHANNEL_COLUMNS = ['channel', 'coinsReceived', 'price', 'perCoin'] as const satisfies readonly Label[];
const STEP_COLUMNS = ['step', 'input', 'rule', 'rounding', 'output'] as const satisfies readonly Label[];
/** The columns of figures: their cells and headings align right. */
const NUMERIC: ReadonlySet<Label> = new Set(['coinsReceived', 'price', 'perCoin', 'input', 'output']);

/**
 * A body row: the first cell heads the row; each other cell not spanning columns is aligned as its column is and
 * carries the column's name, shown beside it when a narrow widget stacks the row.
 */
function row(m: CalculatorMessages, columns: readonly Label[], cells: readonly Cell[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.setAttribute('role', 'row');
  cells.forEach((cell, index) => {
    const header = index === 0;
    const td = document.createElement(header ? 'th' : 'td');
    if (header) td.scope = 'row';
    td.setAttribute('role', header ? 'rowheader' : 'cell');
    if (typeof cell !== 'string') {
      td.textContent = cell.text;
      td.colSpan = cell.span;
    } else {
      td.textContent = cell;
      const column = columns[index] as Label;
      if (NUMERIC.has(column)) td.className = 'n';
      if (!header) td.dataset.label = m[column];
    }
    tr.append(td);
  });
  return tr;
}

function fill(select: HTMLSelectElement, options: readonly (readonly [string, string])[], selected: string | undefined): void {
  select.replaceChildren(
    ...options.map(([value, text]) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = text;
      option.selected = value === selected;
      return option;
    }),
  );
}

function refused(out: HTMLElement, message: string): void {
  out.textContent = message;
  out.className = 'refused';
}

/** A whole count as a person types it: digits, optionally grouped in threes (`1,000`, `1.000`, `1 000`); `1.5` is refused. */
function whole(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(?:\d+|\d{1,3}(?:[,.\s'’_\u00a0\u202f]\d{3})+)$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  return digits.length <= 12 ? Number(digits) : undefined;
}

/** A whole count in the locale's digits with its unit, in the messages' words. */
function quantity(m: CalculatorMessages, locale: string | undefined, value: number, unit: string): string {
  return m.quantity(formatCount(value, locale), unit, value === 1);
}

function channelName(table: RateTable, id: string): string {
  return table.document.channels.find((channel) => channel.id === id)?.name ?? id;
}

/** Region names for the locale; a code Intl cannot name (or a runtime without DisplayNames) shows as itself. */
function regionNames(locale: string | undefined): (code: string) => string {
  let display: Intl.DisplayNames | undefined;
  try {
    display = new Intl.DisplayNames(locale, { type: 'region' });
  } catch {
    display = undefined;
  }
  return (code) => {
    try {
      return display?.of(code) ?? code;
    } catch {
      return code;
    }
  };
}
