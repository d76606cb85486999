import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDuckDbCompactor } from '../../../../src/adapters/compactor/duckdb.js';
import { openSqlSession } from '../../../../src/adapters/compactor/duckdb-session.js';
import { SALE_COLUMNS } from '../../../../src/domain/sale-columns.js';
import {
  CURRENT_TABLE_PREFIX,
  HISTORY_TABLE_PREFIX,
  MARKET_WEEKLY_TABLE_PREFIX,
} from '../../../../src/pipeline/curated-tables.js';
import { observation, requestFor, writeRawBatch } from './crafted-market.js';
import { asObjects, createWarehouse, queryWarehouse, storedKeys, type Warehouse } from './curated-reader.js';

// Athena reads Parquet by column name and supports columns added to a table whose older files lack them
// (https://docs.aws.amazon.com/athena/latest/ug/handling-schema-updates-chapter): the compaction must read such
// files the same way, with nulls in the added columns.
// The columns issue 14 added to listings_history and listings_current.
const ADDED = [...SALE_COLUMNS.map((column) => column.name), 'first_contract_dt'];
// The columns issue 14 added to market_weekly (the zip's week before, read by market_momentum).
const ADDED_WEEKLY = [
  'previous_week_start',
  'previous_median_list_price',
  'previous_median_price_per_sqft',
  'previous_active_listings',
  'previous_median_days_on_market',
];

const warehouses: Warehouse[] = [];
afterEach(async () => {
  for (const { dir } of warehouses.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Rewrites every curated file of a table without the added columns, as a data dir from before them has it. */
async function dropAddedColumns(warehouse: Warehouse, prefix: string, added = ADDED): Promise<void> {
  const session = await openSqlSession({
    spillDir: path.join(warehouse.dir, 'spill'),
    threads: 1,
    memoryLimit: '256MB',
  });
  try {
    for (const key of await storedKeys(warehouse.store, prefix)) {
      const file = warehouse.store.uri(key);
      await session.run(
        `COPY (SELECT * EXCLUDE (${added.join(', ')}) FROM read_parquet('${file}', hive_partitioning = false)) TO '${file}.old' (FORMAT parquet)`,
        'rewriting',
      );
      await session.run(
        `COPY (SELECT * FROM read_parquet('${file}.old')) TO '${file}' (FORMAT parquet)`,
        'rewriting',
      );
      await rm(`${file}.old`);
    }
  } finally {
    session.close();
  }
}

describe('a data dir compacted before the sale and contract columns existed', () => {
  it('compacts its next day, reading the missing columns of its curated files as nulls', async () => {
    // prepare
    const warehouse = await createWarehouse();
    warehouses.push(warehouse);
    const home = (at: string, changes = {}) =>
      observation({ property: 'U1', at, listDate: '2026-11-01T08:00:00Z', changes });
    await writeRawBatch(warehouse.store, {
      partition: 0,
      firstOffset: 0,
      records: [home('2026-11-17T10:00:00Z')],
    });
    const compactor = createDuckDbCompactor({ store: warehouse.store });
    await compactor.compact(await requestFor(warehouse.store, 'before'));
    await dropAddedColumns(warehouse, HISTORY_TABLE_PREFIX);
    await dropAddedColumns(warehouse, CURRENT_TABLE_PREFIX);
    await writeRawBatch(warehouse.store, {
      partition: 0,
      firstOffset: 1,
      records: [home('2026-11-18T10:00:00Z', { is_pending: true })],
    });
    const next = await requestFor(warehouse.store, 'after');

    // act
    await compactor.compact({
      ...next,
      partitions: next.partitions.map((p) => ({ ...p, dt: '2026-11-18' })),
    });

    // assess
    const rows = asObjects(
      await queryWarehouse(
        warehouse,
        "SELECT dt, first_contract_dt, previous_sold_price FROM listings_history WHERE dt = '2026-11-18'",
      ),
    );
    expect(rows).toEqual([
      { dt: '2026-11-18', first_contract_dt: '2026-11-18', previous_sold_price: 980_000 },
    ]);
  });
});

describe('a data dir whose market_weekly files predate the previous_* columns', () => {
  it("compacts a day of the next week, reading the stored week's missing columns as nulls", async () => {
    // prepare
    const warehouse = await createWarehouse();
    warehouses.push(warehouse);
    const home = (property: string, at: string) =>
      observation({ property, at, listDate: '2026-11-01T08:00:00Z' });
    await writeRawBatch(warehouse.store, {
      partition: 0,
      firstOffset: 0,
      records: [home('U1', '2026-11-13T10:00:00Z')],
    });
    const compactor = createDuckDbCompactor({ store: warehouse.store });
    await compactor.compact(await requestFor(warehouse.store, 'before'));
    await dropAddedColumns(warehouse, MARKET_WEEKLY_TABLE_PREFIX, ADDED_WEEKLY);
    // A listing first seen in the next week: its episode's zip context is the stored week before.
    await writeRawBatch(warehouse.store, {
      partition: 0,
      firstOffset: 1,
      records: [home('U2', '2026-11-17T10:00:00Z')],
    });
    const next = await requestFor(warehouse.store, 'after');

    // act
    await compactor.compact({
      ...next,
      partitions: next.partitions.map((p) => ({ ...p, dt: '2026-11-17' })),
    });

    // assess
    const rows = asObjects(
      await queryWarehouse(
        warehouse,
        "SELECT week_start, active_listings, previous_week_start, previous_active_listings FROM market_weekly WHERE week_start = '2026-11-16'",
      ),
    );
    expect(rows).toEqual([
      {
        week_start: '2026-11-16',
        active_listings: 1,
        previous_week_start: '2026-11-09',
        previous_active_listings: 1,
      },
    ]);
  });
});
