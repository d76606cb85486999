import type { ColumnSpec, ListingRecord } from '../domain/listing-record.js';

/** Turns records into the bytes of one Parquet file (timestamps INT64 millis, never INT96 or nanos). */
export interface ParquetEncoder {
  readonly name: string;
  /** Encodes `columns` of each record, in that order: listings (LISTING_COLUMNS) or raw rows (RAW_COLUMNS). */
  encode<Row extends ListingRecord>(
    records: readonly Row[],
    columns: readonly ColumnSpec<keyof Row & string>[],
  ): Promise<Uint8Array>;
}
