// Settling one file of gift events several ways, in one run: the query settlementSql writes, run by DuckDB on
// the file; a hand-written DuckDB GROUP BY with the same rounding; and our own CLI `settle` (as a user runs it,
// a separate process, with its peak RSS). JSON lines and CSV of the same events. DuckDB uses every core (its
// default), our CLI its default threads. Run alone with `node bench/sql.mjs [events]`.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { makeEvents, SEED } from '../../shared/bench-workloads/events.mjs';
import { settlementSql } from '../dist/esm/index.js';
import { tiktok } from '../dist/esm/presets/tiktok.js';

/** A file of `count` workload events as JSON lines or CSV (made once per count and seed, then reused). */
export async function eventsFile(count, format = 'jsonl') {
  const file = join(tmpdir(), `gift-economy-bench-${count}-${SEED}.${format}`);
  if (existsSync(file)) return file;
  const out = createWriteStream(`${file}.part`);
  if (format === 'csv') out.write('creatorId,giftCoins,repeatCount\n');
  for (let start = 0; start < count; start += 1_000_000) {
    const { objects } = makeEvents(Math.min(1_000_000, count - start), SEED + start);
    const text = objects.map((e) => (format === 'csv' ? `${e.creatorId},${e.giftCoins},${e.repeatCount}` : JSON.stringify(e))).join('\n');
    if (!out.write(`${text}\n`)) await new Promise((resolve) => out.once('drain', resolve));
  }
  out.end();
  await finished(out);
  const { renameSync } = await import('node:fs');
  renameSync(`${file}.part`, file);
  return file;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// The peak RSS of the CLI's own process, from /proc/self/status (VmHWM, in kB). Not getrusage's maxRSS: on Linux
// that carries over the RSS of the forked parent (this benchmark, with DuckDB and the events in memory) through exec.
const PEAK_RSS = `data:text/javascript,import{readFileSync}from'node:fs';process.on('exit',()=>process.stderr.write('\\npeak-rss '+/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status','utf8'))[1]+'\\n'))`;

function runCli(file) {
  const cli = new URL('../dist/esm/cli/main.js', import.meta.url).pathname;
  const start = performance.now();
  const out = spawnSync(process.execPath, ['--import', PEAK_RSS, cli, 'settle', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  if (out.status !== 0) throw new Error(out.stderr);
  const rss = Number(/peak-rss (\d+)/.exec(out.stderr)?.[1] ?? 0) * 1024;
  return { ms, rss, total: JSON.parse(out.stdout).totals.value.amount };
}

/** Node's own start-up and exit, nothing loaded: what any separate process pays before it reads a byte. */
function runNode() {
  const start = performance.now();
  const out = spawnSync(process.execPath, ['-e', '0']);
  if (out.status !== 0) throw new Error(String(out.stderr));
  return performance.now() - start;
}

export async function sqlBench({ count = 10_000_000, rounds = 3 } = {}) {
  const files = { jsonl: await eventsFile(count, 'jsonl'), csv: await eventsFile(count, 'csv') };
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // the same events as Parquet, as DuckDB writes it by default (Snappy, dictionary pages, row groups of 122,880)
  files.parquet = files.csv.replace(/\.csv$/, '.parquet');
  if (!existsSync(files.parquet)) {
    await connection.run(`COPY (SELECT * FROM read_csv('${files.csv}')) TO '${files.parquet}.part' (FORMAT parquet)`);
    (await import('node:fs')).renameSync(`${files.parquet}.part`, files.parquet);
  }
  const reader = (format) => `read_${{ csv: 'csv', jsonl: 'json', parquet: 'parquet' }[format]}('${files[format].replaceAll("'", "''")}')`;
  // The same rules typed by hand: 1 diamond per coin (floor, per gift), 0.5 cent per diamond, half-even cents.
  const handWritten = (format) => `SELECT creatorId AS key, count(*) AS events, sum(giftCoins * repeatCount) AS coins, coins AS diamonds,
    coins // 2 + CASE WHEN coins % 2 = 1 AND (coins // 2) % 2 = 1 THEN 1 ELSE 0 END AS value_minor
    FROM ${reader(format)} GROUP BY creatorId ORDER BY creatorId`;
  const queries = {};
  for (const format of ['jsonl', 'csv', 'parquet']) {
    queries[`duckdb hand-written, ${format}`] = handWritten(format);
    queries[`duckdb settlementSql, ${format}`] = settlementSql(tiktok, {
      dialect: 'duckdb',
      source: { file: files[format], format: format === 'jsonl' ? 'json' : format },
    });
  }
  const total = async (sql) =>
    (await connection.runAndReadAll(sql)).getRowObjects().reduce((sum, row) => sum + BigInt(row.value_minor), 0n);
  // warm up each (file cache, schema detection), then interleave rounds so drift hits all alike
  const times = Object.fromEntries(Object.keys(queries).map((name) => [name, []]));
  const totals = {};
  for (const [name, sql] of Object.entries(queries)) totals[name] = await total(sql);
  const cli = { jsonl: [], csv: [], parquet: [] };
  const startups = [];
  for (let round = 0; round < rounds; round++) {
    for (const [name, sql] of Object.entries(queries)) {
      const start = performance.now();
      totals[name] = await total(sql);
      times[name].push(performance.now() - start);
    }
    for (const format of ['jsonl', 'csv', 'parquet']) cli[format].push(runCli(files[format]));
    startups.push(runNode());
  }
  connection.closeSync();
  instance.closeSync();
  const results = Object.keys(queries).map((name) => ({ name, ms: median(times[name]), total: `${totals[name]} cents` }));
  for (const format of ['jsonl', 'csv', 'parquet']) {
    const runs = cli[format];
    results.push({
      name: `gift-economy settle (CLI), ${format}`,
      ms: median(runs.map((run) => run.ms)),
      rss: Math.max(...runs.map((run) => run.rss)),
      total: `USD ${runs[0].total}`,
    });
  }
  const megabytes = Object.fromEntries(Object.entries(files).map(([format, file]) => [format, statSync(file).size / 1e6]));
  return { count, megabytes, results, nodeStartMs: median(startups) };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await sqlBench({ count: Number(process.argv[2] ?? 1_000_000) }));
