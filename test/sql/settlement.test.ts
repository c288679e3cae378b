import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEvents } from '../../../shared/bench-workloads/events.mjs';
import {
  applyOverlay,
  type RateTable,
  ROUNDING_MODES,
  type RoundingMode,
  type SqlDialect,
  settle,
  settlementSql,
} from '../../src/index.js';
import { tiktok } from '../../src/presets/tiktok.js';
import { expectEconomyError } from '../helpers.js';
import { duckdb, type EventRow, postgres, postgresAvailable, type ResultRow } from './engines.js';

type Engine = Awaited<ReturnType<typeof duckdb>> | Awaited<ReturnType<typeof postgres>>;
const SCOPES = ['per-gift', 'per-event', 'per-settlement'] as const;

/** What `settle` says, in the engines' result shape (the reference for every differential test). */
function expected(table: RateTable, events: readonly EventRow[]): ResultRow[] {
  const settled = settle(
    table,
    events.map((e) => ({
      creatorId: e.creatorId,
      giftCoins: e.giftCoins,
      ...(e.repeatCount === null ? {} : { repeatCount: e.repeatCount }),
    })),
  );
  const counts = new Map<string, bigint>();
  for (const e of events) counts.set(String(e.creatorId), (counts.get(String(e.creatorId)) ?? 0n) + 1n);
  return settled.creators
    .map((c) => ({
      key: String(c.creatorId),
      events: counts.get(String(c.creatorId)) ?? 0n,
      coins: BigInt(c.coins),
      diamonds: BigInt(c.diamonds),
      valueMinor: c.value.toMinor(),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const byKey = (rows: ResultRow[]) => [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

// Random tables: any share with up to 3 decimals, any rounding, every scope, currencies with 0, 2 and 3 minor digits.
const tableArb = fc
  .record({
    share: fc.integer({ min: 1, max: 1000 }),
    shareRounding: fc.constantFrom(...ROUNDING_MODES),
    scope: fc.constantFrom(...SCOPES),
    currency: fc.constantFrom('JPY', 'USD', 'KWD'),
    perDiamond: fc.integer({ min: 1, max: 99_999 }),
    valueRounding: fc.constantFrom(...ROUNDING_MODES),
  })
  .map(({ share, shareRounding, scope, currency, perDiamond, valueRounding }) =>
    applyOverlay(tiktok, {
      version: `sql-${share}-${shareRounding}-${scope}-${currency}-${perDiamond}-${valueRounding}`,
      currencies: ['USD', 'GBP', 'JPY', 'KWD'],
      creatorShare: { diamondsPerCoin: (share / 1000).toString(), rounding: shareRounding as RoundingMode, scope },
      diamondValue: { currency, perDiamond: (perDiamond / 100_000).toFixed(5), rounding: valueRounding as RoundingMode },
    }),
  );
const eventArb = fc.record({
  creatorId: fc.integer({ min: 0, max: 12 }),
  giftCoins: fc.oneof(fc.integer({ min: 0, max: 45_000 }), fc.constantFrom(1, 5, 99)),
  repeatCount: fc.option(fc.integer({ min: 0, max: 99 }), { nil: null }),
});

function engineSuite(dialect: SqlDialect, open: () => Promise<Engine>) {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it(`${dialect}: equals settle for random tables (every rounding mode × scope, 0/2/3 minor digits) and events`, async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, fc.array(eventArb, { maxLength: 60 }), async (table, events) => {
        await engine.load('gifts', events, 'BIGINT');
        const rows = await engine.query(settlementSql(table, { dialect, source: 'gifts' }));
        expect(byKey(rows)).toEqual(expected(table, events));
      }),
      { numRuns: 120, seed: 16 },
    );
  });

  it(`${dialect}: exactly-half cases round as the table says (hand-checked)`, async () => {
    // 0.5 diamond per coin: 1 coin → 0.5 diamond; 3 coins → 1.5; USD 0.005 per diamond: 1 diamond → 0.5 cent
    const half = (rounding: RoundingMode, scope: (typeof SCOPES)[number]) =>
      applyOverlay(tiktok, {
        version: `${rounding}-${scope}`,
        creatorShare: { diamondsPerCoin: '0.5', rounding, scope },
        diamondValue: { rounding },
      });
    await engine.load(
      'halves',
      [
        { creatorId: 1, giftCoins: 1, repeatCount: 3 },
        { creatorId: 2, giftCoins: 3, repeatCount: 1 },
      ],
      'BIGINT',
    );
    const run = async (rounding: RoundingMode, scope: (typeof SCOPES)[number]) =>
      (await engine.query(settlementSql(half(rounding, scope), { dialect, source: 'halves' }))).map((r) => [
        r.key,
        r.diamonds,
        r.valueMinor,
      ]);
    // per gift, half-even: creator 1: 3 × round(0.5) = 3 × 0 = 0; creator 2: round(1.5) = 2 diamonds → 1 cent
    expect(await run('half-even', 'per-gift')).toEqual([
      ['1', 0n, 0n],
      ['2', 2n, 1n],
    ]);
    // per event, half-up: round(1.5) = 2 for each; 2 diamonds → 1 cent
    expect(await run('half-up', 'per-event')).toEqual([
      ['1', 2n, 1n],
      ['2', 2n, 1n],
    ]);
    // per gift, ceil: creator 1: 3 × ceil(0.5) = 3 → ceil(1.5 cents) = 2
    expect(await run('ceil', 'per-gift')).toEqual([
      ['1', 3n, 2n],
      ['2', 2n, 1n],
    ]);
    // half-down, per settlement: round(1.5) = 1; 1 diamond → half-down(0.5) = 0 cents
    expect(await run('half-down', 'per-settlement')).toEqual([
      ['1', 1n, 0n],
      ['2', 1n, 0n],
    ]);
  });

  it(`${dialect}: names with quotes, semicolons and unicode are quoted, never pasted`, async () => {
    const name = 'gifts"; DROP TABLE x; --ü';
    const column = 'créateur "id"';
    await engine.run(`DROP TABLE IF EXISTS "gifts""; DROP TABLE x; --ü"`);
    await engine.run(`CREATE TABLE "gifts""; DROP TABLE x; --ü" ("créateur ""id""" TEXT, "giftCoins" BIGINT, "repeatCount" BIGINT)`);
    await engine.run(`INSERT INTO "gifts""; DROP TABLE x; --ü" VALUES ('ann', 5, 2), ('bo''b', 1, NULL)`);
    const rows = await engine.query(settlementSql(tiktok, { dialect, source: name, columns: { creator: column } }));
    // ann: 10 coins → 10 diamonds × 0.5 cent = 5 cents; bo'b: 1 diamond → 0.5 cent, half-even → 0
    expect(rows.map((r) => [r.key, r.coins, r.valueMinor])).toEqual([
      ['ann', 10n, 5n],
      ["bo'b", 1n, 0n],
    ]);
  });

  it(`${dialect}: a negative or fractional count stops the query, as settle refuses it`, async () => {
    await engine.run('DROP TABLE IF EXISTS bad_gifts');
    await engine.run('CREATE TABLE bad_gifts ("creatorId" BIGINT, "giftCoins" NUMERIC(10, 2), "repeatCount" BIGINT)');
    await engine.run('INSERT INTO bad_gifts VALUES (1, 1.5, 1)');
    await expect(engine.query(settlementSql(tiktok, { dialect, source: 'bad_gifts' }))).rejects.toThrow(
      /gift-economy: giftCoins must be a whole number/,
    );
    await engine.run('DELETE FROM bad_gifts');
    await engine.run('INSERT INTO bad_gifts VALUES (1, 5, -2)');
    await expect(engine.query(settlementSql(tiktok, { dialect, source: 'bad_gifts' }))).rejects.toThrow(
      /gift-economy: repeatCount must be a whole number/,
    );
  });

  it(`${dialect}: the shared 1,000,000-event workload gives settle's grand total (USD 2,398,707.52 per settlement)`, async () => {
    const { objects } = makeEvents(1_000_000);
    const rows = objects.map((e: { creatorId: number; giftCoins: number; repeatCount: number }) => ({ ...e }));
    await engine.load('workload', rows, 'BIGINT');
    for (const scope of SCOPES) {
      const table = applyOverlay(tiktok, { version: `bench-${scope}`, creatorShare: { diamondsPerCoin: '0.5', rounding: 'floor', scope } });
      const result = await engine.query(settlementSql(table, { dialect, source: 'workload' }));
      const total = result.reduce((sum, r) => sum + r.valueMinor, 0n);
      expect(total).toBe(settle(table, objects).totals.value.toMinor());
      if (scope === 'per-settlement') expect(total).toBe(239_870_752n); // ../shared/bench-workloads/README.md
    }
  }, 120_000);
}

describe('settlementSql on DuckDB', () => engineSuite('duckdb', duckdb));
describe.runIf(postgresAvailable)('settlementSql on PostgreSQL', () => engineSuite('postgres', postgres));

describe('settlementSql on files (DuckDB)', () => {
  it('reads JSON lines, JSON arrays and CSV files to the same totals as settle', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'gift-sql-'));
    const { objects } = makeEvents(20_000, 7);
    const jsonl = join(dir, 'events.jsonl');
    const array = join(dir, 'events.json');
    const csv = join(dir, 'events.csv');
    writeFileSync(jsonl, objects.map((e: object) => JSON.stringify(e)).join('\n'));
    writeFileSync(array, JSON.stringify(objects));
    writeFileSync(
      csv,
      `creatorId,giftCoins,repeatCount\n${objects.map((e: { creatorId: number; giftCoins: number; repeatCount: number }) => `${e.creatorId},${e.giftCoins},${e.repeatCount}`).join('\n')}\n`,
    );
    const engine = await duckdb();
    const reference = expected(tiktok, objects as EventRow[]);
    for (const file of [jsonl, array, csv]) {
      const rows = await engine.query(settlementSql(tiktok, { dialect: 'duckdb', source: { file } }));
      expect(byKey(rows)).toEqual(reference);
    }
    engine.close();
  });
});

