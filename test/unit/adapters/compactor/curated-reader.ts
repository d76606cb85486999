import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLocalCatalog } from '../../../../src/adapters/catalog/local-file.js';
import { createLocalDirStore } from '../../../../src/adapters/object-store/local-dir.js';
import { createDuckDbQueryEngine } from '../../../../src/adapters/query/duckdb.js';
import { ensureCuratedTables } from '../../../../src/pipeline/curated-tables.js';
import { ensureRawTable } from '../../../../src/pipeline/raw-table.js';
import type { Catalog } from '../../../../src/ports/catalog.js';
import type { ObjectStore } from '../../../../src/ports/object-store.js';
import type { QueryResult } from '../../../../src/ports/query-engine.js';

export interface Warehouse {
  dir: string;
  bucket: string;
  store: ObjectStore;
  catalog: Catalog;
}

/** A fresh data dir laid out as the embedded runtime lays it out: bucket directory and catalog file. */
export async function createWarehouse(prefix = 'realty-compaction-'): Promise<Warehouse> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  const bucket = path.join(dir, 'bucket');
  const store = createLocalDirStore({ root: bucket });
  const catalog = openLocalCatalog({ path: path.join(dir, 'catalog.json') });
  await ensureRawTable(catalog, 'realty');
  await ensureCuratedTables(catalog, 'realty');
  return { dir, bucket, store, catalog };
}

/** Runs SQL through the project's DuckDB query engine over the warehouse's catalog tables. */
export async function queryWarehouse(warehouse: Warehouse, sql: string): Promise<QueryResult> {
  const engine = createDuckDbQueryEngine({ catalog: warehouse.catalog, store: warehouse.store });
  try {
    return await engine.query(sql);
  } finally {
    await engine.close();
  }
}

/** Rows as objects keyed by column name. */
export function asObjects(result: QueryResult): Record<string, unknown>[] {
  return result.rows.map((row) =>
    Object.fromEntries(result.columns.map((column, i) => [column.name, row[i]])),
  );
}

/** Every stored key under `prefix`, in order. */
export async function storedKeys(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of store.list(prefix)) keys.push(object.key);
  return keys;
}
