#!/usr/bin/env node
import { accessSync, constants, readFileSync, statSync, writeFileSync } from 'node:fs';
import { check, type Refusal, refusal } from '../availability/check.js';
import { viewerBalance } from '../convert/balance.js';
import { type Breakdown, formatAmount, formatBreakdown } from '../convert/breakdown.js';
import { budgetCoins } from '../convert/budget-coins.js';
import { compareChannels } from '../convert/compare.js';
import { moneyFlow } from '../convert/flow.js';
import { sendGifts } from '../convert/gift.js';
import { cashOut } from '../convert/payout.js';
import { payoutTarget } from '../convert/payout-target.js';
import { quoteCoins } from '../convert/quote.js';
import { diamondsForCoins, diamondsValueMinor } from '../convert/rates.js';
import { defined } from '../defined.js';
import { EconomyError } from '../errors.js';
import { chestSplit } from '../ledger/chest.js';
import { Money } from '../money/money.js';
import type { FileSettlement } from '../node/settle-file.js';
import type { RateTable } from '../table/compile.js';
import type { Provenance } from '../table/provenance.js';
import { type CommandSpec, type Parsed, parseArgs, UsageError } from './args.js';
import { table as textTable, toJson } from './format.js';

/** The presets by name, each loaded (and compiled) only when a command names it. */
const PRESETS: Readonly<Record<string, () => Promise<RateTable>>> = {
  tiktok: async () => (await import('../presets/tiktok.js')).tiktok,
  'twitch-bits': async () => (await import('../presets/twitch-bits.js')).twitchBits,
  'facebook-stars': async () => (await import('../presets/facebook-stars.js')).facebookStars,
};

const COMMON = `Options for every command:
  --preset NAME     tiktok (default), twitch-bits, facebook-stars
  --table FILE      a JSON rate table instead of a preset
  --region CODE     ISO 3166-1 alpha-2 region (default US)
  --locale TAG      locale for amounts (default en-US)
  --at DATE         judge dated rules at this date (default: the table's effective date)
  --json            print the typed result as JSON (amounts as strings) and nothing else
Where a command takes them: --channel ID (ios, android, web, …), --currency CODE, --age N,
  --currency-fallback (a region with no prices in its currency, or not listed: the default region's prices, said so).
Exit status: 0 an answer, 1 a refusal or "not known", 2 a usage error or bad input.
Colour: refusals and errors on a terminal; none when piped or with NO_COLOR (FORCE_COLOR=1 forces it).`;

/** What each command accepts beyond the common options; anything else is a usage error. */
const SPECS: Readonly<Record<string, CommandSpec>> = {
  coins: { positional: ['N'], options: ['currency', 'age', 'currency-fallback'] },
  gift: { positional: ['NAME'], options: ['count', 'age'] },
  diamonds: { positional: ['N'], options: ['method', 'currency', 'fx', 'fx-source', 'age'] },
  quote: { positional: ['N'], options: ['channel', 'currency', 'age', 'currency-fallback'] },
  budget: { positional: ['AMOUNT'], options: ['channel', 'currency', 'age', 'currency-fallback'] },
  flow: { positional: ['GIFT'], options: ['channel', 'count', 'currency', 'fx', 'fx-source', 'age', 'currency-fallback'] },
  check: { positional: [], options: ['feature', 'channel', 'currency', 'age'] },
  balance: { positional: [], options: ['coins', 'diamonds', 'target', 'channel', 'currency', 'age', 'currency-fallback'] },
  target: { positional: ['AMOUNT'], options: ['net', 'method', 'gift'] },
  chest: { positional: ['COINS'], options: ['claimants', 'viewers', 'seed', 'countdown'] },
  settle: {
    positional: ['FILE'],
    options: ['threads', 'on-invalid', 'rejects', 'by', 'top', 'csv', 'creator-column', 'gifter-column', 'gift-column', 'repeat-column'],
  },
  tables: { positional: [], options: [] },
  gifts: { positional: [], options: ['diff'] },
  sql: {
    positional: [],
    options: ['dialect', 'source', 'file', 'format', 'by', 'explain', 'creator-column', 'gifter-column', 'gift-column', 'repeat-column'],
  },
};

