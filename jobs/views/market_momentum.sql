-- market_momentum: week-over-week change of each zip code's median list price, price per sqft, active
-- inventory and days on market. Reads the market_summary view: create that one first.
-- One text for Athena/Trino and DuckDB (jobs/views/README.md lists the dialect rules it keeps).
--
-- One row per row of market_summary (zip code and week), paired with the week just before it (7 days
-- earlier) in the same zip code. A zip's first week, or a week after a week without observations, keeps
-- its row with its own values and NULL previous values and changes: a one-week history still shows every
-- zip, and nothing is dropped silently. Percentages are of the previous week's value (doubles; NULL when
-- that was 0 or unknown).
SELECT
  cur.state, cur.city, cur.postal_code, cur.week_start, prev.week_start AS previous_week_start,
  cur.median_list_price, prev.median_list_price AS previous_median_list_price,
  (cur.median_list_price - prev.median_list_price) * 100
    / NULLIF(prev.median_list_price, 0) AS median_list_price_change_pct,
  cur.median_price_per_sqft, prev.median_price_per_sqft AS previous_median_price_per_sqft,
  (cur.median_price_per_sqft - prev.median_price_per_sqft) * 100
    / NULLIF(prev.median_price_per_sqft, 0) AS median_price_per_sqft_change_pct,
  cur.active_listings, prev.active_listings AS previous_active_listings,
  cur.active_listings - prev.active_listings AS active_listings_change,
  CAST(cur.active_listings - prev.active_listings AS DOUBLE) * 100
    / CAST(NULLIF(prev.active_listings, 0) AS DOUBLE) AS active_listings_change_pct,
  cur.median_days_on_market, prev.median_days_on_market AS previous_median_days_on_market,
  cur.median_days_on_market - prev.median_days_on_market AS median_days_on_market_change
FROM market_summary cur
LEFT JOIN market_summary prev
  ON prev.state = cur.state
  AND prev.city IS NOT DISTINCT FROM cur.city
  AND prev.postal_code IS NOT DISTINCT FROM cur.postal_code
  AND date_diff('day', prev.week_start, cur.week_start) = 7
