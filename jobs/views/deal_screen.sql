-- deal_screen: active listings priced per square foot at least 10% under the median of their comparables.
-- One text for Athena/Trino and DuckDB (jobs/views/README.md lists the dialect rules it keeps).
--
-- Comparables: the active listings of the same state, zip code, property type and size band, seen on their
-- state's latest observation day. A group needs at least 3 of them for its median to say anything.
-- The 10% is the screen's floor (DEAL_SCREEN_MIN_DISCOUNT_PCT in src/pipeline/investor-views.ts); ask for
-- deeper discounts with `realty query --view deal_screen --where "discount_pct >= 20"`.
--   size_band                    living area: under 1000, 1000-1999, 2000-2999, 3000+ sqft
--   median_price_per_sqft        exact median price per sqft of the comparables (the listing included)
--   discount_pct                 how far under that median, in percent
--   price_cuts, total_cut_amount list price cuts seen in listings_history (0 when none): listings_current
--                                carries them, so the view reads listings_current only
WITH latest AS (
  SELECT
    property_id, state, city, postal_code, address_line, property_type, status, beds, baths, sqft,
    list_price, price_per_sqft, days_on_market, list_date, is_price_reduced, price_reduced_amount,
    is_pending, is_contingent, lat, lon, href, dt, price_cuts, price_cut_total,
    max(dt) OVER (PARTITION BY state) AS state_last_dt
  FROM listings_current
),
active AS (
  SELECT
    property_id, state, city, postal_code, address_line, property_type, beds, baths, sqft,
    list_price, price_per_sqft, days_on_market, list_date, is_price_reduced, price_reduced_amount,
    lat, lon, href, dt, price_cuts, price_cut_total,
    -- Cast: Trino types a CASE of string literals varchar(10), DuckDB VARCHAR.
    CAST(CASE
      WHEN sqft < 1000 THEN 'under 1000'
      WHEN sqft < 2000 THEN '1000-1999'
      WHEN sqft < 3000 THEN '2000-2999'
      ELSE '3000+'
    END AS VARCHAR) AS size_band
  FROM latest
  WHERE dt = state_last_dt
    AND status IN ('for_sale', 'ready_to_build', 'new_community')
    AND NOT coalesce(is_pending, false)
    AND NOT coalesce(is_contingent, false)
    AND sqft > 0 AND price_per_sqft > 0
),
ranked AS (
  SELECT
    property_id, state, postal_code, property_type, size_band, price_per_sqft,
    row_number() OVER (PARTITION BY state, postal_code, property_type, size_band ORDER BY price_per_sqft) AS rn,
    count(*) OVER (PARTITION BY state, postal_code, property_type, size_band) AS cnt
  FROM active
),
-- Exact median in both engines: the middle row, or the mean of the two middle rows (Athena has no median).
medians AS (
  SELECT state, postal_code, property_type, size_band, max(cnt) AS comparables, avg(price_per_sqft) AS median_price_per_sqft
  FROM ranked
  WHERE 2 * rn IN (cnt, cnt + 1, cnt + 2)
  GROUP BY state, postal_code, property_type, size_band
)
SELECT
  a.property_id, a.state, a.city, a.postal_code, a.address_line, a.property_type, a.size_band,
  a.beds, a.baths, a.sqft, a.list_price, a.price_per_sqft,
  m.median_price_per_sqft, m.comparables,
  100 * (m.median_price_per_sqft - a.price_per_sqft) / m.median_price_per_sqft AS discount_pct,
  a.days_on_market, a.list_date,
  coalesce(a.price_cuts, 0) AS price_cuts,
  coalesce(a.price_cut_total, 0) AS total_cut_amount,
  a.is_price_reduced, a.price_reduced_amount,
  a.lat, a.lon, a.href, a.dt
FROM active a
JOIN medians m
  ON m.state = a.state
  AND m.postal_code IS NOT DISTINCT FROM a.postal_code
  AND m.property_type IS NOT DISTINCT FROM a.property_type
  AND m.size_band = a.size_band
WHERE m.comparables >= 3
  AND a.price_per_sqft * 100 <= m.median_price_per_sqft * (100 - 10)
