-- Compaction spec, step 1 of 3: one row per observation (event_id) of the raw rows in scope.
-- The same text runs on Spark SQL 3.5 (AWS Glue 5.0) and DuckDB; jobs/README.md lists the inputs.
--
-- Inputs
--   raw_listings      rows of listings_raw (LISTING_COLUMNS plus the dt and state partition columns)
--   compaction_scope  (state, from_dt): every raw day of `state` from `from_dt` on is recompacted
--
-- The transform is at-least-once: a retried batch, a re-fetch the same day, or two overlapping search
-- areas write one observation several times under one event_id. The copy observed last is kept; copies
-- observed at the same instant from the same source and area are redeliveries of one fetched record.
-- NULLS FIRST/LAST are always spelled out: Spark and DuckDB default differently.
SELECT
  event_id, observed_at, source, search_area, property_id, listing_id,
  status, list_price, list_price_min, list_price_max, sold_price, price_reduced_amount,
  estimate, list_date, last_sold_date, last_update_date, beds, baths,
  sqft, lot_sqft, year_built, property_type, sub_type, stories,
  garage, address_line, city, state_code, postal_code, county,
  county_fips, lat, lon, is_price_reduced, is_new_listing, is_pending,
  is_contingent, is_foreclosure, is_new_construction, is_coming_soon, photo_count, href,
  price_per_sqft, days_on_market, lot_acres, property_age_years,
  dt, state
FROM (
  SELECT
    r.event_id, r.observed_at, r.source, r.search_area, r.property_id, r.listing_id,
    r.status, r.list_price, r.list_price_min, r.list_price_max, r.sold_price, r.price_reduced_amount,
    r.estimate, r.list_date, r.last_sold_date, r.last_update_date, r.beds, r.baths,
    r.sqft, r.lot_sqft, r.year_built, r.property_type, r.sub_type, r.stories,
    r.garage, r.address_line, r.city, r.state_code, r.postal_code, r.county,
    r.county_fips, r.lat, r.lon, r.is_price_reduced, r.is_new_listing, r.is_pending,
    r.is_contingent, r.is_foreclosure, r.is_new_construction, r.is_coming_soon, r.photo_count, r.href,
    r.price_per_sqft, r.days_on_market, r.lot_acres, r.property_age_years,
    r.dt, r.state,
    row_number() OVER (
      PARTITION BY r.event_id
      ORDER BY r.observed_at DESC NULLS LAST, r.source ASC NULLS LAST, r.search_area ASC NULLS LAST
    ) AS copy_rank
  FROM raw_listings r
  JOIN compaction_scope s ON r.state = s.state AND r.dt >= s.from_dt
) copies
WHERE copy_rank = 1
