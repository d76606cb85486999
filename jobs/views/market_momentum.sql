-- market_momentum: week-over-week change of each zip code's median list price, price per sqft, active
-- inventory and days on market. Reads the market_summary view: create that one first.
-- One text for Athena/Trino and DuckDB (jobs/views/README.md lists the dialect rules it keeps).
--
-- One row per row of market_summary (zip code and week), paired with the week just before it (7 days
-- earlier) in the same zip code. A zip's first week, or a week after a week without observations, keeps
-- its row with its own values and NULL previous values and changes: a one-week history still shows every
-- zip, and nothing is dropped silently. Percentages are of the previous week's value (doubles; NULL when
-- that was 0 or unknown). market_summary is read once: the week before comes from lag() over the zip's
-- weeks, kept only when it is exactly 7 days earlier (a self-join would compute market_summary twice).
WITH weeks AS (
  SELECT
    state, city, postal_code, week_start,
    median_list_price, median_price_per_sqft, active_listings, median_days_on_market,
    lag(week_start) OVER (PARTITION BY state, city, postal_code ORDER BY week_start) AS lag_week_start,
    lag(median_list_price) OVER (PARTITION BY state, city, postal_code ORDER BY week_start) AS lag_median_list_price,
    lag(median_price_per_sqft) OVER (PARTITION BY state, city, postal_code ORDER BY week_start) AS lag_median_price_per_sqft,
    lag(active_listings) OVER (PARTITION BY state, city, postal_code ORDER BY week_start) AS lag_active_listings,
    lag(median_days_on_market) OVER (PARTITION BY state, city, postal_code ORDER BY week_start) AS lag_median_days_on_market
  FROM market_summary
),
paired AS (
  SELECT
    state, city, postal_code, week_start,
    median_list_price, median_price_per_sqft, active_listings, median_days_on_market,
    CASE WHEN date_diff('day', lag_week_start, week_start) = 7 THEN lag_week_start END AS previous_week_start,
    CASE WHEN date_diff('day', lag_week_start, week_start) = 7 THEN lag_median_list_price END
      AS previous_median_list_price,
    CASE WHEN date_diff('day', lag_week_start, week_start) = 7 THEN lag_median_price_per_sqft END
      AS previous_median_price_per_sqft,
    CASE WHEN date_diff('day', lag_week_start, week_start) = 7 THEN lag_active_listings END
      AS previous_active_listings,
    CASE WHEN date_diff('day', lag_week_start, week_start) = 7 THEN lag_median_days_on_market END
      AS previous_median_days_on_market
  FROM weeks
)
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
FROM paired
