import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createDuckDbCompactor } from '../../../../src/adapters/compactor/duckdb.js';
import { weekStartOf } from '../../../../src/compaction/compaction-scope.js';
import { HISTORY_TABLE_PREFIX } from '../../../../src/pipeline/curated-tables.js';
import { type RawBatch, requestFor, writeRawBatch } from './crafted-market.js';
import { createWarehouse, queryWarehouse, storedKeys, type Warehouse } from './curated-reader.js';
import { lateBatch, marketDay, NINETY_DAYS, ninetyDayBatches } from './ninety-day-market.js';

const LISTINGS = 16;
// Up to eleven DuckDB runs a test: generous on the shared, loaded machine.
const TIMEOUT_MS = 180_000;
const HISTORY = 'SELECT * FROM listings_history ORDER BY property_id, dt';
const CURRENT = 'SELECT * FROM listings_current ORDER BY property_id';
const WEEKLY = 'SELECT * FROM market_weekly ORDER BY state, postal_code, city, week_start';
const OUTCOMES = 'SELECT * FROM listing_outcomes ORDER BY state, property_id, listing_id';
const CHANGES = 'SELECT * FROM price_changes ORDER BY state, property_id, change_dt';
const EVERY_TABLE = [HISTORY, CURRENT, WEEKLY, OUTCOMES, CHANGES];

const warehouses: Warehouse[] = [];
afterEach(async () => {
  for (const { dir } of warehouses.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function warehouseWith(batches: readonly RawBatch[]): Promise<Warehouse> {
  const warehouse = await createWarehouse();
  warehouses.push(warehouse);
  for (const batch of batches) await writeRawBatch(warehouse.store, batch);
  return warehouse;
}

async function compactBatches(warehouse: Warehouse, runId: string, batches: readonly RawBatch[]) {
  const keys: string[] = [];
  for (const batch of batches) keys.push(...(await writeRawBatch(warehouse.store, batch)));
  return createDuckDbCompactor({ store: warehouse.store }).compact(
    await requestFor(warehouse.store, runId, new Set(keys)),
  );
}

async function fullCompaction(batches: readonly RawBatch[]): Promise<Warehouse> {
  const full = await warehouseWith(batches);
  await createDuckDbCompactor({ store: full.store }).compact(await requestFor(full.store, 'full'));
  return full;
}

describe('DuckDB compactor, incremental over a 90-day market', () => {
  it(
    'builds a day and its week from listings_current and that week alone: the same rows with every older history file gone',
    async () => {
      // prepare
      const batches = ninetyDayBatches(LISTINGS);
      const incremental = await warehouseWith([]);
      await compactBatches(incremental, 'days-0-88', batches.slice(0, -1));
      // A daily run must not need the history before the new day's week: remove it, then run the last day.
      const lastDay = marketDay(NINETY_DAYS - 1);
      const older = (await storedKeys(incremental.store, HISTORY_TABLE_PREFIX)).filter(
        (key) => (/dt=([^/]+)/.exec(key)?.[1] ?? '') < weekStartOf(lastDay),
      );
      expect(older.length).toBeGreaterThan(80);
      await incremental.store.delete(older);
      const full = await fullCompaction(batches);

      // act
      const manifest = await compactBatches(incremental, 'day-89', batches.slice(-1));

      // assess
      expect(manifest.scope.every((entry) => entry.fromDt === lastDay)).toBe(true);
      const dayRows = `SELECT * FROM listings_history WHERE dt = '${lastDay}' ORDER BY property_id`;
      const [fromCurrent, fromFull] = [
        await queryWarehouse(incremental, dayRows),
        await queryWarehouse(full, dayRows),
      ];
      expect(fromCurrent.rows.length).toBeGreaterThan(0);
      expect(fromCurrent).toEqual(fromFull);
      expect(await queryWarehouse(incremental, CURRENT)).toEqual(await queryWarehouse(full, CURRENT));
      const lastWeek = `SELECT * FROM market_weekly WHERE dt = '${weekStartOf(lastDay)}' ORDER BY ALL`;
      expect((await queryWarehouse(incremental, lastWeek)).rows.length).toBeGreaterThan(0);
      expect(await queryWarehouse(incremental, lastWeek)).toEqual(await queryWarehouse(full, lastWeek));
      expect((await queryWarehouse(full, OUTCOMES)).rows.length).toBeGreaterThan(10);
      expect(await queryWarehouse(incremental, OUTCOMES)).toEqual(await queryWarehouse(full, OUTCOMES));
    },
    TIMEOUT_MS,
  );

  it(
    'gives the rows of a full compaction after ten daily runs in a row',
    async () => {
      // prepare
      const batches = ninetyDayBatches(LISTINGS);
      const incremental = await warehouseWith([]);
      await compactBatches(incremental, 'days-0-79', batches.slice(0, 80));
      const full = await fullCompaction(batches);

      // act
      for (let day = 80; day < NINETY_DAYS; day += 1)
        await compactBatches(incremental, `day-${day}`, batches.slice(day, day + 1));

      // assess
      for (const table of EVERY_TABLE)
        expect(await queryWarehouse(incremental, table), table).toEqual(await queryWarehouse(full, table));
    },
    TIMEOUT_MS,
  );

  it(
    'redoes only the days from a late day on, to the rows of a full compaction',
    async () => {
      // prepare
      const batches = ninetyDayBatches(LISTINGS);
      const late = lateBatch(LISTINGS, 45);
      const incremental = await warehouseWith([]);
      await compactBatches(incremental, 'all-days', batches);
      const full = await fullCompaction([...batches, late]);

      // act
      const manifest = await compactBatches(incremental, 'late', [late]);

      // assess
      expect(manifest.scope.every((entry) => entry.fromDt === marketDay(45))).toBe(true);
      const redoneDays = manifest.tables[0]?.partitions.map((p) => p.values[0]) ?? [];
      expect(Math.min(...redoneDays.map((dt) => Date.parse(dt ?? '')))).toBe(Date.parse(marketDay(45)));
      for (const table of EVERY_TABLE)
        expect(await queryWarehouse(incremental, table), table).toEqual(await queryWarehouse(full, table));
    },
    TIMEOUT_MS,
  );
});
