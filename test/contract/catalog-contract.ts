import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LISTING_COLUMNS, LISTING_PARTITION_KEYS } from '../../src/domain/listing-record.js';
import { partitionPrefix, RAW_LISTINGS_PREFIX } from '../../src/domain/partition-path.js';
import { CatalogError } from '../../src/errors.js';
import type { Catalog, PartitionSpec, TableDefinition } from '../../src/ports/catalog.js';
import type { CatalogProcessSpec } from '../helpers/catalog-process-spec.js';
import { runCatalogWriters } from '../helpers/run-catalog-writers.js';

/** An adapter prepared for one test, and how a child process opens the same catalog (when it can). */
export interface CatalogUnderTest {
  catalog: Catalog;
  processSpec?: CatalogProcessSpec;
  cleanup?: () => Promise<void>;
}

/** The listings_raw table as the pipeline registers it, in database `database`. */
function listingsRaw(database: string): TableDefinition {
  return {
    database,
    name: 'listings_raw',
    columns: LISTING_COLUMNS.map(({ name, type }) => ({ name, type })),
    partitionKeys: LISTING_PARTITION_KEYS.map(({ name, type }) => ({ name, type })),
    location: RAW_LISTINGS_PREFIX,
    format: 'parquet',
    description: 'Transform output: one row per listing observation',
  };
}

function partition(dt: string, state: string): PartitionSpec {
  return { values: [dt, state], location: partitionPrefix(RAW_LISTINGS_PREFIX, { dt, state }) };
}

const BAD_NAMES = ['Realty', 'has-dash', '1st', '', 'a b', 'x;drop', 'é'];

