import type { CatalogColumn, TableDefinition } from '../../ports/catalog.js';
import type { StoredColumn, StoredTable } from './catalog-file.js';
import { columnTypeOfHive, hiveTypeOf, PARQUET_STORAGE, PARQUET_TABLE_PARAMETERS } from './hive-storage.js';

function toStoredColumn(column: CatalogColumn): StoredColumn {
  const stored: StoredColumn = { Name: column.name, Type: hiveTypeOf(column.type) };
  if (column.comment !== undefined) stored.Comment = column.comment;
  return stored;
}

function toColumn(stored: StoredColumn): CatalogColumn {
  const column: CatalogColumn = { name: stored.Name, type: columnTypeOfHive(stored.Type) };
  if (stored.Comment !== undefined) column.comment = stored.Comment;
  return column;
}

/** A table definition as Glue's GetTable returns it, with the Parquet SerDe and formats filled in. */
export function toStoredTable(table: TableDefinition, partitions: StoredTable['Partitions']): StoredTable {
  const stored: StoredTable = {
    Name: table.name,
    DatabaseName: table.database,
    TableType: 'EXTERNAL_TABLE',
    Parameters: { ...PARQUET_TABLE_PARAMETERS },
    StorageDescriptor: {
      Columns: table.columns.map(toStoredColumn),
      Location: table.location,
      InputFormat: PARQUET_STORAGE.InputFormat,
      OutputFormat: PARQUET_STORAGE.OutputFormat,
      SerdeInfo: {
        SerializationLibrary: PARQUET_STORAGE.SerdeInfo.SerializationLibrary,
        Parameters: { ...PARQUET_STORAGE.SerdeInfo.Parameters },
      },
    },
    PartitionKeys: table.partitionKeys.map(toStoredColumn),
    Partitions: partitions,
  };
  if (table.description !== undefined) stored.Description = table.description;
  return stored;
}

/** The port's table definition of a stored Glue-shaped table. */
export function toDefinition(stored: StoredTable): TableDefinition {
  const table: TableDefinition = {
    database: stored.DatabaseName,
    name: stored.Name,
    columns: stored.StorageDescriptor.Columns.map(toColumn),
    partitionKeys: stored.PartitionKeys.map(toColumn),
    location: stored.StorageDescriptor.Location,
    format: 'parquet',
  };
  if (stored.Description !== undefined) table.description = stored.Description;
  return table;
}
