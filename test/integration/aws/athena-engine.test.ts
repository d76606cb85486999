import {
  AthenaClient,
  CreateWorkGroupCommand,
  GetQueryExecutionCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAthenaQueryEngine } from '../../../src/adapters/query/athena.js';
import { waitForQuery } from '../../../src/adapters/query/athena-execution.js';
import { QueryError } from '../../../src/errors.js';
import { startAwsLimitsProxy } from './aws-limits-proxy.js';
import { MOTO_CREDENTIALS, MOTO_REGION, type MotoServer, startMoto } from './moto-server.js';

let moto: MotoServer;
let proxy: Awaited<ReturnType<typeof startAwsLimitsProxy>>;
let client: AthenaClient;

const FAST_POLL = { initialDelayMs: 5, maxDelayMs: 20, timeoutMs: 10_000 };

/** Column metadata as Athena returns it for `SELECT state, n, median_price, updated, flag ...`. */
const COLUMNS = [
  {
    Name: 'state',
    Label: 'state',
    Type: 'varchar',
    CatalogName: 'hive',
    SchemaName: '',
    TableName: '',
    Precision: 2147483647,
    Scale: 0,
    Nullable: 'UNKNOWN',
    CaseSensitive: true,
  },
  {
    Name: 'n',
    Label: 'n',
    Type: 'bigint',
    CatalogName: 'hive',
    SchemaName: '',
    TableName: '',
    Precision: 19,
    Scale: 0,
    Nullable: 'UNKNOWN',
    CaseSensitive: false,
  },
  {
    Name: 'median_price',
    Label: 'median_price',
    Type: 'double',
    CatalogName: 'hive',
    SchemaName: '',
    TableName: '',
    Precision: 17,
    Scale: 0,
    Nullable: 'UNKNOWN',
    CaseSensitive: false,
  },
  {
    Name: 'updated',
    Label: 'updated',
    Type: 'timestamp',
    CatalogName: 'hive',
    SchemaName: '',
    TableName: '',
    Precision: 3,
    Scale: 0,
    Nullable: 'UNKNOWN',
    CaseSensitive: false,
  },
  {
    Name: 'flag',
    Label: 'flag',
    Type: 'boolean',
    CatalogName: 'hive',
    SchemaName: '',
    TableName: '',
    Precision: 0,
    Scale: 0,
    Nullable: 'UNKNOWN',
    CaseSensitive: false,
  },
];
const row = (...cells: (string | undefined)[]) => ({
  Data: cells.map((c) => (c === undefined ? {} : { VarCharValue: c })),
});
// A SELECT's first row holds the column labels, as Athena returns it.
const HEADER = row('state', 'n', 'median_price', 'updated', 'flag');

async function queueResults(rows: ReturnType<typeof row>[], columns = COLUMNS): Promise<void> {
  await moto.motoApi('/moto-api/static/athena/query-results', {
    region: MOTO_REGION,
    results: [{ rows, column_info: columns }],
  });
}

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startAwsLimitsProxy(moto.endpoint, { partitionsPerPage: 100, resultRowsPerPage: 1000 });
  client = new AthenaClient({ endpoint: proxy.endpoint, region: MOTO_REGION, credentials: MOTO_CREDENTIALS });
  await client.send(
    new CreateWorkGroupCommand({
      Name: 'realty-test',
      Configuration: {
        ResultConfiguration: { OutputLocation: 's3://realty-data/athena-results/' },
        EnforceWorkGroupConfiguration: true,
      },
    }),
  );
});

afterEach(async () => {
  await moto.motoApi('/moto-api/state-manager/unset-transition', { model_name: 'athena::execution' });
});

afterAll(async () => {
  client?.destroy();
  await proxy?.close();
  await moto?.stop();
});

const engine = (pageSize?: number) =>
  createAthenaQueryEngine({
    client,
    workgroup: 'realty-test',
    database: 'realty',
    poll: FAST_POLL,
    ...(pageSize ? { pageSize } : {}),
  });

