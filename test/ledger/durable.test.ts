import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { applyOverlay, DurableLedger, type JournalEntry, type JournalStore, type LedgerEvent, memoryJournal } from '../../src/index.js';
import { tiktok, tiktokHalfDiamondOverlay } from '../../src/presets/tiktok.js';
import { postgresJournal } from '../../src/stores/postgres.js';
import { sqliteJournal } from '../../src/stores/sqlite.js';
import { expectEconomyError } from '../helpers.js';
import { postgresAvailable } from '../sql/engines.js';

const dir = mkdtempSync(join(tmpdir(), 'gift-economy-journal-'));
const clients: pg.Client[] = [];
afterAll(async () => {
  for (const client of clients) await client.end();
  rmSync(dir, { recursive: true, force: true });
});

/** A store kind: `open()` gives a store on the same journal each time (as a restart would). */
interface Kind {
  readonly name: string;
  readonly available: boolean;
  make(): Promise<{ open(): Promise<JournalStore>; tamper(): Promise<void> }>;
}

let tables = 0;
const KINDS: Kind[] = [
  {
    name: 'memory',
    available: true,
    async make() {
      const store = memoryJournal();
      return {
        open: async () => store,
        tamper: async () => {
          const entries = store.entries as JournalEntry[];
          const first = entries[0] as JournalEntry;
          entries[0] = { event: first.event, postings: first.postings.slice(1) };
        },
      };
    },
  },
  {
    name: 'sqlite',
    available: true,
    async make() {
      const file = join(dir, `wallet-${tables++}.db`);
      return {
        open: async () => sqliteJournal(new Database(file)),
        tamper: async () => {
          const db = new Database(file);
          db.prepare('UPDATE gift_economy_journal SET event = replace(event, \'"coins":70\', \'"coins":700\') WHERE seq = 1').run();
          db.close();
        },
      };
    },
  },
  {
    name: 'postgres',
    available: postgresAvailable,
    async make() {
      const table = `journal_test_${process.pid}_${tables++}`;
      const connect = async () => {
        const client = new pg.Client({ host: process.env.PGHOST, user: process.env.PGUSER ?? 'postgres', database: 'postgres' });
        await client.connect();
        clients.push(client);
        return client;
      };
      const admin = await connect();
      await admin.query(`DROP TABLE IF EXISTS "${table}"`);
      return {
        open: async () => postgresJournal(await connect(), { table }),
        tamper: async () => {
          await admin.query(`UPDATE "${table}" SET event = replace(event, '"coins":70', '"coins":700') WHERE seq = 1`);
        },
      };
    },
  },
];

const events: LedgerEvent[] = [
  { type: 'purchase', id: 'p1', viewer: 'ann', coins: 70, channel: 'web', region: 'US' },
  { type: 'gift', id: 'g1', viewer: 'ann', creator: 'bo', gift: 'Rose', count: 20 },
  { type: 'hold-gift', id: 'h1', viewer: 'ann', creator: 'bo', gift: 'Rose', count: 30 },
];

describe.each(KINDS)('DurableLedger on $name', (kind) => {
  it.skipIf(!kind.available)('keeps every applied event across a restart, and nothing refused or duplicated', async () => {
    const journal = await kind.make();
    const wallet = await DurableLedger.open(tiktok, await journal.open());
    expect((await wallet.applyBatch(events)).ok).toBe(true);
    // a refused event stores nothing; a malformed one throws before anything is stored
    expect(await wallet.apply({ type: 'gift', id: 'g2', viewer: 'ann', creator: 'bo', gift: 'Lion' })).toMatchObject({
      code: 'NOT_ENOUGH',
    });
    await expect(wallet.apply({ type: 'gift', id: 'g3', viewer: 'ann', note: 'x' } as never)).rejects.toMatchObject({
      code: 'INVALID_EVENT',
    });
    const restarted = await DurableLedger.open(tiktok, await journal.open());
    expect(restarted.journal.map((entry) => entry.event.id)).toEqual(['p1', 'g1', 'h1']);
    expect([
      restarted.balance('viewer:ann', 'coin'),
      restarted.reserved('viewer:ann', 'coin'),
      restarted.balance('creator:bo', 'diamond'),
    ]).toEqual([20, 30, 20]);
    // the same event after the restart is a duplicate (nothing stored); a new one goes on from there
    expect(await restarted.apply(events[1] as LedgerEvent)).toMatchObject({ ok: true, duplicate: true });
    expect((await restarted.apply({ type: 'post', id: 'x1', hold: 'h1' })).ok).toBe(true);
    const again = await DurableLedger.open(tiktok, await journal.open());
    expect([again.journal.length, again.balance('creator:bo', 'diamond'), again.pending()]).toEqual([4, 50, []]);
  });

  it.skipIf(!kind.available)('finds a stored entry changed outside the ledger', async () => {
    const journal = await kind.make();
    const wallet = await DurableLedger.open(tiktok, await journal.open());
    await wallet.applyBatch(events);
    await journal.tamper();
    await expect(DurableLedger.open(tiktok, await journal.open())).rejects.toMatchObject({ code: 'INVALID_JOURNAL' });
  });

  it.skipIf(!kind.available)('refuses to open a journal under rules that post its events otherwise', async () => {
    const journal = await kind.make();
    await (await DurableLedger.open(tiktok, await journal.open())).applyBatch(events);
    // 20 Roses give 20 diamonds under the preset and 10 under the half-diamond reading
    const half = applyOverlay(tiktok, tiktokHalfDiamondOverlay);
    await expect(DurableLedger.open(half, await journal.open())).rejects.toMatchObject({ code: 'INVALID_JOURNAL' });
    // the journal itself is untouched: under its own rules it opens as before
    expect((await DurableLedger.open(tiktok, await journal.open())).balance('creator:bo', 'diamond')).toBe(20);
  });
});

