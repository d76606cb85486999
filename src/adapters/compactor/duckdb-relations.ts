import type { ScopeEntry } from '../../compaction/compaction-scope.js';
import { CompactionError } from '../../errors.js';
import type { CatalogColumn } from '../../ports/catalog.js';
import { DUCKDB_TYPE, quotedName, stringLiteral } from '../query/duckdb-views.js';

// DuckDB expands these even inside a list of paths: a data directory named with them would read other files.
const GLOB_CHARACTERS = /[*?[\]{}]/;

function typed(column: CatalogColumn): string {
  const name = quotedName('column', column.name);
  return `CAST(${name} AS ${DUCKDB_TYPE[column.type]}) AS ${name}`;
}

function nullOf(column: CatalogColumn): string {
  return `CAST(NULL AS ${DUCKDB_TYPE[column.type]}) AS ${quotedName('column', column.name)}`;
}

/**
 * A temp view over Parquet files with Hive partition columns from their paths, every column cast to the
 * catalog's type; with no files, an empty view of the same columns (a first run has no curated rows).
 * `absent`: columns no file has (written before the column was added to the table), read as nulls.
 */
export function parquetViewSql(
  view: string,
  files: readonly string[],
  columns: readonly CatalogColumn[],
  partitionKeys: readonly CatalogColumn[],
  absent: ReadonlySet<string> = new Set(),
): string {
  const all = [...columns, ...partitionKeys];
  const head = `CREATE OR REPLACE TEMP VIEW ${quotedName('view', view)} AS SELECT`;
  if (files.length === 0) return `${head} ${all.map(nullOf).join(', ')} WHERE false`;
  const globbing = files.find((file) => GLOB_CHARACTERS.test(file));
  if (globbing !== undefined) {
    throw new CompactionError(
      `${globbing} has glob characters (* ? [ ] { }) that DuckDB would expand; move the data directory to a plain path`,
    );
  }
  const hiveTypes = partitionKeys.map(
    (key) => `${stringLiteral(key.name)}: ${stringLiteral(DUCKDB_TYPE[key.type])}`,
  );
  const partitioning =
    partitionKeys.length > 0
      ? `hive_partitioning = true, hive_types = {${hiveTypes.join(', ')}}`
      : 'hive_partitioning = false';
  const list = `[${files.map(stringLiteral).join(', ')}]`;
  const select = all.map((column) => (absent.has(column.name) ? nullOf(column) : typed(column)));
  return `${head} ${select.join(', ')} FROM read_parquet(${list}, ${partitioning}, union_by_name = true)`;
}

/** The distinct column names of Parquet files, from their footers (no data page is read). */
export function parquetColumnNamesSql(files: readonly string[]): string {
  return `SELECT DISTINCT name FROM parquet_schema([${files.map(stringLiteral).join(', ')}])`;
}

/** The compaction_scope relation the spec joins on: (state, from_dt). */
export function scopeViewSql(view: string, scope: readonly ScopeEntry[]): string {
  const head = `CREATE OR REPLACE TEMP VIEW ${quotedName('view', view)} AS`;
  if (scope.length === 0) {
    return `${head} SELECT CAST(NULL AS VARCHAR) AS state, CAST(NULL AS VARCHAR) AS from_dt WHERE false`;
  }
  const rows = scope.map((entry) => `(${stringLiteral(entry.state)}, ${stringLiteral(entry.fromDt)})`);
  return `${head} SELECT state, from_dt FROM (VALUES ${rows.join(', ')}) AS scope(state, from_dt)`;
}

