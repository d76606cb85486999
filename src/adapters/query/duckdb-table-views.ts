import type { DuckDBConnection } from '@duckdb/node-api';
import type { Catalog, TableDefinition } from '../../ports/catalog.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { runStatement } from './duckdb-session.js';
import { emptyViewSql, fileViewSql, parquetGlob } from './duckdb-views.js';

export interface TableViews {
  /** (Re)defines the view of every table in the catalog database. */
  defineAll(connection: DuckDBConnection): Promise<void>;
  /** Swaps in the file-backed view of each table that had no files and now has some. */
  catchUp(connection: DuckDBConnection): Promise<void>;
}

/** Keeps one DuckDB view per catalog table: over its Parquet files, or empty with the catalog's columns. */
export function createTableViews(catalog: Catalog, store: ObjectStore, database: string): TableViews {
  // read_parquet fails on a glob that matches nothing, so a table without files gets a typed
  // empty view, and is checked again before each query.
  const waitingForFiles = new Map<string, TableDefinition>();

  async function hasParquetFiles(table: TableDefinition): Promise<boolean> {
    for await (const object of store.list(table.location)) {
      if (object.key.endsWith('.parquet')) return true;
    }
    return false;
  }

  async function define(
    connection: DuckDBConnection,
    table: TableDefinition,
    withFiles: boolean,
  ): Promise<void> {
    const ref = `${table.database}.${table.name}`;
    const glob = parquetGlob(ref, store.uri(table.location.replace(/\/+$/, '')));
    await runStatement(connection, withFiles ? fileViewSql(table, glob) : emptyViewSql(table));
    if (withFiles) waitingForFiles.delete(ref);
    else waitingForFiles.set(ref, table);
  }

  return {
    async defineAll(connection) {
      for (const table of await catalog.listTables(database)) {
        await define(connection, table, await hasParquetFiles(table));
      }
    },

    async catchUp(connection) {
      for (const table of [...waitingForFiles.values()]) {
        if (await hasParquetFiles(table)) await define(connection, table, true);
      }
    },
  };
}
