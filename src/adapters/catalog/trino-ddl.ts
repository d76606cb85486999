import type { ColumnType } from '../../domain/listing-record.js';
import { CatalogError } from '../../errors.js';
import type { PartitionSpec, TableDefinition } from '../../ports/catalog.js';

/** Trino's type of each catalog column type, in a session with hive.timestamp_precision=MICROSECONDS. */
export const TRINO_COLUMN_TYPE: Readonly<Record<ColumnType, string>> = {
  string: 'varchar',
  int32: 'integer',
  int64: 'bigint',
  double: 'double',
  boolean: 'boolean',
  // The metastore stores Hive's `timestamp`; Trino refuses timestamp(3) when the session reads microseconds.
  timestamp: 'timestamp(6)',
  date: 'date',
};

/** A view: its name, its database, and the SQL text of its SELECT (one text for Trino/Athena and DuckDB). */
export interface ViewDefinition {
  database: string;
  name: string;
  sql: string;
}

// Names the catalog allows (Glue lower-cases, Hive folds): anything else never reaches the SQL.
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
// A store key prefix: path segments of safe characters, each ending in '/'; no '.' or '..' segment.
const KEY_PREFIX = /^(?:(?!\.\.?\/)[A-Za-z0-9_=.-]+\/)+$/;
// Where the bucket's keys live for Trino: 'local:///' (the local file system) or 's3://bucket/'.
const LOCATION_ROOT = /^[a-z][a-z0-9+.-]*:\/\/[A-Za-z0-9_./-]*\/$/;

/** `name` double-quoted for Trino, after checking it is a catalog identifier. */
export function trinoName(kind: string, name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new CatalogError(
      `${kind} name ${JSON.stringify(name)} is not an identifier matching ^[a-z_][a-z0-9_]*$; fix it in the catalog`,
    );
  }
  return `"${name}"`;
}

/** `text` as a Trino string literal. */
export function trinoString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The checked URI prefix table locations are resolved against. */
export function checkedLocationRoot(root: string): string {
  if (!LOCATION_ROOT.test(root)) {
    throw new CatalogError(
      `Trino location root ${JSON.stringify(root)} must be a URI prefix ending in '/', e.g. local:/// or s3://bucket/`,
    );
  }
  return root;
}

/** The URI Trino reads a store key prefix at, e.g. 'raw/listings/' → 'local:///raw/listings/'. */
export function locationUri(root: string, keyPrefix: string): string {
  if (!KEY_PREFIX.test(keyPrefix)) {
    throw new CatalogError(
      `location ${JSON.stringify(keyPrefix)} is not a store key prefix like 'raw/listings/' (safe characters, ending in '/', no '..'); fix it in the catalog`,
    );
  }
  return `${root}${keyPrefix}`;
}

/** `catalog."database"."name"`, every part checked. */
export function qualifiedName(catalog: string, database: string, name: string): string {
  return `${trinoName('catalog', catalog)}.${trinoName('database', database)}.${trinoName('table', name)}`;
}

export function createSchemaSql(catalog: string, database: string): string {
  return `CREATE SCHEMA IF NOT EXISTS ${trinoName('catalog', catalog)}.${trinoName('database', database)}`;
}

/** An external Parquet table over the table's location; partition keys come last, as Hive requires. */
export function createTableSql(catalog: string, table: TableDefinition, root: string): string {
  const columns = [...table.columns, ...table.partitionKeys].map((column) => {
    const comment = column.comment ? ` COMMENT ${trinoString(column.comment)}` : '';
    return `  ${trinoName('column', column.name)} ${TRINO_COLUMN_TYPE[column.type]}${comment}`;
  });
  const keys = table.partitionKeys.map((key) => trinoString(key.name));
  const properties = [
    `external_location = ${trinoString(locationUri(root, table.location))}`,
    "format = 'PARQUET'",
    ...(keys.length > 0 ? [`partitioned_by = ARRAY[${keys.join(', ')}]`] : []),
  ];
  const comment = table.description ? `\nCOMMENT ${trinoString(table.description)}` : '';
  return `CREATE TABLE IF NOT EXISTS ${qualifiedName(catalog, table.database, table.name)} (\n${columns.join(',\n')}\n)${comment}\nWITH (${properties.join(', ')})`;
}

/** Registers one partition at its own location (Hive connector procedure, needs hive.allow-register-partition-procedure). */
export function registerPartitionSql(
  catalog: string,
  table: TableDefinition,
  partition: PartitionSpec,
  root: string,
): string {
  if (partition.values.length !== table.partitionKeys.length) {
    throw new CatalogError(
      `partition ${JSON.stringify(partition.values)} of ${table.database}.${table.name} has ${partition.values.length} values for ${table.partitionKeys.length} partition keys; give one value per key`,
    );
  }
  const names = table.partitionKeys.map((key) => trinoString(key.name)).join(', ');
  const values = partition.values.map(trinoString).join(', ');
  return `CALL ${trinoName('catalog', catalog)}.system.register_partition(schema_name => ${trinoString(table.database)}, table_name => ${trinoString(table.name)}, partition_columns => ARRAY[${names}], partition_values => ARRAY[${values}], location => ${trinoString(locationUri(root, partition.location))})`;
}

/** Adds every partition directory found under the table's location (key=value/... paths) in one call. */
export function syncPartitionsSql(catalog: string, table: TableDefinition): string {
  return `CALL ${trinoName('catalog', catalog)}.system.sync_partition_metadata(schema_name => ${trinoString(table.database)}, table_name => ${trinoString(table.name)}, mode => 'ADD', case_sensitive => true)`;
}

/** The partition values Trino knows, each as text, in partition-key order. */
export function listPartitionsSql(catalog: string, table: TableDefinition): string {
  const keys = table.partitionKeys.map((key) => `CAST(${trinoName('column', key.name)} AS varchar)`);
  const partitions = `${trinoName('catalog', catalog)}.${trinoName('database', table.database)}."${trinoName('table', table.name).slice(1, -1)}$partitions"`;
  return `SELECT ${keys.join(', ')} FROM ${partitions}`;
}

export function createViewSql(catalog: string, view: ViewDefinition): string {
  // A trailing ';' would end the CREATE VIEW statement early; Trino takes one statement per request.
  const select = view.sql.trim().replace(/;+\s*$/, '');
  return `CREATE OR REPLACE VIEW ${qualifiedName(catalog, view.database, view.name)} AS\n${select}`;
}

/** The Hive path of a partition under its table: 'raw/listings/dt=2026-11-20/state=CA/'. */
export function hivePartitionPrefix(table: TableDefinition, values: readonly string[]): string {
  return `${table.location}${table.partitionKeys.map((key, i) => `${key.name}=${values[i] ?? ''}/`).join('')}`;
}
