-- market_momentum: week-over-week change of each zip code's median list price, price per sqft, active
-- inventory and days on market.
-- One text for Athena/Trino and DuckDB (jobs/views/README.md lists the dialect rules it keeps).
--
-- One row per row of market_summary (zip code and week), paired with the week just before it (7 days
-- earlier) in the same zip code. A zip's first week, or a week after a week without observations, keeps
-- its row with its own values and NULL previous values and changes: a one-week history still shows every
-- zip, and nothing is dropped silently. Percentages are of the previous week's value (doubles; NULL when
-- that was 0 or unknown).
--
-- A thin view over the gold table market_weekly: compaction pairs each week it builds with the week before
-- (jobs/compaction/market_weekly.sql, its previous_* columns), so the view neither sorts nor joins.
SELECT
  state, city, postal_code, week_start, previous_week_start,
  median_list_price, previous_median_list_price,
  (median_list_price - previous_median_list_price) * 100
    / NULLIF(previous_median_list_price, 0) AS median_list_price_change_pct,
  median_price_per_sqft, previous_median_price_per_sqft,
  (median_price_per_sqft - previous_median_price_per_sqft) * 100
    / NULLIF(previous_median_price_per_sqft, 0) AS median_price_per_sqft_change_pct,
  active_listings, previous_active_listings,
  active_listings - previous_active_listings AS active_listings_change,
  CAST(active_listings - previous_active_listings AS DOUBLE) * 100
    / CAST(NULLIF(previous_active_listings, 0) AS DOUBLE) AS active_listings_change_pct,
  median_days_on_market, previous_median_days_on_market,
  median_days_on_market - previous_median_days_on_market AS median_days_on_market_change
FROM market_weekly
