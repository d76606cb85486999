import type { ColumnType } from '../../domain/listing-record.js';
import { CatalogError } from '../../errors.js';

/** How Glue stores a Parquet table's storage: the Hive input/output formats and SerDe Athena and Spark read. */
export const PARQUET_STORAGE = {
  InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  SerdeInfo: {
    SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
    Parameters: { 'serialization.format': '1' },
  },
} as const;

/** Table parameters Glue (and the Glue crawler) set on an external Parquet table. */
export const PARQUET_TABLE_PARAMETERS = { classification: 'parquet', EXTERNAL: 'TRUE' } as const;

// Hive type names as the Glue Data Catalog stores them in Column.Type.
const HIVE_TYPES: Readonly<Record<ColumnType, string>> = {
  string: 'string',
  int32: 'int',
  int64: 'bigint',
  double: 'double',
  boolean: 'boolean',
  timestamp: 'timestamp',
  date: 'date',
};

const COLUMN_TYPES = new Map(
  Object.entries(HIVE_TYPES).map(([logical, hive]) => [hive, logical as ColumnType]),
);

/** The Hive/Glue type name of a logical column type, e.g. int64 → bigint. */
export function hiveTypeOf(type: ColumnType): string {
  return HIVE_TYPES[type];
}

/** The logical column type of a Hive/Glue type name; throws CatalogError for a type this project never writes. */
export function columnTypeOfHive(hiveType: string): ColumnType {
  const type = COLUMN_TYPES.get(hiveType.toLowerCase());
  if (!type) {
    throw new CatalogError(
      `column type "${hiveType}" is not one this project uses (${[...COLUMN_TYPES.keys()].join(', ')}); fix the table definition in the catalog`,
    );
  }
  return type;
}
