import { GlueClient } from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGlueCatalog } from '../../../src/adapters/catalog/glue.js';
import { partitionPrefix, rawPartitionPrefix } from '../../../src/domain/partition-path.js';
import { CatalogError } from '../../../src/errors.js';
import { HISTORY_TABLE_PREFIX, historyTableDefinition } from '../../../src/pipeline/curated-tables.js';
import { rawTableDefinition } from '../../../src/pipeline/raw-table.js';
import type { PartitionSpec } from '../../../src/ports/catalog.js';
import { describeCatalogContract } from '../../contract/catalog-contract.js';
import { startAwsLimitsProxy } from './aws-limits-proxy.js';
import { MOTO_CREDENTIALS, MOTO_REGION, type MotoServer, startMoto } from './moto-server.js';

let moto: MotoServer;
let proxy: Awaited<ReturnType<typeof startAwsLimitsProxy>>;

const glueClient = (endpoint: string) =>
  new GlueClient({ endpoint, region: MOTO_REGION, credentials: MOTO_CREDENTIALS });

/** One listings_history partition (dt, state) a day from 2026-01-01, of one state. */
function days(count: number, state: string): PartitionSpec[] {
  return Array.from({ length: count }, (_, day) => {
    const dt = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
    return { values: [dt, state], location: partitionPrefix(HISTORY_TABLE_PREFIX, { dt, state }) };
  });
}

/** listings_history with two columns: moto serialises every column of every partition, so wide tables page slowly. */
const slimHistory = (database: string) => ({
  ...historyTableDefinition(database),
  columns: historyTableDefinition(database).columns.slice(0, 2),
});

beforeAll(async () => {
  moto = await startMoto();
  // Small pages, so paging is exercised with few partitions.
  proxy = await startAwsLimitsProxy(moto.endpoint, { partitionsPerPage: 40, resultRowsPerPage: 1000 });
});

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});

describeCatalogContract('Glue (moto server)', async () => {
  const client = glueClient(moto.endpoint);
  return {
    catalog: createGlueCatalog({ client, bucket: 'realty-data' }),
    cleanup: async () => client.destroy(),
  };
});

describe('Glue catalog behind AWS limits', () => {
  // BatchCreatePartition takes at most 100 PartitionInputs (https://docs.aws.amazon.com/glue/latest/webapi/API_BatchCreatePartition.html);
  // GetPartitions answers in pages with NextToken (https://docs.aws.amazon.com/glue/latest/webapi/API_GetPartitions.html).
  it('registers 250 partitions in calls of at most 100 and reads them back across pages', async () => {
    const client = glueClient(proxy.endpoint);
    const catalog = createGlueCatalog({ client, bucket: 'realty-data' });
    await catalog.ensureDatabase('realty_paging');
    await catalog.ensureTable(slimHistory('realty_paging'));
    const before = proxy.calls.length;

    const added = await catalog.addPartitions('realty_paging', 'listings_history', days(250, 'TX'));
    const listed = await catalog.listPartitions('realty_paging', 'listings_history');

    const calls = proxy.calls.slice(before);
    expect(added).toBe(250);
    expect(calls.filter((c) => c.target === 'AWSGlue.BatchCreatePartition')).toEqual([
      { target: 'AWSGlue.BatchCreatePartition', status: 200 },
      { target: 'AWSGlue.BatchCreatePartition', status: 200 },
      { target: 'AWSGlue.BatchCreatePartition', status: 200 },
    ]);
    expect(calls.filter((c) => c.target === 'AWSGlue.GetPartitions')).toHaveLength(Math.ceil(250 / 40));
    expect(listed).toEqual(days(250, 'TX'));
    client.destroy();
  });

  it('counts partitions Glue already has as done, not new, when a batch is retried', async () => {
    const client = glueClient(proxy.endpoint);
    const catalog = createGlueCatalog({ client, bucket: 'realty-data' });
    await catalog.ensureDatabase('realty_retry');
    await catalog.ensureTable(slimHistory('realty_retry'));
    await catalog.addPartitions('realty_retry', 'listings_history', days(120, 'CA'));

    const added = await catalog.addPartitions('realty_retry', 'listings_history', [
      ...days(130, 'CA'),
      ...days(5, 'NY'),
    ]);

    expect(added).toBe(15);
    expect(await catalog.listPartitions('realty_retry', 'listings_history')).toHaveLength(135);
    client.destroy();
  });

  it('stores table and partition locations as s3:// URIs in the bucket, with the Parquet SerDe', async () => {
    const client = glueClient(moto.endpoint);
    const catalog = createGlueCatalog({ client, bucket: 'realty-data' });
    await catalog.ensureDatabase('realty_uri');
    await catalog.ensureTable(rawTableDefinition('realty_uri'));
    await catalog.addPartitions('realty_uri', 'listings_raw', [
      { values: ['2026-01-01'], location: rawPartitionPrefix('2026-01-01') },
    ]);
    const { GetTableCommand, GetPartitionsCommand } = await import('@aws-sdk/client-glue');

    const { Table } = await client.send(
      new GetTableCommand({ DatabaseName: 'realty_uri', Name: 'listings_raw' }),
    );
    const { Partitions } = await client.send(
      new GetPartitionsCommand({ DatabaseName: 'realty_uri', TableName: 'listings_raw' }),
    );

    expect(Table?.StorageDescriptor?.Location).toBe('s3://realty-data/raw/listings/');
    expect(Table?.StorageDescriptor?.SerdeInfo?.SerializationLibrary).toBe(
      'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
    );
    expect(Table?.PartitionKeys?.map((k) => `${k.Name}:${k.Type}`)).toEqual(['dt:string']);
    expect(Partitions?.[0]?.StorageDescriptor?.Location).toBe('s3://realty-data/raw/listings/dt=2026-01-01/');
    expect(Partitions?.[0]?.StorageDescriptor?.Columns).toHaveLength(
      Table?.StorageDescriptor?.Columns?.length ?? -1,
    );
    client.destroy();
  });

  it('turns a Glue refusal into a CatalogError that names the call and what to do', async () => {
    const client = glueClient('http://127.0.0.1:9');
    const catalog = createGlueCatalog({ client, bucket: 'realty-data' });

    const error = await catalog.ensureDatabase('realty').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).message).toMatch(
      /could not create database realty: .*REALTY_GLUE_ENDPOINT|could not create database realty/,
    );
    client.destroy();
  });
});
