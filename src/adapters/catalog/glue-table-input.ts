import type { Column, StorageDescriptor, Table, TableInput } from '@aws-sdk/client-glue';
import { CatalogError } from '../../errors.js';
import type { CatalogColumn, TableDefinition } from '../../ports/catalog.js';
import { columnTypeOfHive, hiveTypeOf, PARQUET_STORAGE, PARQUET_TABLE_PARAMETERS } from './hive-storage.js';

/** The S3 location of a store key prefix in `bucket`: 'raw/listings/' → 's3://bucket/raw/listings/'. */
export function s3Location(bucket: string, keyPrefix: string): string {
  return `s3://${bucket}/${keyPrefix}`;
}

/** The store key prefix of an S3 location in `bucket`; a location elsewhere comes back unchanged. */
export function keyPrefixOf(bucket: string, location: string): string {
  const root = `s3://${bucket}/`;
  return location.startsWith(root) ? location.slice(root.length) : location;
}

function toGlueColumn(column: CatalogColumn): Column {
  return {
    Name: column.name,
    Type: hiveTypeOf(column.type),
    ...(column.comment === undefined ? {} : { Comment: column.comment }),
  };
}

function toColumn(column: Column): CatalogColumn {
  const out: CatalogColumn = { name: column.Name ?? '', type: columnTypeOfHive(column.Type ?? '') };
  if (column.Comment !== undefined) out.comment = column.Comment;
  return out;
}

/** The storage of a Parquet table or partition at `location`: Hive formats and SerDe that Athena and Spark read. */
export function parquetStorage(columns: readonly CatalogColumn[], location: string): StorageDescriptor {
  return {
    Columns: columns.map(toGlueColumn),
    Location: location,
    InputFormat: PARQUET_STORAGE.InputFormat,
    OutputFormat: PARQUET_STORAGE.OutputFormat,
    SerdeInfo: {
      SerializationLibrary: PARQUET_STORAGE.SerdeInfo.SerializationLibrary,
      Parameters: { ...PARQUET_STORAGE.SerdeInfo.Parameters },
    },
  };
}

/** Glue's TableInput of an external Parquet table whose data lives under `s3://bucket/<location>`. */
export function toTableInput(table: TableDefinition, bucket: string): TableInput {
  return {
    Name: table.name,
    TableType: 'EXTERNAL_TABLE',
    Parameters: { ...PARQUET_TABLE_PARAMETERS },
    StorageDescriptor: parquetStorage(table.columns, s3Location(bucket, table.location)),
    PartitionKeys: table.partitionKeys.map(toGlueColumn),
    ...(table.description === undefined ? {} : { Description: table.description }),
  };
}

/** True when a Glue table is an external Parquet table (not a view, not another format). */
export function isParquetTable(table: Table): boolean {
  return (
    table.TableType !== 'VIRTUAL_VIEW' &&
    table.StorageDescriptor?.SerdeInfo?.SerializationLibrary ===
      PARQUET_STORAGE.SerdeInfo.SerializationLibrary
  );
}

/** The port's definition of a Glue table; throws CatalogError for a table this project could not have written. */
export function fromGlueTable(table: Table, bucket: string): TableDefinition {
  const ref = `${table.DatabaseName}.${table.Name}`;
  if (!isParquetTable(table)) {
    throw new CatalogError(
      `table ${ref} is not an external Parquet table (type ${table.TableType}); drop it or rename ours`,
    );
  }
  const definition: TableDefinition = {
    database: table.DatabaseName ?? '',
    name: table.Name ?? '',
    columns: (table.StorageDescriptor?.Columns ?? []).map(toColumn),
    partitionKeys: (table.PartitionKeys ?? []).map(toColumn),
    location: keyPrefixOf(bucket, table.StorageDescriptor?.Location ?? ''),
    format: 'parquet',
  };
  if (table.Description !== undefined) definition.description = table.Description;
  return definition;
}
