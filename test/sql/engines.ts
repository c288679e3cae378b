// Real engines for the SQL tests: DuckDB in process (@duckdb/node-api) and a PostgreSQL server that .ci/run
// starts on a private Unix socket (scripts/postgres.sh) and names in PGHOST. Without PGHOST a developer's run
// skips the PostgreSQL half with a message; CI (CI=true) fails instead.
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';

export interface EventRow {
  readonly creatorId: number | string;
  readonly giftCoins: number;
  readonly repeatCount: number | null;
}

export interface ResultRow {
  readonly key: string;
  readonly events: bigint;
  readonly coins: bigint;
  readonly diamonds: bigint;
  readonly valueMinor: bigint;
}

export const postgresAvailable = process.env.PGHOST !== undefined;
if (!postgresAvailable && process.env.CI)
  throw new Error('CI must provide PostgreSQL: PGHOST is not set (see scripts/postgres.sh and .ci/run)');
if (!postgresAvailable) console.warn('PostgreSQL tests skipped: PGHOST is not set (start one with scripts/postgres.sh start DIR)');

/** Our own text form of a result, so both engines compare as exact integers. */
function row(record: Record<string, unknown>): ResultRow {
  return {
    key: String(record.key),
    events: BigInt(String(record.events)),
    coins: BigInt(String(record.coins)),
    diamonds: BigInt(String(record.diamonds)),
    valueMinor: BigInt(String(record.value_minor)),
  };
}

export async function duckdb() {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return {
    async run(sql: string): Promise<void> {
      await connection.run(sql);
    },
    async query(sql: string): Promise<ResultRow[]> {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjects().map((record) => row(record as Record<string, unknown>));
    },
    async load(name: string, events: readonly EventRow[], keyType: 'BIGINT' | 'VARCHAR'): Promise<void> {
      await connection.run(`CREATE OR REPLACE TABLE "${name}" (creatorId ${keyType}, giftCoins BIGINT, repeatCount BIGINT)`);
      const appender = await connection.createAppender(name);
      for (const event of events) {
        if (keyType === 'BIGINT') appender.appendBigInt(BigInt(event.creatorId));
        else appender.appendVarchar(String(event.creatorId));
        appender.appendBigInt(BigInt(event.giftCoins));
        if (event.repeatCount === null) appender.appendNull();
        else appender.appendBigInt(BigInt(event.repeatCount));
        appender.endRow();
      }
      appender.closeSync();
    },
    close(): void {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export async function postgres() {
  const client = new pg.Client({ host: process.env.PGHOST, user: process.env.PGUSER ?? 'postgres', database: 'postgres' });
  await client.connect();
  return {
    async run(sql: string): Promise<void> {
      await client.query(sql);
    },
    async query(sql: string): Promise<ResultRow[]> {
      const result = await client.query({ text: sql, types: { getTypeParser: () => (value: string) => value } });
      return result.rows.map((record) => row(record as Record<string, unknown>));
    },
    async load(name: string, events: readonly EventRow[], keyType: 'BIGINT' | 'VARCHAR'): Promise<void> {
      await client.query(`DROP TABLE IF EXISTS "${name}"`);
      await client.query(
        `CREATE TABLE "${name}" ("creatorId" ${keyType === 'BIGINT' ? 'BIGINT' : 'TEXT'}, "giftCoins" BIGINT, "repeatCount" BIGINT)`,
      );
      for (let start = 0; start < events.length; start += 100_000) {
        const part = events.slice(start, start + 100_000);
        await client.query(
          `INSERT INTO "${name}" SELECT * FROM unnest($1::${keyType === 'BIGINT' ? 'bigint' : 'text'}[], $2::bigint[], $3::bigint[])`,
          [
            part.map((e) => String(e.creatorId)),
            part.map((e) => String(e.giftCoins)),
            part.map((e) => (e.repeatCount === null ? null : String(e.repeatCount))),
          ],
        );
      }
    },
    async close(): Promise<void> {
      await client.end();
    },
  };
}
