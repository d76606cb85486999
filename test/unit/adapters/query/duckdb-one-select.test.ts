import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOneSelect } from '../../../../src/adapters/query/duckdb-confinement.js';
import { QueryRefusedError } from '../../../../src/errors.js';

// The fast path of the engine's read-only check: DuckDB's parser alone (json_serialize_sql serializes SELECT
// statements only), so a query of a multi-file table is bound once, not prepared and then bound again.
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run('CREATE TABLE t (a INTEGER)');
});

afterAll(() => {
  connection?.closeSync();
  instance?.closeSync();
});

describe('isOneSelect', () => {
  it.each([
    'SELECT 1',
    'WITH x AS (SELECT 1 AS a) SELECT * FROM x',
    'FROM t',
    'VALUES (1)',
    'SELECT * FROM t UNION ALL SELECT 2',
    'DESCRIBE t',
    'SELECT 1 -- a comment\n;',
    "SELECT * FROM t WHERE a = ';'",
  ])('takes %j as one SELECT', async (sql) => {
    expect(await isOneSelect(connection, sql)).toBe(true);
  });

  // Each of these goes to the prepared check (prepareReadOnly), which refuses or allows it as before.
  it.each(['EXPLAIN SELECT 1', 'SELECT * FROM WHERE 1'])('leaves %j to the prepared check', async (sql) => {
    expect(await isOneSelect(connection, sql)).toBe(false);
  });

  it.each([
    'INSERT INTO t VALUES (1)',
    "COPY t TO '/tmp/realty-never.csv'",
    'CREATE TABLE u AS SELECT 1',
    'DROP TABLE t',
    "PRAGMA table_info('t')",
    "SELECT 'it''s'; SELECT 2",
    '',
  ])('refuses %j by its words before DuckDB sees it', async (sql) => {
    await expect(isOneSelect(connection, sql)).rejects.toBeInstanceOf(QueryRefusedError);
  });
});
