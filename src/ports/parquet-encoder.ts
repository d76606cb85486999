import type { ColumnSpec, ListingRecord } from '../domain/listing-record.js';

/** Turns records into the bytes of one Parquet file (timestamps INT64 millis, never INT96 or nanos). */
export interface ParquetEncoder {
  readonly name: string;
  encode(records: readonly ListingRecord[], columns: readonly ColumnSpec[]): Promise<Uint8Array>;
}
