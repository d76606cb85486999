import { LISTING_COLUMNS } from '../domain/listing-record.js';
import type { Catalog, CatalogColumn, TableDefinition } from '../ports/catalog.js';

export const HISTORY_TABLE = 'listings_history';
export const CURRENT_TABLE = 'listings_current';
export const HISTORY_TABLE_PREFIX = 'curated/listings_history/';
export const CURRENT_TABLE_PREFIX = 'curated/listings_current/';

/** What listings_history adds to each day's observation (jobs/compaction/listings_history.sql computes them). */
export const CHANGE_COLUMNS: readonly CatalogColumn[] = [
  {
    name: 'previous_dt',
    type: 'string',
    comment: "The listing's previous observation day; null on its first",
  },
  { name: 'previous_list_price', type: 'int64', comment: 'List price on the previous observation day' },
  { name: 'list_price_change', type: 'int64', comment: 'list_price - previous_list_price' },
  { name: 'list_price_change_pct', type: 'double', comment: 'Change in percent of previous_list_price' },
  { name: 'previous_status', type: 'string', comment: 'Status on the previous observation day' },
  {
    name: 'status_changed',
    type: 'boolean',
    comment: 'Status differs from previous_status; null on the first day',
  },
  { name: 'days_since_listed', type: 'int32', comment: 'Whole days from list_date (UTC) to dt, at least 0' },
];

const LISTING: readonly CatalogColumn[] = LISTING_COLUMNS.map(({ name, type }) => ({ name, type }));
const DT: CatalogColumn = { name: 'dt', type: 'string' };
const STATE: CatalogColumn = { name: 'state', type: 'string' };

/** listings_history: one row per listing per observation day (its last observation that day) with changes. */
export function historyTableDefinition(database: string): TableDefinition {
  return {
    database,
    name: HISTORY_TABLE,
    columns: [...LISTING, ...CHANGE_COLUMNS],
    partitionKeys: [DT, STATE],
    location: HISTORY_TABLE_PREFIX,
    format: 'parquet',
    description: 'One row per listing per observation day, deduplicated, with price and status changes',
  };
}

/**
 * listings_current: the latest observation day of every listing, sold and off-market ones included.
 * Partitioned by state only: `dt` (the latest day) is a column, as a listing's latest day keeps moving.
 */
export function currentTableDefinition(database: string): TableDefinition {
  return {
    database,
    name: CURRENT_TABLE,
    columns: [...LISTING, ...CHANGE_COLUMNS, { ...DT, comment: 'Day of the latest observation' }],
    partitionKeys: [STATE],
    location: CURRENT_TABLE_PREFIX,
    format: 'parquet',
    description: 'The latest observation of every listing, whatever its status',
  };
}

/** Both curated tables, in the order compaction writes them. */
export function curatedTableDefinitions(database: string): TableDefinition[] {
  return [historyTableDefinition(database), currentTableDefinition(database)];
}

/** Creates the database and both curated tables when missing, or updates their columns (idempotent). */
export async function ensureCuratedTables(catalog: Catalog, database: string): Promise<void> {
  await catalog.ensureDatabase(
    database,
    'Real-estate listings: raw observations, curated history and current state',
  );
  for (const table of curatedTableDefinitions(database)) await catalog.ensureTable(table);
}
