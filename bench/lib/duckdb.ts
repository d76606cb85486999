import { DuckDBInstance } from '@duckdb/node-api';

/** An in-memory DuckDB on one connection, in UTC, for checks and timings outside the query engine. */
export interface BenchDuckDb {
  /** Rows as objects in DuckDB's JSON form (BIGINT as strings). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  run(sql: string): Promise<void>;
  close(): void;
}

export async function openBenchDuckDb(): Promise<BenchDuckDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  return {
    rows: async (sql) =>
      (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[],
    run: async (sql) => {
      await connection.run(sql);
    },
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** `text` as a SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
