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
--
-- listings_history is read once: the week's last day and observed days are window aggregates, and each
-- median's rank is a window over the rows that have that value, so one GROUP BY gives every measure (on
-- Athena a view that named a CTE several times would scan the table as many times).
WITH days AS (
  SELECT
    state, city, postal_code, property_id, dt, status, list_price, price_per_sqft, days_on_market,
    list_date, last_sold_date,
    CAST(date_trunc('week', CAST(dt AS DATE)) AS DATE) AS week_start,
    -- 1 on one row of each observed day of a state: counting them counts the days.
    row_number() OVER (PARTITION BY state, dt ORDER BY property_id) AS row_of_day,
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
weeks AS (
  SELECT
    state, city, postal_code, property_id, dt, status, list_price, price_per_sqft, days_on_market,
    list_date, last_sold_date, week_start, for_sale_side, under_contract, cut_so_far,
    max(dt) OVER (PARTITION BY state, week_start) AS last_dt,
    count(CASE WHEN row_of_day = 1 THEN 1 END) OVER (PARTITION BY state, week_start) AS observed_days
  FROM days
),
marked AS (
  SELECT
    state, city, postal_code, property_id, dt, status, list_price, price_per_sqft, days_on_market,
    list_date, last_sold_date, week_start, for_sale_side, cut_so_far, observed_days,
    dt = last_dt AND for_sale_side AND NOT under_contract AS active_at_week_end,
    dt = last_dt AND for_sale_side AND under_contract AS pending_at_week_end,
    dt = last_dt AND for_sale_side AND NOT under_contract AND list_price IS NOT NULL AS has_list_price,
    dt = last_dt AND for_sale_side AND NOT under_contract AND price_per_sqft IS NOT NULL AS has_price_per_sqft,
    dt = last_dt AND for_sale_side AND NOT under_contract AND days_on_market IS NOT NULL AS has_days_on_market
  FROM weeks
),
-- Exact medians in both engines (Athena has no median): each active value's rank and count among the
-- zip-week's active values, then the middle one, or the mean of the two middle ones, below.
ranked AS (
  SELECT
    state, city, postal_code, property_id, dt, status, list_price, price_per_sqft, days_on_market,
    list_date, last_sold_date, week_start, for_sale_side, cut_so_far, observed_days,
    active_at_week_end, pending_at_week_end, has_list_price, has_price_per_sqft, has_days_on_market,
    row_number() OVER (
      PARTITION BY state, city, postal_code, week_start, has_list_price ORDER BY list_price
    ) AS list_price_rank,
    count(*) OVER (PARTITION BY state, city, postal_code, week_start, has_list_price) AS list_price_count,
    row_number() OVER (
      PARTITION BY state, city, postal_code, week_start, has_price_per_sqft ORDER BY price_per_sqft
    ) AS price_per_sqft_rank,
    count(*) OVER (PARTITION BY state, city, postal_code, week_start, has_price_per_sqft) AS price_per_sqft_count,
    row_number() OVER (
      PARTITION BY state, city, postal_code, week_start, has_days_on_market ORDER BY days_on_market
    ) AS days_on_market_rank,
    count(*) OVER (PARTITION BY state, city, postal_code, week_start, has_days_on_market) AS days_on_market_count
  FROM marked
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
    count(DISTINCT CASE WHEN active_at_week_end AND cut_so_far THEN property_id END) AS price_cut_listings,
    avg(CASE
      WHEN has_list_price AND 2 * list_price_rank IN (list_price_count, list_price_count + 1, list_price_count + 2)
      THEN CAST(list_price AS DOUBLE)
    END) AS median_list_price,
    avg(CASE
      WHEN has_price_per_sqft
        AND 2 * price_per_sqft_rank IN (price_per_sqft_count, price_per_sqft_count + 1, price_per_sqft_count + 2)
      THEN CAST(price_per_sqft AS DOUBLE)
    END) AS median_price_per_sqft,
    avg(CASE
      WHEN has_days_on_market
        AND 2 * days_on_market_rank IN (days_on_market_count, days_on_market_count + 1, days_on_market_count + 2)
      THEN CAST(days_on_market AS DOUBLE)
    END) AS median_days_on_market
  FROM ranked
  GROUP BY state, city, postal_code, week_start
)
SELECT
  state, city, postal_code, week_start, observed_days,
  active_listings, new_listings, pending_listings, sold_listings,
  median_list_price, median_price_per_sqft, median_days_on_market,
  CAST(price_cut_listings AS DOUBLE) / CAST(NULLIF(active_listings, 0) AS DOUBLE) AS price_cut_share,
  CAST(active_listings AS DOUBLE) * CAST(observed_days AS DOUBLE)
    / (CAST(NULLIF(sold_listings, 0) AS DOUBLE) * 30.4375E0) AS months_of_supply
FROM counts
