import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbQueryEngine } from '../../../../src/adapters/query/duckdb.js';
import type { ListingRecord } from '../../../../src/domain/listing-record.js';
import { QueryError } from '../../../../src/errors.js';
import { createWarehouse, listingRecords, listingsTable, putPartitions } from './warehouse.js';

const RAW = 'raw/listings/';

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'realty-duckdb-catalog-'));
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('the DuckDB query engine over a changing catalog', () => {
  it('sees the files of a table that was empty on the next query', async () => {
    const fresh = await createWarehouse(scratch);
    await fresh.catalog.ensureTable(listingsTable('listings_raw', RAW));
    const changing = createDuckDbQueryEngine({ catalog: fresh.catalog, store: fresh.store });
    const before = await changing.query('SELECT count(*) FROM listings_raw');

    await putPartitions(fresh.store, RAW, listingRecords.slice(0, 2));
    const after = await changing.query('SELECT count(*) FROM listings_raw');

    expect([before.rows, after.rows]).toEqual([[[0]], [[2]]]);
    await changing.close();
  });

  it('finds a table created after it started once refreshed', async () => {
    const fresh = await createWarehouse(scratch);
    await fresh.catalog.ensureTable(listingsTable('listings_raw', RAW));
    const changing = createDuckDbQueryEngine({ catalog: fresh.catalog, store: fresh.store });
    await changing.query('SELECT 1');
    await fresh.catalog.ensureTable(listingsTable('listings_history', 'curated/listings_history/'));
    await putPartitions(fresh.store, 'curated/listings_history/', listingRecords);

    await changing.refresh();
    const result = await changing.query('SELECT count(*) FROM realty.listings_history');

    expect(result.rows).toEqual([[5]]);
    await changing.close();
  });

  it("reads a bucket directory whose path has a quote in it, such as O'Brien", async () => {
    const parent = path.join(scratch, "o'brien");
    await mkdir(parent);
    const quoted = await createWarehouse(parent);
    await quoted.catalog.ensureTable(listingsTable('listings_raw', RAW));
    await putPartitions(quoted.store, RAW, listingRecords);
    const reader = createDuckDbQueryEngine({ catalog: quoted.catalog, store: quoted.store });

    const result = await reader.query('SELECT count(*) FROM listings_raw');

    expect(result.rows).toEqual([[5]]);
    await reader.close();
  });

  it('skips files and directories named with a leading dot or underscore, as Hive, Athena and Trino do', async () => {
    // A killed Spark job leaves .spark-staging-*/ and _temporary/ behind; a writer its .tmp files. The
    // data dir itself may start with a dot (.realty): only names under the table's location count.
    const parent = path.join(scratch, '.realty');
    await mkdir(parent, { recursive: true });
    const warehouse = await createWarehouse(parent);
    await warehouse.catalog.ensureTable(listingsTable('listings_raw', RAW));
    const [a, b, c, d, e] = listingRecords as [ListingRecord, ...ListingRecord[]];
    await putPartitions(warehouse.store, RAW, [a, b!]);
    await putPartitions(warehouse.store, RAW, [c!], '.spark-staging-0b1f/part-00000.parquet');
    await putPartitions(warehouse.store, RAW, [d!], '_temporary/0/part-00000.parquet');
    await putPartitions(warehouse.store, RAW, [e!], '.part-1.parquet.tmp-4242.parquet');
    await putPartitions(warehouse.store, `${RAW}_staging/`, [c!, d!]);
    const reader = createDuckDbQueryEngine({ catalog: warehouse.catalog, store: warehouse.store });

    const result = await reader.query('SELECT count(*) FROM listings_raw');

    expect(result.rows).toEqual([[2]]);
    await reader.close();
  });

  it('refuses a bucket directory whose path has glob characters, saying why', async () => {
    const parent = path.join(scratch, 'data[1]');
    await mkdir(parent);
    const globby = await createWarehouse(parent);
    await globby.catalog.ensureTable(listingsTable('listings_raw', RAW));
    const reader = createDuckDbQueryEngine({ catalog: globby.catalog, store: globby.store });

    const act = reader.query('SELECT count(*) FROM listings_raw');

    await expect(act).rejects.toThrow(QueryError);
    await expect(act).rejects.toThrow(/glob characters/);
    await reader.close();
  });

  it('refuses queries once closed', async () => {
    const fresh = await createWarehouse(scratch);
    const closing = createDuckDbQueryEngine({ catalog: fresh.catalog, store: fresh.store });
    await closing.query('SELECT 1');

    await closing.close();

    await expect(closing.query('SELECT 1')).rejects.toThrow(/closed/);
  });
});
