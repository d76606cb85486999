import type { KeyValue } from 'hyparquet';
import { ConfigError } from '../../errors.js';

/** Version of the canonical ListingRecord (src/domain/listing-record.ts) that our files hold. */
export const LISTING_SCHEMA_VERSION = 1;

/** Key-value metadata keys every file carries, so a reader can tell who wrote it and which schema. */
export const WRITER_KEY = 'realty.writer';
export const SCHEMA_VERSION_KEY = 'realty.schema_version';

/** Rows per row group unless configured: one row group for any batch a Lambda sees. */
export const DEFAULT_ROW_GROUP_ROWS = 100_000;

/** The file's key-value metadata entries for the encoder named `writer`. */
export function writerMetadata(writer: string): KeyValue[] {
  return [
    { key: WRITER_KEY, value: writer },
    { key: SCHEMA_VERSION_KEY, value: String(LISTING_SCHEMA_VERSION) },
  ];
}

/** Checks the row group size an encoder was configured with. */
export function checkRowGroupRows(rowGroupRows: number): number {
  if (Number.isSafeInteger(rowGroupRows) && rowGroupRows > 0) return rowGroupRows;
  throw new ConfigError(
    `rowGroupRows must be a whole number above 0, got ${rowGroupRows}; leave it unset for ${DEFAULT_ROW_GROUP_ROWS}`,
  );
}
