// The report's SQL, over the investor views only, in the subset Athena/Trino and DuckDB both run
// (jobs/views/README.md): doubles for divisions, CAST for types, no median().

/** market_summary per state and week: counts summed, zip medians weighted by active listings. */
export const WEEKLY_STATE_SQL = `
SELECT
  CAST(week_start AS VARCHAR) AS week, state,
  sum(active_listings) AS active_listings, sum(new_listings) AS new_listings,
  sum(pending_listings) AS pending_listings, sum(sold_listings) AS sold_listings,
  sum(median_list_price * active_listings)
    / CAST(NULLIF(sum(CASE WHEN median_list_price IS NOT NULL THEN active_listings END), 0) AS DOUBLE) AS median_list_price,
  sum(median_price_per_sqft * active_listings)
    / CAST(NULLIF(sum(CASE WHEN median_price_per_sqft IS NOT NULL THEN active_listings END), 0) AS DOUBLE) AS median_price_per_sqft,
  sum(median_days_on_market * active_listings)
    / CAST(NULLIF(sum(CASE WHEN median_days_on_market IS NOT NULL THEN active_listings END), 0) AS DOUBLE) AS median_days_on_market,
  sum(price_cut_share * active_listings) / CAST(NULLIF(sum(active_listings), 0) AS DOUBLE) AS price_cut_share
FROM market_summary
GROUP BY week_start, state
ORDER BY week_start, state`;

/** price_history per week: cuts, raises, and the exact median size of a cut in percent. */
export const WEEKLY_CUTS_SQL = `
WITH changes AS (
  SELECT CAST(date_trunc('week', change_date) AS DATE) AS week_start, is_cut, change_pct FROM price_history
),
ranked AS (
  SELECT week_start, change_pct,
    row_number() OVER (PARTITION BY week_start ORDER BY change_pct) AS rn,
    count(*) OVER (PARTITION BY week_start) AS cnt
  FROM changes WHERE is_cut AND change_pct IS NOT NULL
),
medians AS (
  SELECT week_start, avg(change_pct) AS median_cut_pct FROM ranked
  WHERE 2 * rn IN (cnt, cnt + 1, cnt + 2) GROUP BY week_start
)
SELECT CAST(c.week_start AS VARCHAR) AS week,
  count(*) FILTER (WHERE c.is_cut) AS cuts, count(*) FILTER (WHERE NOT c.is_cut) AS raises,
  max(m.median_cut_pct) AS median_cut_pct
FROM changes c LEFT JOIN medians m ON m.week_start = c.week_start
GROUP BY c.week_start
ORDER BY c.week_start`;

/** The days observed (raw partitions): which weeks are whole (src/report/week-coverage.ts). */
export const OBSERVED_DAYS_SQL = `SELECT DISTINCT dt FROM listings_raw ORDER BY dt`;

/** rental_yield, best first. */
export const YIELDS_SQL = `
SELECT state, city, postal_code, beds, rentals, median_monthly_rent, comparable_sales, median_sale_price,
  gross_yield_pct, price_to_rent_ratio
FROM rental_yield
ORDER BY gross_yield_pct DESC, state, postal_code, beds
LIMIT 400`;

/** deal_screen, deepest discounts first. */
export const DEALS_SQL = `
SELECT property_id, state, city, postal_code, address_line, property_type, size_band, beds, sqft,
  list_price, price_per_sqft, median_price_per_sqft, discount_pct, days_on_market, price_cuts, href
FROM deal_screen
ORDER BY discount_pct DESC, property_id
LIMIT 400`;