describe('Athena query engine against moto', () => {
  it('returns typed rows without the header row, nulls as null and column types upper-cased', async () => {
    await queueResults([
      HEADER,
      row('CA', '42', '815000.5', '2026-11-20 08:15:00.000', 'true'),
      row('NY', '9007199254740993', undefined, undefined, 'false'),
    ]);

    const result = await engine().query('SELECT state, count(*) AS n FROM listings_current GROUP BY state');

    expect(result.columns).toEqual([
      { name: 'state', type: 'VARCHAR' },
      { name: 'n', type: 'BIGINT' },
      { name: 'median_price', type: 'DOUBLE' },
      { name: 'updated', type: 'TIMESTAMP' },
      { name: 'flag', type: 'BOOLEAN' },
    ]);
    expect(result.rows).toEqual([
      ['CA', 42, 815000.5, '2026-11-20T08:15:00.000', true],
      ['NY', 9007199254740993n, null, null, false],
    ]);
  });

  it('starts the query in the workgroup against the database', async () => {
    await queueResults([]);

    await engine().query('SHOW TABLES');

    const { QueryExecutionIds } = await import('@aws-sdk/client-athena').then(
      ({ ListQueryExecutionsCommand }) =>
        client.send(new ListQueryExecutionsCommand({ WorkGroup: 'realty-test' })),
    );
    const last = await client.send(
      new GetQueryExecutionCommand({ QueryExecutionId: QueryExecutionIds!.at(-1)! }),
    );
    expect(last.QueryExecution?.Query).toBe('SHOW TABLES');
    expect(last.QueryExecution?.QueryExecutionContext).toEqual({
      Database: 'realty',
      Catalog: 'AwsDataCatalog',
    });
  });

  // GetQueryResults pages with NextToken, MaxResults at most 1000, the header row on the first page only
  // (https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryResults.html).
  it('reads every page of a large result and keeps the header out of the rows', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) =>
      row(`S${i}`, String(i), '1.5', '2026-11-20 00:00:00.000', 'true'),
    );
    await queueResults([HEADER, ...rows]);
    const before = proxy.calls.length;

    const result = await engine(1000).query('SELECT * FROM big');

    const pages = proxy.calls.slice(before).filter((c) => c.target === 'AmazonAthena.GetQueryResults');
    expect(pages).toHaveLength(3);
    expect(result.rows).toHaveLength(2500);
    expect(result.rows[0]?.[0]).toBe('S0');
    expect(result.rows.at(-1)?.[1]).toBe(2499);
  });

  it('polls a queued then running query until it succeeds', async () => {
    await moto.motoApi('/moto-api/state-manager/set-transition', {
      model_name: 'athena::execution',
      transition: { progression: 'manual', times: 3 },
    });
    await queueResults([HEADER, row('TX', '1', '2', '2026-11-20 00:00:00.000', 'false')]);
    const before = proxy.calls.length;

    const result = await engine().query('SELECT 1');

    const polls = proxy.calls.slice(before).filter((c) => c.target === 'AmazonAthena.GetQueryExecution');
    expect(polls.length).toBeGreaterThanOrEqual(6);
    expect(result.rows).toEqual([['TX', 1, 2, '2026-11-20T00:00:00.000', false]]);
  });

  it('stops a query that runs past the timeout and says how to fix it', async () => {
    await moto.motoApi('/moto-api/state-manager/set-transition', {
      model_name: 'athena::execution',
      transition: { progression: 'manual', times: 1_000_000 },
    });
    const slow = createAthenaQueryEngine({
      client,
      workgroup: 'realty-test',
      database: 'realty',
      poll: { ...FAST_POLL, timeoutMs: 100 },
    });
    const before = proxy.calls.length;

    const error = await slow.query('SELECT * FROM listings_raw').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).message).toMatch(
      /still QUEUED after 100 ms and was stopped; raise REALTY_ATHENA_TIMEOUT_MS/,
    );
    expect(proxy.calls.slice(before).map((c) => c.target)).toContain('AmazonAthena.StopQueryExecution');
  });

  it('reports a cancelled query with its state and what to do', async () => {
    const { QueryExecutionId } = await client.send(
      new StartQueryExecutionCommand({ QueryString: 'SELECT 1', WorkGroup: 'realty-test' }),
    );
    await client.send(new StopQueryExecutionCommand({ QueryExecutionId }));

    const error = await waitForQuery(client, QueryExecutionId!, FAST_POLL).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).message).toContain(`Athena query ${QueryExecutionId} CANCELLED`);
    expect((error as QueryError).message).toMatch(/bytes-scanned limit/);
  });

  it('refuses an empty statement without calling Athena', async () => {
    const before = proxy.calls.length;

    await expect(engine().query('  ')).rejects.toThrow(/SQL statement is empty/);

    expect(proxy.calls.length).toBe(before);
  });
});
