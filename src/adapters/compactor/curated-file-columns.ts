import type { CatalogColumn } from '../../ports/catalog.js';
import { parquetColumnNamesSql } from './duckdb-relations.js';
import type { SqlSession } from './duckdb-session.js';

/**
 * Columns of `columns` that none of the curated files has: files written before a column was added to the
 * table (the sale and contract columns of issue 14) are read with nulls there, as Athena and Spark read them.
 */
export async function absentColumns(
  session: SqlSession,
  files: readonly string[],
  columns: readonly CatalogColumn[],
): Promise<Set<string>> {
  if (files.length === 0) return new Set();
  const present = new Set(
    (await session.rows(parquetColumnNamesSql(files), 'reading curated file schemas')).map((row) =>
      String(row[0]),
    ),
  );
  return new Set(columns.map((column) => column.name).filter((name) => !present.has(name)));
}
