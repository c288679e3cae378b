import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DurableLedger, type JournalEntry, type JournalStore, type LedgerEvent, memoryJournal } from '../../src/index.js';
import { tiktok } from '../../src/presets/tiktok.js';
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
          db.prepare('UPDATE gift_economy_journal SET entry = replace(entry, \'"coins":70\', \'"coins":700\') WHERE seq = 1').run();
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
          await admin.query(`UPDATE "${table}" SET entry = replace(entry, '"coins":70', '"coins":700') WHERE seq = 1`);
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
});

describe('DurableLedger and its store', () => {
  it('posts nothing in memory when the store fails to append', async () => {
    const store = memoryJournal();
    let fail = false;
    const flaky: JournalStore = {
      load: () => store.load(),
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
  it('hold the event and its postings as [account, unit, amount], chained by SHA-256', async () => {
    const db = new Database(':memory:');
    const wallet = await DurableLedger.open(tiktok, sqliteJournal(db));
    await wallet.apply(events[0] as LedgerEvent);
    const [row] = db.prepare('SELECT id, entry, hash FROM gift_economy_journal').all() as { id: string; entry: string; hash: string }[];
    // 70 web coins: USD 0.74 (data/tiktok.json, 70 coins, web, source hiwildflower); no store commission on the web
    expect(row?.id).toBe('p1');
    expect(JSON.parse(row?.entry ?? '')).toEqual({
      event: events[0],
      postings: [
        ['coins-issued', 'coin', -70],
        ['viewer:ann', 'coin', 70],
        ['viewer-paid:ann', 'USD', -74],
        ['platform', 'USD', 74],
      ],
    });
    expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuse a row whose postings are not triples, even with its hash rewritten to match', async () => {
    const db = new Database(':memory:');
    await (await DurableLedger.open(tiktok, sqliteJournal(db))).apply(events[0] as LedgerEvent);
    const entry = JSON.stringify({ event: events[0], postings: [{ account: 'viewer:ann', unit: 'coin', amount: 70 }] });
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(`\n${entry}`).digest('hex');
    db.prepare('UPDATE gift_economy_journal SET entry = ?, hash = ?').run(entry, hash);
    await expect(DurableLedger.open(tiktok, sqliteJournal(db))).rejects.toMatchObject({ code: 'INVALID_JOURNAL' });
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
