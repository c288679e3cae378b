// Settling a file of gift events three ways, in one process and run: the query settlementSql writes, run by
// DuckDB on the file; a hand-written DuckDB GROUP BY with the same rounding; and our own CLI `settle`. Both
// DuckDB runs use every core (DuckDB's default). Run alone with `node bench/sql.mjs [events]`.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { makeEvents, SEED } from '../../shared/bench-workloads/events.mjs';
import { settlementSql } from '../dist/esm/index.js';
import { tiktok } from '../dist/esm/presets/tiktok.js';

/** A JSON-lines file of `count` workload events (made once per count and seed, then reused). */
export function eventsFile(count) {
  const file = join(tmpdir(), `gift-economy-bench-${count}-${SEED}.jsonl`);
  if (existsSync(file)) return file;
  const chunk = 1_000_000;
  writeFileSync(file, '');
  for (let start = 0; start < count; start += chunk) {
    const { objects } = makeEvents(Math.min(chunk, count - start), SEED + start);
    writeFileSync(file, `${objects.map((e) => JSON.stringify(e)).join('\n')}\n`, { flag: 'a' });
  }
  return file;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function sqlBench({ count = 10_000_000, rounds = 3 } = {}) {
  const file = eventsFile(count);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const generated = settlementSql(tiktok, { dialect: 'duckdb', source: { file } });
  // The same rules typed by hand: 1 diamond per coin (floor, per gift), 0.5 cent per diamond, half-even cents.
  const quoted = `'${file.replaceAll("'", "''")}'`;
  const handWritten = `SELECT creatorId AS key, count(*) AS events, sum(giftCoins * repeatCount) AS coins, coins AS diamonds,
    coins // 2 + CASE WHEN coins % 2 = 1 AND (coins // 2) % 2 = 1 THEN 1 ELSE 0 END AS value_minor
    FROM read_json(${quoted}) GROUP BY creatorId ORDER BY creatorId`;
  const total = async (sql) => {
    const rows = (await connection.runAndReadAll(sql)).getRowObjects();
    return rows.reduce((sum, row) => sum + BigInt(row.value_minor), 0n);
  };
  // warm up both (file cache, JSON schema detection), then interleave rounds so drift hits both alike
  const queries = { generated, handWritten };
  const times = { generated: [], handWritten: [] };
  const totals = {};
  for (const name of Object.keys(queries)) totals[name] = await total(queries[name]);
  for (let round = 0; round < rounds; round++) {
    for (const name of Object.keys(queries)) {
      const start = performance.now();
      totals[name] = await total(queries[name]);
      times[name].push(performance.now() - start);
    }
  }
  const generatedRun = { ms: median(times.generated), total: totals.generated };
  const handRun = { ms: median(times.handWritten), total: totals.handWritten };
  connection.closeSync();
  instance.closeSync();
  const cli = new URL('../dist/cli.js', import.meta.url).pathname;
  const cliTimes = [];
  let cliTotal;
  for (let round = 0; round < Math.min(rounds, 2); round++) {
    const start = performance.now();
    const out = spawnSync(process.execPath, [cli, 'settle', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    cliTimes.push(performance.now() - start);
    if (out.status !== 0) throw new Error(out.stderr);
    cliTotal = JSON.parse(out.stdout).totals.value.amount;
  }
  return {
    count,
    megabytes: statSync(file).size / 1e6,
    generated: generatedRun,
    handWritten: handRun,
    cli: { ms: median(cliTimes), total: cliTotal },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await sqlBench({ count: Number(process.argv[2] ?? 1_000_000) }));