const HELP: Record<string, string> = {
  coins: 'gift-economy coins N\n  What N coins cost on each channel, and what they yield a creator.\n  e.g. gift-economy coins 1000',
  gift: 'gift-economy gift NAME [--count K]\n  The coins, diamonds and money of K gifts sent in one go.\n  e.g. gift-economy gift lion --count 3',
  diamonds:
    'gift-economy diamonds N [--method ID] [--currency CODE --fx RATE --fx-source TEXT]\n  The value of N diamonds and what a payout brings, optionally converted.\n  e.g. gift-economy diamonds 50000 --currency EUR --fx 0.92 --fx-source "ECB reference rate"',
  quote:
    'gift-economy quote N --channel ID\n  The cheapest purchase of at least N coins on one channel.\n  e.g. gift-economy quote 5000 --channel web',
  budget:
    'gift-economy budget AMOUNT [--currency CODE] [--channel ID]\n  How many coins a budget buys on each channel (or one).\n  e.g. gift-economy budget 25 --currency USD',
  flow: "gift-economy flow GIFT [--count K] --channel ID [--fx RATE]\n  Where the viewer's money goes when buying coins for K gifts (--fx: the payout currency into the purchase currency).\n  e.g. gift-economy flow rose --count 100 --channel ios",
  check:
    'gift-economy check --region CODE --feature ID [--age N] [--channel ID]\n  May a person there, of that age, use the feature?\n  e.g. gift-economy check --region RU --feature buy-coins --age 17',
  balance:
    'gift-economy balance [--coins N] [--diamonds N] [--target GIFT]\n  What balances afford, the top-up needed, and whether a withdrawal is possible.\n  e.g. gift-economy balance --coins 1234 --diamonds 20000',
  target:
    'gift-economy target AMOUNT [--net] [--method ID] [--gift NAME]\n  The diamonds, coins of gifts and (with --gift) gifts a creator needs for AMOUNT in the payout currency (--net: after the payout fee).\n  e.g. gift-economy target 1000 --gift lion',
  chest:
    'gift-economy chest COINS --claimants N [--viewers a,b,c] [--seed S] [--countdown SECONDS]\n  How a treasure chest of COINS shares out among the viewers who claim it (seeded, every coin accounted for).\n  e.g. gift-economy chest 1000 --claimants 3 --viewers ann,bo,cy --seed 7',
  settle:
    'gift-economy settle FILE|- [--threads N] [--on-invalid fail|skip] [--rejects FILE] [--by creator|gifter] [--top N] [--csv]\n  Totals per creator (or gifter) of JSON lines, CSV, Parquet, a JSON array, gzip (.gz) or stdin (-) of gift\n  events, ours ({ creatorId, giftCoins, repeatCount, gifterId? }) or tiktok-live-connector events; JSON lines,\n  CSV and Parquet in parallel.\n  e.g. gift-economy settle events.jsonl --top 10',
  tables: 'gift-economy tables\n  The built-in presets and their versions.\n  e.g. gift-economy tables',
  gifts:
    "gift-economy gifts [--diff FILE]\n  The table's gifts; with --diff, how a saved tiktok-live-connector gift list (getAvailableGifts) differs:\n  price changes, gifts added or removed, ids reissued.\n  e.g. gift-economy gifts --diff gifts.json",
  sql: 'gift-economy sql --dialect duckdb|postgres (--source TABLE | --file PATH [--format json|csv|parquet]) [--by creator|gifter] [--explain]\n  One SQL query that settles your events where they live, exactly as settle does (rounding modes and scope included).\n  Column names: --creator-column, --gifter-column, --gift-column, --repeat-column (defaults creatorId, gifterId, giftCoins, repeatCount).\n  e.g. gift-economy sql --dialect duckdb --file events.parquet --explain',
};

const USAGE = `gift-economy — exact calculator for live-stream gift economies (coins, gifts, diamonds, payouts)

Usage: gift-economy <command> [arguments] [options]

Commands:
${Object.values(HELP)
  .map((text) => `  ${text.split('\n')[0]?.replace('gift-economy ', '')}`)
  .join('\n')}

${COMMON}

Run gift-economy <command> --help for examples.`;

interface Context {
  readonly args: Parsed;
  readonly table: RateTable;
  readonly region: string;
  readonly locale: string;
  readonly json: boolean;
  readonly out: string[];
  /** Set when the answer is a refusal or "not known" (exit status 1). */
  refused: boolean;
}

async function main(argv: readonly string[]): Promise<{ text: string; status: number }> {
  const args = parseArgs(argv, SPECS);
  if (args.options.has('version')) return { text: version(), status: 0 };
  if (args.command === undefined || args.command === 'help') return { text: USAGE, status: 0 };
  const help = HELP[args.command] as string;
  if (args.options.has('help')) return { text: `${help}\n\n${COMMON}`, status: 0 };
  const context: Context = {
    args,
    table: await loadTable(args),
    region: option(args, 'region') ?? 'US',
    locale: option(args, 'locale') ?? 'en-US',
    json: args.options.has('json'),
    out: [],
    refused: false,
  };
  try {
    // the tag's form only: a first Intl.NumberFormat loads locale data (about 25 ms), which --json never needs
    Intl.getCanonicalLocales(context.locale);
  } catch {
    throw new UsageError(`--locale must be a BCP 47 language tag such as en-US or de-DE, got "${context.locale}"`);
  }
  const text = (await COMMANDS[args.command]?.(context)) ?? '';
  return { text, status: context.refused ? 1 : 0 };
}

/** The package version, read from the package's own package.json (dist/esm/cli/main.js is three levels down). */
function version(): string {
  const json = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `gift-economy ${json.version}`;
}

