-- Compaction spec, step 4: market_weekly, the gold table behind the market_summary view: the for-sale
-- market of every zip code, week by week (weeks start on Monday, UTC), with exact medians. Same text on
-- Spark SQL 3.5 and DuckDB; jobs/views/market_summary.sql documents the measures.
--
-- Incremental: only the weeks the scope touches are built, from the new history rows (every day from
-- from_dt on) and the days of from_dt's week before it (history_week_before). A row's price_cuts carry
-- its listing's cuts so far, so "cut at least once" needs no earlier history. Partitioned by the week's
-- Monday (dt) and state, so a run replaces exactly the weeks it built.
--
-- Inputs
--   listings_history_new  step 2's rows (every day in scope)
--   history_week_before   rows already in listings_history of a scope state from the Monday of its from_dt's
--                         week up to the day before from_dt
--   weekly_before         rows already in market_weekly of a scope state for the week before its from_dt's week
--                         (at least state, city, postal_code, week_start and the four momentum measures)
--   compaction_scope      (state, from_dt)
WITH week_rows AS (
  SELECT
    state, city, postal_code, property_id, dt, status, list_price, price_per_sqft, days_on_market,
    list_date, last_sold_date, is_pending, is_contingent, is_price_reduced, price_reduced_amount, price_cuts
  FROM listings_history_new
  UNION ALL
  SELECT
    h.state, h.city, h.postal_code, h.property_id, h.dt, h.status, h.list_price, h.price_per_sqft,
    h.days_on_market, h.list_date, h.last_sold_date, h.is_pending, h.is_contingent, h.is_price_reduced,
    h.price_reduced_amount, h.price_cuts
  FROM history_week_before h
  JOIN compaction_scope s ON h.state = s.state AND h.dt < s.from_dt
    AND CAST(h.dt AS DATE) >= CAST(date_trunc('week', CAST(s.from_dt AS DATE)) AS DATE)
),
days AS (
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
      OR coalesce(price_cuts, 0) > 0
    ) AS cut_so_far
  FROM week_rows
),
-- The week's last observed day in its state and how many of its days were observed: a small aggregate
-- joined back, where a window over the week's rows would sort them all (measured: the step's biggest cost).
state_weeks AS (
  SELECT state, week_start, max(dt) AS last_dt, count(DISTINCT dt) AS observed_days
  FROM days
  GROUP BY state, week_start
),
marked AS (
  SELECT
    d.state, d.city, d.postal_code, d.property_id, d.dt, d.status, d.list_price, d.price_per_sqft,
    d.days_on_market, d.list_date, d.last_sold_date, d.week_start, d.for_sale_side, d.cut_so_far,
    w.observed_days,
    -- coalesce: a row without a status is neither, and must stay on one side of the split below.
    coalesce(d.dt = w.last_dt AND d.for_sale_side AND NOT d.under_contract, false) AS active_at_week_end,
    d.dt = w.last_dt AND d.for_sale_side AND d.under_contract AS pending_at_week_end
  FROM days d
  JOIN state_weeks w ON d.state = w.state AND d.week_start = w.week_start
),
-- Exact medians in both engines (Athena has no median): each active value's rank and count among the
-- zip-week's active values, then the middle one, or the mean of the two middle ones, below. Only the active
-- rows are ranked (a few in a week's thousands); the others join them with no rank.
ranked AS (
  SELECT
    state, city, postal_code, property_id, dt, status, list_price, price_per_sqft, days_on_market,
    list_date, last_sold_date, week_start, for_sale_side, cut_so_far, observed_days,
    active_at_week_end, pending_at_week_end,
    list_price IS NOT NULL AS has_list_price,
    price_per_sqft IS NOT NULL AS has_price_per_sqft,
    days_on_market IS NOT NULL AS has_days_on_market,
    row_number() OVER (
      PARTITION BY state, city, postal_code, week_start, list_price IS NOT NULL ORDER BY list_price
    ) AS list_price_rank,
    count(*) OVER (PARTITION BY state, city, postal_code, week_start, list_price IS NOT NULL) AS list_price_count,
    row_number() OVER (
      PARTITION BY state, city, postal_code, week_start, price_per_sqft IS NOT NULL ORDER BY price_per_sqft
    ) AS price_per_sqft_rank,
    count(*) OVER (
      PARTITION BY state, city, postal_code, week_start, price_per_sqft IS NOT NULL
    ) AS price_per_sqft_count,
    row_number() OVER (
      PARTITION BY state, city, postal_code, week_start, days_on_market IS NOT NULL ORDER BY days_on_market
    ) AS days_on_market_rank,
    count(*) OVER (
      PARTITION BY state, city, postal_code, week_start, days_on_market IS NOT NULL
    ) AS days_on_market_count
  FROM marked
  WHERE active_at_week_end
  UNION ALL
  SELECT
    state, city, postal_code, property_id, dt, status, list_price, price_per_sqft, days_on_market,
    list_date, last_sold_date, week_start, for_sale_side, cut_so_far, observed_days,
    active_at_week_end, pending_at_week_end,
    false AS has_list_price, false AS has_price_per_sqft, false AS has_days_on_market,
    CAST(NULL AS BIGINT) AS list_price_rank, CAST(NULL AS BIGINT) AS list_price_count,
    CAST(NULL AS BIGINT) AS price_per_sqft_rank, CAST(NULL AS BIGINT) AS price_per_sqft_count,
    CAST(NULL AS BIGINT) AS days_on_market_rank, CAST(NULL AS BIGINT) AS days_on_market_count
  FROM marked
  WHERE NOT active_at_week_end
),
-- Each listing once per zip-week (a listing has one row a day, so at most one active row in its week): what
-- the week says of it, as 0/1 flags and its middle values, if any. Counting listings is then a count, where
-- six count(DISTINCT) over every row of the week hashed them six times (measured: half the step).
listing_weeks AS (
  SELECT
    state, city, postal_code, week_start, property_id,
    max(observed_days) AS observed_days,
    max(CASE WHEN active_at_week_end THEN 1 ELSE 0 END) AS is_active,
    max(CASE
      WHEN for_sale_side AND CAST(date_trunc('week', CAST(list_date AS DATE)) AS DATE) = week_start THEN 1
      ELSE 0
    END) AS is_new,
    max(CASE WHEN pending_at_week_end THEN 1 ELSE 0 END) AS is_pending,
    max(CASE
      WHEN status = 'sold'
        AND CAST(date_trunc('week', coalesce(last_sold_date, CAST(dt AS DATE))) AS DATE) = week_start
      THEN 1
      ELSE 0
    END) AS is_sold,
    max(CASE WHEN active_at_week_end AND cut_so_far THEN 1 ELSE 0 END) AS is_cut,
    max(CASE
      WHEN has_list_price AND 2 * list_price_rank IN (list_price_count, list_price_count + 1, list_price_count + 2)
      THEN CAST(list_price AS DOUBLE)
    END) AS middle_list_price,
    max(CASE
      WHEN has_price_per_sqft
        AND 2 * price_per_sqft_rank IN (price_per_sqft_count, price_per_sqft_count + 1, price_per_sqft_count + 2)
      THEN CAST(price_per_sqft AS DOUBLE)
    END) AS middle_price_per_sqft,
    max(CASE
      WHEN has_days_on_market
        AND 2 * days_on_market_rank IN (days_on_market_count, days_on_market_count + 1, days_on_market_count + 2)
      THEN CAST(days_on_market AS DOUBLE)
    END) AS middle_days_on_market
  FROM ranked
  GROUP BY state, city, postal_code, week_start, property_id
),
counts AS (
  SELECT
    state, city, postal_code, week_start,
    max(observed_days) AS observed_days,
    count(CASE WHEN is_active = 1 THEN 1 END) AS active_listings,
    count(CASE WHEN is_new = 1 THEN 1 END) AS new_listings,
    count(CASE WHEN is_pending = 1 THEN 1 END) AS pending_listings,
    count(CASE WHEN is_sold = 1 THEN 1 END) AS sold_listings,
    count(CASE WHEN is_cut = 1 THEN 1 END) AS price_cut_listings,
    avg(middle_list_price) AS median_list_price,
    avg(middle_price_per_sqft) AS median_price_per_sqft,
    avg(middle_days_on_market) AS median_days_on_market
  FROM listing_weeks
  GROUP BY state, city, postal_code, week_start
),
built AS (
  SELECT
    state, city, postal_code, week_start, observed_days,
    active_listings, new_listings, pending_listings, sold_listings,
    median_list_price, median_price_per_sqft, median_days_on_market,
    CAST(price_cut_listings AS DOUBLE) / CAST(NULLIF(active_listings, 0) AS DOUBLE) AS price_cut_share,
    CAST(active_listings AS DOUBLE) * CAST(observed_days AS DOUBLE)
      / (CAST(NULLIF(sold_listings, 0) AS DOUBLE) * 30.4375E0) AS months_of_supply
  FROM counts
),
-- Week over week (the market_momentum view): each built week beside the zip code's week before it, which is
-- built too or, for the first built week, the one a previous run stored (weekly_before).
zip_weeks AS (
  SELECT
    state, city, postal_code, week_start, median_list_price, median_price_per_sqft, active_listings,
    median_days_on_market, true AS is_built
  FROM built
  UNION ALL
  SELECT
    b.state, b.city, b.postal_code, b.week_start, b.median_list_price, b.median_price_per_sqft,
    b.active_listings, b.median_days_on_market, false AS is_built
  FROM weekly_before b
  JOIN compaction_scope s ON b.state = s.state
    AND b.week_start < CAST(date_trunc('week', CAST(s.from_dt AS DATE)) AS DATE)
),
lagged AS (
  SELECT
    state, city, postal_code, week_start, is_built,
    lag(week_start) OVER (PARTITION BY state, city, postal_code ORDER BY week_start) AS lag_week_start,
    lag(median_list_price) OVER (PARTITION BY state, city, postal_code ORDER BY week_start) AS lag_median_list_price,
    lag(median_price_per_sqft) OVER (PARTITION BY state, city, postal_code ORDER BY week_start) AS lag_median_price_per_sqft,
    lag(active_listings) OVER (PARTITION BY state, city, postal_code ORDER BY week_start) AS lag_active_listings,
    lag(median_days_on_market) OVER (PARTITION BY state, city, postal_code ORDER BY week_start) AS lag_median_days_on_market
  FROM zip_weeks
),
-- The week before counts only when it is exactly 7 days earlier (a week without observations breaks the pair).
-- Day differences are taken between timestamps, as listings_history.sql does (date_diff differs by engine).
previous AS (
  SELECT
    state, city, postal_code, week_start, lag_week_start, lag_median_list_price, lag_median_price_per_sqft,
    lag_active_listings, lag_median_days_on_market,
    CAST(extract(DAY FROM (
      CAST(week_start AS TIMESTAMP) - CAST(lag_week_start AS TIMESTAMP)
    )) AS INT) = 7 AS is_previous
  FROM lagged
  WHERE is_built
)
-- The partition columns last (Spark's insertInto is positional): the week's Monday as dt, then state.
SELECT
  w.city, w.postal_code, w.week_start, w.observed_days,
  w.active_listings, w.new_listings, w.pending_listings, w.sold_listings,
  w.median_list_price, w.median_price_per_sqft, w.median_days_on_market,
  w.price_cut_share, w.months_of_supply,
  CASE WHEN p.is_previous THEN p.lag_week_start END AS previous_week_start,
  CASE WHEN p.is_previous THEN p.lag_median_list_price END AS previous_median_list_price,
  CASE WHEN p.is_previous THEN p.lag_median_price_per_sqft END AS previous_median_price_per_sqft,
  CASE WHEN p.is_previous THEN p.lag_active_listings END AS previous_active_listings,
  CASE WHEN p.is_previous THEN p.lag_median_days_on_market END AS previous_median_days_on_market,
  CAST(w.week_start AS STRING) AS dt,
  w.state
FROM built w
JOIN previous p ON p.state = w.state
  AND p.city IS NOT DISTINCT FROM w.city
  AND p.postal_code IS NOT DISTINCT FROM w.postal_code
  AND p.week_start = w.week_start