describe('DurableLedger and its store', () => {
  it('posts nothing in memory when the store fails to append', async () => {
    const store = memoryJournal();
    let fail = false;
    const flaky: JournalStore = {
      load: () => store.load(),
      verify: (entries) => store.verify(entries),
      append(entries) {
        if (fail) throw new Error('disk full');
        store.append(entries);
      },
    };
    const wallet = await DurableLedger.open(tiktok, flaky);
    await wallet.apply(events[0] as LedgerEvent);
    fail = true;
    await expect(wallet.apply(events[1] as LedgerEvent)).rejects.toThrow('disk full');
    expect([wallet.balance('viewer:ann', 'coin'), wallet.journal.length]).toEqual([70, 1]);
    // the failed id is free again, even after another event took its place in the journal
    fail = false;
    const other: LedgerEvent = { type: 'purchase', id: 'other', viewer: 'cy', coins: 70, channel: 'web', region: 'US' };
    expect(await wallet.apply(other)).toMatchObject({ ok: true, duplicate: false });
    expect(await wallet.apply(events[1] as LedgerEvent)).toMatchObject({ ok: true, duplicate: false });
    expect(wallet.journal.map((entry) => entry.event.id)).toEqual([events[0]?.id, 'other', events[1]?.id]);
  });

  it('serialises concurrent calls, so a balance is never spent twice', async () => {
    const wallet = await DurableLedger.open(tiktok, memoryJournal());
    await wallet.apply(events[0] as LedgerEvent);
    const spends = await Promise.all(
      Array.from({ length: 10 }, (_, i) => wallet.apply({ type: 'gift', id: `g${i}`, viewer: 'ann', creator: 'bo', gift: 'Doughnut' })),
    );
    // 70 coins buy two 30-coin Doughnuts and no third
    expect(spends.filter((result) => result.ok).length).toBe(2);
  });

  it('refuses a store that is not one, and a journal written under other rules', async () => {
    await expect(DurableLedger.open(tiktok, {} as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const store = memoryJournal();
    store.append([{ event: events[0] as LedgerEvent, postings: [] }]);
    await expect(DurableLedger.open(tiktok, store)).rejects.toMatchObject({ code: 'INVALID_JOURNAL' });
    expectEconomyError(() => sqliteJournal({} as never), 'INVALID_ARGUMENT');
  });
});

describe('the stored rows', () => {
  const open = async (db: Database.Database) => DurableLedger.open(tiktok, sqliteJournal(db));
  const rows = (db: Database.Database) =>
    db.prepare('SELECT id, event, hash FROM gift_economy_journal ORDER BY seq').all() as {
      id: string;
      event: string;
      hash: string | null;
    }[];

  it('hold each event as JSON, with one SHA-256 link per batch over the events and their postings', async () => {
    const db = new Database(':memory:');
    await (await open(db)).apply(events[0] as LedgerEvent);
    const [row] = rows(db);
    expect([row?.id, JSON.parse(row?.event ?? '')]).toEqual(['p1', events[0]]);
    // the link hashes the previous link ('' at the start), then per entry a newline, the event's JSON and each posting
    // as length:account unit,amount; — 70 web coins are USD 0.74 (data/tiktok.json, 70 coins, web, hiwildflower)
    const text =
      '\n{"type":"purchase","id":"p1","viewer":"ann","coins":70,"channel":"web","region":"US"}' +
      '12:coins-issuedcoin,-70;10:viewer:anncoin,70;15:viewer-paid:annUSD,-74;8:platformUSD,74;';
    expect(row?.hash).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('carry the link on the last row of each batch only', async () => {
    const db = new Database(':memory:');
    const wallet = await open(db);
    await wallet.applyBatch(events);
    await wallet.apply({ type: 'post', id: 'x1', hold: 'h1' });
    expect(rows(db).map((row) => row.hash === null)).toEqual([true, true, false, false]);
  });

  it.each([
    ['a row taken out of a batch', 'DELETE FROM gift_economy_journal WHERE seq = 2'],
    ["a batch's last row taken out", 'DELETE FROM gift_economy_journal WHERE seq = 3'],
    [
      'a row added',
      `INSERT INTO gift_economy_journal (id, event, hash) VALUES ('p9', '{"type":"purchase","id":"p9","viewer":"ann","coins":70,"channel":"web","region":"US"}', NULL)`,
    ],
    ["a row's id changed", "UPDATE gift_economy_journal SET id = 'other' WHERE seq = 1"],
    ['a row that is not JSON', "UPDATE gift_economy_journal SET event = 'p1' WHERE seq = 1"],
  ])('find %s', async (_, change) => {
    const db = new Database(':memory:');
    await (await open(db)).applyBatch(events);
    db.prepare(change).run();
    await expect(open(db)).rejects.toMatchObject({ code: 'INVALID_JOURNAL' });
  });

  it('are not read from a table of another shape', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE gift_economy_journal (seq INTEGER PRIMARY KEY, id TEXT, entry TEXT, hash TEXT)');
    expectEconomyError(() => sqliteJournal(db), 'INVALID_JOURNAL');
  });

  it('keep the chain whole across an empty batch appended to the store', async () => {
    const db = new Database(':memory:');
    const store = sqliteJournal(db);
    const wallet = await DurableLedger.open(tiktok, store);
    await store.append([]);
    await wallet.applyBatch(events);
    expect((await open(db)).journal.length).toBe(3);
  });

  it('append nothing before the journal is opened and verified', async () => {
    const store = sqliteJournal(new Database(':memory:'));
    await expect(store.append([])).rejects.toMatchObject({ code: 'INVALID_JOURNAL' });
  });
});

describe('the stored rows on PostgreSQL', () => {
  it.skipIf(!postgresAvailable)('are not read from a table of another shape', async () => {
    const client = new pg.Client({ host: process.env.PGHOST, user: process.env.PGUSER ?? 'postgres', database: 'postgres' });
    await client.connect();
    clients.push(client);
    const table = `journal_other_${process.pid}`;
    await client.query(`DROP TABLE IF EXISTS "${table}"`);
    await client.query(`CREATE TABLE "${table}" (seq BIGSERIAL PRIMARY KEY, id TEXT, entry TEXT, hash TEXT)`);
    await expect(DurableLedger.open(tiktok, postgresJournal(client, { table }))).rejects.toMatchObject({ code: 'INVALID_JOURNAL' });
    await client.query(`DROP TABLE "${table}"`);
  });
});

describe('the wallet recipe (docs/recipes.md) on PostgreSQL', () => {
  it.skipIf(!postgresAvailable)('buys, gifts, holds, restarts, posts and pays out with nothing lost', async () => {
    const table = `wallet_recipe_${process.pid}`;
    const connect = async () => {
      const client = new pg.Client({ host: process.env.PGHOST, user: process.env.PGUSER ?? 'postgres', database: 'postgres' });
      await client.connect();
      clients.push(client);
      return client;
    };
    await (await connect()).query(`DROP TABLE IF EXISTS "${table}"`);
    const options = { limits: { maxBalance: { coin: 100_000 }, dailyPurchaseCoins: 50_000 }, holdSeconds: 300 };
    const wallet = await DurableLedger.open(tiktok, postgresJournal(await connect(), { table }), options);
    await wallet.applyBatch([
      { type: 'purchase', id: 'p1', viewer: 'ann', coins: 35_000, channel: 'web', region: 'US', at: '2026-11-25T20:00:00Z' },
      { type: 'gift', id: 'g1', viewer: 'ann', creator: 'bo', gift: 'Lion', at: '2026-11-25T20:05:00Z' },
      { type: 'hold-gift', id: 'h1', viewer: 'ann', creator: 'bo', gift: 'Rose', count: 500, at: '2026-11-25T20:06:00Z' },
    ]);
    // 35,000 − 29,999 (a Lion) − 500 held = 4,501 available
    expect([wallet.balance('viewer:ann', 'coin'), wallet.reserved('viewer:ann', 'coin')]).toEqual([4501, 500]);
    const restarted = await DurableLedger.open(tiktok, postgresJournal(await connect(), { table }), options);
    await restarted.apply({ type: 'post', id: 'x1', hold: 'h1', at: '2026-11-25T20:07:00Z' });
    await restarted.apply({ type: 'payout', id: 'w1', creator: 'bo', diamonds: 30_499 });
    // 30,499 diamonds × USD 0.005 = 152.495, half-even to 152.50
    expect([restarted.balance('creator-cash:bo', 'USD'), restarted.pending().length]).toEqual([15250, 0]);
  });
});
