/**
 * The canonical listing record v1: one observation of one listing, flat and Parquet-friendly.
 * Missing values are null, never 0 or ''. Instants are epoch milliseconds (UTC); calendar
 * dates are 'YYYY-MM-DD' strings. `dt` and `state` are Hive partition columns: they live in
 * the object path, not inside the Parquet file.
 */
export interface ListingRecord {
  event_id: string;
  observed_at: number;
  source: string;
  search_area: string;
  property_id: string;
  listing_id: string | null;
  status: ListingStatus;
  list_price: number | null;
  list_price_min: number | null;
  list_price_max: number | null;
  sold_price: number | null;
  price_reduced_amount: number | null;
  estimate: number | null;
  list_date: number | null;
  last_sold_date: string | null;
  last_update_date: number | null;
  beds: number | null;
  baths: number | null;
  sqft: number | null;
  lot_sqft: number | null;
  year_built: number | null;
  property_type: string | null;
  sub_type: string | null;
  stories: number | null;
  garage: number | null;
  address_line: string | null;
  city: string | null;
  state_code: string;
  postal_code: string | null;
  county: string | null;
  county_fips: string | null;
  lat: number | null;
  lon: number | null;
  is_price_reduced: boolean | null;
  is_new_listing: boolean | null;
  is_pending: boolean | null;
  is_contingent: boolean | null;
  is_foreclosure: boolean | null;
  is_new_construction: boolean | null;
  is_coming_soon: boolean | null;
  photo_count: number | null;
  href: string | null;
  price_per_sqft: number | null;
  days_on_market: number | null;
  lot_acres: number | null;
  property_age_years: number | null;
  dt: string;
  state: string;
}

/** Listing statuses the Realtor API reports (v3 `status`, v2 `prop_status` mapped onto these). */
export const LISTING_STATUSES = [
  'for_sale',
  'ready_to_build',
  'for_rent',
  'sold',
  'off_market',
  'other',
  'new_community',
  'pending',
  'contingent',
] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** Logical column types, mapped to Parquet, Glue/Hive, DuckDB and Spark by each engine's adapter. */
export type ColumnType = 'string' | 'int32' | 'int64' | 'double' | 'boolean' | 'timestamp' | 'date';

export interface ColumnSpec<Name extends string = keyof ListingRecord> {
  name: Name;
  type: ColumnType;
}

/** The data columns of listings_raw, in file order (partition columns excluded). */
export const LISTING_COLUMNS: readonly ColumnSpec[] = [
  { name: 'event_id', type: 'string' },
  { name: 'observed_at', type: 'timestamp' },
  { name: 'source', type: 'string' },
  { name: 'search_area', type: 'string' },
  { name: 'property_id', type: 'string' },
  { name: 'listing_id', type: 'string' },
  { name: 'status', type: 'string' },
  { name: 'list_price', type: 'int64' },
  { name: 'list_price_min', type: 'int64' },
  { name: 'list_price_max', type: 'int64' },
  { name: 'sold_price', type: 'int64' },
  { name: 'price_reduced_amount', type: 'int64' },
  { name: 'estimate', type: 'int64' },
  { name: 'list_date', type: 'timestamp' },
  { name: 'last_sold_date', type: 'date' },
  { name: 'last_update_date', type: 'timestamp' },
  { name: 'beds', type: 'int32' },
  { name: 'baths', type: 'double' },
  { name: 'sqft', type: 'int64' },
  { name: 'lot_sqft', type: 'int64' },
  { name: 'year_built', type: 'int32' },
  { name: 'property_type', type: 'string' },
  { name: 'sub_type', type: 'string' },
  { name: 'stories', type: 'int32' },
  { name: 'garage', type: 'int32' },
  { name: 'address_line', type: 'string' },
  { name: 'city', type: 'string' },
  { name: 'state_code', type: 'string' },
  { name: 'postal_code', type: 'string' },
  { name: 'county', type: 'string' },
  { name: 'county_fips', type: 'string' },
  { name: 'lat', type: 'double' },
  { name: 'lon', type: 'double' },
  { name: 'is_price_reduced', type: 'boolean' },
  { name: 'is_new_listing', type: 'boolean' },
  { name: 'is_pending', type: 'boolean' },
  { name: 'is_contingent', type: 'boolean' },
  { name: 'is_foreclosure', type: 'boolean' },
  { name: 'is_new_construction', type: 'boolean' },
  { name: 'is_coming_soon', type: 'boolean' },
  { name: 'photo_count', type: 'int32' },
  { name: 'href', type: 'string' },
  { name: 'price_per_sqft', type: 'double' },
  { name: 'days_on_market', type: 'int32' },
  { name: 'lot_acres', type: 'double' },
  { name: 'property_age_years', type: 'int32' },
];

/** Hive partition columns of a listings table partitioned by day and state (listings_history), in path order. Both are strings (see SQL-DIALECTS.md). */
export const LISTING_PARTITION_KEYS: readonly { name: 'dt' | 'state'; type: 'string' }[] = [
  { name: 'dt', type: 'string' },
  { name: 'state', type: 'string' },
];

/** Columns that may never be null in a valid record. */
export const REQUIRED_COLUMNS: ReadonlySet<keyof ListingRecord> = new Set([
  'event_id',
  'observed_at',
  'source',
  'search_area',
  'property_id',
  'status',
  'state_code',
]);

/**
 * Where a raw row came from: the ingest run that fetched it and the Kafka record that carried it. Stored in
 * listings_raw only (curated tables dedupe it away), so reconciliation can count every record by its offset.
 */
export interface RawLineage {
  run_id: string | null;
  kafka_topic: string;
  kafka_partition: number;
  kafka_offset: number;
}

/** A row of listings_raw: the canonical record plus its lineage. */
export type RawListingRow = ListingRecord & RawLineage;

/**
 * The lineage columns of a record before the transform sets them. Every record is built with them (undefined,
 * which JSON and toEqual leave out): a row that gains four properties after its literal gets a second object to
 * hold them, and the transform keeps every row of a batch until its object is written (docs/raw-layout.md).
 */
export type UnsetLineage = { [K in keyof RawLineage]: undefined };

/** The lineage columns listings_raw adds after LISTING_COLUMNS. */
export const RAW_LINEAGE_COLUMNS: readonly ColumnSpec<keyof RawLineage>[] = [
  { name: 'run_id', type: 'string' },
  { name: 'kafka_topic', type: 'string' },
  { name: 'kafka_partition', type: 'int32' },
  { name: 'kafka_offset', type: 'int64' },
];

/**
 * The data columns of listings_raw files, in file order: the canonical record, its state, then its lineage.
 * listings_raw is partitioned by dt only, so one object per invocation and day holds every state: `state`
 * is a column of the file (the curated tables keep state as a partition).
 */
export const RAW_COLUMNS: readonly ColumnSpec<keyof RawListingRow>[] = [
  ...LISTING_COLUMNS,
  { name: 'state', type: 'string' },
  ...RAW_LINEAGE_COLUMNS,
];

/** Hive partition columns of listings_raw: the observation day only. */
export const RAW_PARTITION_KEYS: readonly { name: 'dt'; type: 'string' }[] = [{ name: 'dt', type: 'string' }];
