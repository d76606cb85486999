-- Compaction spec, step 3 of 3: listings_current, the latest observation day of every listing of the
-- scope's states, whatever its status: sold and off-market listings keep their last known state.
-- Same text on Spark SQL 3.5 and DuckDB. Partitioned by state only (dt is a column here): a listing's
-- latest day moves forward, and a dt partition would have to be rewritten to let go of it.
--
-- Every new row is later than every current row kept (those are before from_dt, the new ones from it on), so
-- a listing seen in the scope takes its latest new row and any other keeps its current row. The latest day is
-- found on the keys alone and joined back (one row per listing and day): ranking the whole rows sorted or
-- hashed every column of them (measured: 2.5 s of a national day's 2.5 s step).
--
-- Inputs
--   listings_history_new  step 2's rows (every day in scope)
--   current_before        rows already in listings_current; those of a scope state whose day is before
--                         its from_dt still hold (the scope holds every later raw day of that state)
--   compaction_scope      (state, from_dt)
WITH latest AS (
  SELECT property_id, state, max(dt) AS latest_dt
  FROM listings_history_new
  GROUP BY property_id, state
)
SELECT
  h.event_id, h.observed_at, h.source, h.search_area, h.property_id, h.listing_id,
  h.status, h.list_price, h.list_price_min, h.list_price_max, h.sold_price, h.price_reduced_amount,
  h.estimate, h.list_date, h.last_sold_date, h.last_update_date, h.beds, h.baths,
  h.sqft, h.lot_sqft, h.year_built, h.property_type, h.sub_type, h.stories,
  h.garage, h.address_line, h.city, h.state_code, h.postal_code, h.county,
  h.county_fips, h.lat, h.lon, h.is_price_reduced, h.is_new_listing, h.is_pending,
  h.is_contingent, h.is_foreclosure, h.is_new_construction, h.is_coming_soon, h.photo_count, h.href,
  h.price_per_sqft, h.days_on_market, h.lot_acres, h.property_age_years,
  h.previous_dt, h.previous_list_price, h.list_price_change, h.list_price_change_pct,
  h.previous_status, h.status_changed, h.days_since_listed, h.price_cuts, h.price_cut_total, h.first_cut_dt,
  h.previous_sold_price, h.previous_sold_date, h.sale_price, h.sale_date, h.first_contract_dt,
  h.dt, h.state
FROM listings_history_new h
JOIN latest l ON l.property_id = h.property_id AND l.state = h.state AND l.latest_dt = h.dt
UNION ALL
SELECT
  c.event_id, c.observed_at, c.source, c.search_area, c.property_id, c.listing_id,
  c.status, c.list_price, c.list_price_min, c.list_price_max, c.sold_price, c.price_reduced_amount,
  c.estimate, c.list_date, c.last_sold_date, c.last_update_date, c.beds, c.baths,
  c.sqft, c.lot_sqft, c.year_built, c.property_type, c.sub_type, c.stories,
  c.garage, c.address_line, c.city, c.state_code, c.postal_code, c.county,
  c.county_fips, c.lat, c.lon, c.is_price_reduced, c.is_new_listing, c.is_pending,
  c.is_contingent, c.is_foreclosure, c.is_new_construction, c.is_coming_soon, c.photo_count, c.href,
  c.price_per_sqft, c.days_on_market, c.lot_acres, c.property_age_years,
  c.previous_dt, c.previous_list_price, c.list_price_change, c.list_price_change_pct,
  c.previous_status, c.status_changed, c.days_since_listed, c.price_cuts, c.price_cut_total, c.first_cut_dt,
  c.previous_sold_price, c.previous_sold_date, c.sale_price, c.sale_date, c.first_contract_dt,
  c.dt, c.state
FROM current_before c
JOIN compaction_scope s ON c.state = s.state AND c.dt < s.from_dt
LEFT JOIN latest l ON l.property_id = c.property_id AND l.state = c.state
WHERE l.property_id IS NULL