/** The behaviour every Catalog adapter must have; run it once per adapter (local file, Glue server). */
export function describeCatalogContract(name: string, factory: () => Promise<CatalogUnderTest>): void {
  describe(`Catalog contract: ${name}`, () => {
    let subject: CatalogUnderTest;
    let catalog: Catalog;
    // A fresh database name per test, so the suite also runs against a shared server.
    let db: string;

    beforeEach(async () => {
      subject = await factory();
      catalog = subject.catalog;
      db = `realty_${randomBytes(4).toString('hex')}`;
    });

    afterEach(async () => {
      await subject.cleanup?.();
    });

    it('creates a database once and lists no tables in it', async () => {
      await catalog.ensureDatabase(db, 'listings');

      await catalog.ensureDatabase(db, 'listings');

      expect(await catalog.listTables(db)).toEqual([]);
    });

    it('rejects reads and writes in a database that does not exist, naming it', async () => {
      const attempts = [
        () => catalog.listTables(db),
        () => catalog.getTable(db, 'listings_raw'),
        () => catalog.ensureTable(listingsRaw(db)),
        () => catalog.addPartitions(db, 'listings_raw', [partition('2026-11-20', 'CA')]),
        () => catalog.listPartitions(db, 'listings_raw'),
      ];

      for (const attempt of attempts) {
        const error = await attempt().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CatalogError);
        expect((error as CatalogError).message).toContain(db);
      }
    });

    it('gives back a table exactly as it was defined, with every column type', async () => {
      await catalog.ensureDatabase(db);
      const table = {
        ...listingsRaw(db),
        columns: [{ name: 'event_id', type: 'string', comment: 'id' } as const],
      };
      const full = listingsRaw(db);

      await catalog.ensureTable(table);
      await catalog.ensureTable({ ...full, name: 'listings_full' });

      expect(await catalog.getTable(db, 'listings_raw')).toEqual(table);
      expect(await catalog.getTable(db, 'listings_full')).toEqual({ ...full, name: 'listings_full' });
    });

    it('returns undefined for a table that does not exist in a database that does', async () => {
      await catalog.ensureDatabase(db);

      expect(await catalog.getTable(db, 'nothing_here')).toBeUndefined();
    });

    it('lists the tables of a database by name', async () => {
      await catalog.ensureDatabase(db);
      for (const table of ['listings_raw', 'listings_current', 'listings_history']) {
        await catalog.ensureTable({ ...listingsRaw(db), name: table });
      }

      const tables = await catalog.listTables(db);

      expect(tables.map((t) => t.name)).toEqual(['listings_current', 'listings_history', 'listings_raw']);
    });

    it('leaves a table and its partitions alone when it is ensured again unchanged', async () => {
      await catalog.ensureDatabase(db);
      await catalog.ensureTable(listingsRaw(db));
      await catalog.addPartitions(db, 'listings_raw', [partition('2026-11-20', 'CA')]);

      await catalog.ensureTable(listingsRaw(db));

      expect(await catalog.getTable(db, 'listings_raw')).toEqual(listingsRaw(db));
      expect(await catalog.listPartitions(db, 'listings_raw')).toEqual([partition('2026-11-20', 'CA')]);
    });

    it('updates the columns of an existing table and keeps its partitions', async () => {
      await catalog.ensureDatabase(db);
      await catalog.ensureTable(listingsRaw(db));
      await catalog.addPartitions(db, 'listings_raw', [partition('2026-11-20', 'CA')]);
      const widened = {
        ...listingsRaw(db),
        columns: [...listingsRaw(db).columns, { name: 'hoa_fee', type: 'int64' as const }],
      };

      await catalog.ensureTable(widened);

      expect((await catalog.getTable(db, 'listings_raw'))?.columns.at(-1)).toEqual({
        name: 'hoa_fee',
        type: 'int64',
      });
      expect(await catalog.listPartitions(db, 'listings_raw')).toHaveLength(1);
    });

    it('refuses to change the partition keys of an existing table', async () => {
      await catalog.ensureDatabase(db);
      await catalog.ensureTable(listingsRaw(db));

      const change = catalog.ensureTable({
        ...listingsRaw(db),
        partitionKeys: [{ name: 'dt', type: 'string' }],
      });

      await expect(change).rejects.toThrow(CatalogError);
      expect((await catalog.getTable(db, 'listings_raw'))?.partitionKeys).toHaveLength(2);
    });

    it.each(BAD_NAMES)('rejects the name %j for a database, a table and a column', async (bad) => {
      await catalog.ensureDatabase(db);
      const attempts = [
        () => catalog.ensureDatabase(bad),
        () => catalog.ensureTable({ ...listingsRaw(db), name: bad }),
        () => catalog.ensureTable({ ...listingsRaw(db), columns: [{ name: bad, type: 'string' }] }),
        () => catalog.ensureTable({ ...listingsRaw(db), partitionKeys: [{ name: bad, type: 'string' }] }),
      ];

      for (const attempt of attempts) await expect(attempt()).rejects.toThrow(/\^\[a-z_\]\[a-z0-9_\]\*\$/);
      expect(await catalog.listTables(db)).toEqual([]);
    });

    it('rejects a table that names a column twice, or a partition key like a column', async () => {
      await catalog.ensureDatabase(db);
      const twice = {
        ...listingsRaw(db),
        columns: [...listingsRaw(db).columns, { name: 'city', type: 'string' as const }],
      };
      const clash = {
        ...listingsRaw(db),
        columns: [...listingsRaw(db).columns, { name: 'dt', type: 'string' as const }],
      };

      await expect(catalog.ensureTable(twice)).rejects.toThrow(/city twice/);
      await expect(catalog.ensureTable(clash)).rejects.toThrow(/dt twice/);
    });

    it('adds partitions idempotently and says how many were new', async () => {
      await catalog.ensureDatabase(db);
      await catalog.ensureTable(listingsRaw(db));
      const first = [
        partition('2026-11-20', 'CA'),
        partition('2026-11-20', 'NY'),
        partition('2026-11-20', 'CA'),
      ];
      const second = [partition('2026-11-20', 'NY'), partition('2026-11-21', 'CA')];

      const addedFirst = await catalog.addPartitions(db, 'listings_raw', first);
      const addedSecond = await catalog.addPartitions(db, 'listings_raw', second);
      const addedNone = await catalog.addPartitions(db, 'listings_raw', []);

      expect([addedFirst, addedSecond, addedNone]).toEqual([2, 1, 0]);
      expect(await catalog.listPartitions(db, 'listings_raw')).toEqual([
        partition('2026-11-20', 'CA'),
        partition('2026-11-20', 'NY'),
        partition('2026-11-21', 'CA'),
      ]);
    });

    it('rejects partitions of a missing table, or with one value per key missing', async () => {
      await catalog.ensureDatabase(db);
      await catalog.ensureTable(listingsRaw(db));

      const missing = () => catalog.addPartitions(db, 'nothing_here', [partition('2026-11-20', 'CA')]);
      const short = () =>
        catalog.addPartitions(db, 'listings_raw', [{ values: ['2026-11-20'], location: 'raw/x/' }]);

      await expect(missing()).rejects.toThrow(/nothing_here/);
      await expect(short()).rejects.toThrow(/2 partition keys/);
      expect(await catalog.listPartitions(db, 'listings_raw')).toEqual([]);
    });

    it('keeps every partition when many are added at once', async () => {
      await catalog.ensureDatabase(db);
      await catalog.ensureTable(listingsRaw(db));
      const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);

      const added = await Promise.all(
        days.map((dt) => catalog.addPartitions(db, 'listings_raw', [partition(dt, 'TX')])),
      );

      expect(added.reduce((a, b) => a + b, 0)).toBe(30);
      expect(await catalog.listPartitions(db, 'listings_raw')).toHaveLength(30);
    });

    it('keeps all 400 partitions when two processes each add 200 at the same time', async (context) => {
      if (!subject.processSpec) context.skip(`${name} cannot be opened from another process`);
      await catalog.ensureDatabase(db);
      await catalog.ensureTable(listingsRaw(db));
      const job = { spec: subject.processSpec!, database: db, table: 'listings_raw', count: 200 };

      const added = await runCatalogWriters([
        { ...job, state: 'CA' },
        { ...job, state: 'NY' },
      ]);

      const partitions = await catalog.listPartitions(db, 'listings_raw');
      expect(added).toEqual([200, 200]);
      expect(partitions).toHaveLength(400);
      expect(new Set(partitions.map((p) => p.values.join('/'))).size).toBe(400);
    }, 60_000);
  });
}
