import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbQueryEngine, type DuckDbQueryEngine } from '../../../../src/adapters/query/duckdb.js';
import { QueryError } from '../../../../src/errors.js';
import {
  createWarehouse,
  listingRecords,
  listingsTable,
  putPartitions,
  type Warehouse,
} from './warehouse.js';

const RAW = 'raw/listings/';
const CURRENT = 'curated/listings_current/';

let warehouse: Warehouse;
let engine: DuckDbQueryEngine;

beforeAll(async () => {
  warehouse = await createWarehouse();
  await warehouse.catalog.ensureTable(listingsTable('listings_raw', RAW));
  await warehouse.catalog.ensureTable(listingsTable('listings_current', CURRENT));
  await putPartitions(warehouse.store, RAW, listingRecords);
  engine = createDuckDbQueryEngine({ catalog: warehouse.catalog, store: warehouse.store });
});

afterAll(async () => {
  await engine?.close();
  if (warehouse) await rm(warehouse.dir, { recursive: true, force: true });
});

describe('the DuckDB query engine', () => {
  it('answers for a table by its bare name, as realty.<table> and as hive.realty.<table>', async () => {
    const sql = (table: string) => `SELECT count(*) AS n FROM ${table}`;

    const results = await Promise.all(
      ['listings_raw', 'realty.listings_raw', 'hive.realty.listings_raw'].map((table) =>
        engine.query(sql(table)),
      ),
    );

    expect(results.map((result) => result.rows)).toEqual([[[5]], [[5]], [[5]]]);
  });

  it('reads the partition columns dt and state from the object path as VARCHAR', async () => {
    const result = await engine.query(
      "SELECT dt, state, count(*) AS n FROM listings_raw WHERE state IN ('CA', 'ZZ') GROUP BY ALL ORDER BY dt",
    );

    expect(result.columns).toEqual([
      { name: 'dt', type: 'VARCHAR' },
      { name: 'state', type: 'VARCHAR' },
      { name: 'n', type: 'BIGINT' },
    ]);
    expect(result.rows).toEqual([
      ['1970-01-01', 'ZZ', 1],
      ['2024-02-15', 'CA', 2],
    ]);
  });

  it('returns timestamps as ISO-8601 instants, dates as YYYY-MM-DD and safe BIGINTs as numbers', async () => {
    const result = await engine.query(
      "SELECT event_id, observed_at, last_sold_date, list_price FROM listings_raw WHERE event_id LIKE 'extremes%' ORDER BY 1",
    );

    expect(result.columns.map((column) => column.type)).toEqual([
      'VARCHAR',
      'TIMESTAMP WITH TIME ZONE',
      'DATE',
      'BIGINT',
    ]);
    expect(result.rows).toEqual([
      ['extremes-max', '9999-12-31T23:59:59.999Z', '9999-12-31', 9007199254740991],
      ['extremes-min', '1969-12-31T23:59:59.999Z', '1969-12-31', -9007199254740991],
    ]);
  });

  it('returns unsafe integers as bigint, DECIMAL as number and zone-less timestamps without a Z', async () => {
    const result = await engine.query(
      "SELECT 9223372036854775807::BIGINT AS big, 12::HUGEINT AS huge, 1234.56::DECIMAL(10,2) AS price, TIMESTAMP '1969-12-31 23:59:59.000001' AS local_ts",
    );

    expect(result.columns.map((column) => column.type)).toEqual([
      'BIGINT',
      'HUGEINT',
      'DECIMAL(10,2)',
      'TIMESTAMP',
    ]);
    expect(result.rows).toEqual([[9223372036854775807n, 12, 1234.56, '1969-12-31T23:59:59.000001']]);
  });

  it('runs in UTC, as Athena sessions do', async () => {
    const result = await engine.query(
      "SELECT strftime(observed_at, '%H:%M') FROM listings_raw WHERE event_id = 'extremes-min'",
    );

    expect(result.rows).toEqual([['23:59']]);
  });

  it('queries a table with no files yet as empty, with the same columns and types as one with files', async () => {
    const empty = await engine.query('SELECT * FROM listings_current');
    const full = await engine.query('SELECT * FROM listings_raw LIMIT 0');

    expect(empty.rows).toEqual([]);
    expect(empty.columns).toEqual(full.columns);
  });

  it('turns an engine error into a QueryError that carries DuckDB message', async () => {
    const act = engine.query('SELECT no_such_column FROM listings_raw');

    await expect(act).rejects.toThrow(QueryError);
    await expect(act).rejects.toThrow(/Referenced column "no_such_column" not found/);
  });

  it('refuses to start a query whose signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();

    const act = engine.query('SELECT 1', { signal: controller.signal });

    await expect(act).rejects.toThrow(/aborted before it started/);
  });

  it('interrupts a running query when its signal aborts', async () => {
    await engine.query('SELECT 1'); // the engine is open, so the query below starts at once
    const controller = new AbortController();
    // Minutes of work: if the interrupt did not stop it, the test would time out.
    const running = engine.query('SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b', {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);

    await expect(running).rejects.toThrow(/aborted/);
    await expect(engine.query('SELECT 42')).resolves.toEqual({
      columns: [{ name: '42', type: 'INTEGER' }],
      rows: [[42]],
    });
  });
});
