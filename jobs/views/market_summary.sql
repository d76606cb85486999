-- market_summary: the for-sale market of every zip code, week by week (weeks start on Monday, UTC).
-- One text for Athena/Trino and DuckDB (jobs/views/README.md lists the dialect rules it keeps).
--
-- Stock measures describe each listing as it stood on the week's last observed day in its state (a
-- listing not seen that day has left the market); flows count every observed day of the week.
--   observed_days           days of the week with observations in the state: a partial week's flows cover only these
--   active_listings         for sale (for_sale, ready_to_build, new_community) and not under contract
--   new_listings            sale listings seen this week whose list date (UTC) falls in this week
--   pending_listings        under contract: status pending/contingent, or the is_pending/is_contingent flag
--   sold_listings           seen sold this week with a sold date (last_sold_date, else the day seen) in this week
--   median_list_price, median_price_per_sqft, median_days_on_market: exact medians over the active listings
--   price_cut_share         share of the active listings cut at least once: the is_price_reduced flag, a
--                           price_reduced_amount, or a lower list price seen in the history so far
--   months_of_supply        active_listings / monthly sales pace, the pace being sold_listings per observed
--                           day times 30.4375 (365.25 / 12); null in a week without sales
WITH days AS (
  SELECT
    state, city, postal_code, property_id, dt, status, list_price, price_per_sqft, days_on_market,
    list_date, last_sold_date,
    CAST(date_trunc('week', CAST(dt AS DATE)) AS DATE) AS week_start,
    status IN ('for_sale', 'ready_to_build', 'new_community', 'pending', 'contingent') AS for_sale_side,
    (
      status IN ('pending', 'contingent')
      OR coalesce(is_pending, false)
      OR coalesce(is_contingent, false)
    ) AS under_contract,
    (
      coalesce(is_price_reduced, false)
      OR coalesce(price_reduced_amount, 0) > 0
      OR max(CASE WHEN list_price_change < 0 THEN 1 ELSE 0 END) OVER (
        PARTITION BY state, property_id ORDER BY dt ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) = 1
    ) AS cut_so_far
  FROM listings_history
),
state_weeks AS (
  SELECT state, week_start, max(dt) AS last_dt, count(DISTINCT dt) AS observed_days
  FROM days
  GROUP BY state, week_start
),
marked AS (
  SELECT
    d.state, d.city, d.postal_code, d.property_id, d.dt, d.status, d.list_price, d.price_per_sqft,
    d.days_on_market, d.list_date, d.last_sold_date, d.week_start, d.under_contract, d.cut_so_far,
    w.observed_days,
    d.dt = w.last_dt AND d.for_sale_side AND NOT d.under_contract AS active_at_week_end,
    d.dt = w.last_dt AND d.for_sale_side AND d.under_contract AS pending_at_week_end,
    d.for_sale_side
  FROM days d
  JOIN state_weeks w ON d.state = w.state AND d.week_start = w.week_start
),
counts AS (
  SELECT
    state, city, postal_code, week_start,
    max(observed_days) AS observed_days,
    count(DISTINCT CASE WHEN active_at_week_end THEN property_id END) AS active_listings,
    count(DISTINCT CASE
      WHEN for_sale_side AND CAST(date_trunc('week', CAST(list_date AS DATE)) AS DATE) = week_start
      THEN property_id
    END) AS new_listings,
    count(DISTINCT CASE WHEN pending_at_week_end THEN property_id END) AS pending_listings,
    count(DISTINCT CASE
      WHEN status = 'sold'
        AND CAST(date_trunc('week', coalesce(last_sold_date, CAST(dt AS DATE))) AS DATE) = week_start
      THEN property_id
    END) AS sold_listings,
    count(DISTINCT CASE WHEN active_at_week_end AND cut_so_far THEN property_id END) AS price_cut_listings
  FROM marked
  GROUP BY state, city, postal_code, week_start
),
metric_values AS (
  SELECT state, city, postal_code, week_start, 'list_price' AS metric, CAST(list_price AS DOUBLE) AS metric_value
  FROM marked WHERE active_at_week_end AND list_price IS NOT NULL
  UNION ALL
  SELECT state, city, postal_code, week_start, 'price_per_sqft' AS metric, price_per_sqft AS metric_value
  FROM marked WHERE active_at_week_end AND price_per_sqft IS NOT NULL
  UNION ALL
  SELECT state, city, postal_code, week_start, 'days_on_market' AS metric, CAST(days_on_market AS DOUBLE) AS metric_value
  FROM marked WHERE active_at_week_end AND days_on_market IS NOT NULL
),
ranked AS (
  SELECT
    state, city, postal_code, week_start, metric, metric_value,
    row_number() OVER (PARTITION BY state, city, postal_code, week_start, metric ORDER BY metric_value) AS rn,
    count(*) OVER (PARTITION BY state, city, postal_code, week_start, metric) AS cnt
  FROM metric_values
),
-- Exact median in both engines: the middle row, or the mean of the two middle rows (Athena has no median).
medians AS (
  SELECT
    state, city, postal_code, week_start,
    avg(CASE WHEN metric = 'list_price' THEN metric_value END) AS median_list_price,
    avg(CASE WHEN metric = 'price_per_sqft' THEN metric_value END) AS median_price_per_sqft,
    avg(CASE WHEN metric = 'days_on_market' THEN metric_value END) AS median_days_on_market
  FROM ranked
  WHERE 2 * rn IN (cnt, cnt + 1, cnt + 2)
  GROUP BY state, city, postal_code, week_start
)
SELECT
  c.state, c.city, c.postal_code, c.week_start, c.observed_days,
  c.active_listings, c.new_listings, c.pending_listings, c.sold_listings,
  m.median_list_price, m.median_price_per_sqft, m.median_days_on_market,
  CAST(c.price_cut_listings AS DOUBLE) / CAST(NULLIF(c.active_listings, 0) AS DOUBLE) AS price_cut_share,
  CAST(c.active_listings AS DOUBLE) * CAST(c.observed_days AS DOUBLE)
    / (CAST(NULLIF(c.sold_listings, 0) AS DOUBLE) * 30.4375E0) AS months_of_supply
FROM counts c
LEFT JOIN medians m
  ON m.state = c.state
  AND m.city IS NOT DISTINCT FROM c.city
  AND m.postal_code IS NOT DISTINCT FROM c.postal_code
  AND m.week_start = c.week_start
