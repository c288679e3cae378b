import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeEvents } from '../../../shared/bench-workloads/events.mjs';
import { applyOverlay, mergeSettlements, settle } from '../../src/index.js';
import { settleRange } from '../../src/node/settle-range.js';
import { tiktok } from '../../src/presets/tiktok.js';

const cli = new URL('../../dist/esm/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'gift-files-'));
const half = applyOverlay(tiktok, { version: 'half-per-gift', creatorShare: { diamondsPerCoin: '0.5', scope: 'per-gift' } });

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function run(args: string[], input?: string | Buffer) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input, maxBuffer: 1 << 26 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const { objects } = makeEvents(20_000, 99);
const lines = objects.map((e: object) => JSON.stringify(e)).join('\n');

describe('reading a file of events by byte ranges', () => {
  it('any split of a file into ranges at line starts gives the same totals as settle (every scope)', () => {
    const path = file('split.jsonl', `${lines}\n`);
    const size = readFileSync(path).length;
    const starts = [0];
    for (let at = lines.indexOf('\n'); at >= 0; at = lines.indexOf('\n', at + 1)) starts.push(at + 1);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: starts.length - 1 }), { maxLength: 6 }),
        fc.constantFrom(tiktok, half),
        (cuts, table) => {
          const bounds = [0, ...cuts.map((c) => starts[c] as number).sort((a, b) => a - b), size];
          const parts = [];
          for (let i = 0; i + 1 < bounds.length; i++) {
            parts.push(
              settleRange(table, path, bounds[i] as number, bounds[i + 1] as number, { onInvalid: 'fail', byGifter: false }).parts,
            );
          }
          const merged = mergeSettlements(table, parts);
          const whole = settle(table, objects);
          expect(merged.totals.value.equals(whole.totals.value)).toBe(true);
          expect(merged.totals.diamonds).toBe(whole.totals.diamonds);
          expect(merged.events).toBe(whole.events);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('the byte scanner and JSON.parse read the same events, whatever the key order, spacing or extra shapes', () => {
    const event = fc.record({
      creatorId: fc.oneof(fc.nat(70_000), fc.string({ minLength: 1, maxLength: 5 })),
      giftCoins: fc.nat(50_000),
      repeatCount: fc.nat(99),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(event, fc.constantFrom('plain', 'spaced', 'reordered', 'crlf')), { maxLength: 40 }), (rows) => {
        const text = rows
          .map(([e, style]) =>
            style === 'spaced'
              ? `  { "creatorId" : ${JSON.stringify(e.creatorId)}, "giftCoins": ${e.giftCoins}, "repeatCount": ${e.repeatCount} }  `
              : style === 'reordered'
                ? JSON.stringify({ repeatCount: e.repeatCount, giftCoins: e.giftCoins, creatorId: e.creatorId })
                : `${JSON.stringify(e)}${style === 'crlf' ? '\r' : ''}`,
          )
          .join('\n');
        const path = file('shapes.jsonl', text);
        const range = settleRange(tiktok, path, 0, Buffer.byteLength(text), { onInvalid: 'fail', byGifter: false });
        const expected = settle(
          tiktok,
          rows.map(([e]) => e),
        );
        expect(mergeSettlements(tiktok, [range.parts]).totals).toEqual(expected.totals);
      }),
      { numRuns: 60 },
    );
  });
});

