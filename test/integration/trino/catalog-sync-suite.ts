import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLocalCatalog } from '../../../src/adapters/catalog/local-file.js';
import { createTrinoCatalogSync, type TrinoCatalogSync } from '../../../src/adapters/catalog/trino-sync.js';
import { createLocalDirStore } from '../../../src/adapters/object-store/local-dir.js';
import { createDuckDbQueryEngine } from '../../../src/adapters/query/duckdb.js';
import { createTrinoQueryEngine } from '../../../src/adapters/query/trino.js';
import type { RawListingRow } from '../../../src/domain/listing-record.js';
import { CatalogError } from '../../../src/errors.js';
import { rawTableDefinition } from '../../../src/pipeline/raw-table.js';
import type { Catalog, PartitionSpec, TableDefinition } from '../../../src/ports/catalog.js';
import type { ObjectStore } from '../../../src/ports/object-store.js';
import type { QueryEngine } from '../../../src/ports/query-engine.js';
import { expectSameResult } from './helpers/engine-comparison.js';
import { realListingRecords, writePartitions } from './helpers/listing-sample.js';
import type { TrinoServer } from './helpers/trino-server.js';

/** One test's world: a database of its own, a table location of its own, both engines over the same bucket. */
interface World {
  db: string;
  table: TableDefinition;
  catalog: Catalog;
  store: ObjectStore;
  trino: QueryEngine;
  duckdb: QueryEngine;
  sync: TrinoCatalogSync;
  cleanup(): Promise<void>;
}

/** Raw rows written once for the suite; each test's table points at them from a database of its own. */
interface SharedData {
  records: RawListingRow[];
  location: string;
  partitions: PartitionSpec[];
}

async function writeSharedData(server: TrinoServer): Promise<SharedData> {
  const records = realListingRecords();
  const location = `shared-${randomBytes(4).toString('hex')}/raw/listings/`;
  const store = createLocalDirStore({ root: server.bucketDir });
  return { records, location, partitions: await writePartitions(store, location, records) };
}

async function createWorld(server: TrinoServer, location: string): Promise<World> {
  const db = `realty_${randomBytes(4).toString('hex')}`;
  const catalogDir = await mkdtemp(path.join(tmpdir(), 'realty-trino-catalog-'));
  const catalog = openLocalCatalog({ path: path.join(catalogDir, 'catalog.json') });
  const store = createLocalDirStore({ root: server.bucketDir });
  const table = { ...rawTableDefinition(db), location };
  await catalog.ensureDatabase(db);
  await catalog.ensureTable(table);
  const trino = createTrinoQueryEngine({ url: server.url, schema: db });
  const duckdb = createDuckDbQueryEngine({ catalog, store, database: db });
  const sync = createTrinoCatalogSync({ engine: trino, locationRoot: 'local:///' });
  return {
    db,
    table,
    catalog,
    store,
    trino,
    duckdb,
    sync,
    async cleanup() {
      await Promise.all([trino.close(), duckdb.close()]);
      await rm(catalogDir, { recursive: true, force: true });
    },
  };
}

