import type { ColumnSpec, ListingRecord } from '../../domain/listing-record.js';
import { ParquetError, RealtyError } from '../../errors.js';
import type { ParquetEncoder } from '../../ports/parquet-encoder.js';
import { ByteSink } from './byte-sink.js';
import { chunkScratch, writeColumnChunk } from './column-chunk.js';
import { type RowGroupMeta, writeFileMetaData } from './parquet-thrift.js';
import { ThriftWriter } from './thrift-compact.js';
import { checkRowGroupRows, DEFAULT_ROW_GROUP_ROWS, writerMetadata } from './writer-metadata.js';

export interface FlatEncoderOptions {
  /** Rows per row group (default 100,000). */
  rowGroupRows?: number;
}

export const FLAT_ENCODER_NAME = 'flat';

const MAGIC = Buffer.from('PAR1', 'latin1');

/**
 * A ParquetEncoder for flat tables, written for the transform's hot path: one pass per column that checks each
 * cell, writes its PLAIN value and keeps min/max; one Snappy DATA_PAGE per column chunk; the Thrift footer
 * written field by field. Same schema, types and statistics as the hyparquet encoder (docs/parquet-encoders.md).
 */
export function createFlatEncoder(options: FlatEncoderOptions = {}): ParquetEncoder {
  const rowGroupRows = checkRowGroupRows(options.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS);
  return {
    name: FLAT_ENCODER_NAME,
    encode: async (records, columns) => writeFlatParquet(records, columns, rowGroupRows),
  };
}

/** The bytes of one Parquet file holding `records`, `rowGroupRows` rows per row group. */
export function writeFlatParquet<Row extends ListingRecord>(
  records: readonly Row[],
  columns: readonly ColumnSpec<keyof Row & string>[],
  rowGroupRows: number,
): Uint8Array {
  const sink = new ByteSink(16_384 + records.length * 256);
  const out = new ThriftWriter(sink);
  const scratch = chunkScratch();
  sink.append(MAGIC);
  const rowGroups: RowGroupMeta[] = [];
  try {
    for (let from = 0; from < records.length; from += rowGroupRows) {
      const to = Math.min(from + rowGroupRows, records.length);
      const chunks = columns.map((spec) => writeColumnChunk(out, { records, from, to, spec }, scratch));
      rowGroups.push({ chunks, rows: to - from });
    }
    const footerStart = sink.length;
    writeFileMetaData(out, {
      columns,
      rowGroups,
      rows: records.length,
      keyValues: writerMetadata(FLAT_ENCODER_NAME).map(({ key, value }) => ({ key, value: value ?? '' })),
      createdBy: 'realty-pipeline (flat)',
    });
    sink.int32(sink.length - footerStart);
    sink.append(MAGIC);
  } catch (error) {
    if (error instanceof RealtyError) throw error;
    throw new ParquetError(`the flat writer could not write the file: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return sink.copy();
}