const COMMANDS: Record<string, (context: Context) => string | Promise<string>> = {
  coins(context) {
    const coins = wholeArgument(context, 'N');
    const comparison = compareChannels(context.table, { coins, region: context.region, ...buyer(context) });
    const diamonds = diamondsForCoins(context.table, coins);
    const value = Money.fromMinor(diamondsValueMinor(context.table, diamonds), context.table.document.diamondValue.currency);
    if (context.json)
      return toJson({
        coins,
        channels: comparison.channels,
        cheapest: comparison.cheapest?.channel,
        saving: comparison.saving,
        creator: { diamonds, value },
      });
    const rows = comparison.channels.map(({ channel, answer }) =>
      answer.ok
        ? [channel, fmt(context, answer.price), count(context, answer.coinsReceived), perCoin(context, answer.pricePerCoin)]
        : [channel, '—', '—', answer.reason],
    );
    return [
      `${count(context, coins)} coins on ${context.table.ref} in ${context.region}`,
      '',
      textTable(['channel', 'price', 'coins received', 'per coin'], rows),
      '',
      comparison.cheapest && comparison.saving
        ? `Cheapest on ${comparison.cheapest.channel}: you save ${fmt(context, comparison.saving)} against ${comparison.dearest?.channel}.`
        : '',
      `A creator receiving gifts worth ${count(context, coins)} coins gets ${count(context, diamonds)} ${context.table.document.units.diamond}s = ${fmt(context, value)} (before payout fees).`,
    ]
      .filter((line, index, all) => line !== '' || all[index - 1] !== '')
      .join('\n');
  },
  gift(context) {
    const name = argument(context, 'NAME');
    const answer = sendGifts(context.table, { gift: name, count: wholeOption(context, 'count') ?? 1, ...maybeRegion(context) });
    if (!answer.ok) return refuse(context, answer);
    if (context.json) return toJson(answer);
    return [
      `${count(context, answer.count)} × ${answer.gift.name} (gift ${answer.gift.id}) on ${context.table.ref}`,
      '',
      textTable(
        ['coins', context.table.document.units.diamond + 's', 'value'],
        [[count(context, answer.coins), count(context, answer.diamonds), fmt(context, answer.value)]],
      ),
      '',
      breakdownText(answer, context),
    ].join('\n');
  },
  diamonds(context) {
    const diamonds = wholeArgument(context, 'N');
    const method = option(context.args, 'method');
    const currency = option(context.args, 'currency');
    const payoutCurrency = context.table.document.payout.currency;
    if (currency !== undefined && currency !== payoutCurrency && option(context.args, 'fx') === undefined) {
      // never a silent answer in another currency: the table pays out in one currency, and no rate was given
      return refuse(
        context,
        refusal('NO_PRICE', `${context.table.ref} pays out in ${payoutCurrency}; no ${currency} amount is known without an exchange rate`, [
          { text: `give --fx RATE (${currency} per ${payoutCurrency}) and --fx-source TEXT` },
          { text: `or leave out --currency for ${payoutCurrency}` },
        ]),
      );
    }
    const answer = cashOut(context.table, {
      diamonds,
      ...(method ? { method } : {}),
      ...maybeRegion(context),
      ...fxOption(context, currency ?? context.table.document.payout.currency),
    });
    if (!answer.ok) return refuse(context, answer);
    if (context.json) return toJson(answer);
    return [
      `${count(context, diamonds)} ${context.table.document.units.diamond}s on ${context.table.ref}`,
      '',
      textTable(
        ['gross', 'withdraw now', 'fee', 'net'],
        [[fmt(context, answer.gross), fmt(context, answer.withdrawal), fmt(context, answer.fee), fmt(context, answer.net)]],
      ),
      '',
      ...(answer.converted ? [`Net in ${answer.converted.currency}: ${fmt(context, answer.converted)}.`] : []),
      answer.withdrawable === undefined
        ? 'Whether this can be withdrawn is not known: no minimum withdrawal is published.'
        : answer.withdrawable
          ? 'A withdrawal is possible now.'
          : `Not withdrawable yet: ${count(context, answer.diamondsMissing)} more ${context.table.document.units.diamond}s needed.`,
      '',
      breakdownText(answer, context),
    ].join('\n');
  },
  quote(context) {
    const coins = wholeArgument(context, 'N');
    const channel = required(context, 'channel');
    const answer = quoteCoins(context.table, { coins, channel, region: context.region, ...buyer(context) });
    if (!answer.ok) return refuse(context, answer);
    if (context.json) return toJson(answer);
    const rows = answer.lines.map((line) => [
      line.kind === 'bundle' ? `${line.coins}-coin bundle` : 'custom amount',
      count(context, line.count),
      count(context, line.coins * line.count),
      fmt(context, line.total),
    ]);
    return [
      `Cheapest way to get ${count(context, coins)} coins on ${channel} (${context.table.ref}, ${context.region})`,
      '',
      textTable(['line', 'count', 'coins', 'price'], rows),
      '',
      `Total ${fmt(context, answer.price)} for ${count(context, answer.coinsReceived)} coins, ${perCoin(context, answer.pricePerCoin)} per coin.`,
      '',
      breakdownText(answer, context),
    ].join('\n');
  },
  budget(context) {
    const text = argument(context, 'AMOUNT');
    const budget = Money.of(text, purchaseCurrency(context));
    const channels = option(context.args, 'channel')
      ? [option(context.args, 'channel') as string]
      : context.table.document.channels.map((c) => c.id);
    const answers = channels.map((channel) => ({
      channel,
      answer: budgetCoins(context.table, { budget, channel, region: context.region, ...buyer(context) }),
    }));
    if (context.json) return toJson({ budget, channels: answers });
    const rows = answers.map(({ channel, answer }) =>
      answer.ok ? [channel, count(context, answer.coinsReceived), fmt(context, answer.price)] : [channel, '—', answer.reason],
    );
    const single = answers.length === 1 && answers[0]?.answer.ok ? answers[0].answer : undefined;
    return [
      `What ${fmt(context, budget)} buys on ${context.table.ref} in ${context.region}`,
      '',
      textTable(['channel', 'coins', 'spent'], rows),
      ...(single ? ['', breakdownText(single, context)] : []),
    ].join('\n');
  },
  flow(context) {
    const gift = argument(context, 'GIFT');
    const channel = required(context, 'channel');
    const answer = moneyFlow(context.table, {
      gift,
      count: wholeOption(context, 'count') ?? 1,
      channel,
      region: context.region,
      ...buyer(context),
      ...fxOption(context, purchaseCurrency(context)),
    });
    if (!answer.ok) return refuse(context, answer);
    if (context.json) return toJson(answer);
    const p = answer.parts;
    const rows: [string, Money][] = [
      ['store commission', p.storeCommission],
      ['unspent coins', p.unspentCoins],
      ['creator', p.creator],
      ['agency', p.agency],
      ['payout fee', p.payoutFee],
      ['rounding residue', p.residue],
      ['platform', p.platform],
    ];
    return [
      `Where ${fmt(context, answer.paid)} goes (${context.table.ref}, ${channel}, ${context.region})`,
      '',
      textTable(
        ['part', 'amount'],
        [...rows.map(([name, amount]) => [name, fmt(context, amount)]), ['total paid', fmt(context, answer.paid)]],
      ),
      '',
      breakdownText(answer, context),
    ].join('\n');
  },
  check(context) {
    const feature = required(context, 'feature');
    const channel = option(context.args, 'channel');
    const answer = check(context.table, {
      region: required(context, 'region'),
      feature,
      ...(channel ? { channel } : {}),
      ...buyer(context),
    });
    context.refused = !answer.ok;
    if (context.json) return toJson(answer);
    if (answer.ok) {
      return [
        `Allowed: ${feature} in ${context.region}${answer.minAge !== undefined ? ` from age ${answer.minAge}` : ''}, through ${answer.channels.join(', ')}, in ${answer.currency}.`,
        sourcesText(answer),
      ].join('\n');
    }
    if (answer.status === 'unknown') {
      return [
        `Not known: ${answer.reason}.`,
        ...answer.alternatives.map((alternative) => `  note: ${alternative.text}`),
        sourcesText(answer),
      ].join('\n');
    }
    return [
      `Refused (${answer.code}): ${answer.reason}.`,
      ...answer.alternatives.map((alternative) => `  instead: ${alternative.text}`),
    ].join('\n');
  },
  target(context) {
    const currency = context.table.document.payout.currency;
    const answer = payoutTarget(context.table, {
      target: Money.of(argument(context, 'AMOUNT'), currency),
      basis: context.args.options.has('net') ? 'net' : 'gross',
      ...defined({ method: option(context.args, 'method'), gift: option(context.args, 'gift') }),
    });
    if (context.json) return toJson(answer);
    const units = context.table.document.units;
    return [
      `${fmt(context, answer.target)} ${answer.basis === 'net' ? 'net of the payout fee' : 'gross'} on ${context.table.ref}`,
      '',
      textTable(
        [`${units.diamond}s`, `${units.coin}s of gifts`, ...(answer.gifts === undefined ? [] : ['gifts'])],
        [
          [
            count(context, answer.diamonds),
            count(context, answer.coins),
            ...(answer.gifts === undefined ? [] : [count(context, answer.gifts)]),
          ],
        ],
      ),
      '',
      breakdownText(answer, context),
    ].join('\n');
  },
  chest(context) {
    const coins = wholeArgument(context, 'COINS');
    const claimants = wholeOption(context, 'claimants');
    if (claimants === undefined) throw new UsageError('chest needs --claimants N');
    const viewers = (option(context.args, 'viewers') ?? '').split(',').filter((viewer) => viewer !== '');
    const seed = wholeOption(context, 'seed') ?? 0;
    const countdown = wholeOption(context, 'countdown');
    const answer = chestSplit(context.table, { coins, claimants, viewers, seed, ...defined({ countdownSeconds: countdown }) });
    if (!answer.ok) return refuse(context, answer);
    if (context.json) return toJson(answer);
    return [
      `A chest of ${count(context, coins)} coins for up to ${count(context, claimants)} claimants (${answer.split} split, seed ${seed})`,
      '',
      textTable(
        ['viewer', 'coins'],
        [
          ...answer.shares.map((share) => [share.viewer, count(context, share.coins)]),
          ...(answer.returned > 0 ? [['(back to whoever dropped it)', count(context, answer.returned)]] : []),
        ],
      ),
    ].join('\n');
  },
  balance(context) {
    const coins = wholeOption(context, 'coins');
    const diamonds = wholeOption(context, 'diamonds');
    if (coins === undefined && diamonds === undefined) throw new UsageError('balance needs --coins N, --diamonds N or both');
    const target = option(context.args, 'target');
    const channel = option(context.args, 'channel') ?? 'web';
    const viewer =
      coins === undefined
        ? undefined
        : viewerBalance(context.table, {
            coins,
            channel,
            region: context.region,
            ...(target ? { target: { gift: target } } : {}),
            ...buyer(context),
          });
    const creator = diamonds === undefined ? undefined : cashOut(context.table, { diamonds, ...maybeRegion(context) });
    if (context.json) return toJson({ viewer, creator });
    const lines: string[] = [];
    if (viewer) {
      const affordable = viewer.affords.filter((a) => a.count > 0).slice(-5);
      lines.push(
        `${viewer.coins} coins afford:`,
        '',
        textTable(
          ['gift', 'how many'],
          affordable.map((a) => [a.name, count(context, a.count)]),
        ),
        '',
      );
      if (viewer.target) {
        const t = viewer.target;
        lines.push(
          t.coinsMissing === 0
            ? `Enough for ${t.count} × ${context.table.gift(t.gift)?.name ?? t.gift}.`
            : `${t.count} × ${context.table.gift(t.gift)?.name ?? t.gift} needs ${t.coinsNeeded} coins: ${t.coinsMissing} missing; cheapest top-up on ${channel}: ${t.topUp?.ok ? fmt(context, t.topUp.price) : t.topUp?.reason}.`,
          '',
        );
      }
    }
    if (creator) {
      if (!creator.ok) lines.push(`Cash-out refused (${creator.code}): ${creator.reason}.`);
      else {
        lines.push(
          `${creator.diamonds} ${context.table.document.units.diamond}s: gross ${fmt(context, creator.gross)}, net ${fmt(context, creator.net)}.`,
          creator.withdrawable === undefined
            ? 'Whether this can be withdrawn is not known: no minimum withdrawal is published.'
            : creator.withdrawable
              ? 'Withdrawable now.'
              : `Not withdrawable yet: ${creator.diamondsMissing} more ${context.table.document.units.diamond}s needed.`,
        );
      }
    }
    return lines.join('\n').trimEnd();
  },
  async sql(context) {
    const dialect = required(context, 'dialect');
    if (dialect !== 'duckdb' && dialect !== 'postgres') throw new UsageError(`--dialect must be duckdb or postgres, got "${dialect}"`);
    const table = option(context.args, 'source');
    const file = option(context.args, 'file');
    if ((table === undefined) === (file === undefined)) throw new UsageError('sql needs exactly one of --source TABLE or --file PATH');
    const format = option(context.args, 'format');
    if (format !== undefined && format !== 'json' && format !== 'csv' && format !== 'parquet') {
      throw new UsageError(`--format must be json, csv or parquet, got "${format}"`);
    }
    const by = option(context.args, 'by') ?? 'creator';
    if (by !== 'creator' && by !== 'gifter') throw new UsageError(`--by must be creator or gifter, got "${by}"`);
    const columns = {
      ...defined({
        creator: option(context.args, 'creator-column'),
        gifter: option(context.args, 'gifter-column'),
        giftCoins: option(context.args, 'gift-column'),
        repeatCount: option(context.args, 'repeat-column'),
      }),
    };
    const source =
      table !== undefined
        ? table.split('.')
        : { file: file as string, ...(format ? { format: format as 'json' | 'csv' | 'parquet' } : {}) };
    const { settlementSql } = await import('../sql/settlement.js');
    return settlementSql(context.table, { dialect, source, columns, by, explain: context.args.options.has('explain') }).trimEnd();
  },
  async settle(context) {
    const file = argument(context, 'FILE');
    if (file !== '-') {
      try {
        accessSync(file, constants.R_OK);
      } catch {
        throw new UsageError(`cannot read the events file "${file}": it is missing or unreadable`);
      }
      if (statSync(file).isDirectory()) throw new UsageError(`cannot read the events file "${file}": it is a directory`);
    }
    const onInvalid = option(context.args, 'on-invalid') ?? 'fail';
    if (onInvalid !== 'fail' && onInvalid !== 'skip') throw new UsageError(`--on-invalid must be fail or skip, got "${onInvalid}"`);
    const rejectsFile = option(context.args, 'rejects');
    if (rejectsFile !== undefined && onInvalid !== 'skip') throw new UsageError('--rejects needs --on-invalid skip');
    const by = option(context.args, 'by') ?? 'creator';
    if (by !== 'creator' && by !== 'gifter') throw new UsageError(`--by must be creator or gifter, got "${by}"`);
    const threads = wholeOption(context, 'threads');
    if (threads === 0) throw new UsageError('--threads must be at least 1');
    const top = wholeOption(context, 'top');
    const started = Date.now();
    const progress =
      process.stderr.isTTY && !context.json
        ? (bytes: number, total: number) => {
            const seconds = (Date.now() - started) / 1000;
            const rate = seconds > 0 ? bytes / seconds : 0;
            const eta = total > 0 && rate > 0 ? `, about ${Math.ceil((total - bytes) / rate)} s left` : '';
            process.stderr.write(
              `\rread ${megabytes(bytes)}${total ? ` of ${megabytes(total)}` : ''} MB (${megabytes(rate)} MB/s${eta})   `,
            );
          }
        : undefined;
    let result: FileSettlement;
    try {
      const { settleFile } = await import('../node/settle-file.js');
      result = await settleFile(context.table, file, {
        onInvalid,
        by,
        columns: defined({
          creator: option(context.args, 'creator-column'),
          gifter: option(context.args, 'gifter-column'),
          giftCoins: option(context.args, 'gift-column'),
          repeatCount: option(context.args, 'repeat-column'),
        }),
        ...(threads !== undefined ? { threads } : {}),
        ...(progress ? { onProgress: progress } : {}),
      });
    } finally {
      if (progress) process.stderr.write('\n');
    }
    if (rejectsFile !== undefined) {
      writeFileSync(rejectsFile, result.rejected.map((rejected) => `${JSON.stringify(rejected)}\n`).join(''));
    }
    if (result.rejectedCount > 0) {
      process.stderr.write(
        `gift-economy: skipped ${result.rejectedCount} invalid line${result.rejectedCount === 1 ? '' : 's'}${rejectsFile ? `, listed in ${rejectsFile}` : ' (list them with --rejects FILE)'}\n`,
      );
    }
    const { settlement } = result;
    const ranked = [...settlement.creators].sort(
      (a, b) => b.coins - a.coins || String(a.creatorId).localeCompare(String(b.creatorId), 'en'),
    );
    const shown = top === undefined ? ranked : ranked.slice(0, top);
    // what a gifter paid for those coins: the cheapest and the dearest channel's price for that many coins
    const spent = (coins: number) => {
      const prices = compareChannels(context.table, { coins, region: context.region })
        .channels.flatMap(({ answer }) => (answer.ok ? [answer.price] : []))
        .sort((a, b) => a.compare(b));
      return prices.length === 0 ? undefined : { cheapest: prices[0] as Money, dearest: prices.at(-1) as Money };
    };
    const spending = by === 'gifter' ? new Map(shown.map((c) => [c.creatorId, spent(c.coins)])) : undefined;
    if (context.json)
      return toJson({
        ...settlement,
        by,
        creators: spending
          ? shown.map((c) => ({
              creatorId: c.creatorId,
              coins: c.coins,
              diamonds: c.diamonds,
              value: c.value,
              spent: spending.get(c.creatorId),
            }))
          : shown,
        lines: result.lines,
        skipped: result.rejectedCount,
        threads: result.threads,
        liveEvents: result.live ? { events: result.liveEvents, ...result.live } : undefined,
      });
    const number = new Intl.NumberFormat(context.locale);
    if (context.args.options.has('csv')) {
      return [
        `${by},coins,${context.table.document.units.diamond}s,value,currency`,
        ...shown.map((c) => `${csvField(String(c.creatorId))},${c.coins},${c.diamonds},${c.value.toDecimalString()},${c.value.currency}`),
      ].join('\n');
    }
    const range = (id: string | number) => {
      const paid = spending?.get(id);
      return paid ? `${fmt(context, paid.cheapest)} – ${fmt(context, paid.dearest)}` : '—';
    };
    const rows = shown.map((c) => [
      String(c.creatorId),
      number.format(c.coins),
      ...(spending ? [range(c.creatorId)] : []),
      number.format(c.diamonds),
      fmt(context, c.value),
    ]);
    rows.push([
      'total',
      number.format(settlement.totals.coins),
      ...(spending ? [''] : []),
      number.format(settlement.totals.diamonds),
      fmt(context, settlement.totals.value),
    ]);
    const notes = [
      result.rejectedCount > 0 ? `Skipped ${number.format(result.rejectedCount)} invalid lines.` : '',
      result.live
        ? `Live events: ${number.format(result.liveEvents)} read, ${result.live.duplicates} duplicates dropped, ${result.live.streakUpdatesSkipped} streak updates skipped${result.live.unknownGifts.size ? `, gift ids not in the catalogue: ${[...result.live.unknownGifts.keys()].join(', ')}` : ''}${result.live.openStreaks ? `, ${result.live.openStreaks} streaks still open (not counted)` : ''}.`
        : '',
    ].filter((line) => line !== '');
    const headings = [
      by,
      'coins',
      ...(spending ? ['spent (cheapest – dearest channel)'] : []),
      `${context.table.document.units.diamond}s`,
      'value to creators',
    ];
    return [
      `Settled ${number.format(settlement.events)} gift events on ${settlement.table} (${settlement.scope} rounding), by ${by}${top !== undefined ? `, top ${top} of ${number.format(ranked.length)}` : ''}`,
      ...notes,
      '',
      textTable(headings, rows),
    ].join('\n');
  },
  async gifts(context) {
    const file = option(context.args, 'diff');
    const number = new Intl.NumberFormat(context.locale);
    if (file === undefined) {
      const gifts = context.table.document.gifts;
      if (context.json) return toJson(gifts);
      return textTable(
        ['id', 'gift', 'coins'],
        gifts.map((gift) => [gift.id, gift.name, number.format(gift.coins)]),
      );
    }
    let list: unknown;
    try {
      list = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new UsageError(
        code ? `cannot read the gift list "${file}": ${FILE_ERRORS[code] ?? code}` : `the gift list "${file}" is not valid JSON`,
      );
    }
    const { giftCatalogueDrift } = await import('../live/catalogue.js');
    const drift = giftCatalogueDrift(context.table, list);
    if (context.json) return toJson(drift);
    const lines = [
      `${file} against ${context.table.ref}: ${drift.unchanged} unchanged, ${drift.priceChanges.length} price changes, ${drift.added.length} added, ${drift.removed.length} not listed, ${drift.reissued.length} ids reissued`,
      ...drift.priceChanges.map((c) => `  price  ${c.name} (${c.id}): ${number.format(c.from)} → ${number.format(c.to)} coins`),
      ...drift.added.map((a) => `  added  ${a.name} (${a.id}): ${number.format(a.coins)} coins`),
      ...drift.reissued.map((r) => `  id     ${r.name}: ${r.tableId} → ${r.listId}`),
      ...drift.removed.map((r) => `  not listed  ${r.name} (${r.id})`),
    ];
    return lines.join('\n');
  },
  async tables(context) {
    const presets = await Promise.all(Object.entries(PRESETS).map(async ([name, load]) => [name, await load()] as const));
    const rows = presets.map(([name, preset]) => [name, preset.version, preset.document.name, String(preset.document.sources.length)]);
    if (context.json)
      return toJson(
        presets.map(([name, preset]) => ({ preset: name, id: preset.id, version: preset.version, name: preset.document.name })),
      );
    return textTable(['preset', 'version', 'name', 'sources'], rows);
  },
};

