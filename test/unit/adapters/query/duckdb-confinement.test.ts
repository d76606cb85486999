import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbQueryEngine, type DuckDbQueryEngine } from '../../../../src/adapters/query/duckdb.js';
import { QueryRefusedError } from '../../../../src/errors.js';
import {
  createWarehouse,
  listingRecords,
  listingsTable,
  putPartitions,
  type Warehouse,
} from './warehouse.js';

// DuckDB's confinement: allowed_directories + enable_external_access = false, then lock_configuration.
// https://duckdb.org/docs/stable/operations_manual/securing_duckdb/overview
const CURRENT = 'curated/listings_current/';

let warehouse: Warehouse;
let engine: DuckDbQueryEngine;
let bucket: string;
let curatedFile: string;

beforeAll(async () => {
  warehouse = await createWarehouse();
  bucket = path.join(warehouse.dir, 'bucket');
  await warehouse.catalog.ensureTable(listingsTable('listings_current', CURRENT));
  await putPartitions(warehouse.store, CURRENT, listingRecords);
  curatedFile = warehouse.store.uri(`${CURRENT}dt=2024-02-15/state=CA/part-0.parquet`);
  engine = createDuckDbQueryEngine({
    catalog: warehouse.catalog,
    store: warehouse.store,
    allowedDirectories: [`${bucket}${path.sep}`],
  });
});

afterAll(async () => {
  await engine?.close();
  if (warehouse) await rm(warehouse.dir, { recursive: true, force: true });
});

async function refusal(sql: string): Promise<unknown> {
  return engine.query(sql).then(
    () => 'ran',
    (error: unknown) => error,
  );
}

describe('the DuckDB query engine confined to the bucket', () => {
  it('still answers over the tables in the bucket', async () => {
    const result = await engine.query('SELECT count(*) AS n FROM listings_current');

    expect(result.rows).toEqual([[listingRecords.length]]);
  });

  it("refuses read_csv('/etc/passwd'), naming the file and the data dir rule, and shows none of it", async () => {
    const error = await refusal("SELECT * FROM read_csv('/etc/passwd')");

    expect(error).toBeInstanceOf(QueryRefusedError);
    expect(String((error as Error).message)).toMatch(/outside the data dir.*\/etc\/passwd/);
    expect(String((error as Error).message)).not.toContain('root:');
  });

  it('refuses COPY over a curated file and leaves the file as it was', async () => {
    const before = await readFile(curatedFile);

    const error = await refusal(`COPY (SELECT 1 AS pwned) TO '${curatedFile}'`);

    expect(error).toBeInstanceOf(QueryRefusedError);
    expect(await readFile(curatedFile)).toEqual(before);
    expect((await engine.query('SELECT count(*) FROM listings_current')).rows).toEqual([
      [listingRecords.length],
    ]);
  });

  it('refuses "SELECT 1; COPY ..." whole: the COPY never runs', async () => {
    const target = path.join(bucket, 'pwned.parquet');

    const error = await refusal(`SELECT 1; COPY (SELECT 1 AS pwned) TO '${target}'`);

    expect(error).toBeInstanceOf(QueryRefusedError);
    await expect(stat(target)).rejects.toThrow(/ENOENT/);
  });

  it.each([
    "ATTACH '/tmp/realty-other.db' AS other",
    'INSTALL httpfs',
    'LOAD httpfs',
    'SET enable_external_access = true',
    "SET allowed_directories = ['/']",
    'PRAGMA enable_profiling',
    'CREATE TABLE t AS SELECT 1',
    'WITH x AS (SELECT 1 AS a) INSERT INTO t SELECT * FROM x',
    "SELECT * FROM glob('/etc/*')",
  ])('refuses %j', async (sql) => {
    expect(await refusal(sql)).toBeInstanceOf(QueryRefusedError);
  });

  it('refuses a path that starts in the bucket and climbs out of it', async () => {
    expect(await refusal(`SELECT * FROM read_text('${bucket}/../../../../etc/passwd')`)).toBeInstanceOf(
      QueryRefusedError,
    );
  });

  it('runs the read-only statements DuckDB offers: DESCRIBE, SHOW, SUMMARIZE, EXPLAIN', async () => {
    for (const sql of [
      'DESCRIBE listings_current',
      'SHOW TABLES',
      'SUMMARIZE SELECT 1 AS a',
      'EXPLAIN SELECT 1',
    ]) {
      await expect(engine.query(sql)).resolves.toHaveProperty('rows');
    }
  });
});
