-- Compaction spec, step 5: price_changes, the gold table behind the price_history view: only the days whose
-- list price differs from the listing's previous observation day (a few in a hundred history rows), so the
-- view never reads listings_history. Same text on Spark SQL 3.5 and DuckDB; jobs/views/price_history.sql
-- documents the columns.
--
-- Incremental like market_weekly: partitioned by the change day's week (its Monday as dt) and state, so a
-- run rebuilds whole weeks from the new history rows (every day from from_dt on) and the days of from_dt's
-- week before it (history_week_before), and replaces exactly the weeks it built.
--
-- Inputs
--   listings_history_new  step 2's rows (every day in scope)
--   history_week_before   rows already in listings_history of a scope state from the Monday of its from_dt's
--                         week up to the day before from_dt
--   compaction_scope      (state, from_dt)
WITH week_rows AS (
  SELECT
    property_id, city, postal_code, address_line, property_type, status, dt, previous_dt,
    previous_list_price, list_price, list_price_change, list_price_change_pct, days_since_listed, state
  FROM listings_history_new
  UNION ALL
  SELECT
    h.property_id, h.city, h.postal_code, h.address_line, h.property_type, h.status, h.dt, h.previous_dt,
    h.previous_list_price, h.list_price, h.list_price_change, h.list_price_change_pct, h.days_since_listed,
    h.state
  FROM history_week_before h
  JOIN compaction_scope s ON h.state = s.state AND h.dt < s.from_dt
    AND CAST(h.dt AS DATE) >= CAST(date_trunc('week', CAST(s.from_dt AS DATE)) AS DATE)
)
-- The partition columns last (Spark's insertInto is positional): the week's Monday as dt, then state.
SELECT
  property_id, city, postal_code, address_line, property_type, status,
  dt AS change_dt, previous_dt, previous_list_price, list_price, list_price_change, list_price_change_pct,
  days_since_listed,
  CAST(CAST(date_trunc('week', CAST(dt AS DATE)) AS DATE) AS STRING) AS dt,
  state
FROM week_rows
WHERE previous_list_price IS NOT NULL
  AND list_price IS NOT NULL
  AND list_price <> previous_list_price