// zod (through parseRateTable), the file readers and the SQL writer load only for the commands that use them,
// so that an ordinary question starts in a fraction of the time.
async function loadTable(args: Parsed): Promise<RateTable> {
  const file = option(args, 'table');
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`cannot read the table file "${file}"`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new UsageError(`the table file "${file}" is not valid JSON`);
    }
    const { parseRateTable } = await import('../table/parse.js');
    return parseRateTable(json);
  }
  const name = option(args, 'preset') ?? 'tiktok';
  const preset = Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
  if (!preset) throw new UsageError(`--preset must be one of ${Object.keys(PRESETS).join(', ')}, got "${name}"`);
  return preset();
}

function option(args: Parsed, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

function required(context: Context, name: string): string {
  const value = option(context.args, name);
  if (value === undefined) throw new UsageError(`${context.args.command} needs --${name}; see gift-economy ${context.args.command} --help`);
  return value;
}

function argument(context: Context, name: string): string {
  const value = context.args.positional[0];
  if (value === undefined) throw new UsageError(`${context.args.command} needs ${name}; see gift-economy ${context.args.command} --help`);
  return value;
}

function whole(text: string, what: string): number {
  if (!/^\d{1,16}$/.test(text) || !Number.isSafeInteger(Number(text)))
    throw new UsageError(`${what} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got "${text}"`);
  return Number(text);
}

function wholeArgument(context: Context, name: string): number {
  return whole(argument(context, name), name);
}

function wholeOption(context: Context, name: string): number | undefined {
  const value = option(context.args, name);
  return value === undefined ? undefined : whole(value, `--${name}`);
}

function buyer(context: Context): { currency?: string; age?: number; at?: string; currencyFallback?: boolean } {
  const currency = option(context.args, 'currency');
  const age = wholeOption(context, 'age');
  const at = option(context.args, 'at');
  return {
    ...(currency ? { currency } : {}),
    ...(age !== undefined ? { age } : {}),
    ...(at ? { at } : {}),
    ...(context.args.options.has('currency-fallback') ? { currencyFallback: true } : {}),
  };
}

/** The currency a purchase is paid in: --currency, else the region's; for a region whose currency is not known, --currency-fallback's default. */
function purchaseCurrency(context: Context): string {
  const currency = option(context.args, 'currency') ?? context.table.regionCurrency(context.region);
  if (currency !== undefined) return currency;
  if (context.args.options.has('currency-fallback')) return context.table.document.regions.default.currency;
  throw new UsageError(
    `${context.table.ref} does not list ${context.region}, so its currency is not known: pass --currency CODE (${context.table.document.currencies.join(', ')}) or --currency-fallback`,
  );
}

function maybeRegion(context: Context): { region?: string; age?: number; at?: string } {
  const region = option(context.args, 'region');
  const age = wholeOption(context, 'age');
  const at = option(context.args, 'at');
  return { ...(region ? { region } : {}), ...(age !== undefined ? { age } : {}), ...(at ? { at } : {}) };
}

/** `--fx RATE [--fx-source TEXT]`: a conversion into `currency`, for cash-outs and money flows across currencies. */
function fxOption(context: Context, currency: string): { fx?: { currency: string; rate: string; source: string } } {
  const rate = option(context.args, 'fx');
  if (rate === undefined) return {};
  if (!/^\d{1,15}(\.\d{1,15})?$/.test(rate) || /^0*(\.0*)?$/.test(rate)) {
    throw new UsageError(`--fx must be a positive decimal rate such as 0.92, got "${rate}"`);
  }
  return { fx: { currency, rate, source: option(context.args, 'fx-source') ?? 'the --fx option' } };
}

/** A whole count grouped for the locale (35,581 in en-US). */
function count(context: Context, value: number): string {
  return new Intl.NumberFormat(context.locale).format(value);
}

function fmt(context: Context, amount: Money): string {
  return formatAmount(amount, context.locale);
}

function perCoin(context: Context, amount: Money | undefined): string {
  return amount ? amount.format(context.locale, { maximumFractionDigits: 6 }) : '—';
}

function refuse(context: Context, answer: Refusal): string {
  context.refused = true;
  if (context.json) return toJson(answer);
  return [
    `Refused (${answer.code}): ${answer.reason}.`,
    ...answer.alternatives.map((alternative) => `  instead: ${alternative.text}`),
  ].join('\n');
}

/** A CSV field, quoted when it holds a comma, quote or line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** An answer's breakdown as a table, then the sources of its figures and their weakest confidence. */
function breakdownText(answer: { readonly breakdown: Breakdown } & Partial<Provenance>, context: Context): string {
  const table = textTable(
    ['step', 'input', 'rule', 'rounding', 'output'],
    formatBreakdown(answer.breakdown, context.locale).map((step) => [
      step.step,
      step.input,
      step.rule,
      step.rounding ?? '',
      [step.output, step.also, step.residue && `residue ${step.residue}`].filter(Boolean).join('; '),
    ]),
  );
  return answer.sources === undefined ? table : `${table}\n\n${sourcesText(answer as Provenance)}`;
}

/** "Figures: key (published …), …; confidence: derived." */
function sourcesText(provenance: Provenance): string {
  const list = provenance.sources.map((source) => {
    const when = source.published ? `published ${source.published}` : source.retrieved ? `retrieved ${source.retrieved}` : undefined;
    return when ? `${source.key} (${when})` : source.key;
  });
  return `Figures: ${list.join(', ') || 'no source given'}; confidence: ${provenance.confidence}.`;
}

/** Node's file errors, as one line a person understands. */
const FILE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
};

