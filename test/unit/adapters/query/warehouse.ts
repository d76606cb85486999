import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLocalCatalog } from '../../../../src/adapters/catalog/local-file.js';
import { createLocalDirStore } from '../../../../src/adapters/object-store/local-dir.js';
import { createHyparquetEncoder } from '../../../../src/adapters/parquet/hyparquet-writer.js';
import {
  LISTING_COLUMNS,
  LISTING_PARTITION_KEYS,
  type ListingRecord,
} from '../../../../src/domain/listing-record.js';
import type { Catalog, TableDefinition } from '../../../../src/ports/catalog.js';
import type { ObjectStore } from '../../../../src/ports/object-store.js';
import { repoRoot } from '../../../helpers/fixtures.js';

/** The canonical records we made for the Parquet tests (test/fixtures/parquet/). */
export const listingRecords = JSON.parse(
  readFileSync(path.join(repoRoot, 'test', 'fixtures', 'parquet', 'listing-records.json'), 'utf8'),
) as ListingRecord[];

export function listingsTable(name: string, location: string): TableDefinition {
  return {
    database: 'realty',
    name,
    columns: LISTING_COLUMNS.map(({ name: column, type }) => ({ name: column, type })),
    partitionKeys: LISTING_PARTITION_KEYS.map(({ name: key, type }) => ({ name: key, type })),
    location,
    format: 'parquet',
  };
}

export interface Warehouse {
  dir: string;
  catalog: Catalog;
  store: ObjectStore;
}

/** A fresh local catalog and bucket directory under `parent` (a temp dir when omitted). */
export async function createWarehouse(parent = tmpdir()): Promise<Warehouse> {
  const dir = await mkdtemp(path.join(parent, 'realty-duckdb-'));
  const catalog = openLocalCatalog({ path: path.join(dir, 'catalog.json') });
  const store = createLocalDirStore({ root: path.join(dir, 'bucket') });
  await catalog.ensureDatabase('realty');
  return { dir, catalog, store };
}

/** Writes records as Hive partitions `<location>dt=.../state=.../<file>` (the real encoder and store). */
export async function putPartitions(
  store: ObjectStore,
  location: string,
  records: readonly ListingRecord[],
  file = 'part-0.parquet',
): Promise<void> {
  const byPartition = new Map<string, ListingRecord[]>();
  for (const record of records) {
    const partition = `dt=${record.dt}/state=${record.state}`;
    byPartition.set(partition, [...(byPartition.get(partition) ?? []), record]);
  }
  const encoder = createHyparquetEncoder();
  for (const [partition, rows] of byPartition) {
    await store.put(`${location}${partition}/${file}`, await encoder.encode(rows, LISTING_COLUMNS));
  }
}
