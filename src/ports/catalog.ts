import type { ColumnType } from '../domain/listing-record.js';

export interface CatalogColumn {
  name: string;
  type: ColumnType;
  comment?: string;
}

/** An external Parquet table, Hive-style: columns, partition keys and the location of its data. */
export interface TableDefinition {
  database: string;
  name: string;
  columns: readonly CatalogColumn[];
  partitionKeys: readonly CatalogColumn[];
  /** Store key prefix of the table's data, e.g. 'raw/listings/'. */
  location: string;
  format: 'parquet';
  description?: string;
}

export interface PartitionSpec {
  /** Partition values in partition-key order, e.g. ['2026-11-20', 'CA']. */
  values: readonly string[];
  /** Store key prefix of the partition, e.g. 'raw/listings/dt=2026-11-20/state=CA/'. */
  location: string;
}

/** The Hive/Glue Data Catalog: databases, tables and their partitions. */
export interface Catalog {
  /** Creates the database when missing (idempotent). */
  ensureDatabase(name: string, description?: string): Promise<void>;
  /** Creates the table, or updates its columns when the definition changed (idempotent). */
  ensureTable(table: TableDefinition): Promise<void>;
  getTable(database: string, name: string): Promise<TableDefinition | undefined>;
  listTables(database: string): Promise<TableDefinition[]>;
  /** Registers partitions; those already present are left alone. Resolves with how many were new. */
  addPartitions(database: string, table: string, partitions: readonly PartitionSpec[]): Promise<number>;
  listPartitions(database: string, table: string): Promise<PartitionSpec[]>;
}
