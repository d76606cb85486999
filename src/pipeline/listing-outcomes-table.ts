import type { ColumnType } from '../domain/listing-record.js';
import type { CatalogColumn, TableDefinition } from '../ports/catalog.js';

export const OUTCOMES_TABLE = 'listing_outcomes';
export const OUTCOMES_TABLE_PREFIX = 'curated/listing_outcomes/';

const column = (name: string, type: ColumnType, comment: string): CatalogColumn => ({ name, type, comment });

/** Features: known on first_seen_dt (the episode's first listed row, the zip's week before it). */
const FEATURES: readonly CatalogColumn[] = [
  column('event_id', 'string', 'The observation the features come from (first listed day)'),
  column('property_id', 'string', "The home's id"),
  column('listing_id', 'string', "This listing's id: with state and property_id, the episode"),
  column('city', 'string', 'City'),
  column('postal_code', 'string', 'Zip code'),
  column('county', 'string', 'County'),
  column('property_type', 'string', 'single_family, condos, ...'),
  column('list_date', 'timestamp', 'When the listing was listed (API)'),
  column('first_seen_dt', 'string', 'First day the pipeline saw it listed: the as-of day of every feature'),
  column('days_listed_before_first_seen', 'int32', 'Days from list date to first_seen_dt'),
  column('list_month', 'int32', 'Month of the list date (1-12)'),
  column('season', 'string', 'winter, spring, summer or fall of the list date'),
  column('beds', 'int32', 'Bedrooms'),
  column('baths', 'double', 'Bathrooms'),
  column('sqft', 'int64', 'Living area'),
  column('lot_sqft', 'int64', 'Lot area'),
  column('year_built', 'int32', 'Year built'),
  column('property_age_years', 'int32', 'Age on first_seen_dt'),
  column('stories', 'int32', 'Stories'),
  column('garage', 'int32', 'Garage spaces'),
  column('lat', 'double', 'Latitude'),
  column('lon', 'double', 'Longitude'),
  column('is_new_construction', 'boolean', 'New construction'),
  column('is_foreclosure', 'boolean', 'Foreclosure'),
  column('previous_sold_price', 'int64', "The home's sale before this listing"),
  column('previous_sold_date', 'date', 'Date of that sale'),
  column('estimate', 'int64', "The API's value estimate on first_seen_dt"),
  column('list_price', 'int64', 'List price on first_seen_dt'),
  column('price_per_sqft', 'double', 'list_price / sqft'),
  column(
    'market_week_start',
    'date',
    "Monday of the zip's market week used: the week before first_seen_dt's",
  ),
  column('zip_median_price_per_sqft', 'double', "The zip's median $/sqft of that week"),
  column('price_per_sqft_vs_zip', 'double', 'price_per_sqft / zip_median_price_per_sqft'),
  column('zip_median_list_price', 'double', "The zip's median list price of that week"),
  column('zip_active_listings', 'int64', 'Active listings of the zip that week'),
  column('zip_new_listings', 'int64', 'New listings of the zip that week'),
  column('zip_sold_listings', 'int64', 'Sales of the zip that week'),
  column('zip_median_days_on_market', 'double', 'Median days on market of the zip that week'),
  column('zip_price_cut_share', 'double', 'Share of the zip active listings cut that week'),
  column('zip_months_of_supply', 'double', 'Months of supply of the zip that week'),
  column('prior_price_cuts', 'int64', 'Price cuts of the home seen up to first_seen_dt'),
  column('prior_price_cut_total', 'int64', 'Dollars of those cuts'),
];

/** Names of the feature columns: each known on first_seen_dt, before any label. */
export const OUTCOME_FEATURE_NAMES: readonly string[] = FEATURES.map((feature) => feature.name);

/** Labels: how the episode went after first_seen_dt (never features). */
const LABELS: readonly CatalogColumn[] = [
  column('last_seen_dt', 'string', 'Last day the episode was seen'),
  column('days_observed', 'int32', 'Days from list date to last_seen_dt'),
  column('outcome', 'string', 'On last_seen_dt: sold, withdrawn (off market), pending or active'),
  column('pending_dt', 'string', 'First day seen under contract'),
  column('days_to_pending', 'int32', 'Days from list date to pending_dt'),
  column('sale_date', 'date', "This listing's sale date"),
  column('sale_price', 'int64', "This listing's sale price"),
  column('days_to_sale', 'int32', 'Days from list date to sale_date'),
  column('sale_to_list_ratio', 'double', 'sale_price / list_price (the first-seen list price)'),
  column('sold_within_30_days', 'boolean', 'Sold within 30 days of listing; null while unknown'),
  column('sold_within_60_days', 'boolean', 'Sold within 60 days; null while unknown'),
  column('sold_within_90_days', 'boolean', 'Sold within 90 days; null while unknown'),
  column('price_cuts', 'int64', 'List price cuts after first_seen_dt'),
  column('price_cut_total', 'int64', 'Dollars of those cuts'),
  column('price_cut_pct', 'double', 'Those dollars in percent of list_price'),
];

/**
 * listing_outcomes (jobs/compaction/listing_outcomes.sql): one row per listing episode, point-in-time features
 * and outcome labels. Partitioned by state, as listings_current: a run rewrites the states it compacts.
 */
export function listingOutcomesTableDefinition(database: string): TableDefinition {
  return {
    database,
    name: OUTCOMES_TABLE,
    columns: [...FEATURES, ...LABELS],
    partitionKeys: [{ name: 'state', type: 'string' }],
    location: OUTCOMES_TABLE_PREFIX,
    format: 'parquet',
    description: 'One row per listing episode: features as of its first listed day, and how it ended',
  };
}
