import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsCanRun, launchChromium, servePage } from './serve.js';

// Drives the calculator page in Debian's Chromium, as a person uses it. Expected figures are hand-checked
// from ../shared/data/tiktok.json (see the comments). Runs when /usr/bin/chromium exists (.ci/run installs it).
const root = new URL('../../examples/calculator/', import.meta.url).pathname;
const output = new URL('../../test-output/', import.meta.url).pathname;

describe.runIf(browserTestsCanRun)('calculator page in Chromium', () => {
  let close: (() => void) | undefined;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const served = await servePage(root);
    close = served.close;
    browser = await launchChromium();
    page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(served.url);
    await page.waitForFunction(() => (document.getElementById('coins-out')?.textContent ?? '') !== '');
    expect(errors).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    close?.();
  });

  const text = (id: string) =>
    page
      .locator(`#${id}`)
      .textContent()
      .then((value) => value ?? '');
  const type = async (id: string, value: string) => page.fill(`#${id}`, value);

  it('prices coins on the web and in the app', async () => {
    await type('coins', '1000');
    // web: 13 packs of 70 (9.62) + custom 90 coins (95.4 cents, rounded up to 96) = 10.58; creator 1,000 × 0.005 = 5.00
    expect(await text('coins-out')).toBe('1000 coins cost $10.58 on web; as gifts they yield a creator $5.00');
    expect(await page.locator('#coins-breakdown tr').count()).toBe(3);
    await page.selectOption('#channel', 'ios');
    // iOS: ceil(1000 / 70) = 15 packs × 0.99 = 14.85 for 1,050 coins (1,050 × 0.005 = 5.25 to a creator)
    expect(await text('coins-out')).toBe('1050 coins cost $14.85 on ios; as gifts they yield a creator $5.25');
    await page.selectOption('#channel', 'web');
  });

  it('turns money into coins', async () => {
    await type('budget', '25');
    // web: 33 packs (2,310 coins, 24.42) + custom 54 (57.24 -> 58 cents) = 25.00 for 2,364; 2,365 would cost 25.01
    expect(await text('budget-out')).toBe('$25.00 buys 2364 coins on web');
  });

  it('values gifts and diamonds', async () => {
    await page.selectOption('#gift', '6369');
    await type('count', '3');
    // 3 × 29,999 = 89,997 coins = 89,997 diamonds × 0.005 = 449.985 -> 449.98 (half-even)
    expect(await text('gift-out')).toBe('3 × Lion: 89997 coins → 89997 diamonds → $449.98 for the creator');
    await type('diamonds', '15000');
    // 15,000 × 0.005 = 75.00; USD 100 needs 19,999 diamonds (99.995 -> 100.00, half-even): 4,999 more
    expect(await text('diamonds-out')).toBe('$75.00: 4999 more diamonds until you can withdraw (minimum $100.00)');
    await type('diamonds', '50000');
    expect(await text('diamonds-out')).toBe('$250.00: withdraw $250.00 now, net $250.00');
  });

  it('shows refusals and bad input as messages', async () => {
    await page.selectOption('#region', 'KR');
    await type('age', '18');
    expect(await text('coins-out')).toBe('Not available: buy-coins needs age 19 or over in KR; the age given is 18');
    await page.selectOption('#region', 'RU');
    expect(await text('gift-out')).toMatch(/^Not available: send-gifts is not available in RU/);
    await page.selectOption('#region', 'US');
    await type('coins', '1.5');
    expect(await text('coins-out')).toMatch(/coins must be a whole number/);
    expect(await page.locator('#coins-out').getAttribute('class')).toBe('refusal');
    await type('coins', '5000');
    mkdirSync(output, { recursive: true });
    await page.screenshot({ path: join(output, 'calculator.png'), fullPage: true });
    expect(existsSync(join(output, 'calculator.png'))).toBe(true);
  });
});
