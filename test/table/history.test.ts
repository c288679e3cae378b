import { describe, expect, it, vi } from 'vitest';
import { applyOverlay, EconomyError, fixedSource, loadingSource, parseRateTable, RateHistory } from '../../src/index.js';
import { minimalTable } from '../fixtures.js';
import { expectEconomyError } from '../helpers.js';

const v1 = parseRateTable({ ...minimalTable(), version: '1', effectiveFrom: '2026-01-01', effectiveTo: '2026-07-01' });
const v2 = parseRateTable({ ...minimalTable(), version: '2', effectiveFrom: '2026-07-01' });

describe('RateHistory', () => {
  it('answers the version in force at an instant (start inclusive, end exclusive)', () => {
    const history = RateHistory.of([v2, v1]);
    expect(history.versions.map((t) => t.version)).toEqual(['1', '2']);
    expect(history.at('2026-03-15').version).toBe('1');
    expect(history.at('2026-06-30T23:59:59.999Z').version).toBe('1');
    expect(history.at('2026-07-01').version).toBe('2');
    expect(history.at(new Date('2030-01-01')).version).toBe('2');
    expectEconomyError(() => history.at('2025-12-31'), 'NO_TABLE_IN_FORCE', /no version of "demo"/);
    expectEconomyError(() => history.at('not a date'), 'INVALID_ARGUMENT', /ISO 8601/);
  });

  it('refuses gaps, overlaps, open periods that are not last, and mixed ids', () => {
    const gap = parseRateTable({ ...minimalTable(), version: '2', effectiveFrom: '2026-08-01' });
    expectEconomyError(() => RateHistory.of([v1, gap]), 'INVALID_TABLE', /gap/);
    const overlap = parseRateTable({ ...minimalTable(), version: '2', effectiveFrom: '2026-06-01' });
    expectEconomyError(() => RateHistory.of([v1, overlap]), 'INVALID_TABLE', /overlaps/);
    const open = parseRateTable({ ...minimalTable(), version: '0', effectiveFrom: '2025-01-01' });
    expectEconomyError(() => RateHistory.of([open, v1]), 'INVALID_TABLE', /no effectiveTo/);
    const other = parseRateTable({ ...minimalTable(), id: 'other', effectiveFrom: '2026-07-01' });
    expectEconomyError(() => RateHistory.of([v1, other]), 'INVALID_TABLE', /id "demo"/);
  });
});

describe('applyOverlay', () => {
  it('merges a partial document and validates the whole', () => {
    const promo = applyOverlay(v2, { version: 'promo', creatorShare: { diamondsPerCoin: '0.6' } });
    expect(promo.ref).toBe('demo@promo');
    expect(promo.document.creatorShare).toEqual({ diamondsPerCoin: '0.6', rounding: 'floor', scope: 'per-settlement', source: 'hand' });
    // the base is untouched
    expect(v2.document.creatorShare.diamondsPerCoin).toBe('0.5');
  });

  it('replaces arrays and removes keys with null (JSON Merge Patch)', () => {
    const table = applyOverlay(v2, { gifts: [{ id: 'star', name: 'Star', coins: 3 }], creatorShare: { source: null } });
    expect(table.gifts.map((g) => g.id)).toEqual(['star']);
    expect(table.document.creatorShare.source).toBeUndefined();
  });

  it('refuses an overlay that breaks the table or pollutes', () => {
    const error = expectEconomyError(() => applyOverlay(v2, { creatorShare: { diamondsPerCoin: '2' } }), 'INVALID_TABLE');
    expect(error.issues[0]?.path).toEqual(['creatorShare', 'diamondsPerCoin']);
    expectEconomyError(() => applyOverlay(v2, JSON.parse('{"__proto__":{"polluted":1}}')), 'INVALID_TABLE', /not allowed/);
    expectEconomyError(() => applyOverlay(v2, [1]), 'INVALID_TABLE', /must be an object/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('rate sources', () => {
  it('a fixed source answers its table', async () => {
    expect((await fixedSource(v1).current()).ref).toBe('demo@1');
    expectEconomyError(() => fixedSource({} as never), 'INVALID_ARGUMENT', /compiled RateTable/);
  });

  it('a loading source caches, reloads when stale and keeps the last good table when a load is invalid', async () => {
    let clock = 0;
    const documents: unknown[] = [
      minimalTable(),
      { ...minimalTable(), version: 'broken', currencies: [] },
      { ...minimalTable(), version: '3' },
    ];
    const load = vi.fn(async () => documents.shift());
    const onError = vi.fn();
    const source = loadingSource({ load, maxAgeMs: 1000, now: () => clock, onError });
    const [a, b] = await Promise.all([source.current(), source.current()]);
    expect(a.ref).toBe('demo@1');
    expect(b).toBe(a);
    expect(load).toHaveBeenCalledTimes(1); // concurrent calls share one load
    clock = 500;
    expect((await source.current()).ref).toBe('demo@1');
    expect(load).toHaveBeenCalledTimes(1); // still fresh
    clock = 1500;
    expect((await source.current()).ref).toBe('demo@1'); // the new table is invalid: last known good
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(EconomyError);
    clock = 3000;
    expect((await source.current()).ref).toBe('demo@3');
  });

  it('a loading source with nothing good yet rejects, and reports a failing loader as INVALID_TABLE', async () => {
    const onError = vi.fn();
    const source = loadingSource({
      load: async () => {
        throw new Error('network down');
      },
      maxAgeMs: 1000,
      now: () => 0,
      onError,
    });
    await expect(source.current()).rejects.toMatchObject({ code: 'INVALID_TABLE', message: expect.stringMatching(/network down/) });
    const withFallback = loadingSource({ load: async () => null, maxAgeMs: 1000, now: () => 0, fallback: v2, onError });
    expect((await withFallback.current()).ref).toBe('demo@2');
    expect(onError).toHaveBeenCalledTimes(2);
  });
});
