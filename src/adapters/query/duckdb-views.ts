import type { ColumnType } from '../../domain/listing-record.js';
import { QueryError } from '../../errors.js';
import type { CatalogColumn, TableDefinition } from '../../ports/catalog.js';

/** The attached database that holds one schema per catalog database, as Athena's `AwsDataCatalog`. */
export const HIVE_CATALOG = 'hive';

/** DuckDB's type for each catalog column type; Parquet TIMESTAMP(isAdjustedToUTC) reads as TIMESTAMPTZ. */
export const DUCKDB_TYPE: Record<ColumnType, string> = {
  string: 'VARCHAR',
  int32: 'INTEGER',
  int64: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP WITH TIME ZONE',
  date: 'DATE',
};

// Names the catalog allows (Glue lower-cases, Hive folds): anything else never reaches the SQL.
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
// DuckDB's glob syntax: a data directory holding these would change which files a view reads.
const GLOB_CHARACTERS = /[*?[\]{}]/;

/** `name` quoted for DuckDB SQL, after checking it is a catalog identifier. */
export function quotedName(kind: string, name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new QueryError(
      `${kind} name ${JSON.stringify(name)} is not an identifier matching ^[a-z_][a-z0-9_]*$; fix it in the catalog`,
    );
  }
  return `"${name}"`;
}

/** `text` as a DuckDB string literal. */
export function stringLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The glob of every Parquet file under a table's location URI (from ObjectStore.uri). */
const PARQUET_GLOB_SUFFIX = '/**/*.parquet';

export function parquetGlob(tableRef: string, locationUri: string): string {
  if (GLOB_CHARACTERS.test(locationUri)) {
    throw new QueryError(
      `the data of ${tableRef} lives at ${locationUri}, whose name has glob characters (* ? [ ] { }) that DuckDB would expand; move the data directory to a plain path`,
    );
  }
  return `${locationUri.replace(/\/+$/, '')}${PARQUET_GLOB_SUFFIX}`;
}

/** The statements that (re)create the schema view of one catalog database. */
export function schemaSql(database: string): string[] {
  const schema = `${HIVE_CATALOG}.${quotedName('database', database)}`;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    `SET search_path = ${stringLiteral(`${HIVE_CATALOG}.${database}`)}`,
  ];
}

/**
 * The view over a table's files: every Parquet file under its location, Hive partition columns
 * read from the path with the catalog's types, and files with different columns merged by name.
 */
export function fileViewSql(table: TableDefinition, glob: string): string {
  const hiveTypes = table.partitionKeys.map(
    (key) => `${stringLiteral(key.name)}: ${stringLiteral(DUCKDB_TYPE[key.type])}`,
  );
  const partitioning =
    table.partitionKeys.length > 0
      ? `hive_partitioning = true, hive_types = {${hiveTypes.join(', ')}}`
      : 'hive_partitioning = false';
  // Hive, Athena and Trino skip files and directories whose name starts with '.' or '_' (a killed Spark
  // job's .spark-staging-*/ and _temporary/, a writer's temp files); DuckDB's ** does not. The names are
  // matched below the table's location only, as the data dir itself may be hidden (.realty).
  const location = glob.slice(0, glob.length - PARQUET_GLOB_SUFFIX.length + 1);
  const below = `substr(filename, length(${stringLiteral(location)}) + 1)`;
  return `${createView(table)} SELECT * EXCLUDE (filename) FROM read_parquet(${stringLiteral(glob)}, ${partitioning}, union_by_name = true, filename = true) WHERE NOT regexp_matches(${below}, '(^|/)[._]')`;
}

/** The view of a table with no files yet: no rows, the catalog's columns and types. */
export function emptyViewSql(table: TableDefinition): string {
  const columns = [...table.columns, ...table.partitionKeys].map(nullColumn);
  return `${createView(table)} SELECT ${columns.join(', ')} WHERE false`;
}

function createView(table: TableDefinition): string {
  const ref = `${HIVE_CATALOG}.${quotedName('database', table.database)}.${quotedName('table', table.name)}`;
  return `CREATE OR REPLACE VIEW ${ref} AS`;
}

function nullColumn(column: CatalogColumn): string {
  return `CAST(NULL AS ${DUCKDB_TYPE[column.type]}) AS ${quotedName('column', column.name)}`;
}
