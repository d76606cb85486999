import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createDuckDbCompactor } from '../../../../src/adapters/compactor/duckdb.js';
import { changedPartitions } from '../../../../src/compaction/compaction-scope.js';
import { RAW_LISTINGS_PREFIX } from '../../../../src/domain/partition-path.js';
import type { RawBatch } from './crafted-market.js';
import { observation, writeRawBatch } from './crafted-market.js';
import { asObjects, createWarehouse, queryWarehouse, type Warehouse } from './curated-reader.js';

const CHANGES =
  'SELECT dt, state, property_id, change_dt, previous_dt, list_price FROM price_changes ORDER BY change_dt';

const warehouses: Warehouse[] = [];
afterEach(async () => {
  for (const { dir } of warehouses.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Writes the batch and compacts the raw partitions it wrote, as a daily run would. */
async function compactBatch(warehouse: Warehouse, runId: string, batch: RawBatch) {
  const keys = await writeRawBatch(warehouse.store, batch);
  const objects = [];
  for await (const object of warehouse.store.list(RAW_LISTINGS_PREFIX))
    if (keys.includes(object.key)) objects.push(object);
  return createDuckDbCompactor({ store: warehouse.store }).compact({
    runId,
    database: 'realty',
    partitions: changedPartitions(objects, RAW_LISTINGS_PREFIX, undefined),
    targetFileBytes: 128 * 1024 * 1024,
    watermarkMs: 1_000,
  });
}

describe('DuckDB compactor, weekly gold tables', () => {
  it("drops a rebuilt week that has no price change any more: late data moved the state's only change to the week before", async () => {
    // prepare: Saturday 2026-11-21 at 500,000, Monday 2026-11-23 (the next week) cut to 450,000
    const warehouse = await createWarehouse();
    warehouses.push(warehouse);
    await compactBatch(warehouse, 'first', {
      partition: 0,
      firstOffset: 0,
      records: [
        observation({ property: 'P1', at: '2026-11-21T10:00:00Z', price: 500_000 }),
        observation({ property: 'P1', at: '2026-11-23T10:00:00Z', price: 450_000 }),
      ],
    });
    const before = asObjects(await queryWarehouse(warehouse, CHANGES));

    // act: Sunday 2026-11-22 arrives late, already at 450,000
    await compactBatch(warehouse, 'late', {
      partition: 0,
      firstOffset: 2,
      records: [observation({ property: 'P1', at: '2026-11-22T10:00:00Z', price: 450_000 })],
    });

    // assess
    expect(before).toEqual([
      {
        dt: '2026-11-23',
        state: 'CA',
        property_id: 'P1',
        change_dt: '2026-11-23',
        previous_dt: '2026-11-21',
        list_price: 450_000,
      },
    ]);
    expect(asObjects(await queryWarehouse(warehouse, CHANGES))).toEqual([
      {
        dt: '2026-11-16',
        state: 'CA',
        property_id: 'P1',
        change_dt: '2026-11-22',
        previous_dt: '2026-11-21',
        list_price: 450_000,
      },
    ]);
  });
});