/**
 * Colour on a terminal: never when `NO_COLOR` is set (no-color.org), always when `FORCE_COLOR` is (and not "0"),
 * otherwise only when the stream is a TTY, so piped output stays plain.
 */
function painter(stream: NodeJS.WriteStream): (text: string, code: 31 | 33) => string {
  const env = process.env;
  const colour = !env.NO_COLOR && ((env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') || stream.isTTY === true);
  return colour ? (text, code) => `\u001b[${code}m${text}\u001b[39m` : (text) => text;
}

/** Prints an error as one line on stderr (red on a terminal). */
function fail(message: string, status: number): void {
  process.stderr.write(`${painter(process.stderr)(`gift-economy: ${message}`, 31)}\n`);
  process.exitCode = status;
}

main(process.argv.slice(2)).then(
  ({ text, status }) => {
    // a refusal's or "not known"'s headline in yellow on a terminal
    const paint = painter(process.stdout);
    const shown = status === 1 ? text.replace(/^(Refused|Not known)[^\n]*/gm, (line) => paint(line, 33)) : text;
    if (shown) process.stdout.write(`${shown}\n`);
    process.exitCode = status;
  },
  (error: unknown) => {
    if (error instanceof EconomyError || error instanceof UsageError) return fail(error.message, 2);
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && Object.hasOwn(FILE_ERRORS, code)) {
      const path = (error as { path?: unknown }).path;
      return fail(`cannot read ${typeof path === 'string' ? `"${path}"` : 'the file'}: ${FILE_ERRORS[code]}`, 2);
    }
    return fail(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 1);
  },
);

/** A count of bytes (or bytes a second) as whole megabytes for the progress line: a size, never money. */
function megabytes(bytes: number): number {
  return Math.round(bytes / 1_000_000);
}
