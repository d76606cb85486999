import { ByteWriter, type ColumnSource, parquetWrite, type SchemaElement } from 'hyparquet-writer';
import type { ColumnSpec, ColumnType, ListingRecord } from '../../domain/listing-record.js';
import { ParquetError } from '../../errors.js';
import type { ParquetEncoder } from '../../ports/parquet-encoder.js';
import {
  booleanCell,
  type CellReader,
  dateCell,
  doubleCell,
  int32Cell,
  int64Cell,
  stringCell,
  timestampCell,
} from './cell-values.js';
import { checkRowGroupRows, DEFAULT_ROW_GROUP_ROWS, writerMetadata } from './writer-metadata.js';

export interface HyparquetEncoderOptions {
  /** Rows per row group (default 100,000). */
  rowGroupRows?: number;
}

export const HYPARQUET_ENCODER_NAME = 'hyparquet';

// The Parquet spec pairs each logical type with its legacy converted type; writing both lets
// old readers (converted type) and new ones (logical type) agree. TIMESTAMP_MILLIS is, by the
// spec's compatibility rules, TIMESTAMP(isAdjustedToUTC=true, MILLIS): DuckDB TIMESTAMPTZ,
// Spark `timestamp`, Athena/Trino `timestamp(3)`.
const SCHEMA_BY_TYPE: Record<ColumnType, Omit<SchemaElement, 'name'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
  int32: { type: 'INT32' },
  int64: { type: 'INT64' },
  double: { type: 'DOUBLE' },
  boolean: { type: 'BOOLEAN' },
  timestamp: {
    type: 'INT64',
    converted_type: 'TIMESTAMP_MILLIS',
    logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
  },
  date: { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } },
};

// hyparquet-writer takes INT64 values as bigint; a date as its day number.
const CELL_BY_TYPE: Record<ColumnType, CellReader<unknown>> = {
  string: stringCell,
  int32: int32Cell,
  int64: int64BigIntCell,
  double: doubleCell,
  boolean: booleanCell,
  timestamp: timestampBigIntCell,
  date: dateCell,
};

/** A ParquetEncoder on hyparquet-writer: typed columns, logical types, Snappy, statistics. */
export function createHyparquetEncoder(options: HyparquetEncoderOptions = {}): ParquetEncoder {
  const rowGroupRows = checkRowGroupRows(options.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS);
  return {
    name: HYPARQUET_ENCODER_NAME,
    encode: async (records, columns) => encodeWithHyparquet(records, columns, rowGroupRows),
  };
}

function encodeWithHyparquet<Row extends ListingRecord>(
  records: readonly Row[],
  columns: readonly ColumnSpec<keyof Row & string>[],
  rowGroupRows: number,
): Uint8Array {
  const columnData = columns.map((spec) => columnSource(records, spec));
  const schema: SchemaElement[] = [
    { name: 'root', num_children: columns.length },
    ...columns.map((spec) => ({
      name: spec.name,
      repetition_type: 'OPTIONAL' as const,
      ...SCHEMA_BY_TYPE[spec.type],
    })),
  ];
  const writer = new ByteWriter();
  try {
    parquetWrite({
      writer,
      columnData,
      schema,
      codec: 'SNAPPY',
      rowGroupSize: rowGroupRows,
      kvMetadata: writerMetadata(HYPARQUET_ENCODER_NAME),
      createdBy: 'realty-pipeline (hyparquet-writer)',
    });
  } catch (error) {
    throw new ParquetError(`hyparquet-writer could not write the file: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return new Uint8Array(writer.getBuffer());
}

/** One column's values in a single pass over the records, checked cell by cell. */
function columnSource<Row extends ListingRecord>(
  records: readonly Row[],
  spec: ColumnSpec<keyof Row & string>,
): ColumnSource {
  const cell = CELL_BY_TYPE[spec.type];
  const data = new Array<unknown>(records.length);
  for (let row = 0; row < records.length; row++) {
    data[row] = cell((records[row] as Row)[spec.name], spec.name, row);
  }
  return { name: spec.name, data };
}

function int64BigIntCell(value: unknown, column: string, row: number): bigint | null {
  const checked = int64Cell(value, column, row);
  return checked === null ? null : BigInt(checked);
}

function timestampBigIntCell(value: unknown, column: string, row: number): bigint | null {
  const checked = timestampCell(value, column, row);
  return checked === null ? null : BigInt(checked);
}
