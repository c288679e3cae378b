import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsCanRun, launchChromium, servePage } from './serve.js';

// The live overlay example (examples/overlay) in Debian's Chromium: it replays the shared sample stream
// (../shared/data/live-events-sample.json, copied beside the page) with its timing, sped up 20 times.
// Expected totals: ../shared/data/live-events-expected.json (35,581 and 31,013 coins).
const root = new URL('../../examples/overlay/', import.meta.url).pathname;
const output = new URL('../../test-output/', import.meta.url).pathname;

describe.runIf(browserTestsCanRun)('live overlay page in Chromium', () => {
  let close: (() => void) | undefined;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    const served = await servePage(root);
    close = served.close;
    url = `${served.url}?speed=20`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    close?.();
  });

  it.each([390, 1280])(
    'replays the stream at %i px: leaderboard, money per receiver, combos, goal',
    async (width) => {
      const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'en-US' });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      const combos: string[] = [];
      await page.exposeFunction('recordCombo', (text: string) => combos.push(text));
      await page.addInitScript(() => {
        new MutationObserver(() => {
          const combo = document.getElementById('combo')?.textContent ?? '';
          if (combo) (window as unknown as { recordCombo: (text: string) => void }).recordCombo(combo);
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });
      await page.goto(url);
      await page.waitForSelector('body[data-done="true"]', { timeout: 30_000 });
      const cells = async (body: string) =>
        page.locator(`#${body} tr`).evaluateAll((rows) => rows.map((row) => Array.from(row.children, (cell) => cell.textContent ?? '')));
      // 35,581 coins → $177.90 (35,581 × 0.005 = 177.905, half-even); 31,013 → $155.06 (155.065 → 155.06)
      expect(await cells('receivers')).toEqual([
        ['7000000000000000001', '35,581', '$177.90'],
        ['7000000000000000002', '31,013', '$155.06'],
      ]);
      expect((await cells('gifters'))[0]?.[1]).toBe('35,001'); // dave_fan: a 34,999-coin gift and 2 Roses
      expect(await page.locator('#room').textContent()).toBe('66,594 coins');
      expect(
        combos.some((text) => text.includes('combo running')),
        JSON.stringify(combos),
      ).toBe(true);
      expect(await page.locator('#status').textContent()).toMatch(/^Replayed 29 events: 1 duplicate dropped/);
      // every table fits the page, a receiver's 19-digit id wrapping if it must
      const overflow = await page.evaluate(() => {
        const body = document.body.getBoundingClientRect().right - Number.parseFloat(getComputedStyle(document.body).paddingRight);
        return Array.from(document.querySelectorAll('table'), (table) =>
          Math.max(0, Math.ceil(table.getBoundingClientRect().right - body)),
        );
      });
      expect(overflow).toEqual([0, 0]);
      expect(errors).toEqual([]);
      mkdirSync(output, { recursive: true });
      await page.screenshot({ path: join(output, `overlay-${width}.png`), fullPage: true });
      await page.close();
    },
    60_000,
  );
});
