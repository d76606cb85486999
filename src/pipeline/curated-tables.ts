import { LISTING_COLUMNS } from '../domain/listing-record.js';
import { SALE_COLUMNS } from '../domain/sale-columns.js';
import type { Catalog, CatalogColumn, TableDefinition } from '../ports/catalog.js';
import { listingOutcomesTableDefinition } from './listing-outcomes-table.js';

export const HISTORY_TABLE = 'listings_history';
export const CURRENT_TABLE = 'listings_current';
export const HISTORY_TABLE_PREFIX = 'curated/listings_history/';
export const CURRENT_TABLE_PREFIX = 'curated/listings_current/';
export const MARKET_WEEKLY_TABLE = 'market_weekly';
export const MARKET_WEEKLY_TABLE_PREFIX = 'curated/market_weekly/';
export const PRICE_CHANGES_TABLE = 'price_changes';
export const PRICE_CHANGES_TABLE_PREFIX = 'curated/price_changes/';

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
  {
    name: 'price_cuts',
    type: 'int64',
    comment: 'List price cuts of the listing up to this day (a day priced under its previous day)',
  },
  { name: 'price_cut_total', type: 'int64', comment: 'Sum of those cuts, in dollars (0 when none)' },
  { name: 'first_cut_dt', type: 'string', comment: 'Day of the first of those cuts; null when none' },
  ...SALE_COLUMNS,
  {
    name: 'first_contract_dt',
    type: 'string',
    comment: 'First day the listing was seen under contract (pending/contingent); days_on_market stops there',
  },
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

const count = (name: string, comment: string): CatalogColumn => ({ name, type: 'int64', comment });
const measure = (name: string, comment: string): CatalogColumn => ({ name, type: 'double', comment });

/**
 * market_weekly: the gold table of the market_summary view (jobs/compaction/market_weekly.sql), one row per
 * zip code and week. Partitioned by the week's Monday (`dt`) and state: a run rewrites the weeks it touches.
 */
export function marketWeeklyTableDefinition(database: string): TableDefinition {
  return {
    database,
    name: MARKET_WEEKLY_TABLE,
    columns: [
      { name: 'city', type: 'string' },
      { name: 'postal_code', type: 'string' },
      { name: 'week_start', type: 'date', comment: 'Monday of the week (UTC)' },
      count('observed_days', 'Days of the week with observations in the state'),
      count('active_listings', "For sale and not under contract on the week's last observed day"),
      count('new_listings', 'Sale listings seen this week whose list date falls in it'),
      count('pending_listings', "Under contract on the week's last observed day"),
      count('sold_listings', 'Seen sold this week with a sold date in it'),
      measure('median_list_price', 'Exact median list price of the active listings'),
      measure('median_price_per_sqft', 'Exact median price per sqft of the active listings'),
      measure('median_days_on_market', 'Exact median days on market of the active listings'),
      measure('price_cut_share', 'Share of the active listings cut at least once'),
      measure('months_of_supply', 'Active listings / monthly sales pace; null without sales'),
      { name: 'previous_week_start', type: 'date', comment: 'The week 7 days earlier; null without one' },
      measure('previous_median_list_price', "That week's median_list_price"),
      measure('previous_median_price_per_sqft', "That week's median_price_per_sqft"),
      count('previous_active_listings', "That week's active_listings"),
      measure('previous_median_days_on_market', "That week's median_days_on_market"),
    ],
    partitionKeys: [{ ...DT, comment: 'Monday of the week' }, STATE],
    location: MARKET_WEEKLY_TABLE_PREFIX,
    format: 'parquet',
    description: 'The for-sale market of every zip code, week by week (gold table of market_summary)',
  };
}

/**
 * price_changes: the gold table of the price_history view (jobs/compaction/price_changes.sql), one row per
 * day a listing's list price changed. Partitioned like market_weekly, by the change's week (`dt`, its Monday)
 * and state: a run rewrites the weeks it touches, and the view reads some 15 files a quarter per state.
 */
export function priceChangesTableDefinition(database: string): TableDefinition {
  const history = new Map(historyTableDefinition(database).columns.map((column) => [column.name, column]));
  const from = (name: string): CatalogColumn => history.get(name) ?? { name, type: 'string' };
  return {
    database,
    name: PRICE_CHANGES_TABLE,
    columns: [
      ...['property_id', 'city', 'postal_code', 'address_line', 'property_type', 'status'].map(from),
      { name: 'change_dt', type: 'string', comment: 'Day of the change (YYYY-MM-DD)' },
      ...[
        'previous_dt',
        'previous_list_price',
        'list_price',
        'list_price_change',
        'list_price_change_pct',
      ].map(from),
      from('days_since_listed'),
    ],
    partitionKeys: [{ ...DT, comment: "Monday of the change's week" }, STATE],
    location: PRICE_CHANGES_TABLE_PREFIX,
    format: 'parquet',
    description: 'Every change of list price of every listing (gold table of price_history)',
  };
}

/** The gold tables: built from the weeks a run touches, partitioned by week (dt, its Monday) and state. */
export function weeklyGoldTableDefinitions(database: string): TableDefinition[] {
  return [marketWeeklyTableDefinition(database), priceChangesTableDefinition(database)];
}

/** The curated tables, in the order compaction writes them. */
export function curatedTableDefinitions(database: string): TableDefinition[] {
  return [
    historyTableDefinition(database),
    currentTableDefinition(database),
    ...weeklyGoldTableDefinitions(database),
    listingOutcomesTableDefinition(database),
  ];
}

/** Creates the database and the curated tables when missing, or updates their columns (idempotent). */
export async function ensureCuratedTables(catalog: Catalog, database: string): Promise<void> {
  await catalog.ensureDatabase(
    database,
    'Real-estate listings: raw observations, curated history and current state',
  );
  for (const table of curatedTableDefinitions(database)) await catalog.ensureTable(table);
}
