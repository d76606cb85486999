-- Compaction spec, step 2 of 3: listings_history, one row per listing per observation day, with what
-- changed since the listing's previous observation day. Same text on Spark SQL 3.5 and DuckDB.
--
-- Incremental: a run reads the new observations and the state, never the whole history. The day before
-- the scope of each listing comes from one of two places, which never both hold it:
--   * listings_current, when the listing was last seen before from_dt (the usual daily run: every listing);
--   * the listing's earliest redone history row (a day at or after from_dt that is compacted again because
--     late data arrived for an earlier day): its previous_* columns name the day before the scope.
-- So a daily run costs O(new observations + current listings), and late data only the days it redoes.
--
-- Inputs
--   observations      step 1's rows (one per event_id)
--   current_before    rows already in listings_current (at least property_id, state, dt, list_price, status)
--   history_redone    rows already in listings_history of a scope state at or after its from_dt (at least
--                     property_id, state, dt, previous_dt, previous_list_price, previous_status)
--   compaction_scope  (state, from_dt)
--
-- Portable on purpose: dates are compared as 'YYYY-MM-DD' strings; day differences are taken between
-- timestamps (DuckDB's date_diff and Spark's datediff take different arguments); percentages divide
-- doubles with NULLIF guarding zero (DuckDB's 1/0 is Infinity, Spark's is NULL); both sessions run in UTC.
WITH ranked_in_day AS (
  SELECT
    o.event_id, o.observed_at, o.source, o.search_area, o.property_id, o.listing_id,
    o.status, o.list_price, o.list_price_min, o.list_price_max, o.sold_price, o.price_reduced_amount,
    o.estimate, o.list_date, o.last_sold_date, o.last_update_date, o.beds, o.baths,
    o.sqft, o.lot_sqft, o.year_built, o.property_type, o.sub_type, o.stories,
    o.garage, o.address_line, o.city, o.state_code, o.postal_code, o.county,
    o.county_fips, o.lat, o.lon, o.is_price_reduced, o.is_new_listing, o.is_pending,
    o.is_contingent, o.is_foreclosure, o.is_new_construction, o.is_coming_soon, o.photo_count, o.href,
    o.price_per_sqft, o.days_on_market, o.lot_acres, o.property_age_years,
    o.dt, o.state,
    -- The day's row is its last observation: the state of the listing at the end of that day.
    row_number() OVER (
      PARTITION BY o.property_id, o.state, o.dt
      ORDER BY o.observed_at DESC NULLS LAST, o.event_id DESC NULLS LAST
    ) AS day_rank
  FROM observations o
),
before_scope AS (
  SELECT
    c.property_id, c.state, c.dt, c.list_price, c.status,
    c.price_cuts AS base_cuts, c.price_cut_total AS base_cut_total, c.first_cut_dt AS base_first_cut_dt,
    c.first_contract_dt AS base_first_contract_dt
  FROM current_before c
  JOIN compaction_scope s ON c.state = s.state AND c.dt < s.from_dt
  UNION ALL
  -- The day before the earliest redone row: that row's running cut figures without its own change.
  SELECT
    property_id, state, previous_dt AS dt, previous_list_price AS list_price, previous_status AS status,
    price_cuts - CASE WHEN list_price_change < 0 THEN 1 ELSE 0 END AS base_cuts,
    price_cut_total + CASE WHEN list_price_change < 0 THEN list_price_change ELSE 0 END AS base_cut_total,
    CASE WHEN first_cut_dt < dt THEN first_cut_dt END AS base_first_cut_dt,
    CASE WHEN first_contract_dt < dt THEN first_contract_dt END AS base_first_contract_dt
  FROM (
    SELECT
      h.property_id, h.state, h.dt, h.previous_dt, h.previous_list_price, h.previous_status, s.from_dt,
      h.list_price_change, h.price_cuts, h.price_cut_total, h.first_cut_dt, h.first_contract_dt,
      row_number() OVER (PARTITION BY h.property_id, h.state ORDER BY h.dt ASC NULLS LAST) AS earliest
    FROM history_redone h
    JOIN compaction_scope s ON h.state = s.state AND h.dt >= s.from_dt
  ) first_redone
  WHERE earliest = 1 AND previous_dt < from_dt
),
timeline AS (
  SELECT
    property_id, state, dt, list_price, status,
    CAST(NULL AS BIGINT) AS base_cuts, CAST(NULL AS BIGINT) AS base_cut_total,
    CAST(NULL AS STRING) AS base_first_cut_dt,
    CAST(NULL AS STRING) AS base_first_contract_dt,
    status IN ('pending', 'contingent') OR coalesce(is_pending, false) OR coalesce(is_contingent, false)
      AS under_contract
  FROM ranked_in_day
  WHERE day_rank = 1
  UNION ALL
  SELECT
    property_id, state, dt, list_price, status, base_cuts, base_cut_total, base_first_cut_dt,
    base_first_contract_dt, false AS under_contract
  FROM before_scope
),
lagged AS (
  SELECT
    property_id, state, dt, list_price, base_cuts, base_cut_total, base_first_cut_dt,
    base_first_contract_dt, under_contract,
    lag(dt) OVER (PARTITION BY property_id, state ORDER BY dt ASC NULLS LAST) AS previous_dt,
    lag(list_price) OVER (PARTITION BY property_id, state ORDER BY dt ASC NULLS LAST) AS previous_list_price,
    lag(status) OVER (PARTITION BY property_id, state ORDER BY dt ASC NULLS LAST) AS previous_status
  FROM timeline
),
-- Running cut figures: the base (on the day before the scope, the timeline's first row) plus every cut
-- since, a cut being a day whose list price is under the previous day's.
changes AS (
  SELECT
    property_id, state, dt, previous_dt, previous_list_price, previous_status,
    sum(coalesce(base_cuts, 0) + CASE WHEN list_price < previous_list_price THEN 1 ELSE 0 END) OVER (
      PARTITION BY property_id, state ORDER BY dt ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS price_cuts,
    sum(
      coalesce(base_cut_total, 0)
      + CASE WHEN list_price < previous_list_price THEN previous_list_price - list_price ELSE 0 END
    ) OVER (
      PARTITION BY property_id, state ORDER BY dt ASC NULLS LAST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS price_cut_total,
    coalesce(
      min(base_first_cut_dt) OVER (
        PARTITION BY property_id, state ORDER BY dt ASC NULLS LAST
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ),
      min(CASE WHEN list_price < previous_list_price THEN dt END) OVER (
        PARTITION BY property_id, state ORDER BY dt ASC NULLS LAST
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      )
    ) AS first_cut_dt,
    -- The first day the listing was seen under contract: days_on_market stops there (issue 14).
    coalesce(
      min(base_first_contract_dt) OVER (
        PARTITION BY property_id, state ORDER BY dt ASC NULLS LAST
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ),
      min(CASE WHEN under_contract THEN dt END) OVER (
        PARTITION BY property_id, state ORDER BY dt ASC NULLS LAST
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      )
    ) AS first_contract_dt,
    under_contract
  FROM lagged
),
with_days AS (
  SELECT
    d.event_id, d.observed_at, d.source, d.search_area, d.property_id, d.listing_id,
    d.status, d.list_price, d.list_price_min, d.list_price_max, d.sold_price, d.price_reduced_amount,
    d.estimate, d.list_date, d.last_sold_date, d.last_update_date, d.beds, d.baths,
    d.sqft, d.lot_sqft, d.year_built, d.property_type, d.sub_type, d.stories,
    d.garage, d.address_line, d.city, d.state_code, d.postal_code, d.county,
    d.county_fips, d.lat, d.lon, d.is_price_reduced, d.is_new_listing, d.is_pending,
    d.is_contingent, d.is_foreclosure, d.is_new_construction, d.is_coming_soon, d.photo_count, d.href,
    d.price_per_sqft, d.days_on_market, d.lot_acres, d.property_age_years,
    c.previous_dt, c.previous_list_price, c.previous_status, c.price_cuts, c.price_cut_total, c.first_cut_dt,
    c.first_contract_dt,
    -- Frozen at the first day under contract, on the days under contract and sold, when that day is of
    -- this listing (not before its list date); a contract that fell through lets an active row count on.
    CASE
      WHEN (c.under_contract OR d.status = 'sold') AND c.first_contract_dt >= CAST(CAST(d.list_date AS DATE) AS STRING)
      THEN CAST(extract(DAY FROM (
        CAST(CAST(c.first_contract_dt AS DATE) AS TIMESTAMP) - CAST(CAST(d.list_date AS DATE) AS TIMESTAMP)
      )) AS INT)
    END AS contract_days,
    CAST(extract(DAY FROM (
      CAST(CAST(d.dt AS DATE) AS TIMESTAMP) - CAST(CAST(d.list_date AS DATE) AS TIMESTAMP)
    )) AS INT) AS listed_days,
    d.status = 'sold' AND (
      d.last_sold_date IS NULL OR d.list_date IS NULL OR d.last_sold_date >= CAST(d.list_date AS DATE)
    ) AS is_sale,
    d.dt, d.state
  FROM ranked_in_day d
  JOIN changes c ON c.property_id = d.property_id AND c.state = d.state AND c.dt = d.dt
  WHERE d.day_rank = 1
)
SELECT
  event_id, observed_at, source, search_area, property_id, listing_id,
  status, list_price, list_price_min, list_price_max, sold_price, price_reduced_amount,
  estimate, list_date, last_sold_date, last_update_date, beds, baths,
  sqft, lot_sqft, year_built, property_type, sub_type, stories,
  garage, address_line, city, state_code, postal_code, county,
  county_fips, lat, lon, is_price_reduced, is_new_listing, is_pending,
  is_contingent, is_foreclosure, is_new_construction, is_coming_soon, photo_count, href,
  price_per_sqft,
  CASE WHEN contract_days < days_on_market THEN contract_days ELSE days_on_market END AS days_on_market,
  lot_acres, property_age_years,
  previous_dt,
  previous_list_price,
  list_price - previous_list_price AS list_price_change,
  CAST(list_price - previous_list_price AS DOUBLE) * 100
    / CAST(NULLIF(previous_list_price, 0) AS DOUBLE) AS list_price_change_pct,
  previous_status,
  CASE WHEN previous_status IS NULL THEN CAST(NULL AS BOOLEAN) ELSE status <> previous_status END AS status_changed,
  -- Clamped at 0 like days_on_market: a coming-soon listing's list date can be after the day observed.
  CASE WHEN listed_days < 0 THEN 0 ELSE listed_days END AS days_since_listed,
  CAST(price_cuts AS BIGINT) AS price_cuts,
  CAST(price_cut_total AS BIGINT) AS price_cut_total,
  first_cut_dt,
  -- The API's one sold_price is two things (issue 14): on a sold row whose sale date is not before its list
  -- date, this listing's sale; on any other row, the home's previous sale. Two pairs of columns say which.
  CASE WHEN is_sale THEN CAST(NULL AS BIGINT) ELSE sold_price END AS previous_sold_price,
  CASE WHEN is_sale THEN CAST(NULL AS DATE) ELSE last_sold_date END AS previous_sold_date,
  CASE WHEN is_sale THEN sold_price END AS sale_price,
  CASE WHEN is_sale THEN last_sold_date END AS sale_date,
  first_contract_dt,
  dt, state
FROM with_days
