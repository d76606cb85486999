import { RAW_COLUMNS, RAW_PARTITION_KEYS } from '../domain/listing-record.js';
import type { Catalog, TableDefinition } from '../ports/catalog.js';

export const RAW_TABLE = 'listings_raw';
export const RAW_TABLE_PREFIX = 'raw/listings/';

/** The definition of listings_raw: the transform's output, partitioned by dt (state is a column). */
export function rawTableDefinition(database: string): TableDefinition {
  return {
    database,
    name: RAW_TABLE,
    columns: RAW_COLUMNS.map(({ name, type }) => ({ name, type })),
    partitionKeys: RAW_PARTITION_KEYS.map(({ name, type }) => ({ name, type })),
    location: RAW_TABLE_PREFIX,
    format: 'parquet',
    description:
      'Every observation of every listing, as the transform wrote it (at-least-once; dedupe on event_id)',
  };
}

/** Creates the database and listings_raw when missing; safe to call from every container start. */
export async function ensureRawTable(catalog: Catalog, database: string): Promise<void> {
  await catalog.ensureDatabase(
    database,
    'Real-estate listings: raw observations, curated history and current state',
  );
  await catalog.ensureTable(rawTableDefinition(database));
}
