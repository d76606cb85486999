-- Compaction spec, step 5: listing_outcomes, the training table: one row per listing episode (a home's
-- listing, keyed by state, property_id and listing_id), with what was known on the day the pipeline first
-- saw it listed (first_seen_dt) and how it ended. Same text on Spark SQL 3.5 and DuckDB.
--
-- Point in time: every feature comes from the episode's first listed row (first_seen_dt) or from the zip's
-- market_weekly row of the week before first_seen_dt's week, which holds only days before it. No feature
-- reads a later observation (test/unit/adapters/compactor/listing-outcomes-leakage.test.ts). Labels come
-- from the episode's later rows.
--
-- Incremental: an episode first seen before its state's from_dt keeps its features (outcomes_before), and
-- its labels are updated from the scope's rows; an episode first seen in the scope is built from those rows
-- alone (the scope holds every day from from_dt on). Partitioned by state like listings_current, so a daily
-- run costs O(new history rows + the state's episodes), never O(history).
--
-- Inputs
--   listings_history_new  step 2's rows (every day in scope)
--   market_weekly_new     step 4's rows (every week in scope)
--   market_weekly_before  market_weekly rows of a scope state of the week before its from_dt's week
--   outcomes_before       rows already in listing_outcomes of the scope's states
--   compaction_scope      (state, from_dt)
WITH episode_rows AS (
  SELECT
    event_id, property_id, listing_id, coalesce(listing_id, '') AS listing_key, status, list_price,
    list_date, city, postal_code, county, property_type, beds, baths, sqft, lot_sqft, year_built,
    property_age_years, stories, garage, lat, lon, is_new_construction, is_foreclosure, estimate,
    price_per_sqft, previous_sold_price, previous_sold_date, sale_price, sale_date, price_cuts,
    price_cut_total, first_contract_dt, dt, state,
    status IN ('for_sale', 'ready_to_build', 'new_community', 'pending', 'contingent') AS listed,
    (
      status IN ('pending', 'contingent') OR coalesce(is_pending, false) OR coalesce(is_contingent, false)
    ) AS under_contract
  FROM listings_history_new
  WHERE status IN ('for_sale', 'ready_to_build', 'new_community', 'pending', 'contingent', 'sold', 'off_market')
),
-- Each episode's first listed day, last day and latest day with a sale, on the keys alone: a listing has one
-- row a day, so each names one row, joined back below (three windows sorted the whole rows three times).
episode_days AS (
  SELECT
    state, property_id, listing_key,
    min(CASE WHEN listed THEN dt END) AS first_listed_dt,
    max(dt) AS last_dt,
    max(CASE WHEN sale_price IS NOT NULL OR sale_date IS NOT NULL THEN dt END) AS sale_dt
  FROM episode_rows
  GROUP BY state, property_id, listing_key
),
-- What the scope's rows say of each episode they touch: its last row and its latest sale.
touched AS (
  SELECT
    l.state, l.property_id, l.listing_key, l.dt AS last_seen_dt,
    CASE
      WHEN l.status = 'sold' THEN 'sold'
      WHEN l.status = 'off_market' THEN 'withdrawn'
      WHEN l.under_contract THEN 'pending'
      ELSE 'active'
    END AS outcome,
    l.first_contract_dt, l.price_cuts AS last_price_cuts, l.price_cut_total AS last_price_cut_total,
    s.sale_date, s.sale_price
  FROM episode_rows l
  JOIN episode_days d
    ON d.state = l.state AND d.property_id = l.property_id AND d.listing_key = l.listing_key
    AND d.last_dt = l.dt
  LEFT JOIN episode_rows s
    ON s.state = d.state AND s.property_id = d.property_id AND s.listing_key = d.listing_key
    AND s.dt = d.sale_dt
),
-- Episodes first seen before their state's from_dt: their features stay as they were built.
kept AS (
  SELECT
    o.event_id, o.property_id, o.listing_id, coalesce(o.listing_id, '') AS listing_key, o.city,
    o.postal_code, o.county, o.property_type, o.list_date, o.first_seen_dt, o.market_week_start,
    o.beds, o.baths, o.sqft, o.lot_sqft, o.year_built, o.property_age_years, o.stories, o.garage,
    o.lat, o.lon, o.is_new_construction, o.is_foreclosure, o.previous_sold_price, o.previous_sold_date,
    o.estimate, o.list_price, o.price_per_sqft, o.zip_median_price_per_sqft, o.zip_median_list_price,
    o.zip_active_listings, o.zip_new_listings, o.zip_sold_listings, o.zip_median_days_on_market,
    o.zip_price_cut_share, o.zip_months_of_supply, o.prior_price_cuts, o.prior_price_cut_total,
    o.last_seen_dt, o.outcome, o.pending_dt, o.sale_date, o.sale_price,
    o.prior_price_cuts + o.price_cuts AS last_price_cuts,
    o.prior_price_cut_total + o.price_cut_total AS last_price_cut_total,
    o.state
  FROM outcomes_before o
  JOIN compaction_scope s ON o.state = s.state AND o.first_seen_dt < s.from_dt
),
market_weeks AS (
  SELECT
    state, city, postal_code, week_start, active_listings, new_listings, sold_listings, median_list_price,
    median_price_per_sqft, median_days_on_market, price_cut_share, months_of_supply
  FROM market_weekly_new
  UNION ALL
  SELECT
    state, city, postal_code, week_start, active_listings, new_listings, sold_listings, median_list_price,
    median_price_per_sqft, median_days_on_market, price_cut_share, months_of_supply
  FROM market_weekly_before
),
-- Episodes first seen in the scope: their first listed row, and the zip's market of the week before.
started AS (
  SELECT
    f.event_id, f.property_id, f.listing_id, f.listing_key, f.city, f.postal_code, f.county,
    f.property_type, f.list_date, f.dt AS first_seen_dt, m.week_start AS market_week_start,
    f.beds, f.baths, f.sqft, f.lot_sqft, f.year_built, f.property_age_years, f.stories, f.garage,
    f.lat, f.lon, f.is_new_construction, f.is_foreclosure, f.previous_sold_price, f.previous_sold_date,
    f.estimate, f.list_price, f.price_per_sqft,
    m.median_price_per_sqft AS zip_median_price_per_sqft, m.median_list_price AS zip_median_list_price,
    m.active_listings AS zip_active_listings, m.new_listings AS zip_new_listings,
    m.sold_listings AS zip_sold_listings, m.median_days_on_market AS zip_median_days_on_market,
    m.price_cut_share AS zip_price_cut_share, m.months_of_supply AS zip_months_of_supply,
    f.price_cuts AS prior_price_cuts, f.price_cut_total AS prior_price_cut_total,
    f.state
  FROM episode_rows f
  JOIN episode_days d
    ON d.state = f.state AND d.property_id = f.property_id AND d.listing_key = f.listing_key
    AND d.first_listed_dt = f.dt
  -- The zip's week 7 days before f's: an equality of one side's expression with the other's, so both engines
  -- hash-join it (a day difference of the two in ON made DuckDB loop over every pair: 50 s of 30 s wall for a
  -- national day). DATE + INT is a DATE in both.
  LEFT JOIN market_weeks m
    ON m.state = f.state AND m.city = f.city AND m.postal_code = f.postal_code
    AND m.week_start + 7 = CAST(date_trunc('week', CAST(f.dt AS DATE)) AS DATE)
  LEFT JOIN kept k ON k.state = f.state AND k.property_id = f.property_id AND k.listing_key = f.listing_key
  WHERE k.property_id IS NULL
),
episodes AS (
  SELECT
    k.event_id, k.property_id, k.listing_id, k.city, k.postal_code, k.county, k.property_type,
    k.list_date, k.first_seen_dt, k.market_week_start, k.beds, k.baths, k.sqft, k.lot_sqft,
    k.year_built, k.property_age_years, k.stories, k.garage, k.lat, k.lon, k.is_new_construction,
    k.is_foreclosure, k.previous_sold_price, k.previous_sold_date, k.estimate, k.list_price,
    k.price_per_sqft, k.zip_median_price_per_sqft, k.zip_median_list_price, k.zip_active_listings,
    k.zip_new_listings, k.zip_sold_listings, k.zip_median_days_on_market, k.zip_price_cut_share,
    k.zip_months_of_supply, k.prior_price_cuts, k.prior_price_cut_total,
    coalesce(t.last_seen_dt, k.last_seen_dt) AS last_seen_dt,
    coalesce(t.outcome, k.outcome) AS outcome,
    CASE WHEN t.property_id IS NULL THEN k.pending_dt ELSE t.first_contract_dt END AS contract_dt,
    CASE WHEN t.sale_date IS NULL AND t.sale_price IS NULL THEN k.sale_date ELSE t.sale_date END AS sale_date,
    CASE WHEN t.sale_date IS NULL AND t.sale_price IS NULL THEN k.sale_price ELSE t.sale_price END AS sale_price,
    coalesce(t.last_price_cuts, k.last_price_cuts) AS last_price_cuts,
    coalesce(t.last_price_cut_total, k.last_price_cut_total) AS last_price_cut_total,
    k.state
  FROM kept k
  LEFT JOIN touched t ON t.state = k.state AND t.property_id = k.property_id AND t.listing_key = k.listing_key
  UNION ALL
  SELECT
    s.event_id, s.property_id, s.listing_id, s.city, s.postal_code, s.county, s.property_type,
    s.list_date, s.first_seen_dt, s.market_week_start, s.beds, s.baths, s.sqft, s.lot_sqft,
    s.year_built, s.property_age_years, s.stories, s.garage, s.lat, s.lon, s.is_new_construction,
    s.is_foreclosure, s.previous_sold_price, s.previous_sold_date, s.estimate, s.list_price,
    s.price_per_sqft, s.zip_median_price_per_sqft, s.zip_median_list_price, s.zip_active_listings,
    s.zip_new_listings, s.zip_sold_listings, s.zip_median_days_on_market, s.zip_price_cut_share,
    s.zip_months_of_supply, s.prior_price_cuts, s.prior_price_cut_total,
    t.last_seen_dt, t.outcome, t.first_contract_dt AS contract_dt, t.sale_date, t.sale_price,
    t.last_price_cuts, t.last_price_cut_total,
    s.state
  FROM started s
  JOIN touched t ON t.state = s.state AND t.property_id = s.property_id AND t.listing_key = s.listing_key
),
-- The day the clock of the labels starts: the list date, or the first day seen when the API gave none.
dated AS (
  SELECT
    event_id, property_id, listing_id, city, postal_code, county, property_type, list_date, first_seen_dt,
    market_week_start, beds, baths, sqft, lot_sqft, year_built, property_age_years, stories, garage, lat,
    lon, is_new_construction, is_foreclosure, previous_sold_price, previous_sold_date, estimate, list_price,
    price_per_sqft, zip_median_price_per_sqft, zip_median_list_price, zip_active_listings, zip_new_listings,
    zip_sold_listings, zip_median_days_on_market, zip_price_cut_share, zip_months_of_supply,
    prior_price_cuts, prior_price_cut_total, last_seen_dt, outcome, sale_date, sale_price,
    last_price_cuts, last_price_cut_total, state,
    coalesce(CAST(list_date AS DATE), CAST(first_seen_dt AS DATE)) AS listed_on,
    -- A contract before this listing's list date belongs to an earlier listing of the home.
    CASE
      WHEN contract_dt >= CAST(coalesce(CAST(list_date AS DATE), CAST(first_seen_dt AS DATE)) AS STRING)
      THEN contract_dt
    END AS pending_dt
  FROM episodes
),
labelled AS (
  SELECT
    event_id, property_id, listing_id, city, postal_code, county, property_type, list_date, first_seen_dt,
    market_week_start, beds, baths, sqft, lot_sqft, year_built, property_age_years, stories, garage, lat,
    lon, is_new_construction, is_foreclosure, previous_sold_price, previous_sold_date, estimate, list_price,
    price_per_sqft, zip_median_price_per_sqft, zip_median_list_price, zip_active_listings, zip_new_listings,
    zip_sold_listings, zip_median_days_on_market, zip_price_cut_share, zip_months_of_supply,
    prior_price_cuts, prior_price_cut_total, last_seen_dt, outcome, pending_dt, sale_date, sale_price,
    last_price_cuts, last_price_cut_total, state, listed_on,
    CAST(extract(DAY FROM (
      CAST(CAST(first_seen_dt AS DATE) AS TIMESTAMP) - CAST(listed_on AS TIMESTAMP)
    )) AS INT) AS days_listed_before_first_seen,
    CAST(extract(DAY FROM (
      CAST(CAST(pending_dt AS DATE) AS TIMESTAMP) - CAST(listed_on AS TIMESTAMP)
    )) AS INT) AS days_to_pending,
    CAST(extract(DAY FROM (CAST(sale_date AS TIMESTAMP) - CAST(listed_on AS TIMESTAMP))) AS INT) AS days_to_sale,
    CAST(extract(DAY FROM (
      CAST(CAST(last_seen_dt AS DATE) AS TIMESTAMP) - CAST(listed_on AS TIMESTAMP)
    )) AS INT) AS days_observed,
    CAST(extract(MONTH FROM listed_on) AS INT) AS list_month
  FROM dated
)
-- The partition column last (Spark's insertInto is positional).
SELECT
  event_id, property_id, listing_id, city, postal_code, county, property_type, list_date, first_seen_dt,
  CASE WHEN days_listed_before_first_seen < 0 THEN 0 ELSE days_listed_before_first_seen END
    AS days_listed_before_first_seen,
  list_month,
  CASE
    WHEN list_month IN (12, 1, 2) THEN 'winter'
    WHEN list_month IN (3, 4, 5) THEN 'spring'
    WHEN list_month IN (6, 7, 8) THEN 'summer'
    ELSE 'fall'
  END AS season,
  beds, baths, sqft, lot_sqft, year_built, property_age_years, stories, garage, lat, lon,
  is_new_construction, is_foreclosure, previous_sold_price, previous_sold_date, estimate,
  list_price, price_per_sqft,
  market_week_start, zip_median_price_per_sqft,
  price_per_sqft / NULLIF(zip_median_price_per_sqft, 0E0) AS price_per_sqft_vs_zip,
  zip_median_list_price, zip_active_listings, zip_new_listings, zip_sold_listings,
  zip_median_days_on_market, zip_price_cut_share, zip_months_of_supply,
  prior_price_cuts, prior_price_cut_total,
  last_seen_dt, days_observed, outcome, pending_dt, days_to_pending, sale_date, sale_price, days_to_sale,
  CAST(sale_price AS DOUBLE) / CAST(NULLIF(list_price, 0) AS DOUBLE) AS sale_to_list_ratio,
  CASE
    WHEN days_to_sale <= 30 THEN true
    WHEN outcome = 'sold' AND days_to_sale IS NULL THEN CAST(NULL AS BOOLEAN)
    WHEN outcome = 'withdrawn' OR days_observed >= 30 THEN false
  END AS sold_within_30_days,
  CASE
    WHEN days_to_sale <= 60 THEN true
    WHEN outcome = 'sold' AND days_to_sale IS NULL THEN CAST(NULL AS BOOLEAN)
    WHEN outcome = 'withdrawn' OR days_observed >= 60 THEN false
  END AS sold_within_60_days,
  CASE
    WHEN days_to_sale <= 90 THEN true
    WHEN outcome = 'sold' AND days_to_sale IS NULL THEN CAST(NULL AS BOOLEAN)
    WHEN outcome = 'withdrawn' OR days_observed >= 90 THEN false
  END AS sold_within_90_days,
  CAST(last_price_cuts - prior_price_cuts AS BIGINT) AS price_cuts,
  CAST(last_price_cut_total - prior_price_cut_total AS BIGINT) AS price_cut_total,
  CAST(last_price_cut_total - prior_price_cut_total AS DOUBLE) * 100
    / CAST(NULLIF(list_price, 0) AS DOUBLE) AS price_cut_pct,
  state
FROM labelled