/** A spec statement materialised as a temp table, so later steps and the writers read it once. */
export function materializeSql(table: string, statement: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${quotedName('table', table)} AS ${statement}`;
}

/**
 * Columns that order a curated partition's rows totally: property_id then event_id for the listing tables,
 * property_id then change_dt for price_changes, postal_code, city and week_start for market_weekly
 * (jobs/compact_listings.py sorts the same way).
 */
export function rowOrder(columns: readonly CatalogColumn[]): string[] {
  const has = (name: string) => columns.some((column) => column.name === name);
  if (has('event_id')) return ['property_id', 'event_id'];
  if (has('change_dt')) return ['property_id', 'change_dt'];
  return ['postal_code', 'city', 'week_start'];
}

/**
 * COPY of a relation into `dir` as Hive partitions, each split into files of at most `rowsPerFile` rows
 * (file_index becomes one more directory level, which the commit folds into the file name). `only`: the
 * partitions to write, as their values joined by '/' (all of them when omitted). When every partition fits
 * one file (`oneFileEach`, the daily run), its rows are written as they come: numbering them would sort the
 * whole table (measured: about half the write's time) for an order no reader relies on.
 */
export function copyPartitionedSql(
  relation: string,
  columns: readonly CatalogColumn[],
  partitionKeys: readonly CatalogColumn[],
  split: { rowsPerFile: number; oneFileEach: boolean },
  dir: string,
  only?: readonly string[],
): string {
  const keys = partitionKeys.map((key) => quotedName('column', key.name));
  const names = [...columns, ...partitionKeys].map((column) => quotedName('column', column.name));
  const order = rowOrder(columns).map((name) => `${quotedName('column', name)} NULLS LAST`);
  const rank = `row_number() OVER (PARTITION BY ${keys.join(', ')} ORDER BY ${order.join(', ')})`;
  const fileIndex = split.oneFileEach
    ? '0 AS file_index'
    : `CAST((${rank} - 1) // ${split.rowsPerFile} AS INTEGER) AS file_index`;
  const where =
    only === undefined
      ? ''
      : ` WHERE (${keys.join(" || '/' || ")}) IN (${only.map(stringLiteral).join(', ')})`;
  return (
    `COPY (SELECT ${names.join(', ')}, ${fileIndex} FROM ${quotedName('table', relation)}${where}) ` +
    `TO ${stringLiteral(dir)} (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (${keys.join(', ')}, file_index), FILENAME_PATTERN 'part', OVERWRITE_OR_IGNORE)`
  );
}

/** Rows per partition of a relation: `values...` then the count. */
export function partitionCountsSql(relation: string, partitionKeys: readonly CatalogColumn[]): string {
  const keys = partitionKeys.map((key) => quotedName('column', key.name)).join(', ');
  return `SELECT ${keys}, count(*) FROM ${quotedName('table', relation)} GROUP BY ${keys} ORDER BY ${keys}`;
}

/** The rows of Parquet files, summed from their footers (no data page is read). */
export function rawRowCountSql(files: readonly string[]): string {
  if (files.length === 0) return 'SELECT CAST(0 AS BIGINT)';
  const list = `[${files.map(stringLiteral).join(', ')}]`;
  return `SELECT CAST(coalesce(sum(num_rows), 0) AS BIGINT) FROM parquet_file_metadata(${list})`;
}

/** A spec statement as a temp view: the writer computes it as it writes, nothing is held in between. */
export function viewSql(view: string, statement: string): string {
  return `CREATE OR REPLACE TEMP VIEW ${quotedName('view', view)} AS ${statement}`;
}

/**
 * For a table built from `relations` (each with a `state` column), at most one row of it per row of theirs:
 * the most rows any state could have (the bound that says every state partition fits one file), then how
 * many states there could be.
 */
export function stateBoundsSql(relations: readonly string[]): string {
  const counts = relations.map(
    (relation) => `SELECT state, count(*) AS n FROM ${quotedName('table', relation)} GROUP BY state`,
  );
  return `SELECT CAST(coalesce(max(n), 0) AS BIGINT), count(*) FROM (SELECT state, sum(n) AS n FROM (${counts.join(' UNION ALL ')}) AS c GROUP BY state) AS s`;
}

/** Each Parquet file's rows, from its footer: the file's path then its rows. */
export function fileRowsSql(files: readonly string[]): string {
  return `SELECT file_name, num_rows FROM parquet_file_metadata([${files.map(stringLiteral).join(', ')}])`;
}
