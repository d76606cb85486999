import { Writable } from 'node:stream';
import parquet from 'parquetjs-lite';
import type { ColumnSpec, ColumnType, ListingRecord } from '../../domain/listing-record.js';
import { ParquetError, RealtyError } from '../../errors.js';
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
import { withLogicalTypes } from './with-logical-types.js';
import { checkRowGroupRows, DEFAULT_ROW_GROUP_ROWS, writerMetadata } from './writer-metadata.js';

export interface ParquetjsLiteEncoderOptions {
  /** Rows per row group (default 100,000). */
  rowGroupRows?: number;
}

export const PARQUETJS_LITE_ENCODER_NAME = 'parquetjs-lite';

const MS_PER_DAY = 86_400_000;

// Where parquetjs-lite falls short and how we get round it: docs/parquet-encoders.md.
const FIELD_BY_TYPE: Record<ColumnType, parquet.FieldDefinition> = {
  // No statistics on strings: parquetjs-lite orders min/max with JS (UTF-16) comparison instead of
  // unsigned bytes, and DuckDB then prunes row groups that hold the value ('😀' vs '｡').
  string: { type: 'UTF8', statistics: false },
  int32: { type: 'INT32' },
  int64: { type: 'INT64' },
  double: { type: 'DOUBLE' },
  boolean: { type: 'BOOLEAN' },
  timestamp: { type: 'TIMESTAMP_MILLIS' },
  date: { type: 'DATE' },
};

// parquetjs-lite throws on a negative number in TIMESTAMP_MILLIS and DATE (anything before
// 1970) but takes a Date of any sign, so instants and days go in as Dates.
const CELL_BY_TYPE: Record<ColumnType, CellReader<unknown>> = {
  string: stringCell,
  int32: int32Cell,
  int64: int64Cell,
  double: doubleCell,
  boolean: booleanCell,
  timestamp: timestampAsDateCell,
  date: dateAsDateCell,
};

/** A ParquetEncoder on parquetjs-lite, patched where it can be (see docs/parquet-encoders.md). */
export function createParquetjsLiteEncoder(options: ParquetjsLiteEncoderOptions = {}): ParquetEncoder {
  const rowGroupRows = checkRowGroupRows(options.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS);
  return {
    name: PARQUETJS_LITE_ENCODER_NAME,
    encode: (records, columns) => encodeWithParquetjsLite(records, columns, rowGroupRows),
  };
}

async function encodeWithParquetjsLite<Row extends ListingRecord>(
  records: readonly Row[],
  columns: readonly ColumnSpec<keyof Row & string>[],
  rowGroupRows: number,
): Promise<Uint8Array> {
  const rows = buildRows(records, columns);
  const fields: Record<string, parquet.FieldDefinition> = {};
  for (const spec of columns)
    fields[spec.name] = { ...FIELD_BY_TYPE[spec.type], optional: true, compression: 'SNAPPY' };
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  try {
    // DATA_PAGE v1 is the page every reader supports; the page index is off because
    // parquetjs-lite leaves the ColumnIndex's required null_pages and boundary_order unset.
    const writer = await parquet.ParquetWriter.openStream(new parquet.ParquetSchema(fields), sink, {
      rowGroupSize: rowGroupRows,
      useDataPageV2: false,
      pageIndex: false,
    });
    for (const row of rows) await writer.appendRow(row);
    for (const { key, value } of writerMetadata(PARQUETJS_LITE_ENCODER_NAME))
      writer.setMetadata(key, value ?? '');
    await writer.close();
  } catch (error) {
    if (error instanceof RealtyError) throw error;
    // parquetjs-lite throws plain strings as often as Errors.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ParquetError(`parquetjs-lite could not write the file: ${reason}`, { cause: error });
  }
  return withLogicalTypes(Buffer.concat(chunks));
}

/** The row objects parquetjs-lite takes, built in one pass and checked cell by cell. */
function buildRows<Row extends ListingRecord>(
  records: readonly Row[],
  columns: readonly ColumnSpec<keyof Row & string>[],
): Record<string, unknown>[] {
  const cells = columns.map((spec) => CELL_BY_TYPE[spec.type]);
  const rows = new Array<Record<string, unknown>>(records.length);
  for (let row = 0; row < records.length; row++) {
    const record = records[row] as Row;
    const out: Record<string, unknown> = {};
    for (let c = 0; c < columns.length; c++) {
      const name = (columns[c] as ColumnSpec<keyof Row & string>).name;
      out[name] = (cells[c] as CellReader<unknown>)(record[name], name, row);
    }
    rows[row] = out;
  }
  return rows;
}

function timestampAsDateCell(value: unknown, column: string, row: number): Date | null {
  const epochMs = timestampCell(value, column, row);
  return epochMs === null ? null : new Date(epochMs);
}

function dateAsDateCell(value: unknown, column: string, row: number): Date | null {
  const epochDays = dateCell(value, column, row);
  return epochDays === null ? null : new Date(epochDays * MS_PER_DAY);
}
