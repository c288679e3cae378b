import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twitchBitsDocument } from '../../src/presets/twitch-bits.js';
import { browserTestsCanRun, launchChromium, servePage } from './serve.js';

// Drives the calculator page, which embeds <gift-calculator>, in Debian's Chromium as a person uses it, at a
// phone's and a desktop's width, in light and dark mode, with axe-core checking accessibility. Expected figures
// are hand-checked from ../shared/data/tiktok.json (see the comments).
const root = new URL('../../examples/calculator/', import.meta.url).pathname;
const output = new URL('../../test-output/', import.meta.url).pathname;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe.runIf(browserTestsCanRun)('<gift-calculator> in Chromium', () => {
  let close: (() => void) | undefined;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    const served = await servePage(root);
    close = served.close;
    url = served.url;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    close?.();
  });

  /** Opens the page at a width, with payouts counted from 2026-11-25, collecting console errors. */
  async function open(width: number, colorScheme: 'light' | 'dark' = 'light', path = ''): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${url}${path}`);
    await page.locator('gift-calculator').evaluate((element) => element.setAttribute('today', '2026-11-25'));
    await page.waitForFunction(
      () => (document.querySelector('gift-calculator')?.shadowRoot?.querySelector('[name="given"]')?.textContent ?? '') !== '',
    );
    return { page, errors };
  }
  // Playwright's CSS locators pierce the open shadow root.
  const text = (page: Page, selector: string) =>
    page
      .locator(selector)
      .first()
      .textContent()
      .then((value) => value ?? '');
  const cells = (page: Page, selector: string) => page.locator(selector).allTextContents();

  async function axeViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: axeSource });
    return page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }
      ).axe;
      const result = await axe.run(document);
      return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
    });
  }

  it('compares what 1,000 coins cost on every channel, cheapest first marked, with the saving', async () => {
    const { page, errors } = await open(1280);
    // iOS and Android: 15 packs of 70 × 0.99 = 14.85 for 1,050 coins; web: 13 packs of 70 (9.62) + a custom 90
    // coins (90 × 0.0106 = 0.954, rounded up to 0.96) = 10.58 for exactly 1,000; saving 14.85 − 10.58 = 4.27
    expect(await cells(page, 'table[part="channels"] tbody tr')).toEqual([
      'iOS app (App Store)1,050 coins$14.85$0.014143',
      'Android app (Google Play)1,050 coins$14.85$0.014143',
      'Web top-up (cheapest)1,000 coins$10.58$0.01058',
    ]);
    expect(await page.locator('tr[part="cheapest"] th').textContent()).toBe('Web top-up (cheapest)');
    expect(await page.locator('table[part="channels"] th[scope="col"]').count()).toBe(4);
    expect(await text(page, '[name="saving"]')).toBe('Buying on Web top-up instead of iOS app (App Store) saves $4.27.');
    await page.fill('[name="coins"]', '5,000');
    // web: 71 packs (52.54) + custom 30 (0.318 -> 0.32) = 52.86
    expect(await cells(page, 'tr[part="cheapest"] td')).toEqual(['5,000 coins', '$52.86', '$0.010572']);
    await page.fill('[name="coins"]', '1.5');
    expect(await text(page, '[name="saving"]')).toBe('Enter a whole number of coins, such as 1000.');
    expect(await page.locator('[name="saving"]').getAttribute('class')).toBe('refused');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers what a budget buys on the chosen channel', async () => {
    const { page } = await open(1280);
    // iOS: 25 packs of 70 × 0.99 = 24.75 for 1,750 coins (a 26th pack would pass 25.00)
    expect(await text(page, '[name="bought"]')).toBe('$25.00 buys 1,750 coins on iOS app (App Store) (for $24.75).');
    await page.selectOption('[name="channel"]', 'web');
    // web: 33 packs (2,310 coins, 24.42) + custom 54 coins (0.5724 -> 0.58) = 25.00 for 2,364
    expect(await text(page, '[name="bought"]')).toBe('$25.00 buys 2,364 coins on Web top-up (for $25.00).');
    await page.close();
  });

  it('values gifts with a searchable picker and shows the breakdown from data under table headers', async () => {
    const { page } = await open(1280);
    expect(await page.locator('datalist option').count()).toBeGreaterThan(50);
    await page.fill('[name="gift"]', 'Lion');
    await page.fill('[name="count"]', '3');
    // 3 × 29,999 = 89,997 coins = 89,997 diamonds (1 per coin); × 0.005 = 449.985, half-even 449.98
    expect(await text(page, '[name="given"]')).toBe('3 Lions: 89,997 coins → 89,997 diamonds → $449.98 to the creator before payout fees.');
    expect(await page.locator('[data-id="steps"] tr').count()).toBe(3);
    expect(await page.locator('section[part="breakdown"] th[scope="col"]').allTextContents()).toEqual([
      'Step',
      'In',
      'Rule',
      'Rounding',
      'Out',
    ]);
    expect(await cells(page, '[data-id="steps"] tr:last-child > *')).toEqual([
      'Diamond value',
      '89,997 diamonds',
      '× 0.005 USD per diamond, rounded to the USD minor unit',
      'half-even',
      '$449.98; residue $0.005',
    ]);
    expect(await text(page, '[data-id="sources"]')).toMatch(
      /figures as publicly reported, not official rates\. Sources: .+\. Confidence: derived\./,
    );
    await page.fill('[name="gift"]', 'Unicorn of nothing');
    expect(await text(page, '[name="given"]')).toBe(
      'No gift called "Unicorn of nothing" in TikTok LIVE (publicly reported figures); pick one from the list.',
    );
    await page.close();
  });

  it('says how many diamonds are missing before a cash-out and when the money arrives', async () => {
    const { page } = await open(1280);
    // 50,000 × 0.005 = 250.00; PayPal's fee is 0; 15 days' processing + 21 days PayPal = 2026-12-31 from 2026-11-25
    expect(await text(page, '[name="cashed"]')).toBe('50,000 diamonds are worth $250.00: $250.00 after the PayPal fee of $0.00.');
    expect(await text(page, '[data-id="arrives"]')).toBe('Requested on 2026-11-25, the money arrives by 2026-12-31 (1 withdrawal).');
    await page.fill('[name="diamonds"]', '15000');
    // 15,000 × 0.005 = 75.00 < 100; 100.00 needs 19,999 diamonds (99.995 rounds half-even to 100.00): 4,999 more
    expect(await text(page, '[name="cashed"]')).toBe(
      '15,000 diamonds are worth $75.00: not enough to cash out yet, 4,999 diamonds more needed.',
    );
    await page.close();
  });

  it('lets the region set the currency, refuses where the rules do, and says what is not known', async () => {
    const { page } = await open(1280);
    await page.selectOption('[name="region"]', 'GB');
    expect(await page.locator('[name="currency"]').inputValue()).toBe('GBP');
    // GBP app ladder (tiktok.json, apps-uk): the 40-coin pack at GBP 0.49 is the cheapest per coin (1.225p), and
    // 25 of them make exactly 1,000 coins for 12.25; the web has no GBP prices
    expect(await cells(page, 'table[part="channels"] tbody tr:first-child > *')).toEqual([
      'iOS app (App Store) (cheapest)',
      '1,000 coins',
      '£12.25',
      '£0.01225',
    ]);
    expect(await text(page, 'table[part="channels"] tbody tr:last-child td')).toMatch(
      /^Not available: tiktok@2026-11-25: no GBP prices on web/,
    );
    await page.selectOption('[name="region"]', 'RU');
    expect(await text(page, '[name="given"]')).toMatch(/^Not available: send-gifts is not available in RU/);
    // India (TikTok blocked from 2020-06-29, cna-india-2020): no channel is offered for a budget, and the page says why
    await page.selectOption('[name="region"]', 'IN');
    expect(await page.locator('[name="channel"] option').count()).toBe(0);
    expect(await text(page, '[name="bought"]')).toBe('The rules here allow buying coins on no channel.');
    await page.locator('gift-calculator').evaluate((element) => element.setAttribute('region', 'DE'));
    expect(await text(page, '[data-id="sources"]')).toMatch(/available in DE is not known/);
    await page.close();
  });

  it('speaks a site’s language: the German page passes its own words, de-DE formats the figures', async () => {
    const { page, errors } = await open(390, 'light', 'de.html');
    expect(await cells(page, 'gift-calculator h2')).toEqual([
      'Was Münzen kosten',
      'Was ein Budget kauft',
      'Was Geschenke einem Creator bringen',
      'Diamanten auszahlen',
      'Wie die Geschenkwerte berechnet werden',
    ]);
    expect(await cells(page, 'table[part="channels"] th[scope="col"]')).toEqual(['Kanal', 'Erhaltene Münzen', 'Preis', 'Pro Münze']);
    // the same figures as the English page (see the first test), in German digits and words (a no-break space before $)
    expect(await cells(page, 'table[part="channels"] tbody tr:last-child > *')).toEqual([
      'Web top-up (am günstigsten)',
      '1.000 Münzen',
      '10,58\u00a0$',
      '0,01058\u00a0$',
    ]);
    expect(await text(page, '[name="saving"]')).toBe('Wer über Web top-up statt iOS app (App Store) kauft, spart 4,27\u00a0$.');
    // at 390 px each row stacks, every figure beside its column's name in the site's words
    expect(
      await page.locator('table[part="channels"] tbody tr:last-child td').evaluateAll((tds) => tds.map((td) => td.dataset.label)),
    ).toEqual(['Erhaltene Münzen', 'Preis', 'Pro Münze']);
    // 50,000 diamonds × 0.005 = 250.00; PayPal's fee is 0 in the preset (tiktok-payout-methods)
    expect(await text(page, '[name="cashed"]')).toBe(
      '50.000 Diamanten sind 250,00\u00a0$ wert: 250,00\u00a0$ nach der Gebühr von 0,00\u00a0$ (PayPal).',
    );
    expect(await page.locator('gift-calculator div[role="region"]').first().getAttribute('aria-label')).toBe('Preise nach Kanal');
    // the breakdown's step names in the site's words (here: the Rose's three steps, after the region note for DE)
    expect(await cells(page, '[data-id="steps"] tr > th')).toEqual([
      'Region nicht bekannt',
      'Geschenkpreis',
      'Anteil des Creators',
      'Wert der Diamanten',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('loads a table from table-url (validated in its own lazily loaded chunk) and refuses a broken one plainly', async () => {
    const { page, errors } = await open(1280);
    await page.route('**/tables/*.json', (route) =>
      route.fulfill({ json: route.request().url().endsWith('bits.json') ? twitchBitsDocument : { id: 'broken' } }),
    );
    await page.evaluate(() => {
      for (const name of ['bits', 'broken']) {
        const element = document.createElement('gift-calculator');
        element.id = name;
        element.setAttribute('region', 'US');
        element.setAttribute('today', '2026-11-25');
        element.setAttribute('table-url', `/tables/${name}.json`);
        document.body.append(element);
      }
    });
    // the Twitch Bits document, fetched and parsed in the page, answers: its ref is in the sources line
    await page.waitForFunction(
      () => (document.getElementById('bits')?.shadowRoot?.querySelector('[name="given"]')?.textContent ?? '') !== '',
    );
    await page.fill('#bits [name="gift"]', (await page.locator('#bits datalist option').first().getAttribute('value')) ?? '');
    expect(await text(page, '#bits [data-id="sources"]')).toMatch(/twitch-bits@/);
    await page.waitForFunction(
      () => (document.getElementById('broken')?.shadowRoot?.querySelector('[name="saving"]')?.textContent ?? '') !== '',
    );
    expect(await text(page, '#broken [name="saving"]')).toMatch(/^The rate table at \/tables\/broken.json could not be used: /);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers a region code that is not one and a locale Intl does not know with messages, never a page error', async () => {
    const { page, errors } = await open(1280);
    await page.locator('gift-calculator').evaluate((element) => {
      element.setAttribute('locale', 'not a locale!');
      element.setAttribute('region', 'not-a-region');
    });
    expect(await text(page, '[name="given"]')).toMatch(/^region must be an ISO 3166-1 alpha-2 code/);
    await page.locator('gift-calculator').evaluate((element) => element.setAttribute('region', 'ZZ'));
    expect(await text(page, '[name="given"]')).toMatch(/^region must be an ISO 3166-1 alpha-2 code/);
    expect(await page.locator('[name="given"]').getAttribute('class')).toBe('refused');
    await page.selectOption('[name="region"]', 'US');
    // the browser's own locale formats the figures (en-US in this Chromium)
    expect(await text(page, '[name="bought"]')).toMatch(/buys 1,750 coins/);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const width of [390, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`fits ${width} px in ${scheme} mode, 16 px inputs, axe-core clean, no console errors`, async () => {
        const { page, errors } = await open(width, scheme);
        await page.fill('[name="gift"]', 'Lion');
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        // every table fits its card: nothing to scroll sideways (a narrow widget stacks each row under its heading)
        const overflowing = await page
          .locator('gift-calculator')
          .evaluate((element) =>
            Array.from(element.shadowRoot?.querySelectorAll('.scroll') ?? [], (region) => region.scrollWidth - region.clientWidth),
          );
        expect(overflowing).toEqual([0, 0]);
        const fontSizes = await page
          .locator('gift-calculator')
          .evaluate((element) =>
            Array.from(element.shadowRoot?.querySelectorAll('input, select') ?? [], (input) => getComputedStyle(input).fontSize),
          );
        expect(fontSizes.every((size) => Number.parseFloat(size) >= 16)).toBe(true);
        expect(await axeViolations(page)).toEqual([]);
        mkdirSync(output, { recursive: true });
        await page.screenshot({ path: join(output, `calculator-${width}-${scheme}.png`), fullPage: true });
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }
});
