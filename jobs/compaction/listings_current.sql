-- Compaction spec, step 3 of 3: listings_current, the latest observation day of every listing of the
-- scope's states, whatever its status: sold and off-market listings keep their last known state.
-- Same text on Spark SQL 3.5 and DuckDB. Partitioned by state only (dt is a column here): a listing's
-- latest day moves forward, and a dt partition would have to be rewritten to let go of it.
--
-- Inputs
--   listings_history_new  step 2's rows (every day in scope)
--   current_before        rows already in listings_current; those of a scope state whose day is before
--                         its from_dt still hold (the scope holds every later raw day of that state)
--   compaction_scope      (state, from_dt)
SELECT
  event_id, observed_at, source, search_area, property_id, listing_id,
  status, list_price, list_price_min, list_price_max, sold_price, price_reduced_amount,
  estimate, list_date, last_sold_date, last_update_date, beds, baths,
  sqft, lot_sqft, year_built, property_type, sub_type, stories,
  garage, address_line, city, state_code, postal_code, county,
  county_fips, lat, lon, is_price_reduced, is_new_listing, is_pending,
  is_contingent, is_foreclosure, is_new_construction, is_coming_soon, photo_count, href,
  price_per_sqft, days_on_market, lot_acres, property_age_years,
  previous_dt, previous_list_price, list_price_change, list_price_change_pct,
  previous_status, status_changed, days_since_listed, price_cuts, price_cut_total, first_cut_dt,
  previous_sold_price, previous_sold_date, sale_price, sale_date, first_contract_dt,
  dt, state
FROM (
  SELECT
    event_id, observed_at, source, search_area, property_id, listing_id,
    status, list_price, list_price_min, list_price_max, sold_price, price_reduced_amount,
    estimate, list_date, last_sold_date, last_update_date, beds, baths,
    sqft, lot_sqft, year_built, property_type, sub_type, stories,
    garage, address_line, city, state_code, postal_code, county,
    county_fips, lat, lon, is_price_reduced, is_new_listing, is_pending,
    is_contingent, is_foreclosure, is_new_construction, is_coming_soon, photo_count, href,
    price_per_sqft, days_on_market, lot_acres, property_age_years,
    previous_dt, previous_list_price, list_price_change, list_price_change_pct,
    previous_status, status_changed, days_since_listed, price_cuts, price_cut_total, first_cut_dt,
    previous_sold_price, previous_sold_date, sale_price, sale_date, first_contract_dt,
    dt, state,
    row_number() OVER (PARTITION BY property_id, state ORDER BY dt DESC NULLS LAST) AS recency
  FROM (
    SELECT
      event_id, observed_at, source, search_area, property_id, listing_id,
      status, list_price, list_price_min, list_price_max, sold_price, price_reduced_amount,
      estimate, list_date, last_sold_date, last_update_date, beds, baths,
      sqft, lot_sqft, year_built, property_type, sub_type, stories,
      garage, address_line, city, state_code, postal_code, county,
      county_fips, lat, lon, is_price_reduced, is_new_listing, is_pending,
      is_contingent, is_foreclosure, is_new_construction, is_coming_soon, photo_count, href,
      price_per_sqft, days_on_market, lot_acres, property_age_years,
      previous_dt, previous_list_price, list_price_change, list_price_change_pct,
      previous_status, status_changed, days_since_listed, price_cuts, price_cut_total, first_cut_dt,
      previous_sold_price, previous_sold_date, sale_price, sale_date, first_contract_dt,
      dt, state
    FROM listings_history_new
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
  ) candidates
) ranked
WHERE recency = 1
