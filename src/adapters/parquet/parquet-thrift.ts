import type { ColumnSpec, ColumnType } from '../../domain/listing-record.js';
import { LIST_OF, type ThriftWriter } from './thrift-compact.js';

// Field ids and enum values of apache/parquet-format's parquet.thrift, for the structs a flat file needs.
const PHYSICAL = { BOOLEAN: 0, INT32: 1, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
const CONVERTED = { UTF8: 0, DATE: 6, TIMESTAMP_MILLIS: 9 } as const;
const OPTIONAL = 1;
const DATA_PAGE = 0;
const ENCODING_PLAIN = 0;
const ENCODING_RLE = 3;
const CODEC_SNAPPY = 1;
const LOGICAL_STRING = 1;
const LOGICAL_DATE = 6;
const LOGICAL_TIMESTAMP = 8;
const TIME_UNIT_MILLIS = 1;

/** Physical type of each column type; the logical and converted types are in writeSchemaElement. */
export const PHYSICAL_TYPE: Record<ColumnType, number> = {
  string: PHYSICAL.BYTE_ARRAY,
  int32: PHYSICAL.INT32,
  int64: PHYSICAL.INT64,
  double: PHYSICAL.DOUBLE,
  boolean: PHYSICAL.BOOLEAN,
  timestamp: PHYSICAL.INT64,
  date: PHYSICAL.INT32,
};

/** One column chunk as the footer describes it (one data page per chunk, PLAIN values, RLE levels). */
export interface ChunkMeta {
  spec: ColumnSpec<string>;
  fileOffset: number;
  rows: number;
  uncompressedBytes: number;
  compressedBytes: number;
  nullCount: number;
  /** PLAIN-encoded bounds in the column's sort order; null when there are none to give. */
  min: Uint8Array | null;
  max: Uint8Array | null;
}

export interface RowGroupMeta {
  chunks: ChunkMeta[];
  rows: number;
}

export interface FileMeta {
  columns: readonly ColumnSpec<string>[];
  rowGroups: readonly RowGroupMeta[];
  rows: number;
  keyValues: readonly { key: string; value: string }[];
  createdBy: string;
}

/** PageHeader of a DATA_PAGE (v1) holding `values` values, nulls included. */
export function writeDataPageHeader(
  w: ThriftWriter,
  page: { values: number; uncompressedBytes: number; compressedBytes: number },
): void {
  w.element();
  w.i32(1, DATA_PAGE);
  w.i32(2, page.uncompressedBytes);
  w.i32(3, page.compressedBytes);
  w.struct(5);
  w.i32(1, page.values);
  w.i32(2, ENCODING_PLAIN);
  w.i32(3, ENCODING_RLE);
  w.i32(4, ENCODING_RLE);
  w.end();
  w.end();
}

/** FileMetaData: the schema (root plus one OPTIONAL leaf per column), the row groups and key-value pairs. */
export function writeFileMetaData(w: ThriftWriter, file: FileMeta): void {
  w.element();
  w.i32(1, 1);
  w.list(2, LIST_OF.struct, file.columns.length + 1);
  w.element();
  w.string(4, 'root');
  w.i32(5, file.columns.length);
  w.end();
  for (const spec of file.columns) writeSchemaElement(w, spec);
  w.i64(3, file.rows);
  w.list(4, LIST_OF.struct, file.rowGroups.length);
  for (const group of file.rowGroups) writeRowGroup(w, group);
  w.list(5, LIST_OF.struct, file.keyValues.length);
  for (const { key, value } of file.keyValues) {
    w.element();
    w.string(1, key);
    w.string(2, value);
    w.end();
  }
  w.string(6, file.createdBy);
  w.end();
}

// The Parquet spec pairs each logical type with its legacy converted type; writing both lets old readers
// (converted type) and new ones (logical type) agree. TIMESTAMP_MILLIS is, by the spec's compatibility rules,
// TIMESTAMP(isAdjustedToUTC=true, MILLIS): DuckDB TIMESTAMPTZ, Spark `timestamp`, Athena/Trino `timestamp(3)`.
function writeSchemaElement(w: ThriftWriter, spec: ColumnSpec<string>): void {
  w.element();
  w.i32(1, PHYSICAL_TYPE[spec.type]);
  w.i32(3, OPTIONAL);
  w.string(4, spec.name);
  if (spec.type === 'string') w.i32(6, CONVERTED.UTF8);
  if (spec.type === 'date') w.i32(6, CONVERTED.DATE);
  if (spec.type === 'timestamp') w.i32(6, CONVERTED.TIMESTAMP_MILLIS);
  if (spec.type === 'string' || spec.type === 'date' || spec.type === 'timestamp') {
    w.struct(10);
    w.struct(
      spec.type === 'string' ? LOGICAL_STRING : spec.type === 'date' ? LOGICAL_DATE : LOGICAL_TIMESTAMP,
    );
    if (spec.type === 'timestamp') {
      w.bool(1, true);
      w.struct(2);
      w.struct(TIME_UNIT_MILLIS);
      w.end();
      w.end();
    }
    w.end();
    w.end();
  }
  w.end();
}

function writeRowGroup(w: ThriftWriter, group: RowGroupMeta): void {
  let uncompressed = 0;
  let compressed = 0;
  for (const chunk of group.chunks) {
    uncompressed += chunk.uncompressedBytes;
    compressed += chunk.compressedBytes;
  }
  w.element();
  w.list(1, LIST_OF.struct, group.chunks.length);
  for (const chunk of group.chunks) writeColumnChunk(w, chunk);
  w.i64(2, uncompressed);
  w.i64(3, group.rows);
  w.i64(5, group.chunks[0]?.fileOffset ?? 0);
  w.i64(6, compressed);
  w.end();
}

function writeColumnChunk(w: ThriftWriter, chunk: ChunkMeta): void {
  w.element();
  w.i64(2, chunk.fileOffset);
  w.struct(3);
  w.i32(1, PHYSICAL_TYPE[chunk.spec.type]);
  w.list(2, LIST_OF.i32, 2);
  w.i32Element(ENCODING_PLAIN);
  w.i32Element(ENCODING_RLE);
  w.list(3, LIST_OF.binary, 1);
  w.stringElement(chunk.spec.name);
  w.i32(4, CODEC_SNAPPY);
  w.i64(5, chunk.rows);
  w.i64(6, chunk.uncompressedBytes);
  w.i64(7, chunk.compressedBytes);
  w.i64(9, chunk.fileOffset);
  w.struct(12);
  w.i64(3, chunk.nullCount);
  if (chunk.min !== null && chunk.max !== null) {
    w.binary(5, chunk.max);
    w.binary(6, chunk.min);
  }
  w.end();
  w.end();
  w.end();
}
