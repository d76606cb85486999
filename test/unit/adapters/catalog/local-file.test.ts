import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalCatalog } from '../../../../src/adapters/catalog/local-file.js';
import { LISTING_COLUMNS, LISTING_PARTITION_KEYS } from '../../../../src/domain/listing-record.js';
import { CatalogError } from '../../../../src/errors.js';
import type { TableDefinition } from '../../../../src/ports/catalog.js';
import { describeCatalogContract } from '../../../contract/catalog-contract.js';

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'realty-catalog-'));
}

describeCatalogContract('local file', async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'catalog.json');
  return {
    catalog: openLocalCatalog({ path: file }),
    processSpec: { adapter: 'local-file', path: file },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

const table: TableDefinition = {
  database: 'realty',
  name: 'listings_raw',
  columns: LISTING_COLUMNS.map(({ name, type }) => ({ name, type })),
  partitionKeys: LISTING_PARTITION_KEYS.map(({ name, type }) => ({ name, type })),
  location: 'raw/listings/',
  format: 'parquet',
};

describe('openLocalCatalog', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await tempDir();
    file = path.join(dir, 'nested', 'catalog.json');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores tables as Glue does: external table, Hive types, Parquet SerDe and formats, partition locations', async () => {
    const catalog = openLocalCatalog({ path: file });

    await catalog.ensureDatabase('realty', 'Realty listings');
    await catalog.ensureTable(table);
    await catalog.addPartitions('realty', 'listings_raw', [
      { values: ['2026-11-20', 'CA'], location: 'raw/listings/dt=2026-11-20/state=CA/' },
    ]);

    const saved = JSON.parse(readFileSync(file, 'utf8'));
    const stored = saved.Databases[0].Tables[0];
    expect(saved.Databases[0]).toMatchObject({ Name: 'realty', Description: 'Realty listings' });
    expect(stored).toMatchObject({
      Name: 'listings_raw',
      DatabaseName: 'realty',
      TableType: 'EXTERNAL_TABLE',
      Parameters: { classification: 'parquet', EXTERNAL: 'TRUE' },
      PartitionKeys: [
        { Name: 'dt', Type: 'string' },
        { Name: 'state', Type: 'string' },
      ],
      Partitions: [
        {
          Values: ['2026-11-20', 'CA'],
          StorageDescriptor: { Location: 'raw/listings/dt=2026-11-20/state=CA/' },
        },
      ],
    });
    expect(stored.StorageDescriptor).toMatchObject({
      Location: 'raw/listings/',
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
    });
    const types = Object.fromEntries(
      stored.StorageDescriptor.Columns.map((c: { Name: string; Type: string }) => [c.Name, c.Type]),
    );
    expect(types).toMatchObject({
      event_id: 'string',
      list_price: 'bigint',
      beds: 'int',
      baths: 'double',
      observed_at: 'timestamp',
      last_sold_date: 'date',
      is_pending: 'boolean',
    });
  });

  it('does not rewrite the file when nothing changed', async () => {
    const catalog = openLocalCatalog({ path: file });
    await catalog.ensureDatabase('realty');
    await catalog.ensureTable(table);
    await catalog.addPartitions('realty', 'listings_raw', [{ values: ['2026-11-20', 'CA'], location: 'p/' }]);
    const before = statSync(file).ino;

    await catalog.ensureDatabase('realty');
    await catalog.ensureTable(table);
    await catalog.addPartitions('realty', 'listings_raw', [{ values: ['2026-11-20', 'CA'], location: 'p/' }]);

    expect(statSync(file).ino).toBe(before);
  });

  it('sees what another instance wrote to the same file', async () => {
    const writer = openLocalCatalog({ path: file });
    const reader = openLocalCatalog({ path: file });

    await writer.ensureDatabase('realty');
    await writer.ensureTable(table);

    expect(await reader.getTable('realty', 'listings_raw')).toEqual(table);
  });

  it('reports a catalog file that is not JSON, saying how to recover', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"format": "realty-local-catal');

    const error = await openLocalCatalog({ path: file })
      .listTables('realty')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).message).toMatch(/not valid JSON; restore it/);
  });

  it('reports a catalog file of another shape, saying what is wrong', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ format: 'realty-local-catalog', version: 2, Databases: [] }));

    const error = await openLocalCatalog({ path: file })
      .ensureDatabase('realty')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).message).toMatch(
      /does not have the realty-local-catalog v1 shape \(.*version/,
    );
  });

  it('takes over a lock that a crashed process left behind', async () => {
    mkdirSync(`${file}.lock`, { recursive: true });
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, minuteAgo, minuteAgo);

    await openLocalCatalog({ path: file }).ensureDatabase('realty');

    expect(JSON.parse(readFileSync(file, 'utf8')).Databases).toHaveLength(1);
  });

  it('gives up on a lock another process keeps holding, saying which lock to check', async () => {
    mkdirSync(`${file}.lock`, { recursive: true });
    const catalog = openLocalCatalog({ path: file, lock: { waitMs: 300 } });

    const error = await catalog.ensureDatabase('realty').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).message).toContain(`${file}.lock`);
  });

  it('rejects an empty catalog path', () => {
    expect(() => openLocalCatalog({ path: '' })).toThrow(CatalogError);
  });
});
