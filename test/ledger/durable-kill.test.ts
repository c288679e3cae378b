import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DurableLedger, Ledger, type LedgerEvent } from '../../src/index.js';
import { tiktok } from '../../src/presets/tiktok.js';
import { sqliteJournal } from '../../src/stores/sqlite.js';
import { killEvents } from './kill-events.mjs';

const dir = mkdtempSync(join(tmpdir(), 'gift-economy-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COUNT = 20_000;

/** Starts the child, waits until it has opened the journal, lets it run `ms`, then kills it with SIGKILL. */
function runAndKill(file: string, seed: number, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL('./kill-child.mjs', import.meta.url).pathname, file, String(seed), String(COUNT)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk) => {
      errors += chunk;
    });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms));
    child.on('exit', (code, signal) => (signal === 'SIGKILL' || code === 0 ? resolve() : reject(new Error(`child failed: ${errors}`))));
  });
}

describe('a journal on SQLite survives SIGKILL at any point (seeded, repeated)', () => {
  it('after each kill the journal is a prefix of the applied events, balances equal a replay of it, nothing is lost or doubled', async () => {
    let state = 20_261_125;
    const random = () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const lengths: number[] = [];
    for (let run = 0; run < 12; run++) {
      const file = join(dir, `wallet-${run}.db`);
      const seed = run + 1;
      const events = killEvents(seed, COUNT) as LedgerEvent[];
      // kill it twice at random points, reopening in between, as a crashing service would be restarted
      await runAndKill(file, seed, Math.floor(random() * 120));
      await runAndKill(file, seed, Math.floor(random() * 120));
      const wallet = await DurableLedger.open(tiktok, sqliteJournal(new Database(file)));
      const ids = wallet.journal.map((entry) => entry.event.id);
      lengths.push(ids.length);
      expect(ids).toEqual(events.slice(0, ids.length).map((event) => event.id));
      const replay = new Ledger(tiktok);
      expect(replay.applyBatch(events.slice(0, ids.length)).ok).toBe(true);
      expect(wallet.balances()).toEqual(replay.balances());
      const sums = new Map<string, number>();
      for (const { unit, amount } of wallet.balances()) sums.set(unit, (sums.get(unit) ?? 0) + amount);
      expect([...sums.values()].every((total) => total === 0)).toBe(true);
      await wallet.close();
    }
    // the kills really landed mid-way: most journals stop somewhere inside the 20,000 events
    expect(lengths.filter((length) => length > 0 && length < COUNT).length).toBeGreaterThan(6);
  }, 120_000);
});
