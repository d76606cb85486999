-- rental_yield: what renting out a home would earn, per zip code and number of bedrooms.
-- One text for Athena/Trino and DuckDB (jobs/views/README.md lists the dialect rules it keeps).
--
-- Both sides are the listings seen on their state's latest observation day (listings_current keeps the last
-- state of listings that have since left the market; those are left out). Comparable homes have as many
-- bedrooms as the rentals they are compared with; a zip and bedroom count needs both sides to get a row.
--   rentals, median_monthly_rent        for_rent listings: the asking rent, or the low end of a rent range
--   comparable_sales, median_sale_price for-sale listings (under contract too): the asking price
--   gross_yield_pct                     12 * median_monthly_rent in percent of median_sale_price
--   price_to_rent_ratio                 median_sale_price / (12 * median_monthly_rent)
WITH latest AS (
  SELECT
    state, city, postal_code, beds, status, list_price, list_price_min, dt,
    max(dt) OVER (PARTITION BY state) AS state_last_dt
  FROM listings_current
),
sides AS (
  SELECT state, city, postal_code, beds, 'rent' AS side, CAST(coalesce(list_price, list_price_min) AS DOUBLE) AS price
  FROM latest
  WHERE dt = state_last_dt AND status = 'for_rent' AND coalesce(list_price, list_price_min) > 0
    AND beds IS NOT NULL AND postal_code IS NOT NULL
  UNION ALL
  SELECT state, city, postal_code, beds, 'sale' AS side, CAST(list_price AS DOUBLE) AS price
  FROM latest
  WHERE dt = state_last_dt
    AND status IN ('for_sale', 'ready_to_build', 'new_community', 'pending', 'contingent')
    AND list_price > 0 AND beds IS NOT NULL AND postal_code IS NOT NULL
),
ranked AS (
  SELECT
    state, city, postal_code, beds, side, price,
    row_number() OVER (PARTITION BY state, postal_code, beds, side ORDER BY price) AS rn,
    count(*) OVER (PARTITION BY state, postal_code, beds, side) AS cnt
  FROM sides
),
-- Exact median in both engines: the middle row, or the mean of the two middle rows (Athena has no median).
medians AS (
  SELECT
    state, postal_code, beds,
    max(city) AS city,
    max(CASE WHEN side = 'rent' THEN cnt END) AS rentals,
    avg(CASE WHEN side = 'rent' THEN price END) AS median_monthly_rent,
    max(CASE WHEN side = 'sale' THEN cnt END) AS comparable_sales,
    avg(CASE WHEN side = 'sale' THEN price END) AS median_sale_price
  FROM ranked
  WHERE 2 * rn IN (cnt, cnt + 1, cnt + 2)
  GROUP BY state, postal_code, beds
)
SELECT
  state, city, postal_code, beds, rentals, median_monthly_rent, comparable_sales, median_sale_price,
  12 * median_monthly_rent * 100 / median_sale_price AS gross_yield_pct,
  median_sale_price / (12 * median_monthly_rent) AS price_to_rent_ratio
FROM medians
WHERE rentals IS NOT NULL AND comparable_sales IS NOT NULL