/** The catalog sync against a live Trino, proven by reading the same Parquet in Trino and DuckDB. */
export function describeTrinoCatalogSync(server: () => TrinoServer): void {
  describe('the Trino catalog sync on a live Trino 476', { timeout: 120_000 }, () => {
    let shared: SharedData;
    let world: World;
    beforeAll(async () => {
      shared = await writeSharedData(server());
    });
    beforeEach(async () => {
      world = await createWorld(server(), shared.location);
    });
    afterEach(async () => {
      await world.cleanup();
    });

    it('creates listings_raw over the Parquet the pipeline writes, and Trino reads the same rows as DuckDB', async () => {
      const { catalog, db, table, sync } = world;
      const { records, partitions } = shared;
      await catalog.addPartitions(db, table.name, partitions);

      const summary = await sync.syncFrom(catalog, db);

      expect(summary.tables).toEqual([
        { name: 'listings_raw', action: 'created', partitionsAdded: partitions.length },
      ]);
      const all = 'SELECT * FROM listings_raw';
      const [trinoRows, duckdbRows] = await Promise.all([world.trino.query(all), world.duckdb.query(all)]);
      expect(trinoRows.rows).toHaveLength(records.length);
      expectSameResult(trinoRows, duckdbRows);
      // Parquet's INT64 millisecond timestamps, read as timestamp(6) without losing the milliseconds.
      const first = await world.trino.query(
        "SELECT observed_at FROM listings_raw WHERE state = 'CA' AND dt = '2024-02-16' ORDER BY observed_at LIMIT 1",
      );
      expect(first).toEqual({
        columns: [{ name: 'observed_at', type: 'TIMESTAMP(6)' }],
        rows: [['2024-02-16T00:00:00.123']],
      });
    });

    it('changes nothing when synced again, and registers only a partition the pipeline added since', async () => {
      const { catalog, db, store, sync } = world;
      // Files of its own: a directory scan would find a partition written before the first sync.
      const table = { ...world.table, location: `own-${db}/raw/listings/` };
      await catalog.ensureTable(table);
      const { records } = shared;
      // listings_raw is partitioned by day: the later partition is a whole day.
      const isLater = (record: RawListingRow) => record.dt === '2020-08-15';
      const earlier = records.filter((record) => !isLater(record));
      await catalog.addPartitions(db, table.name, await writePartitions(store, table.location, earlier));
      await sync.syncFrom(catalog, db);
      const added = await writePartitions(store, table.location, records.filter(isLater));
      await catalog.addPartitions(db, table.name, added);

      const again = await sync.syncFrom(catalog, db);
      const third = await sync.syncFrom(catalog, db);

      expect(again.tables).toEqual([{ name: 'listings_raw', action: 'unchanged', partitionsAdded: 1 }]);
      expect(third.tables).toEqual([{ name: 'listings_raw', action: 'unchanged', partitionsAdded: 0 }]);
      expect(added).toHaveLength(1);
      expect((await world.trino.query('SELECT count(*) AS n FROM listings_raw')).rows).toEqual([
        [records.length],
      ]);
    });

    it('re-creates a table whose columns changed, keeping its files and registering its partitions again', async () => {
      const { catalog, db, table, sync } = world;
      const { partitions } = shared;
      await catalog.addPartitions(db, table.name, partitions);
      await sync.syncFrom(catalog, db);
      const widened = { ...table, columns: [...table.columns, { name: 'hoa_fee', type: 'int64' as const }] };
      await catalog.ensureTable(widened);

      const summary = await sync.syncFrom(catalog, db);

      expect(summary.tables).toEqual([
        { name: 'listings_raw', action: 'replaced', partitionsAdded: partitions.length },
      ]);
      expect(existsSync(path.join(server().bucketDir, partitions[0]!.location, 'part-0.parquet'))).toBe(true);
      const count = 'SELECT count(*) AS n FROM listings_raw';
      const [trinoRows, duckdbRows] = await Promise.all([
        world.trino.query(count),
        world.duckdb.query(count),
      ]);
      expectSameResult(trinoRows, duckdbRows);
      // A column the files do not have reads as NULL in Trino (and Athena).
      const fees = await world.trino.query(
        'SELECT count(*) AS n, count(hoa_fee) AS with_fee FROM listings_raw',
      );
      expect(fees.rows).toEqual([[trinoRows.rows[0]?.[0], 0]]);
    });

    it('creates views from SQL text that both engines answer the same', async () => {
      const { catalog, db, table, store, sync } = world;
      await catalog.addPartitions(
        db,
        table.name,
        await writePartitions(store, table.location, realListingRecords()),
      );
      const sql =
        'SELECT state, dt, count(*) AS listings, CAST(avg(CAST(list_price AS DOUBLE)) AS DOUBLE) AS mean_price FROM listings_raw GROUP BY state, dt';

      const summary = await sync.syncFrom(catalog, db, [{ database: db, name: 'by_state', sql }]);

      expect(summary.views).toEqual(['by_state']);
      const [trinoRows, duckdbRows] = await Promise.all([
        world.trino.query('SELECT * FROM by_state'),
        world.duckdb.query(sql),
      ]);
      expectSameResult(trinoRows, duckdbRows);
    });

    it("refuses a view that uses a function Trino lacks, with Trino's message", async () => {
      const { db, sync } = world;
      await sync.syncFrom(world.catalog, db);
      const view = { database: db, name: 'medians', sql: 'SELECT median(list_price) AS m FROM listings_raw' };

      const error = await sync.ensureView(view).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(CatalogError);
      expect((error as Error).message).toMatch(/FUNCTION_NOT_FOUND.*Function 'median' not registered/);
    });
  });
}
