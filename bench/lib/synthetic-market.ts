/**
 * A national-scale market written by DuckDB itself (millions of rows in seconds, where the sandbox
 * generator of bench/lib/observations.ts makes thousands): `listings` listings observed day after day,
 * most of them every day, prices drifting down now and then, some going pending, sold or off the market,
 * a share of rentals. Deterministic (hash-based), so every run benchmarks the same market. Written the way
 * the transform writes raw (Hive dt partitions, state a column, LISTING_COLUMNS types), one file per day.
 */
import { DUCKDB_TYPE, stringLiteral } from '../../src/adapters/query/duckdb-views.js';
import { LISTING_COLUMNS } from '../../src/domain/listing-record.js';

export interface SyntheticMarket {
  listings: number;
  /** First day 'YYYY-MM-DD'; day n is this plus n days. */
  firstDay: string;
}

const STATES = ['CA', 'TX', 'FL', 'NY', 'PA', 'IL', 'OH', 'GA', 'NC', 'MI', 'WA', 'AZ'];

// h(k): a deterministic 0..9999 value of the listing (i), the day (d) and a salt k.
const h = (salt: number) => `CAST(hash(i, ${salt}) % 10000 AS BIGINT)`;
const hd = (salt: number) => `CAST(hash(i, d, ${salt}) % 10000 AS BIGINT)`;

// Price cuts so far: one every 5 to 24 days on the market, at most six.
const CUTS = 'least(age // (5 + i % 20), 6)';
// The asking price: each cut takes 2,500 × (i % 7) off.
const PRICE = `150000 + ${h(3)} * 60 - ${CUTS} * (i % 7) * 2500`;

/** Every LISTING_COLUMNS column as a generated expression (NULL for what the views never read). */
const EXPRESSIONS: Record<string, string> = {
  event_id: `md5(CAST(i AS VARCHAR) || '/' || CAST(d AS VARCHAR))`,
  observed_at: `day_ts + to_hours(CAST(6 + ${hd(1)} % 14 AS INTEGER))`,
  source: `'realtor-v3'`,
  search_area: `'area-' || CAST(i % 97 AS VARCHAR)`,
  property_id: `'S' || CAST(i AS VARCHAR)`,
  listing_id: `'L' || CAST(i AS VARCHAR) || '-' || CAST((d + start) // lifetime AS VARCHAR)`,
  status: `CASE WHEN rental THEN 'for_rent' WHEN age = lifetime - 1 AND ${h(2)} < 5000 THEN 'sold'
    WHEN age = lifetime - 1 THEN 'off_market' WHEN age >= lifetime * 3 // 4 THEN 'pending' ELSE 'for_sale' END`,
  list_price: `CASE WHEN rental THEN 1500 + ${h(3)} // 4 ELSE ${PRICE} END`,
  sold_price: `CASE WHEN NOT rental AND age = lifetime - 1 AND ${h(2)} < 5000 THEN ${PRICE} - 5000 END`,
  price_reduced_amount: `CASE WHEN NOT rental AND ${CUTS} > 0 AND i % 7 > 0 THEN 2500 * (i % 7) END`,
  list_date: `day_ts - to_days(CAST(age AS INTEGER))`,
  beds: `1 + ${h(5)} % 5`,
  baths: `1 + ${h(6)} % 4`,
  sqft: `600 + ${h(7)} % 3400`,
  property_type: `CASE ${h(8)} % 3 WHEN 0 THEN 'single_family' WHEN 1 THEN 'condos' ELSE 'townhomes' END`,
  city: `'City ' || CAST(i % 1999 AS VARCHAR)`,
  state_code: `state`,
  postal_code: `lpad(CAST(10000 + (i % 1999) * 37 % 89999 AS VARCHAR), 5, '0')`,
  is_price_reduced: `NOT rental AND ${CUTS} > 0 AND i % 7 > 0`,
  is_pending: `NOT rental AND age >= lifetime * 3 // 4 AND age < lifetime - 1`,
  price_per_sqft: `CASE WHEN NOT rental THEN CAST(${PRICE} AS DOUBLE) / (600 + ${h(7)} % 3400) END`,
  days_on_market: `age`,
};

function columnSql(): string {
  return LISTING_COLUMNS.map(({ name, type }) => {
    const expression = EXPRESSIONS[name] ?? 'NULL';
    return `CAST(${expression} AS ${DUCKDB_TYPE[type]}) AS ${name}`;
  }).join(',\n  ');
}

/**
 * COPY of the market's days [fromDay, toDay) into `rawDir` (Hive dt=/state= directories). Each listing
 * (a property) is on the market for 30 to 149 days, then sold or withdrawn and listed again the next day;
 * it is seen on nine days in ten. So listings_current holds `listings` rows however long the history.
 */
export function syntheticRawSql(
  market: SyntheticMarket,
  fromDay: number,
  toDay: number,
  rawDir: string,
): string {
  const states = `[${STATES.map(stringLiteral).join(', ')}]`;
  return `COPY (
WITH listing AS (
  SELECT i, ${states}[1 + i % ${STATES.length}] AS state, ${h(9)} < 1500 AS rental,
    30 + ${h(10)} % 120 AS lifetime, ${h(12)} AS start
  FROM range(${market.listings}) AS l(i)
),
seen AS (
  SELECT l.*, d, (d + start) % lifetime AS age,
    CAST(CAST(${stringLiteral(market.firstDay)} AS DATE) + to_days(CAST(d AS INTEGER)) AS TIMESTAMPTZ) AS day_ts
  FROM listing l, range(${fromDay}, ${toDay}) AS days(d)
  WHERE ${hd(11)} < 9000
)
SELECT
  ${columnSql()},
  strftime(day_ts, '%Y-%m-%d') AS dt, state
FROM seen
) TO ${stringLiteral(rawDir)} (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (dt), OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'realty.listings.v1-p0-o{i}')`;
}
