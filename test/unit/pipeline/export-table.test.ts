import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareExportFile } from '../../../src/adapters/export/local-export-file.js';
import { createDuckDbQueryEngine, type DuckDbQueryEngine } from '../../../src/adapters/query/duckdb.js';
import { checkWhereWithDuckDb } from '../../../src/adapters/query/duckdb-where-check.js';
import { UsageError } from '../../../src/errors.js';
import { exportTable } from '../../../src/pipeline/export-table.js';
import {
  createWarehouse,
  listingRecords,
  listingsTable,
  putPartitions,
  type Warehouse,
} from '../adapters/query/warehouse.js';

const CURRENT = 'curated/listings_current/';
let warehouse: Warehouse;
let engine: DuckDbQueryEngine;

beforeAll(async () => {
  warehouse = await createWarehouse();
  await warehouse.catalog.ensureTable(listingsTable('listings_current', CURRENT));
  await putPartitions(warehouse.store, CURRENT, listingRecords);
  engine = createDuckDbQueryEngine({ catalog: warehouse.catalog, store: warehouse.store });
});

afterAll(async () => {
  await engine?.close();
  if (warehouse) await rm(warehouse.dir, { recursive: true, force: true });
});

function depsFor(out: string) {
  return {
    engine,
    copyTo: engine.copyTo,
    checkWhere: checkWhereWithDuckDb,
    prepareTarget: () => prepareExportFile(out),
  };
}

async function readBack(file: string, format: 'parquet' | 'csv'): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = format === 'parquet' ? 'read_parquet' : 'read_csv';
  const rows = (await connection.runAndReadAll(`SELECT count(*) FROM ${reader}('${file}')`)).getRows();
  connection.closeSync();
  instance.closeSync();
  return Number(rows[0]?.[0]);
}

describe('exportTable', () => {
  it.each(['parquet', 'csv'] as const)(
    'writes every row of a table to %s, read back by another engine',
    async (format) => {
      const out = path.join(warehouse.dir, `current.${format}`);

      const summary = await exportTable({ table: 'listings_current', format }, depsFor(out));

      expect(summary.rows).toBe(listingRecords.length);
      expect(await readBack(out, format)).toBe(listingRecords.length);
    },
  );

  it('writes only the rows the --where keeps', async () => {
    const state = listingRecords[0]?.state ?? '';
    const out = path.join(warehouse.dir, 'one-state.parquet');
    const expected = listingRecords.filter((r) => r.state === state).length;

    const summary = await exportTable(
      { table: 'listings_current', format: 'parquet', where: `state = '${state}'` },
      depsFor(out),
    );

    expect(summary.rows).toBe(expected);
    expect(await readBack(out, 'parquet')).toBe(expected);
  });

  it('refuses a condition over a column the table lacks, and leaves no file behind', async () => {
    const out = path.join(warehouse.dir, 'bad-where.parquet');

    const run = exportTable(
      { table: 'listings_current', format: 'parquet', where: 'no_such > 1' },
      depsFor(out),
    );

    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(/no_such/);
    expect((await readdir(warehouse.dir)).filter((f) => f.includes('bad-where'))).toEqual([]);
  });

  it('refuses a table this data dir does not have, saying how to get it', async () => {
    const run = exportTable(
      { table: 'listing_outcomes', format: 'csv' },
      depsFor(path.join(warehouse.dir, 'o.csv')),
    );

    await expect(run).rejects.toThrow(/listing_outcomes cannot be read.*realty run/s);
  });
});
