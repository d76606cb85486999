import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { QueryError } from '../../errors.js';
import { HIVE_CATALOG, schemaSql } from './duckdb-views.js';

/** One in-memory DuckDB and the single connection the engine runs everything on. */
export interface DuckDbSession {
  connection: DuckDBConnection;
  close(): void;
}

/** Opens an in-memory DuckDB set up like an Athena session: UTC, `hive.<database>` first on the search path. */
export async function openDuckDbSession(database: string): Promise<DuckDbSession> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const close = () => {
    connection.closeSync();
    instance.closeSync();
  };
  try {
    // Athena sessions run in UTC; date_trunc and friends on TIMESTAMPTZ depend on it.
    await runStatement(connection, "SET TimeZone = 'UTC'");
    await runStatement(connection, `ATTACH ':memory:' AS ${HIVE_CATALOG}`);
    for (const sql of schemaSql(database)) await runStatement(connection, sql);
  } catch (error) {
    close();
    throw error;
  }
  return { connection, close };
}

/** Runs one set-up statement (no result), turning DuckDB's error into a QueryError. */
export async function runStatement(connection: DuckDBConnection, sql: string): Promise<void> {
  try {
    await connection.run(sql);
  } catch (error) {
    throw new QueryError(`DuckDB could not run ${sql.slice(0, 160)}: ${duckDbMessage(error)}`, {
      cause: error,
    });
  }
}

/** The message of an error DuckDB threw (it throws Errors; anything else is shown as text). */
export function duckDbMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
