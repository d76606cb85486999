import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createDuckDbCompactor } from '../../../../src/adapters/compactor/duckdb.js';
import { observation, requestFor, writeRawBatch } from './crafted-market.js';
import { asObjects, createWarehouse, queryWarehouse, type Warehouse } from './curated-reader.js';

const warehouses: Warehouse[] = [];
afterEach(async () => {
  for (const { dir } of warehouses.splice(0)) await rm(dir, { recursive: true, force: true });
});

const home = (property: string, at: string) =>
  observation({ property, at, listDate: '2026-11-01T08:00:00Z' });
const CONTEXT =
  "SELECT property_id, first_seen_dt, market_week_start, zip_active_listings FROM listing_outcomes WHERE property_id = 'C2'";
// C2 is first seen on Tuesday 2026-11-17; its zip's market of the week before is the week of Monday 2026-11-09,
// when C1 was the one active listing (and C2 was not yet seen).
const EXPECTED = [
  { property_id: 'C2', first_seen_dt: '2026-11-17', market_week_start: '2026-11-09', zip_active_listings: 1 },
];

describe("listing_outcomes' zip context", () => {
  it('takes the zip week 7 days before the first seen day from the weeks the same run builds', async () => {
    // prepare
    const warehouse = await createWarehouse();
    warehouses.push(warehouse);
    await writeRawBatch(warehouse.store, {
      partition: 0,
      firstOffset: 0,
      records: [home('C1', '2026-11-13T10:00:00Z'), home('C1', '2026-11-17T10:00:00Z')],
    });
    await writeRawBatch(warehouse.store, {
      partition: 1,
      firstOffset: 0,
      records: [home('C2', '2026-11-17T11:00:00Z')],
    });

    // act
    await createDuckDbCompactor({ store: warehouse.store }).compact(await requestFor(warehouse.store, 'one'));

    // assess
    expect(asObjects(await queryWarehouse(warehouse, CONTEXT))).toEqual(EXPECTED);
  });

  it('takes it from the stored market_weekly on a daily run of the next week', async () => {
    // prepare
    const warehouse = await createWarehouse();
    warehouses.push(warehouse);
    const compactor = createDuckDbCompactor({ store: warehouse.store });
    await writeRawBatch(warehouse.store, {
      partition: 0,
      firstOffset: 0,
      records: [home('C1', '2026-11-13T10:00:00Z')],
    });
    await compactor.compact(await requestFor(warehouse.store, 'first'));
    await writeRawBatch(warehouse.store, {
      partition: 0,
      firstOffset: 1,
      records: [home('C1', '2026-11-17T10:00:00Z'), home('C2', '2026-11-17T11:00:00Z')],
    });
    const next = await requestFor(warehouse.store, 'next');

    // act
    await compactor.compact({
      ...next,
      partitions: next.partitions.map((p) => ({ ...p, dt: '2026-11-17' })),
    });

    // assess
    expect(asObjects(await queryWarehouse(warehouse, CONTEXT))).toEqual(EXPECTED);
  });
});