describe('settlementSql', () => {
  it('reads files in DuckDB and explains each rule with its source', () => {
    const sql = settlementSql(tiktok, { dialect: 'duckdb', source: { file: "it's.parquet" }, explain: true });
    expect(sql).toContain("FROM read_parquet('it''s.parquet')");
    expect(sql).toMatch(/-- creator share: 1 diamond per coin = 1\/1, rounded floor, per-gift scope \(source: /);
    expect(sql).toMatch(/-- diamond value: 0\.005 USD per diamond = 1\/2 minor units, rounded half-even/);
    expect(sql).not.toMatch(/DOUBLE|FLOAT|REAL/i);
  });

  it('refuses what it cannot do safely', () => {
    expectEconomyError(
      () => settlementSql(tiktok, { dialect: 'mysql' as never, source: 'gifts' }),
      'INVALID_ARGUMENT',
      /dialect must be one of duckdb, postgres/,
    );
    expectEconomyError(
      () => settlementSql(tiktok, { dialect: 'postgres', source: { file: 'x.csv' } }),
      'INVALID_ARGUMENT',
      /PostgreSQL reads tables/,
    );
    expectEconomyError(() => settlementSql(tiktok, { dialect: 'duckdb', source: 'a\u0000b' }), 'INVALID_ARGUMENT', /without NUL/);
    expectEconomyError(() => settlementSql(tiktok, { dialect: 'duckdb', source: [] }), 'INVALID_ARGUMENT', /qualified parts/);
    expectEconomyError(() => settlementSql(tiktok, null as never), 'INVALID_ARGUMENT', /expected options/);
    expectEconomyError(() => settlementSql({} as never, { dialect: 'duckdb', source: 'g' }), 'INVALID_ARGUMENT', /RateTable/);
  });
});
