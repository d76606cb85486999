export interface QueryColumn {
  name: string;
  /** The engine's type name, e.g. 'BIGINT', 'VARCHAR', 'TIMESTAMP'. */
  type: string;
}

export interface QueryResult {
  columns: QueryColumn[];
  /** Rows as arrays in column order; BIGINT as bigint or number, timestamps as ISO strings. */
  rows: unknown[][];
}

/** An SQL engine over the catalog's tables: DuckDB on one machine, Athena or Trino in production. */
export interface QueryEngine {
  /** Runs one statement against database `realty` and returns all rows. */
  query(sql: string, options?: { signal?: AbortSignal }): Promise<QueryResult>;
  close(): Promise<void>;
}
