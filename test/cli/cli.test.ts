import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { twitchBits } from '../../src/presets/twitch-bits.js';

// The built CLI, run as a person runs it (npm test builds first: see the pretest script).
const cli = new URL('../../dist/esm/cli/main.js', import.meta.url).pathname;
const sample = new URL('../../../shared/data/live-events-sample.json', import.meta.url).pathname;

/** Runs the CLI as a user's shell would pipe it: no colour, whatever the environment says. */
function run(...args: string[]) {
  return runWith({ NO_COLOR: '1' }, ...args);
}

function runWith(env: Record<string, string>, ...args: string[]) {
  const { FORCE_COLOR: _, NO_COLOR: __, ...rest } = process.env;
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...rest, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.runIf(existsSync(cli))('gift-economy CLI', () => {
  it('coins: each channel side by side and the creator value', () => {
    const { status, stdout, stderr } = run('coins', '1000');
    expect(status).toBe(0);
    expect(stderr).toBe('');
    // iOS: 15 packs × 0.99 = 14.85; web: 13 packs + custom 90 = 10.58; creator 1,000 × 0.005 = 5.00
    expect(stdout).toMatch(/ios\s+\$14\.85\s+1,050/);
    expect(stdout).toMatch(/web\s+\$10\.58\s+1,000/);
    expect(stdout).toContain('you save $4.27');
    expect(stdout).toContain('= $5.00');
  });

  it('groups the counts in its sentences too', () => {
    // 15,000 × 0.005 = 75.00 < USD 100; 100.00 needs 19,999 diamonds (99.995, half-even): 4,999 more
    expect(run('diamonds', '15000').stdout).toContain('Not withdrawable yet: 4,999 more diamonds needed.');
    expect(run('quote', '5000', '--channel', 'web').stdout).toContain('Cheapest way to get 5,000 coins on web');
    expect(run('coins', '1000', '--locale', 'de-DE').stdout).toMatch(/^1\.000 coins on tiktok@/);
  });

  it('formats amounts for the locale', () => {
    expect(run('gift', 'lion', '--count', '3', '--locale', 'de-DE').stdout).toMatch(/449,98\s€|449,98\s\$/);
  });

  it('--json prints the typed result with amounts as strings, and nothing else', () => {
    const { stdout, status } = run('quote', '5000', '--channel', 'web', '--json');
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.price).toEqual({ amount: '52.86', currency: 'USD' });
    expect(result.lines.map((l: { coins: number; count: number }) => [l.coins, l.count])).toEqual([
      [70, 71],
      [30, 1],
    ]);
  });

  it('answers every question of the conversions issue', () => {
    expect(run('gift', 'lion', '--count', '3').stdout).toMatch(/89,997\s+89,997\s+\$449\.98/);
    expect(run('diamonds', '50000').stdout).toContain('A withdrawal is possible now.');
    // 250.00 USD × 0.92 = 230.00 EUR
    expect(run('diamonds', '50000', '--currency', 'EUR', '--fx', '0.92').stdout).toContain('Net in EUR: €230.00.');
    // 65 Roses in the UK: GBP 0.89 paid; creator 0.32 USD × 0.79 = 0.2528 -> GBP 0.25
    expect(run('flow', 'rose', '--count', '65', '--channel', 'ios', '--region', 'GB', '--fx', '0.79').stdout).toMatch(/creator\s+£0\.25/);
    expect(run('budget', '25', '--currency', 'USD').stdout).toMatch(/ios\s+1,750\s+\$24\.75/);
    const flow = run('flow', 'rose', '--count', '100', '--channel', 'ios').stdout;
    // 2 packs = 1.98: commission 0.594 -> 0.59; 40 unspent of 140 -> 0.56; creator 0.50; platform 0.33
    expect(flow).toMatch(/store commission\s+\$0\.59/);
    expect(flow).toMatch(/platform\s+\$0\.33/);
    expect(run('check', '--region', 'RU', '--feature', 'buy-coins', '--age', '17').stdout).toContain('Refused (AGE)');
    expect(run('check', '--region', 'KR', '--feature', 'send-gifts').stdout).toContain('from age 19');
    const balance = run('balance', '--coins', '1234', '--diamonds', '15000', '--target', 'lion').stdout;
    expect(balance).toContain('28765 missing');
    expect(balance).toContain('4999 more diamonds needed');
    expect(run('tables').stdout).toMatch(/twitch-bits\s+2026-11-25/);
  });

  it('loads each preset a command names, and checks --locale by its form', () => {
    // presets are loaded on demand: every one is still listed and usable by name
    expect(JSON.parse(run('tables', '--json').stdout).map((t: { preset: string }) => t.preset)).toEqual([
      'tiktok',
      'twitch-bits',
      'facebook-stars',
    ]);
    expect(run('coins', '100', '--preset', 'twitch-bits').stdout).toMatch(/twitch-bits@2026-11-25/);
    const bad = run('coins', '100', '--locale', 'en_US');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--locale must be a BCP 47 language tag/);
    expect(bad.stdout).toBe('');
  });

  it('settles the live-event sample to the hand-computed totals', () => {
    const { stdout, status } = run('settle', sample);
    expect(status).toBe(0);
    // ../shared/data/live-events-expected.json: 35,581 and 31,013 coins (counts grouped for the locale)
    expect(stdout).toMatch(/7000000000000000001\s+35,581/);
    expect(stdout).toMatch(/7000000000000000002\s+31,013/);
    expect(stdout).toContain('1 duplicates dropped');
    expect(stdout).toContain('99999001');
  });

  it('settles our own events from JSON lines and from a JSON array', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gift-economy-'));
    const events = [
      { creatorId: 'a', giftCoins: 100, repeatCount: 3 },
      { creatorId: 'b', giftCoins: 1 },
    ];
    writeFileSync(join(dir, 'e.jsonl'), events.map((e) => JSON.stringify(e)).join('\n'));
    writeFileSync(join(dir, 'e.json'), JSON.stringify(events, null, 2));
    for (const file of ['e.jsonl', 'e.json']) {
      const result = JSON.parse(run('settle', join(dir, file), '--json').stdout);
      expect(result.totals.coins).toBe(301);
      // 301 diamonds × 0.005 = 1.505 -> 1.50 (half-even, per creator: 1.50 + 0.005 -> 0.00)
      expect(result.totals.value).toEqual({ amount: '1.50', currency: 'USD' });
    }
  });

  it.each([
    [['coins', '1.5'], /N must be a whole number/],
    [['coins', '-3'], /N must be a whole number/],
    [['gift', 'unicorn'], /unknown gift "unicorn"/],
    [['gift', 'rose', '--count', '0'], /count must be at least 1/],
    [['check', '--region', 'XX', '--feature', 'buy-coins'], /ISO 3166-1/],
    [['quote', '100'], /needs --channel/],
    [['quote', '100', '--channel', 'fax'], /channel must be one of ios, android, web/],
    [['coins', '10', '--table', '/nonexistent.json'], /cannot read the table file/],
    [['coins', '10', '--preset', 'myspace'], /--preset must be one of/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['settle', '/nonexistent.jsonl'], /cannot read the events file "\/nonexistent.jsonl": it is missing or unreadable/],
    // issue 18: every one of these was silently accepted by 0.1.0
    [['gift', 'lion', '--cuont', '3'], /gift has no option --cuont; did you mean --count\?/],
    [['coins', '1000', '--chanel', 'web'], /coins has no option --chanel/],
    [['coins', '1', '2'], /unexpected argument "2": coins takes N/],
    [['flow', 'Rose', '--channel', 'web', '--fx', 'NaN'], /--fx must be a positive decimal rate/],
    [['settle', new URL('../../src', import.meta.url).pathname], /it is a directory/],
    [['quote', '100', '--channel', 'web', '--channel', 'ios'], /--channel is given twice/],
    [['quote', '100', '--channel'], /--channel needs a value/],
    [['tabels'], /unknown command "tabels"; did you mean tables\?/],
  ])('bad input %j: one line on stderr, status 2, nothing on stdout', (args, message) => {
    const { status, stdout, stderr } = run(...(args as string[]));
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('target: money to diamonds, coins and gifts; chest: a seeded split where every coin is accounted for', () => {
    const target = run('target', '1000', '--gift', 'lion');
    // USD 1,000 at USD 0.005 a diamond: 200,000 diamonds, but 199,999 × 0.005 = 999.995 rounds half-even to 1,000.00;
    // at 1 diamond per coin that is 199,999 coins, and 7 Lions (7 × 29,999 = 209,993 coins) are the fewest that reach it
    expect(target.status).toBe(0);
    expect(target.stdout).toMatch(/199,999\s+199,999\s+7/);
    const chest = run('chest', '1000', '--claimants', '3', '--viewers', 'ann,bo,cy,dee', '--seed', '7', '--json');
    const split = JSON.parse(chest.stdout) as { shares: { viewer: string; coins: number }[]; returned: number };
    expect(split.shares.map((share) => share.viewer)).toEqual(['ann', 'bo', 'cy']); // dee claimed fourth: no place left
    expect(split.shares.reduce((sum, share) => sum + share.coins, 0) + split.returned).toBe(1000);
    expect(run('chest', '10', '--claimants', '2', '--preset', 'twitch-bits').status).toBe(1); // no chests there
    expect(run('chest', '10').stderr).toContain('chest needs --claimants N');
  });

  it('colours refusals and errors only on a terminal or with FORCE_COLOR, never with NO_COLOR', () => {
    const refusal = ['check', '--region', 'KR', '--feature', 'buy-coins', '--age', '18'];
    const esc = '\u001b';
    expect(runWith({ FORCE_COLOR: '1' }, ...refusal).stdout.startsWith(`${esc}[33mRefused (AGE)`)).toBe(true);
    expect(runWith({ FORCE_COLOR: '1', NO_COLOR: '1' }, ...refusal).stdout).toMatch(/^Refused \(AGE\)/);
    expect(runWith({}, ...refusal).stdout).toMatch(/^Refused \(AGE\)/); // piped: plain
    expect(runWith({ FORCE_COLOR: '1' }, 'coins', '1', '2').stderr.startsWith(`${esc}[31mgift-economy: unexpected argument`)).toBe(true);
  });

  it('exit status: 0 an answer, 1 a refusal or "not known" (so `if gift-economy check …` works), --version', () => {
    expect(run('check', '--region', 'US', '--feature', 'send-gifts', '--age', '18').status).toBe(0);
    const refused = run('check', '--region', 'KR', '--feature', 'buy-coins', '--age', '18');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('Refused (AGE): buy-coins needs age 19 or over in KR');
    // TikTok publishes no country list (tiktok-send-gift-cs): BR is neither allowed nor refused
    const unknown = run('check', '--region', 'BR', '--feature', 'send-gifts', '--age', '30');
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toMatch(/^Not known: whether send-gifts is available in BR is not known/);
    expect(run('quote', '100', '--channel', 'ios', '--region', 'KR', '--age', '18').status).toBe(1);
    // DE is not listed, so its currency is not known: a refusal naming USD and GBP, or the default prices when allowed
    const de = run('quote', '70', '--channel', 'ios', '--region', 'DE');
    expect([de.status, de.stdout]).toEqual([1, expect.stringContaining('Refused (NO_PRICE)')]);
    const fallback = run('quote', '70', '--channel', 'ios', '--region', 'DE', '--currency-fallback');
    expect(fallback.status).toBe(0);
    expect(fallback.stdout).toMatch(/currency-fallback\s+DE\s+the table does not list DE/);
    expect(fallback.stdout).toContain(
      'Figures: tiktok-send-gift-cs (retrieved 2026-11-25), tiktok-gifts-hr (retrieved 2026-11-25), backtofront (retrieved 2026-11-25); confidence: sourced.',
    );
    expect(run('budget', '5', '--region', 'DE').stderr).toContain('pass --currency CODE (USD, GBP) or --currency-fallback');
    // a currency the table does not pay out in, without an FX rate, is a refusal, never a silent USD answer
    const euros = run('diamonds', '50000', '--currency', 'EUR');
    expect(euros.status).toBe(1);
    expect(euros.stdout).toContain(
      'Refused (NO_PRICE): tiktok@2026-11-25 pays out in USD; no EUR amount is known without an exchange rate',
    );
    expect(run('diamonds', '50000', '--currency', 'EUR', '--fx', '0.92', '--fx-source', 'ECB').stdout).toContain('Net in EUR: €230.00.');
    const version = run('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^gift-economy \d+\.\d+\.\d+$/);
  });

  it('sql prints the settlement query for a dialect, with --explain naming each rule', () => {
    const { status, stdout, stderr } = run('sql', '--dialect', 'postgres', '--source', 'analytics.gifts', '--explain');
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('FROM "analytics"."gifts"');
    expect(stdout).toMatch(/^-- diamond value: 0\.005 USD per diamond = 1\/2 minor units, rounded half-even/m);
    expect(run('sql', '--dialect', 'duckdb', '--file', 'events.parquet').stdout).toContain("read_parquet('events.parquet')");
    expect(run('sql', '--dialect', 'oracle', '--source', 'g')).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/--dialect must be duckdb or postgres/),
    });
    expect(run('sql', '--dialect', 'duckdb')).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/exactly one of --source TABLE or --file PATH/),
    });
  });

  it('refuses a malformed table file with every problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gift-economy-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ id: 'x', currencies: ['usd'] }));
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    expect(run('coins', '10', '--table', join(dir, 'bad.json'))).toMatchObject({
      status: 2,
      stdout: '',
      stderr: expect.stringMatching(/invalid rate table \(\d+ problems\)/),
    });
    expect(run('coins', '10', '--table', join(dir, 'broken.json'))).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/not valid JSON/),
    });
  });

  it('reads a rate table from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gift-economy-'));
    writeFileSync(join(dir, 'bits.json'), JSON.stringify(twitchBits));
    const { status, stdout } = run('coins', '1000', '--table', join(dir, 'bits.json'));
    expect(status).toBe(0);
    // two 500-Bit web packs at 7.00 = 14.00; 1,000 Bits × USD 0.01 = 10.00 to the streamer
    expect(stdout).toMatch(/web\s+\$14\.00\s+1,000/);
    expect(stdout).toContain('= $10.00');
  });

  it('never fails with anything but a clear status-2 error on junk arguments', () => {
    const token = fc.constantFrom(
      'coins',
      'gift',
      'quote',
      'budget',
      'check',
      'balance',
      'flow',
      'diamonds',
      '--channel',
      '--region',
      '--age',
      '--count',
      '--json',
      '--at',
      'web',
      'XX',
      'US',
      '-1',
      '1.5',
      '1e309',
      'NaN',
      '__proto__',
      'lion',
      '70',
      '9007199254740993',
      '--locale',
      'xx-invalid-!!',
    );
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 6 }), (args) => {
        const { status, stdout, stderr } = run(...args);
        expect([0, 2], `${args.join(' ')}: ${stderr}`).toContain(status);
        if (status === 2) {
          expect(stdout).toBe('');
          expect(stderr.trim().split('\n')).toHaveLength(1);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('--help for each command, with an example', () => {
    for (const command of ['coins', 'gift', 'diamonds', 'quote', 'budget', 'flow', 'check', 'balance', 'settle', 'tables']) {
      const { stdout, status } = run(command, '--help');
      expect(status).toBe(0);
      expect(stdout).toContain(`e.g. gift-economy ${command}`);
    }
    expect(run().stdout).toContain('Commands:');
  });
});