describe('gift-economy settle on files', () => {
  const reference = settle(tiktok, objects).totals.value.toDecimalString();
  const total = (stdout: string) => JSON.parse(stdout).totals.value.amount as string;

  it('JSON lines (1 and 2 threads), a JSON array, gzip and stdin give identical totals', () => {
    const jsonl = file('events.jsonl', `\uFEFF${lines.replaceAll('\n', '\r\n')}\r\n\n\n`);
    const array = file('events.json', JSON.stringify(objects, null, 1));
    const gz = file('events.jsonl.gz', gzipSync(`${lines}\n`));
    for (const args of [[jsonl, '--threads', '1'], [jsonl, '--threads', '2'], [array], [gz]]) {
      const result = run(['settle', ...(args as string[]), '--json']);
      expect(result.stderr).toBe('');
      expect(total(result.stdout)).toBe(reference);
    }
    expect(total(run(['settle', '-', '--json'], `${lines}\n`).stdout)).toBe(reference);
  });

  it('CSV with a header (columns in any order, mapped by option, quoted fields) gives the same totals', () => {
    const body = objects.map(
      (e: { creatorId: number; giftCoins: number; repeatCount: number }) => `${e.repeatCount},${e.giftCoins},${e.creatorId}`,
    );
    const csv = file('events.csv', `repeatCount,giftCoins,creatorId\r\n${body.join('\r\n')}\r\n`);
    for (const threads of ['1', '2']) expect(total(run(['settle', csv, '--threads', threads, '--json']).stdout)).toBe(reference);
    const mapped = file('mapped.csv', 'host,coins,note\n"ann, the host",5,"say ""hi"""\nbo,99,\n');
    const result = run(['settle', mapped, '--creator-column', 'host', '--gift-column', 'coins', '--json']);
    // ann: 5 coins → 0.025 → 0.02 (half-even: 2.5 cents → 2); bo: 99 coins → 0.495 → 0.50
    const rows = JSON.parse(result.stdout).creators.map((c: { creatorId: string; value: { amount: string } }) => [
      c.creatorId,
      c.value.amount,
    ]);
    expect(rows).toEqual([
      ['bo', '0.50'],
      ['ann, the host', '0.02'],
    ]);
    expect(run(['settle', mapped]).stderr.trim()).toMatch(
      /^gift-economy: line 1: the CSV header has no column "creatorId"; its columns are "host", "coins", "note"/,
    );
    const bad = file('bad.csv', 'creatorId,giftCoins,repeatCount\n1,5,2\n1,5.5,1\n');
    expect(run(['settle', bad]).stderr.trim()).toBe('gift-economy: line 3: giftCoins must be a whole number, got "5.5"');
  });

  it('Parquet (written by DuckDB) gives the same totals, through the optional hyparquet reader', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const csv = file(
      'for-parquet.csv',
      `creatorId,giftCoins,repeatCount\n${objects.map((e: { creatorId: number; giftCoins: number; repeatCount: number }) => `${e.creatorId},${e.giftCoins},${e.repeatCount}`).join('\n')}\n`,
    );
    const parquet = join(dir, 'events.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet, ROW_GROUP_SIZE 5000)`);
    connection.closeSync();
    instance.closeSync();
    expect(total(run(['settle', parquet, '--json']).stdout)).toBe(reference);
  });

  it('Parquet in every form DuckDB writes equals settle on the same events: our column reader, and hyparquet where it falls back', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { settleFile } = await import('../../src/node/settle-file.js');
    const { settleParquetColumns } = await import('../../src/node/parquet.js');
    const { Accumulator } = await import('../../src/ledger/settle.js');
    const { isCount, isKey } = await import('../../src/node/settle-range.js');
    // which reader a file takes: our column reader answers, or leaves it (undefined) to hyparquet
    const columnReader = async (path: string) =>
      (await settleParquetColumns(
        path,
        new Accumulator(tiktok),
        { key: 'creatorId', giftCoins: 'giftCoins', repeatCount: 'repeatCount' },
        { key: isKey, count: isCount },
      )) !== undefined;
    // 20,000 workload events with a gifter each: a string id from a small set, or (every 7th) a unique one, so
    // that DuckDB writes dictionary pages for some row groups and plain pages for others
    const events = objects.map((e: { creatorId: number; giftCoins: number; repeatCount: number }, i: number) => ({
      ...e,
      gifterId: i % 7 === 0 ? `unique-${i}` : `g${i % 97}`,
    }));
    const csv = file(
      'forms.csv',
      `creatorId,gifterId,giftCoins,repeatCount\n${events.map((e) => `${e.creatorId},${e.gifterId},${e.giftCoins},${e.repeatCount}`).join('\n')}\n`,
    );
    const byGifter = events.map((e) => ({ creatorId: e.gifterId, giftCoins: e.giftCoins, repeatCount: e.repeatCount }));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const forms = {
      snappy: 'COMPRESSION snappy, ROW_GROUP_SIZE 5000',
      gzip: 'COMPRESSION gzip',
      brotli: 'COMPRESSION brotli',
      uncompressed: 'COMPRESSION uncompressed, ROW_GROUP_SIZE 3000',
      'pages v2': 'PARQUET_VERSION V2',
    };
    try {
      for (const [form, options] of Object.entries(forms)) {
        const parquet = join(dir, `form-${form.replace(' ', '-')}.parquet`);
        await connection.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet, ${options})`);
        expect([form, await columnReader(parquet)]).toEqual([form, true]);
        for (const table of [tiktok, half]) {
          const byCreator = await settleFile(table, parquet);
          expect([form, byCreator.lines, byCreator.settlement]).toEqual([form, events.length, settle(table, objects)]);
          const gifters = await settleFile(table, parquet, { by: 'gifter' });
          expect([form, gifters.settlement]).toEqual([form, settle(table, byGifter)]);
        }
        // row groups shared out to worker threads (the built CLI: workers run the built modules): the same answer
        const [one, three] = ['1', '3'].map((threads) => run(['settle', parquet, '--threads', threads, '--json']));
        expect([form, three?.status, three?.stderr]).toEqual([form, 0, '']);
        expect(JSON.parse(three?.stdout ?? '')).toEqual({ ...JSON.parse(one?.stdout ?? ''), threads: 3 });
      }
      // no repeat column: every event is one gift (our reader, as for JSON lines without repeatCount)
      const noRepeat = join(dir, 'no-repeat.parquet');
      await connection.run(`COPY (SELECT creatorId, giftCoins FROM read_csv('${csv}')) TO '${noRepeat}' (FORMAT parquet)`);
      const singles = objects.map((e: { creatorId: number; giftCoins: number }) => ({ creatorId: e.creatorId, giftCoins: e.giftCoins }));
      expect([await columnReader(noRepeat), (await settleFile(half, noRepeat)).settlement]).toEqual([true, settle(half, singles)]);
      // progress, row group by row group, then the whole file, in either reader
      const seen = async (path: string) => {
        const reports: [number, number][] = [];
        await settleFile(tiktok, path, { threads: 1, onProgress: (bytes, total) => reports.push([bytes, total]) });
        const last = reports.at(-1) ?? [0, 1];
        const rising = reports.every(([bytes], i) => i === 0 || bytes >= (reports[i - 1]?.[0] ?? 0));
        return { groups: reports.length, rising, share: last[0] / last[1], total: last[1] };
      };
      const snappy = join(dir, 'form-snappy.parquet');
      // 20,000 rows in groups of 5,000: four reports, and the last for the whole file
      expect(await seen(snappy)).toEqual({ groups: 5, rising: true, share: 1, total: readFileSync(snappy).length });
      // a null repeat count means 1: our reader leaves nulls to hyparquet, which reads them so
      const nulls = join(dir, 'nulls.parquet');
      await connection.run(
        `COPY (SELECT creatorId, giftCoins, CASE WHEN giftCoins = 1 THEN NULL ELSE repeatCount END AS repeatCount FROM read_csv('${csv}')) TO '${nulls}' (FORMAT parquet)`,
      );
      const ones = objects.map((e: { creatorId: number; giftCoins: number; repeatCount: number }) =>
        e.giftCoins === 1 ? { ...e, repeatCount: 1 } : e,
      );
      expect((await settleFile(tiktok, nulls)).settlement).toEqual(settle(tiktok, ones));
      expect(await columnReader(nulls)).toBe(false);
      expect(await seen(nulls)).toMatchObject({ groups: 2, rising: true, share: 1 });
      // a bad value (a negative gift price) is found by row, 1-based, in either reader
      const negative = join(dir, 'negative.parquet');
      await connection.run(
        `COPY (SELECT creatorId, CASE WHEN n = 4322 THEN -5 ELSE giftCoins END AS giftCoins, repeatCount FROM (SELECT *, row_number() OVER () AS n FROM read_csv('${csv}'))) TO '${negative}' (FORMAT parquet)`,
      );
      await expect(settleFile(tiktok, negative)).rejects.toThrow(/^row 4322: giftCoins must be a whole number/);
      expect(await columnReader(negative)).toBe(false);
      // ZSTD pages neither reader can decompress here: one clear error
      const zstd = join(dir, 'zstd.parquet');
      await connection.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${zstd}' (FORMAT parquet, COMPRESSION zstd)`);
      await expect(settleFile(tiktok, zstd)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/ZSTD/) });
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('a damaged Parquet file is settled or refused with EconomyError, never a raw error or a hang', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { settleFile } = await import('../../src/node/settle-file.js');
    const { EconomyError } = await import('../../src/errors.js');
    const csv = file(
      'damage.csv',
      `creatorId,giftCoins,repeatCount\n${lines
        .split('\n')
        .slice(0, 3000)
        .map((line) => Object.values(JSON.parse(line)).join(','))
        .join('\n')}\n`,
    );
    const good = join(dir, 'damage.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${good}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`);
    connection.closeSync();
    instance.closeSync();
    const bytes = readFileSync(good);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (edits, truncate) => {
          const damaged = Buffer.from(bytes);
          for (const [at, value] of edits) damaged[at] = value;
          const path = file('damaged.parquet', truncate ? damaged.subarray(0, (edits[0]?.[0] ?? 0) + 1) : damaged);
          try {
            const { settlement } = await settleFile(tiktok, path);
            expect(settlement.events).toBeGreaterThanOrEqual(0);
          } catch (error) {
            expect(error).toBeInstanceOf(EconomyError);
          }
        },
      ),
      { numRuns: 150, seed: 20261202 },
    );
  });

  it('a truncated last line without a newline, and a 50 MB line, are read', () => {
    const truncated = file('truncated.jsonl', lines); // no final newline
    expect(total(run(['settle', truncated, '--json']).stdout)).toBe(reference);
    // one event whose creator id is a 50 MB string: longer than a read chunk
    const long = `{"creatorId":"${'x'.repeat(50 << 20)}","giftCoins":7,"repeatCount":2}`;
    const big = file('long-line.jsonl', `${lines}\n${long}\n${lines.slice(0, lines.indexOf('\n'))}\n`);
    const result = run(['settle', big, '--json', '--threads', '2', '--top', '1']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).totals.coins).toBe(
      settle(tiktok, objects).totals.coins + 14 + objects[0].giftCoins * objects[0].repeatCount,
    );
  });

  it('fails at the first bad line with its 1-based line number, exit 2, nothing on stdout', () => {
    const bad = file(
      'bad.jsonl',
      `${lines.split('\n').slice(0, 4).join('\n')}\n{"creatorId":1,"giftCoins":NaN,"repeatCount":1}\n{"creatorId":1,"giftCoins":1e309}\n`,
    );
    const result = run(['settle', bad]);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr.trim()).toBe('gift-economy: line 5: not valid JSON');
    const negative = file(
      'negative.jsonl',
      '{"creatorId":1,"giftCoins":5,"repeatCount":1}\n{"creatorId":1,"giftCoins":5,"repeatCount":-2}\n',
    );
    expect(run(['settle', negative]).stderr).toMatch(/^gift-economy: line 2: repeatCount must be a whole number/);
    const garbage = file('garbage.bin', Buffer.from([0, 159, 146, 150, 10, 255, 254, 10]));
    expect(run(['settle', garbage])).toMatchObject({ status: 2, stdout: '', stderr: expect.stringMatching(/^gift-economy: line 1: /) });
  });

  it('--on-invalid skip settles the rest, lists each bad line with its number and reason, and says so', () => {
    const text = `{"creatorId":1,"giftCoins":5,"repeatCount":2}\n{"creatorId":1,"giftCoins":1e309,"repeatCount":1}\n\n{"creatorId":2,"giftCoins":-1}\nnot json\n{"creatorId":2,"giftCoins":3}\n`;
    const path = file('mixed.jsonl', text);
    const rejects = join(dir, 'rejects.jsonl');
    const result = run(['settle', path, '--on-invalid', 'skip', '--rejects', rejects, '--json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`gift-economy: skipped 3 invalid lines, listed in ${rejects}\n`);
    const json = JSON.parse(result.stdout);
    expect([json.totals.coins, json.skipped]).toEqual([13, 3]); // 5 × 2 + 3
    const listed = readFileSync(rejects, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(listed.map((r: { line: number }) => r.line)).toEqual([2, 4, 5]);
    expect(listed[2].reason).toBe('not valid JSON');
  });

  it('--by gifter, --top and --csv answer per sender, sorted by coins', () => {
    const path = file(
      'gifters.jsonl',
      '{"creatorId":1,"gifterId":"ann","giftCoins":5,"repeatCount":2}\n{"creatorId":1,"gifterId":"bo","giftCoins":99}\n{"creatorId":2,"gifterId":"ann","giftCoins":1}\n',
    );
    const result = run(['settle', path, '--by', 'gifter', '--csv']);
    // bo: 99 coins → 99 diamonds × 0.005 = 0.495 → 0.50 (half-even: 49.5 cents → 50); ann: 11 coins → 0.055 → 0.06 (5.5 → 6)
    expect(result.stdout.trim().split('\n')).toEqual(['gifter,coins,diamonds,value,currency', 'bo,99,99,0.50,USD', 'ann,11,11,0.06,USD']);
    const json = JSON.parse(run(['settle', path, '--by', 'gifter', '--top', '1', '--json']).stdout);
    // what bo paid for 99 coins: web custom 99 × 1.06 cents = 104.94 → 1.05 (cheapest); iOS 2 × 0.99 = 1.98 (dearest)
    expect(json.creators[0].spent).toEqual({ cheapest: { amount: '1.05', currency: 'USD' }, dearest: { amount: '1.98', currency: 'USD' } });
    expect(json.creators).toHaveLength(1);
    expect(run(['settle', path, '--by', 'gifter']).stdout).toMatch(/bo\s+99\s+\$1\.05 – \$1\.98/);
  });
});
